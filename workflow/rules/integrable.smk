# Integrable parameterizations (Hajjar, Chizat & Giraud 2024; spec prefix IP): IP-E1 ... IP-E6,
# figures IP-F1 ... IP-F5, tables IP-T3 ... IP-T6, beyond-the-paper figures IP-X1 ... IP-X4.
# Inputs: the shared prepared datasets results/<P>/data/{mnist,cifar10}.npz (data.smk).

IP_CFG = SECTIONS["integrable"]
IP_RES = f"{RESULTS}/integrable"
IP_FIG = f"{FIGDIR}/integrable"


# the integrable results folder, derived from a rule's inputs (the first .npz input)
IP_RES_OF = lambda input: os.path.dirname(next(f for f in input if f.endswith(".npz")))
IP_CAT = "Integrable parameterizations (Hajjar et al.)"
IP_ACTS = ["relu", "gelu", "elu", "tanh"]
IP_DATASETS = [d for d in ("mnist", "cifar10") if IP_CFG["training"]["models"][d]]
IP_RUNS = [f"{IP_RES}/runs_{d}_{a}.npz" for d in IP_DATASETS for a in IP_ACTS]
IP_CURVE_FIGS = ["IP-F1_loss_naive_vs_ipllr", "IP-F2_output_naive_vs_ipllr", "IP-F4_output_alternatives",
                 "IP-F5_loss_alternatives", "IP-X4_loss_mup_and_cifar"]
IP_TABLES = ["IP-T3", "IP-T4", "IP-T5", "IP-T6"]
IP_THREADS = 2


ip_figs = lambda stems: [f"{IP_FIG}/{s}.{ext}" for s in stems for ext in ("pdf", "png")]
ip_report = lambda stems, subcategory: [report(f"{IP_FIG}/{s}.png", caption=f"../report/integrable/{s.split('_')[0]}.rst",
                                                category=IP_CAT, subcategory=subcategory) for s in stems]


# the curve figures and the accuracy tables read the runs of every dataset; the other experiments read MNIST
FIGURES.extend(needs_data(IP_DATASETS, ip_figs(IP_CURVE_FIGS + IP_TABLES) + [f"{IP_FIG}/accuracy_tables.md"]))
FIGURES.extend(needs_data(["mnist"], ip_figs(["IP-F3_ranks_after_one_step", "IP-X3_first_update_ranks",
                                              "IP-X1_scales_vs_width", "IP-X2_depth_threshold"])))
for _d in IP_DATASETS:
    CLAIM_INPUTS.extend(needs_data([_d], [f"{IP_RES}/runs_{_d}_{a}.npz" for a in IP_ACTS]))
CLAIM_INPUTS.extend(needs_data(["mnist"], [f"{IP_RES}/{f}" for f in ("checks.json", "scales.npz", "ranks.npz", "depth.npz")]))


rule integrable_prepare:
    input: raw=f"{RESULTS}/data/{{dataset}}.npz"
    output: f"{IP_RES}/prepared_{{dataset}}.npz"
    wildcard_constraints: dataset="mnist|cifar10"
    log: f"{LOGS}/integrable/prepare_{{dataset}}.log"
    benchmark: f"{RESULTS}/benchmarks/integrable_prepare_{{dataset}}.tsv"
    resources: **declared_resources("integrable_prepare")
    conda: CONDA_ENV
    shell: "python -m lazyrich.integrable.datasets --dataset {wildcards.dataset} --raw {input.raw} --out {output} > {log} 2>&1"


rule integrable_cost:
    input: cfg=config_file("integrable")
    output: f"{IP_RES}/cost.json"
    log: f"{LOGS}/integrable/cost.log"
    resources: **declared_resources("integrable_cost")
    conda: CONDA_ENV
    shell: "python -m lazyrich.integrable.cost --config {input.cfg} --out {output} 2> {log}"


