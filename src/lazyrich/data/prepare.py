"""Command line of the data rules: verify, parse and save one prepared dataset as .npz.

``python -m lazyrich.data.prepare --config results/<P>/configs/data.json --dataset {airfoil,concrete,
energy,plant,mnist,cifar10} --out results/<P>/data/<file>.npz``

Outputs (data preparation contract in docs/architecture.md): ``mnist.npz`` / ``cifar10.npz`` hold the
whole torchvision splits (``train_images`` uint8, ``train_labels`` int64, ``test_*``); ``uci_<name>.npz``
holds the main paper's standardised splits. Every file also stores ``source`` (what the data is; stand-ins
say so), ``kind`` (official / real-image stand-in / synthetic stand-in), ``variant`` (which accepted files:
e.g. ``official (uncompressed)`` for MNIST) and ``sha256`` (JSON of the verified raw files).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from lazyrich.io import save_npz

from .fetch import DataError, load_manifest
from .inventory import data_dir_of
from .sources import OFFICIAL, SYNTHETIC_STANDIN
from .uci import UCI_NAMES, make_splits, parse_uci

DATASETS = (*UCI_NAMES, "mnist", "cifar10")


def prepare(cfg: dict, dataset: str) -> dict[str, np.ndarray]:
    from .cifar10 import load_cifar10
    from .fetch import require_file
    from .mnist import load_mnist
    from .mnist import variant_label as mnist_variant_label
    from .sources import UCI_FILES

    root = data_dir_of(cfg)
    manifest = load_manifest(root) if cfg["standin"] else None
    download = bool(cfg["download"])
    if dataset in UCI_NAMES:
        path, digest = require_file(UCI_FILES[dataset], root, download=download and manifest is None, manifest=manifest)
        x, y = parse_uci(dataset, path)
        arrays = make_splits(x, y, permutation_seed=cfg["uci_permutation_seed"])
        standin = manifest is not None
        meta = {"source": "SYNTHETIC STAND-IN in the UCI file format" if standin else f"UCI {dataset} ({UCI_FILES[dataset].note})",
                "kind": SYNTHETIC_STANDIN if standin else OFFICIAL, "variant": "standin" if standin else "official",
                "sha256": {UCI_FILES[dataset].relpath: digest}}
    elif dataset == "mnist":
        arrays, meta = load_mnist(root, download=download, variant=cfg["mnist_variant"], manifest=manifest)
        meta["variant"] = mnist_variant_label(meta["variant"], meta["form"])
    elif dataset == "cifar10":
        arrays, meta = load_cifar10(root, download=download, variant=cfg["cifar10_variant"], manifest=manifest)
    else:
        raise ValueError(f"unknown dataset '{dataset}'; allowed: {list(DATASETS)}")
    arrays["source"] = np.array(meta["source"])
    arrays["kind"] = np.array(meta["kind"])
    arrays["variant"] = np.array(meta["variant"])
    arrays["sha256"] = np.array(json.dumps(meta["sha256"], sort_keys=True))
    return arrays


def main(argv=None) -> None:
    from lazyrich.config import load_section

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--dataset", required=True, choices=DATASETS)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    start = time.time()
    try:
        arrays = prepare(cfg, args.dataset)
    except DataError as exc:
        print(f"ERROR preparing {args.dataset}:\n{exc}", file=sys.stderr)
        sys.exit(2)
    save_npz(args.out, **arrays)
    shapes = {k: v.shape for k, v in arrays.items() if v.ndim}
    print(f"{args.dataset}: {arrays['source']} [{arrays['kind']}, {arrays['variant']}]\n  shapes {shapes}\n  sha256 {arrays['sha256']}\n"
          f"  written {args.out} in {time.time() - start:.1f}s")


if __name__ == "__main__":
    main()
