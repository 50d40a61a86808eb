"""Inputs of the integrable-parameterization runs: preprocessing (spec IP-E1) and batch order (IP-D10/D15).

* MNIST: pixel / 255, then (x - 0.1307) / 0.3081, flattened to d = 784.
* CIFAR-10: RGB -> grayscale with PIL's "L" conversion on uint8 (ITU-R 601-2 luma, integer arithmetic,
  bit-compatible with ``torchvision.transforms.Grayscale`` on PIL images; IP-D18), then / 255,
  then (x - 0.4809) / 0.2392, flattened to d = 1024.

The prepared arrays are computed once (rule ``integrable_prepare_<dataset>``) and kept in memory as
tensors during training; there are no per-sample transforms in the loop.
"""

from __future__ import annotations

import argparse

import numpy as np

from lazyrich.io import load_npz, save_npz

NORMALISATION = {"mnist": (0.1307, 0.3081), "cifar10": (0.4809, 0.2392)}
INPUT_DIM = {"mnist": 784, "cifar10": 1024}


def pil_luma(rgb: np.ndarray) -> np.ndarray:
    """PIL ``Image.convert("L")`` on uint8 RGB [..., 3]: (R*19595 + G*38470 + B*7471 + 2^15) >> 16."""
    if rgb.dtype != np.uint8 or rgb.shape[-1] != 3:
        raise ValueError(f"expected uint8 images [..., 3], got {rgb.dtype} {rgb.shape}")
    c = rgb.astype(np.uint32)
    return ((c[..., 0] * 19595 + c[..., 1] * 38470 + c[..., 2] * 7471 + 0x8000) >> 16).astype(np.uint8)


def to_flat_uint8(dataset: str, images: np.ndarray) -> np.ndarray:
    """uint8 images -> uint8 [N, d]: CIFAR-10 through the PIL luma, MNIST as is; flattened."""
    if dataset not in NORMALISATION:
        raise ValueError(f"unknown dataset '{dataset}': allowed {list(NORMALISATION)}")
    if images.dtype != np.uint8:
        raise ValueError(f"images must be uint8, got {images.dtype}")
    if dataset == "cifar10":
        if images.ndim != 4 or images.shape[-1] != 3:
            raise ValueError(f"CIFAR-10 images must be uint8 [N, 32, 32, 3], got {images.shape}")
        images = pil_luma(images)
    elif images.ndim != 3:
        raise ValueError(f"MNIST images must be uint8 [N, 28, 28], got {images.shape}")
    return images.reshape(images.shape[0], -1)


def normalise(dataset: str, flat: np.ndarray) -> np.ndarray:
    """uint8 [N, d] -> float32 (x / 255 - mean) / std with the authors' constants."""
    mean, std = NORMALISATION[dataset]
    return ((flat.astype(np.float32) / np.float32(255.0) - np.float32(mean)) / np.float32(std)).astype(np.float32)


def preprocess(dataset: str, images: np.ndarray) -> np.ndarray:
    """uint8 images -> float32 [N, d] normalised as in the authors' code."""
    return normalise(dataset, to_flat_uint8(dataset, images))


def prepare(dataset: str, raw_path: str, out_path: str) -> None:
    """Grayscale + flatten once (uint8, compact); normalisation happens in :func:`load_prepared`."""
    raw = load_npz(raw_path)
    save_npz(out_path, dataset=np.array(dataset),
             train=to_flat_uint8(dataset, raw["train_images"]), y_train=raw["train_labels"].astype(np.int64),
             test=to_flat_uint8(dataset, raw["test_images"]), y_test=raw["test_labels"].astype(np.int64))


def load_prepared(path: str) -> dict:
    """The prepared file as float32 inputs x_train, x_test [N, d] and int64 labels y_train, y_test."""
    raw = load_npz(path)
    dataset = str(raw["dataset"])
    return {"x_train": normalise(dataset, raw["train"]), "y_train": raw["y_train"],
            "x_test": normalise(dataset, raw["test"]), "y_test": raw["y_test"]}


def epoch_permutation(seed: int, dataset: str, epoch: int, n: int, order_key: str = "shared") -> np.ndarray:
    """Shuffle of epoch ``epoch`` (shared by all models, activations and trials unless per-trial)."""
    from lazyrich.seeding import numpy_rng  # imported lazily: the prepare CLI needs no torch

    return numpy_rng(seed, f"integrable/order/{dataset}/{order_key}/epoch{epoch}").permutation(n)


def batch_indices(seed: int, dataset: str, n: int, batch_size: int, steps: int, order_key: str = "shared"):
    """Index arrays of the first ``steps`` mini-batches: per-epoch reshuffle, batches in order, last
    partial batch kept (authors' loader: shuffle=True, drop_last=False; IP-D15)."""
    epoch, done = 0, 0
    while True:
        perm = epoch_permutation(seed, dataset, epoch, n, order_key)
        for start in range(0, n, batch_size):
            if done == steps:
                return
            yield perm[start:start + batch_size]
            done += 1
        epoch += 1


def calibration_permutation(seed: int, dataset: str, activation: str, n: int) -> np.ndarray:
    """Permutation drawn for calibration only: batch A = [0, B), batch B = [B, 2B), rank set S = [0, n_S)
    (IP-D11, IP-D20); shared by all trials of a (dataset, activation) cell."""
    from lazyrich.seeding import numpy_rng

    return numpy_rng(seed, f"integrable/calibration/{dataset}/{activation}").permutation(n)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Preprocess MNIST / CIFAR-10 for the integrable experiments")
    ap.add_argument("--dataset", required=True, choices=sorted(NORMALISATION))
    ap.add_argument("--raw", required=True, help="prepared uint8 npz of the data rules")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    prepare(args.dataset, args.raw, args.out)


if __name__ == "__main__":
    main()
