# Shared data preparation (lazyrich.data): verified raw files -> results/<P>/data/*.npz.
# Contract: docs/architecture.md, "Data preparation contract". Smoke writes stand-in files first.

DATA_CFG = SECTIONS["data"]
DATA_STANDIN_MANIFEST = f"{DATA_CFG['data_dir']}/standin_manifest.json" if DATA_CFG["standin"] else None


# Stand-in mode: the prepared files depend on the stand-in writer; otherwise on nothing in the DAG.
data_raw_inputs = lambda wildcards=None: [DATA_STANDIN_MANIFEST] if DATA_STANDIN_MANIFEST else []


if DATA_CFG["standin"]:
    rule data_standins:
        input: cfg=config_file("data")
        output: DATA_STANDIN_MANIFEST
        log: f"{LOGS}/data/standins.log"
        benchmark: f"{RESULTS}/benchmarks/data_standins.tsv"
        params: out=lambda wildcards, output: os.path.dirname(output[0])
        conda: CONDA_ENV
        shell: "python -m lazyrich.data.standins --config {input.cfg} --out {params.out} > {log} 2>&1"


rule data_uci:
    input: cfg=config_file("data"), raw=data_raw_inputs
    output: f"{RESULTS}/data/uci_{{name}}.npz"
    wildcard_constraints: name="airfoil|concrete|energy|plant"
    log: f"{LOGS}/data/uci_{{name}}.log"
    benchmark: f"{RESULTS}/benchmarks/data_uci_{{name}}.tsv"
    conda: CONDA_ENV
    shell: "python -m lazyrich.data.prepare --config {input.cfg} --dataset {wildcards.name} --out {output} > {log} 2>&1"


rule data_mnist:
    input: cfg=config_file("data"), raw=data_raw_inputs
    output: f"{RESULTS}/data/mnist.npz"
    log: f"{LOGS}/data/mnist.log"
    benchmark: f"{RESULTS}/benchmarks/data_mnist.tsv"
    conda: CONDA_ENV
    shell: "python -m lazyrich.data.prepare --config {input.cfg} --dataset mnist --out {output} > {log} 2>&1"


rule data_cifar10:
    input: cfg=config_file("data"), raw=data_raw_inputs
    output: f"{RESULTS}/data/cifar10.npz"
    log: f"{LOGS}/data/cifar10.log"
    benchmark: f"{RESULTS}/benchmarks/data_cifar10.tsv"
    conda: CONDA_ENV
    shell: "python -m lazyrich.data.prepare --config {input.cfg} --dataset cifar10 --out {output} > {log} 2>&1"
