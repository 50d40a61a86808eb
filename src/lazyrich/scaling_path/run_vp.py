"""E2: the VP scaling path on P for every alpha of the config (increasing, warm-started).

python -m lazyrich.scaling_path.run_vp --config CFG --endpoints endpoints.npz --out results/P/scaling_path/vp.npz
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from lazyrich.io import load_npz, save_npz
from lazyrich.progress import progress
from lazyrich.scaling_path.divergence import SinkhornDivergence
from lazyrich.scaling_path.features import evaluate_measure
from lazyrich.scaling_path.problem import build_problem, load_config, log
from lazyrich.scaling_path.vp import VPSettings, solve_path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="scaling path VP solves (E2)")
    parser.add_argument("--config", required=True)
    parser.add_argument("--endpoints", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    cfg = load_config(args.config)
    prob = build_problem(cfg)
    ends = load_npz(args.endpoints)
    alphas = sorted(float(a) for a in cfg["alphas"])
    settings = VPSettings.from_config(cfg["vp"])
    divergence = SinkhornDivergence(prob.P, prob.P, prob.sinkhorn, device=prob.device)
    log(f"VP on P: {len(prob.P)} atoms, alphas {alphas}, {divergence.n_updates} Sinkhorn updates per evaluation, "
        f"at most {settings.max_iter} FB iterations per alpha")
    # cost estimate before the heavy work: one timed S + gradient evaluation x expected evaluations
    t_eval = time.perf_counter()
    divergence.value_and_grad(prob.mu0, prob.mu0)
    t_eval = time.perf_counter() - t_eval
    log(f"cost estimate: one S+gradient evaluation takes {t_eval:.2f} s; at most "
        f"{len(alphas)} alphas x ~1.3 x {settings.max_iter} evaluations = "
        f"{len(alphas) * 1.3 * settings.max_iter * t_eval / 60:.1f} min (typically 20-60% of that)")
    t0 = time.perf_counter()
    bar = progress(total=len(alphas), desc="VP alphas")

    def on_result(row):
        log(f"alpha = {row['alpha']:g}: V = {row['V']:.4f}, {row['iterations']} iterations, "
            f"{row['evaluations']} S evaluations ({row['reason']}), stationarity {row['stationarity']:.1e}, "
            f"best iterate {row['best_iteration']}, "
            f"|A mu - y| = {row['interp_err']:.1e}, "
            f"{time.perf_counter() - t0:.0f} s")
        bar.update(1)

    rows = solve_path(divergence, prob.A, prob.y, prob.mu0, ends["lp_weights"], alphas, settings, on_result=on_result)
    bar.close()
    seconds = time.perf_counter() - t0
    longest = max(len(r["history"]) for r in rows)
    history = np.full((len(rows), longest), np.nan)
    for i, r in enumerate(rows):
        history[i, :len(r["history"])] = r["history"]
    f_grid = np.stack([evaluate_measure(prob.P, r["mu"], prob.points) for r in rows])
    save_npz(
        args.out, alphas=np.asarray(alphas), mu=np.stack([r["mu"] for r in rows]),
        S=np.asarray([r["S"] for r in rows]), V=np.asarray([r["V"] for r in rows]),
        interp_err=np.asarray([r["interp_err"] for r in rows]), iterations=np.asarray([r["iterations"] for r in rows]),
        evaluations=np.asarray([r["evaluations"] for r in rows]), converged=np.asarray([r["converged"] for r in rows]),
        reasons=np.asarray([r["reason"] for r in rows]),
        stationarity=np.asarray([r["stationarity"] for r in rows]),
        best_iteration=np.asarray([r["best_iteration"] for r in rows]), history=history, f_grid=f_grid, seconds=seconds,
        floor=settings.floor,
    )


if __name__ == "__main__":
    main()
