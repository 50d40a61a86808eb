"""Pruning without retraining (spec §1.6, D7): remove nodes in ascending lambda, ties by a seeded permutation.

All 20 pruning levels of all runs come from **one pass over the hidden activations**: the nodes are put in
pruning order and split into the 20 consecutive blocks removed between two records; each block's output
contribution ``H[:, :, block] a[:, :, block]^T`` is computed once, and the output after removing the first
p blocks is the sum of the remaining blocks (a reverse cumulative sum). Levels are p * int(0.05 m).
"""

from __future__ import annotations

import math

import numpy as np
import torch

from lazyrich.seeding import numpy_rng


def prune_order(lam: np.ndarray, seed: int) -> np.ndarray:
    """Node indices in pruning order: ascending lambda, ties broken by a per-run permutation (seed, "prune_ties")."""
    lam = np.asarray(lam, dtype=np.float64)
    perm = numpy_rng(seed, "prune_ties").permutation(len(lam))
    tie_key = np.empty(len(lam), dtype=np.int64)
    tie_key[perm] = np.arange(len(lam))  # position of each node in the permutation
    return np.lexsort((tie_key, lam))   # primary key lam (last), secondary the permutation position


def prune_orders(lam: np.ndarray, seeds) -> np.ndarray:
    return np.stack([prune_order(l, int(s)) for l, s in zip(np.asarray(lam), seeds)])


def pruning_levels(m: int, n_levels: int = 20) -> np.ndarray:
    """Numbers of pruned nodes at the records: step, 2 step, ..., n_levels step with step = int(0.05 m)."""
    step = int(m / n_levels)
    if step * n_levels != m:
        raise ValueError(f"width m = {m} must be a multiple of {n_levels} for the pruning records")
    return step * np.arange(1, n_levels + 1)


def block_outputs(X: torch.Tensor, W: torch.Tensor, a: torch.Tensor, lam: torch.Tensor, orders: torch.Tensor,
                  n_levels: int = 20, chunk: int = 2048) -> torch.Tensor:
    """Output contribution of each pruning block: [R, n_levels, n, K] (block b = nodes removed at record b)."""
    R, m, d = W.shape
    idx = orders.long()
    Wo = torch.gather(W, 1, idx[:, :, None].expand(R, m, d))           # nodes in pruning order
    ao = torch.gather(a, 2, idx[:, None, :].expand(R, a.shape[1], m))
    lo = torch.gather(lam, 1, idx)
    size = m // n_levels
    parts = []
    for start in range(0, X.shape[0], chunk):
        xb = X[start:start + chunk]
        h = torch.relu(torch.matmul(xb, Wo.transpose(1, 2)) / math.sqrt(d)) * lo.sqrt()[:, None, :]  # [R,c,m]
        hb = h.reshape(R, h.shape[1], n_levels, size).permute(0, 2, 1, 3)                         # [R,L,c,s]
        ab = ao.reshape(R, ao.shape[1], n_levels, size).permute(0, 2, 3, 1)                       # [R,L,s,K]
        parts.append(torch.matmul(hb, ab))                                                        # [R,L,c,K]
    return torch.cat(parts, dim=2)


def pruned_outputs(blocks: torch.Tensor) -> torch.Tensor:
    """Outputs after removing blocks 1..p, for p = 1..L: [R, L, n, K] (the last level is exactly 0)."""
    remaining = torch.flip(torch.cumsum(torch.flip(blocks, [1]), dim=1), [1])  # sum over blocks b >= p
    out = torch.zeros_like(blocks)
    out[:, :-1] = remaining[:, 1:]
    return out


def evaluate(out: torch.Tensor, Y: torch.Tensor, loss: str) -> dict[str, np.ndarray]:
    """Risk (and accuracy for classification) per run and level from outputs [R, L, n, K]."""
    res = {}
    if loss == "mse":
        res["risk"] = ((out - Y) ** 2).mean(dim=(2, 3))
        if Y.shape[1] > 1:
            res["acc"] = (out.argmax(dim=3) == Y.argmax(dim=1)).double().mean(dim=2)
    elif loss == "ce":
        labels = Y.argmax(dim=1)
        logp = torch.log_softmax(out.double(), dim=3)
        res["risk"] = -logp.gather(3, labels[None, None, :, None].expand(*out.shape[:3], 1)).squeeze(3).mean(dim=2)
        res["acc"] = (out.argmax(dim=3) == labels).double().mean(dim=2)
    else:
        raise ValueError(f"loss must be 'mse' or 'ce', got {loss!r}")
    return {k: v.cpu().numpy().astype(np.float64) for k, v in res.items()}


def prune_runs(splits: dict[str, tuple[np.ndarray, np.ndarray]], W: np.ndarray, a: np.ndarray, lam: np.ndarray,
               seeds, loss: str = "mse", n_levels: int = 20, dtype=torch.float64,
               device: torch.device | str | None = None) -> dict[str, np.ndarray]:
    """Pruning records of all runs on every split: ``<split>_risk`` (and ``<split>_acc``) [R, n_levels].

    The tensor work runs on ``device`` (None = CPU); the records come back as numpy on the CPU.
    """
    orders = prune_orders(lam, seeds)
    Wt, at, lt = (torch.as_tensor(v, dtype=dtype, device=device) for v in (W, a, lam))
    orders_t = torch.as_tensor(orders, device=device)
    out = {"levels": pruning_levels(W.shape[1], n_levels), "orders": orders}
    with torch.no_grad():
        for name, (X, Y) in splits.items():
            blocks = block_outputs(torch.as_tensor(X, dtype=dtype, device=device), Wt, at, lt, orders_t, n_levels)
            Yt = torch.as_tensor(Y, dtype=dtype, device=device)
            for key, val in evaluate(pruned_outputs(blocks), Yt, loss).items():
                out[f"{name}_{key}"] = val
    return out


def prune_reference(X: np.ndarray, Y: np.ndarray, W: np.ndarray, a: np.ndarray, lam: np.ndarray, order: np.ndarray,
                    levels: np.ndarray, loss: str = "mse") -> dict[str, np.ndarray]:
    """Slow per-level reference for one run (tests): set lambda_j = 0 one node at a time, re-run the network."""
    lam_p = np.asarray(lam, dtype=np.float64).copy()
    risks, accs, removed = [], [], 0
    for p in levels:
        lam_p[order[removed:p]] = 0.0
        removed = p
        h = np.sqrt(lam_p) * np.maximum(X @ W.T / math.sqrt(X.shape[1]), 0)
        out = h @ a.T
        res = evaluate(torch.as_tensor(out)[None, None], torch.as_tensor(Y, dtype=torch.float64), loss)
        risks.append(res["risk"][0, 0])
        if "acc" in res:
            accs.append(res["acc"][0, 0])
    return {"risk": np.array(risks), **({"acc": np.array(accs)} if accs else {})}
