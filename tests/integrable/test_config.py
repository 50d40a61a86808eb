"""The integrable config schema accepts the three profiles and rejects bad values with a clear message."""

import copy

import pytest
import yaml

from lazyrich.config import ConfigError, project_root, validate


def profile(name):
    return yaml.safe_load((project_root() / "config" / "profiles" / name / "integrable.yaml").read_text())


@pytest.mark.parametrize("name", ["smoke", "default", "paper"])
def test_profiles_validate(name):
    validate("integrable", profile(name), name)


@pytest.mark.parametrize("path,value,needle", [
    (("calibration", "mode"), "magic", "calibration.mode"),
    (("architecture", "L"), 2, "architecture.L"),
    (("scales", "n_inits"), 10, "scales.n_inits"),
    (("training", "trials", "mnist", "ipllr"), 0, "training.trials.mnist.ipllr"),
    (("training", "bogus"), 1, "bogus"),
])
def test_bad_values_rejected(path, value, needle):
    cfg = copy.deepcopy(profile("smoke"))
    node = cfg
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ConfigError, match=needle.replace(".", r"\.")):
        validate("integrable", cfg, "smoke")
