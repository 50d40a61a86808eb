"""IP-E3 CLI: output scale at init vs width (panel a) and first-step update scale vs width (panel b).

``python -m lazyrich.integrable.run_scales --config CFG --data PREPARED_MNIST.npz --out scales.npz``
"""

from __future__ import annotations

import sys

import numpy as np
import torch

from lazyrich.integrable.runtime import cli_setup
from lazyrich.integrable.scales import first_step_contributions, init_scales
from lazyrich.io import save_npz
from lazyrich.seeding import numpy_rng


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv=None):
    args, cfg, x, y = cli_setup(__doc__, argv)
    sc = cfg["scales"]
    L = cfg["architecture"]["L"]
    x = x.double()
    pick = torch.from_numpy(numpy_rng(cfg["seed"], "integrable/scales/inputs").permutation(x.shape[0]))
    x_init = x[pick[: sc["n_inputs"]]]
    a = init_scales(x_init, widths=sc["widths"], activations=list(sc["activations"]), models=list(sc["models"]),
                    n_inits=sc["n_inits"], L=L, seed=cfg["seed"], progress=_log)
    Bs = sc["step_batch_size"]
    pick = torch.from_numpy(numpy_rng(cfg["seed"], "integrable/scales/step-batches").permutation(x.shape[0]))
    ia, ib = pick[:Bs], pick[Bs:2 * Bs]
    b = first_step_contributions(x[ia], y[ia], x[ib], widths=sc["step_widths"], activations=sc["activations"],
                                 n_inits=sc["step_inits"], L=L, seed=cfg["seed"], eta=sc["step_eta"],
                                 progress=_log)
    save_npz(args.out, widths=np.array(sc["widths"]), step_widths=np.array(sc["step_widths"]),
             activations=np.array(sc["activations"]), models=np.array(sc["models"]), L=np.array(L),
             n_inits=np.array(sc["n_inits"]), step_inits=np.array(sc["step_inits"]), **a, **b)


if __name__ == "__main__":
    main()
