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


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o007, 0o660)])
def test_outputs_get_the_umask_mode(tmp_path, umask, mode):
    """mkstemp makes 0600 files; outputs must be readable as the umask allows (shared machines)."""
    import os

    from lazyrich.io import save_text

    old = os.umask(umask)
    try:
        save_npz(tmp_path / "a.npz", x=np.arange(3))
        save_json(tmp_path / "b.json", {"v": 1})
        save_text(tmp_path / "c.txt", "c")
        with atomic_path(tmp_path / "d.png") as tmp:
            tmp.write_bytes(b"png")
    finally:
        os.umask(old)
    for name in ("a.npz", "b.json", "c.txt", "d.png"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode, name


@pytest.mark.parametrize("keep", [0, 10, 0.5])
def test_truncated_npz_names_file_and_how_to_rebuild(tmp_path, keep):
    from lazyrich.io import CorruptResultError

    path = tmp_path / "results/smoke/orthogonal/e1_runs.npz"
    save_npz(path, x=np.arange(1000.0), y=np.ones((20, 20)))
    data = path.read_bytes()
    path.write_bytes(data[: int(keep * len(data)) if isinstance(keep, float) else keep])
    with pytest.raises(CorruptResultError) as err:
        load_npz(path)
    msg = str(err.value)
    assert str(path) in msg and "truncated or corrupt" in msg
    assert f"rm {path} && snakemake --cores all --config profile=smoke" in msg


def test_truncated_json_names_file(tmp_path):
    from lazyrich.io import CorruptResultError

    save_json(tmp_path / "checks.json", {"a": [1, 2, 3]})
    (tmp_path / "checks.json").write_text((tmp_path / "checks.json").read_text()[:9])
    with pytest.raises(CorruptResultError, match="checks.json is truncated or corrupt"):
        load_json(tmp_path / "checks.json")


def test_strict_json_has_no_nan_tokens(tmp_path):
    import json

    save_json(tmp_path / "s.json", {"v": float("nan"), "w": [np.float32("inf"), -np.inf, 1.5]}, strict=True)
    text = (tmp_path / "s.json").read_text()
    reject = lambda token: (_ for _ in ()).throw(ValueError(token))  # noqa: E731
    assert json.loads(text, parse_constant=reject) == {"v": "NaN", "w": ["Infinity", "-Infinity", 1.5]}
