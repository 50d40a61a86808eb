"""Figures SP-F1 .. SP-F5 (paper Figures 1-4 and the added value-along-the-path diagnostic).

python -m lazyrich.scaling_path.make_figures --config CFG --endpoints E --vp V --gd G --cross C --outdir FIGDIR/scaling_path
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from lazyrich.io import load_npz, save_json
from lazyrich.plotting import paper_style, save_figure
from lazyrich.scaling_path.data import load_points
from lazyrich.scaling_path.metrics import CLIP, clip
from lazyrich.scaling_path.paper_values import A12, GD_TABLE, VP_ROW
from lazyrich.scaling_path.problem import load_config

TICKS = [-2, -1.2, -0.4, 0.4, 1.2, 2]


def _find(values, target):
    hits = np.flatnonzero(np.isclose(values, target, rtol=1e-9, atol=0))
    return int(hits[0]) if len(hits) else None


def heat_map(ax, f_flat, size, title):
    im = ax.imshow(clip(f_flat).reshape(size, size), extent=[-1, 1, -1, 1], origin="lower", cmap="rainbow",
                   vmin=-CLIP, vmax=CLIP, interpolation="nearest")
    x, _ = load_points()
    ax.scatter(x[:, 0], x[:, 1], marker="x", c="k", s=14, linewidths=0.9)
    ax.set_title(title)
    ax.set_xticks([-1, 0, 1])
    ax.set_yticks([-1, 0, 1])
    ax.grid(False)
    return im


def fig_data(outdir):
    paper_style()
    x, y = load_points()
    fig, ax = plt.subplots(figsize=(3.0, 3.0), constrained_layout=True)
    ax.scatter(*x[y > 0].T, marker="o", facecolors="none", edgecolors="red", label="y = +1")
    ax.scatter(*x[y < 0].T, marker="x", c="purple", label="y = −1")
    ax.set(xlim=(-1, 1), ylim=(-1, 1), xlabel=r"$\tilde x_1$", ylabel=r"$\tilde x_2$", aspect="equal")
    ax.legend(loc="lower right", fontsize=7)
    save_figure(fig, outdir / "sp_f1_data")


def fig_path(cfg, ends, vp, outdir, size):
    panels = [(r"$\alpha = 0$ (LP)", ends["f0"])]
    for a in cfg["figure2_alphas"]:
        i = _find(vp["alphas"], a)
        if i is None:
            raise ValueError(f"figure2_alphas value {a} is not in alphas {list(vp['alphas'])}")
        panels.append((rf"$\alpha = {a:g}$", vp["f_grid"][i]))
    panels.append((r"$\alpha = \infty$ (NTK)", ends["finf"]))
    cols = 3
    rows = int(np.ceil(len(panels) / cols))
    paper_style()
    fig, axes = plt.subplots(rows, cols, figsize=(6.8, 2.3 * rows), constrained_layout=True, squeeze=False)
    for ax, (title, f) in zip(axes.flat, panels):
        im = heat_map(ax, f, size, title)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.colorbar(im, ax=axes, ticks=TICKS, shrink=0.8)
    save_figure(fig, outdir / "sp_f2_path")


def fig_vp_gd(cfg, vp, gd, outdir, size):
    pairs = [(a, _find(vp["alphas"], a), _find(gd["betas"], a)) for a in cfg["figure3_alphas"]]
    pairs = [p for p in pairs if p[1] is not None and p[2] is not None]
    if not pairs:
        raise ValueError("figure3_alphas has no value present in both alphas and betas")
    paper_style()
    fig, axes = plt.subplots(2, len(pairs), figsize=(1.9 * len(pairs) + 0.8, 4.2), constrained_layout=True, squeeze=False)
    for k, (a, i, j) in enumerate(pairs):
        im = heat_map(axes[0, k], vp["f_grid"][i], size, rf"VP, $\alpha={a:g}$")
        heat_map(axes[1, k], gd["f_grid"][j], size, rf"GD, $\beta={a:g}$")
    fig.colorbar(im, ax=axes, ticks=TICKS, shrink=0.8)
    save_figure(fig, outdir / "sp_f3_vp_vs_gd")


def fig_gap(cross, outdir):
    gap = cross["V_gd"] - cross["V_vp"][None, :]
    paper_style()
    fig, ax = plt.subplots(figsize=(4.2, 3.6), constrained_layout=True)
    positive = np.where(gap > 0, gap, np.nan)
    im = ax.imshow(positive, origin="lower", cmap="viridis", norm=LogNorm(vmin=1e0, vmax=1e8), aspect="auto")
    bad = np.argwhere(gap <= 0)
    for i, j in bad:  # non-positive gaps: hatched red cells (would fail SP-C4)
        ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="xxx", edgecolor="red"))
    ax.set_xticks(range(len(cross["alphas"])), [f"{a:g}" for a in cross["alphas"]], rotation=90)
    ax.set_yticks(range(len(cross["betas"])), [f"{b:g}" for b in cross["betas"]])
    ax.set(xlabel=r"$\alpha$", ylabel=r"$\beta$")
    ax.grid(False)
    fig.colorbar(im, ax=ax, label=r"$\Delta(\alpha,\beta) = V_{GD} - V_{VP}$")
    save_figure(fig, outdir / "sp_f4_gap")
    return [{"beta": float(cross["betas"][i]), "alpha": float(cross["alphas"][j]), "gap": float(gap[i, j])} for i, j in bad]


def fig_values(ends, vp, cross, outdir):
    paper_style()
    fig, ax = plt.subplots(figsize=(4.2, 3.0), constrained_layout=True)
    alphas = vp["alphas"]
    ax.plot(alphas, vp["V"], "o-", label=r"$V_{VP}(\alpha)$ (ours)")
    diag = [(a, cross["V_gd"][i, j]) for j, a in enumerate(cross["alphas"])
            for i in [_find(cross["betas"], a)] if i is not None]
    if diag:
        ax.plot(*np.array(diag).T, "s-", label=r"$V_{GD}(\alpha,\alpha)$ (ours)")
    ax.plot(A12, VP_ROW, "o", mfc="none", color="C0", label="VP (paper)")
    ax.plot(A12, np.diag(GD_TABLE), "s", mfc="none", color="C1", label="GD diagonal (paper)")
    ax.axhline(float(ends["tau0"]), ls=":", color="k", label=r"$\tau_0$ (LP)")
    ax.axhline(float(ends["kappa"]), ls="--", color="gray", label=r"$\kappa_{NTK}$")
    if len(ends["exact_alphas"]):
        ax.plot(ends["exact_alphas"], ends["exact_values"], "v", color="C3", label="exact-HK lower bound")
    ax.set(xscale="log", yscale="log", xlabel=r"$\alpha$", ylabel=r"$(1+\alpha^2)\,S$")
    ax.legend(fontsize=6, ncol=2)
    save_figure(fig, outdir / "sp_f5_values")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="scaling path figures")
    for name in ("--config", "--endpoints", "--vp", "--gd", "--cross", "--outdir", "--meta"):
        parser.add_argument(name, required=True)
    args = parser.parse_args(argv)
    cfg = load_config(args.config)
    ends, vp, gd, cross = (load_npz(p) for p in (args.endpoints, args.vp, args.gd, args.cross))
    outdir = Path(args.outdir)
    size = int(cfg["grid_size"])
    fig_data(outdir)
    fig_path(cfg, ends, vp, outdir, size)
    fig_vp_gd(cfg, vp, gd, outdir, size)
    bad = fig_gap(cross, outdir)
    fig_values(ends, vp, cross, outdir)
    save_json(args.meta, {"figure2_support": "P", "nonpositive_gaps": bad, "lattice_n": int(cfg["lattice_n"])})


if __name__ == "__main__":
    main()
