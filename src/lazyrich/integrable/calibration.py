"""IP-LLR first-step calibration (spec §1.7; authors' ``WarmupSwitchLR.calibrate_base_lr``).

1. Mock step: on a copy of theta_0, one SGD step on batch A with base rate 1 for every layer at the
   t = 0 exponents gives the *unit* effective updates dW_u^l (and dB_u^1).
2. Calibration pass on batch B, without gradients, layer by layer:
   layer 1 keeps k_1 = eta; for l = 2..L, u^l = dW_u^l z^{l-1}, r_l = 1 / mean|u^l|, k_l = min(r_l, cap),
   z^l = sigma(W_0^l z^{l-1} + r_l u^l) (uncapped r_l as in the code, IP-Q2; ``propagate="capped"`` uses k_l);
   output: k_{L+1} = min(s_out / mean|u^{L+1}|, cap).
3. The real first step then uses k_l m^{-c_l(0)} (effective k_l m^{-e_l(0)}).

Variants: ``mode="code"`` (default, IP-D3), ``"paper"`` (output not calibrated, k_{L+1} = eta),
``"none"`` (k_l = eta everywhere). Only runs whose table says ``calibrated`` (IP-LLR) are changed.
"""

from __future__ import annotations

import torch

CALIBRATION_MODES = ("code", "paper", "none")


@torch.no_grad()
def _unit_updates(net, xa, ya):
    _, _, _, gW, gB = net.loss_and_grads(xa, ya)
    saved_k0 = net.k0.clone()
    net.k0.fill_(1.0)
    lw, lb = net.rates(0)
    net.k0.copy_(saved_k0)
    dW = [-net.here(lw[:, l])[:, None, None] * gW[l] for l in range(net.L + 1)]
    dB1 = -net.here(lb[:, 0])[:, None] * gB[0]
    return dW, dB1


@torch.no_grad()
def calibrate(net, xa, ya, xb, *, mode: str = "code", cap: float = 500.0, s_out: float = 0.1,
              propagate: str = "uncapped") -> dict:
    """Set ``net.k0`` for the calibrated runs of ``net``; returns k [R, L+1] and the cap flags."""
    if mode not in CALIBRATION_MODES:
        raise ValueError(f"calibration mode '{mode}' not allowed: {list(CALIBRATION_MODES)}")
    if propagate not in ("uncapped", "capped"):
        raise ValueError(f"calibration propagate '{propagate}' not allowed: ['uncapped', 'capped']")
    eta, L = float(net.eta), net.L
    k = torch.full((net.R, L + 1), eta, dtype=torch.float64)
    capped = torch.zeros((net.R, L + 1), dtype=torch.bool)
    if mode != "none":
        dW, dB1 = _unit_updates(net, xa, ya)
        z = net.activate(torch.matmul(xb, net.W[0].transpose(1, 2)) + net.B[0][:, None, :]
                         + eta * (torch.matmul(xb, dW[0].transpose(1, 2)) + dB1[:, None, :]))
        for l in range(1, L + 1):
            u = torch.matmul(z, dW[l].transpose(1, 2))
            mean_abs = u.abs().mean(dim=(1, 2)).double().cpu()  # k and the cap flags live on the CPU
            target = 1.0 if l < L else s_out
            r = target / mean_abs
            if l == L and mode == "paper":
                k[:, l] = eta
                break
            k[:, l] = torch.clamp(r, max=cap)
            capped[:, l] = r > cap
            if l < L:
                factor = r if propagate == "uncapped" else k[:, l]
                z = net.activate(torch.matmul(z, net.W[l].transpose(1, 2))
                                 + net.here(factor)[:, None, None] * u)
    is_cal = torch.tensor([tab.calibrated for tab in net.tables])
    net.k0[is_cal] = k[is_cal]
    capped[~is_cal] = False
    return {"k": net.k0.clone(), "capped": capped}
