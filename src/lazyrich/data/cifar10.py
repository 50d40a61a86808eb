"""CIFAR-10 through torchvision's loader, from an archive whose SHA-256 has been verified first.

Variants (config ``data.cifar10_variant``):

- ``official``: ``data_dir/cifar-10-python.tar.gz``, the official python-version archive (downloaded from
  the official URL when ``download: true``);
- ``jpeg_standin``: ``data_dir/cifar10-jpeg-standin/cifar-10-python.tar.gz``, the real images JPEG-compressed
  (quality 75) and rebuilt in the official format in a fixed shuffled order, verified against the checksum
  of that rebuild; real images but lossy pixels, labelled as the stand-in in every output;
- ``auto``: ``official`` if its archive is there, else the JPEG stand-in if present, else the error (or
  download) of ``official``.

The verified archive is always extracted into a fresh temporary folder that torchvision reads, so a
half-extracted or edited batch folder is never used and ``data_dir`` is only ever read. torchvision also
checks the md5 of every extracted batch; for stand-in archives the md5 list is that of the verified
archive's own batches.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import numpy as np

from .fetch import DataFormatError, require_file
from .sources import CIFAR10_ARCHIVE, CIFAR10_JPEG_STANDIN, OFFICIAL, REAL_IMAGE_STANDIN, SYNTHETIC_STANDIN, RawFile

VARIANTS = ("auto", "official", "jpeg_standin")
ARCHIVES = {"official": CIFAR10_ARCHIVE, "jpeg_standin": CIFAR10_JPEG_STANDIN, "standin": CIFAR10_ARCHIVE}
SOURCE_LABELS = {
    "official": "CIFAR-10 (official archive, torchvision loader)",
    "jpeg_standin": "CIFAR-10 JPEG STAND-IN: the real CIFAR-10 images JPEG-compressed (quality 75), fixed shuffled "
                    "order; NOT the paper's CIFAR-10",
    "standin": "SYNTHETIC STAND-IN written in the CIFAR-10 python format (smoke/tests only)",
}
KINDS = {"official": OFFICIAL, "jpeg_standin": REAL_IMAGE_STANDIN, "standin": SYNTHETIC_STANDIN}


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _loader_class(root: Path, official: bool):
    from torchvision.datasets import CIFAR10

    if official:
        return CIFAR10
    folder = root / CIFAR10.base_folder

    class StandinCIFAR10(CIFAR10):  # same loader; md5s of the stand-in batches instead of the official ones
        train_list = [[n, _md5(folder / n)] for n, _ in CIFAR10.train_list]
        test_list = [[n, _md5(folder / n)] for n, _ in CIFAR10.test_list]
        meta = {**CIFAR10.meta, "md5": _md5(folder / CIFAR10.meta["filename"])}

    return StandinCIFAR10


def resolve_archive(root: Path, variant: str, manifest: dict[str, str] | None = None) -> tuple[str, RawFile]:
    """(variant, archive spec) that ``load_cifar10`` will verify and read; nothing is read or written."""
    if variant not in VARIANTS:
        raise ValueError(f"cifar10_variant '{variant}' not allowed; allowed: {', '.join(VARIANTS)}")
    if manifest is not None:
        return "standin", CIFAR10_ARCHIVE
    if variant == "auto":
        variant = ("jpeg_standin" if not (root / CIFAR10_ARCHIVE.relpath).exists()
                   and (root / CIFAR10_JPEG_STANDIN.relpath).exists() else "official")
    return variant, ARCHIVES[variant]


def verify(root: Path, spec: RawFile, download: bool = False, manifest: dict[str, str] | None = None) -> tuple[Path, str]:
    """(path, sha256) of the verified archive (downloaded first where missing and allowed)."""
    return require_file(spec, root, download=download and manifest is None and bool(spec.urls), manifest=manifest)


def load_cifar10(data_dir: str | Path, download: bool = False, variant: str = "auto",
                 manifest: dict[str, str] | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """CIFAR-10 arrays (``train_images`` uint8 [N,32,32,3], ``train_labels`` int64, ``test_*``) and provenance."""
    from torchvision.datasets.utils import extract_archive

    root = Path(data_dir)
    chosen, spec = resolve_archive(root, variant, manifest)
    archive, digest = verify(root, spec, download, manifest)
    out = {}
    with tempfile.TemporaryDirectory(prefix="lazyrich-cifar10-") as tmp:
        try:
            extract_archive(str(archive), tmp)
        except Exception as exc:
            raise DataFormatError(f"{archive} has the right checksum but cannot be extracted: {exc}") from exc
        cls = _loader_class(Path(tmp), chosen == "official")
        for split, train in (("train", True), ("test", False)):
            try:
                ds = cls(root=tmp, train=train, download=False)
            except Exception as exc:
                raise DataFormatError(f"torchvision cannot read the CIFAR-10 batches of {archive}: {exc}") from exc
            out[f"{split}_images"] = np.ascontiguousarray(ds.data, dtype=np.uint8)
            out[f"{split}_labels"] = np.asarray(ds.targets, dtype=np.int64)
    meta = {"variant": chosen, "kind": KINDS[chosen], "source": SOURCE_LABELS[chosen],
            "sha256": {spec.relpath: digest}}
    return out, meta
