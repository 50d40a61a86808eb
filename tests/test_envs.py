"""envs/requirements.txt and envs/environment.yaml name the same pinned packages as pyproject.toml."""

import re
import tomllib

import yaml


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def _pyproject_pins(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["test"]
    return _pins(deps)


def test_requirements_match_pyproject(project_root):
    req = _pins((project_root / "envs" / "requirements.txt").read_text().splitlines())
    assert req == _pyproject_pins(project_root)


def test_conda_env_matches_pyproject(project_root):
    env = yaml.safe_load((project_root / "envs" / "environment.yaml").read_text())
    pip_block = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip_block) == _pyproject_pins(project_root)


def test_torch_and_torchvision_are_a_matching_pair(project_root):
    pins = _pyproject_pins(project_root)
    assert "+cpu" not in pins["torch"], "the local CPU-only torch wheel has no matching torchvision"
    # torchvision 0.X pairs with torch 2.(X-15)
    assert int(pins["torchvision"].split(".")[1]) - 15 == int(pins["torch"].split(".")[1])
