"""Train every (configuration, seed) run of a full-batch GD experiment as one batched ensemble.

CLI: python -m lazyrich.asymmetric.train --config CFG --section-key simulated --data data.npz --out runs.npz

The data file holds x_train, y_train, x_test, y_test (y as [n, K]). The config section gives the
configurations, seeds, width m, dtype and lambda ranks at its top level and the training settings (lr,
steps, log_every, ntg_points, classification) under ``<section-key>``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from lazyrich.asymmetric.ensemble import GDSettings, train_gd
from lazyrich.asymmetric.runs import DTYPES, build_run_grid, grid_arrays
from lazyrich.config import load_section
from lazyrich.devices import resolve_device
from lazyrich.io import load_npz, require_input, save_npz


def print_cost(n: int, d: int, m: int, runs: int, steps: int, n_ntg: int, logs: int) -> None:
    """FLOP estimate of spec §7 before heavy work starts."""
    flop = runs * (4.0 * n * d * m * steps + logs * (n_ntg**2) * m)
    print(f"cost estimate: {runs} runs x {steps} steps, n={n}, d={d}, m={m}: {flop:.2e} FLOP", flush=True)


def train_experiment(data: dict, settings: dict, top: dict, desc: str) -> dict[str, np.ndarray]:
    dtype = DTYPES[top["dtype"]]
    device = resolve_device(top.get("device", "auto"))
    x_train = torch.as_tensor(data["x_train"], dtype=dtype, device=device)
    y_train = torch.as_tensor(data["y_train"], dtype=dtype, device=device)
    if y_train.ndim == 1:
        y_train = y_train[:, None]
    x_test = torch.as_tensor(data["x_test"], dtype=dtype, device=device)
    y_test = torch.as_tensor(data["y_test"], dtype=dtype, device=device).reshape(len(x_test), -1)
    n, d = x_train.shape
    K = y_train.shape[1]
    grid = build_run_grid(top["configurations"], top["seeds"], top["m"], d, K, top["dtype"], top["lambda_ranks"])
    gd = GDSettings(lr=settings["lr"], steps=settings["steps"], log_every=settings["log_every"])
    n_ntg = settings["ntg_points"]
    print_cost(n, d, top["m"], grid.size, gd.steps, n_ntg, gd.steps // gd.log_every + 1)
    start = time.perf_counter()
    print(f"device: {device}", flush=True)
    logs = train_gd(x_train, y_train, grid.W0.to(device), grid.a.to(device), grid.lam.to(device), gd, X_test=x_test, Y_test=y_test,
                    X_ntg=x_train[:n_ntg] if n_ntg else None, classification=settings.get("classification", False),
                    desc=desc)
    logs["train_seconds"] = np.asarray(time.perf_counter() - start)
    return {**grid_arrays(grid), **logs}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--section-key", required=True, help="key of the experiment's settings in the section")
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--data-rule", default="asymmetric_simulated_data", help="rule that makes --data")
    args = parser.parse_args(argv)
    require_input(args.data, args.data_rule)
    top = load_section(args.config)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    runs = train_experiment(load_npz(args.data), top[args.section_key], top, desc=args.section_key)
    save_npz(args.out, **runs)
    print(f"trained {len(runs['seeds'])} runs in {float(runs['train_seconds']):.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
