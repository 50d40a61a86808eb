# Shared helpers of the rule files (included by the Snakefile before workflow/rules/*.smk).
#
# Data availability: every figure or claim input that needs a real dataset is declared with
# needs_data(datasets, paths). The checkpoint data_inventory (data.smk) verifies which datasets are
# available; `rule all` and the claims rule then ask only for what can be computed (runnable), so one
# missing dataset skips what needs it instead of stopping the run. A target named on the command line
# is never filtered: asking for it explicitly runs its data rule, which fails with the reason.

import json

from lazyrich.data.inventory import skipped_summary
from lazyrich import resources as _resources

# Declared resources (workflow/resources.yaml, lazyrich.resources): every rule has
#     resources: **declared_resources("<rule name>")
# mem_mb and runtime (minutes; SLURM's time limit, doubled on each retry) from the profile's table, and gpu=1 only
# where the profile runs the rule on a GPU, its section's device is not "cpu" and the run declares GPUs with
# `--resources gpu=N` (a plain local run declares none, so `device: auto` behaves as before). Cluster profiles
# override any of them with set-resources / default-resources.
RESOURCE_TABLE = _resources.load_table(Path(workflow.basedir) / "workflow" / "resources.yaml")
_gpu_resource = workflow.global_resources.get("gpu")
GPUS_DECLARED = int(getattr(_gpu_resource, "value", _gpu_resource) or 0)


def declared_resources(rule_name):
    """The ``resources:`` of a rule: mem_mb, runtime and (see above) gpu, each per job (wildcards, attempt)."""
    entry = lambda wildcards: _resources.rule_entry(RESOURCE_TABLE, PROFILE, rule_name, list(wildcards))
    declared = {
        "mem_mb": lambda wildcards: entry(wildcards)["mem_mb"],
        "runtime": lambda wildcards, attempt: _resources.runtime_minutes(RESOURCE_TABLE, entry(wildcards)["minutes"], attempt),
    }
    if _resources.wants_gpu(RESOURCE_TABLE, PROFILE, rule_name, SECTIONS, GPUS_DECLARED):
        declared["gpu"] = 1
    return declared


DATA_NEEDS = {}  # figure / result path -> set of datasets it needs (lazyrich.data.inventory.DATASETS)


def needs_data(datasets, paths):
    """Record that every path in ``paths`` needs every dataset in ``datasets``; returns the paths."""
    paths = list(paths)
    for path in paths:
        DATA_NEEDS.setdefault(path, set()).update(datasets)
    return paths


def data_inventory():
    """The data inventory of this profile (waits for the checkpoint data_inventory)."""
    with open(checkpoints.data_inventory.get().output[0]) as fh:
        return json.load(fh)


def runnable(paths):
    """The paths whose datasets are all available (all of them when planning, LAZYRICH_PLAN_ALL_DATA=1)."""
    if os.environ.get("LAZYRICH_PLAN_ALL_DATA") == "1":  # lazyrich.jobs: the whole DAG, data or not
        return list(paths)
    available = {name for name, entry in data_inventory()["datasets"].items() if entry["available"]}
    return [p for p in paths if DATA_NEEDS.get(p, set()) <= available]


def claim_data_needs():
    """{result path relative to RESULTS: sorted datasets} for the claims report (JSON)."""
    prefix = f"{RESULTS}/"
    return json.dumps({p.removeprefix(prefix): sorted(d) for p, d in sorted(DATA_NEEDS.items()) if p.startswith(prefix)},
                      separators=(",", ":"))


onsuccess:
    _inventory = f"{RESULTS}/data/inventory.json"
    if os.path.exists(_inventory):
        with open(_inventory) as _fh:
            _summary = skipped_summary(json.load(_fh))
        if _summary:
            print(f"\nSKIPPED for missing data (profile {PROFILE}; see {FIGDIR}/CLAIMS.md, claims marked NOT_RUN):\n"
                  f"{_summary}\n", file=sys.stderr)
