"""E4: the authors' high-dimensional construction (spec §2 E4, D6), reproduced draw for draw.

The outcome of E4 depends on the draw, so the teacher, the inputs and the student are built with the
authors' torch RNG calls in the authors' order after ``torch.manual_seed(seed)``:

1. teacher hidden ``Linear(d, k, bias=False)`` (its default init consumes RNG), ``normal_`` std 1/√(k·d);
2. teacher output ``Linear(k, 1, bias=False)``, ``normal_`` std 1/√k (not balanced);
3. ``x = torch.randn(n, d)``; 4. y = teacher(x) (ReLU teacher, noise-free);
5. student hidden ``Linear(d, m, bias=False)``, ``normal_`` std λ/√(m·d);
6. student output ``Linear(m, 1, bias=False)``, then signs ``2·bernoulli(0.5) − 1`` times the neuron
   norms (computed in float64, D10).

The global torch RNG state is restored afterwards (``fork_rng``).
"""
from __future__ import annotations

import math

import numpy as np


def authors_construction(seed: int, n: int, d: int, teacher_width: int, m: int, lam: float):
    """Returns float64 arrays x [n, d], y [n], W0 [m, d], signs [m] (int8), a0 [m] and the teacher's
    output weights [k] (for the record)."""
    import torch

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        t_hidden = torch.nn.Linear(d, teacher_width, bias=False)
        torch.nn.init.normal_(t_hidden.weight.data, std=1.0 / math.sqrt(teacher_width * d))
        t_out = torch.nn.Linear(teacher_width, 1, bias=False)
        torch.nn.init.normal_(t_out.weight.data, std=1.0 / math.sqrt(teacher_width))
        x = torch.randn(n, d)
        with torch.no_grad():
            y = t_out(torch.relu(t_hidden(x))).reshape(-1)
        s_hidden = torch.nn.Linear(d, m, bias=False)
        torch.nn.init.normal_(s_hidden.weight.data, std=lam / math.sqrt(m * d))
        s_out = torch.nn.Linear(m, 1, bias=False)
        signs = 2 * torch.bernoulli(0.5 * torch.ones_like(s_out.weight.data)) - 1
    W0 = s_hidden.weight.data.double().numpy()
    s = signs.reshape(-1).numpy().astype(np.int8)
    a0 = s * np.linalg.norm(W0, axis=1)
    return {"x": x.double().numpy(), "y": y.double().numpy(), "W0": W0, "signs": s, "a0": a0,
            "teacher_out": t_out.weight.data.double().numpy().reshape(-1)}


def flush_denormals(enabled: bool) -> bool:
    """Set flush-to-zero/denormals-are-zero on this thread (spec §6 quirk 8, §7); returns success.

    The flag lives in the CPU's control register of the calling thread, so it also covers numpy's
    single-threaded BLAS calls made from this thread (set OPENBLAS_NUM_THREADS=1).
    """
    import torch

    return bool(torch.set_flush_denormal(enabled))
