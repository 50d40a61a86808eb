import numpy as np
import pytest
import torch

from lazyrich.seeding import numpy_rng, torch_generator


def test_same_seed_and_purpose_repeat():
    a = torch.randn(5, generator=torch_generator(3, "W0"))
    b = torch.randn(5, generator=torch_generator(3, "W0"))
    assert torch.equal(a, b)
    assert np.array_equal(numpy_rng(3, "x").standard_normal(4), numpy_rng(3, "x").standard_normal(4))


def test_purposes_and_seeds_are_independent_streams():
    base = torch.randn(5, generator=torch_generator(3, "W0"))
    assert not torch.equal(base, torch.randn(5, generator=torch_generator(3, "a")))
    assert not torch.equal(base, torch.randn(5, generator=torch_generator(4, "W0")))


def test_negative_seed_rejected():
    with pytest.raises(ValueError, match="seed"):
        numpy_rng(-1, "x")
