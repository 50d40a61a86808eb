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


def _copy_profile(project_root, tmp_path, profile="smoke"):
    """A scratch project root with the schemas and one profile's config files (for LAZYRICH_ROOT / root=)."""
    root = tmp_path / "repo"
    (root / "workflow").mkdir(parents=True)
    subprocess.run(["cp", "-r", str(project_root / "workflow/schemas"), str(root / "workflow/schemas")], check=True)
    subprocess.run(["mkdir", "-p", str(root / "config/profiles")], check=True)
    subprocess.run(["cp", "-r", str(project_root / f"config/profiles/{profile}"), str(root / "config/profiles")], check=True)
    return root


def test_duplicate_key_names_file_key_and_lines(project_root, tmp_path):
    """PyYAML keeps the last of two equal keys silently; the loader refuses it."""
    root = _copy_profile(project_root, tmp_path)
    path = root / "config/profiles/smoke/asymmetric.yaml"
    path.write_text(path.read_text() + "m: 400\n")
    with pytest.raises(ConfigError) as err:
        load_profile("smoke", root)
    msg = str(err.value)
    assert str(path) in msg and "key 'm' is given twice (first on line 6)" in msg


def test_invalid_yaml_names_the_file(project_root, tmp_path):
    root = _copy_profile(project_root, tmp_path)
    path = root / "config/profiles/smoke/orthogonal.yaml"
    path.write_text(path.read_text().replace("  m: 60\n", "  m: [60\n", 1))
    with pytest.raises(ConfigError) as err:
        load_profile("smoke", root)
    assert str(err.value).startswith(f"{path} is not a valid config file") and "line" in str(err.value)


def test_missing_section_file_names_what_is_expected(project_root, tmp_path):
    root = _copy_profile(project_root, tmp_path)
    (root / "config/profiles/smoke/integrable.yaml").unlink()
    with pytest.raises(ConfigError) as err:
        load_profile("smoke", root)
    msg = str(err.value)
    assert "no config file for section 'integrable'" in msg
    assert str(root / "config/profiles/smoke/integrable.yaml") in msg and "integrable.schema.yaml" in msg


@pytest.mark.parametrize("edit, expected", [
    (("asymmetric.yaml", "seeds: [0, 1]", "seeds: [-3]"), ["seeds.0", "minimum 0"]),
    (("scaling_path.yaml", "figure2_alphas: [1, 10, 100]", "figure2_alphas: [1, 10, 5]"), ["figure2_alphas.2"]),
    (("asymmetric.yaml", "  lr: 1.0\n", "  lr: .nan\n"), ["simulated.lr", "finite"]),
    (("asymmetric.yaml", "m: 200\n", "m: 200\nm: 300\n"), ["asymmetric.yaml", "key 'm' is given twice"]),
])
def test_snakemake_refuses_before_the_first_job(project_root, tmp_path, edit, expected):
    """A bad value stops the workflow while parsing (even `-n`), naming the key; no job runs, nothing is written."""
    name, old, new = edit
    root = _copy_profile(project_root, tmp_path)
    path = root / "config/profiles/smoke" / name
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "--snakefile", str(project_root / "Snakefile"),
         "--directory", str(work), "--config", "profile=smoke"],
        capture_output=True, text=True, env={**__import__("os").environ, "LAZYRICH_ROOT": str(root)},
    )
    assert proc.returncode != 0
    assert all(text in proc.stdout + proc.stderr for text in expected), proc.stderr[-2000:]
    assert not (work / "results").exists()
