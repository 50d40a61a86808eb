import copy
import subprocess
import sys

import pytest
import yaml

from lazyrich.config import PROFILES, ConfigError, load_profile, validate


@pytest.mark.parametrize("profile", PROFILES)
def test_every_shipped_profile_validates(profile):
    sections = load_profile(profile)
    assert "asymmetric" in sections


def _asym(project_root):
    return yaml.safe_load((project_root / "config/profiles/smoke/asymmetric.yaml").read_text())


def test_wrong_type_names_key_and_allowed(project_root):
    cfg = _asym(project_root)
    cfg["m"] = "wide"
    with pytest.raises(ConfigError) as err:
        validate("asymmetric", cfg, "smoke")
    assert "'m'" in str(err.value) and "integer" in str(err.value)


def test_unknown_key_is_rejected(project_root):
    cfg = _asym(project_root)
    cfg["simulated"]["stpes"] = 10
    with pytest.raises(ConfigError) as err:
        validate("asymmetric", cfg, "smoke")
    assert "stpes" in str(err.value) and "steps" in str(err.value)


def test_out_of_range_value_names_bounds(project_root):
    cfg = _asym(project_root)
    cfg["configurations"][1]["gamma"] = 1.5
    with pytest.raises(ConfigError) as err:
        validate("asymmetric", cfg, "smoke")
    assert "configurations.1.gamma" in str(err.value) and "maximum 1" in str(err.value)


def test_bad_enum_lists_choices(project_root):
    cfg = copy.deepcopy(_asym(project_root))
    cfg["lambda_ranks"] = "zipf"
    with pytest.raises(ConfigError, match=r"one of \['paper', 'authors_code'\]"):
        validate("asymmetric", cfg, "smoke")


@pytest.mark.parametrize("section", ["asymmetric", "asymmetric_real", "scaling_path", "integrable"])
def test_device_key_is_required_known_and_auto_in_every_profile(project_root, section):
    """Every section that can run on a GPU has a validated ``device`` key (lazyrich.devices.resolve_device)."""
    cfg = yaml.safe_load((project_root / f"config/profiles/smoke/{section}.yaml").read_text())
    cfg["device"] = "gpu"
    with pytest.raises(ConfigError, match=r"device.*one of \['auto', 'cpu', 'cuda'\]"):
        validate(section, cfg, "smoke")
    del cfg["device"]
    with pytest.raises(ConfigError, match="device"):
        validate(section, cfg, "smoke")
    for profile in PROFILES:
        text = (project_root / f"config/profiles/{profile}/{section}.yaml").read_text()
        assert yaml.safe_load(text)["device"] == "auto", (profile, section)


def test_unknown_profile():
    with pytest.raises(ConfigError, match="allowed profiles"):
        load_profile("huge")


def test_snakemake_stops_on_bad_config_and_writes_nothing(project_root, tmp_path):
    """A bad value in a profile stops the workflow at parse time with a message; no output is written."""
    root = tmp_path / "repo"
    (root / "config/profiles/smoke").mkdir(parents=True)
    (root / "workflow").mkdir()
    subprocess.run(["cp", "-r", str(project_root / "workflow/schemas"), str(root / "workflow/schemas")], check=True)
    for f in (project_root / "config/profiles/smoke").glob("*.yaml"):
        (root / "config/profiles/smoke" / f.name).write_text(f.read_text())
    cfg = _asym(project_root)
    cfg["seeds"] = [-3]
    (root / "config/profiles/smoke/asymmetric.yaml").write_text(yaml.safe_dump(cfg))
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "--snakefile", str(project_root / "Snakefile"),
         "--directory", str(work), "--config", "profile=smoke"],
        capture_output=True, text=True, env={**__import__("os").environ, "LAZYRICH_ROOT": str(root)},
    )
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "seeds.0" in out and "minimum 0" in out
    assert not (work / "results").exists()
