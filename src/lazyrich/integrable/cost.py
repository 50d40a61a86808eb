"""Cost estimate of a profile's integrable runs (spec §7.1), printed before the heavy rules start.

Per SGD step, forward + backward without the input gradient of layer 1:
B * (4 (d+1) m + 6 (L-1) m^2 + 6 K m) FLOP.

CLI: ``python -m lazyrich.integrable.cost --config CFG --out cost.json``
"""

from __future__ import annotations

import argparse
import sys

from lazyrich.config import load_section
from lazyrich.integrable.datasets import INPUT_DIM
from lazyrich.io import save_json

K = 10


def step_flop(B: int, d: int, m: int, L: int) -> float:
    return float(B * (4 * (d + 1) * m + 6 * (L - 1) * m * m + 6 * K * m))


def estimate(cfg: dict) -> dict:
    L, m = cfg["architecture"]["L"], cfg["architecture"]["width"]
    tr = cfg["training"]
    parts = {}
    for dataset in ("mnist", "cifar10"):
        run_steps = sum(tr["steps"][dataset][mod] * tr["trials"][dataset][mod] * 4 for mod in tr["models"][dataset])
        parts[f"E1_{dataset}"] = {"run_steps": run_steps,
                                  "flop": run_steps * step_flop(tr["batch_size"], INPUT_DIM[dataset], m, L)}
    dp = cfg["depth"]
    depth_flop = sum(step_flop(dp["batch_size"], 784, w, Ld) * dp["steps"] * dp["trials"] * len(dp["activations"])
                     for Ld in dp["depths"] for w in dp["widths"])
    parts["E4_depth"] = {"run_steps": dp["steps"] * dp["trials"] * len(dp["activations"]) * len(dp["depths"]) * len(dp["widths"]),
                         "flop": depth_flop}
    total = sum(p["flop"] for p in parts.values())
    return {"parts": parts, "total_flop": total,
            "hours_at_100_gflops_cpu": total / 100e9 / 3600, "minutes_at_20_tflops_gpu": total / 20e12 / 60}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    est = estimate(cfg)
    lines = [f"[integrable] cost estimate for profile '{cfg['_profile']}' (spec 7.1 FLOP model):"]
    for name, p in est["parts"].items():
        lines.append(f"  {name}: {p['run_steps']} run-steps, {p['flop']:.3g} FLOP")
    lines.append(f"  total {est['total_flop']:.3g} FLOP = {est['hours_at_100_gflops_cpu']:.2f} h at 100 GFLOP/s "
                 f"(measured 2-core CPU) or {est['minutes_at_20_tflops_gpu']:.1f} min of pure compute at 20 TFLOP/s (GPU)")
    print("\n".join(lines), file=sys.stderr, flush=True)
    print("\n".join(lines), flush=True)
    save_json(args.out, est)


if __name__ == "__main__":
    main()
