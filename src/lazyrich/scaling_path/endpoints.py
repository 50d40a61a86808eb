"""The two ends of the scaling path (spec §1.8, SP-D10).

- alpha = 0: total-variation minimisation min 1^T mu s.t. A mu = y, mu >= 0 (scipy's HiGHS linear program).
- alpha = infinity: kernel interpolation with the NTK of the discrete initial measure mu0_hat on P.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from lazyrich.scaling_path.data import pad_bias


@dataclass
class LPEndpoint:
    value: float  # tau_0
    weights: np.ndarray  # mu_0^*
    status: str


def lp_endpoint(A: np.ndarray, y: np.ndarray) -> LPEndpoint:
    """Solve min sum(mu) s.t. A mu = y, mu >= 0 with HiGHS; raises if infeasible."""
    res = linprog(np.ones(A.shape[1]), A_eq=A, b_eq=y, bounds=(0, None), method="highs")
    if res.status != 0:
        raise RuntimeError(f"HiGHS linear program failed: {res.message}")
    weights = np.maximum(res.x, 0.0)
    return LPEndpoint(value=float(res.fun), weights=weights, status=str(res.message))


def ntk_features(atoms: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """relu(theta_2^T x) and the indicator 1{theta_2^T x > 0}, both [n, J], for bias-padded x [n, 3]."""
    pre = np.asarray(x, dtype=np.float64) @ atoms[:, 1:].T
    return np.maximum(pre, 0.0), (pre > 0.0).astype(np.float64)


def ntk_kernel(atoms: np.ndarray, x: np.ndarray, x2: np.ndarray | None = None) -> np.ndarray:
    """K(x, x') = mean over atoms of relu(.x) relu(.x') + theta_1^2 (x.x') 1{.x>0} 1{.x'>0} (spec §1.8)."""
    x2 = x if x2 is None else x2
    r1, i1 = ntk_features(atoms, x)
    r2, i2 = ntk_features(atoms, x2)
    j = len(atoms)
    w1sq = atoms[:, 0] ** 2
    return (r1 @ r2.T + (x @ x2.T) * ((i1 * w1sq) @ i2.T)) / j


@dataclass
class NTKEndpoint:
    gram: np.ndarray  # K [n, n]
    coef: np.ndarray  # K^{-1} y
    value: float  # kappa_NTK = y^T K^{-1} y


def ntk_endpoint(atoms: np.ndarray, x: np.ndarray, y: np.ndarray) -> NTKEndpoint:
    gram = ntk_kernel(atoms, x)
    coef = np.linalg.solve(gram, y)
    return NTKEndpoint(gram=gram, coef=coef, value=float(y @ coef))


def ntk_function(atoms: np.ndarray, x: np.ndarray, coef: np.ndarray, points: np.ndarray, chunk: int = 2048) -> np.ndarray:
    """f_inf(p) = k(p)^T K^{-1} y at un-padded 2-D points [G, 2]."""
    out = np.empty(len(points))
    for start in range(0, len(points), chunk):
        xs = pad_bias(points[start:start + chunk])
        out[start:start + chunk] = ntk_kernel(atoms, xs, x) @ coef
    return out
