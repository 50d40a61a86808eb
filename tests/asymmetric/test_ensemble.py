import json
import math

import numpy as np
import pytest
import torch

from lazyrich.asymmetric.ensemble import GDSettings, train_gd
from lazyrich.asymmetric.runs import build_run_grid
from lazyrich.asymmetric.simulated_data import make_dataset

CONFIGS = [{"id": "g1", "gamma": 1.0}, {"id": "a04g0", "alpha": 0.4, "gamma": 0.0}]


def _data(dtype):
    data = make_dataset(0, 50, 100, 100, 0.1)
    return [torch.as_tensor(data[k], dtype=dtype) for k in ("x_train", "y_train", "x_test", "y_test")]


@pytest.mark.parametrize("dtype,tol", [("float64", 1e-9), ("float32", 1e-4)])
def test_batched_ensemble_equals_separate_runs(dtype, tol):
    X, Y, Xt, Yt = _data(torch.float64 if dtype == "float64" else torch.float32)
    grid = build_run_grid(CONFIGS, [0, 1], 200, 50, 1, dtype)
    gd = GDSettings(lr=1.0, steps=300, log_every=100)
    batched = train_gd(X, Y, grid.W0, grid.a, grid.lam, gd, X_test=Xt, Y_test=Yt, X_ntg=X)
    for r in range(grid.size):
        single = train_gd(X, Y, grid.W0[r:r + 1], grid.a[r:r + 1], grid.lam[r:r + 1], gd, X_test=Xt, Y_test=Yt, X_ntg=X)
        for key in ("train_risk", "test_risk", "disp2", "ntg_eigmin", "ntg_change", "W_final"):
            ref = single[key][0]
            assert np.abs(batched[key][r] - ref).max() <= tol * max(np.abs(ref).max(), 1e-30), key


def test_logging_schedule_and_shapes():
    X, Y, Xt, Yt = _data(torch.float64)
    grid = build_run_grid(CONFIGS, [0], 30, 50, 1, "float64")
    out = train_gd(X, Y, grid.W0, grid.a, grid.lam, GDSettings(1.0, 40, 10), X_test=Xt, Y_test=Yt, X_ntg=X[:7])
    assert out["steps"].tolist() == [0, 10, 20, 30, 40]
    assert out["disp2"].shape == (2, 5, 30) and np.all(out["disp2"][:, 0] == 0)
    assert out["ntg_change"][:, 0].max() == 0.0
    assert np.all(out["train_risk"][:, -1] < out["train_risk"][:, 0])  # GD decreases each run's risk


def test_steps_must_be_multiple_of_log_every():
    with pytest.raises(ValueError, match="multiple"):
        GDSettings(lr=1.0, steps=25, log_every=10)


def test_accuracy_ties_go_to_first_index():
    from lazyrich.asymmetric.ensemble import _risk_and_acc

    out = torch.zeros(1, 3, 4)
    Y = torch.eye(4)[[0, 1, 0]]
    _, acc = _risk_and_acc(out, Y, True)
    assert acc.item() == pytest.approx(2 / 3)


def test_same_config_and_seed_give_identical_saved_numbers(tmp_path, project_root):
    """Run the training CLI twice on the smoke config: the saved arrays are bit-identical."""
    from lazyrich.asymmetric import simulated_data, train
    from lazyrich.config import load_profile, write_resolved
    from lazyrich.io import load_npz

    section = load_profile("smoke")["asymmetric"]
    section["simulated"]["steps"] = 200
    section["simulated"]["log_every"] = 100
    cfg = write_resolved(section, tmp_path / "cfg.json", "smoke", "asymmetric")
    simulated_data.main(["--config", str(cfg), "--out", str(tmp_path / "d.npz"), "--meta", str(tmp_path / "d.json")])
    for name in ("r1.npz", "r2.npz"):
        train.main(["--config", str(cfg), "--section-key", "simulated", "--data", str(tmp_path / "d.npz"),
                    "--out", str(tmp_path / name)])
    r1, r2 = load_npz(tmp_path / "r1.npz"), load_npz(tmp_path / "r2.npz")
    for key in r1:
        if key != "train_seconds":
            assert np.array_equal(r1[key], r2[key]), key
    assert json.loads((tmp_path / "d.json").read_text())["content_sha256"]


def _step_major_reference(X, Y, W0, a, lam, lr, steps, chunk_runs):
    """The trainer's arithmetic written plainly, step by step over all blocks (the layout before issue 17)."""
    d = W0.shape[2]
    Xs = X / math.sqrt(d)
    b = a.to(W0.dtype) * lam.to(W0.dtype).sqrt()[:, None, :]
    b_T = b.transpose(1, 2).contiguous()
    W = W0.clone()
    chunks = [slice(s, min(s + chunk_runs, len(W))) for s in range(0, len(W), chunk_runs)]
    for _ in range(steps):
        grads = []
        for c in chunks:
            pre = torch.matmul(Xs, W[c].transpose(1, 2))
            out = torch.matmul(torch.relu(pre), b_T[c])
            resid = (out - Y) * (2.0 / Y.numel())
            grads.append(torch.matmul(torch.matmul(resid, b[c]).mul_(pre > 0).transpose(1, 2), Xs))
        for c, g in zip(chunks, grads):
            W[c] -= lr * g
    return W


@pytest.mark.parametrize("K,chunk_runs", [(1, 1), (1, 2), (1, 0), (3, 2)])
def test_block_major_layout_gives_bit_identical_weights(K, chunk_runs):
    """Blocks taking their un-logged steps one block after another, with reused buffers, change no bit."""
    X, Y, _, _ = _data(torch.float32)
    if K > 1:
        Y = torch.cat([Y, -Y, 2 * Y], dim=1)
    grid = build_run_grid(CONFIGS, [0, 1], 150, 50, K, "float32")
    out = train_gd(X, Y, grid.W0, grid.a, grid.lam, GDSettings(lr=0.37, steps=40, log_every=20, chunk_runs=chunk_runs))
    chunk = chunk_runs or grid.size  # auto: 2.5e5 // (100 * 150) = 16 runs, i.e. one block here
    ref = _step_major_reference(X, Y, grid.W0, grid.a, grid.lam, 0.37, 40, chunk)
    assert np.array_equal(out["W_final"], ref.numpy())
