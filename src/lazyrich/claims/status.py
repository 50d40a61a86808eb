"""The replication-status page: every claim of the four papers at the best profile it has been evaluated at.

Usage: python -m lazyrich.claims.status docs/results/*/*/claims.json > docs/replication_status.md
       [--not-on-this-cpu docs/results/not_on_this_cpu.yaml] [--readme README.md]

Reads the claims reports of runs (``claims.json`` of :mod:`lazyrich.claims.evaluate`, committed under
``docs/results/<profile>/<run>/``) and writes Markdown to stdout: a summary (PASS / FAIL / NOT_RUN per paper and
profile), one row per registered claim (best profile, data, status, reproduced and paper value, link to the
docs explaining a FAIL), the spec claims not implemented, and the paper-scale parts this CPU cannot run
(``docs/results/not_on_this_cpu.yaml``). A claim's best row: evaluated (PASS/FAIL) beats NOT_RUN, then
paper > default > smoke, then the later report. ``--readme`` also rewrites the summary between the
markers of that file. Never edit the page by hand: ``make status`` regenerates it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import yaml

from lazyrich.claims.data_label import data_label
from lazyrich.claims.evaluate import _fmt
from lazyrich.claims.explanations import explanation_link
from lazyrich.claims.registry import all_claims
from lazyrich.config import project_root

PROFILES = ("smoke", "default", "paper")  # worst to best
STATUSES = ("PASS", "FAIL", "NOT_RUN")
PAPERS = {  # ID prefix -> paper, in the README's order
    "AS": "Caron et al., asymmetric node scaling (main paper)",
    "OI": "Boursier et al., orthogonal inputs",
    "SP": "Neumayer et al., scaling path",
    "IP": "Hajjar et al., integrable parameterizations",
}
# claims defined in a spec that have no registered check (ID -> why); tests/claims/test_status.py checks
# that every spec claim is registered or listed here
NOT_IMPLEMENTED: dict[str, str] = {}
README_MARKERS = ("<!-- replication-status-summary:start -->", "<!-- replication-status-summary:end -->")
COMMAND = "python -m lazyrich.claims.status docs/results/*/*/claims.json > docs/replication_status.md"


def load_reports(paths) -> list[dict]:
    """The claims reports, each with its path; sorted by profile, then path (the page never depends on order)."""
    reports = []
    for path in paths:
        report = json.loads(Path(path).read_text())
        report["path"] = Path(path)
        reports.append(report)
    return sorted(reports, key=lambda r: (PROFILES.index(r["profile"]), str(r["path"])))


def _rank(row: dict, report: dict) -> tuple:
    return (row["status"] != "NOT_RUN", PROFILES.index(report["profile"]),
            report["provenance"].get("generated_at", ""), str(report["path"]))


def best_rows(reports: list[dict], profile: str | None = None) -> dict[str, tuple[dict, dict]]:
    """Claim ID -> (row, its report): the best row over all reports (or over those of one profile)."""
    best: dict[str, tuple[dict, dict]] = {}
    for report in reports:
        if profile is not None and report["profile"] != profile:
            continue
        for row in report["claims"]:
            if row["id"] not in best or _rank(row, report) > _rank(*best[row["id"]]):
                best[row["id"]] = (row, report)
    return best


def _paper_of(claim_id: str) -> str:
    return claim_id.split("-", 1)[0]


def _counts(ids: list[str], rows: dict) -> str:
    statuses = [rows[i][0]["status"] if i in rows else "NOT_RUN" for i in ids]
    return " / ".join(str(statuses.count(s)) for s in STATUSES)


def render_summary(reports: list[dict], claim_ids: list[str]) -> str:
    """Counts PASS / FAIL / NOT_RUN per paper and profile, and at each claim's best profile."""
    ran = [p for p in PROFILES if any(r["profile"] == p for r in reports)]
    per_profile = {p: best_rows(reports, p) for p in ran}
    best = best_rows(reports)
    lines = [
        "PASS / FAIL / NOT_RUN counts per paper: in each profile (all its committed reports together), and at each "
        "claim's best profile.",
        "",
        "| paper | claims | " + " | ".join(f"`{p}`" for p in ran) + " | best profile |",
        "|---|---|" + "---|" * len(ran) + "---|",
    ]
    for prefix, paper in PAPERS.items():
        ids = [i for i in claim_ids if _paper_of(i) == prefix]
        cells = [_counts(ids, per_profile[p]) for p in ran] + [_counts(ids, best)]
        lines.append(f"| {paper} ({prefix}) | {len(ids)} | " + " | ".join(cells) + " |")
    all_cells = [_counts(claim_ids, per_profile[p]) for p in ran] + [_counts(claim_ids, best)]
    lines.append(f"| **all** | {len(claim_ids)} | " + " | ".join(all_cells) + " |")
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _rel(path: Path, docs_dir: Path) -> str:
    return Path(os.path.relpath(path.resolve(), docs_dir.resolve())).as_posix()