rule integrable_train:
    input: cfg=config_file("integrable"), data=f"{IP_RES}/prepared_{{dataset}}.npz", cost=f"{IP_RES}/cost.json"
    output: f"{IP_RES}/runs_{{dataset}}_{{activation}}.npz"
    wildcard_constraints: dataset="mnist|cifar10", activation="relu|gelu|elu|tanh"
    threads: IP_THREADS
    log: f"{LOGS}/integrable/train_{{dataset}}_{{activation}}.log"
    benchmark: f"{RESULTS}/benchmarks/integrable_train_{{dataset}}_{{activation}}.tsv"
    resources: **declared_resources("integrable_train")
    conda: CONDA_ENV
    shell:
        "LAZYRICH_THREADS={threads} python -m lazyrich.integrable.train --config {input.cfg} --data {input.data} "
        "--dataset {wildcards.dataset} --activation {wildcards.activation} --out {output} > {log} 2>&1"


rule integrable_checks:
    input: cfg=config_file("integrable"), data=f"{IP_RES}/prepared_mnist.npz"
    output: f"{IP_RES}/checks.json"
    threads: IP_THREADS
    log: f"{LOGS}/integrable/checks.log"
    benchmark: f"{RESULTS}/benchmarks/integrable_checks.tsv"
    resources: **declared_resources("integrable_checks")
    conda: CONDA_ENV
    shell: "LAZYRICH_THREADS={threads} python -m lazyrich.integrable.checks --config {input.cfg} --data {input.data} --out {output} > {log} 2>&1"


rule integrable_scales:
    input: cfg=config_file("integrable"), data=f"{IP_RES}/prepared_mnist.npz"
    output: f"{IP_RES}/scales.npz"
    threads: IP_THREADS
    log: f"{LOGS}/integrable/scales.log"
    benchmark: f"{RESULTS}/benchmarks/integrable_scales.tsv"
    resources: **declared_resources("integrable_scales")
    conda: CONDA_ENV
    shell: "LAZYRICH_THREADS={threads} python -m lazyrich.integrable.run_scales --config {input.cfg} --data {input.data} --out {output} > {log} 2>&1"


rule integrable_ranks:
    input: cfg=config_file("integrable"), data=f"{IP_RES}/prepared_mnist.npz"
    output: f"{IP_RES}/ranks.npz"
    threads: IP_THREADS
    log: f"{LOGS}/integrable/ranks.log"
    benchmark: f"{RESULTS}/benchmarks/integrable_ranks.tsv"
    resources: **declared_resources("integrable_ranks")
    conda: CONDA_ENV
    shell: "LAZYRICH_THREADS={threads} python -m lazyrich.integrable.run_ranks --config {input.cfg} --data {input.data} --out {output} > {log} 2>&1"


rule integrable_depth:
    input: cfg=config_file("integrable"), data=f"{IP_RES}/prepared_mnist.npz", cost=f"{IP_RES}/cost.json"
    output: f"{IP_RES}/depth.npz"
    threads: IP_THREADS
    log: f"{LOGS}/integrable/depth.log"
    benchmark: f"{RESULTS}/benchmarks/integrable_depth.tsv"
    resources: **declared_resources("integrable_depth")
    conda: CONDA_ENV
    shell: "LAZYRICH_THREADS={threads} python -m lazyrich.integrable.run_depth --config {input.cfg} --data {input.data} --out {output} > {log} 2>&1"


rule integrable_figures_curves:
    input: cfg=config_file("integrable"), runs=IP_RUNS
    output: pdf=[f"{IP_FIG}/{s}.pdf" for s in IP_CURVE_FIGS], png=ip_report(IP_CURVE_FIGS, "Training curves (IP-F1, IP-F2, IP-F4, IP-F5, IP-X4)")
    log: f"{LOGS}/integrable/figures_curves.log"
    benchmark: f"{RESULTS}/benchmarks/integrable_figures_curves.tsv"
    params: results=lambda wildcards, input: IP_RES_OF(input), figdir=lambda wildcards, output: os.path.dirname(output.pdf[0] if isinstance(output.pdf, list) else output.pdf)
    resources: **declared_resources("integrable_figures_curves")
    conda: CONDA_ENV
    shell: "python -m lazyrich.integrable.figures --config {input.cfg} --results {params.results} --figdir {params.figdir} --which curves > {log} 2>&1"


