"""Evaluate every registered claim against a profile's results and write claims.json + CLAIMS.md.

claims.json is strict JSON: a NaN or infinite value becomes the string "NaN", "Infinity" or "-Infinity"
(lazyrich.io.finite_json) and the claim's note says so.

Usage: python -m lazyrich.claims.evaluate --profile P --results results/P --json results/P/claims.json
       --markdown paper_figures/P/CLAIMS.md [--config-dir results/P/configs]
"""

from __future__ import annotations

import argparse
import json
import math
import traceback
from pathlib import Path
from typing import Any

from lazyrich.claims.registry import Claim, ClaimContext, all_claims
from lazyrich.io import NON_FINITE, finite_json, save_json, save_text
from lazyrich.provenance import collect_provenance


def evaluate_claim(c: Claim, results_dir: Path, profile: str) -> dict[str, Any]:
    row = {
        "id": c.id, "statement": c.statement, "figure": c.figure, "paper_value": c.paper_value,
        "value": None, "threshold": c.thresholds.get(profile), "status": "NOT_RUN",
        "must_hold": list(c.must_hold), "inputs": list(c.inputs), "note": "",
    }
    if profile not in c.thresholds:
        row["note"] = f"no threshold for profile '{profile}'"
        return row
    missing = [rel for rel in c.inputs if not (results_dir / rel).exists()]
    if missing:
        row["note"] = "missing inputs: " + ", ".join(missing)
        return row
    ctx = ClaimContext(results_dir=results_dir, profile=profile, threshold=c.thresholds[profile])
    try:
        value, passed = c.evaluate(ctx)
    except Exception as exc:  # a crashing check is a FAIL with its reason, never a silent PASS
        row.update(status="FAIL", note=f"evaluation error: {exc!r}")
        traceback.print_exc()
        return row
    value = _jsonable(value)
    row.update(value=finite_json(value), status="PASS" if bool(passed) else "FAIL")
    if json.dumps(row["value"]) != json.dumps(value):
        row["note"] = f"non-finite numbers written as the strings {sorted(NON_FINITE.values())}"
    return row


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o)))


def _rounded(value: Any) -> Any:
    """Floats to 4 significant digits, recursively (display only; claims.json keeps full precision)."""
    if isinstance(value, float):
        return float(f"{value:.4g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.4g}"
    if isinstance(value, (list, dict)):
        text = json.dumps(_rounded(value), default=str).replace("|", "\\|")
        return text if len(text) <= 300 else text[:297] + "..."
    return str(value).replace("|", "\\|")


def render_markdown(report: dict) -> str:
    rows = report["claims"]
    counts = {s: sum(r["status"] == s for r in rows) for s in ("PASS", "FAIL", "NOT_RUN")}
    lines = [
        f"# Claims report — profile `{report['profile']}`",
        "",
        f"PASS {counts['PASS']} · FAIL {counts['FAIL']} · NOT_RUN {counts['NOT_RUN']} "
        f"(git {report['provenance'].get('git_commit', '?')[:12]}, generated {report['provenance'].get('generated_at', '?')})",
        "",
        "A FAIL is a replication result, not a bug to hide: `docs/` explains each. `must hold` lists the profiles",
        "in which the claim is required to PASS (CI fails otherwise).",
        "",
        "| ID | statement | paper value | reproduced value | tolerance | status | must hold | figure |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        status = r["status"] if not r["note"] or r["status"] == "PASS" else f"{r['status']} ({_fmt(r['note'])})"
        lines.append(
            f"| {r['id']} | {_fmt(r['statement'])} | {_fmt(r['paper_value'])} | {_fmt(r['value'])} | "
            f"{_fmt(r['threshold'])} | {status} | {', '.join(r['must_hold']) or '–'} | {r['figure']} |"
        )
    lines.append("")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", required=True)
    parser.add_argument("--results", required=True, type=Path)
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--markdown", required=True, type=Path)
    args = parser.parse_args(argv)

    rows = [evaluate_claim(c, args.results, args.profile) for c in all_claims()]
    report = {"profile": args.profile, "provenance": collect_provenance(args.results, args.profile), "claims": rows}
    save_json(args.json, report, strict=True)  # strict JSON: NaN / inf become strings
    save_text(args.markdown, render_markdown(report))
    for r in rows:
        print(f"{r['status']:8s} {r['id']:10s} {_fmt(r['value'])}")


if __name__ == "__main__":
    main()
