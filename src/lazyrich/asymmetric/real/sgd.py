"""Mini-batch SGD with cross-entropy for R runs at once (CIFAR-10, spec §1.3, §2.4, D3).

All runs share one data stream (batch order from (data_seed, "cifar_shuffle_epoch<e>"), and in the
augmented mode the augmentation draws), so the ensemble is R independent runs computed together. The
gradient of the mean CE is written out: d out = (softmax - onehot) / B, then as in the GD trainer.

Logging (authors' code): a global step counter i from 0; metrics logged *after* the update of step i
when i % thinning == 0; thinning starts at ``thinning_start`` and doubles at each step of
``thinning_double_at`` (checked before the logging test). The last step is always logged too (the
reduced profiles end before the authors' schedule does). Logged: test CE and accuracy on the full test
set, running epoch averages of train CE and accuracy, disp2.

Device: W, a, lam, the labels, the test features and (cached mode) the train features live on ``device``
for the whole run; per step only the batch of a callable ``train_features`` may come from elsewhere.
The returned arrays are numpy on the CPU.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import torch

from lazyrich.progress import progress
from lazyrich.seeding import numpy_rng


def logged_steps(total_steps: int, start: int = 200, double_at=(801, 4001, 10000, 20000)) -> list[int]:
    thinning, out = start, []
    for i in range(total_steps):
        if i in double_at:
            thinning *= 2
        if i % thinning == 0 or i == total_steps - 1:
            out.append(i)
    return out


def _outputs(X, W, sqrt_lam, a):
    pre = torch.matmul(X, W.transpose(1, 2)) / math.sqrt(X.shape[-1])
    return pre, torch.matmul(torch.relu(pre) * sqrt_lam, a.transpose(1, 2))


def _ce_acc(out, labels):
    logp = torch.log_softmax(out.double(), dim=2)
    ce = -logp.gather(2, labels[None, :, None].expand(out.shape[0], -1, 1)).squeeze(2)
    return ce, (out.argmax(dim=2) == labels).double()


def evaluate(X, labels, W, sqrt_lam, a, chunk=4096):
    ces, accs = [], []
    for s in range(0, len(X), chunk):
        _, out = _outputs(X[s:s + chunk], W, sqrt_lam, a)
        ce, acc = _ce_acc(out, labels[s:s + chunk])
        ces.append(ce.sum(dim=1))
        accs.append(acc.sum(dim=1))
    return (torch.stack(ces).sum(0) / len(X)).cpu().numpy(), (torch.stack(accs).sum(0) / len(X)).cpu().numpy()


def train_sgd(train_features: torch.Tensor | Callable[[np.ndarray], torch.Tensor], train_labels: np.ndarray,
              X_test: torch.Tensor, test_labels: np.ndarray, W0: torch.Tensor, a: torch.Tensor, lam: torch.Tensor,
              lr: float, batch_size: int, epochs: int, data_seed: int, thinning_start: int = 200,
              thinning_double_at=(801, 4001, 10000, 20000), desc: str = "SGD",
              device: torch.device | str | None = None) -> dict[str, np.ndarray]:
    """``train_features``: the cached feature matrix [n, d] (moved to ``device`` once and indexed there), or
    ``train_batch(indices) -> features [B, d]`` (the backbone on augmented images; best already on ``device``).
    ``device`` None = the device of ``W0``.
    """
    dtype = W0.dtype
    device = torch.device(device) if device is not None else W0.device
    n = len(train_labels)
    steps_per_epoch = math.ceil(n / batch_size)
    total = epochs * steps_per_epoch
    log_at = set(logged_steps(total, thinning_start, tuple(thinning_double_at)))
    W0 = W0.to(device)
    W, a_t = W0.clone(), a.to(device=device, dtype=dtype)
    sqrt_lam = lam.to(device=device, dtype=dtype).sqrt()[:, None, :]
    y_all = torch.as_tensor(train_labels, dtype=torch.long).to(device)
    y_test = torch.as_tensor(test_labels, dtype=torch.long).to(device)
    X_test = X_test.to(device=device, dtype=dtype)
    if isinstance(train_features, torch.Tensor):
        X_all = train_features.to(device=device, dtype=dtype)
        train_batch = None
    else:
        X_all, train_batch = None, train_features
    logs = {k: [] for k in ("steps", "test_risk", "test_acc", "train_risk", "train_acc", "disp2")}
    i = 0
    bar = progress(total=total, desc=desc, unit="step")
    with torch.no_grad():
        for epoch in range(epochs):
            order = numpy_rng(data_seed, f"cifar_shuffle_epoch{epoch}").permutation(n)
            order_t = torch.as_tensor(order).to(device)  # one copy per epoch; batches are slices of it
            run_ce = torch.zeros(W.shape[0], dtype=torch.float64, device=device)
            run_acc = torch.zeros_like(run_ce)
            seen = 0
            for b in range(steps_per_epoch):
                sl = slice(b * batch_size, (b + 1) * batch_size)
                idx_t = order_t[sl]
                B = len(idx_t)
                X = X_all[idx_t] if train_batch is None else train_batch(order[sl]).to(device=device, dtype=dtype)
                y = y_all[idx_t]
                pre, out = _outputs(X, W, sqrt_lam, a_t)
                ce, acc = _ce_acc(out, y)
                run_ce += ce.sum(dim=1)
                run_acc += acc.sum(dim=1)
                seen += B
                g_out = torch.softmax(out, dim=2)
                g_out[:, torch.arange(B, device=device), y] -= 1.0
                g_out /= B
                g_pre = torch.matmul(g_out, a_t) * sqrt_lam * (pre > 0)
                W -= lr * torch.matmul(g_pre.transpose(1, 2), X / math.sqrt(X.shape[-1]))
                if i in log_at:
                    te_ce, te_acc = evaluate(X_test, y_test, W, sqrt_lam, a_t)
                    logs["steps"].append(i)
                    logs["test_risk"].append(te_ce)
                    logs["test_acc"].append(te_acc)
                    logs["train_risk"].append((run_ce / seen).cpu().numpy())
                    logs["train_acc"].append((run_acc / seen).cpu().numpy())
                    logs["disp2"].append(((W - W0) ** 2).sum(dim=2).cpu().numpy())
                i += 1
                bar.update(1)
    bar.close()
    res = {"steps": np.asarray(logs.pop("steps"), dtype=np.int64)}
    for k, v in logs.items():
        res[k] = np.stack(v, axis=1)
    res["W_final"] = W.cpu().numpy()
    return res
