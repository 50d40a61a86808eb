import numpy as np
import pytest

from lazyrich.orthogonal import diagnostics as dg
from lazyrich.orthogonal.schedule import geometric_schedule, snapshot_iterations


def test_geometric_schedule_matches_reference_table():
    s = geometric_schedule(1.05, 300000)
    for k, it in {1: 1, 59: 200, 91: 992, 114: 3071, 134: 8166, 147: 15407, 149: 16987, 152: 19666,
                  164: 35327, 180: 77126, 207: 287975}.items():
        assert s[k] == it
    assert len(geometric_schedule(1.05, 20000)) == 153 and len(s) == 208
    s11 = geometric_schedule(1.1, 200000)
    assert len(s11) == 109
    for k, it in {60: 1880, 70: 4885, 98: 70518, 100: 85328, 104: 124931, 108: 182914}.items():
        assert s11[k] == it


def test_snapshot_iterations_adds_extra_and_final():
    its = snapshot_iterations(1.05, 100, [7, 50])
    assert its[-1] == 100 and 7 in its and 50 in its and np.all(np.diff(its) > 0)
    with pytest.raises(ValueError):
        snapshot_iterations(1.05, 100, [101])


def test_drop_times_and_plateau():
    L = np.array([1.0, 1.0, 0.7, 0.5, 0.5, 0.5, 0.2, 0.0])
    assert dg.drop_times(L, 0.1, 1.0, 0.5) == pytest.approx((0.2, 0.6))
    assert dg.plateau_length(L, 0.5, 0.01) == (3, 3)
    assert dg.crossings(L, 0.75) == 1 and dg.up_crossings(L, 0.75) == 0
    assert dg.first_below(L, -1) == -1


def test_authors_angle_is_point_reflection_of_atan2():
    p = np.random.default_rng(0).standard_normal((100, 2))
    np.testing.assert_allclose(np.cos(dg.authors_angle(p)), np.cos(np.arctan2(-p[:, 1], -p[:, 0])), atol=1e-12)
    np.testing.assert_allclose(np.sin(dg.authors_angle(p)), np.sin(np.arctan2(-p[:, 1], -p[:, 0])), atol=1e-12)


def test_uncentred_pca_flip_and_ratios():
    W = np.array([[3.0, 0.0], [-2.0, 0.0], [0.0, 1.0]])
    Vt, ratio, proj = dg.uncentred_pca(W)
    np.testing.assert_allclose(ratio, [13 / 14, 1 / 14])
    np.testing.assert_allclose(np.abs(proj[:, 0]), [3, 2, 0], atol=1e-12)
    assert proj[0, 0] > 0                            # largest |U| entry of each column made positive


def test_norms_and_circular_helpers():
    W = np.array([[[3.0, 4.0], [0.0, 1.0]]])
    a = np.array([[5.0, -1.0]])
    assert dg.path_norm(W, a)[0] == 26.0 and dg.l2_norm(W, a)[0] == 26.0
    assert dg.balancedness_defect(W, a)[0] == 0.0
    assert dg.angular_distance_deg(350, 10) == 20
    assert dg.circular_percentile_span(np.array([355.0, 0.0, 5.0]), 0, 100) == pytest.approx(10)
