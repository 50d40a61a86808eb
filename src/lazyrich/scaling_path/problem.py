"""Build the discretised problem of a config section (shared by the CLI scripts)."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from lazyrich.config import load_section
from lazyrich.devices import resolve_device
from lazyrich.scaling_path.data import training_data
from lazyrich.scaling_path.features import feature_matrix
from lazyrich.scaling_path.grids import function_grid, initial_weights, support_p

if TYPE_CHECKING:  # torch (and GeomLoss) load in build_problem: the figure script only reads configs
    import torch

    from lazyrich.scaling_path.divergence import SinkhornSettings


@dataclass
class Problem:
    cfg: dict
    X: np.ndarray  # [10, 3] bias-padded inputs
    y: np.ndarray  # [10]
    P: np.ndarray  # [2N, 4] initial support
    A: np.ndarray  # [10, 2N] feature matrix on P
    mu0: np.ndarray  # [2N] uniform probability weights
    axis: np.ndarray  # function grid axis
    points: np.ndarray  # [G, 2] function grid points
    sinkhorn: SinkhornSettings
    device: torch.device  # where the Sinkhorn loops and GD run (config key ``device``)


def build_problem(cfg: dict) -> Problem:
    import torch

    from lazyrich.scaling_path.divergence import SinkhornSettings

    torch.set_num_threads(int(cfg["threads"]))
    X, y = training_data()
    P = support_p(int(cfg["lattice_n"]))
    axis, points = function_grid(int(cfg["grid_size"]))
    device = resolve_device(cfg["device"])
    log(f"device: {device} (config '{cfg['device']}')")
    return Problem(cfg, X, y, P, feature_matrix(P, X), initial_weights(len(P)), axis, points,
                   SinkhornSettings.from_config(cfg["divergence"]), device)


def parse_args(description: str, argv=None, outputs=("--out",)) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--config", required=True, help="resolved scaling_path config (JSON)")
    for name in outputs:
        parser.add_argument(name, required=True)
    return parser.parse_args(argv)


def load_config(path: str) -> dict:
    return load_section(path)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
