"""Per-rule timings of the scaling-path rules for each profile that has run (Snakemake benchmark files).

python benchmarks/scaling_path_profiles.py   # reads results/<profile>/benchmarks/scaling_path_*.tsv
Also prints the scripts' own inner timings (``seconds`` saved in the result files).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    for profile in ("smoke", "default", "paper"):
        files = sorted((ROOT / "results" / profile / "benchmarks").glob("scaling_path_*.tsv"))
        if not files:
            continue
        total = 0.0
        print(f"profile {profile}:")
        for f in files:
            row = pd.read_csv(f, sep="\t").iloc[-1]
            total += float(row["s"])
            print(f"  {f.stem:28s} wall {row['s']:8.1f} s  max RSS {row['max_rss']:8.0f} MB")
        print(f"  {'total (sequential)':28s} wall {total:8.1f} s")
        for name in ("endpoints", "gd", "vp", "cross"):
            path = ROOT / "results" / profile / "scaling_path" / f"{name}.npz"
            if path.exists():
                with np.load(path) as data:
                    print(f"  inner {name:10s} {float(data['seconds']):8.1f} s")


if __name__ == "__main__":
    main()
