"""Every IP claim of the spec is registered (discovered by the registry) with the required profiles."""

from lazyrich.claims.registry import all_claims


def test_all_ip_claims_registered():
    claims = {c.id: c for c in all_claims() if c.id.startswith("IP-")}
    assert sorted(claims, key=lambda s: int(s[4:])) == [f"IP-C{i}" for i in range(1, 33)]
    for i in range(1, 9):  # training-free identities must hold in every profile (IP-D7)
        assert set(claims[f"IP-C{i}"].must_hold) == {"smoke", "default", "paper"}
    assert claims["IP-C23"].must_hold == ("paper",)
    for c in claims.values():
        assert all(inp.startswith("integrable/") for inp in c.inputs)
