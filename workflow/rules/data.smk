# Shared data preparation (lazyrich.data): verified raw files -> results/<P>/data/*.npz.
# Contract: docs/architecture.md, "Data preparation contract". Smoke writes stand-in files first.
# The checkpoint data_inventory decides which datasets this run can use (workflow/common.smk).

from lazyrich.data.inventory import raw_signature

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
        resources: **declared_resources("data_standins")
        conda: CONDA_ENV
        shell: "python -m lazyrich.data.standins --config {input.cfg} --out {params.out} > {log} 2>&1"


# raw_signature (effective data folder + stat of the raw files) reruns a rule when LAZYRICH_DATA_DIR or a raw
# file changes; the stand-in files are DAG inputs instead.
checkpoint data_inventory:
    input: cfg=config_file("data"), raw=data_raw_inputs
    output: f"{RESULTS}/data/inventory.json"
    params: raw=lambda wildcards: "" if DATA_CFG["standin"] else raw_signature(DATA_CFG)
    log: f"{LOGS}/data/inventory.log"
    benchmark: f"{RESULTS}/benchmarks/data_inventory.tsv"
    resources: **declared_resources("data_inventory")
    conda: CONDA_ENV
    shell: "python -m lazyrich.data.inventory --config {input.cfg} --out {output} > {log} 2>&1"


rule data_prepare:
    input: cfg=config_file("data"), raw=data_raw_inputs
    output: f"{RESULTS}/data/{{file}}.npz"
    wildcard_constraints: file="uci_airfoil|uci_concrete|uci_energy|uci_plant|mnist|cifar10"
    params:
        dataset=lambda wildcards: wildcards.file.removeprefix("uci_"),
        raw=lambda wildcards: "" if DATA_CFG["standin"] else raw_signature(DATA_CFG, wildcards.file.removeprefix("uci_")),
    log: f"{LOGS}/data/{{file}}.log"
    benchmark: f"{RESULTS}/benchmarks/data_{{file}}.tsv"
    resources: **declared_resources("data_prepare")
    conda: CONDA_ENV
    shell: "python -m lazyrich.data.prepare --config {input.cfg} --dataset {params.dataset} --out {output} > {log} 2>&1"
