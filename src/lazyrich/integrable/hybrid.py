"""Proposition 15: at finite width, IP-LLR equals the muP hybrid HP of spec §1.11 (ReLU, bias in layer 1).

HP starts from the muP effective weights of the *same* learnable draws, takes one muP step whose output
gradient is replaced by IP-LLR's own output gradient at step 0 (softmax(f^IP_0) - onehot) / B, with the
same first-step base rates k_l as IP-LLR, then resets every intermediate layer to m^{-1} w^l(0) + dW^l_muP(0)
and trains with muP rates. The two runs must then give the same outputs at every later step (exactly for
ReLU; not for tanh, the negative control IP-C4).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from lazyrich.integrable.calibration import calibrate
from lazyrich.integrable.network import IPEnsemble, RunSpec


def _max_rel(f_hp: torch.Tensor, f_ip: torch.Tensor) -> float:
    return float((f_hp - f_ip).abs().max() / f_ip.abs().max())


def prop15_relative_errors(batches, x_held, *, activation: str, L: int, m: int, seed: int, dataset: str,
                           eta: float, calibration: dict | None, cal_batches=None,
                           dtype=torch.float64) -> dict:
    """Run IP-LLR and HP on the same batches; relative output gap on ``x_held`` after every step t >= 1.

    ``batches``: list of (x, y); step 0 uses batches[0]. ``calibration``: None (k_l = eta) or the config
    of :func:`calibrate` (mode, cap, s_out, propagate) with ``cal_batches`` = (xa, ya, xb).
    """
    d = x_held.shape[1]
    ip = IPEnsemble([RunSpec("ipllr", activation, 0)], L, m, d, seed=seed, dataset=dataset, eta=eta, dtype=dtype)
    hp = IPEnsemble([RunSpec("mup", activation, 0)], L, m, d, seed=seed, dataset=dataset, eta=eta, dtype=dtype)
    if calibration is not None:
        xa, ya, xb = cal_batches
        calibrate(ip, xa, ya, xb, **calibration)
    hp.k0 = ip.k0.clone()  # the same first-step base rates multiply both first steps

    # step 0: IP-LLR's own step, and HP's muP step driven by IP-LLR's output gradient
    x0, y0 = batches[0]
    _, _, f_ip0, gW, gB = ip.loss_and_grads(x0, y0)
    lw, lb = ip.rates(0)
    ip.apply_update(gW, gB, lw, lb)
    ip.t = 1
    grad_out = (F.softmax(f_ip0, dim=2) - F.one_hot(y0, hp.K).to(dtype)[None]) / x0.shape[0]
    _, _, _, hgW, hgB = hp.loss_and_grads(x0, y0, grad_output=grad_out)
    hlw, hlb = hp.rates(0)
    with torch.no_grad():
        for l in range(L + 1):
            dW = -hlw[:, l].to(dtype)[:, None, None] * hgW[l]
            if 0 < l < L:  # reset: m^{-1} w^l(0) + dW; the muP init is m^{-1/2} w^l(0)
                hp.W[l] = m ** -0.5 * hp.W[l] + dW
            else:
                hp.W[l] = hp.W[l] + dW
            hp.B[l] = hp.B[l] - hlb[:, l].to(dtype)[:, None] * hgB[l]
    hp.t = 1

    errors = []
    with torch.no_grad():
        errors.append(_max_rel(hp.forward(x_held), ip.forward(x_held)))
    for x, y in batches[1:]:
        ip.sgd_step(x, y)
        hp.sgd_step(x, y)
        with torch.no_grad():
            errors.append(_max_rel(hp.forward(x_held), ip.forward(x_held)))
    return {"rel_err": errors, "max_rel_err": max(errors), "k": ip.k0[0].tolist()}
