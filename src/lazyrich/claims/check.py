"""Exit non-zero if a claim that must hold in the report's profile is not PASS.

Usage: python -m lazyrich.claims.check results/<profile>/claims.json
"""

from __future__ import annotations

import argparse
import sys

from lazyrich.io import load_json


def failing_required(report: dict) -> list[dict]:
    profile = report["profile"]
    return [r for r in report["claims"] if profile in r["must_hold"] and r["status"] != "PASS"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("claims_json")
    args = parser.parse_args(argv)
    report = load_json(args.claims_json)
    bad = failing_required(report)
    total = sum(report["profile"] in r["must_hold"] for r in report["claims"])
    for r in bad:
        print(f"required claim {r['id']} is {r['status']}: value={r['value']} threshold={r['threshold']} {r['note']}")
    print(f"{total - len(bad)} of {total} claims required in profile '{report['profile']}' PASS")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
