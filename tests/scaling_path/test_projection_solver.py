import numpy as np
import pytest
from scipy.optimize import minimize

from lazyrich.scaling_path.data import training_data
from lazyrich.scaling_path.endpoints import lp_endpoint
from lazyrich.scaling_path.fb_solver import forward_backward
from lazyrich.scaling_path.features import feature_matrix
from lazyrich.scaling_path.grids import support_p
from lazyrich.scaling_path.projection import Projector, ProjectionError


def _problem(seed=0, n=3, j=12):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, j))
    mu_feasible = np.abs(rng.normal(size=j))
    return A, A @ mu_feasible, rng


def test_projection_matches_an_independent_qp_solver():
    A, y, rng = _problem()
    z = rng.normal(size=A.shape[1])
    mu = Projector(A, y)(z)
    ref = minimize(lambda m: 0.5 * np.sum((m - z) ** 2), np.abs(z), jac=lambda m: m - z, method="SLSQP",
                   bounds=[(0, None)] * len(z), constraints=[{"type": "eq", "fun": lambda m: A @ m - y, "jac": lambda m: A}],
                   options={"ftol": 1e-14, "maxiter": 1000})
    assert ref.success
    np.testing.assert_allclose(mu, ref.x, atol=1e-6)
    assert np.max(np.abs(A @ mu - y)) <= 1e-10 and mu.min() >= 0


def test_projection_with_a_floor_matches_an_independent_qp_solver():
    A, y, rng = _problem(5)
    z = rng.normal(size=A.shape[1])
    floor = 1e-3
    mu = Projector(A, y, floor=floor)(z)
    ref = minimize(lambda m: 0.5 * np.sum((m - z) ** 2), np.abs(z) + floor, jac=lambda m: m - z, method="SLSQP",
                   bounds=[(floor, None)] * len(z),
                   constraints=[{"type": "eq", "fun": lambda m: A @ m - y, "jac": lambda m: A}],
                   options={"ftol": 1e-14, "maxiter": 1000})
    assert ref.success
    np.testing.assert_allclose(mu, ref.x, atol=1e-6)
    assert np.max(np.abs(A @ mu - y)) <= 1e-10 and mu.min() >= floor
    # the floor is active somewhere here, so the floored projection differs from the plain one
    assert np.isclose(mu.min(), floor) and not np.allclose(mu, Projector(A, y)(z), atol=1e-6)


def test_projection_floor_must_be_nonnegative():
    A, y, _ = _problem()
    with pytest.raises(ValueError, match="floor"):
        Projector(A, y, floor=-1e-12)


def test_projection_of_a_feasible_point_is_itself():
    A, y, rng = _problem(1)
    mu = np.abs(rng.normal(size=A.shape[1]))
    y = A @ mu
    np.testing.assert_allclose(Projector(A, y)(mu), mu, atol=1e-9)


def test_projection_on_the_real_feature_matrix_kkt():
    X, y = training_data()
    A = feature_matrix(support_p(100), X)
    proj = Projector(A, y)
    z = np.random.default_rng(2).normal(scale=0.1, size=A.shape[1])
    mu = proj(z)
    assert np.max(np.abs(A @ mu - y)) <= 1e-10 and mu.min() >= 0
    # KKT: mu - z = A^T lam on the support, and A^T lam <= -z off it (mu = max(z + A^T lam, 0))
    s = A.T @ proj.lam
    on = mu > 0
    np.testing.assert_allclose(mu[on] - z[on], s[on], atol=1e-9)
    assert np.all(z[~on] + s[~on] <= 1e-12)


def test_projection_reports_an_empty_set():
    A = np.array([[1.0, 1.0]])
    with pytest.raises(ProjectionError, match="A mu - y"):
        Projector(A, np.array([-1.0]), max_iter=30)(np.zeros(2))


def test_forward_backward_finds_a_known_constrained_minimiser():
    # Build F(mu) = 1/2 (mu - c)^T D (mu - c) whose minimiser over {mu >= 0, A mu = y} is mu_star by KKT:
    # grad F(mu_star) = D (mu_star - c) = A^T lam_star + s with s >= 0, s * mu_star = 0.
    rng = np.random.default_rng(3)
    n, j = 3, 15
    A = rng.normal(size=(n, j))
    mu_star = np.abs(rng.normal(size=j))
    mu_star[::3] = 0.0
    y = A @ mu_star
    lam_star = rng.normal(size=n)
    s = np.where(mu_star == 0, np.abs(rng.normal(size=j)) + 0.1, 0.0)
    d = rng.uniform(0.5, 5.0, size=j)
    c = mu_star - (A.T @ lam_star + s) / d
    objective = lambda m: (0.5 * float(((m - c) ** 2 * d).sum()), d * (m - c))  # noqa: E731
    res = forward_backward(objective, Projector(A, y), np.zeros(j), tau0=1e-3, max_iter=2000, step_tol=1e-12,
                           f_rel_tol=0.0)
    assert res.converged, res.reason
    np.testing.assert_allclose(res.x, mu_star, atol=1e-8)
    # the non-monotone Armijo rule still yields a decreasing trend
    assert res.history[-1] < res.history[0]


