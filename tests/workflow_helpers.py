"""Driving Snakemake in a scratch working directory against a scratch copy of the configs (``LAZYRICH_ROOT``),
so that a test can edit a config without touching the repository."""

import os
import shutil
import subprocess
import sys

import yaml


def scratch_root(project_root, tmp_path):
    """A copy of the smoke configs and the schemas (all ``lazyrich.config`` reads), for ``LAZYRICH_ROOT``."""
    root = tmp_path / "repo"
    (root / "workflow").mkdir(parents=True)
    shutil.copytree(project_root / "workflow/schemas", root / "workflow/schemas")
    shutil.copytree(project_root / "config/profiles/smoke", root / "config/profiles/smoke")
    return root


def edit_smoke_config(root, section, edit):
    """Apply ``edit(values)`` to ``config/profiles/smoke/<section>.yaml`` under ``root``."""
    path = root / "config/profiles/smoke" / f"{section}.yaml"
    values = yaml.safe_load(path.read_text())
    edit(values)
    path.write_text(yaml.safe_dump(values))


def snakemake_cmd(project_root, workdir, *args, workflow_profile=True):
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(project_root / "Snakefile"), "--directory", str(workdir)]
    if workflow_profile:
        cmd += ["--workflow-profile", str(project_root / "profiles/default")]
    return cmd + ["--config", "profile=smoke", *args]


def snakemake_env(root=None, progress=False):
    env = {**os.environ, "LAZYRICH_NO_PROGRESS": "0" if progress else "1"}
    if root is not None:
        env["LAZYRICH_ROOT"] = str(root)
    return env


def run_snakemake(project_root, workdir, *args, root=None, timeout=600):
    return subprocess.run(snakemake_cmd(project_root, workdir, *args), env=snakemake_env(root), cwd=project_root,
                          capture_output=True, text=True, timeout=timeout)


def planned_rules(dry_run_output):
    """Rule names of the "Job stats" table that ``snakemake -n`` prints (empty when nothing is to be done)."""
    lines = dry_run_output.splitlines()
    if "Job stats:" not in lines:
        return set()
    rules = set()
    for line in lines[lines.index("Job stats:") + 3:]:
        if not line.strip() or line.startswith("total"):
            break
        rules.add(line.split()[0])
    return rules
