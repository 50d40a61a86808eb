"""Exponent tables of the ac-parameterizations (spec §1.4, §1.5).

Every model of the integrable-parameterization experiments is one row of a table:

* ``a[l]``   forward multiplier exponent: effective weight W^l = m^{-a_l} w^l;
* ``c0[l]``  learning-rate exponent of w^l at step t = 0, ``c1[l]`` at steps t >= 1;
* ``eps0[l]``, ``eps1[l]`` learning-rate exponent of the bias b^l (``None``: layer l has no bias);
* ``u``      mean of the initial intermediate and output weights (1 for IP-non-centered);
* ``calibrated`` whether the first step uses the calibrated constants k_l of §1.7 (IP-LLR only).

Layers are indexed 0 .. L in Python lists; list index i is the paper's layer l = i + 1.
All exponents are exact ``Fraction`` values so that the tables can be compared with the spec exactly.
The effective learning-rate exponent of a weight is e = 2 a + c (the effective rate is eta m^{-e});
biases are never scaled with m, so their effective exponent is eps itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as Fr

MODELS = ("naive_ip", "ipllr", "mup", "ip_bias", "ip_noncentered", "ntk")
PAPER_MODELS = ("naive_ip", "ipllr", "mup", "ip_bias", "ip_noncentered")
MODEL_LABELS = {
    "naive_ip": "Naive-IP",
    "ipllr": "IP-LLR",
    "mup": r"$\mu$P",
    "ip_bias": "IP-bias",
    "ip_noncentered": "IP-non-centered",
    "ntk": "NTK (extra baseline)",
}
MODEL_LABELS_PLAIN = {**MODEL_LABELS, "mup": "muP"}


@dataclass(frozen=True)
class ExponentTable:
    model: str
    L: int
    a: tuple
    c0: tuple
    c1: tuple
    eps0: tuple  # bias exponents at t = 0 (None where the layer has no bias)
    eps1: tuple  # bias exponents at t >= 1
    u: int
    calibrated: bool

    @property
    def switches(self) -> bool:
        """True when the t = 0 rates differ from the later ones (the one-step switch)."""
        return self.c0 != self.c1 or self.eps0 != self.eps1

    def e(self, t: int) -> tuple:
        """Effective weight learning-rate exponents e_l = 2 a_l + c_l(t)."""
        c = self.c0 if t == 0 else self.c1
        return tuple(2 * a + cl for a, cl in zip(self.a, c))

    def eps(self, t: int) -> tuple:
        return self.eps0 if t == 0 else self.eps1

    def has_bias(self) -> tuple:
        return tuple(e is not None for e in self.eps0)


def gamma(L: int, p: Fr = Fr(1)) -> tuple:
    """The paper's gamma(p) (Def. 9): first-step exponents of IP-LLR for positively p-homogeneous sigma."""
    s = sum(Fr(p) ** k for k in range(L))
    outer = -(1 + s) / 2
    inner = -1 - s / 2
    return tuple([outer] + [inner] * (L - 1) + [outer])


def exponent_table(model: str, L: int, p: Fr = Fr(1)) -> ExponentTable:
    """The exponent table of ``model`` for L hidden layers (L + 1 weight matrices)."""
    if model not in MODELS:
        raise ValueError(f"unknown model '{model}': allowed {list(MODELS)}")
    if L < 1:
        raise ValueError(f"L must be >= 1 hidden layer, got {L}")
    n = L + 1
    half, one = Fr(1, 2), Fr(1)
    ip_a = tuple([Fr(0)] + [one] * L)
    naive_c = tuple([-one] + [Fr(-2)] * (L - 1) + [-one])
    first_bias_only = lambda c: tuple([c[0]] + [None] * L)  # noqa: E731  (layer-1 bias uses c_1)

    if model == "ntk":
        a = tuple([Fr(0)] + [half] * L)
        c = tuple([Fr(0)] * n)
        return ExponentTable(model, L, a, c, c, first_bias_only(c), first_bias_only(c), 0, False)
    if model == "mup":
        a = tuple([Fr(0)] + [half] * (L - 1) + [one])
        c = tuple([-one] * n)
        return ExponentTable(model, L, a, c, c, first_bias_only(c), first_bias_only(c), 0, False)
    if model in ("naive_ip", "ip_noncentered"):
        u = 1 if model == "ip_noncentered" else 0
        return ExponentTable(model, L, ip_a, naive_c, naive_c, first_bias_only(naive_c),
                             first_bias_only(naive_c), u, False)
    if model == "ipllr":
        c0 = gamma(L, p)
        return ExponentTable(model, L, ip_a, c0, naive_c, first_bias_only(c0), first_bias_only(naive_c), 0, True)
    # ip_bias: eq. (5.4) for the weights, (5.5) for the unscaled biases of every layer
    c0 = tuple([-Fr(L + 1, 2)] + [-Fr(L - l + 4, 2) for l in range(2, L + 1)] + [-one])
    eps0 = tuple([-Fr(L + 1, 2)] + [-Fr(L - l + 2, 2) for l in range(2, L + 1)] + [Fr(0)])
    eps1 = tuple([-one] * L + [Fr(0)])
    return ExponentTable(model, L, ip_a, c0, naive_c, eps0, eps1, 0, False)


# ---------------------------------------------------------------------------------------------------
# The authors' abc form (Yang & Hu): stored w = m^{-b} U, forward multiplier m^{-abar}, rate eta m^{-cbar}.


def authors_abc(model: str, L: int) -> tuple[tuple, tuple, tuple, tuple]:
    """(abar, b, cbar at t = 0, cbar at t >= 1) of the authors' code classes (spec §1.5)."""
    half = Fr(1, 2)
    n = L + 1
    if model == "mup":  # FCmuP
        abar = tuple([-half] + [Fr(0)] * (L - 1) + [half])
        b = tuple([half] * n)
        cbar = tuple([Fr(0)] * n)
        return abar, b, cbar, cbar
    if model == "ntk":  # FCNTK
        abar = tuple([Fr(0)] + [half] * L)
        zero = tuple([Fr(0)] * n)
        return abar, zero, zero, zero
    if model in ("naive_ip", "ipllr", "ip_bias", "ip_noncentered"):  # StandardFCIP, FcIPLLR, FcIPLLRBias
        table = exponent_table(model, L)
        abar = tuple([Fr(0)] + [Fr(1)] * L)
        zero = tuple([Fr(0)] * n)
        # the code stores the ac learning-rate exponents directly (cbar = c) since b = 0
        return abar, zero, table.c0, table.c1
    raise ValueError(f"unknown model '{model}'")


def abc_to_ac(abar, b, cbar) -> tuple[tuple, tuple]:
    """Paper Remark 2: a_l = abar_l + b_l and c_l = cbar_l - 2 b_l."""
    a = tuple(x + y for x, y in zip(abar, b))
    c = tuple(z - 2 * y for z, y in zip(cbar, b))
    return a, c


# ---------------------------------------------------------------------------------------------------
# Initialisation (spec §1.2): width-independent learnable draws, delta per activation.

DELTA2 = {"relu": Fr(2), "gelu": Fr(4), "elu": Fr(1), "tanh": Fr(1), "identity": Fr(1)}
ACTIVATIONS = ("relu", "gelu", "elu", "tanh")


def init_std(activation: str) -> float:
    return float(DELTA2[activation]) ** 0.5
