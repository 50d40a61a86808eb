"""Figures AS-F2..AS-F9 (spec §3): one single-panel PDF + PNG per authors' file name.

Dynamics panels reuse :func:`lazyrich.asymmetric.figures.plot_dynamics` (AS-F2, AS-F5); pruning, transfer
and the CIFAR-10 training panels are drawn here with the same mean +- 1 std bands (population std).

CLI: python -m lazyrich.asymmetric.real.figures --experiment E --runs runs.npz --prune prune.npz
        [--transfer transfer.npz] --outdir paper_figures/<P>/asymmetric_real/<E>
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from lazyrich.asymmetric.figures import band_plot, plot_dynamics
from lazyrich.asymmetric.summary import by_config, wdiff
from lazyrich.io import load_npz
from lazyrich.plotting import new_figure, save_figure

from .experiment import EXPERIMENTS, UCI

UCI_DYNAMICS = ("trainrisk", "testrisk", "wdiff", "ntkdiff", "ntkmineig")
MNIST_DYNAMICS = ("trainrisk", "testrisk", "trainacc", "testacc", "wdiff", "ntkdiff", "ntkmineig")


def figure_names(experiment: str) -> list[str]:
    """File stems (no extension) of every figure of an experiment, in the authors' names."""
    if experiment in UCI:
        return [*UCI_DYNAMICS, "prune_trainrisk", "prune_testrisk", "transfer_trainrisk", "transfer_testrisk"]
    if experiment == "mnist":
        return [*MNIST_DYNAMICS, "prune_trainrisk", "prune_testrisk", "prune_trainacc", "prune_testacc",
                "transfer_trainrisk", "transfer_testrisk", "transfer_trainacc", "transfer_testacc"]
    if experiment == "cifar10":
        return ["accs", "accs_zoom", "risks", "wdiff", "pruneacc", "pruneacc_zoom", "prunerisk"]
    raise ValueError(f"unknown experiment {experiment}")


def _panel(x, per_config, xlabel, ylabel, stem, legend=False, logy=False, xlim=None, ylim=None, sci=True):
    fig, ax = new_figure()
    band_plot(ax, x, per_config)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    if sci:
        ax.ticklabel_format(style="sci", axis="x", scilimits=(0, 2))
    if xlim:
        ax.set_xlim(*xlim)
    if ylim:
        ax.set_ylim(*ylim)
    if legend:
        ax.legend(fontsize=7, frameon=True)
    return save_figure(fig, stem)


RECORD_LABELS = {"trainrisk": ("train_risk", "Training risk"), "testrisk": ("test_risk", "Test risk"),
                 "trainacc": ("train_acc", "Training accuracy"), "testacc": ("test_acc", "Test accuracy")}


def plot_pruning(prune: dict, outdir: Path, panels, loss_name: str = "MSE") -> list[Path]:
    out = []
    for name in panels:
        key, label = RECORD_LABELS[name]
        ylabel = f"{label} ({loss_name})" if "risk" in key else label
        out += _panel(prune["levels"], by_config(prune, prune[key]), "Number of pruned nodes", ylabel,
                      outdir / f"prune_{name}", legend=(name == panels[0]), sci=False)
    return out


def plot_transfer(transfer: dict, outdir: Path, panels) -> list[Path]:
    out = []
    for name in panels:
        key, label = RECORD_LABELS[name]
        ylabel = f"{label} (MSE)" if "risk" in key else label
        out += _panel(transfer["ks"], by_config(transfer, transfer[key]), "Feature dimension", ylabel,
                      outdir / f"transfer_{name}", legend=(name == "testrisk"), sci=False)
    return out


def plot_cifar(runs: dict, prune: dict, outdir: Path) -> list[Path]:
    steps = runs["steps"][1:]  # figures drop the first log (spec §2.4)
    acc = {c: v[:, 1:] for c, v in by_config(runs, runs["test_acc"]).items()}
    out = _panel(steps, acc, "Iterations", "Test accuracy", outdir / "accs", legend=True, ylim=(0.65, 0.875))
    out += _panel(steps, acc, "Iterations", "Test accuracy", outdir / "accs_zoom", xlim=(1e4, 3.8e4), ylim=(0.80, 0.86))
    out += _panel(steps, {c: v[:, 1:] for c, v in by_config(runs, runs["test_risk"]).items()}, "Iterations",
                  "Test risk (cross-entropy)", outdir / "risks", legend=True)
    out += _panel(steps, {c: v[:, 1:] for c, v in by_config(runs, wdiff(runs)).items()}, "Iterations",
                  r"$\|w_{tj^*} - w_{0j^*}\|$ (tracked node $j^*$)", outdir / "wdiff")
    lv = prune["levels"]
    pacc = by_config(prune, prune["test_acc"])
    out += _panel(lv, pacc, "Number of pruned nodes", "Test accuracy", outdir / "pruneacc", legend=True, sci=False)
    out += _panel(lv, pacc, "Number of pruned nodes", "Test accuracy", outdir / "pruneacc_zoom",
                  xlim=(0, 0.75 * lv[-1]), ylim=(0.6, 0.875), sci=False)
    out += _panel(lv, by_config(prune, prune["test_risk"]), "Number of pruned nodes", "Test risk (cross-entropy)",
                  outdir / "prunerisk", legend=True, sci=False)
    return out


def make_figures(experiment: str, runs: dict, prune: dict, transfer: dict | None, outdir: Path) -> list[Path]:
    outdir = Path(outdir)
    if experiment in UCI:
        files = plot_dynamics(runs, outdir, UCI_DYNAMICS)
        files += plot_pruning(prune, outdir, ("trainrisk", "testrisk"))
        files += plot_transfer(transfer, outdir, ("trainrisk", "testrisk"))
    elif experiment == "mnist":
        files = plot_dynamics(runs, outdir, MNIST_DYNAMICS)
        files += plot_pruning(prune, outdir, ("trainrisk", "testrisk", "trainacc", "testacc"))
        files += plot_transfer(transfer, outdir, ("trainrisk", "testrisk", "trainacc", "testacc"))
    else:
        files = plot_cifar(runs, prune, outdir)
    return files


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--experiment", required=True, choices=EXPERIMENTS)
    ap.add_argument("--runs", required=True)
    ap.add_argument("--prune", required=True)
    ap.add_argument("--transfer")
    ap.add_argument("--outdir", required=True)
    args = ap.parse_args(argv)
    transfer = load_npz(args.transfer) if args.transfer else None
    for path in make_figures(args.experiment, load_npz(args.runs), load_npz(args.prune), transfer, Path(args.outdir)):
        print(path)


if __name__ == "__main__":
    main()
