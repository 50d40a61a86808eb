"""Closed forms of spec §1.6–1.7 for orthogonal data (code units: L = mean squared error, no 1/2).

Everything takes the augmented inputs x̃ [n, D] and labels y [n] (every y_k ≠ 0). Formulas that need
orthogonal inputs check it and raise otherwise.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def relu(u):
    return np.maximum(u, 0.0)


def check_orthogonal(xt: np.ndarray, rtol: float = 1e-12) -> None:
    gram = xt @ xt.T
    off = gram - np.diag(np.diag(gram))
    if np.abs(off).max(initial=0.0) > rtol * np.diag(gram).max():
        raise ValueError("inputs are not orthogonal: max |<x̃_k, x̃_l>| = "
                         f"{np.abs(off).max():.3g} for k ≠ l")


def sign_classes(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of S_+ = {y_k > 0} and S_- = {y_k < 0}; every y_k must be non-zero."""
    y = np.asarray(y, dtype=np.float64)
    if np.any(y == 0):
        raise ValueError("closed forms need every y_k ≠ 0")
    return y > 0, y < 0


def alignment_directions(xt, y):
    """D_± = Σ_{k∈S_±} |y_k| x̃_k."""
    pos, neg = sign_classes(y)
    w = np.abs(y)[:, None] * xt
    return w[pos].sum(0), w[neg].sum(0)


def growth_rates(xt, y):
    """g_± = (2/n) ‖D_±‖: exponential growth rates of the fully active groups (code units)."""
    d_pos, d_neg = alignment_directions(xt, y)
    n = len(y)
    return 2.0 / n * float(np.linalg.norm(d_pos)), 2.0 / n * float(np.linalg.norm(d_neg))


def limit_vectors(xt, y):
    """β_± = Σ_{k∈S_±} (|y_k| / ‖x̃_k‖²) x̃_k (orthogonal data)."""
    check_orthogonal(xt)
    pos, neg = sign_classes(y)
    w = (np.abs(y) / (xt ** 2).sum(1))[:, None] * xt
    return w[pos].sum(0), w[neg].sum(0)


def limit_interpolator(xt, y, zt):
    """h*(z) = σ(<β_+, z̃>) − σ(<β_-, z̃>) at augmented test points z̃ [N, D]."""
    b_pos, b_neg = limit_vectors(xt, y)
    zt = np.asarray(zt, dtype=np.float64)
    return relu(zt @ b_pos) - relu(zt @ b_neg)


def variation_norm(xt, y) -> float:
    """V* = ‖β_+‖ + ‖β_-‖, the minimum variation norm (= min ½Σ(a_j²+‖w_j‖²)) of an interpolator."""
    b_pos, b_neg = limit_vectors(xt, y)
    return float(np.linalg.norm(b_pos) + np.linalg.norm(b_neg))


def escape_times(xt, y, lam: float):
    """Predicted escape times t_± = ln(1/λ)/g_± (leading order, code units)."""
    g_pos, g_neg = growth_rates(xt, y)
    return math.log(1.0 / lam) / g_pos, math.log(1.0 / lam) / g_neg


def initial_loss(y) -> float:
    """L_0 = (1/n) Σ_k y_k², the initial loss up to O(λ²)."""
    return float(np.mean(np.asarray(y, dtype=np.float64) ** 2))


def plateau_level(xt, y) -> float:
    """L_mid = (1/n) Σ_{k∈S_slow} y_k², S_slow the sign class with the smaller g (spec §1.6)."""
    pos, neg = sign_classes(y)
    g_pos, g_neg = growth_rates(xt, y)
    slow = neg if g_neg < g_pos else pos
    return float(np.sum(np.asarray(y)[slow] ** 2) / len(y))


def dual_certificate(xt, y) -> np.ndarray:
    """α_k = y_k / (‖x̃_k‖² ‖β_{sign(y_k)}‖); Σ α_k y_k = V* and |Σ α_k σ(<u, x̃_k>)| ≤ 1 for unit u."""
    b_pos, b_neg = limit_vectors(xt, y)
    norms = np.where(np.asarray(y) > 0, np.linalg.norm(b_pos), np.linalg.norm(b_neg))
    return np.asarray(y) / ((xt ** 2).sum(1) * norms)


def partial_rate_exponent(xt, y) -> float:
    """Predicted λ-exponent of the distance to h*: 2(1 − ρ), ρ the largest rate ratio g_j/g_± of a
    neuron that misses exactly one own-sign point (spec §1.7; X1: 2(1 − √3/2) = 0.268)."""
    pos, neg = sign_classes(y)
    contrib = (np.asarray(y) ** 2) * (xt ** 2).sum(1)       # |y_k|² ‖x̃_k‖² = share of ‖D_±‖²
    ratios = []
    for mask in (pos, neg):
        c = contrib[mask]
        if c.size >= 2:
            ratios.append(math.sqrt(1.0 - c.min() / c.sum()))
    if not ratios:
        raise ValueError("every sign class has a single point: no partially active rate")
    return 2.0 * (1.0 - max(ratios))


def full_activity_probability(y):
    """P(j ∈ P_±) = 2^{−(n_± + 1)} under the isotropic initialisation (orthogonal data)."""
    pos, neg = sign_classes(y)
    return 2.0 ** -(pos.sum() + 1), 2.0 ** -(neg.sum() + 1)


@dataclass
class NeuronClasses:
    """Classes of neurons at initialisation (masks over [..., m])."""
    p_pos: np.ndarray        # s_j = +1 and S_+ ⊆ A_j
    p_neg: np.ndarray        # s_j = −1 and S_- ⊆ A_j
    other: np.ndarray        # complement O
    frozen: np.ndarray       # A_j = ∅
    covered: np.ndarray      # [..., n]: some j with s_j = sign(y_k) and k ∈ A_j


def neuron_classes(w0: np.ndarray, signs: np.ndarray, xt: np.ndarray, y) -> NeuronClasses:
    """Classes for initial weights w0 [..., m, D] and signs [..., m] (batched over leading axes)."""
    pos, neg = sign_classes(y)
    active = (w0 @ xt.T) > 0                                 # A_j as [..., m, n]
    p_pos = (signs > 0) & np.all(active | ~pos, axis=-1)
    p_neg = (signs < 0) & np.all(active | ~neg, axis=-1)
    own = np.where(pos, 1.0, -1.0)                           # sign(y_k)
    covered = np.any(active & (signs[..., None] == own), axis=-2)
    return NeuronClasses(p_pos, p_neg, ~(p_pos | p_neg), ~active.any(-1), covered)


def summary(xt, y, lams=()) -> dict:
    """All closed forms of an orthogonal data set as a JSON-friendly dict."""
    g_pos, g_neg = growth_rates(xt, y)
    b_pos, b_neg = limit_vectors(xt, y)
    out = {
        "g_pos": g_pos, "g_neg": g_neg,
        "beta_pos": b_pos.tolist(), "beta_neg": b_neg.tolist(),
        "V_star": variation_norm(xt, y),
        "L0": initial_loss(y), "L_mid": plateau_level(xt, y),
        "alpha": dual_certificate(xt, y).tolist(),
        "p_full_active": [float(p) for p in full_activity_probability(y)],
        "escape_times": {f"{lam:g}": list(escape_times(xt, y, lam)) for lam in lams},
    }
    try:
        out["partial_rate_exponent"] = partial_rate_exponent(xt, y)
    except ValueError:
        out["partial_rate_exponent"] = None
    return out
