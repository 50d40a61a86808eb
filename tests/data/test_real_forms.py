"""The real-data forms (issue 13): official MNIST as .gz or uncompressed, the CIFAR-10 JPEG stand-in, offline
errors for every downloadable file, a data_dir that is only read, and the data inventory.

The tests write small files in the real formats and put their checksums into the registries (monkeypatch),
so the code paths of the official files run without the real files (which CI does not have).
"""

from __future__ import annotations

import gzip
import json
import urllib.error
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from lazyrich.data import cifar10, fetch, inventory, mnist, resnet, standins
from lazyrich.data.fetch import ChecksumError, DataFormatError, MissingDataError
from lazyrich.data.sources import (CIFAR10_ARCHIVE, CIFAR10_JPEG_STANDIN, MNIST_FILES, MNIST_OFFLINE_T10K_FILES,
                                   MNIST_UNCOMPRESSED_FILES, OFFICIAL, REAL_IMAGE_STANDIN, RESNET18_WEIGHTS)
from lazyrich.io import file_sha256


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def _registry(root: Path, specs: dict) -> dict:
    """The registry ``specs`` with the checksums of the files written under ``root``."""
    return {name: replace(spec, sha256=file_sha256(root / spec.relpath)) for name, spec in specs.items()}


@pytest.fixture()
def mnist_gz(tmp_path, monkeypatch):
    """A data_dir holding small MNIST .gz files in the official idx format, registered as official."""
    standins.write_mnist(tmp_path, n_train=30, n_test=20, seed=3)
    monkeypatch.setattr(mnist, "MNIST_FILES", _registry(tmp_path, MNIST_FILES))
    return tmp_path


def _uncompress(root: Path) -> None:
    for spec in MNIST_FILES.values():
        gz = root / spec.relpath
        gz.with_suffix("").write_bytes(gzip.decompress(gz.read_bytes()))
        gz.unlink()


def test_mnist_gz_and_uncompressed_forms_give_the_same_arrays(mnist_gz, tmp_path_factory, monkeypatch):
    arrays_gz, meta_gz = mnist.load_mnist(mnist_gz, variant="official")
    assert (meta_gz["variant"], meta_gz["form"], meta_gz["kind"]) == ("official", "gz", OFFICIAL)
    _uncompress(mnist_gz)
    monkeypatch.setattr(mnist, "MNIST_UNCOMPRESSED_FILES", _registry(mnist_gz, MNIST_UNCOMPRESSED_FILES))
    for variant in ("official", "auto"):
        arrays_raw, meta_raw = mnist.load_mnist(mnist_gz, variant=variant)
        assert (meta_raw["variant"], meta_raw["form"], meta_raw["kind"]) == ("official", "uncompressed", OFFICIAL)
        assert set(meta_raw["sha256"]) == set(MNIST_UNCOMPRESSED_FILES)
        for key in arrays_gz:
            np.testing.assert_array_equal(arrays_gz[key], arrays_raw[key])
    assert arrays_raw["train_images"].shape == (30, 28, 28)


def test_auto_tells_the_offline_standin_from_the_uncompressed_official_files(mnist_gz, monkeypatch):
    _uncompress(mnist_gz)
    monkeypatch.setattr(mnist, "MNIST_OFFLINE_T10K_FILES", _registry(mnist_gz, MNIST_OFFLINE_T10K_FILES))
    _, meta = mnist.load_mnist(mnist_gz, variant="auto")
    assert (meta["variant"], meta["kind"]) == ("offline_t10k_standin", REAL_IMAGE_STANDIN)
    assert "NOT the paper's MNIST" in meta["source"]
    with pytest.raises(ChecksumError, match="rejected"):  # asked for the official files: these are not
        mnist.load_mnist(mnist_gz, variant="official")


