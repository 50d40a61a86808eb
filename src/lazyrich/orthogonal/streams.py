"""numpy random streams named by (seed, purpose), identical to :func:`lazyrich.seeding.numpy_rng`.

``lazyrich.seeding`` imports torch at module level (≈ 2 s per process); the orthogonal rules other
than E4 need no torch, and the smoke budget (30 s for all rules) cannot afford that import in every
process. This module derives exactly the same streams without torch; a test asserts the equality.
"""
from __future__ import annotations

import zlib

import numpy as np


def numpy_rng(seed: int, purpose: str) -> np.random.Generator:
    """The numpy Generator of ``(seed, purpose)``; same stream as ``lazyrich.seeding.numpy_rng``."""
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    return np.random.default_rng(np.random.SeedSequence([int(seed), zlib.crc32(purpose.encode("utf-8"))]))
