"""Which data a claims-report row was computed on: official, real-image stand-in or synthetic.

:func:`data_label` is the one place that decides it, for the replication-status page
(:mod:`lazyrich.claims.status`). A row's own ``data`` field, when a report has it, wins; otherwise the label
is inferred from the claim's ID, the report's profile and the ``data_sources`` of its provenance (the
``source`` string every prepared ``results/<P>/data/<name>.npz`` carries, see :mod:`lazyrich.data`).
"""

from __future__ import annotations

import re

from lazyrich.data.sources import OFFICIAL, SYNTHETIC_STANDIN
from lazyrich.data.sources import REAL_IMAGE_STANDIN as REAL_STANDIN

BY_DESIGN = "synthetic (paper's design)"
ANALYTIC = "none (analytic check)"
UNKNOWN = "unknown"

# exact checks that read no data at all (closed forms); the paper's simulated experiments are _by_design
ANALYTIC_CLAIMS = ("AS-C1", "IP-C1")


def _by_design(claim_id: str) -> bool:
    """Claims on data the paper itself draws at random: main paper AS-C2..C9, orthogonal inputs, scaling path."""
    prefix, _, rest = claim_id.partition("-C")
    number = int(re.match(r"\d+", rest).group()) if re.match(r"\d+", rest) else 0
    return prefix in ("OI", "SP") or (prefix == "AS" and number <= 9)


def datasets_read(inputs) -> list[str]:
    """Names of the prepared datasets (``data/<name>.npz`` stems) a claim's result files were computed from."""
    found = []
    for rel in inputs:
        parts = rel.split("/")
        if parts[0] == "data":
            name = parts[-1].removesuffix(".npz")
        elif parts[0] == "asymmetric_real" and len(parts) > 2:
            name = parts[1] if parts[1] in ("mnist", "cifar10") else f"uci_{parts[1]}"
        elif parts[0] == "integrable":
            name = "cifar10" if "cifar10" in parts[-1] else "mnist"  # IP-E2..E6 read MNIST inputs
        else:
            continue
        if name not in found:
            found.append(name)
    return found


def source_label(source: str) -> str:
    """The label of one prepared dataset from its ``source`` string (lazyrich.data writes STAND-IN in capitals)."""
    if "SYNTHETIC STAND-IN" in source:
        return SYNTHETIC_STANDIN
    if "STAND-IN" in source.upper():
        return REAL_STANDIN
    return OFFICIAL


def data_label(row: dict, profile: str, provenance: dict) -> str:
    """The data one row of a claims report was computed on."""
    if isinstance(row.get("data"), str):
        return row["data"]
    if row["id"] in ANALYTIC_CLAIMS:
        return ANALYTIC
    if _by_design(row["id"]):
        return BY_DESIGN
    if profile == "smoke":
        return SYNTHETIC_STANDIN
    sources = provenance.get("data_sources") or {}
    names = datasets_read(row.get("inputs", ()))
    labels = sorted({source_label(sources[n]) if n in sources else UNKNOWN for n in names} or {UNKNOWN})
    return " + ".join(labels)
