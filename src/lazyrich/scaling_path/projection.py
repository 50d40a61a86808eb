"""Exact Euclidean projection onto the interpolation set C = {mu >= floor : A mu = y} (spec SP-D9; floor = 0 there).

The projection of z is mu(lam) = max(z + A^T lam, 0) where lam in R^n (n = 10 data points) maximises the
concave dual D(lam) = lam^T y - 1/2 |max(z + A^T lam, 0)|^2, whose gradient is the residual y - A mu(lam).
We run a semismooth Newton method on lam: generalised Hessian -A_S A_S^T on the active set
S = {z + A^T lam > 0} (with a small Levenberg-Marquardt shift when A_S A_S^T is singular), backtracking until D increases or
the residual norm decreases, warm-started from the previous lam. Cost per iteration: one pass over A plus an n x n solve.

A positive ``floor`` projects onto {mu >= floor, A mu = y} instead: with mu = floor + nu this is the same problem for
nu >= 0 and the shifted data y - A floor 1. The VP solver uses a tiny floor so that no atom is ever exactly zero, where
the fixed-schedule Sinkhorn estimate jumps (docs/scaling_path.md, "Finding").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class ProjectionError(RuntimeError):
    """The semismooth Newton iteration did not reach the feasibility tolerance."""


@dataclass
class Projector:
    """Projection onto {mu >= floor, A mu = y}; keeps the last dual vector for warm starts."""

    A: np.ndarray
    y: np.ndarray
    tol: float = 1e-10
    max_iter: int = 200
    floor: float = 0.0

    def __post_init__(self):
        if not (np.isfinite(self.floor) and self.floor >= 0):
            raise ValueError(f"projection floor must be finite and >= 0, got {self.floor}")
        self.A = np.asarray(self.A, dtype=np.float64)
        self.y = np.asarray(self.y, dtype=np.float64)
        # data of the shifted problem for nu = mu - floor >= 0
        self._y_shifted = self.y - self.floor * self.A.sum(axis=1)
        self.lam = np.zeros(self.A.shape[0])
        self.last_iterations = 0
        # typical size of one atom's contribution to A A^T: floor of the Levenberg-Marquardt shift, so that
        # an empty or rank-deficient active set still gives a finite Newton direction
        self._shift_floor = 1e-10 * max(float(np.sum(self.A ** 2)) / self.A.shape[1], 1e-300)

    def __call__(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=np.float64)
        # floor = 0 leaves z, y and the result unchanged bit for bit
        return self.floor + self._project_nonnegative(z - self.floor)

    def dual(self, z: np.ndarray, lam: np.ndarray) -> tuple[float, np.ndarray]:
        """D(lam) = lam^T y' - 1/2 |max(z + A^T lam, 0)|^2 of the shifted problem and its maximiser."""
        mu = np.maximum(z + self.A.T @ lam, 0.0)
        return float(lam @ self._y_shifted - 0.5 * mu @ mu), mu

    def _project_nonnegative(self, z: np.ndarray) -> np.ndarray:
        """Projection of z onto {nu >= 0, A nu = y'} with the shifted data y' = y - floor A 1."""
        A, y = self.A, self._y_shifted
        lam = self.lam.copy()
        value, mu = self.dual(z, lam)
        for it in range(self.max_iter):
            residual = y - A @ mu
            if np.max(np.abs(residual)) <= self.tol:
                self.lam, self.last_iterations = lam, it
                return mu
            active = mu > 0.0
            a_s = A[:, active]
            hessian = a_s @ a_s.T
            scale = np.trace(hessian) / len(y)
            shift = self._shift_floor + min(1.0, float(np.linalg.norm(residual))) * 1e-8 * scale
            direction = np.linalg.solve(hessian + shift * np.eye(len(y)), residual)
            slope = float(residual @ direction)  # > 0: ascent direction of D
            res_norm = float(np.linalg.norm(residual))
            step = 1.0
            for _ in range(80):
                lam_new = lam + step * direction
                value_new, mu_new = self.dual(z, lam_new)
                ascent = value_new >= value + 1e-4 * step * slope
                # near the solution D's increase drowns in rounding; the residual norm still decides
                smaller = float(np.linalg.norm(y - A @ mu_new)) <= (1.0 - 1e-4 * step) * res_norm
                if np.isfinite(value_new) and (ascent or smaller):
                    lam, value, mu = lam_new, value_new, mu_new
                    break
                step *= 0.5
            else:  # no increase possible at rounding level
                break
        residual = np.max(np.abs(y - A @ mu))
        if residual <= self.tol:
            self.lam, self.last_iterations = lam, self.max_iter
            return mu
        raise ProjectionError(
            f"projection onto {{mu >= {self.floor:g}, A mu = y}} reached |A mu - y|_inf = {residual:.3e} > tol {self.tol:.1e} "
            f"after {self.max_iter} Newton iterations (is the set empty?)"
        )
