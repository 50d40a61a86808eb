"""CIFAR-10 parts: the written-out SGD step equals autograd's CE gradient; feature extraction resumes."""

from __future__ import annotations

import math

import numpy as np
import torch

from lazyrich.asymmetric.model import forward
from lazyrich.asymmetric.real import features
from lazyrich.asymmetric.real.sgd import train_sgd
from lazyrich.asymmetric.runs import build_run_grid


def test_sgd_step_is_the_cross_entropy_gradient_step():
    rng = np.random.default_rng(0)
    n, d, m, lr = 8, 5, 20, 0.7
    X = torch.as_tensor(rng.normal(size=(n, d)))
    labels = rng.integers(0, 10, n)
    g = build_run_grid([{"id": "a05g02", "alpha": 0.5, "gamma": 0.2}], [0], m, d, 10, "float64")
    res = train_sgd(lambda idx: X[torch.as_tensor(idx)], labels, X, labels, g.W0, g.a, g.lam, lr=lr,
                    batch_size=n, epochs=1, data_seed=0)
    W = g.W0.clone().requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(forward(X, W, g.a, g.lam)[0], torch.as_tensor(labels))
    (grad,) = torch.autograd.grad(loss, W)
    np.testing.assert_allclose(res["W_final"], (g.W0 - lr * grad).numpy(), rtol=1e-10, atol=1e-12)
    assert math.isclose(res["train_risk"][0, 0], loss.item(), rel_tol=1e-10)


class CountingNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def forward(self, x):
        self.calls += len(x)
        return x.mean(dim=(2, 3)).repeat(1, 4)


def test_feature_extraction_resumes_from_cached_chunks(tmp_path):
    images = np.random.default_rng(0).integers(0, 256, (10, 32, 32, 3), dtype=np.uint8)
    net = CountingNet()
    first = features.extract(images, net, tmp_path, "t", batch_size=3, chunk=4)
    assert net.calls == 10 and first.shape == (10, 12)
    (sorted(tmp_path.glob("*.npy"))[-1]).unlink()  # "interrupted" before the last chunk was saved
    again = features.extract(images, net, tmp_path, "t", batch_size=3, chunk=4)
    assert net.calls == 12  # only the 2 images of the missing chunk were recomputed
    np.testing.assert_array_equal(first, again)
