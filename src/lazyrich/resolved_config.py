"""Write one section's resolved config: the job of rule ``resolved_config`` (workflow/rules/configs.smk).

CLI: python -m lazyrich.resolved_config --profile P --section S --values JSON --out results/P/configs/S.json

The values are the rule's params (the section as the Snakefile loaded and validated it), never re-read from
the YAML here: the file then holds exactly what Snakemake recorded for the job, so a later edit of the YAML
is a params change that reruns this job and everything downstream of it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from lazyrich.config import validate, write_resolved


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", required=True)
    parser.add_argument("--section", required=True)
    parser.add_argument("--values", required=True, help="the section's values as JSON")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)

    values = json.loads(args.values)
    validate(args.section, values, args.profile)
    write_resolved(values, args.out, args.profile, args.section)
    print(f"wrote {args.out} (profile {args.profile}, section {args.section})")


if __name__ == "__main__":
    main()
