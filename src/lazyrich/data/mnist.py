"""MNIST through torchvision's loader, from files whose SHA-256 has been verified first.

Variants (config ``data.mnist_variant``) and the files each accepts in ``data_dir/MNIST/raw``:

- ``official``: the four official files, in either form: the ``*.gz`` files as published (downloaded from
  the official mirrors when ``download: true``), or the same files uncompressed (as torchvision leaves
  them after extraction), each verified against the official checksum of its form;
- ``offline_t10k_standin``: the folder written by ``make_offline_mnist.py`` (real digits, but both splits
  come from the official *test* set), verified against its own checksums and labelled so;
- ``auto``: ``official`` (either form) if its files are there, else the offline stand-in if present, else
  the error (or download) of ``official``. The uncompressed official files and the stand-in share their
  file names; ``auto`` tells them apart by checksum.

The verified files are decompressed or copied into a temporary folder that torchvision reads, so
``data_dir`` is only ever read (it may be read-only or shared), and a stale or edited extracted file in
it is never used. In stand-in mode (smoke, tests) the ``*.gz`` files written by :mod:`standins` are
checked against the stand-in manifest instead of the official checksums.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

import numpy as np

from .fetch import DataFormatError, MissingDataError, require_file
from .sources import (MNIST_FILES, MNIST_OFFLINE_T10K_FILES, MNIST_UNCOMPRESSED_FILES, OFFICIAL,
                      REAL_IMAGE_STANDIN, SYNTHETIC_STANDIN, RawFile)

VARIANTS = ("auto", "official", "offline_t10k_standin")

SOURCE_LABELS = {
    "official": "MNIST (official files, torchvision loader)",
    "offline_t10k_standin": "OFFLINE MNIST STAND-IN: real digits from the official MNIST test set "
                            "(train = test images 0-4999, test = test images 5000-9999); NOT the paper's MNIST",
    "standin": "SYNTHETIC STAND-IN written in the MNIST idx format (smoke/tests only)",
}
KINDS = {"official": OFFICIAL, "offline_t10k_standin": REAL_IMAGE_STANDIN, "standin": SYNTHETIC_STANDIN}
FORMS = {"gz": MNIST_FILES, "uncompressed": MNIST_UNCOMPRESSED_FILES}


def variant_label(variant: str, form: str) -> str:
    """What the provenance calls the files read, e.g. ``official (uncompressed)``."""
    return f"{variant} ({form})"


def _present(root: Path, specs: dict[str, RawFile]) -> bool:
    return all((root / spec.relpath).is_file() for spec in specs.values())


def _uncompressed_variant(root: Path) -> str:
    """Which set the uncompressed files in ``root`` belong to, by the checksum of the first one."""
    from lazyrich.io import file_sha256

    name = next(iter(MNIST_UNCOMPRESSED_FILES))
    digest = file_sha256(root / MNIST_UNCOMPRESSED_FILES[name].relpath)
    return "offline_t10k_standin" if digest == MNIST_OFFLINE_T10K_FILES[name].sha256 else "official"


def resolve_files(root: Path, variant: str, download: bool,
                  manifest: dict[str, str] | None = None) -> tuple[str, str, dict[str, RawFile]]:
    """(variant, form, file specs) that ``load_mnist`` will verify and read; nothing is read or written."""
    if variant not in VARIANTS:
        raise ValueError(f"mnist_variant '{variant}' not allowed; allowed: {', '.join(VARIANTS)}")
    if manifest is not None:
        return "standin", "gz", MNIST_FILES
    if variant == "offline_t10k_standin":
        return variant, "uncompressed", MNIST_OFFLINE_T10K_FILES
    if _present(root, MNIST_FILES):
        return "official", "gz", MNIST_FILES
    if _present(root, MNIST_UNCOMPRESSED_FILES):
        chosen = _uncompressed_variant(root) if variant == "auto" else "official"
        specs = MNIST_OFFLINE_T10K_FILES if chosen == "offline_t10k_standin" else MNIST_UNCOMPRESSED_FILES
        return chosen, "uncompressed", specs
    if not download:
        gz = ", ".join(MNIST_FILES)
        raise MissingDataError(
            f"MNIST not found in {root / 'MNIST/raw'} and downloading is off (config data.download: false).\n"
            f"  Put there either the four official gzip files ({gz}; URLs {MNIST_FILES[next(iter(MNIST_FILES))].urls[0]}...)\n"
            f"  or the same four files uncompressed ({', '.join(MNIST_UNCOMPRESSED_FILES)}), as torchvision leaves them.\n"
            f"  Expected SHA-256 of the gzip files: "
            + ", ".join(f"{n} {s.sha256}" for n, s in MNIST_FILES.items())
            + "\n  of the uncompressed files: "
            + ", ".join(f"{n} {s.sha256}" for n, s in MNIST_UNCOMPRESSED_FILES.items())
        )
    return "official", "gz", MNIST_FILES  # require_file downloads the gzip files from the official mirrors


def verify(root: Path, specs: dict[str, RawFile], download: bool = False,
           manifest: dict[str, str] | None = None) -> dict[str, tuple[Path, str]]:
    """``{file name: (path, sha256)}`` of verified files (downloaded first where missing and allowed)."""
    return {name: require_file(spec, root, download=download and manifest is None and bool(spec.urls),
                               manifest=manifest)
            for name, spec in specs.items()}


def _stage(files: dict[str, tuple[Path, str]], folder: Path) -> None:
    """Write the verified files, uncompressed, where torchvision reads them (``folder/MNIST/raw``)."""
    raw = folder / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name, (path, _) in files.items():
        target = raw / name.removesuffix(".gz")
        if name.endswith(".gz"):
            try:
                with gzip.open(path, "rb") as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
            except (OSError, EOFError) as exc:
                raise DataFormatError(f"{path} has the right checksum but cannot be decompressed: {exc}") from exc
        else:
            shutil.copyfile(path, target)


def _torchvision_arrays(root: Path) -> dict[str, np.ndarray]:
    from torchvision.datasets import MNIST

    out = {}
    for split, train in (("train", True), ("test", False)):
        try:
            ds = MNIST(root=str(root), train=train, download=False)
        except Exception as exc:
            raise DataFormatError(f"torchvision cannot read the verified MNIST files: {exc}") from exc
        out[f"{split}_images"] = ds.data.numpy().astype(np.uint8)
        out[f"{split}_labels"] = ds.targets.numpy().astype(np.int64)
    return out


def load_mnist(data_dir: str | Path, download: bool = False, variant: str = "auto",
               manifest: dict[str, str] | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """MNIST arrays (``train_images`` uint8 [N,28,28], ``train_labels`` int64, ``test_*``) and provenance."""
    root = Path(data_dir)
    chosen, form, specs = resolve_files(root, variant, download, manifest)
    files = verify(root, specs, download, manifest)
    with tempfile.TemporaryDirectory(prefix="lazyrich-mnist-") as tmp:
        _stage(files, Path(tmp))
        arrays = _torchvision_arrays(Path(tmp))
    meta = {"variant": chosen, "form": form, "kind": KINDS[chosen], "source": SOURCE_LABELS[chosen],
            "sha256": {name: digest for name, (_, digest) in files.items()}}
    return arrays, meta
