"""The resolved configs ``results/<P>/configs/*.json`` are outputs of rule ``resolved_config``: parsing the
workflow (``snakemake -n``, a run refused by the lock) writes nothing, and a config edit is a params change
that reruns that section (issue 16, defect 1)."""

import os
import signal
import subprocess
import time

import pytest

from tests.workflow_helpers import (edit_smoke_config, planned_rules, run_snakemake, scratch_root, snakemake_cmd,
                                    snakemake_env)

CONFIG = "results/smoke/configs/asymmetric.json"


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.glob("*.json"))}


def test_dry_run_after_a_config_edit_writes_no_config(project_root, tmp_path):
    root, work = scratch_root(project_root, tmp_path), tmp_path / "work"
    work.mkdir()
    made = run_snakemake(project_root, work, "--cores", "1", CONFIG, root=root)
    assert made.returncode == 0, made.stderr[-3000:]
    before = _snapshot(work / "results/smoke/configs")
    assert list(before) == ["asymmetric.json"]

    edit_smoke_config(root, "asymmetric", lambda v: v["checks"].update(lambda_m=3000))
    dry = run_snakemake(project_root, work, "-n", root=root)
    assert dry.returncode == 0, dry.stderr[-3000:]
    assert _snapshot(work / "results/smoke/configs") == before  # nothing rewritten, nothing new
    dry_target = run_snakemake(project_root, work, "-n", CONFIG, root=root)
    assert "params have changed since last execution" in dry_target.stdout + dry_target.stderr
    assert planned_rules(dry_target.stdout + dry_target.stderr) == {"resolved_config"}


@pytest.mark.slow
def test_dry_run_during_a_run_leaves_its_result_stale(project_root, tmp_path):
    """The scenario of the issue: a run computes with config A; the config becomes B and `snakemake -n` runs
    meanwhile; afterwards the result must still count as made with A (rerun pending), not as up to date."""
    root, work = scratch_root(project_root, tmp_path), tmp_path / "work"
    work.mkdir()
    edit_smoke_config(root, "asymmetric", lambda v: v["simulated"].update(steps=4000, log_every=1000))
    target = "results/smoke/asymmetric/simulated/runs.npz"
    run = subprocess.Popen(snakemake_cmd(project_root, work, "--cores", "1", target), env=snakemake_env(root, progress=True),
                           cwd=project_root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        log = work / "logs/smoke/asymmetric/simulated_train.log"
        deadline = time.time() + 120
        while time.time() < deadline and not (log.exists() and "step" in log.read_text(errors="ignore")):
            time.sleep(0.2)
        assert run.poll() is None, "training finished before the config could be edited"
        written = (work / CONFIG).read_text()
        edit_smoke_config(root, "asymmetric", lambda v: v["simulated"].update(lr=0.5))
        assert run_snakemake(project_root, work, "-n", root=root).returncode == 0
        assert run.wait(timeout=600) == 0
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGTERM)
    assert (work / CONFIG).read_text() == written
    after = run_snakemake(project_root, work, "-n", target, root=root)
    out = after.stdout + after.stderr
    assert "Nothing to be done" not in out
    assert planned_rules(out) == {"resolved_config", "asymmetric_simulated_data", "asymmetric_simulated_train"}
