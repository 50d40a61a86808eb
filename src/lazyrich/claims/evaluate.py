"""Evaluate every registered claim against a profile's results and write claims.json + CLAIMS.md.

claims.json is strict JSON: a NaN or infinite value becomes the string "NaN", "Infinity" or "-Infinity"
(lazyrich.io.finite_json) and the claim's note says so.

Usage: python -m lazyrich.claims.evaluate --profile P --results results/P --json results/P/claims.json
       --markdown paper_figures/P/CLAIMS.md [--inventory results/P/data/inventory.json --needs JSON]

``--inventory`` (the data inventory) and ``--needs`` (``{result path: [datasets]}``, declared by the rule
files) tell each claim which data it was computed on (its ``data`` field: official / real-image
stand-in / synthetic stand-in / synthetic by the paper's design) and why a claim whose data is missing
was NOT_RUN.

With ``--part`` (the result files of one part of the workflow, e.g. the targets ``paper_cpu_<part>``), the
report holds only the claims whose every input is among those files.
"""

from __future__ import annotations

import argparse
import json
import math
import traceback
from pathlib import Path
from typing import Any

from lazyrich.claims.data_label import BY_DESIGN as SIMULATED  # rows of the simulated experiments
from lazyrich.claims.registry import Claim, ClaimContext, all_claims
from lazyrich.io import NON_FINITE, finite_json, save_json, save_text
from lazyrich.provenance import collect_provenance


def claim_datasets(c: Claim, needs: dict[str, list[str]]) -> list[str]:
    """The datasets a claim's inputs were computed from (none for simulated experiments)."""
    return sorted({d for rel in c.inputs for d in needs.get(rel, ())})


def data_label(datasets: list[str], inventory: dict | None) -> str:
    """What a claim was computed on: the kinds of its datasets (e.g. ``official: mnist``)."""
    if not datasets:
        return SIMULATED
    if inventory is None:
        return "unknown: " + ", ".join(datasets)
    by_kind: dict[str, list[str]] = {}
    for name in datasets:
        entry = inventory["datasets"].get(name, {})
        by_kind.setdefault(entry.get("kind", "missing") if entry.get("available") else "missing", []).append(name)
    return "; ".join(f"{kind}: {', '.join(names)}" for kind, names in sorted(by_kind.items()))


def missing_data_reason(datasets: list[str], inventory: dict | None) -> str:
    """Why a claim cannot run for lack of data ('' if all its datasets are available)."""
    if inventory is None:
        return ""
    absent = [d for d in datasets if not inventory["datasets"].get(d, {}).get("available", False)]
    if not absent:
        return ""
    return "data not available: " + "; ".join(
        f"{d} ({_short_reason(inventory['datasets'][d]['reason'])})" if d in inventory["datasets"] else d for d in absent)


def _short_reason(reason: str) -> str:
    """First line of a missing-data message, plus where the file goes (the full text is in CLAIMS.md's data table)."""
    lines = [line.strip() for line in reason.splitlines() if line.strip()]
    where = next((line for line in lines if line.startswith("put it at:")), "")
    return lines[0].rstrip(":.") + (f"; {where}" if where and where != lines[0] else "") if lines else "missing"


def evaluate_claim(c: Claim, results_dir: Path, profile: str, inventory: dict | None = None,
                   needs: dict[str, list[str]] | None = None) -> dict[str, Any]:
    datasets = claim_datasets(c, needs or {})
    row = {
        "id": c.id, "statement": c.statement, "figure": c.figure, "paper_value": c.paper_value,
        "value": None, "threshold": c.thresholds.get(profile), "status": "NOT_RUN",
        "must_hold": list(c.must_hold), "inputs": list(c.inputs), "note": "",
        "datasets": datasets, "data": data_label(datasets, inventory),
    }
    if profile not in c.thresholds:
        row["note"] = f"no threshold for profile '{profile}'"
        return row
    missing = [rel for rel in c.inputs if not (results_dir / rel).exists()]
    if missing:
        reason = missing_data_reason(datasets, inventory)
        row["note"] = reason or "missing inputs: " + ", ".join(missing)
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


def part_claims(claims: list[Claim], results_dir: Path, part_files: list[Path]) -> list[Claim]:
    """The claims computed from a part's result files only (every input among ``part_files``)."""
    own = {Path(f).resolve() for f in part_files}
    return [c for c in claims if c.inputs and all((results_dir / rel).resolve() in own for rel in c.inputs)]


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


