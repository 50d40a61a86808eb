"""Every job of a profile with its estimated cost, the total and the critical path through the DAG.

The job list and the dependencies come from a Snakemake dry run of the whole workflow (``--forceall``, in a
scratch directory, with every dataset assumed present: ``LAZYRICH_PLAN_ALL_DATA=1``); the cost of a job is its
``minutes`` in workflow/resources.yaml (lazyrich.resources), the same table the rules declare their resources
from, and the threads, memory, time limit and GPU shown are those the dry run declares.

CLI: ``python -m lazyrich.jobs --profile paper [--gpus N] [--markdown]``
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lazyrich import resources

ROOT = Path(__file__).resolve().parents[2]
_HEADER = re.compile(r"^(?:local)?(?:rule|checkpoint) (\w+):$")
_FIELD = re.compile(r"^    (\w+): (.*)$")


@dataclass
class Job:
    """One job of the dry run."""

    rule: str
    jobid: int = -1
    wildcards: dict = field(default_factory=dict)
    inputs: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    threads: int = 1
    declared: dict = field(default_factory=dict)  # resources as the dry run prints them
    minutes: float = 0.0

    @property
    def name(self) -> str:
        wc = ",".join(f"{k}={v}" for k, v in self.wildcards.items())
        return f"{self.rule}[{wc}]" if wc else self.rule


def _pairs(text: str) -> dict:
    return dict(part.split("=", 1) for part in text.split(", ") if "=" in part)


def parse_dry_run(text: str) -> list[Job]:
    """The jobs of a ``snakemake -n`` listing (rule blocks with input, output, jobid, wildcards, resources)."""
    jobs, job = [], None
    for line in text.splitlines():
        header = _HEADER.match(line)
        if header:
            job = Job(header.group(1))
            jobs.append(job)
            continue
        fld = _FIELD.match(line) if job is not None else None
        if fld is None:
            if not line.startswith("    "):
                job = None
            continue
        key, value = fld.groups()
        if key == "input":
            job.inputs = value.split(", ")
        elif key == "output":
            job.outputs = value.split(", ")
        elif key == "jobid":
            job.jobid = int(value)
        elif key == "wildcards":
            job.wildcards = _pairs(value)
        elif key == "threads":
            job.threads = int(value)
        elif key == "resources":
            job.declared = _pairs(value)
    return jobs


def dry_run(profile: str, gpus: int = 0, snakefile: Path = ROOT / "Snakefile") -> str:
    """The text of a forced dry run of the whole workflow of ``profile`` (in a scratch directory)."""
    extra = ["--resources", f"gpu={gpus}"] if gpus else []
    env = {**os.environ, "LAZYRICH_PLAN_ALL_DATA": "1", "LAZYRICH_NO_PROGRESS": "1"}
    with tempfile.TemporaryDirectory(prefix="lazyrich-jobs-") as scratch:
        cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(snakefile), "--directory", scratch,
               "--config", f"profile={profile}", "--forceall", "--dry-run", "--cores", "1024", *extra]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=snakefile.parent)
    if proc.returncode != 0:
        raise RuntimeError(f"dry run failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc.stdout + proc.stderr


def plan(profile: str, gpus: int = 0, table: dict | None = None) -> list[Job]:
    """The jobs of ``profile`` with their cost (target-only rules such as ``all`` are left out)."""
    table = table or resources.load_table()
    jobs = [j for j in parse_dry_run(dry_run(profile, gpus)) if "mem_mb" in j.declared]
    for job in jobs:
        job.minutes = resources.rule_entry(table, profile, job.rule, job.wildcards.values())["minutes"]
    return jobs


def critical_path(jobs: list[Job]) -> list[Job]:
    """The most expensive chain of dependent jobs (a job depends on the jobs that write its inputs)."""
    producer = {out: job for job in jobs for out in job.outputs}
    deps = {id(j): {id(producer[f]) for f in j.inputs if f in producer} - {id(j)} for j in jobs}
    by_id = {id(j): j for j in jobs}
    best: dict[int, tuple[float, list]] = {}

    def longest(jid):
        if jid not in best:
            tails = [longest(d) for d in deps[jid]]
            cost, path = max(tails, key=lambda t: t[0], default=(0.0, []))
            best[jid] = (cost + by_id[jid].minutes, path + [by_id[jid]])
        return best[jid]

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    return max((longest(id(j)) for j in jobs), key=lambda t: t[0], default=(0.0, []))[1]


def _fmt(minutes: float) -> str:
    return f"{minutes:,.1f} min" if minutes < 120 else f"{minutes:,.0f} min ({minutes / 60:,.1f} h)"


def report(profile: str, jobs: list[Job], markdown: bool = False) -> str:
    """The job table, total, critical path and largest job share as text (or Markdown)."""
    total = sum(j.minutes for j in jobs)
    path = critical_path(jobs)
    path_cost = sum(j.minutes for j in path)
    biggest = max(jobs, key=lambda j: j.minutes)
    rows = sorted(jobs, key=lambda j: (-j.minutes, j.name))
    lines = []
    if markdown:
        lines += ["| job | est. cost (min) | share | threads | mem_mb | runtime (min) | gpu |", "|---|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| `{j.name}` | {j.minutes:,.1f} | {100 * j.minutes / total:.1f} % | {j.threads} | {j.declared.get('mem_mb', '')} "
                  f"| {j.declared.get('runtime', '')} | {j.declared.get('gpu', '')} |" for j in rows]
        lines.append("")
    else:
        lines.append(f"{'job':<48} {'minutes':>10} {'share':>7} {'thr':>4} {'mem_mb':>7} {'runtime':>8} {'gpu':>4}")
        lines += [f"{j.name:<48} {j.minutes:>10,.1f} {100 * j.minutes / total:>6.1f}% {j.threads:>4} "
                  f"{j.declared.get('mem_mb', ''):>7} {j.declared.get('runtime', ''):>8} {j.declared.get('gpu', ''):>4}" for j in rows]
    lines += [f"profile {profile}: {len(jobs)} jobs, total {_fmt(total)}",
              f"largest job: {biggest.name}, {_fmt(biggest.minutes)} = {100 * biggest.minutes / total:.1f} % of the total",
              f"critical path: {_fmt(path_cost)} = {100 * path_cost / total:.1f} % of the total: "
              + " -> ".join(j.name for j in path)]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", required=True, choices=sorted(resources.load_table()["profiles"]))
    parser.add_argument("--gpus", type=int, default=0, help="declare N GPUs (--resources gpu=N) for the dry run")
    parser.add_argument("--markdown", action="store_true", help="the job table as Markdown")
    args = parser.parse_args(argv)
    print(report(args.profile, plan(args.profile, args.gpus), markdown=args.markdown))


if __name__ == "__main__":
    main()
