"""IP-E4 (beyond the paper): Naive-IP depth threshold on MNIST (recipe of IP-E1, IP-D21).

For each (L, m), the activations x trials run as one ensemble for ``steps`` SGD steps at eta, batch B,
with the shared batch order of IP-E1. The logged quantity is the mini-batch loss; the figure and IP-C31
use its means over consecutive ``window``-step windows.
"""

from __future__ import annotations

import numpy as np
import torch

from lazyrich.integrable.aggregate import window_means  # noqa: F401 (numpy-only, lives in aggregate)
from lazyrich.integrable.datasets import batch_indices
from lazyrich.integrable.network import IPEnsemble, RunSpec


def depth_sweep(x_train, y_train, *, activations, depths, widths, n_trials: int, steps: int, batch_size: int,
                eta: float, seed: int, dtype=torch.float32, device="cpu", progress=None) -> dict:
    """loss[activation, depth, width, trial, step] of Naive-IP; the nets live on ``device`` (x_train, y_train too)."""
    loss = np.zeros((len(activations), len(depths), len(widths), n_trials, steps))
    n, d = x_train.shape
    for iL, L in enumerate(depths):
        for iw, m in enumerate(widths):
            specs = [RunSpec("naive_ip", act, t) for act in activations for t in range(n_trials)]
            net = IPEnsemble(specs, L, m, d, seed=seed, dataset="mnist/depth", eta=eta, dtype=dtype, device=device)
            for t, idx in enumerate(batch_indices(seed, "mnist", n, batch_size, steps)):
                idx = torch.from_numpy(idx)
                lt, _ = net.sgd_step(x_train[idx], y_train[idx])
                loss[:, iL, iw, :, t] = lt.double().cpu().numpy().reshape(len(activations), n_trials)
            if progress is not None:
                progress(f"depth L={L} m={m}: final {loss[:, iL, iw, :, -1].mean():.4f}")
    return {"loss": loss}
