# Resolved configs: one job per section writes results/<P>/configs/<section>.json, the first input of every
# rule of that section. Nothing is written while the Snakefile is parsed (so `snakemake -n`, or a run refused
# by the lock, changes no file); a config edit is a change of this rule's params, which Snakemake's params
# rerun trigger sees, and it reruns exactly the jobs downstream of that section's file. The params also carry
# the package version: bumping lazyrich.__version__ declares every result of older code stale (docs/architecture.md).

import json

import lazyrich


rule resolved_config:
    output: f"{RESULTS}/configs/{{section}}.json"
    wildcard_constraints: section="|".join(sorted(SECTIONS))
    params:
        profile=PROFILE,
        values=lambda wildcards: json.dumps(SECTIONS[wildcards.section], sort_keys=True),
        lazyrich_version=lazyrich.__version__,
    log: f"{LOGS}/configs/{{section}}.log"
    localrule: True
    conda: CONDA_ENV
    shell: "python -m lazyrich.resolved_config --profile {params.profile} --section {wildcards.section} "
           "--values {params.values:q} --out {output} > {log} 2>&1"
