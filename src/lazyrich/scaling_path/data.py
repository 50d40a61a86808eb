"""The 10 labelled training points (spec §1.1, read off the paper's Figure 1 to about +-0.005)."""

from __future__ import annotations

from importlib import resources

import numpy as np


def load_points() -> tuple[np.ndarray, np.ndarray]:
    """Return (x_tilde [10, 2], y [10]) as float64, in the order of the spec's table (k = 1..10)."""
    text = resources.files(__package__).joinpath("points.csv").read_text()
    table = np.loadtxt(text.splitlines(), delimiter=",", skiprows=1)
    return table[:, 1:3].astype(np.float64), table[:, 3].astype(np.float64)


def pad_bias(x_tilde: np.ndarray) -> np.ndarray:
    """Append the constant input 1 (Remark 1): [n, 2] -> [n, 3]."""
    x_tilde = np.asarray(x_tilde, dtype=np.float64)
    return np.concatenate([x_tilde, np.ones(x_tilde.shape[:-1] + (1,))], axis=-1)


def training_data() -> tuple[np.ndarray, np.ndarray]:
    """Bias-padded inputs X [10, 3] and labels y [10] in {-1, +1}."""
    x_tilde, y = load_points()
    return pad_bias(x_tilde), y
