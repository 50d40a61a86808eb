"""IP-E4 CLI: Naive-IP depth threshold on MNIST (beyond the paper).

``python -m lazyrich.integrable.run_depth --config CFG --data PREPARED_MNIST.npz --out depth.npz``
"""

from __future__ import annotations

import sys

import numpy as np

from lazyrich.devices import resolve_device
from lazyrich.integrable.depth import depth_sweep
from lazyrich.integrable.runtime import cli_setup, torch_dtype
from lazyrich.io import save_npz


def main(argv=None):
    args, cfg, x, y = cli_setup(__doc__, argv)
    dp = cfg["depth"]
    dtype, device = torch_dtype(cfg["dtype"]), resolve_device(cfg["device"])
    x, y = x.to(dtype=dtype, device=device), y.to(device)
    res = depth_sweep(x, y, activations=dp["activations"], depths=dp["depths"], widths=dp["widths"],
                      n_trials=dp["trials"], steps=dp["steps"], batch_size=dp["batch_size"], eta=dp["eta"],
                      seed=cfg["seed"], dtype=dtype, device=device, progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    save_npz(args.out, activations=np.array(dp["activations"]), depths=np.array(dp["depths"]),
             widths=np.array(dp["widths"]), window=np.array(dp["window"]), **res)


if __name__ == "__main__":
    main()
