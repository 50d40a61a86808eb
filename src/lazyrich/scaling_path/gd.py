"""Full-batch float64 gradient descent of the width-m network from theta(0) = beta * P (spec §1.9, SP-D7).

All initial scales beta are trained as one batched tensor computation [B, m, 4]; a run that reaches the
loss tolerance is frozen (its rows leave the active batch) and its iteration count recorded.

Per neuron: theta_l <- theta_l - eta g_l with g_l = 2 sum_k r_k grad_w phi(theta_l, x_k), r = f(X) - y and
eta = min(kernel_factor / lambda_max(K_theta), rel_step / max_l |g_l|/|theta_l|), recomputed every iteration
(K_theta = (1/m) sum_l grad phi(theta_l, x_k) . grad phi(theta_l, x_k') is the 10 x 10 tangent kernel).
The neurons live on the config's device (float64 there too); which runs are still going is kept on the CPU.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lazyrich.progress import progress


@dataclass
class GDSettings:
    loss_tol: float = 1e-10
    max_iter: int = 1_000_000
    kernel_factor: float = 0.45
    rel_step: float = 0.01
    log_every: int = 100  # record loss / step size every this many iterations

    @classmethod
    def from_config(cls, cfg: dict) -> "GDSettings":
        return cls(loss_tol=float(cfg["loss_tol"]), max_iter=int(cfg["max_iter"]),
                   kernel_factor=float(cfg["kernel_factor"]), rel_step=float(cfg["rel_step"]),
                   log_every=int(cfg.get("log_every", 100)))


@dataclass
class GDResult:
    theta: np.ndarray  # [B, m, 4] final neurons
    loss: np.ndarray  # [B] final loss
    iterations: np.ndarray  # [B] iterations run (== max_iter if the cap was reached)
    reached_cap: np.ndarray  # [B] bool
    mass: np.ndarray  # [B] (1/m) sum_l |theta_l|^2
    log_steps: np.ndarray  # [T] iteration numbers of the log
    log_loss: np.ndarray  # [T, B] loss (nan once a run has stopped)
    log_eta: np.ndarray  # [T, B] step size


def forward_parts(theta: torch.Tensor, x: torch.Tensor):
    """Pre-activations [B, m, n], ReLU values, activity mask and network outputs [B, n]."""
    pre = theta[..., 1:] @ x.T
    active = pre > 0
    relu = pre.clamp_min(0.0)
    f = torch.einsum("bm,bmn->bn", theta[..., 0], relu) / theta.shape[1]
    return relu, active, f


def gd_step(theta: torch.Tensor, x: torch.Tensor, y: torch.Tensor, settings: GDSettings, xxt: torch.Tensor):
    """One step for every run of the batch; returns (new theta, loss before the step, eta)."""
    m = theta.shape[1]
    relu, active, f = forward_parts(theta, x)
    r = f - y  # [B, n]
    loss = (r * r).sum(1)
    act = active.to(theta.dtype)
    w1 = theta[..., 0]
    g1 = 2.0 * torch.einsum("bmn,bn->bm", relu, r)
    g2 = 2.0 * w1[..., None] * ((act * r[:, None, :]) @ x)  # [B, m, 3]
    grad = torch.cat([g1[..., None], g2], dim=-1)
    # tangent kernel K = (1/m)(R^T R + (X X^T) * ((w1^2 act)^T act))
    kern = (relu.transpose(1, 2) @ relu + xxt * ((act * (w1 * w1)[..., None]).transpose(1, 2) @ act)) / m
    lam_max = torch.linalg.eigvalsh(kern)[:, -1]
    rel = (grad.norm(dim=-1) / theta.norm(dim=-1).clamp_min(1e-300)).amax(1)
    eta = torch.minimum(settings.kernel_factor / lam_max, settings.rel_step / rel.clamp_min(1e-300))
    return theta - eta[:, None, None] * grad, loss, eta


def train_gd(p_atoms: np.ndarray, betas, x: np.ndarray, y: np.ndarray, settings: GDSettings,
             show_progress: bool = True, device: "str | torch.device" = "cpu") -> GDResult:
    """Train every beta from beta * P until loss < loss_tol or max_iter; all betas batched on ``device``."""
    betas = np.asarray(betas, dtype=np.float64)
    as64 = lambda values: torch.as_tensor(values, dtype=torch.float64, device=device)  # noqa: E731
    p, xt, yt = as64(p_atoms), as64(x), as64(y)
    xxt = xt @ xt.T
    theta = as64(betas)[:, None, None] * p[None]
    n_runs = len(betas)
    final_loss = np.full(n_runs, np.nan)
    iterations = np.full(n_runs, settings.max_iter, dtype=np.int64)
    running = torch.arange(n_runs)
    final_theta = theta.clone()
    log_steps, log_loss, log_eta = [], [], []
    bar = progress(total=settings.max_iter, desc="GD (max over betas)", disable=None if show_progress else True)
    it = 0
    while len(running) and it < settings.max_iter:
        new_theta, loss, eta = gd_step(theta, xt, yt, settings, xxt)
        done = (loss < settings.loss_tol).cpu()  # bookkeeping (run indices, logs) stays on the CPU
        if it % settings.log_every == 0:
            row_loss, row_eta = np.full(n_runs, np.nan), np.full(n_runs, np.nan)
            row_loss[running.numpy()] = loss.cpu().numpy()
            row_eta[running.numpy()] = eta.cpu().numpy()
            log_steps.append(it), log_loss.append(row_loss), log_eta.append(row_eta)
        if bool(done.any()):  # stop these runs at the current (converged) parameters
            idx = running[done].numpy()
            final_theta[idx] = theta[done.to(theta.device)]
            final_loss[idx] = loss.cpu()[done].numpy()
            iterations[idx] = it
            keep = ~done
            keep_here = keep.to(theta.device)
            running, theta, new_theta = running[keep], theta[keep_here], new_theta[keep_here]
        theta = new_theta
        it += 1
        if it % 1000 == 0:
            bar.update(1000)
            bar.set_postfix(running=len(running), loss=f"{float(loss.max()):.2e}")
    bar.close()
    if len(running):  # reached the cap: evaluate the final loss of the remaining runs
        _, _, f = forward_parts(theta, xt)
        final_theta[running.numpy()] = theta
        final_loss[running.numpy()] = ((f - yt) ** 2).sum(1).cpu().numpy()
    theta_np = final_theta.cpu().numpy()
    return GDResult(
        theta=theta_np, loss=final_loss, iterations=iterations, reached_cap=iterations >= settings.max_iter,
        mass=(theta_np ** 2).sum(-1).mean(-1), log_steps=np.asarray(log_steps),
        log_loss=np.asarray(log_loss), log_eta=np.asarray(log_eta),
    )
