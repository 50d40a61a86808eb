"""Exit non-zero if a claim that must hold in the report's profile is not PASS.

Usage: python -m lazyrich.claims.check results/<profile>/claims.json

Exit codes: 0 every claim required in the report's profile PASSes; 1 at least one of them does not (a
replication result); 2 wrong command line; 3 the report cannot be checked: claims.json is missing,
unreadable, truncated, not a claims report, or lists no claim required in its profile (so there is nothing
that could PASS).
"""

from __future__ import annotations

import argparse
import sys

from lazyrich.io import load_json

EXIT_PASS, EXIT_FAIL, EXIT_UNCHECKABLE = 0, 1, 3


class UncheckableReport(ValueError):
    """claims.json cannot be checked; the message says why."""


def read_report(path: str) -> dict:
    """The claims report at ``path``, or :class:`UncheckableReport` saying what is wrong with it."""
    try:
        report = load_json(path)
    except FileNotFoundError:
        raise UncheckableReport(f"{path} does not exist: run the workflow first (it is written by rule 'claims')") from None
    except (OSError, ValueError) as exc:
        raise UncheckableReport(str(exc)) from None
    if not isinstance(report, dict) or not isinstance(report.get("claims"), list) or "profile" not in report:
        raise UncheckableReport(f"{path} is not a claims report (expected an object with 'profile' and a 'claims' list)")
    if not any(report["profile"] in r.get("must_hold", ()) for r in report["claims"]):
        raise UncheckableReport(
            f"{path} lists {len(report['claims'])} claim(s), none required in profile '{report['profile']}': "
            "nothing to check"
        )
    return report


def failing_required(report: dict) -> list[dict]:
    profile = report["profile"]
    return [r for r in report["claims"] if profile in r["must_hold"] and r["status"] != "PASS"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("claims_json")
    args = parser.parse_args(argv)
    try:
        report = read_report(args.claims_json)
    except UncheckableReport as err:
        print(f"cannot check the claims: {err}", file=sys.stderr)
        return EXIT_UNCHECKABLE
    bad = failing_required(report)
    total = sum(report["profile"] in r["must_hold"] for r in report["claims"])
    for r in bad:
        print(f"required claim {r['id']} is {r['status']}: value={r['value']} threshold={r['threshold']} {r['note']}")
    print(f"{total - len(bad)} of {total} claims required in profile '{report['profile']}' PASS")
    return EXIT_FAIL if bad else EXIT_PASS


if __name__ == "__main__":
    sys.exit(main())
