"""E4: gradient descent from beta * P for every beta of the config, batched (float64).

python -m lazyrich.scaling_path.run_gd --config CFG --out results/P/scaling_path/gd.npz
"""

from __future__ import annotations

import time

import numpy as np

from lazyrich.io import save_npz
from lazyrich.scaling_path.features import evaluate_network
from lazyrich.scaling_path.gd import GDSettings, train_gd
from lazyrich.scaling_path.problem import build_problem, load_config, log, parse_args


def main(argv=None) -> None:
    args = parse_args("scaling path gradient descent (E4)", argv)
    cfg = load_config(args.config)
    prob = build_problem(cfg)
    betas = np.asarray(sorted(cfg["betas"]), dtype=np.float64)
    t0 = time.perf_counter()
    res = train_gd(prob.P, betas, prob.X, prob.y, GDSettings.from_config(cfg["gd"]), device=prob.device)
    seconds = time.perf_counter() - t0
    for b, it, loss, mass in zip(betas, res.iterations, res.loss, res.mass):
        log(f"beta = {b:g}: {it} iterations, loss {loss:.2e}, mass {mass:.4f}")
    f_grid = np.stack([evaluate_network(th, prob.points) for th in res.theta])
    save_npz(args.out, betas=betas, theta=res.theta, loss=res.loss, iterations=res.iterations,
             reached_cap=res.reached_cap, mass=res.mass, log_steps=res.log_steps, log_loss=res.log_loss,
             log_eta=res.log_eta, f_grid=f_grid, seconds=seconds)


if __name__ == "__main__":
    main()
