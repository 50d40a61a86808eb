"""Data sets of the orthogonal-input experiments (spec §2).

1-D sets (E1, E2, E3) carry a hidden bias, handled as an appended input coordinate equal to 1 that is
counted in ‖w_j‖ (spec §1.1). X1 has no bias: x_k = r_k e_k in R^20.
"""
from __future__ import annotations

import numpy as np

# E1: orthogonal 1-D toy of paper Fig. 2 (authors' camera-ready code)
E1_X = (-0.5, 2.0)
E1_Y = (-1.0, 1.0)
# E2 / E3: non-orthogonal 1-D example (authors' code, commented out in the camera-ready notebook)
E2_X = (-1.5, -1.0, 0.0, 0.25, 2.0)
E2_Y = (0.7, -0.3, -0.3, 0.4, 0.2)
# X1: n-point orthogonal extension (package addition, spec D7)
X1_R = (0.5, 1.0, 1.5, 2.0, 0.5, 1.0, 1.5, 2.0)
X1_D = 20


def augment(x: np.ndarray, bias: bool) -> np.ndarray:
    """x [n, d] -> x̃ [n, d+1] with a trailing 1 when bias, else x itself (float64)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    if not bias:
        return x
    return np.concatenate([x, np.ones((x.shape[0], 1))], axis=1)


def one_d(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x [n], x̃ [n, 2], y [n]) of a 1-D data set: 'e1' or 'e2' (E3 uses E2's data)."""
    xs, ys = {"e1": (E1_X, E1_Y), "e2": (E2_X, E2_Y), "e3": (E2_X, E2_Y)}[name]
    x = np.asarray(xs, dtype=np.float64)
    return x, augment(x, bias=True), np.asarray(ys, dtype=np.float64)


def x1_data() -> tuple[np.ndarray, np.ndarray]:
    """(x̃ [8, 20], y [8]) of X1: x_k = r_k e_k, y = 1/r_k on k = 1..4 and -0.5/r_k on k = 5..8."""
    r = np.asarray(X1_R)
    x = np.zeros((r.size, X1_D))
    x[np.arange(r.size), np.arange(r.size)] = r
    y = np.where(np.arange(r.size) < 4, 1.0 / r, -0.5 / r)
    return x, y


def x1_test_set(rng: np.random.Generator, n_points: int) -> np.ndarray:
    """Test inputs z ~ N(0, I_20) for the relative sup-error (independent of training draws)."""
    return rng.standard_normal((n_points, X1_D))