rule integrable_figures_ranks:
    input: cfg=config_file("integrable"), ranks=f"{IP_RES}/ranks.npz"
    output:
        pdf=[f"{IP_FIG}/{s}.pdf" for s in ("IP-F3_ranks_after_one_step", "IP-X3_first_update_ranks")],
        png=ip_report(["IP-F3_ranks_after_one_step", "IP-X3_first_update_ranks"], "Ranks (IP-F3, IP-X3)")
    log: f"{LOGS}/integrable/figures_ranks.log"
    params: results=lambda wildcards, input: IP_RES_OF(input), figdir=lambda wildcards, output: os.path.dirname(output.pdf[0] if isinstance(output.pdf, list) else output.pdf)
    resources: **declared_resources("integrable_figures_ranks")
    conda: CONDA_ENV
    shell: "python -m lazyrich.integrable.figures --config {input.cfg} --results {params.results} --figdir {params.figdir} --which ranks > {log} 2>&1"


rule integrable_figures_scales:
    input: cfg=config_file("integrable"), scales=f"{IP_RES}/scales.npz"
    output: pdf=f"{IP_FIG}/IP-X1_scales_vs_width.pdf", png=ip_report(["IP-X1_scales_vs_width"], "Beyond the paper (IP-X1, IP-X2)")
    log: f"{LOGS}/integrable/figures_scales.log"
    params: results=lambda wildcards, input: IP_RES_OF(input), figdir=lambda wildcards, output: os.path.dirname(output.pdf[0] if isinstance(output.pdf, list) else output.pdf)
    resources: **declared_resources("integrable_figures_scales")
    conda: CONDA_ENV
    shell: "python -m lazyrich.integrable.figures --config {input.cfg} --results {params.results} --figdir {params.figdir} --which scales > {log} 2>&1"


rule integrable_figures_depth:
    input: cfg=config_file("integrable"), depth=f"{IP_RES}/depth.npz"
    output: pdf=f"{IP_FIG}/IP-X2_depth_threshold.pdf", png=ip_report(["IP-X2_depth_threshold"], "Beyond the paper (IP-X1, IP-X2)")
    log: f"{LOGS}/integrable/figures_depth.log"
    params: results=lambda wildcards, input: IP_RES_OF(input), figdir=lambda wildcards, output: os.path.dirname(output.pdf[0] if isinstance(output.pdf, list) else output.pdf)
    resources: **declared_resources("integrable_figures_depth")
    conda: CONDA_ENV
    shell: "python -m lazyrich.integrable.figures --config {input.cfg} --results {params.results} --figdir {params.figdir} --which depth > {log} 2>&1"


rule integrable_tables:
    input: runs=IP_RUNS
    output:
        csv=[f"{IP_RES}/{t}.csv" for t in IP_TABLES] + [f"{IP_RES}/accuracy_all.csv"],
        md=report(f"{IP_FIG}/accuracy_tables.md", caption="../report/integrable/accuracy_tables.rst", category=IP_CAT, subcategory="Accuracy tables (IP-T3 ... IP-T6)"),
        pdf=[f"{IP_FIG}/{t}.pdf" for t in IP_TABLES],
        png=ip_report(IP_TABLES, "Accuracy tables (IP-T3 ... IP-T6)")
    log: f"{LOGS}/integrable/tables.log"
    params: profile=PROFILE, outdir=lambda wildcards, output: os.path.dirname(output.csv[0]), figdir=lambda wildcards, output: os.path.dirname(output.md)
    resources: **declared_resources("integrable_tables")
    conda: CONDA_ENV
    shell: "python -m lazyrich.integrable.tables --runs {input.runs} --profile {params.profile} --outdir {params.outdir} --figdir {params.figdir} > {log} 2>&1"


# paper-scale part that fits a 2-core CPU (target paper_cpu_integrable_widths, workflow/paper_cpu.smk): the
# width-scaling experiments IP-E2/IP-E5 (ranks), IP-E3 (scales) and the checks IP-E6, on MNIST inputs; not
# the training runs IP-E1 nor the depth sweep IP-E4 (GPU)
PAPER_CPU_PARTS["integrable_widths"] = [f"{IP_RES}/{f}" for f in ("checks.json", "scales.npz", "ranks.npz")] + ip_figs(
    ["IP-F3_ranks_after_one_step", "IP-X3_first_update_ranks", "IP-X1_scales_vs_width"])
