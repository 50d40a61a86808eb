"""What produced a result file: the code (git commit, dirty flag, source hash, version) and the configs it read.

Every result written by ``lazyrich.io.save_npz`` / ``save_json`` gets a sidecar ``<file>.origin.json``
(:func:`origin_record`): the code identity of the writing process, the config hash of every section that
process loaded (``lazyrich.config.load_section`` calls :func:`record_config`), the script, the installed
package versions, and the SHA-256 of the file it describes. :func:`read_origin` returns a sidecar only while that hash still matches, so a result
replaced by other means reads as of unknown origin, never as made by the code of its old sidecar.

"dirty" means uncommitted changes (untracked files included) to the code: ``src/``, ``workflow/`` or the
``Snakefile``; config edits are covered by the config hashes. ``source_hash`` (SHA-256 of the package's ``.py``
files) tells apart two dirty states of the same commit. Only the standard library is used here, so that
``lazyrich.io`` can import this module.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

SIDECAR_SUFFIX = ".origin.json"
CODE_PATHS = ("src", "workflow", "Snakefile")  # what "dirty" looks at, relative to the repository root
PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGES = ("lazyrich", "torch", "torchvision", "numpy", "scipy", "pandas", "matplotlib", "seaborn",
            "snakemake", "geomloss", "jsonschema", "tqdm", "xlrd", "openpyxl", "xlwt")

_configs_read: dict[str, str] = {}  # section -> config hash, for every config this process loaded


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def source_hash(package_dir: Path = PACKAGE_DIR) -> str:
    """SHA-256 over the relative paths and contents of the package's ``.py`` files."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def code_identity(package_dir: Path = PACKAGE_DIR) -> dict:
    """``{"commit", "dirty", "source_hash", "lazyrich_version"}`` of the code this process runs (cached:
    taken once, at the first config load or write, i.e. near the start of a job).

    ``commit`` is ``"unknown"`` and ``dirty`` ``None`` outside a git checkout (an installed package).
    """
    from lazyrich import __version__

    commit, dirty = "unknown", None
    try:
        top = Path(_git("rev-parse", "--show-toplevel", cwd=package_dir))
        commit = _git("rev-parse", "HEAD", cwd=top)
        dirty = bool(_git("status", "--porcelain", "--", *CODE_PATHS, cwd=top))
    except (OSError, subprocess.CalledProcessError):
        pass
    return {"commit": commit, "dirty": dirty, "source_hash": source_hash(package_dir), "lazyrich_version": __version__}


@functools.lru_cache(maxsize=None)
def package_versions() -> dict[str, str]:
    """Installed versions of the packages the results depend on (``"not installed"`` for a missing one)."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def code_label(identity: dict) -> str:
    """Short human form of a code identity: ``<commit 12>`` or ``<commit 12>-dirty (src <hash 8>)``."""
    label = str(identity.get("commit", "unknown"))[:12]
    if identity.get("dirty"):
        label += f"-dirty (src {str(identity.get('source_hash', '?'))[:8]})"
    return label


def record_config(section: str, config_hash: str | None) -> None:
    """Remember that this process computes with ``section`` at ``config_hash`` (and fix its code identity now)."""
    _configs_read[section] = config_hash
    code_identity()


def sidecar_path(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def file_sha256(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def _script() -> str:
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return spec.name if spec is not None else Path(sys.argv[0]).name


def origin_record(content: str | os.PathLike) -> dict:
    """The sidecar of a result whose bytes are in ``content`` (the temp file about to be renamed onto it)."""
    return {
        **code_identity(),
        "configs": dict(sorted(_configs_read.items())),
        "script": _script(),
        "packages": package_versions(),
        "sha256": file_sha256(Path(content)),
        "written_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }


def read_origin(path: str | os.PathLike) -> dict | None:
    """The sidecar of ``path`` if it exists and describes the file as it is now, else ``None``."""
    path, sidecar = Path(path), sidecar_path(path)
    try:
        record = json.loads(sidecar.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not path.is_file() or record.get("sha256") != file_sha256(path):
        return None
    return record
