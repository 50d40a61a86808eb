"""Which data and settings an experiment of this package uses (config section ``asymmetric_real``)."""

from __future__ import annotations

from pathlib import Path

from lazyrich.devices import resolve_device
from lazyrich.io import load_npz

from .datasets import mnist_splits, uci_splits

UCI = ("airfoil", "concrete", "energy", "plant")
EXPERIMENTS = (*UCI, "mnist", "cifar10")


def settings_of(cfg: dict, experiment: str) -> dict:
    """The experiment's block of the section (``uci`` for the four UCI datasets)."""
    if experiment not in EXPERIMENTS:
        raise ValueError(f"unknown experiment '{experiment}'; allowed: {list(EXPERIMENTS)}")
    return cfg["uci"] if experiment in UCI else cfg[experiment]


def device_of(cfg: dict) -> str:
    """The section's ``device`` (auto | cpu | cuda); 'auto' for a resolved config written before the key existed."""
    return cfg.get("device", "auto")


def section_device(cfg: dict):
    """The torch device of the section's ``device`` key (resolve_device: auto = CUDA when present), printed."""
    device = resolve_device(device_of(cfg))
    print(f"device: {device}", flush=True)
    return device


def top_level(cfg: dict, experiment: str) -> dict:
    """What the shared run grid and trainer need: configurations, seeds, m, dtype, lambda_ranks, device."""
    s = settings_of(cfg, experiment)
    return {"configurations": cfg["configurations"], "seeds": s["seeds"], "m": s["m"], "dtype": cfg["dtype"],
            "lambda_ranks": cfg["lambda_ranks"], "device": device_of(cfg)}


def load_splits(cfg: dict, experiment: str, data_path: str | Path) -> dict:
    prepared = load_npz(data_path)
    if experiment in UCI:
        return uci_splits(prepared, cfg["uci"]["max_train_rows"].get(experiment, 0))
    if experiment == "mnist":
        return mnist_splits(prepared, cfg["mnist"]["ranges"])
    raise ValueError(f"'{experiment}' has no GD splits (CIFAR-10 uses cached features)")


def loss_of(experiment: str) -> str:
    return "ce" if experiment == "cifar10" else "mse"
