"""Diagnostics computed from run outputs (spec §1.8). Arrays are batched over leading run axes."""
from __future__ import annotations

import numpy as np


def first_below(loss: np.ndarray, level: float) -> int:
    """First iteration with L_it < level, or -1 if never (loss [T+1], NaN-padded allowed)."""
    idx = np.flatnonzero(np.nan_to_num(loss, nan=np.inf) < level)
    return int(idx[0]) if idx.size else -1


def crossings(loss: np.ndarray, level: float) -> int:
    """Number of downward crossings of ``level`` (sign changes of L − level from ≥ to <)."""
    above = loss[~np.isnan(loss)] >= level
    return int(np.sum(above[:-1] & ~above[1:]))


def up_crossings(loss: np.ndarray, level: float) -> int:
    above = loss[~np.isnan(loss)] >= level
    return int(np.sum(~above[:-1] & above[1:]))


def drop_times(loss: np.ndarray, lr: float, L0: float, L_mid: float) -> tuple[float, float]:
    """t_1 = lr·min{it : L < (L0+L_mid)/2}, t_2 = lr·min{it : L < L_mid/2} (NaN if not reached)."""
    i1, i2 = first_below(loss, 0.5 * (L0 + L_mid)), first_below(loss, 0.5 * L_mid)
    return (lr * i1 if i1 >= 0 else np.nan), (lr * i2 if i2 >= 0 else np.nan)


def longest_run(mask: np.ndarray) -> tuple[int, int]:
    """(length, start) of the longest run of consecutive True values."""
    m = np.concatenate([[False], np.asarray(mask, dtype=bool), [False]])
    edges = np.flatnonzero(np.diff(m.astype(np.int8)))
    if edges.size == 0:
        return 0, -1
    starts, ends = edges[::2], edges[1::2]
    k = int(np.argmax(ends - starts))
    return int(ends[k] - starts[k]), int(starts[k])


def plateau_length(loss: np.ndarray, level: float, delta: float) -> tuple[int, int]:
    """Longest run of iterations with |L − level| < delta: (length in iterations, first iteration)."""
    return longest_run(np.abs(np.nan_to_num(loss, nan=np.inf) - level) < delta)


def cosine(W: np.ndarray, v: np.ndarray) -> np.ndarray:
    """cos(w_j, v) for W [..., m, D] and v [D] (NaN for w_j = 0)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return (W @ v) / (np.linalg.norm(W, axis=-1) * np.linalg.norm(v))


def kinks(W: np.ndarray) -> np.ndarray:
    """κ_j = −w_{j,2}/w_{j,1} of 1-D bias-augmented neurons (±inf for w_{j,1} = 0, quirk 6)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -W[..., 1] / W[..., 0]


def l2_norm(W, a):
    """N_2 = ½ Σ_j (a_j² + ‖w_j‖²)."""
    return 0.5 * ((a.astype(np.float64) ** 2).sum(-1) + (W.astype(np.float64) ** 2).sum((-1, -2)))


def path_norm(W, a):
    """N_path = Σ_j |a_j|·‖w_j‖."""
    return (np.abs(a.astype(np.float64)) * np.linalg.norm(W.astype(np.float64), axis=-1)).sum(-1)


def balancedness_defect(W, a):
    """max_j |a_j² − ‖w_j‖²| (over the last axis of neurons)."""
    W = W.astype(np.float64)
    a = a.astype(np.float64)
    return np.abs(a ** 2 - (W ** 2).sum(-1)).max(-1)


def relative_change(W, a, W0, a0):
    """‖θ − θ_0‖ / ‖θ_0‖ over all parameters (W incl. bias, a); broadcasts over leading axes."""
    num = ((W.astype(np.float64) - W0) ** 2).sum((-1, -2)) + ((a.astype(np.float64) - a0) ** 2).sum(-1)
    den = (W0.astype(np.float64) ** 2).sum((-1, -2)) + (a0.astype(np.float64) ** 2).sum(-1)
    return np.sqrt(num / den)


def relative_sup_error(h: np.ndarray, h_star: np.ndarray) -> np.ndarray:
    """max_z |h(z) − h*(z)| / max_z |h*(z)| (last axis = test points)."""
    return np.abs(h - h_star).max(-1) / np.abs(h_star).max(-1)


def uncentred_pca(W: np.ndarray):
    """PCA without centring as in the authors' code: SVD W = U S Vᵀ with sklearn's U-based sign flip.

    Returns (components Vᵀ [r, D], explained-variance ratios S²/ΣS² [r], projections W·Vᵀ[:2]ᵀ [m, 2]).
    """
    U, S, Vt = np.linalg.svd(np.asarray(W, dtype=np.float64), full_matrices=False)
    cols = np.argmax(np.abs(U), axis=0)
    flips = np.sign(U[cols, np.arange(U.shape[1])])
    flips[flips == 0] = 1.0
    Vt = Vt * flips[:, None]
    ratio = S ** 2 / np.sum(S ** 2)
    return Vt, ratio, W @ Vt[:2].T


def authors_angle(p: np.ndarray) -> np.ndarray:
    """θ = arctan(p_2/p_1) + π·H(p_1), H(0) = 0 (authors' formula, quirk 7; = atan2(−p_2, −p_1))."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.arctan(p[:, 1] / p[:, 0]) + np.pi * (p[:, 0] > 0)


def degrees_mod360(theta: np.ndarray) -> np.ndarray:
    return np.mod(np.degrees(theta), 360.0)


def circular_mean_deg(deg: np.ndarray) -> float:
    rad = np.radians(deg)
    return float(np.mod(np.degrees(np.arctan2(np.sin(rad).mean(), np.cos(rad).mean())), 360.0))


def angular_distance_deg(a: float, b: float) -> float:
    d = abs(a - b) % 360.0
    return float(min(d, 360.0 - d))


def circular_percentile_span(deg: np.ndarray, lo=10, hi=90) -> float:
    """Span (degrees) of the lo–hi percentile range of angles, measured around their circular mean."""
    centre = circular_mean_deg(deg)
    rel = (np.asarray(deg) - centre + 180.0) % 360.0 - 180.0
    return float(np.percentile(rel, hi) - np.percentile(rel, lo))
