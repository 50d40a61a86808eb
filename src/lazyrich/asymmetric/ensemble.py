"""Full-batch gradient descent of R runs at once (spec §1.3, §1.5, D3).

All runs share the data; they differ in their weights W [R,m,d], output signs a [R,K,m] and node scalings
lam [R,m]. One step is two batched matmuls plus elementwise work, with the gradient of spec §1.3 written
out (no autograd), so the ensemble is exactly R independent runs computed together.

Metrics are logged at t = 0, log_every, ..., steps, *before* the update of step t (after t updates).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from lazyrich.asymmetric.model import ntg
from lazyrich.progress import progress


# Runs per block of the step: the [r, n, m] intermediates of a block should stay in cache. Measured on the
# 2-core CPU (benchmarks/asymmetric_speed.py): one big [R, n, m] batch is memory-bound and slower than
# cache-sized blocks. 0 in GDSettings.chunk_runs means "choose from this budget".
CACHE_ELEMENTS = 2.5e5


@dataclass
class GDSettings:
    lr: float
    steps: int
    log_every: int
    chunk_runs: int = 0

    def __post_init__(self):
        if self.steps < 0 or self.log_every < 1 or self.steps % self.log_every:
            raise ValueError(
                f"steps ({self.steps}) must be a non-negative multiple of log_every ({self.log_every})"
            )


def _risk_and_acc(out: torch.Tensor, Y: torch.Tensor, classification: bool):
    """Mean squared error over examples and outputs per run, and argmax accuracy (ties: first index)."""
    risk = ((out - Y) ** 2).mean(dim=(1, 2))
    acc = None
    if classification:
        acc = (out.argmax(dim=2) == Y.argmax(dim=1)[None, :]).to(out.dtype).mean(dim=1)
    return risk, acc


def train_gd(
    X: torch.Tensor,
    Y: torch.Tensor,
    W0: torch.Tensor,
    a: torch.Tensor,
    lam: torch.Tensor,
    settings: GDSettings,
    X_test: torch.Tensor | None = None,
    Y_test: torch.Tensor | None = None,
    X_ntg: torch.Tensor | None = None,
    classification: bool = False,
    desc: str = "GD",
) -> dict[str, np.ndarray]:
    """Train all runs with full-batch GD on the mean-MSE loss; return the logs of spec §1.5 as numpy arrays.

    Y and Y_test are [n, K]. Returned keys: steps [L]; train_risk, test_risk (and train_acc, test_acc) [R, L];
    disp2 [R, L, m]; with X_ntg: ntg_eigmin, ntg_change, ntg_unif_eigmin [R, L] and ntg0_norm [R];
    W_final [R, m, d].
    """
    dtype = W0.dtype
    X, Y = X.to(dtype), Y.to(dtype)
    R, m, d = W0.shape
    n, K = Y.shape
    Xs = X / math.sqrt(d)
    # sqrt(lam_j) a_kj folded into one output matrix: f = relu(X W^T / sqrt(d)) b^T, b [R,K,m]
    b = a.to(dtype) * lam.to(dtype).sqrt()[:, None, :]
    b_T = b.transpose(1, 2).contiguous()
    grad_scale = 2.0 / (n * K)
    W = W0.clone()

    logs: dict[str, list] = {k: [] for k in ("steps", "train_risk", "test_risk", "train_acc", "test_acc", "disp2",
                                              "ntg_eigmin", "ntg_change", "ntg_unif_eigmin")}
    ntg0 = None
    lam64 = lam.double()
    if X_ntg is not None:
        X_ntg64 = X_ntg.double()
        ntg0 = ntg(X_ntg64, W0.double(), lam64)
        unif = torch.full_like(lam64, 1.0 / m)

    def log(t: int, out_train: torch.Tensor) -> None:
        logs["steps"].append(t)
        risk, acc = _risk_and_acc(out_train, Y, classification)
        logs["train_risk"].append(risk)
        if acc is not None:
            logs["train_acc"].append(acc)
        if X_test is not None:
            out_test = torch.matmul(torch.relu(torch.matmul(X_test.to(dtype) / math.sqrt(d), W.transpose(1, 2))), b_T)
            risk_t, acc_t = _risk_and_acc(out_test, Y_test.to(dtype), classification)
            logs["test_risk"].append(risk_t)
            if acc_t is not None:
                logs["test_acc"].append(acc_t)
        logs["disp2"].append(((W - W0) ** 2).sum(dim=2))
        if X_ntg is not None:
            W64 = W.double()
            theta = ntg(X_ntg64, W64, lam64)
            logs["ntg_eigmin"].append(torch.linalg.eigvalsh(theta)[..., 0])
            logs["ntg_change"].append(torch.linalg.eigvalsh(theta - ntg0).abs().amax(dim=-1))
            logs["ntg_unif_eigmin"].append(torch.linalg.eigvalsh(ntg(X_ntg64, W64, unif))[..., 0])

    chunk_runs = settings.chunk_runs or max(1, int(CACHE_ELEMENTS // (n * m)))
    chunks = [slice(s, min(s + chunk_runs, R)) for s in range(0, R, chunk_runs)]
    grads: list[torch.Tensor] = []
    with torch.no_grad():
        for t in progress(range(settings.steps + 1), desc=desc, unit="step"):
            logging = t % settings.log_every == 0
            outs = []
            for chunk in chunks:  # cache-sized blocks of runs; each block is one batched computation
                Wc, bc = W[chunk], b[chunk]
                pre = torch.matmul(Xs, Wc.transpose(1, 2))          # [r,n,m]
                out = torch.matmul(torch.relu(pre), b_T[chunk])        # [r,n,K]
                if logging:
                    outs.append(out)
                if t == settings.steps:
                    continue
                resid = (out - Y) * grad_scale                        # [r,n,K]
                g_pre = torch.matmul(resid, bc).mul_(pre > 0)         # [r,n,m]; relu'(0) = 0
                grads.append(torch.matmul(g_pre.transpose(1, 2), Xs))  # [r,m,d]
            if logging:  # metrics of W_t, before the update of step t
                log(t, torch.cat(outs))
            if t == settings.steps:
                break
            for chunk, grad in zip(chunks, grads):
                W[chunk] -= settings.lr * grad
            grads.clear()

    result = {"steps": np.asarray(logs.pop("steps"), dtype=np.int64)}
    for key, vals in logs.items():
        if vals:
            result[key] = torch.stack(vals, dim=1).cpu().numpy()
    if ntg0 is not None:
        result["ntg0_norm"] = torch.linalg.eigvalsh(ntg0).abs().amax(dim=-1).cpu().numpy()
    result["W_final"] = W.cpu().numpy()
    return result
