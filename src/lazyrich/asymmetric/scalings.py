"""Node scalings lambda of the (alpha, gamma) family (spec §1.2): a uniform part plus a Zipf power law."""

from __future__ import annotations

import numpy as np
from scipy.stats import zipfian

RANKS = ("paper", "authors_code")


def node_scalings(m: int, alpha: float | None, gamma: float, ranks: str = "paper") -> np.ndarray:
    """``lambda_j = gamma/m + (1-gamma) * j^(-1/alpha) / H_{m,1/alpha}`` for ranks j = 1..m (float64).

    Index i holds rank i+1, so index 0 is the largest node. ``ranks="authors_code"`` evaluates the Zipf pmf
    at 0..m-1 as the authors' code does (spec Q1): node 0 then gets only gamma/m.
    """
    if m < 1:
        raise ValueError(f"width m must be >= 1, got {m}")
    if not 0.0 <= gamma <= 1.0:
        raise ValueError(f"gamma must lie in [0, 1], got {gamma}")
    if ranks not in RANKS:
        raise ValueError(f"ranks must be one of {RANKS}, got {ranks!r}")
    uniform = np.full(m, 1.0 / m)
    if gamma == 1.0:
        return uniform
    if alpha is None or not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie in (0, 1) when gamma < 1, got {alpha}")
    support = np.arange(1, m + 1) if ranks == "paper" else np.arange(m)
    zipf = zipfian.pmf(support, 1.0 / alpha, m)
    return gamma * uniform + (1.0 - gamma) * zipf


def lambda_summary(lam: np.ndarray) -> dict[str, float]:
    """The quantities of the spec's §1.2 table for one lambda vector."""
    srt = np.sort(lam)[::-1]
    total = srt.sum()
    return {
        "sum": float(total),
        "max": float(srt[0]),
        "second": float(srt[1]) if len(srt) > 1 else float("nan"),
        "top10_share": float(srt[:10].sum() / total),
        "top100_share": float(srt[:100].sum() / total),
        "min": float(srt[-1]),
        "n_above_uniform": int((lam > 1.0 / len(lam) * (1 + 1e-12)).sum()),
    }
