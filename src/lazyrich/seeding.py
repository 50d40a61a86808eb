"""Independent random streams derived from (seed, purpose).

Every random draw of the package comes from a stream named by the run's seed and a purpose string
("W0", "a", "prune_ties", ...). A run's draws therefore do not depend on which other runs share its batch,
and the same config always gives the same numbers.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # torch is imported lazily: numpy-only experiments start without paying for it
    import torch


def _entropy(seed: int, purpose: str) -> list[int]:
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    return [int(seed), zlib.crc32(purpose.encode("utf-8"))]


def numpy_rng(seed: int, purpose: str) -> np.random.Generator:
    """A numpy Generator for ``(seed, purpose)``."""
    return np.random.default_rng(np.random.SeedSequence(_entropy(seed, purpose)))


def torch_seed(seed: int, purpose: str) -> int:
    """A 63-bit torch seed for ``(seed, purpose)``."""
    return int(np.random.SeedSequence(_entropy(seed, purpose)).generate_state(2, np.uint64)[0] >> np.uint64(1))


def torch_generator(seed: int, purpose: str, device: "str | torch.device" = "cpu") -> "torch.Generator":
    """A torch Generator for ``(seed, purpose)`` on ``device``."""
    import torch

    gen = torch.Generator(device=device)
    gen.manual_seed(torch_seed(seed, purpose))
    return gen
