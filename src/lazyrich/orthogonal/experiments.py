"""One function per experiment of spec §2: build data and initial states, train the batch, return the
arrays saved to ``results/<P>/orthogonal/<exp>_runs.npz``.

Every run of an experiment that shares data and width is trained in one batched ``train_gd`` call
(seeds × λ sweeps included). Time is t = lr × iteration (code units, D2).
"""
from __future__ import annotations

import math

import numpy as np

from lazyrich.orthogonal import closed_forms as cf
from lazyrich.orthogonal import data
from lazyrich.orthogonal.model import DTYPES, init_balanced
from lazyrich.orthogonal.schedule import geometric_schedule, log_grid, snapshot_iterations
from lazyrich.orthogonal.streams import numpy_rng
from lazyrich.orthogonal.trainer import train_gd


def _pack(result: dict, **extra) -> dict:
    out = dict(result)
    out.update({k: np.asarray(v) for k, v in extra.items()})
    return out


def _one_d(name: str, c: dict, extra_snaps=()) -> dict:
    """A 1-D run set (E1, E2, E3): seeds at one λ, geometric snapshots (+ extra iterations)."""
    x, xt, y = data.one_d(name)
    seeds = np.asarray(c["seeds"])
    lams = np.full(seeds.shape, float(c["lam"]))
    W0, a0, signs = init_balanced(seeds, lams, c["m"], 1, xt.shape[1], DTYPES[c["dtype"]])
    T = int(c["iterations"])
    snaps = snapshot_iterations(c["snapshot_factor"], T, [i for i in extra_snaps if i <= T])
    res = train_gd(xt, y, W0, a0, c["lr"], T, snaps, desc=name.upper())
    return _pack(res, x=x, xt=xt, y=y, seeds=seeds, lams=lams, signs=signs, W0=W0, a0=a0,
                 dtype=c["dtype"], geometric_its=geometric_schedule(c["snapshot_factor"], T))


def alignment_iteration(lam: float, lr: float, factor: float = 0.3) -> int:
    """Iteration of the early-alignment check time t_a = 0.3·ln(1/λ) (E1: 4 145)."""
    return int(round(factor * math.log(1.0 / lam) / lr))


def run_e1(c: dict) -> dict:
    """E1: orthogonal 1-D toy, seeds at λ, with a dense log grid and t_a for the alignment checks."""
    T = int(c["iterations"])
    extra = list(log_grid(T, c["align_grid"])) + [alignment_iteration(c["lam"], c["lr"])] + list(c["panels"])
    return _one_d("e1", c, extra)


def run_e1_lr(c: dict) -> dict:
    """OI-C9: E1 seed(s) at a smaller learning rate for a fixed time span (loss only + final)."""
    x, xt, y = data.one_d("e1")
    seeds = np.asarray(c["seeds"])
    lams = np.full(seeds.shape, float(c["lam"]))
    W0, a0, signs = init_balanced(seeds, lams, c["m"], 1, xt.shape[1], DTYPES[c["dtype"]])
    T = int(math.ceil(c["time"] / c["lr"] - 1e-9))
    res = train_gd(xt, y, W0, a0, c["lr"], T, [0], desc="E1-LR")
    return _pack(res, x=x, xt=xt, y=y, seeds=seeds, lams=lams, signs=signs, W0=W0, a0=a0, dtype=c["dtype"])


def run_e1s(c: dict) -> dict:
    """E1-S: λ sweep on E1, every (λ, seed) pair in one batch; horizon ⌈(0.9·ln(1/λ) + 6)/lr⌉."""
    x, xt, y = data.one_d("e1")
    lam_grid, seed_grid = np.meshgrid(np.asarray(c["lams"], float), np.asarray(c["seeds"]), indexing="ij")
    lams, seeds = lam_grid.ravel(), seed_grid.ravel()
    W0, a0, signs = init_balanced(seeds, lams, c["m"], 1, xt.shape[1], DTYPES[c["dtype"]])
    n_steps = np.ceil((c["time_factor"] * np.log(1.0 / lams) + c["time_offset"]) / c["lr"]).astype(np.int64)
    res = train_gd(xt, y, W0, a0, c["lr"], n_steps, [0], desc="E1-S")
    return _pack(res, x=x, xt=xt, y=y, seeds=seeds, lams=lams, signs=signs, W0=W0, a0=a0, dtype=c["dtype"])


def run_e2(c: dict) -> dict:
    return _one_d("e2", c, c.get("panels", []))


def run_e3(c: dict) -> dict:
    return _one_d("e3", c, c.get("panels", []))


def run_e4(c: dict) -> dict:
    """E4: the authors' seeded construction (torch RNG), float32 GD with flushed denormals."""
    from lazyrich.orthogonal.highdim import authors_construction, flush_denormals

    built = authors_construction(c["seed"], c["n"], c["d"], c["teacher_width"], c["m"], c["lam"])
    dtype = DTYPES[c["dtype"]]
    W0 = built["W0"][None].astype(dtype)
    a0 = built["a0"][None].astype(dtype)                      # norms taken in float64 (D10)
    T = int(c["iterations"])
    snaps = snapshot_iterations(c["snapshot_factor"], T, [i for i in [c["early_snapshot"]] if i <= T])
    flushed = flush_denormals(c["flush_denormals"]) if c["flush_denormals"] else False
    try:
        res = train_gd(built["x"], built["y"], W0, a0, c["lr"], T, snaps, desc="E4")
    finally:
        if flushed:
            flush_denormals(False)
    return _pack(res, xt=built["x"], y=built["y"], seeds=np.asarray([c["seed"]]), lams=np.asarray([c["lam"]]),
                 signs=built["signs"][None], W0=W0, a0=a0, teacher_out=built["teacher_out"], dtype=c["dtype"],
                 geometric_its=geometric_schedule(c["snapshot_factor"], T), flushed_denormals=np.asarray(flushed))


def _x1_set(c: dict, lams_list, desc: str) -> dict:
    """X1 / X1-C: every (λ, seed) in one batch; horizon ⌈(ln(1/λ)/g_− + extra_time)/lr⌉; test set."""
    xt, y = data.x1_data()
    g_pos, g_neg = cf.growth_rates(xt, y)
    lam_grid, seed_grid = np.meshgrid(np.asarray(lams_list, float), np.asarray(c["seeds"]), indexing="ij")
    lams, seeds = lam_grid.ravel(), seed_grid.ravel()
    W0, a0, signs = init_balanced(seeds, lams, c["m"], xt.shape[1], xt.shape[1], DTYPES[c["dtype"]])
    n_steps = np.ceil((np.log(1.0 / lams) / min(g_pos, g_neg) + c["extra_time"]) / c["lr"]).astype(np.int64)
    res = train_gd(xt, y, W0, a0, c["lr"], n_steps, [0], desc=desc)
    test_z = data.x1_test_set(numpy_rng(c["test_seed"], "orthogonal/x1_test"), c["test_points"])
    return _pack(res, xt=xt, y=y, seeds=seeds, lams=lams, signs=signs, W0=W0, a0=a0, dtype=c["dtype"],
                 test_z=test_z, h_star_test=cf.limit_interpolator(xt, y, test_z))


def run_x1(c: dict) -> dict:
    return _x1_set(c, c["lams"], "X1")


def run_x1c(c: dict) -> dict:
    return _x1_set(c, [c["lam"]], "X1-C")


EXPERIMENTS = {"e1": run_e1, "e1_lr": run_e1_lr, "e1s": run_e1s, "e2": run_e2, "e3": run_e3,
               "e4": run_e4, "x1": run_x1, "x1c": run_x1c}
