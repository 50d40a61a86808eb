"""Dynamics panels of the main paper (AS-F1, and AS-F2 / AS-F5 for real data): mean +- 1 std over seeds.

One single-panel file per authors' file name (spec §3): trainrisk, testrisk, [trainacc, testacc,] wdiff,
ntkdiff, ntkmineig. CLI: python -m lazyrich.asymmetric.figures --runs runs.npz --outdir DIR [--panels ...]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from lazyrich.asymmetric.summary import by_config, curve
from lazyrich.io import load_npz, require_input
from lazyrich.plotting import AS_CONFIG_STYLE, new_figure, save_figure

# file name -> (per-run curve, y label, log y, keep t = 0)
PANELS = {
    "trainrisk": ("train_risk", "Training risk (MSE)", True, False),
    "testrisk": ("test_risk", "Test risk (MSE)", False, False),
    "trainacc": ("train_acc", "Training accuracy", False, False),
    "testacc": ("test_acc", "Test accuracy", False, False),
    "wdiff": ("wdiff", r"$\|w_{tj^*} - w_{0j^*}\|$ (tracked node $j^*$)", False, False),
    "ntkdiff": ("sqrt_ntg_change", r"$\sqrt{\|\hat\Theta_m(X;W_t) - \hat\Theta_m(X;W_0)\|_2}$", False, False),
    "ntkmineig": ("ntg_eigmin", r"$\lambda_{\min}(\hat\Theta_m(X;W_t))$", True, True),
}
DEFAULT_PANELS = ("trainrisk", "testrisk", "wdiff", "ntkdiff", "ntkmineig")


def band_plot(ax, x: np.ndarray, per_config: dict[str, np.ndarray]) -> None:
    """Mean line and +-1 population-std band (alpha 0.2) per configuration, in the fixed order and colours."""
    for cid, values in per_config.items():
        style = AS_CONFIG_STYLE.get(cid, {"label": cid, "color": None})
        mean, std = values.mean(axis=0), values.std(axis=0)
        (line,) = ax.plot(x, mean, label=style["label"], color=style["color"], lw=1.3)
        ax.fill_between(x, mean - std, mean + std, color=line.get_color(), alpha=0.2, lw=0)


def plot_panel(runs: dict, name: str, stem: Path, legend: bool) -> list[Path]:
    key, ylabel, logy, keep_t0 = PANELS[name]
    steps = runs["steps"]
    sel = slice(None) if keep_t0 else slice(1, None)
    fig, ax = new_figure()
    band_plot(ax, steps[sel], {c: v[:, sel] for c, v in by_config(runs, curve(runs, key)).items()})
    ax.set_xlabel("Iterations")
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    ax.ticklabel_format(style="sci", axis="x", scilimits=(0, 2))
    if legend:
        ax.legend(fontsize=7, frameon=True)
    return save_figure(fig, stem)


def plot_dynamics(runs: dict, outdir: Path, panels=DEFAULT_PANELS, legend_panel: str = "trainrisk") -> list[Path]:
    outdir = Path(outdir)
    written = []
    for name in panels:
        written += plot_panel(runs, name, outdir / name, legend=(name == legend_panel))
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", required=True)
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--panels", nargs="+", default=list(DEFAULT_PANELS), choices=sorted(PANELS))
    parser.add_argument("--runs-rule", default="asymmetric_simulated_train", help="rule that makes --runs")
    args = parser.parse_args(argv)
    require_input(args.runs, args.runs_rule)
    for path in plot_dynamics(load_npz(args.runs), Path(args.outdir), args.panels):
        print(path)


if __name__ == "__main__":
    main()
