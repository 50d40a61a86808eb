"""Provenance of a claims report: what produced each section's results, package versions, config hashes,
seeds, wall time per rule.

``git_commit`` is the code evaluating the claims; ``results`` names, per section, the code and configs that
wrote the result files the claims read (their ``lazyrich.origin`` sidecars), and says whether they mix
different code or were made by code other than the current checkout.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import platform
from pathlib import Path

from lazyrich.origin import code_identity, code_label, package_versions, read_origin


def git_commit() -> str:
    """HEAD of the code this process runs, ``-dirty`` appended if its code has uncommitted changes."""
    identity = code_identity()
    return identity["commit"] + ("-dirty" if identity["dirty"] else "")


def machine() -> dict:
    """The machine the report was written on: CPU model, core count and GPU (None without one).

    The GPU is read from torch only if the process has imported it already, else from ``nvidia-smi``, so
    that the claims job does not pay torch's import."""
    import shutil
    import subprocess
    import sys

    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    gpu = None
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        gpu = torch.cuda.get_device_name(0)
    elif shutil.which("nvidia-smi"):
        try:
            out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"], capture_output=True,
                                 text=True, timeout=20).stdout.strip()
            gpu = out.splitlines()[0] if out else None
        except (OSError, subprocess.SubprocessError):
            gpu = None
    return {"cpu": cpu, "cores": os.cpu_count(), "gpu": gpu}


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




def _code_key(record: dict) -> tuple:
    return record.get("commit"), bool(record.get("dirty")), record.get("source_hash")


def results_provenance(results_dir: Path, result_files: list[str], current_configs: dict) -> dict:
    """What produced the result files (paths relative to ``results_dir``, grouped by section = first folder).

    Per section: the code identities (commit, dirty, source hash) and config hashes of its files' sidecars,
    whether those config hashes are the current resolved config's, and the files of unknown origin. Then
    ``mixed_code`` (the files come from more than one code identity), ``matches_checkout`` (all of them come
    from the code evaluating the claims) and a one-line ``warning`` when either goes wrong.
    """
    current = code_identity()
    sections: dict[str, dict] = {}
    codes: dict[tuple, dict] = {}
    for rel in sorted(set(result_files)):
        section = rel.split("/", 1)[0]
        entry = sections.setdefault(section, {"files": 0, "code": [], "config_hashes": [], "unknown_origin": []})
        entry["files"] += 1
        record = read_origin(Path(results_dir) / rel)
        if record is None:
            entry["unknown_origin"].append(rel)
            continue
        code = {k: record.get(k) for k in ("commit", "dirty", "source_hash", "lazyrich_version")}
        codes.setdefault(_code_key(record), code)
        if code not in entry["code"]:
            entry["code"].append(code)
        config = record.get("configs", {}).get(section)  # None: the writer read no config of this section
        if config is not None and config not in entry["config_hashes"]:
            entry["config_hashes"].append(config)
    for section, entry in sections.items():
        current_hash = current_configs.get(section, {}).get("config_hash")
        entry["config_current"] = entry["config_hashes"] == [current_hash] if entry["config_hashes"] else None
    unknown = sorted(f for e in sections.values() for f in e["unknown_origin"])
    mixed = len(codes) > 1
    matches = not unknown and set(codes) <= {_code_key(current)}
    problems = []
    if mixed:
        problems.append("results of different code are mixed: " + ", ".join(sorted(code_label(c) for c in codes.values())))
    elif codes and not matches:
        problems.append(f"results were made by {code_label(next(iter(codes.values())))}, not by the checkout "
                        f"evaluating the claims ({code_label(current)})")
    if unknown:
        problems.append(f"{len(unknown)} result file(s) of unknown origin (no sidecar, or replaced since): "
                        + ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else ""))
    stale = sorted(s for s, e in sections.items() if e["config_current"] is False)
    if stale:
        problems.append("results made with another config than the current one: " + ", ".join(stale))
    return {"sections": sections, "mixed_code": mixed, "matches_checkout": matches,
            "warning": "; ".join(problems) or None}


def collect_provenance(results_dir: Path, profile: str, result_files: list[str] = ()) -> dict:
    """The ``provenance`` block of claims.json (``result_files``: the claims' inputs, relative to ``results_dir``)."""
    configs = config_provenance(Path(results_dir))
    return {
        "git_commit": git_commit(),
        "results": results_provenance(Path(results_dir), list(result_files), configs),
        "generated_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "profile": profile,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": machine(),
        "packages": package_versions(),
        "configs": configs,
        "wall_time_s": rule_wall_times(Path(results_dir)),
        "data_sources": data_sources(Path(results_dir)),
    }
