"""Exact-HK value of the grid-restricted VP through its 10-dimensional dual (diagnostic S5, claim SP-C14).

For support P, reference nu = alpha^2 mu0_hat on P and the exact HK cost (eps = 0):

    V_exact(alpha) = (1 + alpha^2) max_{lam : u = 1 - A^T lam > 0}  lam^T y + sum_j nu_j (1 - max_i c_ij / u_i)

with c_ij = max(theta_i . theta_j, 0)^2. Any feasible lam gives a certified lower bound. We maximise a
soft-max-smoothed version (temperature T on the max, decreasing 1e-1 .. 1e-6) with scipy's BFGS, warm-started
from one temperature to the next, and report the exact objective at the best lam found.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp, softmax

DEFAULT_TEMPERATURES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6)


def squared_cosines(atoms: np.ndarray) -> np.ndarray:
    gram = atoms @ atoms.T
    return np.maximum(gram, 0.0) ** 2


def exact_dual_objective(lam: np.ndarray, A: np.ndarray, y: np.ndarray, cos2: np.ndarray, nu: np.ndarray) -> float:
    """Exact dual value (without the (1 + alpha^2) factor); -inf outside u > 0."""
    u = 1.0 - A.T @ lam
    if np.any(u <= 0):
        return -np.inf
    return float(lam @ y + nu @ (1.0 - np.max(cos2 / u[:, None], axis=0)))


def _smoothed(lam, A, y, cos2, nu, temperature):
    """Negative smoothed dual and its gradient (for minimisation); +inf outside the domain."""
    u = 1.0 - A.T @ lam
    if np.any(u <= 0):
        return np.inf, np.zeros_like(lam)
    z = cos2 / u[:, None]  # [i, j]
    smax = temperature * logsumexp(z / temperature, axis=0)  # [j]
    weights = softmax(z / temperature, axis=0)  # d smax_j / d z_ij
    # d z_ij / d lam = c_ij / u_i^2 * A[:, i]
    dz = (weights * z / u[:, None]) @ nu  # [i]: sum_j nu_j w_ij c_ij / u_i^2
    value = lam @ y + nu @ (1.0 - smax)
    grad = y - A @ dz
    return -value, -grad


def exact_hk_value(A: np.ndarray, y: np.ndarray, atoms: np.ndarray, nu: np.ndarray, alpha: float,
                   temperatures=DEFAULT_TEMPERATURES, cos2: np.ndarray | None = None) -> dict:
    """Lower bound on the exact-HK VP value (with the (1 + alpha^2) factor) and the dual vector found."""
    cos2 = squared_cosines(atoms) if cos2 is None else cos2
    lam = np.zeros(A.shape[0])
    best_lam, best = lam.copy(), exact_dual_objective(lam, A, y, cos2, nu)
    for temperature in temperatures:
        res = minimize(_smoothed, lam, args=(A, y, cos2, nu, temperature), jac=True, method="BFGS",
                       options={"maxiter": 500, "gtol": 1e-10})
        if np.all(np.isfinite(res.x)) and np.all(1.0 - A.T @ res.x > 0):
            lam = res.x
        value = exact_dual_objective(lam, A, y, cos2, nu)
        if value > best:
            best, best_lam = value, lam.copy()
    return {"value": (1.0 + alpha * alpha) * best, "dual": best, "lam": best_lam}
