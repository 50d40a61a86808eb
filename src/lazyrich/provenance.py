"""Provenance of a claims report: git commit, package versions, config hashes, seeds, wall time per rule."""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from lazyrich.config import project_root

PACKAGES = ("lazyrich", "torch", "torchvision", "numpy", "scipy", "pandas", "matplotlib", "seaborn",
            "snakemake", "geomloss", "jsonschema", "tqdm", "xlrd", "openpyxl", "xlwt")


def git_commit(root: Path | None = None) -> str:
    root = root or project_root()
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict:
    """The machine the report was written on: CPU model, core count and GPU (None without CUDA)."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        import torch

        gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    except ImportError:
        gpu = None
    return {"cpu": cpu, "cores": os.cpu_count(), "gpu": gpu}


def package_versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _find_seeds(obj, found: set) -> None:
    if isinstance(obj, dict):
        for key, val in obj.items():
            if "seed" in key.lower():
                if isinstance(val, int):
                    found.add(val)
                elif isinstance(val, list):
                    found.update(v for v in val if isinstance(v, int))
            _find_seeds(val, found)
    elif isinstance(obj, list):
        for val in obj:
            _find_seeds(val, found)


def config_provenance(results_dir: Path) -> dict:
    """Hash and seeds of every resolved section config used for this profile."""
    sections = {}
    for path in sorted((results_dir / "configs").glob("*.json")):
        data = json.loads(path.read_text())
        seeds: set = set()
        _find_seeds(data, seeds)
        sections[path.stem] = {"config_hash": data.get("config_hash"), "seeds": sorted(seeds)}
    return sections


def rule_wall_times(results_dir: Path) -> dict[str, float]:
    """Wall time (s) of every rule that ran, from Snakemake's benchmark files."""
    times = {}
    for path in sorted((results_dir / "benchmarks").glob("*.tsv")):
        with open(path) as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        if rows:
            times[path.stem] = round(float(rows[-1]["s"]), 2)
    return times


def data_sources(results_dir: Path) -> dict[str, str]:
    """The ``source`` label of every prepared dataset of this profile (``data/<name>.npz``, lazyrich.data)."""
    import numpy as np

    sources = {}
    for path in sorted((results_dir / "data").glob("*.npz")):
        with np.load(path) as arrays:
            if "source" in arrays.files:
                sources[path.stem] = str(arrays["source"])
    return sources


def collect_provenance(results_dir: Path, profile: str) -> dict:
    return {
        "git_commit": git_commit(),
        "generated_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "profile": profile,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": machine(),
        "packages": package_versions(),
        "configs": config_provenance(Path(results_dir)),
        "wall_time_s": rule_wall_times(Path(results_dir)),
        "data_sources": data_sources(Path(results_dir)),
    }
