"""Per-configuration summaries of a runs.npz (mean and population std over seeds, spec §1.5)."""

from __future__ import annotations

import numpy as np

CONFIG_ORDER = ("g1", "a07g05", "a05g02", "a04g0")  # the gamma-order of every figure and claim


def config_order(runs: dict) -> list[str]:
    present = list(dict.fromkeys(str(c) for c in runs["config_ids"]))
    ordered = [c for c in CONFIG_ORDER if c in present]
    return ordered + [c for c in present if c not in ordered]


def by_config(runs: dict, values: np.ndarray) -> dict[str, np.ndarray]:
    """Split a per-run array (runs along axis 0) into {config_id: array of that config's runs}."""
    ids = np.asarray([str(c) for c in runs["config_ids"]])
    return {c: values[ids == c] for c in config_order(runs)}


def wdiff(runs: dict) -> np.ndarray:
    """sqrt(disp2) of the node with the largest displacement at the final logged step, per run: [R, L]."""
    disp2 = runs["disp2"]
    j_star = disp2[:, -1, :].argmax(axis=1)
    return np.sqrt(disp2[np.arange(len(j_star)), :, j_star])


def tracked_node(runs: dict) -> np.ndarray:
    return runs["disp2"][:, -1, :].argmax(axis=1)


def curve(runs: dict, key: str) -> np.ndarray:
    """A per-run time series by name: a logged key, 'wdiff' or 'sqrt_ntg_change'."""
    if key == "wdiff":
        return wdiff(runs)
    if key == "sqrt_ntg_change":
        return np.sqrt(runs["ntg_change"])
    return runs[key]


def config_mean(runs: dict, key: str) -> dict[str, np.ndarray]:
    """Mean over seeds of each configuration (keeps the time axis)."""
    return {c: v.mean(axis=0) for c, v in by_config(runs, curve(runs, key)).items()}


def final_means(runs: dict, key: str) -> dict[str, float]:
    """Mean over seeds at the final logged step."""
    return {c: float(v[-1]) for c, v in config_mean(runs, key).items()}


def strictly_increasing(values: list[float]) -> bool:
    return all(x < y for x, y in zip(values, values[1:]))
