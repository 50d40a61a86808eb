"""IP-E2 / IP-E5 CLI: ranks of h^l, x^l and of the first update after one SGD step (MNIST).

``python -m lazyrich.integrable.run_ranks --config CFG --data PREPARED_MNIST.npz --out ranks.npz``
"""

from __future__ import annotations

import numpy as np

from lazyrich.integrable.ranks import one_step_ranks
from lazyrich.integrable.runtime import cli_setup, torch_dtype
from lazyrich.io import save_npz
from lazyrich.progress import progress


def main(argv=None):
    args, cfg, x, y = cli_setup(__doc__, argv)
    rk, cal = cfg["ranks"], cfg["calibration"]
    dtype = torch_dtype(cfg["dtype"])
    x = x.to(dtype)
    n_inputs = min(rk["n_inputs"], x.shape[0])
    parts = []
    for act in progress(rk["activations"], desc="ranks"):
        parts.append(one_step_ranks(x, y, activation=act, L=cfg["architecture"]["L"], m=rk["width"],
                                    n_trials=rk["trials"], n_inputs=n_inputs,
                                    batch_size=cfg["training"]["batch_size"], eta=cfg["training"]["eta"],
                                    seed=cfg["seed"], calibration={k: cal[k] for k in ("mode", "cap", "s_out", "propagate")},
                                    dtype=dtype))
    out = {k: np.stack([p[k] for p in parts]) for k in parts[0]}  # [activation, run, ...]
    save_npz(args.out, activations=np.array(rk["activations"]), width=np.array(rk["width"]),
             n_inputs=np.array(n_inputs), batch_size=np.array(cfg["training"]["batch_size"]), **out)


if __name__ == "__main__":
    main()
