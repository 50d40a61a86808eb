"""Atomic file output: every result is written to a temporary file in the same folder and renamed.

An interrupted run therefore never leaves a half-written output behind, and a rerun resumes cleanly. A temp
file left by a killed writer (``.<name>.<8 random chars><suffix>``, older than the current process) is removed
the next time its target is written. Results saved with :func:`save_npz` / :func:`save_json` carry a sidecar
``<file>.origin.json`` naming the code and configs that made them (``lazyrich.origin``).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from lazyrich.origin import file_sha256, origin_record, sidecar_path  # file_sha256: part of this module's API

_PROCESS_START = time.time()  # temp files older than this cannot belong to a write of this process


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` if the block succeeds.

    The temporary name keeps the final suffix (``suffix`` overrides it) so that libraries choosing a
    format by extension (matplotlib, numpy) behave as for the final file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = suffix if suffix is not None else path.suffix
    remove_orphan_temps(path, suffix)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def remove_orphan_temps(path: Path, suffix: str) -> list[Path]:
    """Remove the temp files of earlier, killed writes of ``path`` (names as made by :func:`atomic_path`, older
    than this process, so never the temp of a live write: Snakemake's lock lets one job at a time write a file)."""
    pattern = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}" + re.escape(suffix))
    removed = []
    for candidate in path.parent.glob(glob.escape(f".{path.name}.") + "*"):
        try:
            if pattern.fullmatch(candidate.name) and candidate.is_file() and candidate.stat().st_mtime < _PROCESS_START:
                candidate.unlink()
                removed.append(candidate)
        except OSError:  # removed meanwhile, or not ours to remove: never a reason to fail the write
            continue
    return removed


def _write_origin(path: Path, content: Path) -> None:
    """Write the provenance sidecar of ``path`` (whose bytes are in ``content``) before ``path`` is replaced."""
    with atomic_path(sidecar_path(path)) as tmp:
        tmp.write_text(json.dumps(origin_record(content), indent=2) + "\n")


def save_npz(path: str | os.PathLike, **arrays: Any) -> None:
    """Save arrays to ``path`` (.npz, uncompressed) atomically, with its provenance sidecar."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **{k: np.asarray(v) for k, v in arrays.items()})
        _write_origin(Path(path), tmp)


def load_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Load every array of an .npz file into a dict (the file is closed afterwards)."""
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"cannot serialise {type(obj).__name__} to JSON")


def save_json(path: str | os.PathLike, obj: Any) -> None:
    """Write ``obj`` as indented JSON atomically (numpy scalars and arrays are converted), with its provenance
    sidecar."""
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, default=_json_default, allow_nan=True) + "\n")
        _write_origin(Path(path), tmp)


def load_json(path: str | os.PathLike) -> Any:
    return json.loads(Path(path).read_text())


def save_text(path: str | os.PathLike, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text)


def save_csv(path: str | os.PathLike, frame) -> None:
    """Write a pandas DataFrame as CSV (no index) atomically."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False)


class MissingInputError(FileNotFoundError):
    """An input file is missing; the message names it and the rule that makes it."""


def require_input(path: str | os.PathLike, rule: str) -> Path:
    """Fail early, before anything is written, when an input file is missing."""
    path = Path(path)
    if not path.exists():
        raise MissingInputError(
            f"input file {path} is missing: it is made by rule '{rule}' "
            f"(run `snakemake --cores all --config profile=<profile> {path}`)"
        )
    return path
