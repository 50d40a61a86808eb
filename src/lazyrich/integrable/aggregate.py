"""Statistics of the IP-E1 runs shared by figures, tables and claims (spec §0 "Statistics", §1.8)."""

from __future__ import annotations

import numpy as np

from lazyrich.io import load_npz

LN10 = float(np.log(10.0))


def loglog_slope(widths, values) -> float:
    """Least-squares slope of log(values) against log(widths)."""
    return float(np.polyfit(np.log(np.asarray(widths, float)), np.log(np.asarray(values, float)), 1)[0])


def window_means(loss: np.ndarray, window: int) -> np.ndarray:
    """Means over consecutive windows along the last axis (a trailing partial window is dropped)."""
    n = loss.shape[-1] // window
    return loss[..., : n * window].reshape(loss.shape[:-1] + (n, window)).mean(axis=-1)


def load_runs(path) -> dict:
    return load_npz(path)


def cell(runs: dict, model: str) -> dict:
    """The runs of one model in a (dataset, activation) run file: loss/out [trials, T] and per-run scalars."""
    sel = runs["model"] == model
    T = int(runs["steps"][sel].max()) if sel.any() else 0
    return {"loss": runs["loss"][sel][:, :T], "out": runs["out"][sel][:, :T], "test_acc": runs["test_acc"][sel],
            "constant": runs["constant_classifier"][sel], "k": runs["k"][sel], "k_capped": runs["k_capped"][sel], "out_bias0": runs["out_bias0"][sel],
            "n": int(sel.sum())}


def final_loss(loss: np.ndarray) -> np.ndarray:
    """Per run: mean of the logged mini-batch losses over the last 50 steps."""
    return loss[:, -50:].mean(axis=1)


def final_output(out: np.ndarray) -> np.ndarray:
    """Per run: mean of the logged mean-|output| over the last 20 steps."""
    return out[:, -20:].mean(axis=1)


def bootstrap_band(curves: np.ndarray, n_boot: int, seed: int, level: float = 0.95):
    """Trial-mean curve and its bootstrap CI over trials (rows); a single trial gives a zero-width band."""
    mean = curves.mean(axis=0)
    if curves.shape[0] < 2:
        return mean, mean, mean
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, curves.shape[0], size=(n_boot, curves.shape[0]))
    boots = curves[idx].mean(axis=1)
    lo, hi = np.percentile(boots, [50 * (1 - level), 50 * (1 + level)], axis=0)
    return mean, lo, hi
