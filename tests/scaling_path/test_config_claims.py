import copy
from pathlib import Path

import pytest
import yaml

from lazyrich.config import ConfigError, validate

ROOT = Path(__file__).resolve().parents[2]


def _section(profile):
    return yaml.safe_load((ROOT / "config" / "profiles" / profile / "scaling_path.yaml").read_text())


@pytest.mark.parametrize("profile", ["smoke", "default", "paper"])
def test_profiles_validate(profile):
    validate("scaling_path", _section(profile), profile)


@pytest.mark.parametrize("mutate,needle", [
    (lambda c: c.update(lattice_n=5), "lattice_n"),
    (lambda c: c["divergence"].update(scaling=1.5), "divergence.scaling"),
    (lambda c: c.update(alphas=[-1.0]), "alphas.0"),
    (lambda c: c.update(extra=1), "extra"),
    (lambda c: c["gd"].pop("rel_step"), "rel_step"),
])
def test_schema_rejects_bad_config(mutate, needle):
    cfg = copy.deepcopy(_section("smoke"))
    mutate(cfg)
    with pytest.raises(ConfigError, match=needle.replace(".", r"\.")):
        validate("scaling_path", cfg, "smoke")


def test_every_spec_claim_is_registered():
    from lazyrich.claims.registry import all_claims

    ids = {c.id for c in all_claims() if c.id.startswith("SP-")}
    assert {f"SP-C{i}" for i in range(1, 15)} <= ids
    smoke = {c.id for c in all_claims() if c.id.startswith("SP-") and "smoke" in c.must_hold}
    assert {"SP-C10", "SP-C11", "SP-C12", "SP-C14"} <= smoke
