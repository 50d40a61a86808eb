"""A data folder that lacks one dataset (here the ResNet-18 weights) skips exactly what needs it (issue 13).

Through the real Snakefile on the smoke stand-ins with ``required: []``: the inventory marks the weights
missing, `rule all` then schedules everything but the main paper's CIFAR-10 part, and asking for that part
explicitly fails with the reason (non-zero exit).
"""

import json
import os
import shutil
import subprocess
import sys

import yaml


def _snakemake(project_root, root, work, *args):
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(project_root / "Snakefile"), "--directory",
           str(work), "--cores", "1", "--config", "profile=smoke", *args]
    env = {**os.environ, "LAZYRICH_ROOT": str(root), "LAZYRICH_NO_PROGRESS": "1"}
    return subprocess.run(cmd, env=env, cwd=project_root, capture_output=True, text=True, timeout=600)


def test_missing_dataset_is_skipped_unless_asked_for(project_root, tmp_path):
    root = tmp_path / "repo"
    (root / "workflow").mkdir(parents=True)
    shutil.copytree(project_root / "workflow/schemas", root / "workflow/schemas")
    shutil.copytree(project_root / "config/profiles/smoke", root / "config/profiles/smoke")
    data_yaml = root / "config/profiles/smoke/data.yaml"
    data_cfg = yaml.safe_load(data_yaml.read_text())
    data_cfg["required"] = []
    data_yaml.write_text(yaml.safe_dump(data_cfg))
    work = tmp_path / "work"
    work.mkdir()

    manifest = f"{data_cfg['data_dir']}/standin_manifest.json"
    proc = _snakemake(project_root, root, work, "--", manifest)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (work / data_cfg["data_dir"] / "torch_hub/checkpoints/resnet18-standin.pth").unlink()

    proc = _snakemake(project_root, root, work, "--", "results/smoke/data/inventory.json")
    assert proc.returncode == 0, proc.stderr[-3000:]
    inventory = json.loads((work / "results/smoke/data/inventory.json").read_text())["datasets"]
    assert not inventory["resnet18"]["available"] and "resnet18-standin.pth" in inventory["resnet18"]["reason"]
    assert all(inventory[d]["available"] for d in ("airfoil", "mnist", "cifar10"))

    dry = _snakemake(project_root, root, work, "-n")
    assert dry.returncode == 0, dry.stderr[-3000:]
    plan = dry.stdout + dry.stderr
    assert "rule asymmetric_real_figures_mnist:" in plan and "rule claims:" in plan
    assert "rule integrable_train:" in plan  # integrable reads CIFAR-10 itself, not the ResNet features
    assert "asymmetric_real_cifar_features" not in plan and "asymmetric_real_figures_cifar10" not in plan

    asked = _snakemake(project_root, root, work, "--", "results/smoke/asymmetric_real/cifar10/features.npz")
    assert asked.returncode != 0
    log = (work / "logs/smoke/asymmetric_real/cifar_features.log").read_text()
    assert "resnet18-standin.pth" in log and "stand-in file missing" in log and "data_standins" in log