def test_auto_prefers_official_gz_over_any_standin(mnist_gz, monkeypatch):
    for spec in MNIST_FILES.values():  # an uncompressed stand-in beside the official .gz files
        gz = mnist_gz / spec.relpath
        gz.with_suffix("").write_bytes(b"not used")
    _, meta = mnist.load_mnist(mnist_gz, variant="auto")
    assert (meta["variant"], meta["form"]) == ("official", "gz")


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "not gzip"])
def test_corrupt_mnist_file_is_rejected_naming_file_and_checksums(mnist_gz, damage, tmp_path_factory):
    from lazyrich.data import prepare

    path = mnist_gz / MNIST_FILES["train-images-idx3-ubyte.gz"].relpath
    raw = bytearray(path.read_bytes())
    if damage == "flipped byte":
        raw[len(raw) // 2] ^= 0xFF
    elif damage == "truncated":
        raw = raw[: len(raw) // 2]
    else:
        raw = bytearray(b"plain text, not a gzip stream")
    path.write_bytes(bytes(raw))
    with pytest.raises(ChecksumError) as err:
        mnist.load_mnist(mnist_gz, variant="official")
    msg = str(err.value)
    assert str(path) in msg and mnist.MNIST_FILES["train-images-idx3-ubyte.gz"].sha256 in msg
    assert file_sha256(path) in msg  # the checksum found
    out = tmp_path_factory.mktemp("results") / "mnist.npz"
    cfg = {"standin": False, "data_dir": str(mnist_gz), "download": False, "mnist_variant": "official",
           "cifar10_variant": "auto", "uci_permutation_seed": 10}
    with pytest.raises(ChecksumError):
        prepare.prepare(cfg, "mnist")
    assert not out.exists()


def test_verified_gz_that_does_not_decompress_is_a_format_error(tmp_path, monkeypatch):
    standins.write_mnist(tmp_path, n_train=30, n_test=20, seed=3)
    bad = tmp_path / MNIST_FILES["t10k-labels-idx1-ubyte.gz"].relpath
    bad.write_bytes(b"\x1f\x8b garbage")  # registered with this (wrong) content's checksum
    monkeypatch.setattr(mnist, "MNIST_FILES", _registry(tmp_path, MNIST_FILES))
    with pytest.raises(DataFormatError, match="cannot be decompressed"):
        mnist.load_mnist(tmp_path, variant="official")


def test_data_dir_is_only_read(mnist_gz):
    """Nothing is extracted or written into data_dir (it may be read-only or shared)."""
    standins.write_cifar10(mnist_gz, n_per_batch=3, n_test=5, seed=1)
    before = _snapshot(mnist_gz)
    mnist.load_mnist(mnist_gz, variant="official")
    manifest = {CIFAR10_ARCHIVE.relpath: file_sha256(mnist_gz / CIFAR10_ARCHIVE.relpath)}
    cifar10.load_cifar10(mnist_gz, manifest=manifest)
    assert _snapshot(mnist_gz) == before


@pytest.fixture()
def cifar_dirs(tmp_path, monkeypatch):
    """A data_dir with a small CIFAR-10 archive at the JPEG stand-in's place, registered as that stand-in."""
    root = tmp_path / "data"
    archive = standins.write_cifar10(root, n_per_batch=3, n_test=5, seed=2)
    target = root / CIFAR10_JPEG_STANDIN.relpath
    target.parent.mkdir(parents=True)
    archive.rename(target)
    monkeypatch.setattr(cifar10, "ARCHIVES", {**cifar10.ARCHIVES,
                                              "jpeg_standin": replace(CIFAR10_JPEG_STANDIN, sha256=file_sha256(target))})
    return root


def test_cifar10_jpeg_standin_is_a_named_labelled_variant(cifar_dirs):
    for variant in ("jpeg_standin", "auto"):
        arrays, meta = cifar10.load_cifar10(cifar_dirs, variant=variant)
        assert (meta["variant"], meta["kind"]) == ("jpeg_standin", REAL_IMAGE_STANDIN)
        assert "NOT the paper's CIFAR-10" in meta["source"] and arrays["train_images"].shape == (15, 32, 32, 3)
    with pytest.raises(MissingDataError, match="cifar-10-python.tar.gz"):  # official asked for, not there
        cifar10.load_cifar10(cifar_dirs, variant="official")
    with pytest.raises(ValueError, match="allowed: auto, official, jpeg_standin"):
        cifar10.load_cifar10(cifar_dirs, variant="jpeg")


def test_edited_batch_folder_is_never_read(cifar_dirs):
    reference, _ = cifar10.load_cifar10(cifar_dirs, variant="jpeg_standin")
    folder = cifar_dirs / "cifar10-jpeg-standin" / "cifar-10-batches-py"
    folder.mkdir()
    (folder / "data_batch_1").write_bytes(b"edited")  # a stale or edited extraction next to the archive
    again, _ = cifar10.load_cifar10(cifar_dirs, variant="jpeg_standin")
    np.testing.assert_array_equal(reference["train_images"], again["train_images"])


def _offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise urllib.error.URLError("[Errno -2] Name or service not known")

    monkeypatch.setattr(fetch.urllib.request, "urlopen", refuse)


@pytest.mark.parametrize("dataset", ["mnist", "cifar10", "resnet18"])
def test_offline_download_fails_like_uci(dataset, tmp_path, monkeypatch):
    """download: true offline: the file, its URL, its checksum and where to put it; no torchvision traceback."""
    _offline(monkeypatch)
    if dataset == "mnist":
        spec = MNIST_FILES["train-images-idx3-ubyte.gz"]
        call = lambda: mnist.load_mnist(tmp_path, download=True, variant="auto")
    elif dataset == "cifar10":
        spec = CIFAR10_ARCHIVE
        call = lambda: cifar10.load_cifar10(tmp_path, download=True, variant="auto")
    else:
        spec = RESNET18_WEIGHTS
        call = lambda: resnet.verify(tmp_path, download=True)
    with pytest.raises(MissingDataError) as err:
        call()
    msg = str(err.value)
    for part in ("download failed", spec.urls[0], spec.sha256, str(tmp_path / spec.relpath), "Name or service not known"):
        assert part in msg, (part, msg)
    assert "Traceback" not in msg


def _data_cfg(root: Path, **overrides) -> dict:
    return {"standin": False, "data_dir": str(root), "download": False, "mnist_variant": "auto",
            "cifar10_variant": "auto", "required": [], "uci_permutation_seed": 10, **overrides}


def test_inventory_lists_what_is_there_and_why_the_rest_is_not(cifar_dirs, monkeypatch):
    monkeypatch.delenv("LAZYRICH_DATA_DIR", raising=False)
    inv = inventory.take_inventory(_data_cfg(cifar_dirs))
    entries = inv["datasets"]
    assert set(entries) == set(inventory.DATASETS)
    assert entries["cifar10"]["available"] and entries["cifar10"]["kind"] == REAL_IMAGE_STANDIN
    for name in ("airfoil", "mnist", "resnet18"):
        assert not entries[name]["available"]
    assert RESNET18_WEIGHTS.urls[0] in entries["resnet18"]["reason"]
    summary = inventory.skipped_summary(inv)
    assert "resnet18" in summary and "put it at" in summary and "cifar10:" not in summary


def test_inventory_fails_before_writing_when_a_required_dataset_is_missing(cifar_dirs, tmp_path, monkeypatch, capsys):
    from lazyrich.config import write_resolved

    monkeypatch.delenv("LAZYRICH_DATA_DIR", raising=False)
    cfg = {**_data_cfg(cifar_dirs, required=["cifar10", "resnet18"]), "seed": 0,
           "standin_sizes": {"mnist_train": 20, "mnist_test": 20, "cifar_per_batch": 2, "cifar_test": 10}}
    cfg_path = write_resolved(cfg, tmp_path / "data.json", "default", "data")
    out = tmp_path / "inventory.json"
    with pytest.raises(SystemExit) as exc:
        inventory.main(["--config", str(cfg_path), "--out", str(out)])
    assert exc.value.code == 2 and not out.exists()
    assert "resnet18" in capsys.readouterr().err


def test_raw_signature_follows_the_data_dir_override_and_the_files(cifar_dirs, tmp_path, monkeypatch):
    monkeypatch.delenv("LAZYRICH_DATA_DIR", raising=False)
    cfg = _data_cfg(cifar_dirs)
    first = inventory.raw_signature(cfg, "cifar10")
    assert first == inventory.raw_signature(cfg, "cifar10") and str(cifar_dirs) in first
    (cifar_dirs / CIFAR10_ARCHIVE.relpath).write_bytes(b"x")  # a file appears
    assert inventory.raw_signature(cfg, "cifar10") != first
    assert inventory.raw_signature(cfg, "mnist") == inventory.raw_signature(cfg, "mnist")
    monkeypatch.setenv("LAZYRICH_DATA_DIR", str(tmp_path))
    assert str(tmp_path) in inventory.raw_signature(cfg, "cifar10")


def test_claims_of_missing_data_are_not_run_with_the_reason(tmp_path):
    from lazyrich.claims import evaluate
    from lazyrich.claims.registry import Claim

    c = Claim(id="T-C1", statement="s", figure="F", paper_value=1, inputs=("exp/runs.npz",),
              thresholds={"default": 1}, must_hold=(), evaluate=lambda ctx: (1, True))
    inv = {"data_dir": str(tmp_path), "datasets": {
        "cifar10": {"available": True, "variant": "jpeg_standin", "kind": REAL_IMAGE_STANDIN, "sha256": {}},
        "resnet18": {"available": False, "reason": "raw data file missing: /x/resnet18-f37072fd.pth\n  more"}}}
    needs = {"exp/runs.npz": ["cifar10", "resnet18"]}
    row = evaluate.evaluate_claim(c, tmp_path, "default", inv, needs)
    assert row["status"] == "NOT_RUN" and row["note"].startswith("data not available: resnet18")
    assert "resnet18-f37072fd.pth" in row["note"]
    assert row["data"] == f"missing: resnet18; {REAL_IMAGE_STANDIN}: cifar10"
    (tmp_path / "exp").mkdir()
    (tmp_path / "exp" / "runs.npz").write_bytes(b"")
    inv["datasets"]["resnet18"] = {"available": True, "variant": "IMAGENET1K_V1", "kind": OFFICIAL, "sha256": {}}
    row = evaluate.evaluate_claim(c, tmp_path, "default", inv, needs)
    assert row["status"] == "PASS" and row["data"] == f"{OFFICIAL}: resnet18; {REAL_IMAGE_STANDIN}: cifar10"
    assert evaluate.evaluate_claim(c, tmp_path, "default", inv, {})["data"] == evaluate.SIMULATED
    md = evaluate.render_markdown({"profile": "default", "provenance": {}, "claims": [row], "data": {
        **inv, "datasets": {**inv["datasets"], "mnist": {"available": False, "reason": "raw data file missing: m"}}}})
    assert "| data |" in md and "### Skipped for missing data" in md and "raw data file missing: m" in md
    json.dumps(row)  # strict JSON


def test_inventory_stops_on_a_present_but_corrupt_file(mnist_gz, tmp_path, monkeypatch, capsys):
    from lazyrich.config import write_resolved

    monkeypatch.delenv("LAZYRICH_DATA_DIR", raising=False)
    path = mnist_gz / MNIST_FILES["t10k-labels-idx1-ubyte.gz"].relpath
    path.write_bytes(path.read_bytes()[:-5])  # truncated: wrong checksum, not missing data
    cfg = {**_data_cfg(mnist_gz), "seed": 0,
           "standin_sizes": {"mnist_train": 20, "mnist_test": 20, "cifar_per_batch": 2, "cifar_test": 10}}
    out = tmp_path / "inventory.json"
    with pytest.raises(SystemExit) as exc:
        inventory.main(["--config", str(write_resolved(cfg, tmp_path / "data.json", "default", "data")), "--out", str(out)])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and not out.exists()
    assert "present but wrong" in err and str(path) in err and mnist.MNIST_FILES["t10k-labels-idx1-ubyte.gz"].sha256 in err


def test_a_folder_where_a_raw_file_belongs_is_named(tmp_path):
    target = tmp_path / CIFAR10_ARCHIVE.relpath
    target.mkdir(parents=True)
    with pytest.raises(DataFormatError, match="is a folder") as err:
        fetch.require_file(CIFAR10_ARCHIVE, tmp_path)
    assert str(target) in str(err.value) and CIFAR10_ARCHIVE.sha256 in str(err.value)


def test_standin_problems_advise_rewriting_the_standins_not_downloading(tmp_path):
    standins.write_mnist(tmp_path, n_train=20, n_test=20, seed=1)
    spec = MNIST_FILES["train-images-idx3-ubyte.gz"]
    manifest = {spec.relpath: file_sha256(tmp_path / spec.relpath)}
    (tmp_path / spec.relpath).write_bytes(b"edited")
    with pytest.raises(ChecksumError) as err:
        fetch.require_file(spec, tmp_path, manifest=manifest)
    (tmp_path / spec.relpath).unlink()
    with pytest.raises(MissingDataError) as missing:
        fetch.require_file(spec, tmp_path, manifest=manifest)
    for msg in (str(err.value), str(missing.value)):
        assert "data_standins" in msg and "rerun snakemake" in msg
        assert "download" not in msg
