"""Trainer: exact gradient, balancedness conservation, batched sweep == separate runs, masking."""
import numpy as np
import pytest

from lazyrich.orthogonal import data
from lazyrich.orthogonal.model import init_balanced, loss
from lazyrich.orthogonal.streams import numpy_rng
from lazyrich.orthogonal.trainer import train_gd


def test_streams_match_shared_seeding():
    seeding = pytest.importorskip("lazyrich.seeding")
    for seed, purpose in ((0, "orthogonal/W0"), (7, "orthogonal/signs")):
        np.testing.assert_array_equal(numpy_rng(seed, purpose).standard_normal(5),
                                      seeding.numpy_rng(seed, purpose).standard_normal(5))


def test_init_is_balanced_with_right_scale():
    W0, a0, signs = init_balanced([0] * 1 + [1], [1.0, 1.0], 4000, 1, 2)
    np.testing.assert_allclose(np.abs(a0), np.linalg.norm(W0, axis=-1))
    assert np.all(np.sign(a0) == signs)
    assert W0.std() == pytest.approx(1 / np.sqrt(4000), rel=0.05)          # λ/√(m·d), d = 1
    Wa, _, sa = init_balanced([3], [1e-6], 10, 1, 2)
    Wb, _, sb = init_balanced([3], [1e-2], 10, 1, 2)
    np.testing.assert_allclose(Wa * 1e4, Wb)                                # same draw, scaled by λ
    assert np.array_equal(sa, sb)


def test_gd_step_matches_finite_difference_gradient():
    _, xt, y = data.one_d("e2")
    W0, a0, _ = init_balanced([0], [1.0], 7, 1, 2)
    lr = 1e-7
    res = train_gd(xt, y, W0, a0, lr, 1)
    gW, ga = (W0 - res["W_final"]) / lr, (a0 - res["a_final"]) / lr
    eps = 1e-6
    for idx in [(0, 0, 0), (0, 3, 1), (0, 6, 0)]:
        Wp, Wm = W0.copy(), W0.copy()
        Wp[idx] += eps
        Wm[idx] -= eps
        fd = (loss(xt, y, Wp, a0) - loss(xt, y, Wm, a0))[0] / (2 * eps)
        assert gW[idx] == pytest.approx(fd, rel=1e-5, abs=1e-9)
    ap, am = a0.copy(), a0.copy()
    ap[0, 2] += eps
    am[0, 2] -= eps
    assert ga[0, 2] == pytest.approx((loss(xt, y, W0, ap) - loss(xt, y, W0, am))[0] / (2 * eps), rel=1e-5)
    assert res["loss"][0, 0] == pytest.approx(loss(xt, y, W0, a0)[0])


def test_balancedness_is_conserved_along_gd():
    """a_j² − ‖w_j‖² is a gradient-flow invariant: under GD it drifts by O(lr²) per step, so over a
    fixed time span the defect must be tiny and halve when lr halves."""
    _, xt, y = data.one_d("e1")
    W0, a0, _ = init_balanced([0, 1], [1e-3, 1e-3], 20, 1, 2)
    defects = []
    for lr, steps in ((1e-3, 8000), (5e-4, 16000)):
        res = train_gd(xt, y, W0, a0, lr, steps, range(0, steps + 1, 500))
        assert res["loss"][:, -1].max() < 1e-2          # the runs really moved (L_0 = 1)
        defects.append(np.abs(res["snap_a"] ** 2 - (res["snap_W"] ** 2).sum(-1)).max())
    assert defects[0] < 1e-8
    assert defects[0] / defects[1] == pytest.approx(2.0, rel=0.05)


def test_batched_sweep_equals_separate_runs():
    _, xt, y = data.one_d("e1")
    seeds, lams = np.array([0, 0, 1]), np.array([1e-4, 1e-8, 1e-6])
    steps = np.array([3000, 4000, 3500])
    W0, a0, _ = init_balanced(seeds, lams, 60, 1, 2)
    batch = train_gd(xt, y, W0, a0, 1e-3, steps, [0, 1000, 2500])
    for r in range(3):
        single = train_gd(xt, y, W0[r:r + 1], a0[r:r + 1], 1e-3, steps[r], [0, 1000, 2500])
        np.testing.assert_allclose(batch["W_final"][r], single["W_final"][0], rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(batch["a_final"][r], single["a_final"][0], rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(batch["loss"][r, : steps[r] + 1], single["loss"][0], rtol=1e-12)
        assert np.all(np.isnan(batch["loss"][r, steps[r] + 1:]))
        np.testing.assert_allclose(batch["snap_W"][:, r], single["snap_W"][:, 0], rtol=1e-12, atol=1e-300)


def test_float32_runs_stay_float32():
    _, xt, y = data.one_d("e3")
    W0, a0, _ = init_balanced([0], [10.0], 60, 1, 2, np.float32)
    res = train_gd(xt, y, W0, a0, 1e-3, 50, [0, 50])
    assert res["W_final"].dtype == np.float32 and res["snap_a"].dtype == np.float32
