"""Feature matrix of the interpolation constraint and function evaluation (spec §1.2, §1.4, §1.11).

phi(theta, x) = theta_1 * max(theta_2^T x, 0) with x bias-padded; a measure sum_j mu_j delta_{theta_j}
represents f(x) = sum_j mu_j phi(theta_j, x) (linear in mu), a width-m network f(x) = (1/m) sum_l phi(theta_l, x).
"""

from __future__ import annotations

import numpy as np

from lazyrich.scaling_path.data import pad_bias


def feature_matrix(atoms: np.ndarray, x: np.ndarray) -> np.ndarray:
    """A [n, |X|] with A_kj = phi(atoms_j, x_k); ``atoms`` [J, 4], ``x`` [n, 3] (bias-padded)."""
    atoms = np.asarray(atoms, dtype=np.float64)
    pre = np.asarray(x, dtype=np.float64) @ atoms[:, 1:].T
    return np.maximum(pre, 0.0) * atoms[:, 0][None, :]


def evaluate_measure(atoms: np.ndarray, weights: np.ndarray, points: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """f(x) = sum_j w_j phi(atoms_j, x) at un-padded 2-D ``points`` [G, 2], chunked over points."""
    atoms = np.asarray(atoms, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    keep = weights != 0.0  # atoms without mass do not contribute
    atoms, weights = atoms[keep], weights[keep]
    out = np.empty(len(points))
    for start in range(0, len(points), chunk):
        xs = pad_bias(points[start:start + chunk])
        out[start:start + chunk] = feature_matrix(atoms, xs) @ weights
    return out


def evaluate_network(theta: np.ndarray, points: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """f(x) = (1/m) sum_l phi(theta_l, x) for un-normalised neurons ``theta`` [m, 4]."""
    theta = np.asarray(theta, dtype=np.float64)
    return evaluate_measure(theta, np.full(len(theta), 1.0 / len(theta)), points, chunk)


def network_to_measure(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """2-homogeneous projection (SP-D8): atoms theta_l/|theta_l| with weights |theta_l|^2/m.

    Neurons with zero norm carry no mass and are dropped.
    """
    theta = np.asarray(theta, dtype=np.float64)
    norms = np.linalg.norm(theta, axis=1)
    keep = norms > 0
    return theta[keep] / norms[keep, None], norms[keep] ** 2 / len(theta)
