"""IP-E1: the main training runs of one (dataset, activation) cell group, batched as one ensemble.

All models x trials of one activation that train for the same number of steps run as one ``IPEnsemble``
(they share the mini-batch order, IP-D10). Plain mini-batch SGD with per-layer rates; IP-LLR is calibrated
on two batches of a calibration-only permutation before training (IP-D11); IP-LLR and IP-bias switch their
rates after exactly one step. Logged per step: mini-batch loss and mean |f| before the update; at the end,
the test accuracy of the final model (no validation pass, IP-D14).

CLI: ``python -m lazyrich.integrable.train --config CFG --data PREPARED.npz --dataset mnist
--activation relu --out runs.npz``
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from lazyrich.config import config_hash, load_section
from lazyrich.devices import resolve_device
from lazyrich.integrable.calibration import calibrate
from lazyrich.integrable.datasets import batch_indices, calibration_permutation, load_prepared
from lazyrich.integrable.network import IPEnsemble, RunSpec
from lazyrich.integrable.runtime import setup_torch, torch_dtype
from lazyrich.io import save_npz
from lazyrich.progress import progress


def run_plan(cfg: dict, dataset: str, activation: str) -> dict[int, list[RunSpec]]:
    """{steps: [RunSpec, ...]} for one (dataset, activation); runs with equal step counts are batched."""
    tr = cfg["training"]
    plan: dict[int, list[RunSpec]] = {}
    for model in tr["models"][dataset]:
        steps = tr["steps"][dataset][model]
        for trial in range(tr["trials"][dataset][model]):
            plan.setdefault(steps, []).append(RunSpec(model, activation, trial))
    return plan


def calibration_batches(cfg, dataset, activation, x, y):
    B = cfg["training"]["batch_size"]
    perm = torch.from_numpy(calibration_permutation(cfg["seed"], dataset, activation, x.shape[0]))
    ia, ib = perm[:B], perm[B:2 * B]
    return x[ia], y[ia], x[ib]


def train_ensemble(cfg: dict, dataset: str, specs: list[RunSpec], steps: int, data: dict,
                   desc: str = "") -> dict:
    """Train one ensemble; returns the per-run logs."""
    arch, tr, cal = cfg["architecture"], cfg["training"], cfg["calibration"]
    dtype, device = torch_dtype(cfg["dtype"]), resolve_device(cfg["device"])
    x_train = torch.from_numpy(data["x_train"]).to(dtype=dtype, device=device)  # the data stay on the device
    y_train = torch.from_numpy(data["y_train"]).to(device)
    net = IPEnsemble(specs, arch["L"], arch["width"], x_train.shape[1], seed=cfg["seed"], dataset=dataset,
                     eta=tr["eta"], dtype=dtype, device=device)
    with torch.no_grad():  # mean_k |b^{L+1}_k(0)| of each run (IP-C25)
        out_bias0 = net.B[-1].abs().mean(dim=1).double().cpu().numpy()
    xa, ya, xb = calibration_batches(cfg, dataset, specs[0].activation, x_train, y_train)
    cal_out = calibrate(net, xa, ya, xb, mode=cal["mode"], cap=cal["cap"], s_out=cal["s_out"],
                        propagate=cal["propagate"])

    R, n = net.R, x_train.shape[0]
    loss = np.full((R, steps), np.nan)
    out = np.full((R, steps), np.nan)
    if tr["data_order"] == "shared":
        orders = [batch_indices(cfg["seed"], dataset, n, tr["batch_size"], steps)]
    else:  # per-trial shuffles: each run gathers its own batch
        orders = [batch_indices(cfg["seed"], dataset, n, tr["batch_size"], steps, f"trial{s.trial}") for s in specs]
    t0 = time.perf_counter()
    for t in progress(range(steps), desc=desc, total=steps):
        idx = [torch.from_numpy(next(o)) for o in orders]
        if len(idx) == 1:
            xb_t, yb_t = x_train[idx[0]], y_train[idx[0]]
        else:
            xb_t = torch.stack([x_train[i] for i in idx])
            yb_t = torch.stack([y_train[i] for i in idx])
        lt, ot = net.sgd_step(xb_t, yb_t)
        loss[:, t] = lt.double().cpu().numpy()
        out[:, t] = ot.double().cpu().numpy()
    wall = time.perf_counter() - t0
    x_test = torch.from_numpy(data["x_test"]).to(dtype=dtype, device=device)
    y_test = torch.from_numpy(data["y_test"]).to(device)
    pred = net.predict(x_test)
    acc = (pred == y_test[None, :]).double().mean(dim=1).cpu().numpy()
    # a run whose predictions are one class for every test input is a constant classifier
    constant = (pred == pred[:, :1]).all(dim=1).cpu().numpy()
    return {
        "model": np.array([s.model for s in specs]), "trial": np.array([s.trial for s in specs]),
        "steps": np.full(R, steps), "loss": loss, "out": out, "test_acc": acc, "constant_classifier": constant,
        "k": cal_out["k"].numpy(), "k_capped": cal_out["capped"].numpy(), "out_bias0": out_bias0,
        "wall_s": np.full(R, wall), "ensemble_size": np.full(R, R),
    }


def _pad(a: np.ndarray, T: int) -> np.ndarray:
    if a.shape[1] == T:
        return a
    return np.concatenate([a, np.full((a.shape[0], T - a.shape[1]), np.nan)], axis=1)


def train_cell_group(cfg: dict, dataset: str, activation: str, data: dict) -> dict:
    parts = []
    for steps, specs in run_plan(cfg, dataset, activation).items():
        parts.append(train_ensemble(cfg, dataset, specs, steps, data, desc=f"{dataset}/{activation} x{len(specs)}"))
    T = max(int(p["steps"].max()) for p in parts)
    merged = {}
    for key in parts[0]:
        vals = [_pad(p[key], T) if key in ("loss", "out") else p[key] for p in parts]
        merged[key] = np.concatenate(vals, axis=0)
    merged["seed"] = np.array(cfg["seed"])
    merged["config_hash"] = np.array(config_hash({k: v for k, v in cfg.items() if not k.startswith("_")}))
    return merged


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--data", required=True, help="prepared npz (integrable_prepare rule)")
    ap.add_argument("--dataset", required=True, choices=["mnist", "cifar10"])
    ap.add_argument("--activation", required=True, choices=["relu", "gelu", "elu", "tanh"])
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    setup_torch(cfg)
    result = train_cell_group(cfg, args.dataset, args.activation, load_prepared(args.data))
    save_npz(args.out, activation=np.array(args.activation), dataset=np.array(args.dataset), **result)


if __name__ == "__main__":
    main()
