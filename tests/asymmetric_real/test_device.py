"""The ``device`` key of asymmetric_real: validated, passed to every trainer, 'auto' == 'cpu' without CUDA.

This machine has no GPU: 'auto' resolves to the CPU here, so 'auto' and 'cpu' must agree bit for bit. On a
CUDA machine the same tests compare CPU and GPU results with a float tolerance instead.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
import yaml

from lazyrich.asymmetric.real import evaluate, train
from lazyrich.asymmetric.real.experiment import top_level
from lazyrich.asymmetric.real.sgd import train_sgd
from lazyrich.asymmetric.runs import build_run_grid
from lazyrich.config import validate
from lazyrich.io import save_npz

CUDA = torch.cuda.is_available()


def _smoke(project_root) -> dict:
    return yaml.safe_load((project_root / "config/profiles/smoke/asymmetric_real.yaml").read_text())


def _tiny(project_root, device: str) -> dict:
    """Smoke config shrunk to a second-long UCI run (float64 so a GPU comparison can be tight)."""
    cfg = copy.deepcopy(_smoke(project_root))
    cfg["device"], cfg["dtype"] = device, "float64"
    cfg["configurations"] = cfg["configurations"][::3]  # g1 and a04g0
    cfg["uci"].update(m=20, seeds=[0], steps=30, log_every=10, ntg_points=5,
                      max_train_rows={"airfoil": 0},
                      transfer={"ks": [2, 5], "hidden": 4, "lr": 0.1, "iterations": 20, "max_batch": 0})
    validate("asymmetric_real", cfg, "test")
    return cfg


@pytest.fixture
def uci_data(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {"source": np.asarray("test: random")}
    for split, n in (("train", 24), ("test", 16), ("transfer_train", 20), ("transfer_test", 12)):
        arrays[f"x_{split}"] = rng.normal(size=(n, 3))
        arrays[f"y_{split}"] = rng.normal(size=n)
    path = tmp_path / "uci_airfoil.npz"
    save_npz(path, **arrays)
    return path


def _assert_same(a: dict, b: dict) -> None:
    assert sorted(a) == sorted(b)
    for key in a:
        if CUDA and np.asarray(a[key]).dtype.kind == "f":
            np.testing.assert_allclose(a[key], b[key], rtol=1e-4, atol=1e-6, err_msg=key)
        else:
            np.testing.assert_array_equal(a[key], b[key], err_msg=key)


def test_top_level_passes_the_device(project_root):
    cfg = _tiny(project_root, "cpu")
    assert top_level(cfg, "airfoil")["device"] == "cpu" and top_level(cfg, "cifar10")["device"] == "cpu"
    del cfg["device"]  # a resolved config written before the key existed
    assert top_level(cfg, "mnist")["device"] == "auto"


def test_auto_equals_cpu_for_gd_pruning_and_transfer(project_root, uci_data):
    results = {}
    for device in ("cpu", "auto"):
        cfg = _tiny(project_root, device)
        runs = train.run(cfg, "airfoil", str(uci_data))
        runs.pop("train_seconds")
        splits = evaluate.load_splits(cfg, "airfoil", uci_data)
        results[device] = (runs, evaluate.prune(cfg, "airfoil", runs, splits),
                           evaluate.transfer(cfg, "airfoil", runs, splits))
    for cpu, auto in zip(results["cpu"], results["auto"]):
        _assert_same(cpu, auto)
    runs, _, transfer = results["cpu"]
    assert runs["W_final"].shape == (2, 20, 3) and np.isfinite(runs["test_risk"]).all()
    assert transfer["test_risk"].shape == (2, 2) and np.isfinite(transfer["test_risk"]).all()


def test_sgd_cached_features_on_a_device_equal_the_callable_path():
    rng = np.random.default_rng(0)
    X, labels = torch.as_tensor(rng.normal(size=(24, 5))), rng.integers(0, 10, 24)
    Xte, lte = torch.as_tensor(rng.normal(size=(8, 5))), rng.integers(0, 10, 8)
    g = build_run_grid([{"id": "g1", "gamma": 1.0}], [0, 1], 20, 5, 10, "float64")
    kw = dict(lr=0.5, batch_size=10, epochs=2, data_seed=0, thinning_start=2, thinning_double_at=(3,))
    ref = train_sgd(lambda idx: X[torch.as_tensor(idx)], labels, Xte, lte, g.W0, g.a, g.lam, **kw)
    res = train_sgd(X, labels, Xte, lte, g.W0, g.a, g.lam, device="cpu", **kw)
    for key in ref:
        np.testing.assert_array_equal(res[key], ref[key], err_msg=key)
    if CUDA:
        res = train_sgd(X, labels, Xte, lte, g.W0, g.a, g.lam, device="cuda", **kw)
        np.testing.assert_allclose(res["W_final"], ref["W_final"], rtol=1e-9, atol=1e-12)


@pytest.mark.skipif(CUDA, reason="this machine has CUDA")
def test_cuda_without_a_gpu_is_a_clear_error(project_root, uci_data):
    cfg = _tiny(project_root, "cuda")
    with pytest.raises(RuntimeError, match="asks for device 'cuda' but no CUDA device is available"):
        train.run(cfg, "airfoil", str(uci_data))
    runs = train.run(_tiny(project_root, "cpu"), "airfoil", str(uci_data))
    splits = evaluate.load_splits(cfg, "airfoil", uci_data)
    for what in (evaluate.prune, evaluate.transfer):
        with pytest.raises(RuntimeError, match="no CUDA device is available"):
            what(cfg, "airfoil", runs, splits)
