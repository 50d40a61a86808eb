"""The ``device`` key of scaling_path (schema: tests/test_config.py; resolver: tests/test_devices.py): honoured by S and GD.

This machine has no GPU, so the CPU tests check that the device argument changes nothing there (bit for bit) and
that results come back as CPU tensors / numpy arrays. On a CUDA machine the CUDA tests compare both devices.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lazyrich.scaling_path.data import training_data
from lazyrich.scaling_path.divergence import SinkhornDivergence, SinkhornSettings
from lazyrich.scaling_path.gd import GDSettings, train_gd
from lazyrich.scaling_path.grids import initial_weights, support_p

CUDA = torch.cuda.is_available()


def _problem(n: int = 30):
    X, y = training_data()
    P = support_p(n)
    return X, y, P, initial_weights(len(P))


def test_divergence_on_the_cpu_device_is_the_default_bit_for_bit():
    _, _, P, mu0 = _problem()
    a = np.linspace(0.5, 1.5, len(P)) / len(P)
    ref = SinkhornDivergence(P, P, SinkhornSettings())
    dev = SinkhornDivergence(P, P, SinkhornSettings(), device="cpu")
    v0, g0 = ref.value_and_grad(a, 4.0 * mu0)
    v1, g1 = dev.value_and_grad(torch.as_tensor(a), 4.0 * mu0)
    assert dev.c_xy.device.type == "cpu" and v1.device.type == "cpu" and g1.device.type == "cpu"
    assert torch.equal(v0, v1) and torch.equal(g0, g1)
    assert torch.equal(ref.value(a, 4.0 * mu0), dev.value(a, 4.0 * mu0))


def test_gd_on_the_cpu_device_is_the_default_bit_for_bit():
    X, y, P, _ = _problem()
    settings = GDSettings(loss_tol=1e-2, max_iter=6000, log_every=500)
    ref = train_gd(P, [0.5, 3.0], X, y, settings, show_progress=False)
    dev = train_gd(P, [0.5, 3.0], X, y, settings, show_progress=False, device="cpu")
    assert (dev.iterations < settings.max_iter).all()  # both runs stop (and leave the batch) before the cap
    assert np.array_equal(ref.theta, dev.theta) and np.array_equal(ref.iterations, dev.iterations)
    assert np.array_equal(ref.loss, dev.loss) and np.array_equal(ref.log_loss, dev.log_loss, equal_nan=True)


@pytest.mark.skipif(not CUDA, reason="needs a CUDA device")
def test_cuda_matches_cpu():  # pragma: no cover - runs only where a GPU is present
    X, y, P, mu0 = _problem()
    a = np.linspace(0.5, 1.5, len(P)) / len(P)
    v_cpu, g_cpu = SinkhornDivergence(P, P, SinkhornSettings()).value_and_grad(a, 4.0 * mu0)
    v_gpu, g_gpu = SinkhornDivergence(P, P, SinkhornSettings(), device="cuda").value_and_grad(a, 4.0 * mu0)
    assert v_gpu.device.type == "cpu"
    assert torch.allclose(v_cpu, v_gpu, rtol=1e-9) and torch.allclose(g_cpu, g_gpu, rtol=1e-7, atol=1e-12)
    settings = GDSettings(loss_tol=1e-2, max_iter=6000)
    cpu = train_gd(P, [0.5, 3.0], X, y, settings, show_progress=False)
    gpu = train_gd(P, [0.5, 3.0], X, y, settings, show_progress=False, device="cuda")
    assert np.allclose(cpu.mass, gpu.mass, rtol=1e-6)
