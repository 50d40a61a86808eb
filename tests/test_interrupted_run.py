"""Killing a Snakemake run mid-way and rerunning completes without manual cleanup (README, "When a run is
interrupted"): outputs are written atomically, the workflow profile sets `rerun-incomplete`, a SIGINT / SIGTERM
run removes its lock itself, and after a SIGKILL `make run` clears the stale lock (`lazyrich.stale_lock`) and
the next write of a file removes the temp files its killed writer left."""

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.workflow_helpers import edit_smoke_config, scratch_root, snakemake_cmd, snakemake_env

TARGET = "results/smoke/asymmetric/simulated/runs.npz"


def _start_long_training(project_root, tmp_path):
    """(scratch root, working dir, command, env, running process) once the training job has started."""
    root, work = scratch_root(project_root, tmp_path), tmp_path / "work"
    work.mkdir()
    edit_smoke_config(root, "asymmetric", lambda v: v["simulated"].update(steps=4000, log_every=1000))  # long enough
    cmd, env = snakemake_cmd(project_root, work, "--cores", "1", "--", TARGET), snakemake_env(root, progress=True)
    proc = subprocess.Popen(cmd, env=env, cwd=project_root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    log = work / "logs/smoke/asymmetric/simulated_train.log"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and "step" in log.read_text(errors="ignore"):
            break
        time.sleep(0.2)
    assert proc.poll() is None, "training finished before it could be interrupted"
    return root, work, cmd, env, proc


@pytest.mark.parametrize("sig", [signal.SIGTERM, pytest.param(signal.SIGINT, marks=pytest.mark.slow)])
def test_kill_mid_training_then_rerun(project_root, tmp_path, sig):
    root, work, cmd, env, proc = _start_long_training(project_root, tmp_path)
    os.killpg(proc.pid, sig)
    proc.wait(timeout=60)
    assert not (work / TARGET).exists()
    rerun = subprocess.run(cmd, env=env, cwd=project_root, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert (work / TARGET).exists()


@pytest.mark.slow
def test_sigkill_then_stale_lock_check_then_rerun(project_root, tmp_path):
    root, work, cmd, env, proc = _start_long_training(project_root, tmp_path)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    orphan = work / TARGET.replace("runs.npz", ".runs.npz.b4_d99rq.npz")  # as a killed save_npz leaves it
    orphan.write_bytes(b"half")
    os.utime(orphan, (time.time() - 60, time.time() - 60))

    refused = subprocess.run(cmd, env=env, cwd=project_root, capture_output=True, text=True, timeout=600)
    assert refused.returncode != 0 and "LockException" in refused.stdout + refused.stderr  # Snakemake, by design
    check = subprocess.run([sys.executable, "-m", "lazyrich.stale_lock", "--directory", str(work), *cmd[3:5],
                            "--config", "profile=smoke"], env=env, cwd=project_root, capture_output=True, text=True)
    assert check.returncode == 0 and "removed the stale lock" in check.stdout, check.stdout + check.stderr
    rerun = subprocess.run(cmd, env=env, cwd=project_root, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert (work / TARGET).exists() and not orphan.exists()
