"""Model class, calibration, one-step switch, Naive-IP stationarity, Proposition 15, data helpers."""

import numpy as np
import pytest
import torch

from lazyrich.integrable.calibration import calibrate
from lazyrich.integrable.checks import switch_mismatches
from lazyrich.integrable.datasets import batch_indices, pil_luma, preprocess
from lazyrich.integrable.hybrid import prop15_relative_errors
from lazyrich.integrable.network import IPEnsemble, RunSpec
from lazyrich.integrable.ranks import numerical_rank
from lazyrich.integrable.scales import init_scales, loglog_slope


def toy_data(n=64, d=12, seed=0, dtype=torch.float64):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, d, generator=g, dtype=dtype)
    y = torch.randint(0, 10, (n,), generator=g)
    return x, y


def test_calibration_reaches_targets_on_toy_batch():
    x, y = toy_data(64)
    xa, ya, xb = x[:32], y[:32], x[32:]
    net = IPEnsemble([RunSpec("ipllr", "relu", 0), RunSpec("ipllr", "tanh", 1)], 4, 24, 12, seed=5,
                     dataset="toy", eta=0.01, dtype=torch.float64)
    out = calibrate(net, xa, ya, xb, mode="code", cap=1e12, s_out=0.1)
    assert not out["capped"].any()
    k = out["k"]
    assert torch.allclose(k[:, 0], torch.full((2,), 0.01, dtype=torch.float64))
    # recompute the calibration pass independently with the k_l (= r_l, no cap binds)
    _, _, _, gW, gB = net.loss_and_grads(xa, ya)
    net.k0.fill_(1.0)
    lw, lb = net.rates(0)
    dW = [-lw[:, l, None, None] * gW[l] for l in range(5)]
    dB1 = -lb[:, 0, None] * gB[0]
    z = net.activate(xb @ net.W[0].transpose(1, 2) + net.B[0][:, None] + 0.01 * (xb @ dW[0].transpose(1, 2) + dB1[:, None]))
    for l in range(1, 5):
        contrib = k[:, l, None, None] * (z @ dW[l].transpose(1, 2))
        target = 1.0 if l < 4 else 0.1
        assert torch.allclose(contrib.abs().mean(dim=(1, 2)), torch.full((2,), target, dtype=torch.float64), rtol=1e-5)
        z = net.activate(z @ net.W[l].transpose(1, 2) + contrib)


def test_calibration_cap_and_variants():
    x, y = toy_data(64)
    net = IPEnsemble([RunSpec("ipllr", "relu", 0), RunSpec("mup", "relu", 0)], 4, 24, 12, seed=5, dataset="toy",
                     dtype=torch.float64)
    out = calibrate(net, x[:32], y[:32], x[32:], mode="code", cap=1e-3)
    assert out["capped"][0, 1:].all() and torch.all(out["k"][0, 1:] == 1e-3)
    assert torch.all(out["k"][1] == 0.01) and not out["capped"][1].any()  # muP is never calibrated
    net2 = IPEnsemble([RunSpec("ipllr", "relu", 0)], 4, 24, 12, seed=5, dataset="toy", dtype=torch.float64)
    out2 = calibrate(net2, x[:32], y[:32], x[32:], mode="paper")
    assert out2["k"][0, -1] == 0.01 and out2["k"][0, 0] == 0.01 and out2["k"][0, 1] != 0.01
    with pytest.raises(ValueError, match="calibration mode"):
        calibrate(net2, x[:32], y[:32], x[32:], mode="bogus")


def test_learning_rate_switch_after_exactly_one_step():
    assert switch_mismatches() == []
    net = IPEnsemble([RunSpec("ipllr", "relu", 0)], 6, 16, 5, seed=0, dataset="toy", dtype=torch.float64)
    assert net.rates(0)[0][0, 1] == pytest.approx(0.01 * 16 ** 2)  # e_2(0) = -(L-2)/2 = -2
    assert net.rates(1)[0][0, 1] == pytest.approx(0.01)  # e_2 = 0 from t = 1 on
    x, y = toy_data(4, 5)
    net.sgd_step(x, y)
    assert net.t == 1


