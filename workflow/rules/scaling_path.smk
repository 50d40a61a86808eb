# The scaling path (Neumayer, Chizat, Unser, JMLR 2024): endpoints E1 + exact-HK S5, GD E4, VP path E2,
# cross-evaluation E5, Figures SP-F1..F5, Table SP-T1 and claims SP-C1..SP-C14.
# Spec: shared/specs/scaling-path.md; docs: docs/scaling_path.md.

SP_RES = f"{RESULTS}/scaling_path"
SP_FIG = f"{FIGDIR}/scaling_path"
SP_FIGS = ["sp_f1_data", "sp_f2_path", "sp_f3_vp_vs_gd", "sp_f4_gap", "sp_f5_values"]
SP_CAPTION = {
    "sp_f1_data": "SP-F1 data (paper Fig. 1)",
    "sp_f2_path": "SP-F2 scaling-path solutions (paper Fig. 2)",
    "sp_f3_vp_vs_gd": "SP-F3 VP vs GD along alpha = beta (paper Fig. 3)",
    "sp_f4_gap": "SP-F4 objective gaps (paper Fig. 4)",
    "sp_f5_values": "SP-F5 value along the path (added diagnostic)",
}

FIGURES.extend(f"{SP_FIG}/{f}.{ext}" for f in SP_FIGS for ext in ("pdf", "png"))
FIGURES.append(f"{SP_RES}/table2.md")
CLAIM_INPUTS.extend(f"{SP_RES}/{name}" for name in ("endpoints.npz", "gd.npz", "vp.npz", "cross.npz", "table2.csv"))


rule scaling_path_endpoints:
    input: cfg=config_file("scaling_path")
    output: f"{SP_RES}/endpoints.npz"
    log: f"{LOGS}/scaling_path/endpoints.log"
    benchmark: f"{RESULTS}/benchmarks/scaling_path_endpoints.tsv"
    resources: **declared_resources("scaling_path_endpoints")
    conda: CONDA_ENV
    shell: "python -m lazyrich.scaling_path.run_endpoints --config {input.cfg} --out {output} > {log} 2>&1"


rule scaling_path_gd:
    input: cfg=config_file("scaling_path")
    output: f"{SP_RES}/gd.npz"
    log: f"{LOGS}/scaling_path/gd.log"
    benchmark: f"{RESULTS}/benchmarks/scaling_path_gd.tsv"
    resources: **declared_resources("scaling_path_gd")
    conda: CONDA_ENV
    shell: "python -m lazyrich.scaling_path.run_gd --config {input.cfg} --out {output} > {log} 2>&1"


rule scaling_path_vp:
    input: cfg=config_file("scaling_path"), endpoints=f"{SP_RES}/endpoints.npz"
    output: f"{SP_RES}/vp.npz"
    log: f"{LOGS}/scaling_path/vp.log"
    benchmark: f"{RESULTS}/benchmarks/scaling_path_vp.tsv"
    threads: config["scaling_path"]["threads"]
    resources: **declared_resources("scaling_path_vp")
    conda: CONDA_ENV
    shell:
        "python -m lazyrich.scaling_path.run_vp --config {input.cfg} --endpoints {input.endpoints} "
        "--out {output} > {log} 2>&1"


rule scaling_path_cross:
    input: cfg=config_file("scaling_path"), gd=f"{SP_RES}/gd.npz", vp=f"{SP_RES}/vp.npz"
    output: npz=f"{SP_RES}/cross.npz", csv=f"{SP_RES}/cross.csv"
    log: f"{LOGS}/scaling_path/cross.log"
    benchmark: f"{RESULTS}/benchmarks/scaling_path_cross.tsv"
    threads: config["scaling_path"]["threads"]
    resources: **declared_resources("scaling_path_cross")
    conda: CONDA_ENV
    shell:
        "python -m lazyrich.scaling_path.run_cross --config {input.cfg} --gd {input.gd} --vp {input.vp} "
        "--out {output.npz} --csv {output.csv} > {log} 2>&1"


rule scaling_path_table:
    input: cross=f"{SP_RES}/cross.npz", vp=f"{SP_RES}/vp.npz"
    output:
        csv=f"{SP_RES}/table2.csv",
        md=report(f"{SP_RES}/table2.md", caption="../report/scaling_path/sp_t1_table2.rst",
                  category="Scaling path", subcategory="SP-T1 Table 2"),
    log: f"{LOGS}/scaling_path/table.log"
    params: profile=PROFILE
    resources: **declared_resources("scaling_path_table")
    conda: CONDA_ENV
    shell:
        "python -m lazyrich.scaling_path.make_table --cross {input.cross} --vp {input.vp} --csv {output.csv} "
        "--markdown {output.md} "
        "--profile {params.profile} > {log} 2>&1"


rule scaling_path_figures:
    input:
        cfg=config_file("scaling_path"), endpoints=f"{SP_RES}/endpoints.npz", vp=f"{SP_RES}/vp.npz",
        gd=f"{SP_RES}/gd.npz", cross=f"{SP_RES}/cross.npz",
    output:
        [report(f"{SP_FIG}/{f}.png", caption=f"../report/scaling_path/{f}.rst", category="Scaling path",
                subcategory=SP_CAPTION[f]) for f in SP_FIGS],
        [f"{SP_FIG}/{f}.pdf" for f in SP_FIGS],
        meta=f"{SP_RES}/figures_meta.json",
    log: f"{LOGS}/scaling_path/figures.log"
    params: outdir=lambda wildcards, output: os.path.dirname(output[0])
    resources: **declared_resources("scaling_path_figures")
    conda: CONDA_ENV
    shell:
        "python -m lazyrich.scaling_path.make_figures --config {input.cfg} --endpoints {input.endpoints} "
        "--vp {input.vp} --gd {input.gd} --cross {input.cross} --outdir {params.outdir} --meta {output.meta} > {log} 2>&1"
