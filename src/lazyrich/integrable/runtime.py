"""Torch runtime settings shared by the integrable scripts: threads, dtype, no TF32 (IP-D17)."""

from __future__ import annotations

import os

import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def torch_dtype(name: str) -> torch.dtype:
    if name not in DTYPES:
        raise ValueError(f"dtype '{name}' not allowed: {list(DTYPES)}")
    return DTYPES[name]


def setup_torch(cfg: dict | None = None) -> None:
    """Thread count from LAZYRICH_THREADS (the rules pass their thread budget), TF32 off."""
    threads = int(os.environ.get("LAZYRICH_THREADS", "0") or 0)
    if threads > 0:
        torch.set_num_threads(threads)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")


def cli_setup(doc: str, argv=None):
    """The shared start of the IP-E* CLIs: ``--config --data --out``, the validated config, torch set up,
    and the prepared training split as tensors ``(args, cfg, x_train, y_train)`` (x as float64)."""
    import argparse


    from lazyrich.config import load_section
    from lazyrich.integrable.datasets import load_prepared

    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    setup_torch(cfg)
    data = load_prepared(args.data)
    return args, cfg, torch.from_numpy(data["x_train"]), torch.from_numpy(data["y_train"])
