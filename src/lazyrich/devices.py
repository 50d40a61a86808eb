"""The torch device of a config's ``device`` key (auto | cpu | cuda), shared by every experiment that has one."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # torch is imported on first use: importing a CLI module that names this one stays torch-free
    import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda")


def resolve_device(name: str = "auto") -> "torch.device":
    """'auto' picks CUDA when present. TF32 matmuls are disabled so fp32 stays fp32 (spec D12)."""
    import torch

    if name not in DEVICE_CHOICES:
        raise ValueError(f"device must be one of {list(DEVICE_CHOICES)}, got {name!r}")
    if name == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("config asks for device 'cuda' but no CUDA device is available (use 'auto' or 'cpu')")
    device = torch.device("cuda" if name in ("auto", "cuda") and torch.cuda.is_available() else "cpu")
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    return device
