"""CIFAR-10 through torchvision's loader, from the archive whose SHA-256 has been verified first.

``data_dir/cifar-10-python.tar.gz`` is checked, extracted (if needed) to ``data_dir/cifar-10-batches-py``
and read by ``torchvision.datasets.CIFAR10``, which also checks the md5 of every extracted batch. For
stand-in files (smoke, tests) the batch md5 list is taken from the stand-in manifest.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from .fetch import DataFormatError, require_file
from .sources import CIFAR10_ARCHIVE


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _loader_class(root: Path, standin: bool):
    from torchvision.datasets import CIFAR10

    if not standin:
        return CIFAR10
    folder = root / CIFAR10.base_folder

    class StandinCIFAR10(CIFAR10):  # same loader; md5s of the stand-in batches instead of the official ones
        train_list = [[n, _md5(folder / n)] for n, _ in CIFAR10.train_list]
        test_list = [[n, _md5(folder / n)] for n, _ in CIFAR10.test_list]
        meta = {**CIFAR10.meta, "md5": _md5(folder / CIFAR10.meta["filename"])}

    return StandinCIFAR10


def load_cifar10(data_dir: str | Path, download: bool = False,
                 manifest: dict[str, str] | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """CIFAR-10 arrays (``train_images`` uint8 [N,32,32,3], ``train_labels`` int64, ``test_*``) and provenance."""
    from torchvision.datasets.utils import extract_archive

    root = Path(data_dir)
    if download and manifest is None and not (root / CIFAR10_ARCHIVE.relpath).exists():
        from torchvision.datasets import CIFAR10

        CIFAR10(root=str(root), train=True, download=True)  # torchvision's download (md5 checked)
    archive, digest = require_file(CIFAR10_ARCHIVE, root, download=False, manifest=manifest)
    # Always re-extract from the verified archive, so a stale or edited batch folder is never read.
    extract_archive(str(archive), str(root))
    cls = _loader_class(root, manifest is not None)
    out = {}
    for split, train in (("train", True), ("test", False)):
        try:
            ds = cls(root=str(root), train=train, download=False)
        except Exception as exc:
            raise DataFormatError(f"torchvision cannot read CIFAR-10 batches in {root}: {exc}") from exc
        out[f"{split}_images"] = np.ascontiguousarray(ds.data, dtype=np.uint8)
        out[f"{split}_labels"] = np.asarray(ds.targets, dtype=np.int64)
    source = ("SYNTHETIC STAND-IN written in the CIFAR-10 python format (smoke/tests only)" if manifest is not None
              else "CIFAR-10 (official archive, torchvision loader)")
    return out, {"variant": "standin" if manifest is not None else "official", "source": source,
                 "sha256": {CIFAR10_ARCHIVE.relpath: digest}}
