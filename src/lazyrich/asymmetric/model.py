"""The network of spec §1.1 for a batch of R runs sharing their inputs, and its closed-form NTG (§1.4).

    f_k(x; W) = sum_j sqrt(lambda_j) a_kj relu(w_j^T x / sqrt(d))

Shapes: X [n, d] (shared by all runs), W [R, m, d] (trained), a [R, K, m] (frozen +-1), lam [R, m] (frozen).
"""

from __future__ import annotations

import math
from typing import Sequence

import torch

from lazyrich.seeding import torch_generator


def init_weights(seeds: Sequence[int], m: int, d: int, K: int, dtype=torch.float32):
    """W0 ~ N(0, 2) entries and Rademacher a, each from its own (seed, purpose) stream (spec D13).

    Draws are made in float64 and cast, so float32 and float64 runs of a seed start from the same weights.
    """
    W0 = torch.stack([
        math.sqrt(2.0) * torch.randn(m, d, generator=torch_generator(s, "W0"), dtype=torch.float64) for s in seeds
    ])
    a = torch.stack([
        2.0 * torch.randint(0, 2, (K, m), generator=torch_generator(s, "a")).to(torch.float64) - 1.0 for s in seeds
    ])
    return W0.to(dtype), a.to(dtype)


def preactivations(X: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    """``w_j^T x_i / sqrt(d)`` for every run: [R, n, m]."""
    return torch.matmul(X, W.transpose(1, 2)) / math.sqrt(X.shape[-1])


def hidden(X: torch.Tensor, W: torch.Tensor, lam: torch.Tensor) -> torch.Tensor:
    """Hidden features including the node scaling, ``sqrt(lam_j) relu(w_j^T x / sqrt(d))``: [R, n, m]."""
    return torch.relu(preactivations(X, W)) * lam.sqrt()[:, None, :]


def forward(X: torch.Tensor, W: torch.Tensor, a: torch.Tensor, lam: torch.Tensor) -> torch.Tensor:
    """Network outputs for every run: [R, n, K]."""
    return torch.matmul(hidden(X, W, lam), a.transpose(1, 2))


def ntg(X: torch.Tensor, W: torch.Tensor, lam: torch.Tensor) -> torch.Tensor:
    """Closed-form empirical neural tangent Gram ``(X X^T / d) * (S diag(lam) S^T)``: [R, n, n].

    S_ij = 1{w_j^T x_i > 0}. It does not depend on the output index because a_kj^2 = 1 (spec §1.4).
    """
    S = (torch.matmul(X, W.transpose(1, 2)) > 0).to(X.dtype)
    gram = torch.matmul(S * lam[:, None, :].to(X.dtype), S.transpose(1, 2))
    return gram * (X @ X.T / X.shape[-1])


def ntg_autograd(x: torch.Tensor, W: torch.Tensor, a: torch.Tensor, lam: torch.Tensor, k: int = 0) -> torch.Tensor:
    """Reference NTG of one run (W [m,d], a [K,m], lam [m]) from per-example autograd gradients of f_k."""
    rows = []
    for xi in x:
        Wr = W.detach().clone().requires_grad_(True)
        out = forward(xi[None], Wr[None], a[None], lam[None])[0, 0, k]
        (grad,) = torch.autograd.grad(out, Wr)
        rows.append(grad.reshape(-1))
    J = torch.stack(rows)
    return J @ J.T
