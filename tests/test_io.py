import numpy as np
import pytest

from lazyrich.io import atomic_path, file_sha256, load_json, load_npz, save_json, save_npz


def test_npz_and_json_roundtrip(tmp_path):
    save_npz(tmp_path / "a.npz", x=np.arange(5.0), ids=np.asarray(["g1", "a04g0"]))
    out = load_npz(tmp_path / "a.npz")
    assert out["x"].tolist() == [0, 1, 2, 3, 4] and out["ids"].tolist() == ["g1", "a04g0"]
    save_json(tmp_path / "b.json", {"v": np.float32(0.5), "arr": np.arange(2)})
    assert load_json(tmp_path / "b.json") == {"v": 0.5, "arr": [0, 1]}


def test_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "out.json"
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed mid-way")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_previous_version(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(ValueError):
        with atomic_path(target) as tmp:
            tmp.write_text("new")
            raise ValueError
    assert target.read_text() == "old"


def test_sha256_known_value(tmp_path):
    (tmp_path / "f").write_bytes(b"abc")
    assert file_sha256(tmp_path / "f") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_missing_input_names_file_and_rule(tmp_path):
    from lazyrich.asymmetric import train
    from lazyrich.io import MissingInputError

    with pytest.raises(MissingInputError, match=r"data\.npz is missing: it is made by rule 'asymmetric_simulated_data'"):
        train.main(["--config", "unused.json", "--section-key", "simulated", "--data", str(tmp_path / "data.npz"),
                    "--out", str(tmp_path / "runs.npz")])
    assert not (tmp_path / "runs.npz").exists()
