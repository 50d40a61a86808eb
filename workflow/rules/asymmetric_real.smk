# Main paper on real data (lazyrich.asymmetric.real): UCI (E2), MNIST (E3), CIFAR-10 (E4), pruning, transfer,
# figures AS-F2..AS-F9; claims AS-C10..AS-C21 (src/lazyrich/asymmetric/real/claims.py).

from lazyrich.asymmetric.real.figures import figure_names

ASR = SECTIONS["asymmetric_real"]
ASR_UCI = list(ASR["uci"]["datasets"])
ASR_GD = ASR_UCI + ["mnist"]
ASR_ALL = ASR_GD + ["cifar10"]
ASR_RES = f"{RESULTS}/asymmetric_real"
ASR_FIG = f"{FIGDIR}/asymmetric_real"
ASR_FIGURE_IDS = {"trainrisk": "f2", "testrisk": "f2", "wdiff": "f2", "ntkdiff": "f2", "ntkmineig": "f2",
                  "prune_trainrisk": "f3", "prune_testrisk": "f3", "transfer_trainrisk": "f4", "transfer_testrisk": "f4"}


# prepared data file and caption file of an experiment (one-liners, kept as lambdas for snakemake --lint)
asr_data = lambda exp: f"{RESULTS}/data/uci_{exp}.npz" if exp in ASR_UCI else f"{RESULTS}/data/{exp}.npz"
asr_caption = lambda exp, name: f"../report/asymmetric_real/{'uci' if exp in ASR_UCI else exp}_{name}.rst"


# datasets an experiment needs (CIFAR-10 also needs the ImageNet ResNet-18 weights of its feature map)
asr_needs = lambda exp: ["cifar10", "resnet18"] if exp == "cifar10" else [exp]


for _exp in ASR_ALL:
    FIGURES.extend(needs_data(asr_needs(_exp), [f"{ASR_FIG}/{_exp}/{n}.{ext}" for n in figure_names(_exp) for ext in ("pdf", "png")]))
    CLAIM_INPUTS.extend(needs_data(asr_needs(_exp), [f"{ASR_RES}/{_exp}/{r}.npz" for r in ("runs", "prune", "transfer")
                                                     if r != "transfer" or _exp != "cifar10"]))


rule asymmetric_real_train_gd:
    input: cfg=config_file("asymmetric_real"), data=lambda wc: asr_data(wc.exp)
    output: f"{ASR_RES}/{{exp}}/runs.npz"
    wildcard_constraints: exp="airfoil|concrete|energy|plant|mnist"
    threads: 2
    log: f"{LOGS}/asymmetric_real/train_{{exp}}.log"
    benchmark: f"{RESULTS}/benchmarks/asymmetric_real_train_{{exp}}.tsv"
    resources: **declared_resources("asymmetric_real_train_gd")
    conda: CONDA_ENV
    shell: "python -m lazyrich.asymmetric.real.train --config {input.cfg} --experiment {wildcards.exp} "
           "--data {input.data} --threads {threads} --out {output} > {log} 2>&1"


rule asymmetric_real_prune:
    input: cfg=config_file("asymmetric_real"), runs=f"{ASR_RES}/{{exp}}/runs.npz", data=lambda wc: asr_data(wc.exp)
    output: f"{ASR_RES}/{{exp}}/prune.npz"
    wildcard_constraints: exp="airfoil|concrete|energy|plant|mnist"
    threads: 2
    log: f"{LOGS}/asymmetric_real/prune_{{exp}}.log"
    benchmark: f"{RESULTS}/benchmarks/asymmetric_real_prune_{{exp}}.tsv"
    resources: **declared_resources("asymmetric_real_prune")
    conda: CONDA_ENV
    shell: "python -m lazyrich.asymmetric.real.evaluate --config {input.cfg} --experiment {wildcards.exp} --what prune "
           "--runs {input.runs} --data {input.data} --out {output} > {log} 2>&1"


