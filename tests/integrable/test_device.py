"""The ``device`` key of integrable (schema: tests/test_config.py): wired into the IP-E1 trainer and the IP-E4 depth sweep.

This machine has no GPU: 'auto' resolves to the CPU, so 'auto' and 'cpu' must agree bit for bit, and 'cuda' must
be refused by name (which also shows the key reaches the trainer). On a CUDA machine the CUDA test compares the
two devices with a float tolerance.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
import yaml

from lazyrich.config import validate
from lazyrich.integrable.depth import depth_sweep
from lazyrich.integrable.network import RunSpec
from lazyrich.integrable.train import train_ensemble

CUDA = torch.cuda.is_available()
SPECS = [RunSpec("ipllr", "relu", 0), RunSpec("mup", "relu", 0), RunSpec("ip_bias", "relu", 0)]


def _smoke(project_root) -> dict:
    return yaml.safe_load((project_root / "config/profiles/smoke/integrable.yaml").read_text())


def _tiny(project_root, device: str) -> dict:
    cfg = copy.deepcopy(_smoke(project_root))
    cfg["device"], cfg["dtype"] = device, "float64"
    cfg["architecture"] = {"L": 3, "width": 16}
    cfg["training"]["batch_size"] = 32
    validate("integrable", cfg, "test")
    return cfg


def _data(n: int = 200, d: int = 20) -> dict:
    rng = np.random.default_rng(0)
    return {"x_train": rng.normal(size=(n, d)).astype(np.float32), "y_train": rng.integers(0, 10, n),
            "x_test": rng.normal(size=(50, d)).astype(np.float32), "y_test": rng.integers(0, 10, 50)}


@pytest.mark.skipif(CUDA, reason="checks the CPU fallback")
def test_trainer_reads_the_device_key(project_root):
    data = _data()
    cpu = train_ensemble(_tiny(project_root, "cpu"), "mnist", SPECS, 4, data)
    auto = train_ensemble(_tiny(project_root, "auto"), "mnist", SPECS, 4, data)
    for key in ("loss", "out", "test_acc", "k", "out_bias0"):
        assert np.array_equal(cpu[key], auto[key]), key
    assert np.isfinite(cpu["loss"]).all() and not np.array_equal(cpu["k"][0], cpu["k"][1])  # IP-LLR calibrated
    with pytest.raises(RuntimeError, match="no CUDA device"):
        train_ensemble(_tiny(project_root, "cuda"), "mnist", SPECS, 4, data)


def test_depth_sweep_on_an_explicit_cpu_device_is_the_default():
    data = _data()
    x, y = torch.from_numpy(data["x_train"]), torch.from_numpy(data["y_train"])
    kwargs = dict(activations=["relu"], depths=[2], widths=[8], n_trials=1, steps=5, batch_size=32, eta=0.01, seed=0)
    assert np.array_equal(depth_sweep(x, y, **kwargs)["loss"], depth_sweep(x, y, device="cpu", **kwargs)["loss"])


@pytest.mark.skipif(not CUDA, reason="needs a CUDA device")
def test_cuda_matches_cpu(project_root):  # pragma: no cover - runs only where a GPU is present
    data = _data()
    cpu = train_ensemble(_tiny(project_root, "cpu"), "mnist", SPECS, 4, data)
    gpu = train_ensemble(_tiny(project_root, "cuda"), "mnist", SPECS, 4, data)
    for key in ("loss", "out", "k"):
        assert np.allclose(cpu[key], gpu[key], rtol=1e-8, atol=1e-12), key