def test_naive_ip_is_stationary_on_small_deep_network():
    x, y = toy_data(64, 12)
    m = 256
    net = IPEnsemble([RunSpec("naive_ip", "tanh", 0), RunSpec("naive_ip", "relu", 0)], 4, m, 12, seed=1,
                     dataset="toy", eta=0.1, dtype=torch.float64)
    for _ in range(20):
        loss, out = net.sgd_step(x, y)
        assert torch.all((loss - np.log(10)).abs() < 1e-4) and torch.all(out < 1e-3)
    # control: with L = 2 hidden layers the same recipe moves the loss
    net2 = IPEnsemble([RunSpec("naive_ip", "tanh", 0)], 2, 64, 12, seed=1, dataset="toy", eta=1.0, dtype=torch.float64)
    first, _ = net2.sgd_step(x, y)
    for _ in range(40):
        last, _ = net2.sgd_step(x, y)
    assert float(first - last) > 0.05


def test_proposition_15_identity_and_tanh_control():
    x, y = toy_data(16 * 8 + 32, 20)
    batches = [(x[i * 16:(i + 1) * 16], y[i * 16:(i + 1) * 16]) for i in range(8)]
    held = x[128:]
    common = dict(L=5, m=32, seed=2, dataset="toy", eta=0.05, cal_batches=(x[:16], y[:16], x[16:32]))
    cal = dict(mode="code", cap=500.0, s_out=0.1, propagate="uncapped")
    assert prop15_relative_errors(batches, held, activation="relu", calibration=None, **common)["max_rel_err"] < 1e-9
    assert prop15_relative_errors(batches, held, activation="relu", calibration=cal, **common)["max_rel_err"] < 1e-9
    assert prop15_relative_errors(batches, held, activation="tanh", calibration=None, **common)["max_rel_err"] > 0.05


def test_shared_draws_across_models_and_noncentered_shift():
    specs = [RunSpec("naive_ip", "relu", 0), RunSpec("ip_noncentered", "relu", 0), RunSpec("mup", "relu", 0)]
    net = IPEnsemble(specs, 3, 8, 4, seed=0, dataset="toy", dtype=torch.float64)
    assert torch.allclose(net.W[1][1] - net.W[1][0], torch.full((8, 8), 1 / 8, dtype=torch.float64))
    assert torch.allclose(net.W[1][2], net.W[1][0] * 8 ** 0.5)
    assert torch.equal(net.W[0][0], net.W[0][2])


def test_init_scales_match_model_class_and_theory():
    x, _ = toy_data(16, 20)
    r = init_scales(x, widths=[16, 32], activations=["relu"], models=["naive_ip", "mup"], n_inits=2, L=3, seed=3)
    sq = 0.0
    for t in range(2):
        net = IPEnsemble([RunSpec("mup", "relu", t)], 3, 32, 20, seed=3, dataset="mnist/scales", dtype=torch.float64,
                         share_draws_across_activations=True)
        sq += (net.forward(x) ** 2).mean().item()
    assert r["R"][1, 0, 1] == pytest.approx(np.sqrt(sq / 2), rel=1e-12)
    assert loglog_slope([1, 10, 100], [1, 0.1, 0.01]) == pytest.approx(-1)


def test_numerical_rank_threshold():
    g = torch.Generator().manual_seed(0)
    a = torch.randn(50, 3, generator=g, dtype=torch.float64) @ torch.randn(3, 20, generator=g, dtype=torch.float64)
    assert int(numerical_rank(a)) == 3
    assert int(numerical_rank(a.T)) == 3
    assert int(numerical_rank(torch.randn(30, 20, generator=g))) == 20
    m = torch.diag(torch.tensor([1.0, 1e-3, 1e-9], dtype=torch.float64))  # threshold 3 * 2^-23 ~ 3.6e-7
    assert int(numerical_rank(m)) == 2


def test_pil_luma_matches_pillow_and_preprocess():
    from PIL import Image

    rgb = np.random.default_rng(0).integers(0, 256, size=(6, 32, 32, 3), dtype=np.uint8)
    ours = pil_luma(rgb)
    for i in range(6):
        assert np.array_equal(ours[i], np.asarray(Image.fromarray(rgb[i]).convert("L")))
    x = preprocess("cifar10", rgb)
    assert x.shape == (6, 1024) and x.dtype == np.float32
    assert np.allclose(x[0], (ours[0].reshape(-1) / 255 - 0.4809) / 0.2392, atol=1e-6)
    with pytest.raises(ValueError, match="uint8"):
        preprocess("mnist", np.zeros((2, 28, 28), dtype=np.float32))


def test_batch_order_epochs_and_partial_batch():
    idx = list(batch_indices(0, "toy", 10, 4, 7))
    assert [len(i) for i in idx] == [4, 4, 2, 4, 4, 2, 4]
    assert sorted(np.concatenate(idx[:3]).tolist()) == list(range(10))
