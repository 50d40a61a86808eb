"""The frozen ResNet-18 feature map of the CIFAR-10 experiment (spec §2.4), from a verified weights file.

``torchvision.models.resnet18`` with ``ResNet18_Weights.IMAGENET1K_V1`` (what the deprecated
``pretrained=True`` loads), ``fc`` replaced by the identity (512-d features), frozen, eval mode. The
weights file lives in ``data_dir/torch_hub/checkpoints/`` (torch.hub's layout); stand-in mode uses a
randomly initialised ResNet-18 written by :mod:`standins`.
"""

from __future__ import annotations

from pathlib import Path

from .fetch import require_file
from .sources import RESNET18_WEIGHTS, RawFile

RESNET18_STANDIN = RawFile("torch_hub/checkpoints/resnet18-standin.pth", (), "",
                           "randomly initialised ResNet-18 (stand-in, smoke/tests only)")


def load_backbone(data_dir: str | Path, download: bool = False, manifest: dict[str, str] | None = None):
    """(frozen ResNet-18 with fc = identity, provenance dict)."""
    import torch
    from torchvision.models import ResNet18_Weights, resnet18

    root = Path(data_dir)
    spec = RESNET18_STANDIN if manifest is not None else RESNET18_WEIGHTS
    target = root / spec.relpath
    if manifest is None and download and not target.exists():
        torch.hub.load_state_dict_from_url(ResNet18_Weights.IMAGENET1K_V1.url, model_dir=str(target.parent),
                                           progress=True, check_hash=True)
    path, digest = require_file(spec, root, download=False, manifest=manifest)
    net = resnet18(weights=None)
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    net.fc = torch.nn.Identity()
    net.eval()
    for p in net.parameters():
        p.requires_grad_(False)
    label = spec.note if manifest is not None else "ResNet18_Weights.IMAGENET1K_V1"
    return net, {"weights": label, "file": str(path), "sha256": digest}
