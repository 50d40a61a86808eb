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
# cache-sized blocks (at the paper's m = 2000 a block is one run). 0 in GDSettings.chunk_runs means
# "choose from this budget". Between logged steps each block takes all its steps before the next one
# (docs/performance.md), so the ensemble is never slower per run-step than separate runs.
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

    # work buffers of the largest block, reused every step (fresh [r,n,m] tensors each step cost page faults)
    r_max = min(chunk_runs, R)
    h_buf = W.new_empty((r_max, n, m))
    g_buf = W.new_empty((r_max, n, m))
    grad_buf = W.new_empty((r_max, m, d))

    def block_step(chunk: slice, with_grad: bool):
        """Outputs [r,n,K] of one block of runs at its current W and, with_grad, its gradient [r,m,d] (a new tensor).

        The same operations as ``relu(pre) @ b^T`` and ``(resid @ b) * (pre > 0)``, in place: relu is
        ``clamp_min(0)`` and the 0/1 mask ``sign(relu(pre))`` gives exactly the products of the bool mask.
        """
        r = chunk.stop - chunk.start
        h = torch.matmul(Xs, W[chunk].transpose(1, 2), out=h_buf[:r]).clamp_min_(0)  # relu(pre) [r,n,m]
        out = torch.matmul(h, b_T[chunk])                                              # [r,n,K]
        if not with_grad:
            return out, None
        resid = (out - Y) * grad_scale                                                 # [r,n,K]
        g_pre = torch.matmul(resid, b[chunk], out=g_buf[:r]).mul_(h.sign_())           # [r,n,m]; relu'(0) = 0
        return out, torch.matmul(g_pre.transpose(1, 2), Xs)                            # [r,m,d]

    def take_steps(chunk: slice, count: int) -> None:
        """``count`` un-logged GD steps of one block: block_step's operations, then ``W -= lr * grad``, on views
        and buffers made once (at the paper's shapes the per-call overhead of slicing is a few % of a step)."""
        r = chunk.stop - chunk.start
        W_block, b_block, b_T_block = W[chunk], b[chunk], b_T[chunk]
        W_block_T = W_block.transpose(1, 2)
        h, g_pre, grad = h_buf[:r], g_buf[:r], grad_buf[:r]
        for _ in range(count):
            torch.matmul(Xs, W_block_T, out=h).clamp_min_(0)
            resid = torch.matmul(h, b_T_block).sub_(Y).mul_(grad_scale)  # (out - Y) * grad_scale
            torch.matmul(resid, b_block, out=g_pre).mul_(h.sign_())
            torch.matmul(g_pre.transpose(1, 2), Xs, out=grad)
            W_block.sub_(grad.mul_(settings.lr))

    bar = progress(total=settings.steps + 1, desc=desc, unit="step")
    with torch.no_grad():
        for t0 in range(0, settings.steps + 1, settings.log_every):
            # logged step t0: every block's output and gradient at W_t0, the metrics of W_t0, then the updates
            steps_left = t0 < settings.steps
            outs, grads = zip(*(block_step(chunk, steps_left) for chunk in chunks))
            log(t0, torch.cat(outs))
            bar.update(1)
            if not steps_left:
                break
            for chunk, grad in zip(chunks, grads):
                W[chunk] -= settings.lr * grad
            del outs, grads
            # steps t0+1 .. t0+log_every-1 log nothing: each block takes all of them before the next block
            # starts, so that its weights and intermediates stay in cache (the runs are independent, so the
            # order of the blocks changes no number)
            for chunk in chunks:
                take_steps(chunk, settings.log_every - 1)
            bar.update(settings.log_every - 1)
    bar.close()

    result = {"steps": np.asarray(logs.pop("steps"), dtype=np.int64)}
    for key, vals in logs.items():
        if vals:
            result[key] = torch.stack(vals, dim=1).cpu().numpy()
    if ntg0 is not None:
        result["ntg0_norm"] = torch.linalg.eigvalsh(ntg0).abs().amax(dim=-1).cpu().numpy()
    result["W_final"] = W.cpu().numpy()
    return result
