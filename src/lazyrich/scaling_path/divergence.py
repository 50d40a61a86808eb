"""Debiased unbalanced Sinkhorn divergence with the Hellinger-Kantorovich cost (spec §1.7, SP-D4-D6).

The Sinkhorn iterations are GeomLoss's (``geomloss`` 0.3.1, the library the paper names): we call its
tensorized routines ``sinkhorn_loop`` / ``sinkhorn_cost`` / ``epsilon_schedule`` / ``max_diameter`` -- exactly
what ``SamplesLoss("sinkhorn", p=2, blur, reach, debias=True, scaling, cost=hk_cost, backend="tensorized")``
runs -- but with the four cost matrices computed once per pair of supports and reused across calls (the VP
solver evaluates S thousands of times on the same atoms). ``tests/scaling_path/test_divergence.py`` checks
that both routes agree to rounding.

Why GeomLoss and not POT: the quantity the paper optimised and tabulated is GeomLoss's fixed-schedule
estimate (eps annealed from diameter^2 by scaling^2 per step down to blur^2, one symmetric update per
temperature), which differs a lot from the converged divergence on a fixed grid (SP-Q5). POT's unbalanced
Sinkhorn iterates to convergence and so computes a different number; it is not used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from geomloss import SamplesLoss
from geomloss._legacy.sinkhorn_divergence import (
    epsilon_schedule,
    log_weights,
    max_diameter,
    sinkhorn_cost,
    sinkhorn_loop,
)
from geomloss._legacy.sinkhorn_samples import softmin_tensorized

COS_FLOOR = math.exp(-50.0)  # cost +inf encoded as 100 (SP-D6)


@dataclass(frozen=True)
class SinkhornSettings:
    """GeomLoss arguments: eps = blur**2 (p = 2), rho = reach**2, annealing ratio ``scaling``."""

    blur: float = 0.01
    reach: float = 1.0
    scaling: float = 0.5

    @property
    def eps(self) -> float:
        return self.blur ** 2

    @property
    def rho(self) -> float:
        return self.reach ** 2

    @classmethod
    def from_config(cls, cfg: dict) -> "SinkhornSettings":
        return cls(blur=float(cfg["blur"]), reach=float(cfg["reach"]), scaling=float(cfg["scaling"]))


def hk_cost(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """HK cost -2 log(max(x.y, e^-50)) between unit vectors; (B,N,D), (B,M,D) -> (B,N,M)."""
    return -2.0 * torch.log(torch.clamp(x @ y.transpose(-1, -2), min=COS_FLOOR))


def samples_loss(settings: SinkhornSettings) -> SamplesLoss:
    """The GeomLoss module of SP-D4/D5 (used as the reference in tests; called as loss(a, X, b, Y))."""
    return SamplesLoss(
        "sinkhorn", p=2, blur=settings.blur, reach=settings.reach, debias=True, scaling=settings.scaling,
        cost=hk_cost, backend="tensorized",
    )


def _as_tensor(values, dtype=torch.float64, device="cpu") -> torch.Tensor:
    if isinstance(values, torch.Tensor):
        return values.to(dtype=dtype, device=device)
    return torch.as_tensor(np.asarray(values), dtype=dtype, device=device)


class SinkhornDivergence:
    """S(a, b) for weights ``a`` on fixed atoms X [N,4] and ``b`` on fixed atoms Y [M,4], batched over rows.

    Cost matrices, diameter and the temperature schedule depend only on the atoms and are built once.
    Weights are given as [B, N] / [B, M] (or 1-D for B = 1); the cost matrices are broadcast over B.
    ``device``: where the cost matrices live and the Sinkhorn loop runs (float64 there too); weights may come from
    anywhere and are moved to it, and results come back on the CPU.
    """

    def __init__(self, x_atoms, y_atoms, settings: SinkhornSettings, device: "str | torch.device" = "cpu"):
        self.settings = settings
        self.device = torch.device(device)
        x = _as_tensor(x_atoms, device=self.device)[None]
        y = _as_tensor(y_atoms, device=self.device)[None]
        self.same_support = x.shape == y.shape and bool(torch.equal(x, y))
        self.c_xy = hk_cost(x, y)
        self.c_yx = self.c_xy.transpose(1, 2).contiguous() if not self.same_support else self.c_xy
        self.c_xx = self.c_xy if self.same_support else hk_cost(x, x)
        self.c_yy = self.c_xy if self.same_support else hk_cost(y, y)
        self.diameter = max_diameter(x[0], y[0])
        self.eps_list = epsilon_schedule(2, self.diameter, settings.blur, settings.scaling)

    @property
    def n_updates(self) -> int:
        """Number of symmetric Sinkhorn updates of the annealing schedule (before the final one)."""
        return len(self.eps_list)

    def _potentials(self, a: torch.Tensor, b: torch.Tensor):
        batch = a.shape[0]
        expand = lambda c: c.expand(batch, -1, -1)  # noqa: E731 (no copy)
        grad_mode = torch.is_grad_enabled()
        try:
            return sinkhorn_loop(
                softmin_tensorized, log_weights(a.detach()), log_weights(b.detach()),
                expand(self.c_xx), expand(self.c_yy), expand(self.c_xy), expand(self.c_yx),
                self.eps_list, self.settings.rho, debias=True,
            )
        finally:  # sinkhorn_loop toggles the global grad mode; restore the caller's
            torch.set_grad_enabled(grad_mode)

    def value(self, a, b) -> torch.Tensor:
        """S(a_r, b_r) for every row r, shape [B]."""
        a, b = self._batched(a, b)
        with torch.no_grad():
            f_aa, g_bb, g_ab, f_ba = self._potentials(a, b)
            value = sinkhorn_cost(self.settings.eps, self.settings.rho, a, b, f_aa, g_bb, g_ab, f_ba, batch=True)
        return value.cpu()

    def value_and_grad(self, a, b) -> tuple[torch.Tensor, torch.Tensor]:
        """S(a_r, b_r) [B] and its GeomLoss autograd gradient with respect to ``a`` [B, N].

        GeomLoss detaches the potentials, so the gradient is (rho + eps/2)(exp(-f_aa/rho) - exp(-f_ba/rho))
        (the factor rho + eps/2 instead of rho + eps is GeomLoss's behaviour under autograd, SP-Q7).
        """
        a, b = self._batched(a, b)
        a = a.detach().clone().requires_grad_(True)
        with torch.enable_grad():
            f_aa, g_bb, g_ab, f_ba = self._potentials(a, b)
            value = sinkhorn_cost(self.settings.eps, self.settings.rho, a, b, f_aa, g_bb, g_ab, f_ba, batch=True)
            (grad,) = torch.autograd.grad(value.sum(), a)
        return value.detach().cpu(), grad.cpu()

    def _batched(self, a, b):
        a, b = _as_tensor(a, device=self.device), _as_tensor(b, device=self.device)
        if a.ndim == 1:
            a = a[None]
        if b.ndim == 1:
            b = b[None]
        if a.shape[0] != b.shape[0]:
            if a.shape[0] == 1:
                a = a.expand(b.shape[0], -1)
            elif b.shape[0] == 1:
                b = b.expand(a.shape[0], -1)
            else:
                raise ValueError(f"batch sizes differ: {a.shape[0]} vs {b.shape[0]}")
        for name, w in (("a", a), ("b", b)):
            if bool((w < 0).any()) or bool((w.sum(1) <= 0).any()):
                # GeomLoss's log-domain loop returns nan for an all-zero measure; HK^2(mu, 0) = mass(mu) is
                # the alpha = 0 endpoint, which the package computes by the linear program instead
                raise ValueError(f"weights '{name}' must be nonnegative with positive total mass in every row")
        return a, b


def scaled_value(value, alpha: float):
    """The reported (1 + alpha^2) S (Table 2, spec §1.6)."""
    return (1.0 + alpha * alpha) * value
