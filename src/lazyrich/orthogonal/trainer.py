"""Full-batch gradient descent of a batch of runs with a hand-written gradient (spec §1.4).

All runs share the inputs x̃ [n, D] and labels y [n]; each has its own initial state, learning rate
and number of updates (a run that is done keeps its state: its learning rate is masked to 0). With
r_k = h(x_k) − y_k and z_jk = <w_j, x̃_k>:

    ∂L/∂a_j = (2/n) Σ_k r_k σ(z_jk),      ∂L/∂w_j = (2/n) Σ_k r_k a_j 1{z_jk > 0} x̃_k     (σ'(0) = 0)

The loss is recorded at every iteration it = 0..T_r (L of θ_it, the state after `it` updates) and
(W, a) at the requested snapshot iterations.
"""
from __future__ import annotations

import sys

import numpy as np

from lazyrich.progress import progress


def train_gd(xt, y, W0, a0, lr, n_steps, snapshot_its=(), desc="GD"):
    """Run GD for every run of the batch.

    xt [n, D], y [n]; W0 [R, m, D], a0 [R, m] (their dtype is the compute dtype); lr and n_steps
    scalars or [R]. Returns a dict: ``loss`` [R, T+1] (T = max n_steps, NaN after a run's own end),
    ``snap_its`` [S], ``snap_W`` [S, R, m, D], ``snap_a`` [S, R, m], ``W_final`` / ``a_final`` (the
    state θ_{T_r} of each run), ``n_steps`` [R], ``lr`` [R].
    """
    dtype = W0.dtype
    R, m, D = W0.shape
    n = len(y)
    xt = np.asarray(xt, dtype=dtype)
    y = np.asarray(y, dtype=dtype)
    n_steps = np.broadcast_to(np.asarray(n_steps, dtype=np.int64), (R,)).copy()
    lr = np.broadcast_to(np.asarray(lr, dtype=np.float64), (R,)).copy()
    T = int(n_steps.max())
    snap_its = np.asarray(sorted(set(int(i) for i in snapshot_its)), dtype=np.int64)
    if snap_its.size and (snap_its[0] < 0 or snap_its[-1] > T):
        raise ValueError(f"snapshot iterations must lie in [0, {T}]")

    flops = 6.0 * n * m * D * float(n_steps.sum())
    print(f"[{desc}] cost estimate: {R} runs, {T} iterations max, {flops:.2e} FLOPs "
          f"(≈ 6·n·m·D per run-iteration; small problems are overhead-bound)", file=sys.stderr)
    W = W0.copy()
    a = a0.copy()
    loss = np.full((R, T + 1), np.nan)
    snap_W = np.empty((snap_its.size, R, m, D), dtype=dtype)
    snap_a = np.empty((snap_its.size, R, m), dtype=dtype)
    step = (lr * 2.0 / n).astype(dtype)                    # lr·(2/n), per run
    xT = xt.T.copy()
    next_snap = 0
    for it in progress(range(T + 1), desc=desc, total=T + 1, mininterval=2.0):
        live = n_steps >= it                                 # runs whose θ_it exists
        z = W @ xT                                           # [R, m, n]
        act = np.maximum(z, 0)
        r = (a[:, None, :] @ act)[:, 0, :] - y               # residuals [R, n]
        loss[live, it] = (r[live] * r[live]).mean(-1)
        if next_snap < snap_its.size and snap_its[next_snap] == it:
            snap_W[next_snap] = W
            snap_a[next_snap] = a
            next_snap += 1
        if it == T:
            break
        upd = n_steps > it                                   # runs that take update it+1
        grad_a = (act @ r[:, :, None])[..., 0]               # Σ_k r_k σ(z_jk)   (×2/n in `step`)
        G = (z > 0) * (a[:, :, None] * r[:, None, :])
        grad_W = G @ xt                                      # Σ_k r_k a_j 1{z>0} x̃_k
        if upd.all():
            W -= step[:, None, None] * grad_W
            a -= step[:, None] * grad_a
        else:
            s = np.where(upd, step, dtype.type(0))
            W -= s[:, None, None] * grad_W
            a -= s[:, None] * grad_a
    return {"loss": loss, "snap_its": snap_its, "snap_W": snap_W, "snap_a": snap_a,
            "W_final": W, "a_final": a, "n_steps": n_steps, "lr": lr}
