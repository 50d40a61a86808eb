"""Atomic file output: every result is written to a temporary file in the same folder and renamed.

An interrupted run therefore never leaves a half-written output behind, and a rerun resumes cleanly. A temp
file left by a killed writer (``.<name>.<8 random chars><suffix>``, older than the current process) is removed
the next time its target is written. Results saved with :func:`save_npz` / :func:`save_json` carry a sidecar
``<file>.origin.json`` naming the code and configs that made them (``lazyrich.origin``).
Outputs get the mode of a plainly created file (``0666`` masked by the umask), so collaborators on a shared
machine can read them. A results file that cannot be read back (truncated, corrupt) raises
:class:`CorruptResultError` naming the file and how to rebuild it.
"""

from __future__ import annotations

import contextlib
import glob
import json
import math
import os
import re
import tempfile
import time
import zipfile
import zlib
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from lazyrich.origin import file_sha256, origin_record, sidecar_path  # file_sha256: part of this module's API

_PROCESS_START = time.time()  # temp files older than this cannot belong to a write of this process


def _umask() -> int:
    """The process umask: from ``/proc/self/status`` on Linux, else by setting it and straight back."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` if the block succeeds.

    The temporary name keeps the final suffix (``suffix`` overrides it) so that libraries choosing a
    format by extension (matplotlib, numpy) behave as for the final file. The file gets the umask's mode
    (``mkstemp`` alone would leave it ``0600``, unreadable to anyone else).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = suffix if suffix is not None else path.suffix
    remove_orphan_temps(path, suffix)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
    finally:
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


class CorruptResultError(ValueError):
    """A results file exists but cannot be read (truncated or corrupt); the message says how to rebuild it."""


def _corrupt(path: str | os.PathLike, exc: BaseException) -> CorruptResultError:
    parts = Path(path).parts
    profile = parts[parts.index("results") + 1] if "results" in parts[:-2] else "<profile>"
    return CorruptResultError(
        f"{path} is truncated or corrupt ({type(exc).__name__}: {exc}). Delete it and rerun snakemake, "
        f"which rebuilds it with the rule that makes it: rm {path} && "
        f"snakemake --cores all --config profile={profile}"
    )


def load_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Load every array of an .npz file into a dict (the file is closed afterwards).

    A file that is not a readable .npz raises :class:`CorruptResultError` naming it.
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error) as exc:
        raise _corrupt(path, exc) from exc


def _json_default(obj: Any) -> Any:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"cannot serialise {type(obj).__name__} to JSON")


NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def finite_json(obj: Any) -> Any:
    """``obj`` as plain JSON values with every NaN / ±inf float replaced by the string of :data:`NON_FINITE`.

    Strict JSON has no NaN or infinity; the strings keep them apart from ``null`` (no value) and
    ``float(s)`` reads them back.
    """
    if isinstance(obj, (np.generic, np.ndarray, Path)):
        obj = _json_default(obj)
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else NON_FINITE[repr(obj)]
    if isinstance(obj, dict):
        return {k: finite_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [finite_json(v) for v in obj]
    return obj


def save_json(path: str | os.PathLike, obj: Any, strict: bool = False) -> None:
    """Write ``obj`` as indented JSON atomically (numpy scalars and arrays are converted), with its provenance
    sidecar.

    ``strict=True`` writes strict JSON (RFC 8259): non-finite floats become strings (:func:`finite_json`).
    Otherwise they are written as Python's ``NaN`` / ``Infinity`` tokens, which :func:`load_json` reads back.
    """
    if strict:
        obj = finite_json(obj)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, default=_json_default, allow_nan=not strict) + "\n")
        _write_origin(Path(path), tmp)


def load_json(path: str | os.PathLike) -> Any:
    """Read a JSON file; one that is not valid JSON raises :class:`CorruptResultError` naming it."""
    text = Path(path).read_text()
    try:
        return json.loads(text)
    except ValueError as exc:
        raise _corrupt(path, exc) from exc


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
