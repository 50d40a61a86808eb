# Shared helpers of the rule files (included by the Snakefile before workflow/rules/*.smk).
#
# Data availability: every figure or claim input that needs a real dataset is declared with
# needs_data(datasets, paths). The checkpoint data_inventory (data.smk) verifies which datasets are
# available; `rule all` and the claims rule then ask only for what can be computed (runnable), so one
# missing dataset skips what needs it instead of stopping the run. A target named on the command line
# is never filtered: asking for it explicitly runs its data rule, which fails with the reason.

import json

from lazyrich.data.inventory import skipped_summary

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
    """The paths whose datasets are all available."""
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
