"""Exponent tables vs the spec (IP-C1) for several depths, and the abc mapping."""

from fractions import Fraction as Fr

import pytest

from lazyrich.integrable.checks import exponent_mismatches
from lazyrich.integrable.exponents import MODELS, abc_to_ac, authors_abc, exponent_table
from lazyrich.integrable.spec_tables import DEPTHS, spec_rows


@pytest.mark.parametrize("L", DEPTHS)
@pytest.mark.parametrize("model", MODELS)
def test_table_matches_spec_rows(model, L):
    tab = exponent_table(model, L)
    spec = spec_rows(model, L)
    assert tab.a == spec["a"] and tab.c0 == spec["c0"] and tab.c1 == spec["c1"]
    assert tab.eps0 == spec["eps0"] and tab.eps1 == spec["eps1"]
    assert tab.e(0) == spec["e0"] and tab.e(1) == spec["e1"]


def test_l6_numeric_instance_by_hand():
    ipllr = exponent_table("ipllr", 6)
    assert [float(c) for c in ipllr.c0] == [-3.5, -4, -4, -4, -4, -4, -3.5]
    assert [float(e) for e in ipllr.e(0)] == [-3.5, -2, -2, -2, -2, -2, -1.5]
    bias = exponent_table("ip_bias", 6)
    assert [float(c) for c in bias.c0] == [-3.5, -4, -3.5, -3, -2.5, -2, -1]
    assert [float(c) for c in bias.eps0] == [-3.5, -3, -2.5, -2, -1.5, -1, 0]
    assert exponent_table("naive_ip", 6).e(5) == exponent_table("mup", 6).e(5) == tuple(
        Fr(x) for x in (-1, 0, 0, 0, 0, 0, 1))
    assert exponent_table("ip_noncentered", 6).u == 1 and not exponent_table("ip_noncentered", 6).switches
    assert ipllr.switches and bias.switches and ipllr.calibrated and not bias.calibrated


def test_mup_abc_mapping():
    abar, b, cbar, _ = authors_abc("mup", 4)
    a, c = abc_to_ac(abar, b, cbar)
    assert a == (0, Fr(1, 2), Fr(1, 2), Fr(1, 2), 1) and c == (-1,) * 5


def test_full_check_has_no_mismatch_and_detects_one(monkeypatch):
    assert exponent_mismatches() == []
    import lazyrich.integrable.checks as checks

    real = checks.exponent_table

    def broken(model, L):
        tab = real(model, L)
        if model == "ipllr" and L == 3:
            return tab.__class__(**{**tab.__dict__, "c0": (Fr(-7),) + tab.c0[1:]})
        return tab

    monkeypatch.setattr(checks, "exponent_table", broken)
    assert any("L=3 ipllr" in m for m in checks.exponent_mismatches())
