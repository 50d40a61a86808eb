"""Figures IP-F1 … IP-F5 (paper Figures 1–5) and the beyond-the-paper figures IP-X1 … IP-X3.

CLI: ``python -m lazyrich.integrable.figures --config CFG --results DIR --figdir DIR --which curves|ranks|scales|depth``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker  # noqa: F401
import numpy as np
import seaborn as sns

from lazyrich.config import load_section
from lazyrich.integrable.aggregate import LN10, bootstrap_band, cell, load_runs, loglog_slope, window_means
from lazyrich.integrable.exponents import MODEL_LABELS
from lazyrich.io import load_npz
from lazyrich.plotting import paper_style, save_figure

ACTS = ("relu", "gelu", "elu", "tanh")
ACT_LABELS = {"relu": "ReLU", "gelu": "GeLU", "elu": "ELU", "tanh": "tanh"}
ACT_COLORS = dict(zip(ACTS, sns.color_palette("colorblind", 4)))
DATASET_LABELS = {"mnist": "MNIST", "cifar10": "CIFAR-10 (gray)"}
BEYOND = "beyond the paper (authors' repository / theory check)"


def _curve_panel(ax, run_files, dataset, model, key, boot, seed):
    for act in ACTS:
        path = run_files.get((dataset, act))
        if path is None:
            continue
        c = cell(load_runs(path), model)
        if c["n"] == 0:
            continue
        mean, lo, hi = bootstrap_band(c[key], boot, seed)
        steps = np.arange(mean.size)
        ax.plot(steps, mean, color=ACT_COLORS[act], lw=1.0, label=f"{ACT_LABELS[act]} ({c['n']} trials)")
        ax.fill_between(steps, lo, hi, color=ACT_COLORS[act], alpha=0.25, lw=0)
    ax.set_xlabel("SGD step")
    ax.set_title(f"{MODEL_LABELS[model]}, {DATASET_LABELS[dataset]}")


def curve_figure(run_files, panels, key, stem, title, cfg, ylim=None, ln10=False):
    paper_style()
    fig, axes = plt.subplots(1, len(panels), figsize=(3.2 * len(panels), 2.8), constrained_layout=True, squeeze=False)
    fc = cfg["figures"]
    for ax, (dataset, model) in zip(axes[0], panels):
        _curve_panel(ax, run_files, dataset, model, key, fc["bootstrap_samples"], fc["bootstrap_seed"])
        if ln10:
            ax.axhline(LN10, color="0.4", lw=0.6, ls=":", label=r"$\ln 10$")
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.set_ylabel("mini-batch training loss" if key == "loss" else r"mean $|f(\xi)|$ over batch and logits")
    axes[0][-1].legend(fontsize=7, loc="best")
    fig.suptitle(f"{title} (profile {cfg['_profile']}, m = {cfg['architecture']['width']}, "
                 f"L = {cfg['architecture']['L']}; mean and 95% bootstrap CI over trials)", fontsize=8)
    save_figure(fig, stem)


def curves(cfg, results: Path, figdir: Path):
    run_files = {}
    for path in sorted(results.glob("runs_*.npz")):
        runs = load_runs(path)
        run_files[(str(runs["dataset"]), str(runs["activation"]))] = path
    both = [("mnist", "naive_ip"), ("mnist", "ipllr")]
    curve_figure(run_files, both, "loss", figdir / "IP-F1_loss_naive_vs_ipllr",
                 "IP-F1 (paper Fig. 1): training loss, Naive-IP vs IP-LLR", cfg, ylim=(0, 3), ln10=True)
    curve_figure(run_files, both, "out", figdir / "IP-F2_output_naive_vs_ipllr",
                 "IP-F2 (paper Fig. 2): mean absolute output, Naive-IP vs IP-LLR", cfg)
    alt = [("mnist", "ip_bias"), ("cifar10", "ip_bias"), ("mnist", "ip_noncentered"), ("cifar10", "ip_noncentered")]
    curve_figure(run_files, alt, "out", figdir / "IP-F4_output_alternatives",
                 "IP-F4 (paper Fig. 4): mean absolute output of IP-bias and IP-non-centered", cfg, ylim=(-1, 4))
    curve_figure(run_files, alt, "loss", figdir / "IP-F5_loss_alternatives",
                 "IP-F5 (paper Fig. 5): training loss of IP-bias and IP-non-centered", cfg, ylim=(0, 3), ln10=True)
    extra = [("mnist", "mup"), ("cifar10", "ipllr"), ("cifar10", "mup")]
    curve_figure(run_files, extra, "loss", figdir / "IP-X4_loss_mup_and_cifar",
                 f"IP-X4, {BEYOND}: training loss of muP (MNIST, CIFAR-10) and IP-LLR (CIFAR-10), "
                 "runs of Tables 4-5", cfg, ylim=(0, 3), ln10=True)


def ranks(cfg, results: Path, figdir: Path):
    rk = load_npz(results / "ranks.npz")
    acts = [str(a) for a in rk["activations"]]
    models = rk["model"][0]
    L = rk["rank_h"].shape[-1]
    layers = np.arange(1, L + 1)
    paper_style()
    fig, axes = plt.subplots(1, 2, figsize=(6.8, 2.9), constrained_layout=True, sharey=True)
    for ax, model in zip(axes, ("ipllr", "mup")):
        sel = models == model
        for ia, act in enumerate(acts):
            for kind, ls, mk in (("rank_h", "-", "o"), ("rank_x", "--", None)):
                vals = rk[kind][ia][sel].astype(float)
                mean = vals.mean(axis=0)
                ax.plot(layers, mean, ls=ls, marker=mk, ms=3, color=ACT_COLORS[act],
                        label=f"{ACT_LABELS[act]} {'h' if kind == 'rank_h' else 'x'}")
                if vals.shape[0] > 1:
                    ax.fill_between(layers, vals.min(axis=0), vals.max(axis=0), color=ACT_COLORS[act], alpha=0.15, lw=0)
        ax.set_yscale("log")
        ax.set_xlabel("layer l")
        ax.set_title(MODEL_LABELS[model])
    axes[0].set_ylabel(r"numerical rank of $h^l_1$ (solid), $x^l_1$ (dashed)")
    axes[1].legend(fontsize=6, ncol=2)
    fig.suptitle(f"IP-F3 (paper Fig. 3): ranks after one SGD step on MNIST (profile {cfg['_profile']}, "
                 f"m = {int(rk['width'])}, n = {int(rk['n_inputs'])}; trial-mean, band = min-max)", fontsize=8)
    save_figure(fig, figdir / "IP-F3_ranks_after_one_step")

    sel = models == "ipllr"
    paper_style()
    fig, ax = plt.subplots(figsize=(3.6, 2.8), constrained_layout=True)
    for ia, act in enumerate(acts):
        vals = rk["rank_dW"][ia][sel].astype(float)
        ax.plot(np.arange(1, vals.shape[1] + 1), vals.mean(axis=0), marker="o", ms=3, color=ACT_COLORS[act],
                label=ACT_LABELS[act])
    ax.axhline(9, color="0.5", lw=0.6, ls=":", label="K - 1 = 9")
    ax.set_yscale("log")
    ax.set_xlabel("layer l")
    ax.set_ylabel(r"rank of $\Delta W^l$ (first update)")
    ax.legend(fontsize=7)
    ax.set_title(f"IP-X3, {BEYOND}:\nranks of the first IP-LLR update (m = {int(rk['width'])}, "
                 f"B = {int(rk['batch_size'])})", fontsize=7)
    save_figure(fig, figdir / "IP-X3_first_update_ranks")


def scales(cfg, results: Path, figdir: Path):
    sc = load_npz(results / "scales.npz")
    widths, swidths = sc["widths"].astype(float), sc["step_widths"].astype(float)
    acts = [str(a) for a in sc["activations"]]
    models = [str(m) for m in sc["models"]]
    L = int(sc["L"])
    paper_style()
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.0), constrained_layout=True)
    ax = axes[0]
    styles = {"naive_ip": "-", "mup": "--", "ntk": ":"}
    for im, model in enumerate(models):
        for ia, act in enumerate(acts):
            r = sc["R"][im, ia]
            ax.plot(widths, r, ls=styles[model], marker="o", ms=2.5, color=ACT_COLORS[act],
                    label=f"{MODEL_LABELS[model]} {ACT_LABELS[act]} (slope {loglog_slope(widths, r):+.2f})")
    for slope, name in ((-L / 2, "IP"), (-0.5, r"$\mu$P"), (0.0, "NTK (extra baseline)")):
        ax.plot(widths, 0.05 * (widths / widths[0]) ** slope, color="0.6", lw=0.6)
        ax.annotate(f"{name}: {slope:+.1f}", (widths[-1], 0.05 * (widths[-1] / widths[0]) ** slope), fontsize=6,
                    color="0.4")
    ax.set(xscale="log", yscale="log", xlabel="width m", ylabel=r"$R(m)=\sqrt{\mathrm{mean}\, f_0^2}$",
           title="(a) output scale at init")
    ax.legend(fontsize=4.5, ncol=1)
    ax = axes[1]
    pal = sns.color_palette("viridis", L)
    for l in range(L):
        r = sc["R_layers"][l]
        ax.plot(widths, r, marker="o", ms=2.5, color=pal[l],
                label=f"l={l + 1}: slope {loglog_slope(widths, r):+.2f} (theory {-l / 2:+.1f})")
    ax.set(xscale="log", yscale="log", xlabel="width m", ylabel=r"$R_l(m)=\sqrt{\mathrm{mean}\,(h^l_0)^2}$",
           title="(a') Naive-IP, ReLU, per layer")
    ax.legend(fontsize=5)
    ax = axes[2]
    U = sc["U"]  # [model, act, width, init, layer]
    for im, (model, ls) in enumerate((("ipllr", "-"), ("naive_ip", "--"))):
        for ia, act in enumerate(acts):
            for l, mk in ((0, "o"), (1, "s")):
                u = np.median(U[im, ia, :, :, l], axis=1)
                ax.plot(swidths, u, ls=ls, marker=mk, ms=2.5, color=ACT_COLORS[act],
                        label=f"{'IP-LLR' if model == 'ipllr' else 'Naive-IP'} {ACT_LABELS[act]} l={l + 1} "
                              f"({loglog_slope(swidths, u):+.2f})")
    ax.set(xscale="log", yscale="log", xlabel="width m", ylabel=r"$U_l(m)$ = mean $|\Delta W^l x^{l-1}_1|$",
           title=r"(b) first-step contributions, $\eta = 1$, uncalibrated")
    ax.legend(fontsize=4, ncol=2)
    for ax, w in zip(axes, (widths, widths, swidths)):
        _width_ticks(ax, w)
    fig.suptitle(f"IP-X1, {BEYOND}: scales at init and first-step update scales vs width "
                 f"(profile {cfg['_profile']}, L = {L}, {int(sc['n_inits'])} inits (a), "
                 f"median of {int(sc['step_inits'])} inits (b); legend: log-log slopes)", fontsize=7)
    save_figure(fig, figdir / "IP-X1_scales_vs_width")


def _width_ticks(ax, widths):
    ax.xaxis.set_major_locator(matplotlib.ticker.FixedLocator(widths))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FixedFormatter([str(int(w)) for w in widths]))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())


def depth(cfg, results: Path, figdir: Path):
    dp = load_npz(results / "depth.npz")
    acts, depths, widths = [str(a) for a in dp["activations"]], dp["depths"], dp["widths"]
    window = int(dp["window"])
    wm = window_means(dp["loss"], window)  # [act, depth, width, trial, windows]
    centres = window * np.arange(wm.shape[-1]) + window / 2
    paper_style()
    fig, axes = plt.subplots(len(acts), len(depths), figsize=(2.6 * len(depths), 2.3 * len(acts)),
                             constrained_layout=True, squeeze=False, sharey=True)
    pal = sns.color_palette("rocket_r", len(widths))
    for ia, act in enumerate(acts):
        for iL, L in enumerate(depths):
            ax = axes[ia][iL]
            for iw, m in enumerate(widths):
                curves = wm[ia, iL, iw]
                mean, lo, hi = bootstrap_band(curves, cfg["figures"]["bootstrap_samples"], cfg["figures"]["bootstrap_seed"])
                ax.plot(centres, mean, marker="o", ms=2, color=pal[iw], label=f"m = {m}")
                ax.fill_between(centres, lo, hi, color=pal[iw], alpha=0.2, lw=0)
            ax.axhline(LN10, color="0.5", lw=0.6, ls=":")
            ax.set_ylim(0, 2.5)
            ax.set_title(f"{ACT_LABELS[act]}, L = {L}")
            ax.set_xlabel("SGD step (window centre)")
        axes[ia][0].set_ylabel(f"{window}-step mean training loss")
    axes[0][-1].legend(fontsize=6)
    fig.suptitle(f"IP-X2, {BEYOND}: Naive-IP depth threshold on MNIST (profile {cfg['_profile']}, "
                 f"eta = {cfg['depth']['eta']}, B = {cfg['depth']['batch_size']}, {dp['loss'].shape[3]} trial(s))",
                 fontsize=7)
    save_figure(fig, figdir / "IP-X2_depth_threshold")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--figdir", required=True)
    ap.add_argument("--which", required=True, choices=["curves", "ranks", "scales", "depth"])
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    globals()[args.which](cfg, Path(args.results), Path(args.figdir))


if __name__ == "__main__":
    main()
