"""Add up the per-rule Snakemake benchmark files of a results folder: total, per section, the slowest rules.

    python benchmarks/rule_times.py results/default            # or results/smoke, /tmp/run/results/paper ...
    python benchmarks/rule_times.py results/default --top 15

Every rule writes ``results/<P>/benchmarks/<rule>.tsv`` (Snakemake's ``benchmark:``; columns ``s`` = wall
seconds, ``cpu_time``, ``max_rss`` MB, ...; the last row is the latest run). The sum of the wall times is
the run's job-seconds: on c cores the run's wall time is at least sum / c (and at least the longest chain
of dependent rules). Prints Markdown tables, ready to paste into ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRA_SECTIONS = ("claims",)  # rules that belong to no config section


def sections() -> list[str]:
    """Config sections (one file per experiment under config/profiles/smoke/), longest name first."""
    names = {p.stem for p in (ROOT / "config" / "profiles" / "smoke").glob("*.yaml")} | set(EXTRA_SECTIONS)
    return sorted(names, key=len, reverse=True)


def section_of(rule: str, names: list[str]) -> str:
    """The section whose name prefixes the rule's benchmark file name (asymmetric_real before asymmetric)."""
    for name in names:
        if rule == name or rule.startswith(name + "_"):
            return name
    return "other"


def read_times(bench_dir: Path) -> list[dict]:
    """One dict per benchmark file: rule, wall_s, cpu_s, max_rss_mb (last row of the file)."""
    rows = []
    for path in sorted(bench_dir.glob("*.tsv")):
        with path.open() as fh:
            records = list(csv.DictReader(fh, delimiter="\t"))
        if not records:
            continue
        last = records[-1]
        rows.append({"rule": path.stem, "wall_s": float(last["s"]), "cpu_s": _float(last.get("cpu_time")),
                     "max_rss_mb": _float(last.get("max_rss"))})
    return rows


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def summarise(rows: list[dict]) -> dict:
    names = sections()
    per_section: dict[str, dict] = {}
    for row in rows:
        sec = per_section.setdefault(section_of(row["rule"], names), {"jobs": 0, "wall_s": 0.0, "cpu_s": 0.0})
        sec["jobs"] += 1
        sec["wall_s"] += row["wall_s"]
        sec["cpu_s"] += row["cpu_s"]
    return {"jobs": len(rows), "wall_s": sum(r["wall_s"] for r in rows), "cpu_s": sum(r["cpu_s"] for r in rows),
            "sections": dict(sorted(per_section.items(), key=lambda kv: -kv[1]["wall_s"])),
            "rules": sorted(rows, key=lambda r: -r["wall_s"])}


def _hms(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m // 60}:{m % 60:02d}:{s:02d}"


def markdown(summary: dict, top: int) -> str:
    lines = [f"Sum over {summary['jobs']} rule benchmark files: wall {summary['wall_s']:.1f} s "
             f"({_hms(summary['wall_s'])}), CPU {summary['cpu_s']:.1f} s.", "",
             "| section | jobs | wall s (sum) | share | CPU s |", "|---|---:|---:|---:|---:|"]
    total = summary["wall_s"] or 1.0
    for name, sec in summary["sections"].items():
        lines.append(f"| {name} | {sec['jobs']} | {sec['wall_s']:.1f} | {100 * sec['wall_s'] / total:.0f} % "
                     f"| {sec['cpu_s']:.1f} |")
    lines += ["", f"Slowest {min(top, len(summary['rules']))} rules:", "",
              "| rule | wall s | CPU s | max RSS MB |", "|---|---:|---:|---:|"]
    for row in summary["rules"][:top]:
        lines.append(f"| {row['rule']} | {row['wall_s']:.1f} | {row['cpu_s']:.1f} | {row['max_rss_mb']:.0f} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="a results folder, e.g. results/default (its benchmarks/ is read)")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest rules to list")
    args = parser.parse_args(argv)
    bench_dir = Path(args.results) / "benchmarks"
    rows = read_times(bench_dir)
    if not rows:
        sys.exit(f"no benchmark files under {bench_dir}")
    print(markdown(summarise(rows), args.top))


if __name__ == "__main__":
    main()
