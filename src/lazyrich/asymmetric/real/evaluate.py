"""Pruning and transfer evaluations of a trained experiment (spec §1.6, §1.7).

CLI: python -m lazyrich.asymmetric.real.evaluate --config CFG --experiment E --what {prune,transfer}
        --runs runs.npz [--data NPZ | --features features.npz] --out OUT.npz

Pruning: train and test risk (and accuracy) after every int(0.05 m) removals, ascending lambda, seeded
ties, no retraining, all levels from one pass over the hidden activations. Transfer (UCI, MNIST): the
top-k features feed new MLPs, k in ``transfer.ks``. Both run on the config's ``device``; the records are
numpy on the CPU.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from lazyrich.config import load_section
from lazyrich.io import load_npz, save_npz

from .experiment import EXPERIMENTS, load_splits, loss_of, section_device, settings_of
from .pruning import prune_orders, prune_runs
from .transfer import transfer_runs


def _splits(cfg, experiment, data_path, features_path):
    if experiment == "cifar10":
        feats = load_npz(features_path)
        return {"x_train": feats["train_features"], "y_train": np.eye(10)[feats["train_labels"]],
                "x_test": feats["test_features"], "y_test": np.eye(10)[feats["test_labels"]]}
    return load_splits(cfg, experiment, data_path)


def prune(cfg: dict, experiment: str, runs: dict, splits: dict) -> dict[str, np.ndarray]:
    evals = {"train": (splits["x_train"], splits["y_train"]), "test": (splits["x_test"], splits["y_test"])}
    device = section_device(cfg)
    res = prune_runs(evals, runs["W_final"], runs["a"], runs["lam"], runs["seeds"], loss=loss_of(experiment),
                     device=device)
    res["config_ids"], res["seeds"] = runs["config_ids"], runs["seeds"]
    return res


def transfer(cfg: dict, experiment: str, runs: dict, splits: dict) -> dict[str, np.ndarray]:
    t = settings_of(cfg, experiment)["transfer"]
    device = section_device(cfg)
    orders = prune_orders(runs["lam"], runs["seeds"])
    res = transfer_runs(splits, runs["W_final"].astype(np.float64), runs["lam"], orders, runs["seeds"], t["ks"],
                        t["hidden"], t["lr"], t["iterations"], dtype=torch.float32, max_batch=t["max_batch"],
                        device=device)
    res["config_ids"], res["seeds"] = runs["config_ids"], runs["seeds"]
    return res


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--experiment", required=True, choices=EXPERIMENTS)
    ap.add_argument("--what", required=True, choices=["prune", "transfer"])
    ap.add_argument("--runs", required=True)
    ap.add_argument("--data")
    ap.add_argument("--features")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if args.what == "transfer" and args.experiment == "cifar10":
        ap.error("the CIFAR-10 experiment has no transfer evaluation (spec §2.4)")
    cfg = load_section(args.config)
    start = time.time()
    runs = load_npz(args.runs)
    splits = _splits(cfg, args.experiment, args.data, args.features)
    res = (prune if args.what == "prune" else transfer)(cfg, args.experiment, runs, splits)
    save_npz(args.out, **res)
    print(f"{args.what} {args.experiment}: {time.time() - start:.1f} s -> {args.out}")
    for key in sorted(k for k in res if k.endswith(("_risk", "_acc"))):
        print(f"  {key}: mean over runs per level {np.round(res[key].mean(axis=0), 4).tolist()}")


if __name__ == "__main__":
    main()
