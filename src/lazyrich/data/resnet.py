"""The frozen ResNet-18 feature map of the CIFAR-10 experiment (spec §2.4), from a verified weights file.

``torchvision.models.resnet18`` with ``ResNet18_Weights.IMAGENET1K_V1`` (what the deprecated
``pretrained=True`` loads), ``fc`` replaced by the identity (512-d features), frozen, eval mode. The
weights file lives in ``data_dir/torch_hub/checkpoints/`` (torch.hub's layout); stand-in mode uses a
randomly initialised ResNet-18 written by :mod:`standins`. A missing file is downloaded from the
official URL only when ``download: true`` (failing offline with the same message as every raw file).
"""

from __future__ import annotations

from pathlib import Path

from .fetch import require_file
from .sources import RESNET18_WEIGHTS, RawFile

RESNET18_STANDIN = RawFile("torch_hub/checkpoints/resnet18-standin.pth", (), "",
                           "randomly initialised ResNet-18 (stand-in, smoke/tests only)")


def spec_of(manifest: dict[str, str] | None) -> RawFile:
    """The weights file of this mode: the stand-in's in stand-in mode, else the ImageNet weights."""
    return RESNET18_STANDIN if manifest is not None else RESNET18_WEIGHTS


def verify(root: Path, download: bool = False, manifest: dict[str, str] | None = None) -> tuple[Path, str]:
    """(path, sha256) of the verified weights file, downloaded first (official URL) where missing and allowed."""
    return require_file(spec_of(manifest), root, download=download and manifest is None, manifest=manifest)


def load_backbone(data_dir: str | Path, download: bool = False, manifest: dict[str, str] | None = None):
    """(frozen ResNet-18 with fc = identity, provenance dict)."""
    import torch
    from torchvision.models import resnet18

    path, digest = verify(Path(data_dir), download, manifest)
    net = resnet18(weights=None)
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    net.fc = torch.nn.Identity()
    net.eval()
    for p in net.parameters():
        p.requires_grad_(False)
    label = RESNET18_STANDIN.note if manifest is not None else "ResNet18_Weights.IMAGENET1K_V1"
    return net, {"weights": label, "file": str(path), "sha256": digest}
