"""E1 (endpoints: LP at alpha = 0 on P and Q, NTK at alpha = infinity) and S5 (exact-HK dual lower bound).

python -m lazyrich.scaling_path.run_endpoints --config CFG --out results/P/scaling_path/endpoints.npz
"""

from __future__ import annotations

import time

import numpy as np

from lazyrich.io import save_npz
from lazyrich.scaling_path.endpoints import lp_endpoint, ntk_endpoint, ntk_function
from lazyrich.scaling_path.exact_hk import exact_hk_value, squared_cosines
from lazyrich.scaling_path.features import evaluate_measure, feature_matrix
from lazyrich.scaling_path.grids import support_q
from lazyrich.scaling_path.problem import build_problem, load_config, log, parse_args


def main(argv=None) -> None:
    args = parse_args("scaling path endpoints (E1) and exact-HK diagnostic (S5)", argv)
    cfg = load_config(args.config)
    prob = build_problem(cfg)
    t0 = time.perf_counter()
    lp = lp_endpoint(prob.A, prob.y)
    log(f"LP on P ({len(prob.P)} atoms): tau0 = {lp.value:.4f}, {(lp.weights > 1e-8).sum()} active atoms")
    lp_q_value = np.nan
    if cfg["lp_on_q"]:
        lp_q_value = lp_endpoint(feature_matrix(support_q(int(cfg["lattice_n"])), prob.X), prob.y).value
        log(f"LP on Q: {lp_q_value:.4f}")
    ntk = ntk_endpoint(prob.P, prob.X, prob.y)
    log(f"NTK: kappa = {ntk.value:.4f}")
    f0 = evaluate_measure(prob.P, lp.weights, prob.points)
    finf = ntk_function(prob.P, prob.X, ntk.coef, prob.points)
    exact_alphas = np.asarray(cfg["exact_hk_alphas"], dtype=np.float64)
    cos2 = squared_cosines(prob.P) if len(exact_alphas) else None
    exact_values = []
    for alpha in exact_alphas:
        res = exact_hk_value(prob.A, prob.y, prob.P, alpha ** 2 * prob.mu0, alpha, cos2=cos2)
        exact_values.append(res["value"])
        log(f"exact-HK dual lower bound at alpha = {alpha:g}: {res['value']:.2f}")
    save_npz(
        args.out, lattice_n=int(cfg["lattice_n"]), tau0=lp.value, lp_weights=lp.weights, lp_q_value=lp_q_value,
        lp_interp_err=float(np.max(np.abs(prob.A @ lp.weights - prob.y))),
        kappa=ntk.value, gram=ntk.gram, ntk_coef=ntk.coef, f0=f0, finf=finf, grid_axis=prob.axis,
        smoothness_step=int(cfg["smoothness_step"]),
        exact_alphas=exact_alphas, exact_values=np.asarray(exact_values), seconds=time.perf_counter() - t0,
    )


if __name__ == "__main__":
    main()
