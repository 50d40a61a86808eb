"""Forward-backward (projected gradient) solver in the style of FASTA (spec SP-D9).

minimise F(x) over a closed convex set, given F's value and gradient and the exact projection:

    x+ = proj(x - tau grad F(x))

- Barzilai-Borwein step tau_k = <s,s>/<s,r> (s = x_k - x_{k-1}, r = grad_k - grad_{k-1}); doubled if <s,r> <= 0.
- Non-monotone Armijo backtracking (FASTA): accept if
  F(x+) <= max(last ``memory`` F) + <grad F(x), x+ - x> + |x+ - x|^2 / (2 tau), else halve tau.
- Stop when |x+ - x| <= step_tol * max(1, |x|), when F changed by less than ``f_rel_tol`` (relative) over
  ``f_window`` iterations, or at ``max_iter`` (reported as not converged).
- The step test alone cannot tell a converged solve from a stalled one: it also fires when backtracking has
  halved tau until the step vanishes, i.e. when F does not decrease along the projected-gradient path (an
  inexact gradient or a non-smooth F). Such a stop is reported as ``stalled`` (not converged) when the last
  step needed more than ``stall_halvings`` halvings. ``stationarity`` is |x - proj(x - t g)| / t at the final
  point with t the median accepted step, a step-size-independent measure of how far from stationary x is.
- The non-monotone rule lets F rise for a while, so the last iterate need not be the best one. Every iterate is
  feasible, so the solver returns the iterate with the lowest F (``best_iteration``; the last one when F
  decreased monotonically), and ``history`` keeps every accepted F.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass
class FBResult:
    x: np.ndarray
    value: float
    iterations: int
    evaluations: int
    converged: bool
    reason: str
    history: list[float] = field(default_factory=list)
    steps: list[float] = field(default_factory=list)
    stationarity: float = float("nan")
    best_iteration: int = 0


def forward_backward(
    objective: Callable[[np.ndarray], tuple[float, np.ndarray]],
    project: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    tau0: float,
    max_iter: int = 500,
    step_tol: float = 1e-9,
    f_rel_tol: float = 1e-10,
    f_window: int = 10,
    memory: int = 10,
    max_backtracks: int = 30,
    stall_halvings: int = 10,
    callback: Callable[[int, float], None] | None = None,
) -> FBResult:
    x = project(np.asarray(x0, dtype=np.float64))
    f, g = objective(x)
    evaluations = 1
    history, steps = [f], []
    best = (x, f, g, 0)
    tau = float(tau0)
    if not np.isfinite(tau) or tau <= 0:
        raise ValueError(f"initial step must be positive and finite, got {tau0}")

    def result(iterations: int, converged: bool, reason: str) -> FBResult:
        bx, bf, bg, bk = best
        t = float(np.median(steps)) if steps else tau
        stationarity = float(np.linalg.norm(bx - project(bx - t * bg))) / t
        return FBResult(bx, bf, iterations, evaluations, converged, reason, history, steps, stationarity, bk)

    for k in range(1, max_iter + 1):
        reference = max(history[-memory:])
        for halvings in range(max_backtracks + 1):
            x_new = project(x - tau * g)
            d = x_new - x
            f_new, g_new = objective(x_new)
            evaluations += 1
            if f_new <= reference + float(g @ d) + float(d @ d) / (2.0 * tau):
                break
            tau *= 0.5
        else:
            return result(k - 1, False, "backtracking failed")
        s, r = d, g_new - g
        x, f, g = x_new, f_new, g_new
        history.append(f)
        steps.append(tau)
        if f <= best[1]:
            best = (x, f, g, k)
        if callback is not None:
            callback(k, f)
        if np.linalg.norm(s) <= step_tol * max(1.0, float(np.linalg.norm(x))):
            if halvings > stall_halvings:
                return result(k, False, f"stalled (step below tolerance after {halvings} halvings)")
            return result(k, True, "step below tolerance")
        if len(history) > f_window and abs(f - history[-1 - f_window]) <= f_rel_tol * abs(f):
            return result(k, True, "objective stalled")
        sr = float(s @ r)
        tau = float(s @ s) / sr if sr > 0 else 2.0 * tau
    return result(max_iter, False, "iteration cap")
