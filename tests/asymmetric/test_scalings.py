import numpy as np
import pytest
from scipy.stats import zipfian

from lazyrich.asymmetric.scalings import lambda_summary, node_scalings

CONFIGS = {"g1": (None, 1.0), "a07g05": (0.7, 0.5), "a05g02": (0.5, 0.2), "a04g0": (0.4, 0.0)}


@pytest.mark.parametrize("cid", CONFIGS)
def test_sums_to_one_and_decreasing(cid):
    lam = node_scalings(2000, *CONFIGS[cid])
    assert abs(lam.sum() - 1.0) <= 1e-9
    assert np.all(np.diff(lam) <= 0)


def test_spec_table_values():
    # spec §1.2 (independent float64 check): max, second, top-10 share, #nodes above 1/m
    s = lambda_summary(node_scalings(2000, 0.5, 0.2))
    assert s["max"] == pytest.approx(0.48659, rel=2e-5)
    assert s["second"] == pytest.approx(0.12172, rel=5e-5)
    assert s["top10_share"] == pytest.approx(0.7549, rel=1e-4)
    assert s["n_above_uniform"] == 34
    s0 = lambda_summary(node_scalings(2000, 0.4, 0.0))
    assert s0["max"] == pytest.approx(0.74545, rel=2e-5)
    assert s0["top100_share"] == pytest.approx(0.9995, abs=1e-4)
    assert lambda_summary(node_scalings(2000, 0.7, 0.5))["n_above_uniform"] == 98


def test_pure_zipf_equals_scipy_pmf_and_hand_value():
    lam = node_scalings(5, 0.5, 0.0)
    np.testing.assert_allclose(lam, zipfian.pmf(np.arange(1, 6), 2.0, 5))
    H = sum(k**-2.0 for k in range(1, 6))
    assert lam[1] == pytest.approx(0.25 / H)


def test_authors_code_variant_kills_node_zero():
    m, alpha, gamma = 2000, 0.4, 0.0
    code = node_scalings(m, alpha, gamma, "authors_code")
    assert code[0] == 0.0
    H = sum(k ** (-1 / alpha) for k in range(1, m + 1))
    assert code.sum() == pytest.approx(1 - m ** (-1 / alpha) / H, abs=1e-12)
    assert code.max() == pytest.approx(node_scalings(m, alpha, gamma).max())
    mixed = node_scalings(m, 0.7, 0.5, "authors_code")
    assert mixed[0] == pytest.approx(0.5 / m)


@pytest.mark.parametrize("kwargs,match", [
    (dict(m=10, alpha=0.5, gamma=1.5), "gamma"),
    (dict(m=10, alpha=1.2, gamma=0.5), "alpha"),
    (dict(m=0, alpha=0.5, gamma=0.5), "width"),
    (dict(m=10, alpha=0.5, gamma=0.5, ranks="zero"), "ranks"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        node_scalings(**kwargs)
