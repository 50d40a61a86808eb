"""The exponent tables of spec §1.4, transcribed row by row (independently of ``exponents.py``).

Used by the exponent check (IP-C1) and the tests: the implementation must equal these rows for every L,
and the L = 6 rows must equal the spec's numeric instance, copied literally below.
"""

from __future__ import annotations

from fractions import Fraction as Fr


def _row(first, mid, last, L):
    return tuple([Fr(first)] + [Fr(mid(l)) if callable(mid) else Fr(mid) for l in range(2, L + 1)] + [Fr(last)])


def spec_rows(model: str, L: int) -> dict:
    """{'a', 'c0', 'c1', 'eps0', 'eps1', 'e0', 'e1'} as the spec's §1.4 tables state them (None: no bias)."""
    h = Fr(1, 2)
    no_bias = lambda first: tuple([Fr(first)] + [None] * L)  # noqa: E731
    if model == "ntk":
        a, c0, c1 = _row(0, h, h, L), _row(0, 0, 0, L), _row(0, 0, 0, L)
    elif model == "mup":
        a, c0, c1 = _row(0, h, 1, L), _row(-1, -1, -1, L), _row(-1, -1, -1, L)
    elif model in ("naive_ip", "ip_noncentered"):
        a, c0, c1 = _row(0, 1, 1, L), _row(-1, -2, -1, L), _row(-1, -2, -1, L)
    elif model == "ipllr":
        a = _row(0, 1, 1, L)
        c0 = _row(-Fr(L + 1, 2), -Fr(L + 2, 2), -Fr(L + 1, 2), L)
        c1 = _row(-1, -2, -1, L)
    elif model == "ip_bias":
        a = _row(0, 1, 1, L)
        c0 = _row(-Fr(L + 1, 2), lambda l: -Fr(L - l + 4, 2), -1, L)
        c1 = _row(-1, -2, -1, L)
        eps0 = _row(-Fr(L + 1, 2), lambda l: -Fr(L - l + 2, 2), 0, L)
        eps1 = _row(-1, -1, 0, L)
        return {"a": a, "c0": c0, "c1": c1, "eps0": eps0, "eps1": eps1,
                "e0": tuple(2 * x + y for x, y in zip(a, c0)), "e1": tuple(2 * x + y for x, y in zip(a, c1))}
    else:
        raise ValueError(model)
    return {"a": a, "c0": c0, "c1": c1, "eps0": no_bias(c0[0]), "eps1": no_bias(c1[0]),
            "e0": tuple(2 * x + y for x, y in zip(a, c0)), "e1": tuple(2 * x + y for x, y in zip(a, c1))}


def spec_effective_rows(model: str, L: int) -> dict:
    """The spec's separate table of effective exponents e (only the rows it lists)."""
    if model == "ntk":
        e = _row(0, 1, 1, L)
        return {"e0": e, "e1": e}
    if model in ("mup", "naive_ip"):
        e = _row(-1, 0, 1, L)
        return {"e0": e, "e1": e}
    if model == "ipllr":
        return {"e0": _row(-Fr(L + 1, 2), -Fr(L - 2, 2), -Fr(L - 3, 2), L), "e1": _row(-1, 0, 1, L)}
    return {}


# Literal copy of the spec's "Numeric instance for L = 6" (layers 1..7).
L6_INSTANCE = {
    "a_ip": (0, 1, 1, 1, 1, 1, 1),
    "a_mup": (0, 0.5, 0.5, 0.5, 0.5, 0.5, 1),
    "c_naive": (-1, -2, -2, -2, -2, -2, -1),
    "c_ipllr_t0": (-3.5, -4, -4, -4, -4, -4, -3.5),
    "c_ipbias_t0": (-3.5, -4, -3.5, -3, -2.5, -2, -1),
    "eps_ipbias_t0": (-3.5, -3, -2.5, -2, -1.5, -1, 0),
    "eps_ipbias_t1": (-1, -1, -1, -1, -1, -1, 0),
}

DEPTHS = (1, 2, 3, 4, 6, 8)
