"""Table 2 of the paper (JMLR version), rows beta, columns alpha; first row the VP values (spec SP-T1)."""

from __future__ import annotations

import numpy as np

A12 = (0.1, 0.33, 0.66, 1.0, 3.3, 6.6, 10.0, 16.0, 24.0, 42.0, 48.0, 66.0)
A13 = A12 + (100.0,)
KAPPA_NTK = 283.0  # "optimal value ... 2.83e2"

VP_ROW = np.array([75.0, 74.4, 96.4, 126, 447, 773, 727, 460, 338, 288, 284, 279])
GD_TABLE = np.array([
    [93.6, 98.7, 120, 158, 619, 1.41e3, 3.39e3, 2.39e4, 1.63e5, 2.08e6, 3.74e6, 1.47e7],
    [84.4, 88.8, 108, 141, 533, 1.17e3, 3.03e3, 2.38e4, 1.66e5, 2.10e6, 3.74e6, 1.48e7],
    [87.3, 91.8, 111, 145, 543, 1.12e3, 2.69e3, 2.20e4, 1.59e5, 2.06e6, 3.71e6, 1.46e7],
    [91.8, 96.6, 117, 153, 570, 1.12e3, 2.47e3, 2.04e4, 1.52e5, 2.02e6, 3.65e6, 1.45e7],
    [94.5, 99.3, 120, 157, 566, 968, 1.79e3, 1.72e4, 1.40e5, 1.95e6, 3.55e6, 1.42e7],
    [107, 113, 137, 179, 643, 960, 1.07e3, 1.22e4, 1.20e5, 1.83e6, 3.36e6, 1.37e7],
    [139, 147, 180, 237, 895, 1.41e3, 950, 6.78e3, 9.27e4, 1.64e6, 3.06e6, 1.29e7],
    [270, 288, 357, 477, 2.05e3, 4.36e3, 4.37e3, 766, 3.51e4, 1.16e6, 2.30e6, 1.07e7],
    [582, 627, 789, 1.06e3, 5.14e3, 1.36e4, 2.01e4, 1.70e4, 574, 5.65e5, 1.31e6, 7.63e6],
    [1.77e3, 1.92e3, 2.45e3, 3.36e3, 1.77e4, 5.57e4, 1.03e5, 1.73e5, 1.86e5, 331, 8.28e4, 2.50e6],
    [2.31e3, 2.51e3, 3.21e3, 4.41e3, 2.37e4, 7.62e4, 1.45e5, 2.62e5, 3.31e5, 6.36e4, 308, 1.40e6],
    [4.38e3, 4.78e3, 6.12e3, 8.44e3, 4.66e4, 1.56e5, 3.16e5, 6.40e5, 1.01e6, 1.01e6, 7.44e5, 287],
])


def index_of(value: float, grid=A12) -> int | None:
    """Position of ``value`` in the paper's grid (None if absent)."""
    for i, g in enumerate(grid):
        if abs(g - value) <= 1e-9 * max(1.0, g):
            return i
    return None


def paper_vp(alpha: float) -> float:
    i = index_of(alpha)
    return float("nan") if i is None else float(VP_ROW[i])


def paper_gd(alpha: float, beta: float) -> float:
    i, j = index_of(beta), index_of(alpha)
    return float("nan") if i is None or j is None else float(GD_TABLE[i, j])
