"""Two-layer ReLU network h(x) = Σ_j a_j σ(<w_j, x̃>) without output bias, batched over runs.

Shapes: inputs x̃ [n, D] shared by the batch; hidden weights W [R, m, D] (bias = last coordinate when
the data are bias-augmented); output weights a [R, m].
"""
from __future__ import annotations

import numpy as np

from lazyrich.orthogonal.streams import numpy_rng

DTYPES = {"float32": np.float32, "float64": np.float64}


def init_balanced(seeds, lams, m: int, d_features: int, D: int, dtype=np.float64):
    """Balanced camera-ready initialisation of one run per (seed, λ) pair (spec §1.3, D1, D10).

    w_{j,i}(0) ~ N(0, λ²/(m·d)) for every hidden coordinate (bias included; d excludes the bias),
    a_j(0) = s_j ‖w_j(0)‖ with s_j uniform on {−1, +1}. The standard-normal draw and the signs come
    from the streams (seed, "orthogonal/W0") and (seed, "orthogonal/signs"), so runs that share a
    seed differ only by the scale λ and no run depends on its batch. Norms are taken in float64 and
    cast afterwards (D10).

    Returns W0 [R, m, D], a0 [R, m] (in ``dtype``) and signs [R, m] (int8).
    """
    seeds = np.atleast_1d(np.asarray(seeds, dtype=np.int64))
    lams = np.atleast_1d(np.asarray(lams, dtype=np.float64))
    if seeds.shape != lams.shape:
        raise ValueError(f"seeds {seeds.shape} and lams {lams.shape} must pair up")
    W0 = np.empty((seeds.size, m, D))
    signs = np.empty((seeds.size, m), dtype=np.int8)
    for r, (seed, lam) in enumerate(zip(seeds, lams)):
        W0[r] = numpy_rng(int(seed), "orthogonal/W0").standard_normal((m, D)) * (lam / np.sqrt(m * d_features))
        signs[r] = 2 * numpy_rng(int(seed), "orthogonal/signs").integers(0, 2, size=m) - 1
    a0 = signs * np.linalg.norm(W0, axis=-1)
    return W0.astype(dtype), a0.astype(dtype), signs


def hidden(xt, W):
    """Pre-activations <w_j, x̃_k> as [R, m, n]."""
    return W @ np.asarray(xt, dtype=W.dtype).T


def forward(xt, W, a):
    """h_θ(x̃) as [R, n] for inputs x̃ [n, D]."""
    act = np.maximum(hidden(xt, W), 0)
    return (a[:, None, :] @ act)[:, 0, :]


def loss(xt, y, W, a):
    """L(θ) = (1/n) Σ_k (h_θ(x_k) − y_k)² per run, [R] (mean squared error, no 1/2)."""
    r = forward(xt, W, a) - np.asarray(y, dtype=W.dtype)
    return (r * r).mean(-1)
