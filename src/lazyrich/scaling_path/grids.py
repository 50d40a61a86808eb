"""Spherical grids and the function grid (spec §1.3, §1.11).

Atoms are unit vectors theta = (theta_1, theta_2) in R x R^3 = R^4; theta_2's last coordinate multiplies the
constant input 1, i.e. it is the bias (SP-D2).
"""

from __future__ import annotations

import numpy as np

GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))


def fibonacci_lattice(n: int) -> np.ndarray:
    """Standard spherical Fibonacci lattice F_N on S^2, [n, 3]; the z coordinate (bias) is last."""
    if n < 1:
        raise ValueError(f"lattice size must be >= 1, got {n}")
    i = np.arange(n, dtype=np.float64)
    z = 1.0 - (2.0 * i + 1.0) / n
    psi = i * GOLDEN_ANGLE
    r = np.sqrt(1.0 - z * z)
    return np.stack([r * np.cos(psi), r * np.sin(psi), z], axis=1)


def support_p(n: int) -> np.ndarray:
    """Initial support P: (s/sqrt2, F_N[i]/sqrt2), s = +1 block then s = -1 block; [2n, 4], unit norm."""
    lattice = fibonacci_lattice(n) / np.sqrt(2.0)
    blocks = [np.concatenate([np.full((n, 1), s / np.sqrt(2.0)), lattice], axis=1) for s in (1.0, -1.0)]
    return np.concatenate(blocks, axis=0)


def support_q(n: int) -> np.ndarray:
    """Fine search space Q (eq. 70): (s k, sqrt(98 - k^2) F_N[i]) / (7 sqrt2); s outer, k, i inner; [18n, 4]."""
    lattice = fibonacci_lattice(n)
    blocks = []
    for s in (1.0, -1.0):
        for k in range(1, 10):
            first = np.full((n, 1), s * k)
            blocks.append(np.concatenate([first, np.sqrt(98.0 - k * k) * lattice], axis=1) / (7.0 * np.sqrt(2.0)))
    return np.concatenate(blocks, axis=0)


def initial_weights(n_atoms: int) -> np.ndarray:
    """Weights of the uniform probability measure mu0_hat on the atoms of P (each 1/|P|)."""
    return np.full(n_atoms, 1.0 / n_atoms)


def function_grid(size: int = 201) -> tuple[np.ndarray, np.ndarray]:
    """Uniform size x size grid on [-1, 1]^2, endpoints included.

    Returns (axis [size], points [size*size, 2]) with points[i*size + j] = (axis[j], axis[i]), i.e. x1
    horizontal (column index j) and x2 vertical (row index i), so ``values.reshape(size, size)`` is an image
    with origin at the lower-left corner.
    """
    axis = np.linspace(-1.0, 1.0, size)
    x1, x2 = np.meshgrid(axis, axis, indexing="xy")
    return axis, np.stack([x1.ravel(), x2.ravel()], axis=1)
