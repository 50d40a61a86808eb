"""The asymmetric_real and data config sections of every profile validate; bad values name the key."""

from __future__ import annotations

import copy

import pytest
import yaml

from lazyrich.config import ConfigError, validate


@pytest.mark.parametrize("profile", ["smoke", "default", "paper"])
def test_profiles_validate(project_root, profile):
    for section in ("asymmetric_real", "data"):
        validate(section, yaml.safe_load((project_root / f"config/profiles/{profile}/{section}.yaml").read_text()), profile)


def test_bad_values_are_named(project_root):
    cfg = yaml.safe_load((project_root / "config/profiles/smoke/asymmetric_real.yaml").read_text())
    bad = copy.deepcopy(cfg)
    bad["uci"]["m"] = 130  # not a multiple of 20
    with pytest.raises(ConfigError, match="uci.m"):
        validate("asymmetric_real", bad, "smoke")
    bad = copy.deepcopy(cfg)
    bad["cifar10"]["feature_mode"] = "precomputed"
    with pytest.raises(ConfigError, match="cached"):
        validate("asymmetric_real", bad, "smoke")
    data = yaml.safe_load((project_root / "config/profiles/smoke/data.yaml").read_text())
    data["mnist_variant"] = "fake"
    with pytest.raises(ConfigError, match="mnist_variant"):
        validate("data", data, "smoke")
