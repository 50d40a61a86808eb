"""The grid-restricted scaling-path problem (VP, eq. 71) along an increasing alpha grid (spec §1.6, SP-D9).

    mu*_alpha = argmin_{mu >= 0, A mu = y} S(mu, alpha^2 mu0_hat),     V_VP(alpha) = (1 + alpha^2) S(mu*, .)

solved by the forward-backward solver with the exact projection, warm-started along the grid: the first
alpha from proj(mu_LP + alpha^2 mu0_hat), the next from proj(mu*_prev + (alpha^2 - alpha_prev^2) mu0_hat).
The profiles project onto {mu >= floor, A mu = y} with a tiny floor instead of mu >= 0: GeomLoss's fixed-schedule
estimate jumps at exactly zero weights, and the literal projection stalls the solver there (docs/scaling_path.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lazyrich.scaling_path.divergence import SinkhornDivergence
from lazyrich.scaling_path.fb_solver import FBResult, forward_backward
from lazyrich.scaling_path.projection import Projector


@dataclass
class VPSettings:
    max_iter: int = 500
    step_tol: float = 1e-9
    f_rel_tol: float = 1e-10
    f_window: int = 10
    memory: int = 10
    max_backtracks: int = 30
    projection_tol: float = 1e-10
    floor: float = 0.0  # lower bound on every atom's mass; 0 is SP-D9's literal projection (see Projector)

    @classmethod
    def from_config(cls, cfg: dict) -> "VPSettings":
        return cls(**{k: cfg[k] for k in cls.__dataclass_fields__ if k in cfg})


def initial_step(grad: np.ndarray, alpha: float, n_atoms: int) -> float:
    """tau_0 = 1e-2 max(alpha^2/|X|, 1e-3) / |grad F(mu_0)|_inf (SP-D9): ~1% of one reference atom's mass."""
    return 1e-2 * max(alpha * alpha / n_atoms, 1e-3) / max(float(np.max(np.abs(grad))), 1e-300)


def solve_alpha(divergence: SinkhornDivergence, projector: Projector, reference: np.ndarray, start: np.ndarray,
                alpha: float, settings: VPSettings, callback=None) -> FBResult:
    """Minimise S(mu, reference) over C from ``start`` (projected first)."""
    b = torch.as_tensor(reference, dtype=torch.float64)[None]

    def objective(mu: np.ndarray):
        value, grad = divergence.value_and_grad(torch.as_tensor(mu)[None], b)
        return float(value[0]), grad[0].numpy()

    x0 = projector(start)
    _, g0 = objective(x0)
    tau0 = initial_step(g0, alpha, len(start))
    return forward_backward(
        objective, projector, x0, tau0, max_iter=settings.max_iter, step_tol=settings.step_tol,
        f_rel_tol=settings.f_rel_tol, f_window=settings.f_window, memory=settings.memory,
        max_backtracks=settings.max_backtracks, callback=callback,
    )


def solve_path(divergence: SinkhornDivergence, A: np.ndarray, y: np.ndarray, mu0_hat: np.ndarray,
               lp_weights: np.ndarray, alphas, settings: VPSettings, on_result=None, callback_factory=None):
    """Solve the VP for each alpha in increasing order with the SP-D9 warm starts; returns a list of dicts."""
    alphas = [float(a) for a in alphas]
    if sorted(alphas) != alphas or min(alphas) <= 0:
        raise ValueError(f"alphas must be positive and increasing, got {alphas}")
    projector = Projector(A, y, tol=settings.projection_tol, floor=settings.floor)
    results = []
    previous_mu, previous_alpha = np.asarray(lp_weights, dtype=np.float64), 0.0
    for alpha in alphas:
        start = previous_mu + (alpha ** 2 - previous_alpha ** 2) * mu0_hat
        callback = callback_factory(alpha) if callback_factory else None
        res = solve_alpha(divergence, projector, alpha ** 2 * mu0_hat, start, alpha, settings, callback)
        row = {
            "alpha": alpha, "mu": res.x, "S": res.value, "V": (1.0 + alpha ** 2) * res.value,
            "interp_err": float(np.max(np.abs(A @ res.x - y))), "iterations": res.iterations,
            "evaluations": res.evaluations, "converged": res.converged, "reason": res.reason,
            "stationarity": res.stationarity, "best_iteration": res.best_iteration,
            "history": np.asarray(res.history),
        }
        results.append(row)
        if on_result:
            on_result(row)
        previous_mu, previous_alpha = res.x, alpha
    return results
