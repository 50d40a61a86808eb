"""IP-E6: training-free and one-step checks (exponent tables, one-step switch, Proposition 15).

CLI: ``python -m lazyrich.integrable.checks --config CFG --data PREPARED_MNIST.npz --out checks.json``
"""

from __future__ import annotations

import argparse
import math

import torch

from lazyrich.config import load_section
from lazyrich.integrable.datasets import batch_indices, load_prepared
from lazyrich.integrable.exponents import MODELS, abc_to_ac, authors_abc, exponent_table
from lazyrich.integrable.hybrid import prop15_relative_errors
from lazyrich.integrable.network import IPEnsemble, RunSpec
from lazyrich.integrable.runtime import setup_torch
from lazyrich.integrable.spec_tables import DEPTHS, L6_INSTANCE, spec_effective_rows, spec_rows
from lazyrich.io import save_json


def exponent_mismatches(depths=DEPTHS) -> list[str]:
    """Every difference between the implementation and the spec's tables (empty list: all equal)."""
    bad = []
    for L in depths:
        for model in MODELS:
            tab = exponent_table(model, L)
            spec = spec_rows(model, L)
            impl = {"a": tab.a, "c0": tab.c0, "c1": tab.c1, "eps0": tab.eps0, "eps1": tab.eps1,
                    "e0": tab.e(0), "e1": tab.e(1)}
            for key, want in spec.items():
                if impl[key] != want:
                    bad.append(f"L={L} {model} {key}: implementation {impl[key]} != spec {want}")
            for key, want in spec_effective_rows(model, L).items():
                if impl[key] != want:
                    bad.append(f"L={L} {model} {key} (effective table): {impl[key]} != spec {want}")
            abar, b, cbar0, cbar1 = authors_abc(model, L)
            for t, cbar in ((0, cbar0), (1, cbar1)):
                a, c = abc_to_ac(abar, b, cbar)
                if a != tab.a or c != (tab.c0 if t == 0 else tab.c1):
                    bad.append(f"L={L} {model} t={t}: abc mapping gives a={a}, c={c}")
        if exponent_table("naive_ip", L).e(1) != exponent_table("mup", L).e(1):
            bad.append(f"L={L}: Naive-IP and muP effective rates differ")
    six = {"a_ip": exponent_table("naive_ip", 6).a, "a_mup": exponent_table("mup", 6).a,
           "c_naive": exponent_table("naive_ip", 6).c1, "c_ipllr_t0": exponent_table("ipllr", 6).c0,
           "c_ipbias_t0": exponent_table("ip_bias", 6).c0, "eps_ipbias_t0": exponent_table("ip_bias", 6).eps0,
           "eps_ipbias_t1": exponent_table("ip_bias", 6).eps1}
    for key, want in L6_INSTANCE.items():
        if tuple(float(x) for x in six[key]) != tuple(float(x) for x in want):
            bad.append(f"L=6 numeric instance {key}: {six[key]} != {want}")
    return bad


def switch_mismatches(L: int = 6, m: int = 16, eta: float = 0.01) -> list[str]:
    """Run 3 real SGD steps of a tiny ensemble; the rates used must be the t=0 table for exactly one step."""
    bad = []
    specs = [RunSpec(model, "relu", 0) for model in MODELS]
    net = IPEnsemble(specs, L, m, 5, seed=0, dataset="switch-check", eta=eta, dtype=torch.float64)
    x = torch.randn(4, 5, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    y = torch.tensor([0, 1, 2, 3])
    for step in range(3):
        W0 = [w.clone() for w in net.W]
        _, _, _, gW, _ = net.loss_and_grads(x, y)
        net.sgd_step(x, y)
        for r, spec in enumerate(specs):
            tab = exponent_table(spec.model, L)
            for l in range(L + 1):
                g = gW[l][r]
                if float(g.abs().max()) == 0.0:
                    continue
                used = float(((W0[l][r] - net.W[l][r]) * g).sum() / (g * g).sum())
                want = eta * m ** (-float(tab.e(step)[l]))
                if not math.isclose(used, want, rel_tol=1e-9):
                    bad.append(f"{spec.model} step {step} layer {l + 1}: rate {used:.6g} != {want:.6g}")
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--data", required=True, help="prepared MNIST npz")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    setup_torch(cfg)
    ident = cfg["identity"]
    data = load_prepared(args.data)
    x = torch.from_numpy(data["x_train"]).double()
    y = torch.from_numpy(data["y_train"])
    B, steps = ident["batch_size"], ident["steps"]
    batches = [(x[torch.from_numpy(i)], y[torch.from_numpy(i)])
               for i in batch_indices(cfg["seed"], "mnist/identity", x.shape[0], B, steps + 1)]
    x_held = torch.from_numpy(data["x_test"][: ident["n_heldout"]]).double()
    cal_batches = (batches[0][0], batches[0][1], batches[1][0])
    cal = {k: cfg["calibration"][k] for k in ("mode", "cap", "s_out", "propagate")}
    common = dict(L=cfg["architecture"]["L"], m=ident["width"], seed=cfg["seed"], dataset="mnist/identity",
                  eta=ident["eta"], cal_batches=cal_batches)
    result = {
        "exponent_mismatches": exponent_mismatches(),
        "switch_mismatches": switch_mismatches(),
        "prop15_uncalibrated": prop15_relative_errors(batches, x_held, activation="relu", calibration=None, **common),
        "prop15_calibrated": prop15_relative_errors(batches, x_held, activation="relu", calibration=cal, **common),
        "prop15_tanh_control": prop15_relative_errors(batches, x_held, activation="tanh", calibration=None, **common),
        "settings": {"width": ident["width"], "batch_size": B, "steps_after_step0": steps,
                     "n_heldout": int(x_held.shape[0]), "eta": ident["eta"], "L": cfg["architecture"]["L"],
                     "dtype": "float64"},
    }
    save_json(args.out, result)


if __name__ == "__main__":
    main()
