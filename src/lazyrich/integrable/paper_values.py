"""Published reference numbers (spec §3, Tables 3–6) shown beside the reproduced values."""

from __future__ import annotations

ACTS = ("relu", "gelu", "elu", "tanh")

# test accuracy, paper Tables 3–5 (and the authors' code for the CIFAR-10 alternatives)
PAPER_ACC = {
    ("mnist", "naive_ip"): dict(zip(ACTS, (0.098, 0.098, 0.098, 0.098))),
    ("mnist", "ipllr"): dict(zip(ACTS, (0.113, 0.956, 0.964, 0.932))),
    ("mnist", "mup"): dict(zip(ACTS, (0.954, 0.975, 0.928, 0.905))),
    ("cifar10", "ipllr"): dict(zip(ACTS, (0.100, 0.329, 0.383, 0.284))),
    ("cifar10", "mup"): dict(zip(ACTS, (0.407, 0.419, 0.356, 0.304))),
    ("cifar10", "ip_noncentered"): dict(zip(ACTS, (0.105, 0.103, 0.154, 0.147))),
    ("cifar10", "ip_bias"): dict(zip(ACTS, (0.100, 0.100, 0.100, 0.100))),
}
PAPER_ACC_SOURCE = {("cifar10", "ip_noncentered"): "authors' code", ("cifar10", "ip_bias"): "authors' code"}

# paper Table 6: best activation per model and dataset
PAPER_BEST = {
    ("mnist", "ipllr"): (0.964, "elu"), ("mnist", "mup"): (0.975, "gelu"),
    ("mnist", "ip_bias"): (0.113, "gelu"), ("mnist", "ip_noncentered"): (0.209, "elu"),
    ("cifar10", "ipllr"): (0.383, "elu"), ("cifar10", "mup"): (0.419, "gelu"),
    ("cifar10", "ip_bias"): (0.100, "gelu"), ("cifar10", "ip_noncentered"): (0.154, "elu"),
}

TABLES = {
    "IP-T3": {"dataset": "mnist", "models": ("naive_ip", "ipllr"), "title": "MNIST, Naive-IP vs IP-LLR (paper Table 3)"},
    "IP-T4": {"dataset": "mnist", "models": ("ipllr", "mup"), "title": "MNIST, IP-LLR vs muP (paper Table 4)"},
    "IP-T5": {"dataset": "cifar10", "models": ("ipllr", "mup"), "title": "CIFAR-10 (grayscale), IP-LLR vs muP (paper Table 5)"},
}