rule asymmetric_real_transfer:
    input: cfg=config_file("asymmetric_real"), runs=f"{ASR_RES}/{{exp}}/runs.npz", data=lambda wc: asr_data(wc.exp)
    output: f"{ASR_RES}/{{exp}}/transfer.npz"
    wildcard_constraints: exp="airfoil|concrete|energy|plant|mnist"
    threads: 2
    log: f"{LOGS}/asymmetric_real/transfer_{{exp}}.log"
    benchmark: f"{RESULTS}/benchmarks/asymmetric_real_transfer_{{exp}}.tsv"
    resources: **declared_resources("asymmetric_real_transfer")
    conda: CONDA_ENV
    shell: "python -m lazyrich.asymmetric.real.evaluate --config {input.cfg} --experiment {wildcards.exp} --what transfer "
           "--runs {input.runs} --data {input.data} --out {output} > {log} 2>&1"


rule asymmetric_real_cifar_features:
    input: cfg=config_file("asymmetric_real"), data_cfg=config_file("data"), data=f"{RESULTS}/data/cifar10.npz"
    output: f"{ASR_RES}/cifar10/features.npz"
    params: cache=f"{ASR_RES}/cifar10/feature_cache"
    threads: 2
    log: f"{LOGS}/asymmetric_real/cifar_features.log"
    benchmark: f"{RESULTS}/benchmarks/asymmetric_real_cifar_features.tsv"
    resources: **declared_resources("asymmetric_real_cifar_features")
    conda: CONDA_ENV
    shell: "python -m lazyrich.asymmetric.real.cifar features --config {input.cfg} --data-config {input.data_cfg} "
           "--data {input.data} --cache-dir {params.cache} --out {output} > {log} 2>&1"


rule asymmetric_real_cifar_train:
    input: cfg=config_file("asymmetric_real"), data_cfg=config_file("data"), data=f"{RESULTS}/data/cifar10.npz",
           features=f"{ASR_RES}/cifar10/features.npz"
    output: f"{ASR_RES}/cifar10/runs.npz"
    threads: 2
    log: f"{LOGS}/asymmetric_real/train_cifar10.log"
    benchmark: f"{RESULTS}/benchmarks/asymmetric_real_train_cifar10.tsv"
    resources: **declared_resources("asymmetric_real_cifar_train")
    conda: CONDA_ENV
    shell: "python -m lazyrich.asymmetric.real.cifar train --config {input.cfg} --data-config {input.data_cfg} "
           "--data {input.data} --features {input.features} --out {output} > {log} 2>&1"


rule asymmetric_real_cifar_prune:
    input: cfg=config_file("asymmetric_real"), runs=f"{ASR_RES}/cifar10/runs.npz", features=f"{ASR_RES}/cifar10/features.npz"
    output: f"{ASR_RES}/cifar10/prune.npz"
    threads: 2
    log: f"{LOGS}/asymmetric_real/prune_cifar10.log"
    benchmark: f"{RESULTS}/benchmarks/asymmetric_real_prune_cifar10.tsv"
    resources: **declared_resources("asymmetric_real_cifar_prune")
    conda: CONDA_ENV
    shell: "python -m lazyrich.asymmetric.real.evaluate --config {input.cfg} --experiment cifar10 --what prune "
           "--runs {input.runs} --features {input.features} --out {output} > {log} 2>&1"


for _exp in ASR_ALL:
    _has_transfer = _exp != "cifar10"
    rule:
        name: f"asymmetric_real_figures_{_exp}"
        input:
            runs=f"{ASR_RES}/{_exp}/runs.npz",
            prune=f"{ASR_RES}/{_exp}/prune.npz",
            transfer=[f"{ASR_RES}/{_exp}/transfer.npz"] if _has_transfer else [],
        output:
            [report(f"{ASR_FIG}/{_exp}/{n}.png", caption=asr_caption(_exp, n), category="Main paper, real data",
                    subcategory=_exp) for n in figure_names(_exp)]
            + [f"{ASR_FIG}/{_exp}/{n}.pdf" for n in figure_names(_exp)]
        params: exp=_exp, outdir=lambda wildcards, output: os.path.dirname(output[0]), transfer=(f"--transfer {ASR_RES}/{_exp}/transfer.npz" if _has_transfer else "")
        log: f"{LOGS}/asymmetric_real/figures_{_exp}.log"
        benchmark: f"{RESULTS}/benchmarks/asymmetric_real_figures_{_exp}.tsv"
        resources: **declared_resources(f"asymmetric_real_figures_{_exp}")
        conda: CONDA_ENV
        shell: "python -m lazyrich.asymmetric.real.figures --experiment {params.exp} --runs {input.runs} "
               "--prune {input.prune} {params.transfer} --outdir {params.outdir} > {log} 2>&1"
