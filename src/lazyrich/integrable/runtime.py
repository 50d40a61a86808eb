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
