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


def _orphan(folder, name, age_s=3600):
    import os
    import time

    path = folder / name
    path.write_text("half-written by a killed job")
    old = time.time() - age_s
    os.utime(path, (old, old))
    return path


def test_orphan_temps_of_a_killed_write_are_removed_on_the_next_write(tmp_path):
    import matplotlib.pyplot as plt

    from lazyrich.plotting import save_figure  # figures go through atomic_path too

    orphans = [_orphan(tmp_path, ".wdiff.pdf.b4_d99rq.pdf"), _orphan(tmp_path, ".wdiff.png.x1y2z3w4.png"),
               _orphan(tmp_path, ".runs.npz.abcdefgh.npz")]
    others = [_orphan(tmp_path, ".wdiff.pdf.notes"), _orphan(tmp_path, ".other.pdf.abcdefgh.pdf"),
              _orphan(tmp_path, "wdiff.pdf.abcdefgh.pdf")]
    save_figure(plt.figure(), tmp_path / "wdiff")
    save_npz(tmp_path / "runs.npz", x=np.zeros(1))
    assert not any(p.exists() for p in orphans)
    assert all(p.exists() for p in others)


def test_a_live_writes_temp_is_kept(tmp_path):
    from lazyrich.io import remove_orphan_temps

    live = _orphan(tmp_path, ".runs.npz.abcdefgh.npz", age_s=-60)  # newer than this process: a live write
    assert remove_orphan_temps(tmp_path / "runs.npz", ".npz") == [] and live.exists()
