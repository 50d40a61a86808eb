"""Frozen ResNet-18 features of CIFAR-10 images (spec §2.4, D9), with progress and resume.

Test transform ``Resize(256), CenterCrop(224), ToTensor, Normalize(ImageNet mean/std)``; train transform
(paper profile) ``RandomResizedCrop(224), RandomHorizontalFlip()``, then the same normalisation. The
transforms are applied to batches of tensors with ``torchvision.transforms.v2`` (bilinear, antialias),
the tensor equivalent of the authors' PIL pipeline.

Extraction runs in chunks; every finished chunk is saved atomically in a cache folder, so an interrupted
extraction resumes where it stopped (the chunk files are keyed by split, chunk size and image count).

Device: the uint8 image batches go to ``device`` (where the backbone must already be), are transformed and
embedded there; the features of a chunk come back to the CPU as numpy once per chunk. The random
augmentation parameters are drawn from torch's global CPU generator whatever the device.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torchvision.transforms import v2

from lazyrich.io import atomic_path
from lazyrich.progress import progress

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]

TEST_TRANSFORM = v2.Compose([
    v2.Resize(256, antialias=True), v2.CenterCrop(224), v2.ToDtype(torch.float32, scale=True), v2.Normalize(MEAN, STD),
])
TRAIN_TRANSFORM = v2.Compose([
    v2.RandomResizedCrop(224, antialias=True), v2.RandomHorizontalFlip(), v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(MEAN, STD),
])


def to_tensor_batch(images: np.ndarray) -> torch.Tensor:
    """uint8 [B, 32, 32, 3] -> uint8 tensor [B, 3, 32, 32]."""
    return torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2)))


def augmented_batch(images: np.ndarray, device: torch.device | str | None = None) -> torch.Tensor:
    """Train augmentation drawn independently per image (torch's global RNG, seeded by the caller), on ``device``."""
    return torch.stack([TRAIN_TRANSFORM(img) for img in to_tensor_batch(images).to(device)])


def plain_batch(images: np.ndarray, device: torch.device | str | None = None) -> torch.Tensor:
    """Test transform of a batch, on ``device``."""
    return TEST_TRANSFORM(to_tensor_batch(images).to(device))


@torch.no_grad()
def embed(backbone, batch: torch.Tensor) -> torch.Tensor:
    """Features [B, 512] as float32, on the device of ``batch`` (and of the backbone)."""
    return backbone(batch).float()


def extract(images: np.ndarray, backbone, cache_dir: str | Path, split: str, batch_size: int = 64,
            chunk: int = 512, augment: bool = False, device: torch.device | str | None = None) -> np.ndarray:
    """Features [N, 512] of ``images``; finished chunks are cached in ``cache_dir`` and reused on resume.

    ``device``: where the transforms and the backbone run (the backbone must be there already); None = CPU.
    """
    device = torch.device(device) if device is not None else torch.device("cpu")
    cache = Path(cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    n = len(images)
    parts = []
    bar = progress(total=n, desc=f"ResNet-18 features ({split})", unit="img")
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        path = cache / f"{split}_{'aug' if augment else 'plain'}_n{n}_c{chunk}_{start:06d}.npy"
        if path.exists():
            parts.append(np.load(path))
            bar.update(stop - start)
            continue
        feats = []
        for b in range(start, stop, batch_size):
            raw = images[b:min(b + batch_size, stop)]
            x = augmented_batch(raw, device) if augment else plain_batch(raw, device)
            feats.append(embed(backbone, x))
            bar.update(len(raw))
        arr = torch.cat(feats).cpu().numpy()
        with atomic_path(path) as tmp:
            np.save(tmp, arr)
        parts.append(arr)
    bar.close()
    return np.concatenate(parts) if parts else np.zeros((0, 512), np.float32)
