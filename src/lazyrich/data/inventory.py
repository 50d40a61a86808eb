"""Which datasets a run can use, decided before anything is scheduled on them.

``python -m lazyrich.data.inventory --config results/<P>/configs/data.json --out results/<P>/data/inventory.json``

For every dataset (the four UCI files, MNIST, CIFAR-10, the ResNet-18 weights of the CIFAR-10 experiment)
the raw files are located, downloaded where ``download: true`` allows it, and verified against their
checksums, exactly as the preparation rules will do. The inventory records, per dataset, whether it is
available, its variant and kind (official / real-image stand-in / synthetic stand-in) and the verified
SHA-256s, or the reason it is not (the full message: missing file, where to put it, its URL and checksum).

The workflow reads the inventory (a Snakemake checkpoint) to leave out the figures and claims whose data
is missing; the claims report marks those claims NOT_RUN with the reason. A file that is present but wrong
(checksum, format) is bad input, not missing data: this command then fails (exit 2) and writes nothing, as
it does when a dataset listed in the config key ``data.required`` is missing.
:func:`raw_signature` is what the rules use to notice that raw files (or ``LAZYRICH_DATA_DIR``) changed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from .fetch import DataError, MissingDataError, load_manifest
from .resnet import RESNET18_STANDIN
from .sources import (CIFAR10_ARCHIVE, CIFAR10_JPEG_STANDIN, MNIST_FILES, MNIST_UNCOMPRESSED_FILES, OFFICIAL,
                      RESNET18_WEIGHTS, SYNTHETIC_STANDIN, UCI_FILES)

DATASETS = (*UCI_FILES, "mnist", "cifar10", "resnet18")

# raw files whose presence decides a dataset's variant (what raw_signature stats)
_CANDIDATES = {
    **{name: (spec.relpath,) for name, spec in UCI_FILES.items()},
    "mnist": tuple(s.relpath for s in (*MNIST_FILES.values(), *MNIST_UNCOMPRESSED_FILES.values())),
    "cifar10": (CIFAR10_ARCHIVE.relpath, CIFAR10_JPEG_STANDIN.relpath),
    "resnet18": (RESNET18_WEIGHTS.relpath, RESNET18_STANDIN.relpath),
}


def data_dir_of(cfg: dict) -> Path:
    """The raw-data folder: stand-in folder in stand-in mode, else data_dir (LAZYRICH_DATA_DIR overrides)."""
    from .fetch import resolve_data_dir

    if cfg["standin"]:
        return Path(os.path.expanduser(cfg["data_dir"])).resolve()
    return resolve_data_dir(cfg["data_dir"])


def raw_signature(cfg: dict, dataset: str | None = None) -> str:
    """Effective data folder plus size and mtime of the candidate raw files (of one dataset, or all).

    Cheap (stat only), so the Snakefile computes it while parsing; as a rule's ``params`` it makes
    Snakemake rerun the rule when ``LAZYRICH_DATA_DIR`` points elsewhere or a raw file is added or replaced.
    """
    root = data_dir_of(cfg)
    parts = [str(root)]
    for name in (dataset,) if dataset else DATASETS:
        for rel in _CANDIDATES[name]:
            path = root / rel
            stat = path.stat() if path.is_file() else None
            parts.append(f"{rel}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{rel}:-")
    return f"{root} " + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def check_dataset(cfg: dict, dataset: str) -> dict:
    """Locate, download if allowed and verify one dataset's raw files.

    A missing file gives ``available: false`` with the reason; any other :class:`DataError` (a file with
    the wrong checksum or format) gives ``error`` with the message."""
    from . import cifar10, mnist, resnet
    from .fetch import require_file

    root = data_dir_of(cfg)
    manifest = load_manifest(root) if cfg["standin"] else None
    download = bool(cfg["download"])
    try:
        if dataset in UCI_FILES:
            spec = UCI_FILES[dataset]
            _, digest = require_file(spec, root, download=download and manifest is None, manifest=manifest)
            variant, kind, files = ("standin", SYNTHETIC_STANDIN, {spec.relpath: digest}) if manifest is not None \
                else ("official", OFFICIAL, {spec.relpath: digest})
        elif dataset == "mnist":
            variant, form, specs = mnist.resolve_files(root, cfg["mnist_variant"], download, manifest)
            found = mnist.verify(root, specs, download, manifest)
            kind, files = mnist.KINDS[variant], {specs[n].relpath: d for n, (_, d) in found.items()}
            variant = mnist.variant_label(variant, form)
        elif dataset == "cifar10":
            variant, spec = cifar10.resolve_archive(root, cfg["cifar10_variant"], manifest)
            _, digest = cifar10.verify(root, spec, download, manifest)
            kind, files = cifar10.KINDS[variant], {spec.relpath: digest}
        elif dataset == "resnet18":
            path, digest = resnet.verify(root, download, manifest)
            variant, kind = ("standin", SYNTHETIC_STANDIN) if manifest is not None else ("IMAGENET1K_V1", OFFICIAL)
            files = {str(path.relative_to(root)): digest}
        else:
            raise ValueError(f"unknown dataset '{dataset}'; allowed: {list(DATASETS)}")
    except MissingDataError as exc:
        return {"available": False, "reason": str(exc)}
    except DataError as exc:
        return {"available": False, "reason": str(exc), "error": True}
    return {"available": True, "variant": variant, "kind": kind, "sha256": files}


def take_inventory(cfg: dict) -> dict:
    """``{"data_dir": ..., "datasets": {name: check_dataset(...)}}`` for every dataset."""
    datasets = {}
    for name in DATASETS:
        datasets[name] = check_dataset(cfg, name)
        state = "available" if datasets[name]["available"] else "MISSING"
        print(f"{name:10s} {state}", file=sys.stderr, flush=True)
    return {"data_dir": str(data_dir_of(cfg)), "standin": bool(cfg["standin"]), "datasets": datasets}


def missing_required(cfg: dict, inventory: dict) -> list[str]:
    return [name for name in cfg["required"] if not inventory["datasets"][name]["available"]]


def bad_files(inventory: dict) -> dict[str, str]:
    """``{dataset: message}`` of the datasets whose files are present but wrong."""
    return {name: e["reason"] for name, e in inventory["datasets"].items() if e.get("error")}


def skipped_summary(inventory: dict) -> str:
    """Human-readable list of the unavailable datasets and why (empty string if none)."""
    lines = []
    for name, entry in inventory["datasets"].items():
        if not entry["available"]:
            reason = "\n".join("      " + line for line in entry["reason"].splitlines())
            lines.append(f"  - {name}: not available; everything that needs it was skipped.\n{reason}")
    return "\n".join(lines)


def data_labels(inventory_path: str | os.PathLike) -> dict[str, str]:
    """``{dataset: "kind (variant)"}`` from an inventory file, plus ``uci`` for the four UCI files together;
    for report captions (the Snakefile reads it when it exists; before the first run every label says so)."""
    path = Path(inventory_path)
    if not path.exists():
        return {name: "not inventoried yet" for name in (*DATASETS, "uci")}
    import json

    entries = json.loads(path.read_text())["datasets"]
    labels = {name: f"{e['kind']} ({e['variant']})" if e["available"] else "MISSING (skipped)"
              for name, e in entries.items()}
    labels["uci"] = "; ".join(sorted({f"{labels[n]}" for n in UCI_FILES}))
    return labels


def main(argv=None) -> None:
    from lazyrich.config import load_section
    from lazyrich.io import save_json

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    inventory = take_inventory(cfg)
    bad = bad_files(inventory)
    if bad:
        print("ERROR: raw data files are present but wrong (fix or remove them; nothing was run):\n"
              + "\n".join(f"  - {name}:\n" + "\n".join("      " + l for l in msg.splitlines()) for name, msg in bad.items()),
              file=sys.stderr)
        sys.exit(2)
    missing = missing_required(cfg, inventory)
    if missing:
        print(f"ERROR: config data.required lists {missing}, which are not available:\n"
              f"{skipped_summary(inventory)}", file=sys.stderr)
        sys.exit(2)
    save_json(args.out, inventory)
    summary = skipped_summary(inventory)
    print("data inventory written to " + args.out + (f"\nskipped:\n{summary}" if summary else "; every dataset available"),
          file=sys.stderr)


if __name__ == "__main__":
    main()
