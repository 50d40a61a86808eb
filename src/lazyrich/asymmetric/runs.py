"""The run grid of an experiment: every (configuration, seed) pair with its lambda, W0 and a (spec §2.0)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lazyrich.asymmetric.model import init_weights
from lazyrich.asymmetric.scalings import node_scalings

DTYPES = {"float32": torch.float32, "float64": torch.float64}


@dataclass
class RunGrid:
    config_ids: list[str]   # per run
    seeds: list[int]        # per run
    lam: torch.Tensor       # [R, m] float64
    W0: torch.Tensor        # [R, m, d]
    a: torch.Tensor         # [R, K, m]

    @property
    def size(self) -> int:
        return len(self.seeds)


def build_run_grid(configurations: list[dict], seeds: list[int], m: int, d: int, K: int,
                   dtype: str = "float32", lambda_ranks: str = "paper") -> RunGrid:
    """Runs ordered configuration-major (all seeds of the first configuration first).

    W0 and a depend only on the seed, so the configurations share their initial weights (spec D13).
    """
    W0_seed, a_seed = init_weights(seeds, m, d, K, dtype=DTYPES[dtype])
    config_ids, run_seeds, lams, W0s, As = [], [], [], [], []
    for cfg in configurations:
        lam = torch.from_numpy(node_scalings(m, cfg.get("alpha"), cfg["gamma"], lambda_ranks))
        for i, seed in enumerate(seeds):
            config_ids.append(cfg["id"])
            run_seeds.append(int(seed))
            lams.append(lam)
            W0s.append(W0_seed[i])
            As.append(a_seed[i])
    return RunGrid(config_ids, run_seeds, torch.stack(lams), torch.stack(W0s), torch.stack(As))


def grid_arrays(grid: RunGrid) -> dict[str, np.ndarray]:
    """The grid as arrays for a runs.npz file."""
    return {
        "config_ids": np.asarray(grid.config_ids),
        "seeds": np.asarray(grid.seeds, dtype=np.int64),
        "lam": grid.lam.numpy(),
        "W0": grid.W0.numpy(),
        "a": grid.a.numpy(),
    }
