"""One small model class for every ac-parameterization: a batched ensemble of fully connected nets.

The ensemble holds R independent runs (any mix of models, activations and trials with the same L, m, d)
as stacked *effective* weights W^l = m^{-a_l} w^l of shape [R, out, in] (spec IP-D2). All models are then
the same computation; they differ only through their exponent tables:

* the initial effective variances (m^{-2 a_l} times the width-free learnable variance),
* the effective learning rates eta_l(t) m^{-e_l(t)} with e = 2a + c (weights) and eps (biases),
* the one-step switch (t = 0 rates for exactly one step, then the t >= 1 rates).

Runs without a bias in a layer keep an all-zero bias with learning rate 0 there (only IP-bias has biases
beyond layer 1), so every run shares one set of tensors and one batched matmul per layer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from lazyrich.integrable.exponents import exponent_table, init_std
from lazyrich.seeding import torch_generator

ACTIVATION_FNS = {
    "relu": torch.relu,
    "gelu": lambda z: F.gelu(z, approximate="none"),
    "elu": lambda z: F.elu(z, alpha=1.0),
    "tanh": torch.tanh,
    "identity": lambda z: z,
}


@dataclass(frozen=True)
class RunSpec:
    """One run of an ensemble: model, activation, trial index (the trial decides the init draw)."""

    model: str
    activation: str
    trial: int


def init_stream(dataset: str, activation: str, trial: int, layer: int, kind: str) -> str:
    """Purpose string of one learnable init draw, shared by every model of a (dataset, activation, trial)."""
    return f"integrable/init/{dataset}/{activation}/trial{trial}/{kind}{layer}"


class IPEnsemble:
    """R fully connected networks h^1 = W^1 x + B^1, h^l = W^l sigma(h^{l-1}) (+ B^l), f = h^{L+1}."""

    def __init__(self, specs, L: int, m: int, d: int, K: int = 10, *, seed: int, dataset: str,
                 eta: float = 0.01, dtype=torch.float32, device="cpu", share_draws_across_activations=False):
        self.specs = list(specs)
        self.R, self.L, self.m, self.d, self.K = len(self.specs), L, m, d, K
        self.eta, self.dtype, self.device = eta, dtype, device
        self.tables = [exponent_table(s.model, L) for s in self.specs]
        self.t = 0  # number of SGD steps taken
        self._group_activations()
        self._init_parameters(seed, dataset, share_draws_across_activations)
        # base rates of the first step (IP-LLR: calibrated k_l, set by calibration.calibrate)
        self.k0 = torch.full((self.R, L + 1), float(eta), dtype=torch.float64)

    # ------------------------------------------------------------------ construction
    def _group_activations(self):
        groups, start = [], 0
        for i in range(1, self.R + 1):
            if i == self.R or self.specs[i].activation != self.specs[start].activation:
                groups.append((slice(start, i), ACTIVATION_FNS[self.specs[start].activation]))
                start = i
        self.act_groups = groups

    def _draw(self, gen, shape):
        return torch.randn(shape, generator=gen, dtype=torch.float64)

    def _init_parameters(self, seed, dataset, share_acts=False):
        L, m, d, K = self.L, self.m, self.d, self.K
        shapes = [(m, d)] + [(m, m)] * (L - 1) + [(K, m)]
        W = [torch.empty((self.R,) + s, dtype=torch.float64) for s in shapes]
        B = [torch.zeros((self.R, s[0]), dtype=torch.float64) for s in shapes]
        cache = {}
        for r, (spec, tab) in enumerate(zip(self.specs, self.tables)):
            delta = init_std(spec.activation)
            # standard normal draws shared by every model of a (activation, trial); with share_acts
            # (width sweeps of IP-E3 only) also shared by the activations of a trial
            key = ("any" if share_acts else spec.activation, spec.trial)
            if key not in cache:
                z = []
                for l, s in enumerate(shapes):
                    gen = torch_generator(seed, init_stream(dataset, key[0], spec.trial, l + 1, "w"))
                    z.append(self._draw(gen, s))
                gen = torch_generator(seed, init_stream(dataset, key[0], spec.trial, 1, "b"))
                zb1 = self._draw(gen, (m,))
                cache[key] = (z, zb1)
            z, zb1 = cache[key]
            for l in range(L + 1):  # W^l = m^{-a_l} (u + std_l z), written in place (no temporaries)
                scale = m ** (-float(tab.a[l]))
                std = delta / math.sqrt(d + 1) if l == 0 else (delta if l < L else 1.0)
                torch.mul(z[l], scale * std, out=W[l][r])
                if l > 0 and tab.u:
                    W[l][r].add_(scale * tab.u)
            torch.mul(zb1, delta, out=B[0][r])  # N(0, delta^2), authors' code (IP-D4)
            if spec.model == "ip_bias":  # unscaled biases in every layer, from their own stream
                for l in range(1, L + 1):
                    gen = torch_generator(seed, init_stream(dataset, spec.activation, spec.trial, l + 1, "ipbias"))
                    B[l][r] = (delta if l < L else 1.0) * self._draw(gen, (shapes[l][0],))
        self.W = [w.to(dtype=self.dtype, device=self.device) for w in W]
        self.B = [b.to(dtype=self.dtype, device=self.device) for b in B]
        self.has_bias = torch.tensor([[h for h in tab.has_bias()] for tab in self.tables])  # [R, L+1]

    # ------------------------------------------------------------------ learning rates
    def rates(self, t: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Effective learning rates at step t: weights [R, L+1] and biases [R, L+1] (0 where no bias)."""
        m = float(self.m)
        lw = torch.empty((self.R, self.L + 1), dtype=torch.float64)
        lb = torch.zeros((self.R, self.L + 1), dtype=torch.float64)
        for r, tab in enumerate(self.tables):
            base = self.k0[r] if t == 0 else torch.full((self.L + 1,), float(self.eta), dtype=torch.float64)
            for l, e in enumerate(tab.e(t)):
                lw[r, l] = base[l] * m ** (-float(e))
            for l, e in enumerate(tab.eps(t)):
                if e is None:
                    continue
                # the layer-1 bias follows the layer-1 weights (base k_1 at t = 0); the extra biases of
                # IP-bias use eta (IP-bias is not calibrated, authors' code CALIBRATE_BASE_LR = False)
                lb[r, l] = (base[0] if l == 0 else float(self.eta)) * m ** (-float(e))
        return lw, lb

    # ------------------------------------------------------------------ forward / backward
    def activate(self, h: torch.Tensor) -> torch.Tensor:
        if len(self.act_groups) == 1:
            return self.act_groups[0][1](h)
        return torch.cat([fn(h[sl]) for sl, fn in self.act_groups], dim=0)

    def forward(self, x: torch.Tensor, W=None, B=None, keep_hidden: bool = False):
        """Logits [R, n, K] for inputs x [n, d] (shared) or [R, n, d]; optionally the lists h^l, x^l."""
        W = self.W if W is None else W
        B = self.B if B is None else B
        hs, xs = [], []
        z = x
        for l in range(self.L + 1):
            h = torch.matmul(z, W[l].transpose(1, 2)) + B[l][:, None, :]
            if l == self.L:
                return (h, hs, xs) if keep_hidden else h
            z = self.activate(h)
            if keep_hidden:
                hs.append(h)
                xs.append(z)

    def loss_and_grads(self, x, y, grad_output=None):
        """Per-run mean cross-entropy, mean |f|, and gradients w.r.t. the effective weights and biases.

        ``grad_output`` [R, n, K] replaces dloss/df (used by the Proposition-15 hybrid).
        """
        with torch.enable_grad():
            return self._loss_and_grads(x, y, grad_output)

    def _loss_and_grads(self, x, y, grad_output):
        W = [w.detach().requires_grad_(True) for w in self.W]
        B = [b.detach().requires_grad_(True) for b in self.B]
        f = self.forward(x, W, B)
        n = f.shape[1]
        losses = F.cross_entropy(f.reshape(-1, self.K), y.repeat(self.R) if y.dim() == 1 else y.reshape(-1),
                                 reduction="none").reshape(self.R, n).mean(dim=1)
        if grad_output is None:
            grads = torch.autograd.grad(losses.sum(), W + B)
        else:
            grads = torch.autograd.grad(f, W + B, grad_outputs=grad_output)
        out = f.detach().abs().mean(dim=(1, 2))
        return losses.detach(), out, f.detach(), list(grads[: self.L + 1]), list(grads[self.L + 1:])

    def here(self, t: torch.Tensor) -> torch.Tensor:
        """``t`` in the ensemble's dtype on its device (rates and calibration factors are kept on the CPU)."""
        return t.to(dtype=self.dtype, device=self.device)

    def apply_update(self, gW, gB, lw, lb):
        """W^l <- W^l - lw[:, l] grad, B^l <- B^l - lb[:, l] grad (per-run rates)."""
        with torch.no_grad():
            for l in range(self.L + 1):
                self.W[l] -= self.here(lw[:, l])[:, None, None] * gW[l]
                self.B[l] -= self.here(lb[:, l])[:, None] * gB[l]

    def sgd_step(self, x, y):
        """One SGD step at the rates of step self.t; returns (loss [R], mean |f| [R]) before the update."""
        loss, out, _, gW, gB = self.loss_and_grads(x, y)
        lw, lb = self.rates(self.t)
        self.apply_update(gW, gB, lw, lb)
        self.t += 1
        return loss, out

    @torch.no_grad()
    def predict(self, x, chunk: int = 2000) -> torch.Tensor:
        """argmax_k f_k for inputs x [n, d]; returns [R, n]."""
        preds = [self.forward(x[i:i + chunk]).argmax(dim=2) for i in range(0, x.shape[0], chunk)]
        return torch.cat(preds, dim=1)
