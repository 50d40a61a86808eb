"""CIFAR-10 experiment E4 (spec §2.4): frozen ResNet-18 features, then batched SGD of the shallow nets.

CLI:
  python -m lazyrich.asymmetric.real.cifar features --config CFG --data-config DATA_CFG --data cifar10.npz
         --cache-dir DIR --out features.npz
  python -m lazyrich.asymmetric.real.cifar train --config CFG --data-config DATA_CFG --data cifar10.npz
         --features features.npz --out runs.npz

``feature_mode: cached`` (reduced profiles, deviation D9): train and test features computed once with the
test transform, cached. ``feature_mode: augmented`` (paper): test features cached, train features recomputed
with the train augmentation for every batch of every epoch; the pruning evaluation of the train set uses
one augmented pass (seeded) stored as ``train_features``.

Both stages run on the config's ``device`` (auto = CUDA when available, TF32 off): the backbone and the
image batches for the features (stored as CPU numpy), W, a, lam and the feature batches for SGD (the
cached train features are moved to the device once).
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
import torch

from lazyrich.asymmetric.runs import DTYPES, build_run_grid, grid_arrays
from lazyrich.config import load_section
from lazyrich.io import load_npz, save_npz
from lazyrich.seeding import torch_seed

from .experiment import section_device, top_level
from .features import augmented_batch, embed, extract
from .sgd import logged_steps, train_sgd


def _backbone(data_cfg: dict):
    from lazyrich.data.fetch import load_manifest
    from lazyrich.data.inventory import data_dir_of
    from lazyrich.data.resnet import load_backbone

    root = data_dir_of(data_cfg)
    manifest = load_manifest(root) if data_cfg["standin"] else None
    return load_backbone(root, download=data_cfg["download"], manifest=manifest)


def print_cost(c: dict, n_train: int, n_test: int) -> None:
    steps = c["epochs"] * math.ceil(n_train / c["batch_size"])
    resnet = 3.6e9  # FLOP per 224x224 image (spec §7)
    passes = n_test + n_train * (c["epochs"] + 1 if c["feature_mode"] == "augmented" else 1)
    R = len(c["seeds"]) * 4
    shallow = R * steps * 6 * c["batch_size"] * 512 * c["m"]
    print(f"cost estimate: ResNet-18 forwards {passes:,} images ~ {passes * resnet:.2e} FLOP; "
          f"shallow nets {R} runs x {steps} steps ~ {shallow:.2e} FLOP", flush=True)


def features_main(args, cfg, data_cfg) -> None:
    c = cfg["cifar10"]
    data = load_npz(args.data)
    n_train, n_test = c["n_train"] or len(data["train_images"]), c["n_test"] or len(data["test_images"])
    if n_train > len(data["train_images"]) or n_test > len(data["test_images"]):
        raise SystemExit(f"cifar10.n_train/n_test ({n_train}, {n_test}) exceed the data "
                         f"({len(data['train_images'])}, {len(data['test_images'])})")
    print_cost(c, n_train, n_test)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    device = section_device(cfg)
    backbone, meta = _backbone(data_cfg)
    backbone.to(device)
    start = time.time()
    test = extract(data["test_images"][:n_test], backbone, args.cache_dir, "test", c["feature_batch"], device=device)
    augment = c["feature_mode"] == "augmented"
    if augment:
        torch.manual_seed(torch_seed(c["data_seed"], "cifar_prune_augmentation"))
    train = extract(data["train_images"][:n_train], backbone, args.cache_dir, "train", c["feature_batch"],
                    augment=augment, device=device)
    save_npz(args.out, train_features=train, train_labels=data["train_labels"][:n_train],
             test_features=test, test_labels=data["test_labels"][:n_test],
             train_augmented=np.asarray(augment), backbone=np.asarray(meta["weights"]),
             source=np.asarray(str(data["source"])), extract_seconds=np.asarray(time.time() - start))
    print(f"features: train {train.shape}, test {test.shape} in {time.time() - start:.1f} s ({meta['weights']})")


def train_main(args, cfg, data_cfg) -> None:
    c = cfg["cifar10"]
    feats = load_npz(args.features)
    top = top_level(cfg, "cifar10")
    dtype = DTYPES[cfg["dtype"]]
    device = section_device(cfg)
    grid = build_run_grid(top["configurations"], top["seeds"], c["m"], 512, 10, cfg["dtype"], cfg["lambda_ranks"])
    n_train = len(feats["train_labels"])
    if c["feature_mode"] == "cached":
        batch = torch.as_tensor(feats["train_features"], dtype=dtype)  # moved to the device once by train_sgd
    else:
        backbone, _ = _backbone(data_cfg)
        backbone.to(device)
        images = load_npz(args.data)["train_images"][:n_train]
        torch.manual_seed(torch_seed(c["data_seed"], "cifar_train_augmentation"))
        batch = lambda idx: embed(backbone, augmented_batch(images[idx], device))  # noqa: E731
    steps = c["epochs"] * math.ceil(n_train / c["batch_size"])
    print(f"cifar10: {grid.size} runs, {steps} steps, logged at {logged_steps(steps, c['thinning_start'], c['thinning_double_at'])}",
          flush=True)
    start = time.time()
    logs = train_sgd(batch, feats["train_labels"], torch.as_tensor(feats["test_features"]), feats["test_labels"],
                     grid.W0, grid.a, grid.lam, c["lr"], c["batch_size"], c["epochs"], c["data_seed"],
                     c["thinning_start"], c["thinning_double_at"], desc="SGD cifar10", device=device)
    runs = {**grid_arrays(grid), **logs, "train_seconds": np.asarray(time.time() - start),
            "source": feats["source"], "feature_mode": np.asarray(c["feature_mode"])}
    save_npz(args.out, **runs)
    print(f"trained {grid.size} runs in {time.time() - start:.1f} s -> {args.out}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stage", choices=["features", "train"])
    ap.add_argument("--config", required=True)
    ap.add_argument("--data-config", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--features")
    ap.add_argument("--cache-dir")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg, data_cfg = load_section(args.config), load_section(args.data_config)
    (features_main if args.stage == "features" else train_main)(args, cfg, data_cfg)


if __name__ == "__main__":
    main()
