"""IP-E4 CLI: Naive-IP depth threshold on MNIST (beyond the paper).

``python -m lazyrich.integrable.run_depth --config CFG --data PREPARED_MNIST.npz --out depth.npz``
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import torch

from lazyrich.config import load_section
from lazyrich.integrable.depth import depth_sweep
from lazyrich.integrable.runtime import setup_torch, torch_dtype
from lazyrich.integrable.datasets import load_prepared
from lazyrich.io import save_npz


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    cfg = load_section(args.config)
    setup_torch(cfg)
    dp = cfg["depth"]
    dtype = torch_dtype(cfg["dtype"])
    data = load_prepared(args.data)
    x = torch.from_numpy(data["x_train"]).to(dtype)
    y = torch.from_numpy(data["y_train"])
    res = depth_sweep(x, y, activations=dp["activations"], depths=dp["depths"], widths=dp["widths"],
                      n_trials=dp["trials"], steps=dp["steps"], batch_size=dp["batch_size"], eta=dp["eta"],
                      seed=cfg["seed"], dtype=dtype, progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    save_npz(args.out, activations=np.array(dp["activations"]), depths=np.array(dp["depths"]),
             widths=np.array(dp["widths"]), window=np.array(dp["window"]), **res)


if __name__ == "__main__":
    main()
