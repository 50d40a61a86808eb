# Orthogonal inputs (Boursier, Pillaud-Vivien, Flammarion, NeurIPS 2022): experiments E1, E1-LR (OI-C9),
# E1-S, E2, E3, E4, X1, X1-C, their closed forms, figures OI-F1..OI-F9 and claims OI-C1..OI-C21.
# Spec: shared/specs/orthogonal-inputs.md; docs: docs/orthogonal.md.

OI_RES = f"{RESULTS}/orthogonal"
OI_FIG = f"{FIGDIR}/orthogonal"
OI_EXPERIMENTS = ["e1", "e1s", "e2", "e3", "e4", "x1", "x1c"] + (
    ["e1_lr"] if config["orthogonal"]["e1_lr"]["enabled"] else []
)
# single-threaded BLAS: the runs are small (overhead-bound) and E4 flushes denormals per thread
OI_ENV = "OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1"
OI_GROUPS = {
    "one_d": ["oi_f1", "oi_f2", "oi_f3", "oi_f4", "oi_f5", "oi_f6", "oi_f7"],
    "e4": ["oi_f8"],
    "x1": ["oi_f9"],
}
OI_GROUP_INPUTS = {
    "one_d": ["e1", "e1s", "e2", "e3"],
    "e4": ["e4"],
    "x1": ["x1", "x1c"],
}
OI_CAPTION = {
    "oi_f1": "OI-F1 timeline (paper Fig. 1)",
    "oi_f2": "OI-F2 state of training, E1 (paper Fig. 2)",
    "oi_f3": "OI-F3 E1 loss profile",
    "oi_f4": "OI-F4 early alignment, E1",
    "oi_f5": "OI-F5 escape times vs ln(1/lambda), E1-S",
    "oi_f6": "OI-F6 non-orthogonal 1-D example, E2",
    "oi_f7": "OI-F7 large initialisation (lazy), E3",
    "oi_f8": "OI-F8 high-dimensional example, E4",
    "oi_f9": "OI-F9 closed-form limit, X1 / X1-C",
}

FIGURES.extend(f"{OI_FIG}/{f}.{ext}" for fs in OI_GROUPS.values() for f in fs for ext in ("pdf", "png"))
CLAIM_INPUTS.extend(f"{OI_RES}/{e}_runs.npz" for e in OI_EXPERIMENTS)
CLAIM_INPUTS.append(f"{OI_RES}/closed_forms.json")


rule orthogonal_train:
    input:
        cfg=config_file("orthogonal"),
    output:
        f"{OI_RES}/{{exp}}_runs.npz",
    wildcard_constraints:
        exp="|".join(OI_EXPERIMENTS),
    log:
        f"{LOGS}/orthogonal/train_{{exp}}.log",
    benchmark:
        f"{RESULTS}/benchmarks/orthogonal_train_{{exp}}.tsv"
    params:
        blas=OI_ENV,
    resources: **declared_resources("orthogonal_train")
    conda:
        CONDA_ENV
    shell:
        "{params.blas} python -m lazyrich.orthogonal.train --config {input.cfg} --experiment {wildcards.exp} "
        "--out {output} > {log} 2>&1"


rule orthogonal_closed_forms:
    input:
        cfg=config_file("orthogonal"),
    output:
        f"{OI_RES}/closed_forms.json",
    log:
        f"{LOGS}/orthogonal/closed_forms.log",
    benchmark:
        f"{RESULTS}/benchmarks/orthogonal_closed_forms.tsv"
    resources: **declared_resources("orthogonal_closed_forms")
    conda:
        CONDA_ENV
    shell:
        "python -m lazyrich.orthogonal.theory --config {input.cfg} --out {output} > {log} 2>&1"


for _group, _figs in OI_GROUPS.items():

    rule:
        name:
            f"orthogonal_figures_{_group}"
        input:
            cfg=config_file("orthogonal"),
            theory=f"{OI_RES}/closed_forms.json",
            runs=[f"{OI_RES}/{e}_runs.npz" for e in OI_GROUP_INPUTS[_group]],
        output:
            pdf=[f"{OI_FIG}/{f}.pdf" for f in _figs],
            png=[
                report(
                    f"{OI_FIG}/{f}.png",
                    caption=f"../report/orthogonal/{f}.rst",
                    category="Orthogonal inputs (Boursier et al. 2022)",
                    subcategory=OI_CAPTION[f],
                )
                for f in _figs
            ],
        params:
            group=_group,
            results=lambda wildcards, input: os.path.dirname(input.theory),
            outdir=lambda wildcards, output: os.path.dirname(output.pdf[0]),
        log:
            f"{LOGS}/orthogonal/figures_{_group}.log",
        benchmark:
            f"{RESULTS}/benchmarks/orthogonal_figures_{_group}.tsv"
        resources: **declared_resources(f"orthogonal_figures_{_group}")
        conda:
            CONDA_ENV
        shell:
            "python -m lazyrich.orthogonal.figures --group {params.group} --config {input.cfg} "
            "--results {params.results} --outdir {params.outdir} > {log} 2>&1"


# paper-scale part that fits a 2-core CPU (target paper_cpu_orthogonal, workflow/paper_cpu.smk): everything
PAPER_CPU_PARTS["orthogonal"] = [f for f in FIGURES if f.startswith(f"{OI_FIG}/")] + [
    f for f in CLAIM_INPUTS if f.startswith(f"{OI_RES}/")]
