"""MNIST through torchvision's loader, from files whose SHA-256 has been verified first.

Variants (config ``data.mnist_variant``):

- ``official``: the four official ``*.gz`` files in ``data_dir/MNIST/raw`` (downloaded by torchvision when
  ``download: true``), verified, then extracted and read by ``torchvision.datasets.MNIST``;
- ``offline_t10k_standin``: the folder written by ``shared/tools/make_offline_mnist.py`` (real digits, but
  both splits come from the official *test* set), verified against its own checksums and labelled so;
- ``auto``: ``official`` if its files are there, else the offline stand-in if present, else the error of
  ``official``.

In stand-in mode (smoke, tests) the ``*.gz`` files written by :mod:`standins` are checked against the
stand-in manifest instead of the official checksums.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import numpy as np

from lazyrich.io import atomic_path

from .fetch import DataFormatError, require_file
from .sources import MNIST_FILES, MNIST_OFFLINE_T10K_FILES

SOURCE_LABELS = {
    "official": "MNIST (official files, torchvision loader)",
    "offline_t10k_standin": "OFFLINE MNIST STAND-IN: real digits from the official MNIST test set "
                            "(train = test images 0-4999, test = test images 5000-9999); NOT the paper's MNIST",
    "standin": "SYNTHETIC STAND-IN written in the MNIST idx format (smoke/tests only)",
}


def _extract(gz_path: Path) -> None:
    target = gz_path.with_suffix("")  # drop .gz: the file name torchvision reads
    with gzip.open(gz_path, "rb") as src, atomic_path(target, suffix="") as tmp, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst)


def _torchvision_arrays(root: Path) -> dict[str, np.ndarray]:
    from torchvision.datasets import MNIST

    out = {}
    for split, train in (("train", True), ("test", False)):
        try:
            ds = MNIST(root=str(root), train=train, download=False)
        except Exception as exc:
            raise DataFormatError(f"torchvision cannot read MNIST in {root}/MNIST/raw: {exc}") from exc
        out[f"{split}_images"] = ds.data.numpy().astype(np.uint8)
        out[f"{split}_labels"] = ds.targets.numpy().astype(np.int64)
    return out


def _official_present(root: Path) -> bool:
    return all((root / spec.relpath).exists() for spec in MNIST_FILES.values())


def _offline_present(root: Path) -> bool:
    return all((root / spec.relpath).exists() for spec in MNIST_OFFLINE_T10K_FILES.values())


def load_mnist(data_dir: str | Path, download: bool = False, variant: str = "auto",
               manifest: dict[str, str] | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """MNIST arrays (``train_images`` uint8 [N,28,28], ``train_labels`` int64, ``test_*``) and provenance."""
    root = Path(data_dir)
    if variant not in ("auto", "official", "offline_t10k_standin"):
        raise ValueError(f"mnist_variant '{variant}' not allowed; allowed: auto, official, offline_t10k_standin")
    if manifest is not None:
        chosen, specs = "standin", MNIST_FILES
    elif variant == "offline_t10k_standin" or (variant == "auto" and not _official_present(root) and _offline_present(root)):
        chosen, specs = "offline_t10k_standin", MNIST_OFFLINE_T10K_FILES
    else:
        chosen, specs = "official", MNIST_FILES
        if download and not _official_present(root):
            from torchvision.datasets import MNIST

            for train in (True, False):  # torchvision downloads (with its own md5 check) and extracts
                MNIST(root=str(root), train=train, download=True)
    hashes = {}
    for name, spec in specs.items():
        path, digest = require_file(spec, root, download=False, manifest=manifest)
        hashes[name] = digest
        if name.endswith(".gz"):
            _extract(path)  # torchvision reads the extracted file; always re-extract from the verified gzip
    arrays = _torchvision_arrays(root)
    meta = {"variant": chosen, "source": SOURCE_LABELS[chosen], "sha256": hashes}
    return arrays, meta