def render_claims(reports: list[dict], claims, docs_dir: Path) -> str:
    best = best_rows(reports)
    lines = [
        "| claim | statement | best profile | data | status | reproduced | paper value | why it fails | report |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in claims:
        if c.id not in best:
            lines.append(f"| {c.id} | {_fmt(_short(c.statement, 90))} | – | – | NOT_RUN | – | "
                         f"{_short(_fmt(c.paper_value), 80)} | | in no report |")
            continue
        row, report = best[c.id]
        profile = report["profile"]
        evaluated = row["status"] != "NOT_RUN"
        link = explanation_link(c.id, docs_dir) if row["status"] == "FAIL" else None
        shown = row["status"] if row["status"] != "FAIL" or profile in row.get("must_hold", ()) else (
            f"FAIL (not required at {profile})")
        lines.append(
            f"| {c.id} | {_fmt(_short(c.statement, 90))} | {profile if evaluated else '–'} | "
            f"{data_label(row, profile, report['provenance']) if evaluated else '–'} | {shown} | "
            f"{_short(_fmt(row['value']), 120)} | {_short(_fmt(c.paper_value), 80)} | "
            f"{f'[{link}]({link})' if link else ''} | "
            f"[{report['path'].parent.name}]({_rel(report['path'], docs_dir)}) |"
        )
    return "\n".join(lines) + "\n"


def render_not_implemented() -> str:
    if not NOT_IMPLEMENTED:
        return "None: every claim defined in the four specs has a registered check.\n"
    return "".join(f"- {cid}: {why}\n" for cid, why in sorted(NOT_IMPLEMENTED.items()))


def render_not_on_this_cpu(parts: list[dict]) -> str:
    lines = [
        "| part | claims | work | measured unit cost | estimate on this CPU | on a GPU | command |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in parts:
        lines.append(f"| {p['part']} | {p['claims']} | {p['work']} | {p['unit']} | {p['cost_here']} | "
                     f"{p['cost_gpu']} | `{p['command']}` |")
    return "\n".join(lines) + "\n"


def render_reports(reports: list[dict], docs_dir: Path) -> str:
    lines = ["| report | profile | git commit | generated | machine | rules timed | wall time of the rules (s) |",
             "|---|---|---|---|---|---|---|"]
    for r in reports:
        prov = r["provenance"]
        machine = prov.get("machine") or {}
        where = f"{machine.get('cpu', '?')}, {machine.get('cores', '?')} cores" if machine else prov.get("platform", "?")
        times = prov.get("wall_time_s", {})
        commit = prov.get("git_commit", "?")
        commit = commit[:12] + ("-dirty" if commit.endswith("-dirty") else "")
        lines.append(f"| [{_rel(r['path'], docs_dir)}]({_rel(r['path'], docs_dir)}) | {r['profile']} | "
                     f"{commit} | {prov.get('generated_at', '?')} | {where} | "
                     f"{len(times)} | {sum(times.values()):.0f} |")
    return "\n".join(lines) + "\n"


def render_page(reports: list[dict], parts: list[dict], docs_dir: Path) -> str:
    claims = all_claims()
    ids = [c.id for c in claims]
    return "\n".join([
        "# Replication status",
        "",
        f"Generated by `{COMMAND}` from the claims reports committed under `docs/results/` (`make status`); "
        "never edit it by hand (a test checks it against the command's output). A FAIL is a replication "
        "result: the linked docs page says what was checked and why.",
        "",
        "Data: *official* = the paper's dataset files (checksums verified); *real-image stand-in* = real images "
        "that are not the paper's split or encoding (offline MNIST from the official test set, CIFAR-10 JPEG); "
        "*synthetic stand-in* = generated files in the real formats (smoke); *synthetic (paper's design)* = the "
        "paper's own simulated data; *none (analytic check)* = exact checks on no data.",
        "",
        "## Summary",
        "",
        render_summary(reports, ids),
        "## Claims",
        "",
        "Each claim at the best profile it has been evaluated at (evaluated beats NOT_RUN; paper > default > smoke). "
        "*not required at* marks a FAIL in a profile where the claim is not expected to hold (reduced sizes, spec §7).",
        "",
        render_claims(reports, claims, docs_dir),
        "## Spec claims not implemented",
        "",
        render_not_implemented(),
        "## Paper-scale parts this CPU cannot run (GPU or cluster)",
        "",
        "Estimated from measured unit costs on the 2-core development CPU (source: "
        "`docs/results/not_on_this_cpu.yaml`); `docs/gpu_sessions.md` says how to run them on a lent GPU.",
        "",
        render_not_on_this_cpu(parts),
        "## Reports this page is built from",
        "",
        render_reports(reports, docs_dir),
    ])


def update_readme(readme: Path, summary: str) -> None:
    """Replace the text between the README's summary markers by the summary."""
    start, end = README_MARKERS
    text = readme.read_text()
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{summary}{end}{tail}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path, help="claims.json files")
    parser.add_argument("--not-on-this-cpu", type=Path,
                        default=project_root() / "docs" / "results" / "not_on_this_cpu.yaml")
    parser.add_argument("--docs", type=Path, default=project_root() / "docs", help="the docs folder of the page")
    parser.add_argument("--readme", type=Path, default=None, help="also rewrite the summary in this README")
    args = parser.parse_args(argv)

    reports = load_reports(args.reports)
    parts = yaml.safe_load(args.not_on_this_cpu.read_text())
    sys.stdout.write(render_page(reports, parts, args.docs))
    if args.readme is not None:
        update_readme(args.readme, render_summary(reports, [c.id for c in all_claims()]))


if __name__ == "__main__":
    main()
