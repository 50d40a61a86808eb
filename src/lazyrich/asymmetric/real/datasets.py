"""Prepared data (results/<P>/data/*.npz) -> the splits of one main-paper experiment.

UCI (spec §2.2): the prepared splits as they are (``max_train_rows`` > 0 keeps only the first rows of the
train split, a documented reduction). MNIST (spec §2.3): pixels / 255, flattened, one-hot targets, the
image ranges of the config (paper: train 0-4999, test 0-4999, transfer-train train 5000-9999,
transfer-test test 5000-9999).
"""

from __future__ import annotations

import numpy as np

SPLITS = ("train", "test", "transfer_train", "transfer_test")


def uci_splits(prepared: dict, max_train_rows: int = 0) -> dict[str, np.ndarray]:
    out = {}
    for split in SPLITS:
        out[f"x_{split}"] = prepared[f"x_{split}"]
        out[f"y_{split}"] = prepared[f"y_{split}"].reshape(len(prepared[f"x_{split}"]), -1)
    if max_train_rows:
        out["x_train"], out["y_train"] = out["x_train"][:max_train_rows], out["y_train"][:max_train_rows]
    return out


def one_hot(labels: np.ndarray, K: int = 10) -> np.ndarray:
    out = np.zeros((len(labels), K))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def _slice(images: np.ndarray, labels: np.ndarray, rng: list[int], split: str, which: str):
    start, stop = rng
    if not 0 <= start < stop <= len(images):
        raise ValueError(
            f"MNIST {split} range [{start}, {stop}) does not fit the {which} split of {len(images)} images "
            f"(config asymmetric_real.mnist.ranges.{split})"
        )
    x = images[start:stop].reshape(stop - start, -1).astype(np.float64) / 255.0
    return x, one_hot(labels[start:stop])


def mnist_splits(prepared: dict, ranges: dict) -> dict[str, np.ndarray]:
    """``ranges``: {split: [start, stop)} with train/transfer_train from the training images and
    test/transfer_test from the test images."""
    out = {}
    for split in SPLITS:
        which = "train" if split in ("train", "transfer_train") else "test"
        out[f"x_{split}"], out[f"y_{split}"] = _slice(prepared[f"{which}_images"], prepared[f"{which}_labels"],
                                                      ranges[split], split, which)
    return out
