"""Snapshot iterations.

The authors snapshot θ_it at it = 0, 1 and then it_{k+1} = ⌊g·it_k⌋ + 1 (spec §1.5; quirk 11: the
code comment does not match, this is what the code does). A snapshot "at iteration it" is the state
after `it` updates, taken before the (it+1)-th update.
"""
from __future__ import annotations

import math

import numpy as np


def geometric_schedule(factor: float, n_iter: int) -> np.ndarray:
    """Iterations 0, 1, ⌊g·1⌋+1, ... that are < n_iter (the authors' snapshot loop runs it < T)."""
    if factor <= 1.0:
        raise ValueError(f"snapshot factor must be > 1, got {factor}")
    its = [0]
    it = 1
    while it < n_iter:
        its.append(it)
        it = int(math.floor(factor * it)) + 1
    return np.asarray(its, dtype=np.int64)


def log_grid(n_iter: int, n_points: int) -> np.ndarray:
    """About n_points log-spaced integer iterations in [1, n_iter] (plus 0), unique and sorted."""
    if n_points <= 0:
        return np.zeros(0, dtype=np.int64)
    grid = np.unique(np.round(np.geomspace(1, max(n_iter, 1), n_points)).astype(np.int64))
    return np.union1d([0], grid)


def snapshot_iterations(factor: float, n_iter: int, extra=()) -> np.ndarray:
    """Geometric schedule ∪ extra iterations (each ≤ n_iter) ∪ {n_iter} (the final state θ_T)."""
    extra = np.asarray(list(extra), dtype=np.int64)
    if extra.size and (extra.min() < 0 or extra.max() > n_iter):
        raise ValueError(f"extra snapshot iterations must lie in [0, {n_iter}], got {extra.tolist()}")
    return np.union1d(np.union1d(geometric_schedule(factor, n_iter), extra), [n_iter]).astype(np.int64)


def snapshot_index(snap_its: np.ndarray, it: int) -> int:
    """Position of iteration ``it`` in the recorded snapshot iterations (error if not recorded)."""
    idx = np.flatnonzero(np.asarray(snap_its) == it)
    if idx.size == 0:
        raise ValueError(f"iteration {it} is not a recorded snapshot")
    return int(idx[0])