def test_forward_backward_cap_is_reported():
    A, y, _ = _problem(4)
    objective = lambda m: (0.5 * float(m @ m), m)  # noqa: E731
    res = forward_backward(objective, Projector(A, y), np.zeros(A.shape[1]), tau0=1e-6, max_iter=2,
                           step_tol=0.0, f_rel_tol=0.0)
    assert not res.converged and res.reason == "iteration cap" and res.iterations == 2


def test_lp_endpoint_on_a_tiny_problem():
    # min mu1 + mu2 + mu3 s.t. mu1 + 2 mu2 = 2, mu3 = 1  ->  mu = (0, 1, 1), value 2
    A = np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 1.0]])
    res = lp_endpoint(A, np.array([2.0, 1.0]))
    assert res.value == pytest.approx(2.0)
    np.testing.assert_allclose(res.weights, [0, 1, 1], atol=1e-12)


def test_lp_endpoint_is_sparse_and_the_same_on_q():
    from lazyrich.scaling_path.grids import support_q
    X, y = training_data()
    n = 150
    A_p, A_q = feature_matrix(support_p(n), X), feature_matrix(support_q(n), X)
    lp_p, lp_q = lp_endpoint(A_p, y), lp_endpoint(A_q, y)
    assert (lp_p.weights > 1e-8).sum() <= 10
    np.testing.assert_allclose(A_p @ lp_p.weights, y, atol=1e-8)
    # Q contains P, so its value can only be lower; by homogeneity only sign(theta_1) matters: equal values
    assert lp_q.value == pytest.approx(lp_p.value, rel=1e-7)


def test_forward_backward_converged_solve_is_stationary():
    A, y, _ = _problem(4)
    objective = lambda m: (0.5 * float(m @ m), m)  # noqa: E731  (min-norm point of C)
    res = forward_backward(objective, Projector(A, y), np.ones(A.shape[1]), tau0=0.1, max_iter=500,
                           step_tol=1e-12, f_rel_tol=0.0)
    assert res.converged and res.stationarity < 1e-8


def test_forward_backward_reports_a_stall_not_convergence():
    # F is smooth only inside a tiny ball around the start: every longer step is rejected, so backtracking halves
    # tau until the step vanishes -- the step test then fires, but that is a stall, not a converged solve
    A, y, _ = _problem(4)
    project = Projector(A, y)
    start = project(np.ones(A.shape[1]))

    def objective(m):
        wall = 1e6 * max(0.0, float(np.linalg.norm(m - start)) - 1e-6)
        return 0.5 * float(m @ m) + wall, m

    res = forward_backward(objective, project, start, tau0=1.0, max_iter=50, step_tol=1e-5, f_rel_tol=0.0)
    assert not res.converged and res.reason.startswith("stalled"), res.reason
    assert res.stationarity > 1e-3


def test_forward_backward_returns_the_best_iterate_of_a_non_monotone_run():
    # Barzilai-Borwein steps on an ill-conditioned quadratic are non-monotone: F rises at iteration 5, where
    # the cap stops the run; the solver must return iteration 4's point, not the worse last one
    rng = np.random.default_rng(0)
    j = 30
    A = rng.normal(size=(2, j))
    y = A @ np.abs(rng.normal(size=j))
    d, c = np.logspace(0, 4, j), rng.normal(size=j) * 3
    objective = lambda m: (0.5 * float(((m - c) ** 2 * d).sum()), d * (m - c))  # noqa: E731
    res = forward_backward(objective, Projector(A, y), np.ones(j), tau0=1e-4, max_iter=5, step_tol=0.0,
                           f_rel_tol=0.0)
    assert res.history[-1] > min(res.history)  # the run really is non-monotone at its end
    assert res.value == min(res.history) and res.best_iteration == int(np.argmin(res.history)) < 5
    assert objective(res.x)[0] == res.value
