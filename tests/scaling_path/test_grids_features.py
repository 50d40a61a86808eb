import numpy as np
import pytest

from lazyrich.scaling_path.data import load_points, pad_bias, training_data
from lazyrich.scaling_path.features import evaluate_measure, evaluate_network, feature_matrix, network_to_measure
from lazyrich.scaling_path.grids import fibonacci_lattice, function_grid, initial_weights, support_p, support_q


def test_points_are_the_spec_table():
    x, y = load_points()
    assert x.shape == (10, 2) and y.shape == (10,)
    np.testing.assert_array_equal(x[0], [-0.884, 0.714])
    np.testing.assert_array_equal(x[9], [0.554, -0.525])
    np.testing.assert_array_equal(y, [1, 1, 1, 1, 1, -1, -1, -1, -1, -1])
    X, _ = training_data()
    np.testing.assert_array_equal(X[:, 2], np.ones(10))


def test_fibonacci_lattice_by_hand():
    f = fibonacci_lattice(4)
    np.testing.assert_allclose(np.linalg.norm(f, axis=1), 1.0, atol=1e-15)
    # i = 0: z = 1 - 1/4, psi = 0  -> (sqrt(1 - z^2), 0, z)
    np.testing.assert_allclose(f[0], [np.sqrt(1 - 0.75 ** 2), 0.0, 0.75], atol=1e-15)
    # i = 1: z = 1 - 3/4, psi = pi (3 - sqrt5)
    psi = np.pi * (3 - np.sqrt(5))
    r = np.sqrt(1 - 0.25 ** 2)
    np.testing.assert_allclose(f[1], [r * np.cos(psi), r * np.sin(psi), 0.25], atol=1e-15)
    np.testing.assert_allclose(f[:, 2], [0.75, 0.25, -0.25, -0.75])


def test_fibonacci_lattice_is_near_uniform():
    f = fibonacci_lattice(2000)
    # mean of a uniform distribution on S^2 is 0, second moment is I/3
    np.testing.assert_allclose(f.mean(0), 0.0, atol=2e-3)
    np.testing.assert_allclose(f.T @ f / len(f), np.eye(3) / 3, atol=2e-3)


def test_supports_p_and_q():
    n = 7
    p, q = support_p(n), support_q(n)
    assert p.shape == (2 * n, 4) and q.shape == (18 * n, 4)
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-15)
    np.testing.assert_allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-15)
    np.testing.assert_allclose(p[:n, 0], 1 / np.sqrt(2))
    np.testing.assert_allclose(p[n:, 0], -1 / np.sqrt(2))
    # k = 7 block of Q equals P (s = +1 block: index 6, s = -1 block: index 9 + 6)
    np.testing.assert_allclose(q[6 * n:7 * n], p[:n], atol=1e-15)
    np.testing.assert_allclose(q[15 * n:16 * n], p[n:], atol=1e-15)
    np.testing.assert_allclose(initial_weights(len(p)).sum(), 1.0)


def test_function_grid_layout():
    axis, pts = function_grid(201)
    assert np.isclose(axis[1] - axis[0], 0.01) and axis[0] == -1 and axis[-1] == 1
    img_index = 5 * 201 + 7  # row i = 5 (x2), column j = 7 (x1)
    np.testing.assert_allclose(pts[img_index], [axis[7], axis[5]])


def test_feature_matrix_by_hand():
    atoms = np.array([[0.5, 1.0, -1.0, 0.0], [-2.0, 0.0, 1.0, 1.0]])
    x = pad_bias(np.array([[1.0, 0.5], [-1.0, 0.0]]))
    A = feature_matrix(atoms, x)
    # atom 0: 0.5 * relu(x1 - x2); atom 1: -2 * relu(x2 + 1)
    np.testing.assert_allclose(A, [[0.5 * 0.5, -2.0 * 1.5], [0.0, -2.0 * 1.0]])


def test_homogeneity_and_measure_projection_preserve_the_function():
    rng = np.random.default_rng(0)
    theta = rng.normal(size=(50, 4))
    pts = rng.uniform(-1, 1, size=(30, 2))
    f_net = evaluate_network(theta, pts)
    atoms, weights = network_to_measure(theta)
    np.testing.assert_allclose(evaluate_measure(atoms, weights, pts), f_net, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(weights.sum(), (theta ** 2).sum() / 50)
    # 2-homogeneity: phi(r w, x) = r^2 phi(w, x)
    np.testing.assert_allclose(evaluate_network(3.0 * theta, pts), 9.0 * f_net, rtol=1e-12, atol=1e-12)


def test_initial_measure_represents_zero():
    p = support_p(50)
    X, _ = training_data()
    A = feature_matrix(p, X)
    np.testing.assert_allclose(A @ initial_weights(len(p)), 0.0, atol=1e-15)
