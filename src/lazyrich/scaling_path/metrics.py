"""Function-space metrics on the 201x201 grid (spec §1.11)."""

from __future__ import annotations

import numpy as np

CLIP = 2.0


def clip(f: np.ndarray) -> np.ndarray:
    return np.clip(f, -CLIP, CLIP)


def rmse(f: np.ndarray, g: np.ndarray) -> float:
    """Root mean square of clip(f) - clip(g) over the grid."""
    return float(np.sqrt(np.mean((clip(f) - clip(g)) ** 2)))


def smoothness(f_image: np.ndarray, spacing: float, step: int) -> float:
    """E(f): mean squared forward difference quotient with step H = step * spacing along x1 plus along x2.

    ``f_image`` [size, size] has x1 along columns and x2 along rows; unclipped values; only points whose
    shifted partner is on the grid are used.
    """
    h = step * spacing
    d1 = (f_image[:, step:] - f_image[:, :-step]) / h
    d2 = (f_image[step:, :] - f_image[:-step, :]) / h
    return float(np.mean(d1 ** 2) + np.mean(d2 ** 2))
