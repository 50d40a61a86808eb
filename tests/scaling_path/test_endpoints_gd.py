import numpy as np
import pytest
import torch

from lazyrich.scaling_path.data import pad_bias, training_data
from lazyrich.scaling_path.endpoints import ntk_endpoint, ntk_function, ntk_kernel
from lazyrich.scaling_path.exact_hk import exact_dual_objective, exact_hk_value, squared_cosines
from lazyrich.scaling_path.features import evaluate_network, feature_matrix
from lazyrich.scaling_path.gd import GDSettings, gd_step, train_gd
from lazyrich.scaling_path.grids import initial_weights, support_p
from lazyrich.scaling_path.metrics import rmse, smoothness


def test_ntk_kernel_is_the_tangent_kernel_of_the_initial_network():
    # K(x, x') = (1/m) sum_l grad_w phi(p_l, x) . grad_w phi(p_l, x') at the atoms of P
    p = support_p(40)
    X, _ = training_data()
    grads = []
    for atom in p:
        pre = X @ atom[1:]
        g1 = np.maximum(pre, 0.0)[:, None]
        g2 = atom[0] * (pre > 0)[:, None] * X
        grads.append(np.concatenate([g1, g2], axis=1))
    jac = np.stack(grads)  # [m, n, 4]
    ref = np.einsum("lkd,lqd->kq", jac, jac) / len(p)
    np.testing.assert_allclose(ntk_kernel(p, X), ref, rtol=1e-12, atol=1e-14)


def test_ntk_interpolant_interpolates():
    p = support_p(60)
    X, y = training_data()
    ntk = ntk_endpoint(p, X, y)
    f = ntk_function(p, X, ntk.coef, X[:, :2])
    np.testing.assert_allclose(f, y, atol=1e-9)
    assert ntk.value == pytest.approx(float(y @ np.linalg.solve(ntk.gram, y)))


def test_exact_hk_dual_is_a_lower_bound_and_zero_at_lambda_zero():
    p = support_p(30)
    X, y = training_data()
    A = feature_matrix(p, X)
    nu = 4.0 * initial_weights(len(p))
    cos2 = squared_cosines(p)
    assert exact_dual_objective(np.zeros(10), A, y, cos2, nu) == pytest.approx(0.0, abs=1e-12)
    res = exact_hk_value(A, y, p, nu, alpha=2.0, cos2=cos2)
    assert res["value"] > 0 and res["value"] == pytest.approx(5.0 * exact_dual_objective(res["lam"], A, y, cos2, nu))
    # weak duality: below the exact-HK value of any feasible measure, e.g. the LP vertex mu_LP.
    # HK^2(mu, nu) <= mass(mu) + mass(nu) (transport nothing), so the bound must not exceed (1+a^2)(tau0 + a^2)
    from lazyrich.scaling_path.endpoints import lp_endpoint
    tau0 = lp_endpoint(A, y).value
    assert res["value"] <= 5.0 * (tau0 + 4.0) + 1e-9


def test_gd_step_direction_matches_autograd():
    p = support_p(20)
    X, y = training_data()
    theta = torch.tensor(2.0 * p)[None].requires_grad_(True)
    xt, yt = torch.tensor(X), torch.tensor(y)
    f = (theta[0, :, 0:1] * torch.relu(theta[0, :, 1:] @ xt.T)).mean(0)
    loss = ((f - yt) ** 2).sum()
    (grad,) = torch.autograd.grad(loss, theta)
    loss = loss.detach()
    new, loss0, eta = gd_step(theta.detach(), xt, yt, GDSettings(), xt @ xt.T)
    # mean-field step: theta_l -= eta * m * dL/dtheta_l
    m = len(p)
    np.testing.assert_allclose((theta.detach() - new).numpy(), (eta[:, None, None] * m * grad).numpy(), rtol=1e-10, atol=1e-14)
    assert float(loss0) == pytest.approx(loss.item())


def test_batched_gd_equals_single_runs_and_is_lazy_at_large_beta():
    p = support_p(100)
    X, y = training_data()
    settings = GDSettings(loss_tol=1e-30, max_iter=300)  # fixed number of steps: compare trajectories
    both = train_gd(p, [0.5, 60.0], X, y, settings, show_progress=False)
    single = train_gd(p, [60.0], X, y, settings, show_progress=False)
    np.testing.assert_allclose(both.theta[1], single.theta[0], rtol=1e-12, atol=1e-12)
    assert both.reached_cap.all() and (both.iterations == 300).all()
    # the loss decreases; at beta = 60 the neurons barely move relative to their size (lazy), at 0.5 they do not
    assert both.log_loss[-1, 1] < 0.5 * both.log_loss[0, 1]
    rel_move = lambda i, b: np.linalg.norm(both.theta[i] - b * p) / np.linalg.norm(b * p)  # noqa: E731
    assert rel_move(1, 60.0) < 1e-2 < rel_move(0, 0.5)


def test_metrics_by_hand():
    f = np.array([3.0, 0.0, -1.0, 1.0])
    g = np.array([2.0, 1.0, -1.0, 1.0])
    assert rmse(f, g) == pytest.approx(np.sqrt(1.0 / 4))  # 3 clips to 2
    img = np.add.outer(np.zeros(5), 2.0 * np.arange(5.0))  # f = 2 * column index, spacing 0.5 -> slope 4 along x1
    assert smoothness(img, 0.5, 2) == pytest.approx(16.0)
