"""lazyrich.devices.resolve_device, the shared reader of every section's ``device`` key (schema: test_config.py)."""

import pytest
import torch

from lazyrich.devices import resolve_device

CUDA = torch.cuda.is_available()


def test_resolve_device_names_the_bad_value():
    with pytest.raises(ValueError, match=r"one of \['auto', 'cpu', 'cuda'\], got 'gpu'"):
        resolve_device("gpu")
    assert resolve_device("cpu").type == "cpu"


@pytest.mark.skipif(CUDA, reason="checks the CPU fallback")
def test_auto_is_cpu_and_cuda_is_refused_without_a_gpu():
    assert resolve_device("auto") == torch.device("cpu")
    with pytest.raises(RuntimeError, match="no CUDA device"):
        resolve_device("cuda")
