"""E5: cross-evaluation V_GD(alpha, beta) = (1 + alpha^2) S(nu*_beta, alpha^2 mu0_hat) for all (alpha, beta).

Writes an npz (V_gd [beta, alpha], V_vp [alpha]) and the CSV of the spec (rows beta, columns alpha, first
row "VP"). For each beta the alphas are evaluated as one batch (the supports are shared, only the reference
weights change).

python -m lazyrich.scaling_path.run_cross --config CFG --gd gd.npz --vp vp.npz --out cross.npz --csv cross.csv
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from lazyrich.io import load_npz, save_csv, save_npz
from lazyrich.progress import progress
from lazyrich.scaling_path.divergence import SinkhornDivergence
from lazyrich.scaling_path.features import network_to_measure
from lazyrich.scaling_path.problem import build_problem, load_config, log


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="scaling path cross-evaluation (E5)")
    for name in ("--config", "--gd", "--vp", "--out", "--csv"):
        parser.add_argument(name, required=True)
    args = parser.parse_args(argv)
    cfg = load_config(args.config)
    prob = build_problem(cfg)
    gd, vp = load_npz(args.gd), load_npz(args.vp)
    alphas, betas = vp["alphas"], gd["betas"]
    batch = int(cfg["cross_batch"])
    t0 = time.perf_counter()
    values = np.empty((len(betas), len(alphas)))
    for i in progress(range(len(betas)), desc="cross-evaluation (betas)"):
        atoms, weights = network_to_measure(gd["theta"][i])
        divergence = SinkhornDivergence(atoms, prob.P, prob.sinkhorn, device=prob.device)
        for start in range(0, len(alphas), batch):
            chunk = alphas[start:start + batch]
            refs = np.stack([a ** 2 * prob.mu0 for a in chunk])
            s = divergence.value(weights, refs).numpy()
            values[i, start:start + batch] = (1.0 + chunk ** 2) * s
        log(f"beta = {betas[i]:g}: V_GD = {np.array2string(values[i], precision=4)}")
    seconds = time.perf_counter() - t0
    save_npz(args.out, alphas=alphas, betas=betas, V_gd=values, V_vp=vp["V"], seconds=seconds)
    frame = pd.DataFrame(np.vstack([vp["V"][None], values]), columns=[f"{a:g}" for a in alphas])
    frame.insert(0, "beta", ["VP"] + [f"{b:g}" for b in betas])
    save_csv(args.csv, frame)


if __name__ == "__main__":
    main()
