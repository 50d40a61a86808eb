"""Profile timings of the orthogonal rules, read from Snakemake's per-rule benchmark files.

    python benchmarks/orthogonal_profiles.py [smoke default paper]

Sums results/<P>/benchmarks/orthogonal_*.tsv (wall seconds of each rule, as Snakemake measured them)
and, for the paper profile when it has not been run, estimates its cost from the default timings and the
ratio of GD work (runs × iterations × n·m·D) of the two configs.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def rule_times(profile):
    out = {}
    for f in sorted((ROOT / "results" / profile / "benchmarks").glob("orthogonal_*.tsv")):
        lines = f.read_text().strip().splitlines()
        if len(lines) >= 2:
            out[f.stem] = float(lines[-1].split("\t")[0])
    return out


def work(cfg):
    """GD work units (runs × iterations × n·m·D) per experiment of a profile config."""
    w = {}
    c = cfg["e1"]
    w["e1"] = len(c["seeds"]) * c["iterations"] * 2 * c["m"] * 2
    c = cfg["e1_lr"]
    w["e1_lr"] = c["enabled"] * len(c["seeds"]) * math.ceil(c["time"] / c["lr"]) * 2 * c["m"] * 2
    c = cfg["e1s"]
    w["e1s"] = len(c["seeds"]) * len(c["lams"]) * max((0.9 * math.log(1 / l) + 6) / c["lr"] for l in c["lams"]) * 2 * c["m"] * 2
    for k in ("e2", "e3"):
        c = cfg[k]
        w[k] = len(c["seeds"]) * c["iterations"] * 5 * c["m"] * 2
    c = cfg["e4"]
    w["e4"] = c["iterations"] * c["n"] * c["m"] * c["d"]
    for k in ("x1", "x1c"):
        c = cfg[k]
        lams = c["lams"] if k == "x1" else [c["lam"]]
        w[k] = len(c["seeds"]) * len(lams) * max((math.log(1 / l) / 0.25 + c["extra_time"]) / c["lr"] for l in lams) * 8 * c["m"] * 20
    return w


def main(argv=None):
    profiles = (argv if argv is not None else sys.argv[1:]) or ["smoke", "default", "paper"]
    for p in profiles:
        times = rule_times(p)
        if times:
            print(f"{p}: {sum(times.values()):.1f} s over {len(times)} rules")
            for k, v in times.items():
                print(f"  {k:40s} {v:8.2f} s")
        elif p == "paper" and rule_times("default"):
            d_cfg = yaml.safe_load((ROOT / "config/profiles/default/orthogonal.yaml").read_text())
            p_cfg = yaml.safe_load((ROOT / "config/profiles/paper/orthogonal.yaml").read_text())
            dw, pw = work(d_cfg), work(p_cfg)
            dt = rule_times("default")
            est = sum(dt.values())
            for k in dw:
                t = dt.get(f"orthogonal_train_{k}", 0.0)
                if dw[k] and pw[k] != dw[k]:
                    est += t * (pw[k] / dw[k] - 1)
            print(f"paper: not run; estimated {est:.0f} s on this machine (default timings scaled by GD work)")
        else:
            print(f"{p}: no timings (run the profile first)")


if __name__ == "__main__":
    main()
