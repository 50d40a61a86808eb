"""Train the 4 configurations x seeds of a UCI or MNIST experiment with the shared batched GD trainer.

CLI: python -m lazyrich.asymmetric.real.train --config CFG --experiment {airfoil,...,mnist} --data NPZ --out runs.npz

Full-batch GD, eta = lr, mean MSE, logs every ``log_every`` steps, NTG on the first ``ntg_points`` training
rows (spec §2.2, §2.3). The runs.npz has the keys of docs/architecture.md plus ``source`` (what data).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from lazyrich.asymmetric.train import train_experiment
from lazyrich.config import load_section
from lazyrich.io import load_npz, save_npz

from .experiment import UCI, load_splits, settings_of, top_level


def run(cfg: dict, experiment: str, data_path: str) -> dict[str, np.ndarray]:
    s = settings_of(cfg, experiment)
    splits = load_splits(cfg, experiment, data_path)
    settings = {"lr": s["lr"], "steps": s["steps"], "log_every": s["log_every"], "ntg_points": s["ntg_points"],
                "classification": experiment == "mnist"}
    print(f"{experiment}: n_train={len(splits['x_train'])}, n_test={len(splits['x_test'])}, "
          f"d={splits['x_train'].shape[1]}, m={s['m']}, seeds={s['seeds']}, steps={s['steps']}", flush=True)
    runs = train_experiment(splits, settings, top_level(cfg, experiment), desc=f"GD {experiment}")
    runs["source"] = np.asarray(str(load_npz(data_path)["source"]))
    return runs


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--experiment", required=True, choices=[*UCI, "mnist"])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    start = time.time()
    runs = run(load_section(args.config), args.experiment, args.data)
    save_npz(args.out, **runs)
    print(f"trained {len(runs['seeds'])} runs in {time.time() - start:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
