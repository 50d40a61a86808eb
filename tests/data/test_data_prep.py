"""Data preparation: real-format parsing of stand-ins, checksums, offline errors, the authors' UCI split."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lazyrich.data import standins
from lazyrich.data.fetch import ChecksumError, DataFormatError, MissingDataError, load_manifest, require_file
from lazyrich.data.sources import CIFAR10_ARCHIVE, UCI_FILES
from lazyrich.data.uci import UCI_SHAPES, make_splits, parse_uci, split_sizes


@pytest.fixture(scope="module")
def standin_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("standin")
    standins.write_all(out, seed=0, mnist_train=60, mnist_test=40, cifar_per_batch=4, cifar_test=12,
                       uci=("airfoil", "concrete", "energy"))
    return out


@pytest.mark.parametrize("name", ["airfoil", "concrete", "energy"])
def test_uci_standins_parse_in_real_formats(standin_dir, name):
    path, _ = require_file(UCI_FILES[name], standin_dir, manifest=load_manifest(standin_dir))
    x, y = parse_uci(name, path)
    assert x.shape == UCI_SHAPES[name] and y.shape == (UCI_SHAPES[name][0],)
    if name == "airfoil":
        raw = path.read_bytes()
        assert b"\r\n" in raw and b"\t" in raw  # CRLF, tab separated, like the real file


def test_plant_standin_parses(tmp_path):
    path = standins.write_uci(tmp_path, "plant", seed=1)
    x, y = parse_uci("plant", path)
    assert x.shape == (9568, 4)


def test_corrupted_file_rejected_by_parser(standin_dir, tmp_path):
    src = standin_dir / UCI_FILES["energy"].relpath
    bad = tmp_path / "ENB2012_data.xlsx"
    bad.write_bytes(src.read_bytes()[: len(src.read_bytes()) // 2])  # truncated workbook
    with pytest.raises(DataFormatError, match="cannot parse UCI 'energy'"):
        parse_uci("energy", bad)
    rows = (standin_dir / UCI_FILES["airfoil"].relpath).read_text().splitlines()
    short = tmp_path / "airfoil_self_noise.dat"
    short.write_text("\n".join(rows[:-3]) + "\n")  # rows missing
    with pytest.raises(DataFormatError, match="expected 1503 rows"):
        parse_uci("airfoil", short)


def test_wrong_checksum_rejected_with_clear_message(standin_dir, tmp_path):
    # the stand-in airfoil file is not the official one: with the official checksum it must be rejected
    (tmp_path / "uci").mkdir()
    (tmp_path / "uci" / "airfoil_self_noise.dat").write_bytes((standin_dir / "uci/airfoil_self_noise.dat").read_bytes())
    with pytest.raises(ChecksumError) as err:
        require_file(UCI_FILES["airfoil"], tmp_path)
    msg = str(err.value)
    assert "rejected" in msg and UCI_FILES["airfoil"].sha256 in msg and UCI_FILES["airfoil"].urls[0] in msg


def test_tampered_standin_rejected(standin_dir, tmp_path):
    manifest = dict(load_manifest(standin_dir))
    manifest[CIFAR10_ARCHIVE.relpath] = "0" * 64
    with pytest.raises(ChecksumError):
        require_file(CIFAR10_ARCHIVE, standin_dir, manifest=manifest)


def test_missing_file_offline_message(tmp_path):
    with pytest.raises(MissingDataError) as err:
        require_file(CIFAR10_ARCHIVE, tmp_path, download=False)
    msg = str(err.value)
    for part in ("cifar-10-python.tar.gz", CIFAR10_ARCHIVE.urls[0], CIFAR10_ARCHIVE.sha256, str(tmp_path)):
        assert part in msg


def test_mnist_and_cifar_standins_load_via_torchvision(standin_dir):
    from lazyrich.data.cifar10 import load_cifar10
    from lazyrich.data.mnist import load_mnist

    manifest = load_manifest(standin_dir)
    mn, meta = load_mnist(standin_dir, manifest=manifest)
    assert mn["train_images"].shape == (60, 28, 28) and mn["test_labels"].dtype == np.int64
    assert "STAND-IN" in meta["source"]
    cf, _ = load_cifar10(standin_dir, manifest=manifest)
    assert cf["train_images"].shape == (20, 32, 32, 3) and cf["test_images"].dtype == np.uint8
    assert set(np.unique(cf["train_labels"])) <= set(range(10))


def test_uci_split_matches_authors_protocol():
    n = 1030
    x = np.arange(n * 2, dtype=float).reshape(n, 2) ** 1.5
    y = np.sin(np.arange(n, dtype=float))
    s = make_splits(x, y, 10)
    perm = np.random.RandomState(10).permutation(n)  # legacy MT, as in the authors' code
    assert np.array_equal(s["permutation"], perm)
    assert split_sizes(n) == (412, 412, 206)
    assert len(s["x_transfer_train"]) == 206 and len(s["x_transfer_test"]) == 206
    xt = x[perm[:412]]
    np.testing.assert_allclose(s["x_train"], (xt - xt.mean(0)) / xt.std(0))
    np.testing.assert_allclose(s["x_train"].mean(0), 0, atol=1e-12)
    np.testing.assert_allclose(s["y_train"].std(), 1, atol=1e-12)
    np.testing.assert_allclose(s["x_transfer_test"], s["x_valid"][206:])
    np.testing.assert_allclose(s["y_test"][:, 0], (y[perm[824:]] - y[perm[:412]].mean()) / y[perm[:412]].std())
