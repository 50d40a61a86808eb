"""Every value the code would reject is refused at config load, before the first job, with the key named:
non-finite numbers, floats where an integer is expected, and the cross-field rules of lazyrich.config_rules."""

import copy

import pytest
import yaml

from lazyrich.config import ConfigError, validate
from lazyrich.config_rules import rules_for


def _smoke(project_root, section):
    return yaml.safe_load((project_root / f"config/profiles/smoke/{section}.yaml").read_text())


def _refused(project_root, section, change, key):
    cfg = copy.deepcopy(_smoke(project_root, section))
    change(cfg)
    with pytest.raises(ConfigError) as err:
        validate(section, cfg, "smoke")
    assert f"key '{key}'" in str(err.value), str(err.value)
    return str(err.value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_refused(project_root, value):
    msg = _refused(project_root, "asymmetric", lambda c: c["simulated"].update(lr=value), "simulated.lr")
    assert "finite" in msg


def test_nan_from_yaml_is_refused_everywhere(project_root):
    """``.nan`` in YAML is a float NaN that every numeric range check lets through; refused in lists too."""
    cfg = yaml.safe_load("scales: [1, .nan]\n")
    _refused(project_root, "scaling_path", lambda c: c.update(alphas=cfg["scales"]), "alphas.1")


def test_a_float_is_not_an_integer(project_root):
    """JSON Schema counts 200.0 as an integer; torch does not (``m: 200.0`` crashed in the training job)."""
    msg = _refused(project_root, "asymmetric", lambda c: c.update(m=200.0), "m")
    assert "integer" in msg
    _refused(project_root, "integrable", lambda c: c["depth"].update(depths=[2, 4.0]), "depth.depths.1")


CROSS_FIELD = [
    ("asymmetric", lambda c: c["simulated"].update(log_every=3000), "simulated.log_every"),
    ("asymmetric", lambda c: c["simulated"].update(log_every=300), "simulated.log_every"),
    ("asymmetric", lambda c: c["checks"]["ensemble"].update(log_every=7), "checks.ensemble.log_every"),
    ("asymmetric", lambda c: c["checks"]["ensemble"].update(config_ids=["g1", "a05g02"]) or
     c.update(configurations=c["configurations"][:2]), "checks.ensemble.config_ids.1"),
    ("asymmetric", lambda c: c["configurations"][1].pop("alpha"), "configurations.1.alpha"),
    ("asymmetric_real", lambda c: c["configurations"][3].pop("alpha"), "configurations.3.alpha"),
    ("asymmetric_real", lambda c: c["uci"].update(log_every=300), "uci.log_every"),
    ("asymmetric_real", lambda c: c["mnist"].update(log_every=30), "mnist.log_every"),
    ("asymmetric_real", lambda c: c["mnist"]["transfer"].update(ks=[10, 60]), "mnist.transfer.ks.1"),
    ("asymmetric_real", lambda c: c["uci"]["transfer"].update(ks=[41]), "uci.transfer.ks.0"),
    ("asymmetric_real", lambda c: c["mnist"]["ranges"].update(test=[300, 200]), "mnist.ranges.test"),
    ("orthogonal", lambda c: c["e1"].update(panels=[1, 20001]), "e1.panels.1"),
    ("orthogonal", lambda c: c["e3"].update(iterations=900), "e3.panels.2"),
    ("scaling_path", lambda c: c.update(figure2_alphas=[1, 10, 5]), "figure2_alphas.2"),
    ("scaling_path", lambda c: c.update(figure3_alphas=[10]), "figure3_alphas"),
    ("scaling_path", lambda c: c.update(grid_size=11, smoothness_step=11), "smoothness_step"),
    ("integrable", lambda c: c["training"]["steps"]["mnist"].pop("mup"), "training.steps.mnist"),
    ("integrable", lambda c: c["training"]["trials"]["cifar10"].pop("ipllr"), "training.trials.cifar10"),
    ("integrable", lambda c: c["depth"].update(window=41), "depth.window"),
]


@pytest.mark.parametrize("section, change, key", CROSS_FIELD, ids=[k for _, _, k in CROSS_FIELD])
def test_cross_field_rule_names_the_key(project_root, section, change, key):
    _refused(project_root, section, change, key)


def test_every_rule_is_tested_and_documented():
    tested = {s for s, _, _ in CROSS_FIELD}
    for section in ("asymmetric", "asymmetric_real", "orthogonal", "scaling_path", "integrable"):
        rules = rules_for(section)
        assert rules and section in tested, section
        assert all(r.__doc__ for r in rules), section


def test_e2_and_e3_need_their_panels(project_root):
    """The E2 and E3 figures draw cfg['panels'] (a KeyError in the figure rule before)."""
    cfg = _smoke(project_root, "orthogonal")
    del cfg["e2"]["panels"]
    with pytest.raises(ConfigError, match="panels"):
        validate("orthogonal", cfg, "smoke")
