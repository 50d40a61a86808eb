"""Stand-in raw files in the real formats, so the real parsing code runs in the smoke profile and tests.

Writes into one folder, in the layout :mod:`fetch` expects: the four UCI files (``.dat`` with tabs and
CRLF, Excel 97 ``.xls``, two ``.xlsx`` workbooks; exact row/column counts of the real files), MNIST idx
``.gz`` files, the CIFAR-10 python-batch archive, a randomly initialised ResNet-18, and
``standin_manifest.json`` with the SHA-256 of each file (used instead of the official checksums).

The contents are synthetic (seeded): targets are a smooth nonlinear function of the features, images are
noisy class templates, so that training on them is meaningful but they are never mistaken for data.
"""

from __future__ import annotations

import argparse
import gzip
import io
import pickle
import struct
import tarfile
from pathlib import Path

import numpy as np

from lazyrich.io import atomic_path, file_sha256, save_json
from lazyrich.seeding import numpy_rng

from .fetch import STANDIN_MANIFEST
from .resnet import RESNET18_STANDIN
from .sources import CIFAR10_ARCHIVE, MNIST_FILES, UCI_FILES
from .uci import UCI_SHAPES

UCI_HEADERS = {
    "concrete": ["Cement", "Blast Furnace Slag", "Fly Ash", "Water", "Superplasticizer", "Coarse Aggregate",
                 "Fine Aggregate", "Age (day)", "Concrete compressive strength"],
    "energy": [f"X{i}" for i in range(1, 9)] + ["Y1", "Y2"],
    "plant": ["AT", "V", "AP", "RH", "EP"],  # as in the distributed file
}


def _uci_table(name: str, seed: int) -> np.ndarray:
    n, d = UCI_SHAPES[name]
    rng = numpy_rng(seed, f"standin_uci_{name}")
    x = rng.normal(size=(n, d)) * rng.uniform(1, 10, size=d) + rng.uniform(0, 100, size=d)
    z = (x - x.mean(0)) / x.std(0)
    v = rng.normal(size=d) / np.sqrt(d)
    y = 30 + 5 * np.sin(2 * z @ v) + 3 * (z[:, 0] > 0) + rng.normal(scale=0.5, size=n)
    cols = [x, y[:, None]]
    if name == "energy":  # Y2 (unused) after Y1
        cols.append((y + rng.normal(size=n))[:, None])
    return np.round(np.hstack(cols), 4)


def write_uci(out: Path, name: str, seed: int) -> Path:
    table = _uci_table(name, seed)
    path = out / UCI_FILES[name].relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        if name == "airfoil":
            lines = ["\t".join(f"{v:g}" for v in row) for row in table]
            tmp.write_bytes(("\r\n".join(lines) + "\r\n").encode())
        elif name == "concrete":
            import xlwt

            book = xlwt.Workbook()
            sheet = book.add_sheet("Sheet1")
            for j, head in enumerate(UCI_HEADERS[name]):
                sheet.write(0, j, head)
            for i, row in enumerate(table, start=1):
                for j, v in enumerate(row):
                    sheet.write(i, j, float(v))
            book.save(str(tmp))
        else:
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.title = "Sheet1"
            sheet.append(UCI_HEADERS[name])
            for row in table:
                sheet.append([float(v) for v in row])
            book.save(str(tmp))
    return path


def _class_images(n: int, shape: tuple[int, ...], seed: int, purpose: str) -> tuple[np.ndarray, np.ndarray]:
    """Noisy class templates (10 classes), uint8."""
    rng = numpy_rng(seed, purpose)
    templates = numpy_rng(seed, "standin_templates_" + purpose.split("_")[1]).uniform(0, 255, size=(10, *shape))
    labels = rng.integers(0, 10, size=n)
    images = 0.6 * templates[labels] + 0.4 * rng.uniform(0, 255, size=(n, *shape))
    return np.clip(images, 0, 255).astype(np.uint8), labels.astype(np.int64)


