# Named targets for the paper-scale parts that fit a 2-core CPU (issue 15; docs/replication_status.md).
#
#   snakemake --cores all --config profile=paper paper_cpu_orthogonal   # one part
#   snakemake --cores all --config profile=paper paper_cpu               # every part
#
# Each rule file names its part's result files in PAPER_CPU_PARTS (orthogonal.smk, asymmetric.smk,
# integrable.smk); this file, included after them, makes one target per part. A part's target writes a
# claims report restricted to that part's claims (those computed from its files only):
# results/<P>/parts/<part>/claims.json and paper_figures/<P>/parts/<part>/CLAIMS.md. The other claims keep
# their NOT_RUN in the full report (rule claims) until their parts run. Measured costs: each part's docs page.


for _part, _files in PAPER_CPU_PARTS.items():

    rule:
        name:
            f"paper_cpu_{_part}"
        input:
            part=_files,
            configs=[config_file(s) for s in sorted(SECTIONS)],
            inventory=f"{RESULTS}/data/inventory.json",
        output:
            json=f"{RESULTS}/parts/{_part}/claims.json",
            md=f"{FIGDIR}/parts/{_part}/CLAIMS.md",
        log:
            f"{LOGS}/parts/{_part}_claims.log",
        params:
            profile=PROFILE,
            results=lambda wildcards, output: os.path.dirname(os.path.dirname(os.path.dirname(output.json))),
            needs=lambda wildcards: claim_data_needs(),
        conda:
            "../envs/environment.yaml"  # CONDA_ENV, relative to this file (CONDA_ENV's is to workflow/rules/)
        shell:
            "python -m lazyrich.claims.evaluate --profile {params.profile} --results {params.results} "
            "--json {output.json} --markdown {output.md} --inventory {input.inventory} --needs {params.needs:q} "
            "--part {input.part} > {log} 2>&1"


rule paper_cpu:
    input:
        [f"{RESULTS}/parts/{p}/claims.json" for p in PAPER_CPU_PARTS],
