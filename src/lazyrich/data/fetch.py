"""Locate a raw data file under ``data_dir``, download it if allowed, and verify its SHA-256.

Every failure raises a :class:`DataError` whose message names the file, where it was looked for, its
URL(s), the checksum it must have and where to put it, so an offline user knows exactly what to do.
A file with a wrong checksum is rejected, never used.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import urllib.request
import zipfile
from pathlib import Path

from lazyrich.io import atomic_path, file_sha256

from .sources import RawFile

STANDIN_MANIFEST = "standin_manifest.json"


class DataError(RuntimeError):
    """A raw data file is missing, corrupt or unreadable; the message says what to do."""


class MissingDataError(DataError):
    pass


class ChecksumError(DataError):
    pass


class DataFormatError(DataError):
    pass


def resolve_data_dir(data_dir: str | os.PathLike) -> Path:
    """``data_dir`` with ``~`` and environment variables expanded; ``LAZYRICH_DATA_DIR`` overrides it."""
    override = os.environ.get("LAZYRICH_DATA_DIR")
    chosen = override if override else str(data_dir)
    return Path(os.path.expandvars(os.path.expanduser(chosen))).resolve()


def load_manifest(data_dir: Path) -> dict[str, str]:
    """Checksums of stand-in files, written by :mod:`lazyrich.data.standins` next to them."""
    path = Path(data_dir) / STANDIN_MANIFEST
    if not path.exists():
        raise MissingDataError(
            f"stand-in mode (config data.standin: true) but {path} does not exist: the stand-in files have "
            f"not been written; run `python -m lazyrich.data.standins --out {data_dir}` (the smoke data rule does)."
        )
    return json.loads(path.read_text())["sha256"]


def _describe(spec: RawFile, path: Path, sha: str) -> str:
    urls = "\n".join(f"      {u}" for u in spec.urls) or "      (no download: this file is built locally)"
    member = f"\n  (the file is the member '{spec.member}' of that archive)" if spec.member else ""
    return (
        f"  file:     {Path(spec.relpath).name} ({spec.note})\n"
        f"  put it at: {path}\n"
        f"  URL(s):\n{urls}{member}\n"
        f"  expected SHA-256: {sha}{' (prefix)' if len(sha) < 64 else ''}"
    )


def check_sha256(path: Path, expected: str, spec: RawFile) -> str:
    """Return the file's SHA-256; raise :class:`ChecksumError` if it does not match ``expected``."""
    digest = file_sha256(path)
    if not digest.startswith(expected.lower()):
        raise ChecksumError(
            f"wrong checksum, file rejected: {path}\n  actual SHA-256:   {digest}\n"
            f"{_describe(spec, path, expected)}\n"
            "  The file is corrupt, truncated or a different version. Replace it with the file from the URL "
            "above (or delete it and set data.download: true)."
        )
    return digest


def _download(spec: RawFile, target: Path) -> None:
    errors = []
    for url in spec.urls:
        try:
            print(f"downloading {url} -> {target}", file=sys.stderr)
            with urllib.request.urlopen(url, timeout=60) as resp:
                payload = resp.read()
            with atomic_path(target) as tmp:
                if spec.member:
                    with zipfile.ZipFile(io.BytesIO(payload)) as zf, zf.open(spec.member) as src, open(tmp, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                else:
                    tmp.write_bytes(payload)
            return
        except Exception as exc:  # network errors, HTTP errors, bad archives: try the next mirror
            errors.append(f"{url}: {type(exc).__name__}: {exc}")
    raise MissingDataError("download failed:\n  " + "\n  ".join(errors))


def _require_standin(spec: RawFile, data_dir: Path, path: Path, manifest: dict[str, str]) -> tuple[Path, str]:
    """A stand-in file checked against its manifest; the advice is to rewrite the stand-ins, not to download."""
    rebuild = (f"The stand-in files are written by the rule data_standins: delete {data_dir / STANDIN_MANIFEST} "
               f"(or the whole folder {data_dir}) and rerun snakemake, which writes them again.")
    if spec.relpath not in manifest:
        raise MissingDataError(f"stand-in manifest in {data_dir} has no entry for {spec.relpath}. {rebuild}")
    if not path.is_file():
        raise MissingDataError(f"stand-in file missing or not a file: {path}. {rebuild}")
    digest = file_sha256(path)
    if digest != manifest[spec.relpath]:
        raise ChecksumError(f"stand-in file changed since it was written, rejected: {path}\n"
                            f"  actual SHA-256:   {digest}\n  expected SHA-256: {manifest[spec.relpath]}\n  {rebuild}")
    return path, digest


def require_file(spec: RawFile, data_dir: str | os.PathLike, download: bool = False,
                 manifest: dict[str, str] | None = None) -> tuple[Path, str]:
    """Path and SHA-256 of a verified raw file, downloading it first if it is missing and allowed.

    ``manifest`` (stand-in mode) replaces the official checksums by those of the stand-in files.
    """
    data_dir = Path(data_dir)
    path = data_dir / spec.relpath
    if manifest is not None:
        return _require_standin(spec, data_dir, path, manifest)
    expected = spec.sha256
    if path.exists() and not path.is_file():
        raise DataFormatError(f"{path} is a folder, but the raw file {Path(spec.relpath).name} must be a regular "
                              f"file there: remove or rename the folder.\n{_describe(spec, path, expected)}")
    if not path.exists():
        if download and spec.urls and manifest is None:
            try:
                _download(spec, path)
            except MissingDataError as exc:
                raise MissingDataError(f"raw data file missing and {exc}\n{_describe(spec, path, expected)}") from None
            try:
                return path, check_sha256(path, expected, spec)
            except ChecksumError:
                rejected = path.with_name(path.name + ".rejected")
                os.replace(path, rejected)
                raise
        how = ("downloading is off (config data.download: false)" if not download
               else "it cannot be downloaded")
        raise MissingDataError(
            f"raw data file missing: {path}, and {how}.\n{_describe(spec, path, expected)}\n"
            f"  Download it on a machine with internet access and copy it there, or set data.download: true "
            f"(data_dir is config data.data_dir, or the environment variable LAZYRICH_DATA_DIR)."
        )
    return path, check_sha256(path, expected, spec)
