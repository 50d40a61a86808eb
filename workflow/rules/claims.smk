# The claims report: evaluates every registered claim whose inputs exist for this profile.


rule claims:
    input:
        lambda wildcards: CLAIM_INPUTS,
        configs=[config_file(s) for s in sorted(SECTIONS)],
    output:
        json=f"{RESULTS}/claims.json",
        md=report(f"{FIGDIR}/CLAIMS.md", caption="../report/claims.rst", category="Claims"),
    log:
        f"{LOGS}/claims.log",
    params:
        profile=PROFILE,
        results=lambda wildcards, output: os.path.dirname(output.json),
    conda:
        CONDA_ENV
    shell:
        "python -m lazyrich.claims.evaluate --profile {params.profile} --results {params.results} "
        "--json {output.json} --markdown {output.md} > {log} 2>&1"