def _idx_bytes(array: np.ndarray) -> bytes:
    if array.ndim == 3:
        header = struct.pack(">IIII", 2051, *array.shape)
    else:
        header = struct.pack(">II", 2049, array.shape[0])
    return header + array.astype(np.uint8).tobytes()


def write_mnist(out: Path, n_train: int, n_test: int, seed: int) -> list[Path]:
    written = []
    for split, n in (("train", n_train), ("t10k", n_test)):
        images, labels = _class_images(n, (28, 28), seed, f"standin_mnist_{split}")
        for kind, arr in (("images-idx3", images), ("labels-idx1", labels)):
            spec = MNIST_FILES[f"{split}-{kind}-ubyte.gz"]
            path = out / spec.relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as tmp:
                tmp.write_bytes(gzip.compress(_idx_bytes(arr), mtime=0))
            written.append(path)
    return written


def write_cifar10(out: Path, n_per_batch: int, n_test: int, seed: int) -> Path:
    """The python-version archive: data_batch_1..5, test_batch, batches.meta under cifar-10-batches-py/."""
    members = {}
    for i in range(1, 6):
        images, labels = _class_images(n_per_batch, (32, 32, 3), seed, f"standin_cifar_batch{i}")
        members[f"data_batch_{i}"] = {"batch_label": f"training batch {i} of 5",
                                      "data": images.transpose(0, 3, 1, 2).reshape(n_per_batch, 3072),
                                      "labels": labels.tolist()}
    images, labels = _class_images(n_test, (32, 32, 3), seed, "standin_cifar_test")
    members["test_batch"] = {"batch_label": "testing batch 1 of 1",
                             "data": images.transpose(0, 3, 1, 2).reshape(n_test, 3072), "labels": labels.tolist()}
    members["batches.meta"] = {"label_names": ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
                                               "horse", "ship", "truck"], "num_cases_per_batch": n_per_batch,
                               "num_vis": 3072}
    path = out / CIFAR10_ARCHIVE.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        with tarfile.open(tmp, "w:gz") as tar:
            for name, obj in members.items():
                payload = pickle.dumps(obj, protocol=2)
                info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
                info.size, info.mtime = len(payload), 0
                tar.addfile(info, io.BytesIO(payload))
    return path


def write_resnet(out: Path, seed: int) -> Path:
    import torch
    from torchvision.models import resnet18

    torch.manual_seed(seed)  # a fixed random initialisation (stand-in for the ImageNet weights)
    path = out / RESNET18_STANDIN.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        torch.save(resnet18(weights=None).state_dict(), tmp)
    return path


def write_all(out: str | Path, seed: int = 0, mnist_train: int = 1200, mnist_test: int = 1200,
              cifar_per_batch: int = 40, cifar_test: int = 100, uci: tuple[str, ...] = tuple(UCI_SHAPES)) -> dict:
    out = Path(out)
    paths = [write_uci(out, name, seed) for name in uci]
    paths += write_mnist(out, mnist_train, mnist_test, seed)
    paths.append(write_cifar10(out, cifar_per_batch, cifar_test, seed))
    paths.append(write_resnet(out, seed))
    manifest = {"note": "synthetic stand-in files (lazyrich.data.standins); never real data",
                "sha256": {str(p.relative_to(out)): file_sha256(p) for p in paths}}
    save_json(out / STANDIN_MANIFEST, manifest)
    return manifest


def main(argv=None) -> None:
    from lazyrich.config import load_section

    ap = argparse.ArgumentParser(description="Write stand-in raw data files in the real formats.")
    ap.add_argument("--config", required=True, help="resolved data config (JSON)")
    ap.add_argument("--out", required=True, help="folder to write (the stand-in data_dir)")
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    sizes = cfg["standin_sizes"]
    write_all(args.out, seed=cfg["seed"], mnist_train=sizes["mnist_train"], mnist_test=sizes["mnist_test"],
              cifar_per_batch=sizes["cifar_per_batch"], cifar_test=sizes["cifar_test"])
    print(f"wrote stand-in data files to {args.out}")


if __name__ == "__main__":
    main()
