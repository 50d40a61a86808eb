"""The declared resources of a job (workflow/resources.yaml): cost in minutes, memory, SLURM time limit, GPU.

One table per lazyrich profile; the rules read it through ``declared_resources`` in workflow/common.smk and
``python -m lazyrich.jobs`` prints the same numbers. A rule the profile's table does not list gets the
profile's ``default`` entry.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml

TABLE_PATH = Path(__file__).resolve().parents[2] / "workflow" / "resources.yaml"
KEYS = ("minutes", "mem_mb")


def load_table(path: str | Path = TABLE_PATH) -> dict:
    """The whole table (every profile)."""
    with open(path) as fh:
        return yaml.safe_load(fh)


def _pick(value, wildcard_values):
    """A number, or the entry of a mapping keyed by one of the job's wildcard values ("*" = any other)."""
    while isinstance(value, dict):
        key = next((v for v in wildcard_values if v in value), "*")
        if key not in value:
            raise KeyError(f"no entry for wildcard values {list(wildcard_values)} (keys {sorted(value)})")
        value = value[key]
    return value


def rule_entry(table: dict, profile: str, rule: str, wildcard_values=()) -> dict:
    """{"minutes": float, "mem_mb": int} of one job of ``rule`` in ``profile``."""
    prof = table["profiles"][profile]
    entry = {**prof["default"], **prof["rules"].get(rule, {})}
    missing = [k for k in KEYS if k not in entry]
    if missing:
        raise KeyError(f"resources.yaml: profile {profile!r}, rule {rule!r}: no {missing}")
    wildcard_values = [str(v) for v in wildcard_values]
    return {"minutes": float(_pick(entry["minutes"], wildcard_values)),
            "mem_mb": int(_pick(entry["mem_mb"], wildcard_values))}


def runtime_minutes(table: dict, minutes: float, attempt: int = 1) -> int:
    """SLURM time limit (minutes) of a job estimated at ``minutes``; grows with the attempt number."""
    rt = table["runtime"]
    return int(max(rt["floor_min"], math.ceil(rt["factor"] * minutes)) * attempt)


def gpu_section(table: dict, profile: str, rule: str) -> str | None:
    """The config section whose ``device`` key the rule uses, if the profile runs the rule on a GPU."""
    if rule not in table["profiles"][profile]["gpu_rules"]:
        return None
    return table["gpu_sections"][rule]


def wants_gpu(table: dict, profile: str, rule: str, sections: dict, gpus_declared: int) -> bool:
    """Whether a job of ``rule`` requests one GPU: the profile runs it on one, its section's device is not
    ``cpu``, and the run declares GPUs (``--resources gpu=N`` with N >= 1)."""
    section = gpu_section(table, profile, rule)
    return bool(gpus_declared >= 1 and section is not None and sections[section].get("device", "auto") != "cpu")
