"""CLI: run one orthogonal-input experiment and write its arrays atomically.

    python -m lazyrich.orthogonal.train --config results/<P>/configs/orthogonal.json --experiment e1 \
        --out results/<P>/orthogonal/e1_runs.npz
"""
from __future__ import annotations

import argparse
import sys
import time

from lazyrich.config import load_section
from lazyrich.io import save_npz
from lazyrich.orthogonal.experiments import EXPERIMENTS


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True, help="resolved JSON of the 'orthogonal' config section")
    parser.add_argument("--experiment", required=True, choices=sorted(EXPERIMENTS))
    parser.add_argument("--out", required=True, help="output .npz")
    args = parser.parse_args(argv)
    cfg = load_section(args.config)
    section = cfg[args.experiment]
    start = time.perf_counter()
    print(f"[orthogonal] {args.experiment} ({cfg['_profile']}): {section}", file=sys.stderr)
    arrays = EXPERIMENTS[args.experiment](section)
    save_npz(args.out, **arrays, wall_seconds=time.perf_counter() - start)
    print(f"[orthogonal] {args.experiment}: wrote {args.out} in {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
