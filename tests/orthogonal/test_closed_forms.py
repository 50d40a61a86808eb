"""Closed forms against hand-checkable values (spec §2 E1 and X1 tables)."""
import math

import numpy as np
import pytest

from lazyrich.orthogonal import closed_forms as cf
from lazyrich.orthogonal import data


@pytest.fixture
def e1():
    _, xt, y = data.one_d("e1")
    return xt, y


def test_e1_rates_vectors_and_times(e1):
    xt, y = e1
    g_pos, g_neg = cf.growth_rates(xt, y)
    assert g_pos == pytest.approx(math.sqrt(5)) and g_neg == pytest.approx(math.sqrt(1.25))
    b_pos, b_neg = cf.limit_vectors(xt, y)
    np.testing.assert_allclose(b_pos, [0.4, 0.2])
    np.testing.assert_allclose(b_neg, [-0.4, 0.8])
    t_pos, t_neg = cf.escape_times(xt, y, 1e-6)
    assert t_pos == pytest.approx(math.log(1e6) / math.sqrt(5)) and round(t_pos, 2) == 6.18
    assert t_neg == pytest.approx(2 * t_pos) and round(t_neg, 2) == 12.36
    assert cf.initial_loss(y) == 1.0 and cf.plateau_level(xt, y) == 0.5


def test_e1_limit_interpolator_and_norm(e1):
    xt, y = e1
    z = np.array([-1.5, -0.5, 0.0, 2.0, 3.0])
    h = cf.limit_interpolator(xt, y, data.augment(z, True))
    np.testing.assert_allclose(h, [-1.4, -1.0, -0.6, 1.0, 1.4], atol=1e-12)   # slope 0.8 inside, 0.4 outside
    assert cf.variation_norm(xt, y) == pytest.approx(3 / math.sqrt(5), rel=1e-14)
    alpha = cf.dual_certificate(xt, y)
    assert alpha @ y == pytest.approx(cf.variation_norm(xt, y), rel=1e-14)
    assert np.linalg.norm(alpha) == pytest.approx(1.0)


def test_dual_certificate_bounds_every_unit_neuron(e1):
    xt, y = e1
    alpha = cf.dual_certificate(xt, y)
    u = np.random.default_rng(0).standard_normal((20000, 2))
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    assert np.abs(np.maximum(u @ xt.T, 0) @ alpha).max() <= 1 + 1e-12


def test_x1_closed_forms():
    xt, y = data.x1_data()
    g_pos, g_neg = cf.growth_rates(xt, y)
    assert (g_pos, g_neg) == pytest.approx((0.5, 0.25))
    b_pos, b_neg = cf.limit_vectors(xt, y)
    np.testing.assert_allclose(b_pos[:4], [4, 1, 4 / 9, 0.25])
    np.testing.assert_allclose(b_neg[4:8], [2, 0.5, 2 / 9, 0.125])
    assert cf.variation_norm(xt, y) == pytest.approx(6.231779, abs=1e-6)
    assert cf.initial_loss(y) == pytest.approx(0.889757, abs=1e-6)
    assert cf.plateau_level(xt, y) == pytest.approx(0.177951, abs=1e-6)
    assert cf.partial_rate_exponent(xt, y) == pytest.approx(2 * (1 - math.sqrt(3) / 2))
    assert np.linalg.norm(cf.dual_certificate(xt, y)) == pytest.approx(2.747, abs=1e-3)


def test_non_orthogonal_inputs_are_rejected():
    _, xt, y = data.one_d("e2")
    with pytest.raises(ValueError, match="not orthogonal"):
        cf.limit_vectors(xt, y)


def test_neuron_classes_hand_case(e1):
    xt, y = e1                                       # x̃_1 = (-0.5, 1) (y<0), x̃_2 = (2, 1) (y>0)
    W0 = np.array([[1.0, 0.0],                       # active on x̃_2 only
                   [0.0, 1.0],                       # active on both
                   [-1.0, -1.0],                     # active on none: frozen
                   [-1.0, 0.0]])                     # active on x̃_1 only
    signs = np.array([1, -1, 1, 1])
    c = cf.neuron_classes(W0, signs, xt, y)
    assert c.p_pos.tolist() == [True, False, False, False]
    assert c.p_neg.tolist() == [False, True, False, False]
    assert c.frozen.tolist() == [False, False, True, False]
    assert c.covered.tolist() == [True, True]
    c2 = cf.neuron_classes(W0[[0, 2, 3]], signs[[0, 2, 3]], xt, y)
    assert c2.covered.tolist() == [False, True]      # no negative neuron active on x̃_1


def test_full_activity_probability_monte_carlo():
    xt, y = data.x1_data()
    rng = np.random.default_rng(1)
    W = rng.standard_normal((200000, xt.shape[1]))
    signs = rng.integers(0, 2, 200000) * 2 - 1
    c = cf.neuron_classes(W, signs, xt, y)
    p_pos, p_neg = cf.full_activity_probability(y)
    assert p_pos == p_neg == 2.0 ** -5
    assert c.p_pos.mean() == pytest.approx(p_pos, rel=0.1)
