"""Transfer (spec §1.7, D8): the top-k nodes' features of a trained network feed a new MLP trained from scratch.

Features ``phi_j(x) = sqrt(lambda_j) relu(w_j^T x / sqrt(d))`` (the sqrt(lambda) factor kept) of the top-k
nodes by descending lambda, ties broken by the reverse pruning order (the nodes pruned last). For each k
a new MLP ``k -> h -> ReLU -> h -> ReLU -> K_out`` (nn.Linear default init, from stream
(seed, "transfer_init_k<k>")) is trained with full-batch SGD on the mean MSE.

Batching: all runs x all k are trained as one batch of MLPs. Inputs are zero-padded to k_max; a padded
input column is 0 for every example, so its first-layer weights get zero gradient and never touch the
output: every MLP of the batch is exactly the k-input MLP it stands for (tests check this against a
separately trained torch.nn.Sequential).

Device: the node features are computed in numpy (float64) as before; the padded inputs, targets and MLP
parameters of a batch go to ``device`` once and the whole SGD loop runs there; the risks come back to
the CPU as numpy.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from lazyrich.progress import progress
from lazyrich.seeding import torch_generator


def top_k_nodes(order: np.ndarray, k: int) -> np.ndarray:
    """The k nodes kept for transfer: the last k of the pruning order, largest lambda first."""
    return np.asarray(order)[::-1][:k].copy()


def node_features(X: np.ndarray, W: np.ndarray, lam: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """phi_j(x) for the given nodes of one run: [n, len(nodes)]."""
    pre = X @ W[nodes].T / math.sqrt(X.shape[1])
    return np.sqrt(lam[nodes]) * np.maximum(pre, 0.0)


def linear_init(fan_in: int, fan_out: int, gen: torch.Generator, dtype) -> tuple[torch.Tensor, torch.Tensor]:
    """nn.Linear's default init: weight and bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)); weight [fan_out, fan_in]."""
    bound = 1.0 / math.sqrt(fan_in)
    w = (torch.rand(fan_out, fan_in, generator=gen, dtype=torch.float64) * 2 - 1) * bound
    b = (torch.rand(fan_out, generator=gen, dtype=torch.float64) * 2 - 1) * bound
    return w.to(dtype), b.to(dtype)


def init_mlp(k: int, hidden: int, k_out: int, seed: int, dtype=torch.float32) -> list[torch.Tensor]:
    """[W1 (h,k), b1, W2 (h,h), b2, W3 (K_out,h), b3] of the transfer MLP for one run and one k."""
    gen = torch_generator(seed, f"transfer_init_k{k}")
    params = []
    for fan_in, fan_out in ((k, hidden), (hidden, hidden), (hidden, k_out)):
        params += list(linear_init(fan_in, fan_out, gen, dtype))
    return params


def _mlp_forward(params, X):
    W1, b1, W2, b2, W3, b3 = params
    h = torch.relu(torch.baddbmm(b1[:, None, :], X, W1.transpose(1, 2)))
    h = torch.relu(torch.baddbmm(b2[:, None, :], h, W2.transpose(1, 2)))
    return torch.baddbmm(b3[:, None, :], h, W3.transpose(1, 2))


def train_mlps(X_tr: torch.Tensor, Y_tr: torch.Tensor, X_te: torch.Tensor, Y_te: torch.Tensor,
               params: list[torch.Tensor], lr: float, iterations: int, desc: str = "transfer") -> dict:
    """Full-batch SGD of B MLPs at once. X_* [B, n, k_max] (zero-padded), Y_* [n, K_out].

    The loss of each MLP is its own mean MSE; the sum over MLPs is differentiated, so each MLP gets exactly
    its own gradient. Returns final train/test risk (and accuracy when K_out > 1) per MLP, as [B].
    """
    params = [p.clone().requires_grad_(True) for p in params]
    for _ in progress(range(iterations), desc=desc, unit="it"):
        out = _mlp_forward(params, X_tr)
        loss = ((out - Y_tr) ** 2).mean(dim=(1, 2)).sum()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p -= lr * g
    res = {}
    with torch.no_grad():
        for name, X, Y in (("train", X_tr, Y_tr), ("test", X_te, Y_te)):
            out = _mlp_forward(params, X)
            res[f"{name}_risk"] = ((out - Y) ** 2).mean(dim=(1, 2)).double().cpu().numpy()
            if Y.shape[1] > 1:
                res[f"{name}_acc"] = (out.argmax(dim=2) == Y.argmax(dim=1)).double().mean(dim=1).cpu().numpy()
    return res


def transfer_runs(splits: dict, W: np.ndarray, lam: np.ndarray, orders: np.ndarray, seeds, ks, hidden: int,
                  lr: float, iterations: int, dtype=torch.float32, max_batch: int = 0,
                  device: torch.device | str | None = None) -> dict[str, np.ndarray]:
    """Transfer records of all runs and all k: ``<split>_risk`` (and ``_acc``) [R, len(ks)], ``nodes`` [R, k_max].

    The MLPs are trained on ``device`` (None = CPU); the records are numpy on the CPU.
    """
    ks = [int(k) for k in ks]
    R, k_max = len(seeds), max(ks)
    Y_tr = torch.as_tensor(splits["y_transfer_train"], dtype=dtype, device=device)
    Y_te = torch.as_tensor(splits["y_transfer_test"], dtype=dtype, device=device)
    jobs = [(r, k) for r in range(R) for k in ks]
    max_batch = max_batch or len(jobs)
    nodes = np.stack([top_k_nodes(orders[r], k_max) for r in range(R)])
    feats = {name: [node_features(splits[f"x_{name}"], W[r], lam[r], nodes[r]) for r in range(R)]
             for name in ("transfer_train", "transfer_test")}
    out: dict[str, np.ndarray] = {}
    for start in range(0, len(jobs), max_batch):
        batch = jobs[start:start + max_batch]
        Xs = {}
        for name in feats:
            arr = np.zeros((len(batch), feats[name][0].shape[0], k_max))
            for i, (r, k) in enumerate(batch):
                arr[i, :, :k] = feats[name][r][:, :k]   # top-k nodes = first k of the k_max list
            Xs[name] = torch.as_tensor(arr, dtype=dtype, device=device)
        inits = [init_mlp(k, hidden, Y_tr.shape[1], int(seeds[r]), dtype) for r, k in batch]
        params = []
        for j in range(6):
            ps = [p[j] for p in inits]
            if j == 0:  # pad W1 columns to k_max with zeros (their inputs are zero too)
                ps = [torch.nn.functional.pad(p, (0, k_max - p.shape[1])) for p in ps]
            params.append(torch.stack(ps).to(device))
        res = train_mlps(Xs["transfer_train"], Y_tr, Xs["transfer_test"], Y_te, params, lr, iterations,
                         desc=f"transfer MLPs {start + 1}-{start + len(batch)} of {len(jobs)}")
        for key, val in res.items():
            out.setdefault(key, np.zeros((R, len(ks))))
            for i, (r, k) in enumerate(batch):
                out[key][r, ks.index(k)] = val[i]
    out["ks"] = np.asarray(ks)
    out["nodes"] = nodes
    return out
