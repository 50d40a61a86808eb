"""IP-E3 (beyond the paper): output scale at initialisation and first-step update scale vs width.

Panel (a): R(m) = sqrt(mean f_0^2) over inits, inputs and logits for Naive-IP (every centered IP), muP and
the NTK extra baseline; for Naive-IP with ReLU also R_l(m) = sqrt(mean (h^l_0)^2), l = 1..L.
Panel (b): U_l(m) = mean |dW^l x^{l-1}_1 (+ dB^1 for l = 1)| on batch B after one step on batch A, for
IP-LLR uncalibrated and Naive-IP, both at eta = 1; median over inits.
All in float64 (IP-D17).
"""

from __future__ import annotations

import math

import numpy as np
import torch

from lazyrich.integrable.aggregate import loglog_slope  # noqa: F401 (numpy-only, lives in aggregate)
from lazyrich.integrable.exponents import exponent_table, init_std
from lazyrich.integrable.network import ACTIVATION_FNS, IPEnsemble, RunSpec, init_stream
from lazyrich.seeding import torch_generator


def centered_coefficients(model: str, activation: str, L: int, m: int, d: int) -> list[float]:
    """W^l = coef_l * Z^l for a centered model (u = 0) with standard normal Z: m^{-a_l} times the init std."""
    tab = exponent_table(model, L)
    if tab.u:
        raise ValueError(f"{model} is not centered")
    delta = init_std(activation)
    std = [delta / math.sqrt(d + 1)] + [delta] * (L - 1) + [1.0]
    return [m ** (-float(tab.a[l])) * std[l] for l in range(L + 1)]


@torch.no_grad()
def shared_draw_forward(x, z, zb1, coef, deltas, act_fns):
    """Forward of R centered runs that share one standard-normal draw (z, zb1): every run's effective weight
    is coef[r, l] * Z^l, so each layer is one matmul of the stacked runs with Z^l (no per-run weights)."""
    R = coef.shape[0]
    h = coef[:, 0, None, None] * torch.matmul(x, z[0].T)[None] + (deltas[:, None] * zb1[None])[:, None, :]
    hs = [h]
    for l in range(1, len(z)):
        a = torch.cat([fn(h[r:r + 1]) for r, fn in enumerate(act_fns)], dim=0)
        h = coef[:, l, None, None] * torch.matmul(a, z[l].T)
        hs.append(h)
    return h, hs[:-1]


@torch.no_grad()
def init_scales(x: torch.Tensor, *, widths, activations: list, models: list, n_inits: int, L: int, seed: int,
                dataset: str = "mnist", progress=None) -> dict:
    """R[model, activation, width] and, for Naive-IP with ReLU, R_l[layer, width] (float64).

    Every init's learnable draw is shared by the models and activations (scaled by delta and m^{-a}), with
    the same streams as :class:`IPEnsemble` (``share_draws_across_activations``)."""
    R = np.zeros((len(models), len(activations), len(widths)))
    R_layers = np.full((L, len(widths)), np.nan)
    d = x.shape[1]
    runs = [(mod, act) for mod in models for act in activations]
    act_fns = [ACTIVATION_FNS[act] for _, act in runs]
    deltas = torch.tensor([init_std(act) for _, act in runs], dtype=torch.float64)
    ref = runs.index(("naive_ip", "relu")) if ("naive_ip", "relu") in runs else None
    for iw, m in enumerate(widths):
        coef = torch.tensor([centered_coefficients(mod, act, L, m, d) for mod, act in runs], dtype=torch.float64)
        shapes = [(m, d)] + [(m, m)] * (L - 1) + [(10, m)]
        sq = np.zeros(len(runs))
        sq_l = np.zeros(L)
        for trial in range(n_inits):
            z = [torch.randn(s, generator=torch_generator(seed, init_stream(f"{dataset}/scales", "any", trial, l + 1, "w")),
                             dtype=torch.float64) for l, s in enumerate(shapes)]
            zb1 = torch.randn((m,), generator=torch_generator(seed, init_stream(f"{dataset}/scales", "any", trial, 1, "b")),
                              dtype=torch.float64)
            f, hs = shared_draw_forward(x, z, zb1, coef, deltas, act_fns)
            sq += (f ** 2).mean(dim=(1, 2)).numpy()
            if ref is not None:
                sq_l += np.array([(h[ref] ** 2).mean().item() for h in hs])
        for i, (mod, act) in enumerate(runs):
            R[models.index(mod), activations.index(act), iw] = np.sqrt(sq[i] / n_inits)
        R_layers[:, iw] = np.sqrt(sq_l / n_inits)
        if progress is not None:
            progress(f"init scales m={m} done")
    return {"R": R, "R_layers": R_layers}


def first_step_contributions(xa, ya, xb, *, widths, activations, n_inits: int, L: int, seed: int,
                             dataset: str = "mnist", eta: float = 1.0, progress=None) -> dict:
    """U[model, activation, width, init, layer] for models (ipllr uncalibrated, naive_ip) at rate eta."""
    models = ("ipllr", "naive_ip")
    U = np.zeros((len(models), len(activations), len(widths), n_inits, L + 1))
    d = xa.shape[1]
    for iw, m in enumerate(widths):
        for ia, act in enumerate(activations):
            specs = [RunSpec(mod, act, t) for mod in models for t in range(n_inits)]
            net = IPEnsemble(specs, L, m, d, seed=seed, dataset=f"{dataset}/first_step", eta=eta,
                             dtype=torch.float64)
            _, _, _, gW, gB = net.loss_and_grads(xa, ya)
            lw, lb = net.rates(0)  # k0 = eta everywhere: uncalibrated
            dW = [-lw[:, l].double()[:, None, None] * gW[l] for l in range(L + 1)]
            dB1 = -lb[:, 0].double()[:, None] * gB[0]
            net.apply_update(gW, gB, lw, lb)
            with torch.no_grad():
                _, _, xs = net.forward(xb, keep_hidden=True)
                inputs = [xb] + xs  # x^{l-1}_1 of the updated network, x^0 = xi
                for l in range(L + 1):
                    u = torch.matmul(inputs[l], dW[l].transpose(1, 2))
                    if l == 0:
                        u = u + dB1[:, None, :]
                    vals = u.abs().mean(dim=(1, 2)).numpy()
                    for im in range(len(models)):
                        U[im, ia, iw, :, l] = vals[im * n_inits:(im + 1) * n_inits]
            if progress is not None:
                progress(f"first-step contributions m={m} {act}")
    return {"U": U, "U_models": np.array(models)}