def render_origin(results: dict) -> list[str]:
    """CLAIMS.md lines naming what produced each section's results (and a warning when they disagree)."""
    if not results or not results.get("sections"):
        return []
    lines = []
    if results.get("warning"):
        lines += [f"**Warning: {results['warning']}.**", ""]
    lines += ["| section | made by (commit) | dirty | config hash | current config | files |", "|---|---|---|---|---|---|"]
    for section, entry in sorted(results["sections"].items()):
        commits = ", ".join(str(c["commit"])[:12] for c in entry["code"]) or "unknown"
        dirty = ", ".join({True: "yes", False: "no", None: "?"}[c["dirty"]] for c in entry["code"]) or "–"
        hashes = ", ".join(h[:12] for h in entry["config_hashes"]) or "–"
        current = {True: "yes", False: "**no**", None: "–"}[entry["config_current"]]
        unknown = f" ({len(entry['unknown_origin'])} of unknown origin)" if entry["unknown_origin"] else ""
        lines.append(f"| {section} | {commits} | {dirty} | {hashes} | {current} | {entry['files']}{unknown} |")
    return lines + [""]


def render_markdown(report: dict) -> str:
    rows = report["claims"]
    counts = {s: sum(r["status"] == s for r in rows) for s in ("PASS", "FAIL", "NOT_RUN")}
    lines = [
        f"# Claims report — profile `{report['profile']}`",
        "",
        f"PASS {counts['PASS']} · FAIL {counts['FAIL']} · NOT_RUN {counts['NOT_RUN']} "
        f"(claims evaluated by git {report['provenance'].get('git_commit', '?')[:12]}, "
        f"generated {report['provenance'].get('generated_at', '?')})",
        "",
        *render_origin(report["provenance"].get("results")),
        "A FAIL is a replication result, not a bug to hide: `docs/` explains each. `must hold` lists the profiles",
        "in which the claim is required to PASS (CI fails otherwise).",
        "",
        "| ID | statement | paper value | reproduced value | tolerance | status | must hold | data | figure |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        status = r["status"] if not r["note"] or r["status"] == "PASS" else f"{r['status']} ({_fmt(r['note'])})"
        lines.append(
            f"| {r['id']} | {_fmt(r['statement'])} | {_fmt(r['paper_value'])} | {_fmt(r['value'])} | "
            f"{_fmt(r['threshold'])} | {status} | {', '.join(r['must_hold']) or '–'} | {_fmt(r.get('data', '?'))} | "
            f"{r['figure']} |"
        )
    lines += ["", *_data_section(report.get("data"))]
    return "\n".join(lines)


def _data_section(inventory: dict | None) -> list[str]:
    """The data each dataset's claims were computed on, and what was skipped for missing data and why."""
    if not inventory:
        return []
    lines = [f"## Data (folder `{inventory['data_dir']}`)", "", "| dataset | status | variant | kind |", "|---|---|---|---|"]
    skipped = []
    for name, entry in inventory["datasets"].items():
        if entry["available"]:
            lines.append(f"| {name} | available | {entry['variant']} | {entry['kind']} |")
        else:
            lines.append(f"| {name} | **missing: skipped** | – | – |")
            skipped += [f"- **{name}**:", "", "  ```", *("  " + line for line in entry["reason"].splitlines()), "  ```", ""]
    if skipped:
        lines += ["", "### Skipped for missing data", "", "Everything that needs these was left out of the run; "
                  "their claims are NOT_RUN.", "", *skipped]
    return [*lines, ""]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", required=True)
    parser.add_argument("--results", required=True, type=Path)
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--markdown", required=True, type=Path)
    parser.add_argument("--inventory", type=Path, help="data inventory (lazyrich.data.inventory)")
    parser.add_argument("--needs", default="{}", help="JSON {result path: [datasets]} declared by the rule files")
    parser.add_argument("--part", nargs="+", type=Path, default=None,
                        help="result files of one part: report only the claims computed from them")
    args = parser.parse_args(argv)

    inventory = json.loads(args.inventory.read_text()) if args.inventory else None
    needs = json.loads(args.needs)
    claims = all_claims() if args.part is None else part_claims(all_claims(), args.results, args.part)
    rows = [evaluate_claim(c, args.results, args.profile, inventory, needs) for c in claims]
    read = [rel for c, r in zip(claims, rows) if r["status"] != "NOT_RUN" for rel in c.inputs]
    report = {"profile": args.profile, "provenance": collect_provenance(args.results, args.profile, read), "data": inventory,
              "claims": rows}
    save_json(args.json, report, strict=True)  # strict JSON: NaN / inf become strings
    save_text(args.markdown, render_markdown(report))
    for r in rows:
        print(f"{r['status']:8s} {r['id']:10s} {_fmt(r['value'])}")


if __name__ == "__main__":
    main()
