"""CLI: the OI-F* figures (spec §3), drawn from the saved runs and the package's closed forms.

    python -m lazyrich.orthogonal.figures --group one_d --config CFG --results results/<P>/orthogonal \
        --outdir paper_figures/<P>/orthogonal

Groups: ``one_d`` (OI-F1 … OI-F7), ``e4`` (OI-F8), ``x1`` (OI-F9). One process draws a group so that
the matplotlib/seaborn start-up is paid once per group.
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from lazyrich.config import load_section
from lazyrich.io import load_json, load_npz
from lazyrich.orthogonal import closed_forms as cf
from lazyrich.orthogonal import diagnostics as dg
from lazyrich.orthogonal.data import augment
from lazyrich.orthogonal.model import forward
from lazyrich.orthogonal.plots import (BLUE, GREEN, NEG, POS, TIME_NOTE, ZERO, right_limits,
                                       snapshot_index, state_panel)
from lazyrich.plotting import paper_style, save_figure

GROUPS = {"one_d": ["oi_f1", "oi_f2", "oi_f3", "oi_f4", "oi_f5", "oi_f6", "oi_f7"],
          "e4": ["oi_f8"], "x1": ["oi_f9"]}


def _t(run, r=0):
    return np.arange(run["loss"].shape[1]) * float(run["lr"][r])


def _e1_h_star(run):
    return lambda z: cf.limit_interpolator(run["xt"], run["y"], augment(z, True))


# ----------------------------------------------------------------------------------------------- OI-F1
def fig_timeline(e1, th, stem):
    """OI-F1: phases of the dynamics over the E1 seed-0 loss (paper Fig. 1, schematic)."""
    t, L = _t(e1), e1["loss"][0]
    L0, Lmid, lr = th["L0"], th["L_mid"], float(e1["lr"][0])
    t_pos, t_neg = th["escape_times"][f"{float(e1['lams'][0]):g}"]
    t_a = th["t_align"]
    on_plateau = np.flatnonzero(np.abs(L - Lmid) < 0.01 * L0)
    p_start = lr * on_plateau[0] if on_plateau.size else t_pos
    p_end = lr * on_plateau[-1] if on_plateau.size else t_neg
    i_conv = dg.first_below(L, 0.01 * L0)
    t_conv = lr * i_conv if i_conv >= 0 else t[-1]
    bands = [(0, t_a, "1 alignment", "C0"), (t_a, p_start, "2 first escape", "C1"),
             (p_start, p_end, "3 plateau (saddle)", "C2"), (p_end, t_conv, "4 second escape", "C3"),
             (t_conv, t[-1], "5 local convergence", "C4")]
    fig, ax = plt.subplots(figsize=(7.0, 2.8), constrained_layout=True)
    for lo, hi, label, col in bands:
        ax.axvspan(lo, hi, color=col, alpha=0.15, lw=0)
        ax.text(0.5 * (lo + hi), 1.06 * L0, label, ha="center", va="bottom", fontsize=7, rotation=0)
    ax.plot(t, L, color="k", lw=1.5, label="E1 loss (seed %d)" % e1["seeds"][0])
    for tv, lab in ((t_pos, r"$t_+=\ln(1/\lambda)/g_+$"), (t_neg, r"$t_-=\ln(1/\lambda)/g_-$")):
        ax.axvline(tv, color="0.3", ls="--", lw=1, label=f"{lab} = {tv:.2f}")
    ax.axhline(Lmid, color="C2", ls=":", lw=1, label=f"$L_{{mid}}$ = {Lmid:g}")
    ax.set_xlim(0, t[-1])
    ax.set_ylim(0, 1.2 * L0)
    ax.set_xlabel("t  [" + TIME_NOTE + "]")
    ax.set_ylabel(r"$L(\theta_t)$")
    ax.legend(fontsize=7, loc="center right")
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F2
def _state_figure(run, panels, xlim, ylim, stem, extra_axes=0, h_star=None, width=3.2):
    n = len(panels) + extra_axes
    fig, axes = plt.subplots(1, n, figsize=(width * n, 3.0), constrained_layout=True)
    axes = np.atleast_1d(axes)
    idx = [snapshot_index(run["snap_its"], it) for it in panels]
    alim = right_limits([run["snap_a"][i, 0] for i in idx])
    lr = float(run["lr"][0])
    for k, (ax, i, it) in enumerate(zip(axes, idx, panels)):
        state_panel(ax, run["x"], run["y"], run["snap_W"][i, 0], run["snap_a"][i, 0], xlim, ylim, alim,
                    f"({chr(97 + k)}) iteration {it}, t = {lr * it:.3g}",
                    h_star=h_star if (h_star is not None and k == len(panels) - 1) else None)
    return fig, axes


def fig_state_e1(e1, cfg, stem):
    x, y = e1["x"], e1["y"]
    xlim = (x.min() - 1, x.max() + 1)
    ylim = (y.min() - 2.6, y.max() + 1)
    fig, _ = _state_figure(e1, cfg["panels"], xlim, ylim, stem, h_star=_e1_h_star(e1))
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F3
def fig_loss_e1(e1, th, stem):
    L0, Lmid = th["L0"], th["L_mid"]
    t_pos, t_neg = th["escape_times"][f"{float(e1['lams'][0]):g}"]
    fig, (a, b) = plt.subplots(1, 2, figsize=(8.0, 3.0), constrained_layout=True)
    a.plot(np.arange(e1["loss"].shape[1]), e1["loss"][0], lw=3)
    a.set_ylim(bottom=0)
    a.grid(alpha=0.2)
    a.set_xlabel("Iterations")
    a.set_ylabel(r"$L(\theta)$")
    a.set_title(f"(a) E1 seed {e1['seeds'][0]} (authors' style)")
    for r, s in enumerate(e1["seeds"]):
        b.semilogy(_t(e1, r), e1["loss"][r], lw=1, label=f"seed {s}")
    b.axhline(L0, color="0.4", ls=":", lw=1)
    b.axhline(Lmid, color="0.4", ls=":", lw=1)
    b.axvline(t_pos, color="k", ls="--", lw=1, label=f"$t_+$ = {t_pos:.2f}")
    b.axvline(t_neg, color="k", ls="-.", lw=1, label=f"$t_-$ = {t_neg:.2f}")
    b.set_xlabel("t (paper units: 2t)")
    b.set_ylabel(r"$L(\theta_t)$")
    b.set_title("(b) all seeds, log scale")
    b.legend(fontsize=6)
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F4
def fig_alignment_e1(e1, th, stem):
    xt, y = e1["xt"], e1["y"]
    cls = cf.neuron_classes(e1["W0"], e1["signs"], xt, y)
    pos_pt, neg_pt = int(np.flatnonzero(y > 0)[0]), int(np.flatnonzero(y < 0)[0])
    lr, lam = float(e1["lr"][0]), float(e1["lams"][0])
    its = e1["snap_its"]
    t = its * lr
    W, a = e1["snap_W"].astype(np.float64), e1["snap_a"].astype(np.float64)   # [S, R, m, D]
    fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.0), constrained_layout=True)
    for mask, pt, col, lab in ((cls.p_pos, pos_pt, "C0", r"$P_+$ vs $\tilde x_2$"),
                               (cls.p_neg, neg_pt, "C3", r"$P_-$ vs $\tilde x_1$")):
        one_minus = 1.0 - dg.cosine(W, xt[pt])                              # [S, R, m]
        vals = one_minus[:, mask]                                           # [S, members over seeds]
        vals = np.clip(vals, 1e-17, None)
        axes[0].semilogy(t, np.median(vals, 1), color=col, label=lab + " (median)")
        axes[0].fill_between(t, vals.min(1), vals.max(1), color=col, alpha=0.2, lw=0)
    axes[0].axvline(th["t_align"], color="k", ls="--", lw=1, label=f"$t_a$ = {th['t_align']:.3f}")
    axes[0].set_ylabel(r"$1-\cos(w_j, \tilde x_k)$")
    axes[0].set_title("(a) alignment (all seeds, min–max band)")
    axes[0].legend(fontsize=6)
    norms = np.linalg.norm(W, axis=-1).max(-1) / lam                        # [S, R]
    defect = dg.balancedness_defect(W, a)                                  # [S, R]
    for r, s in enumerate(e1["seeds"]):
        axes[1].semilogy(t, norms[:, r], lw=1, label=f"seed {s}")
        axes[2].semilogy(t, np.clip(defect[:, r], 1e-18, None), lw=1, label=f"seed {s}")
    axes[1].set_ylabel(r"$\max_j \|w_j\| / \lambda$")
    axes[1].set_title("(b) largest neuron norm")
    axes[2].set_ylabel(r"$\max_j |a_j^2 - \|w_j\|^2|$")
    axes[2].set_title("(c) balancedness defect")
    axes[2].legend(fontsize=6)
    for ax in axes:
        ax.set_xlabel("t (paper units: 2t)")
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F5
def escape_table(run, L0, L_mid):
    """t_1, t_2 of every run of a batch (NaN when not reached)."""
    return np.array([dg.drop_times(run["loss"][r], float(run["lr"][r]), L0, L_mid)
                     for r in range(run["loss"].shape[0])])


def fig_sweep_e1s(e1s, th, stem):
    L0, Lmid = th["L0"], th["L_mid"]
    times = escape_table(e1s, L0, Lmid)
    loglam = np.log(1.0 / e1s["lams"])
    fig, (a, b) = plt.subplots(1, 2, figsize=(8.0, 3.0), constrained_layout=True)
    seeds = ", ".join(str(s) for s in np.unique(e1s["seeds"]))
    a.plot(loglam, times[:, 0], "o", color="C0", ms=4, mfc="none", label=f"$t_1$ (seeds {seeds})")
    a.plot(loglam, times[:, 1], "s", color="C3", ms=4, mfc="none", label=f"$t_2$ (seeds {seeds})")
    grid = np.linspace(0, loglam.max() * 1.05, 10)
    a.plot(grid, grid / th["g_pos"], "C0--", lw=1, label=f"slope $1/g_+$ = {1 / th['g_pos']:.4f}")
    a.plot(grid, grid / th["g_neg"], "C3--", lw=1, label=f"slope $1/g_-$ = {1 / th['g_neg']:.4f}")
    a.set_xlabel(r"$\ln(1/\lambda)$")
    a.set_ylabel("drop time t (paper units: 2t)")
    a.set_title("(a) escape times vs ln(1/λ)")
    a.legend(fontsize=6)
    first = e1s["seeds"] == e1s["seeds"][0]
    for r in np.flatnonzero(first):
        b.semilogy(_t(e1s, r), e1s["loss"][r], lw=1, label=f"λ = {e1s['lams'][r]:.0e}")
    b.set_xlabel("t (paper units: 2t)")
    b.set_ylabel(r"$L(\theta_t)$")
    b.set_title(f"(b) loss curves, seed {e1s['seeds'][0]}")
    b.legend(fontsize=6)
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F6
def fig_state_e2(e2, cfg, stem, plateau_level=0.0636):
    xlim, ylim = (-2.5, 3.0), (-2.9, 1.7)
    fig, axes = _state_figure(e2, cfg["panels"], xlim, ylim, stem, extra_axes=1, width=2.9)
    ax = axes[-1]
    L = e2["loss"][0]
    ax.plot(np.arange(L.size), L, lw=1.5, color="k")
    ax.axhline(plateau_level, color="C1", ls=":", lw=1, label=f"plateau {plateau_level}")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Iterations")
    ax.set_ylabel(r"$L(\theta)$")
    ax.set_title(f"({chr(97 + len(cfg['panels']))}) loss, seed {e2['seeds'][0]}")
    ax.legend(fontsize=6)
    inset = ax.inset_axes([0.45, 0.45, 0.5, 0.45])
    inset.semilogy(np.arange(L.size), L, lw=1, color="k")
    inset.tick_params(labelsize=5)
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F7
def param_change_curve(run, r=0):
    W = run["snap_W"][:, r].astype(np.float64)
    a = run["snap_a"][:, r].astype(np.float64)
    W0 = run["W0"][r].astype(np.float64)
    a0 = run["a0"][r].astype(np.float64)
    return run["snap_its"] * float(run["lr"][r]), dg.relative_change(W, a, W0[None], a0[None])


def fig_lazy_e3(e3, e1, e2, cfg, stem):
    xlim, ylim = (-2.5, 3.0), (-2.9, 1.7)
    fig, axes = _state_figure(e3, cfg["panels"], xlim, ylim, stem, extra_axes=2, width=2.8)
    k = len(cfg["panels"])
    ax = axes[k]
    for r, s in enumerate(e3["seeds"]):
        ax.semilogy(np.arange(e3["loss"].shape[1]), e3["loss"][r], lw=1, label=f"seed {s}")
    ax.set_xlabel("Iterations")
    ax.set_ylabel(r"$L(\theta)$")
    ax.set_title(f"({chr(97 + k)}) E3 loss")
    ax.legend(fontsize=6)
    ax = axes[k + 1]
    for run, name, col in ((e1, "E1 (λ=%g)" % e1["lams"][0], "C0"), (e2, "E2 (λ=%g)" % e2["lams"][0], "C1"),
                           (e3, "E3 (λ=%g)" % e3["lams"][0], "C3")):
        t, rc = param_change_curve(run)
        ax.semilogy(t[1:], rc[1:], color=col, label=name)
    ax.set_xscale("log")
    ax.set_xlabel("t (paper units: 2t)")
    ax.set_ylabel(r"$\|\theta_t-\theta_0\| / \|\theta_0\|$")
    ax.set_title(f"({chr(98 + k)}) relative parameter change, seed 0")
    ax.legend(fontsize=6)
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F8
def e4_projection(e4):
    """PCA of the last geometric-schedule snapshot (authors' choice) and its index."""
    last = int(e4["geometric_its"][-1])
    i = snapshot_index(e4["snap_its"], last)
    Vt, ratio, proj = dg.uncentred_pca(e4["snap_W"][i, 0])
    return last, i, Vt, ratio, proj


def _polar(ax, p, a, title):
    theta = dg.authors_angle(p)
    radius = np.hypot(p[:, 0], p[:, 1])
    colours = np.where(a > 0, POS, np.where(a < 0, NEG, ZERO))
    ax.scatter(theta, radius, c=list(colours), marker="*", s=18)
    ax.set_rorigin(-0.05 * radius.max() if radius.max() > 0 else -0.05)
    ax.set_theta_zero_location("E")
    ax.set_yticklabels([])
    ax.set_title(title, fontsize=8)


def fig_highdim_e4(e4, cfg, stem):
    last, i, Vt, ratio, proj = e4_projection(e4)
    a_last = e4["snap_a"][i, 0].astype(np.float64)
    fig = plt.figure(figsize=(13.0, 3.2), constrained_layout=True)
    ax = fig.add_subplot(1, 4, 1)
    L = e4["loss"][0]
    ax.plot(np.arange(L.size), L, lw=3)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Iterations")
    ax.set_ylabel(r"$L(\theta)$")
    ax.set_title("(a) loss profile")
    ax.grid(alpha=0.2)
    _polar(fig.add_subplot(1, 4, 2, projection="polar"), proj, a_last,
           f"(b) iteration {last}: PCA projection\n(authors' angle formula)")
    early = int(cfg["early_snapshot"])
    if early in set(e4["snap_its"].tolist()):
        j = snapshot_index(e4["snap_its"], early)
        p_early = e4["snap_W"][j, 0].astype(np.float64) @ Vt[:2].T
        _polar(fig.add_subplot(1, 4, 3, projection="polar"), p_early, e4["snap_a"][j, 0].astype(np.float64),
               f"(b') iteration {early}, same axes\nmax radius {np.hypot(*p_early.T).max():.2g}")
    ax = fig.add_subplot(1, 4, 4)
    ax.plot(np.arange(1, ratio.size + 1), ratio, "+")
    ax.set_xlabel("Component number")
    ax.set_ylabel("Explained variance ratio")
    ax.set_title(f"(c) uncentred PCA of W at iteration {last}")
    save_figure(fig, stem)


# ----------------------------------------------------------------------------------------------- OI-F9
def x1_errors(run):
    """Relative sup-error on the test set and path-norm excess (N_path − V*)/V* of every run."""
    h = forward(run["test_z"], run["W_final"].astype(np.float64), run["a_final"].astype(np.float64))
    err = dg.relative_sup_error(h, run["h_star_test"][None])
    vstar = cf.variation_norm(run["xt"], run["y"])
    excess = (dg.path_norm(run["W_final"], run["a_final"]) - vstar) / vstar
    return err, excess


def fig_x1(x1, x1c, th, stem):
    L0, Lmid = th["L0"], th["L_mid"]
    fig, axes = plt.subplots(1, 4, figsize=(14.0, 3.2), constrained_layout=True)
    seed0 = x1["seeds"] == x1["seeds"][0]
    ax = axes[0]
    for k, r in enumerate(np.flatnonzero(seed0)):
        lam = float(x1["lams"][r])
        ax.semilogy(_t(x1, r), x1["loss"][r], lw=1, color=f"C{k}", label=f"λ = {lam:.0e}")
        for g, ls in ((th["g_pos"], "--"), (th["g_neg"], ":")):
            ax.axvline(math.log(1 / lam) / g, color=f"C{k}", ls=ls, lw=0.8)
    ax.axhline(L0, color="0.4", lw=0.8)
    ax.axhline(Lmid, color="0.4", lw=0.8)
    ax.set_xlabel("t (paper units: 2t)")
    ax.set_ylabel(r"$L(\theta_t)$")
    ax.set_title("(a) loss; dashed $t_+$, dotted $t_-$")
    ax.legend(fontsize=6)
    err, excess = x1_errors(x1)
    ax = axes[1]
    ax.loglog(x1["lams"], err, "o", color="C0", ms=8, mfc="none", mew=1.2, label="relative sup-error")
    ax.loglog(x1["lams"], np.abs(excess), "s", color="C3", ms=3, label=r"$|N_{path}-V^*|/V^*$")
    lam_grid = np.geomspace(x1["lams"].min(), x1["lams"].max(), 10)
    ref = th["partial_rate_exponent"]
    anchor = np.median(err[x1["lams"] == x1["lams"].min()])
    ax.loglog(lam_grid, anchor * (lam_grid / x1["lams"].min()) ** ref, "k--", lw=1, label=f"slope {ref:.3f}")
    ax.set_xlabel(r"$\lambda$")
    ax.set_title("(b) distance to the closed form")
    ax.legend(fontsize=6)
    ax = axes[2]
    times = escape_table(x1, L0, Lmid)
    loglam = np.log(1.0 / x1["lams"])
    ax.plot(loglam, times[:, 0], "o", color="C0", ms=4, label="$t_1$")
    ax.plot(loglam, times[:, 1], "s", color="C3", ms=4, label="$t_2$")
    grid = np.linspace(0, loglam.max() * 1.05, 10)
    ax.plot(grid, grid / th["g_pos"], "C0--", lw=1, label=f"slope $1/g_+$ = {1 / th['g_pos']:g}")
    ax.plot(grid, grid / th["g_neg"], "C3--", lw=1, label=f"slope $1/g_-$ = {1 / th['g_neg']:g}")
    ax.set_xlabel(r"$\ln(1/\lambda)$")
    ax.set_ylabel("drop time t")
    ax.set_title("(c) escape times")
    ax.legend(fontsize=6)
    ax = axes[3]
    cls = cf.neuron_classes(x1c["W0"], x1c["signs"], x1c["xt"], x1c["y"])
    full = cls.p_pos.any(-1) & cls.p_neg.any(-1)
    err_c, exc_c = x1_errors(x1c)
    ax.loglog(np.abs(exc_c[~full]), err_c[~full], "o", color="C3", ms=5, label=r"X1-C, $P_+$ or $P_-$ empty")
    if full.any():
        ax.loglog(np.abs(exc_c[full]), err_c[full], "o", color="C2", ms=5, label=r"X1-C, $P_\pm$ non-empty")
    ref_sel = x1["lams"] == float(x1c["lams"][0])
    if ref_sel.any():
        ax.loglog(np.abs(excess[ref_sel]), err[ref_sel], "k*", ms=7, label=f"X1 m={x1['W0'].shape[1]}")
    ax.set_xlabel(r"$|N_{path}-V^*|/V^*$")
    ax.set_ylabel("relative sup-error")
    ax.set_title(f"(d) X1-C, m = {x1c['W0'].shape[1]}, λ = {x1c['lams'][0]:.0e}")
    ax.legend(fontsize=6)
    save_figure(fig, stem)


def draw_group(group: str, cfg: dict, results: Path, outdir: Path) -> list[str]:
    paper_style()
    th = load_json(results / "closed_forms.json")
    outdir.mkdir(parents=True, exist_ok=True)
    if group == "one_d":
        e1, e1s = load_npz(results / "e1_runs.npz"), load_npz(results / "e1s_runs.npz")
        e2, e3 = load_npz(results / "e2_runs.npz"), load_npz(results / "e3_runs.npz")
        fig_timeline(e1, th["e1"], outdir / "oi_f1")
        fig_state_e1(e1, cfg["e1"], outdir / "oi_f2")
        fig_loss_e1(e1, th["e1"], outdir / "oi_f3")
        fig_alignment_e1(e1, th["e1"], outdir / "oi_f4")
        fig_sweep_e1s(e1s, th["e1"], outdir / "oi_f5")
        fig_state_e2(e2, cfg["e2"], outdir / "oi_f6")
        fig_lazy_e3(e3, e1, e2, cfg["e3"], outdir / "oi_f7")
    elif group == "e4":
        fig_highdim_e4(load_npz(results / "e4_runs.npz"), cfg["e4"], outdir / "oi_f8")
    elif group == "x1":
        fig_x1(load_npz(results / "x1_runs.npz"), load_npz(results / "x1c_runs.npz"), th["x1"], outdir / "oi_f9")
    else:
        raise ValueError(f"unknown figure group {group!r}; allowed: {sorted(GROUPS)}")
    return GROUPS[group]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", required=True, choices=sorted(GROUPS))
    parser.add_argument("--config", required=True)
    parser.add_argument("--results", required=True, type=Path, help="results/<P>/orthogonal")
    parser.add_argument("--outdir", required=True, type=Path, help="paper_figures/<P>/orthogonal")
    args = parser.parse_args(argv)
    draw_group(args.group, load_section(args.config), args.results, args.outdir)


if __name__ == "__main__":
    main()
