# Main paper (Caron et al.), simulated regression E1 (spec §2.1) and implementation checks AS-C1..AS-C3.

AS_SIM = f"{RESULTS}/asymmetric/simulated"
AS_SIM_FIG = f"{FIGDIR}/asymmetric/simulated"
AS_F1_PANELS = ["trainrisk", "testrisk", "wdiff", "ntkdiff", "ntkmineig"]

FIGURES.extend(f"{AS_SIM_FIG}/{panel}.{ext}" for panel in AS_F1_PANELS for ext in ("pdf", "png"))
CLAIM_INPUTS.extend([f"{RESULTS}/asymmetric/checks.json", f"{AS_SIM}/runs.npz", f"{AS_SIM}/data.json"])


rule asymmetric_checks:
    input:
        cfg=config_file("asymmetric"),
    output:
        f"{RESULTS}/asymmetric/checks.json",
    log:
        f"{LOGS}/asymmetric/checks.log",
    benchmark:
        f"{RESULTS}/benchmarks/asymmetric_checks.tsv"
    resources: **declared_resources("asymmetric_checks")
    conda:
        CONDA_ENV
    shell:
        "python -m lazyrich.asymmetric.checks --config {input.cfg} --out {output} > {log} 2>&1"


rule asymmetric_simulated_data:
    input:
        cfg=config_file("asymmetric"),
    output:
        data=f"{AS_SIM}/data.npz",
        meta=f"{AS_SIM}/data.json",
    log:
        f"{LOGS}/asymmetric/simulated_data.log",
    benchmark:
        f"{RESULTS}/benchmarks/asymmetric_simulated_data.tsv"
    resources: **declared_resources("asymmetric_simulated_data")
    conda:
        CONDA_ENV
    shell:
        "python -m lazyrich.asymmetric.simulated_data --config {input.cfg} --out {output.data} "
        "--meta {output.meta} > {log} 2>&1"


rule asymmetric_simulated_train:
    input:
        cfg=config_file("asymmetric"),
        data=f"{AS_SIM}/data.npz",
    output:
        f"{AS_SIM}/runs.npz",
    log:
        f"{LOGS}/asymmetric/simulated_train.log",
    benchmark:
        f"{RESULTS}/benchmarks/asymmetric_simulated_train.tsv"
    resources: **declared_resources("asymmetric_simulated_train")
    conda:
        CONDA_ENV
    shell:
        "python -m lazyrich.asymmetric.train --config {input.cfg} --section-key simulated "
        "--data {input.data} --out {output} > {log} 2>&1"


rule asymmetric_simulated_figures:
    input:
        f"{AS_SIM}/runs.npz",
    output:
        pdf=[f"{AS_SIM_FIG}/{panel}.pdf" for panel in AS_F1_PANELS],
        png=[
            report(
                f"{AS_SIM_FIG}/{panel}.png",
                caption=f"../report/asymmetric/as_f1_{panel}.rst",
                category="Main paper: asymmetric scaling",
                subcategory="AS-F1 simulated regression",
            )
            for panel in AS_F1_PANELS
        ],
    log:
        f"{LOGS}/asymmetric/simulated_figures.log",
    benchmark:
        f"{RESULTS}/benchmarks/asymmetric_simulated_figures.tsv"
    resources: **declared_resources("asymmetric_simulated_figures")
    conda:
        CONDA_ENV
    params:
        outdir=lambda wildcards, output: os.path.dirname(output.pdf[0]),
        panels=AS_F1_PANELS,
    shell:
        "python -m lazyrich.asymmetric.figures --runs {input} --outdir {params.outdir} "
        "--panels {params.panels} > {log} 2>&1"


# paper-scale part that fits a 2-core CPU (target paper_cpu_asymmetric_simulated, workflow/paper_cpu.smk):
# the simulated experiment E1 (AS-F1) and the implementation checks
PAPER_CPU_PARTS["asymmetric_simulated"] = [f"{AS_SIM_FIG}/{panel}.{ext}" for panel in AS_F1_PANELS for ext in ("pdf", "png")] + [
    f"{RESULTS}/asymmetric/checks.json", f"{AS_SIM}/runs.npz", f"{AS_SIM}/data.json"]
