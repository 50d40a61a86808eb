"""Benchmark: one batched ensemble of R runs vs R separate runs (IP-E1 training step, L = 6, B = 512).

Measures the wall time per SGD step of the integrable model class at a given width, for an ensemble of
R runs and for one run (times R), on this machine. Usage:

    python benchmarks/integrable_ensemble.py --width 256 --runs 15 --steps 10
"""

from __future__ import annotations

import argparse
import time

import torch

from lazyrich.integrable.cost import step_flop
from lazyrich.integrable.network import IPEnsemble, RunSpec

MODELS = ("naive_ip", "ipllr", "mup", "ip_bias", "ip_noncentered")


def time_steps(specs, width, steps, d=784, B=512):
    net = IPEnsemble(specs, 6, width, d, seed=0, dataset="bench", dtype=torch.float32)
    g = torch.Generator().manual_seed(0)
    x = torch.randn(B, d, generator=g)
    y = torch.randint(0, 10, (B,), generator=g)
    net.sgd_step(x, y)  # warm-up (and the t = 0 rates)
    t0 = time.perf_counter()
    for _ in range(steps):
        net.sgd_step(x, y)
    return (time.perf_counter() - t0) / steps


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--width", type=int, default=256)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    specs = [RunSpec(MODELS[i % len(MODELS)], "relu", i // len(MODELS)) for i in range(args.runs)]
    batched = time_steps(specs, args.width, args.steps)
    single = time_steps(specs[:1], args.width, args.steps)
    flop = step_flop(512, 784, args.width, 6)
    print(f"width {args.width}, threads {args.threads}")
    print(f"  ensemble of {args.runs}: {batched * 1e3:.1f} ms/step = {batched / args.runs * 1e3:.2f} ms per run-step "
          f"({flop * args.runs / batched / 1e9:.1f} GFLOP/s)")
    print(f"  single run:      {single * 1e3:.1f} ms/step ({flop / single / 1e9:.1f} GFLOP/s)")
    print(f"  speed-up of batching: {single * args.runs / batched:.2f}x")


if __name__ == "__main__":
    main()
