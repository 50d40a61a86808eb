import math

import numpy as np
import pytest
import torch

from lazyrich.asymmetric.model import forward, init_weights, ntg, ntg_autograd
from lazyrich.asymmetric.scalings import node_scalings

CONFIGS = [(None, 1.0), (0.7, 0.5), (0.4, 0.0)]


@pytest.mark.parametrize("alpha,gamma", CONFIGS)
@pytest.mark.parametrize("dtype,tol", [(torch.float64, 1e-10), (torch.float32, 1e-5)])
def test_closed_form_ntg_equals_autograd_gram(alpha, gamma, dtype, tol):
    m, d, n, K = 64, 7, 9, 3
    x = torch.randn(n, d, generator=torch.Generator().manual_seed(1), dtype=torch.float64).to(dtype)
    W0, a = init_weights([5], m, d, K, dtype=dtype)
    lam = torch.from_numpy(node_scalings(m, alpha, gamma)).to(dtype)
    closed = ntg(x, W0, lam[None])[0]
    for k in range(K):  # the NTG does not depend on the output index
        ref = ntg_autograd(x, W0[0], a[0], lam, k)
        assert (closed - ref).abs().max() <= tol * ref.abs().max()


def test_ntg_is_not_trivially_equal_to_a_wrong_formula():
    """Guards the test above: dropping the (XX^T/d) factor must be detected."""
    m, d, n = 32, 5, 6
    x = torch.randn(n, d, dtype=torch.float64)
    W0, a = init_weights([0], m, d, 1, dtype=torch.float64)
    lam = torch.full((1, m), 1.0 / m, dtype=torch.float64)
    S = (x @ W0[0].T > 0).double()
    wrong = (S * lam) @ S.T
    assert not torch.allclose(wrong, ntg_autograd(x, W0[0], a[0], lam[0]))


def test_manual_gradient_matches_autograd():
    """The trainer's gradient (spec §1.3) equals autograd of the mean-MSE loss."""
    from lazyrich.asymmetric.ensemble import GDSettings, train_gd

    m, d, n, K = 40, 6, 12, 2
    X = torch.randn(n, d, dtype=torch.float64)
    Y = torch.randn(n, K, dtype=torch.float64)
    W0, a = init_weights([0, 1], m, d, K, dtype=torch.float64)
    lam = torch.from_numpy(np.stack([node_scalings(m, 0.5, 0.2), node_scalings(m, None, 1.0)]))
    lr = 0.3
    one_step = train_gd(X, Y, W0, a, lam, GDSettings(lr=lr, steps=1, log_every=1))["W_final"]
    W = W0.clone().requires_grad_(True)
    loss = ((forward(X, W, a, lam) - Y) ** 2).mean(dim=(1, 2)).sum()
    (grad,) = torch.autograd.grad(loss, W)
    np.testing.assert_allclose(one_step, (W0 - lr * grad).detach().numpy(), rtol=1e-12, atol=1e-14)


def test_init_is_seeded_and_shared_across_dtypes():
    W32, a32 = init_weights([0, 1], 10, 3, 2, dtype=torch.float32)
    W64, a64 = init_weights([0, 1], 10, 3, 2, dtype=torch.float64)
    assert torch.equal(W32, W64.float()) and torch.equal(a32, a64.float())
    assert set(a64.unique().tolist()) == {-1.0, 1.0}
    assert W64.std().item() == pytest.approx(math.sqrt(2), rel=0.15)
    assert not torch.equal(W64[0], W64[1])


def test_psd_floor_holds():
    """Theta - gamma * Theta_unif is PSD (spec §1.4), so eig_min(Theta) >= gamma eig_min(Theta_unif)."""
    m, d, n = 300, 10, 20
    x = torch.randn(n, d, dtype=torch.float64)
    W0, _ = init_weights([2], m, d, 1, dtype=torch.float64)
    gamma = 0.3
    lam = torch.from_numpy(node_scalings(m, 0.6, gamma))[None]
    theta = ntg(x, W0, lam)[0]
    unif = ntg(x, W0, torch.full_like(lam, 1.0 / m))[0]
    assert torch.linalg.eigvalsh(theta - gamma * unif).min() >= -1e-12
