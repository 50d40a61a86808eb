# The claims report: evaluates every registered claim whose inputs exist for this profile; claims whose data
# is missing (data inventory) are NOT_RUN with the reason.


rule claims:
    input:
        lambda wildcards: runnable(CLAIM_INPUTS),
        configs=[config_file(s) for s in sorted(SECTIONS)],
        inventory=f"{RESULTS}/data/inventory.json",
    output:
        json=f"{RESULTS}/claims.json",
        md=report(f"{FIGDIR}/CLAIMS.md", caption="../report/claims.rst", category="Claims"),
    log:
        f"{LOGS}/claims.log",
    params:
        profile=PROFILE,
        results=lambda wildcards, output: os.path.dirname(output.json),
        needs=lambda wildcards: claim_data_needs(),
    resources: **declared_resources("claims")
    conda:
        CONDA_ENV
    shell:
        "python -m lazyrich.claims.evaluate --profile {params.profile} --results {params.results} "
        "--json {output.json} --markdown {output.md} --inventory {input.inventory} --needs {params.needs:q} > {log} 2>&1"
