"""Killing a Snakemake run mid-way (Ctrl-C / `kill`, i.e. SIGINT / SIGTERM) and rerunning completes without
manual cleanup: outputs are written atomically and the workflow profile sets `rerun-incomplete`.
(After a SIGKILL or a power loss Snakemake keeps its directory lock, by design: `snakemake --unlock` once.)"""

import os
import shutil
import signal
import subprocess
import sys
import time

import yaml


import pytest


@pytest.mark.parametrize("sig", [signal.SIGTERM, pytest.param(signal.SIGINT, marks=pytest.mark.slow)])
def test_kill_mid_training_then_rerun(project_root, tmp_path, sig):
    root = tmp_path / "repo"
    (root / "workflow").mkdir(parents=True)
    shutil.copytree(project_root / "workflow/schemas", root / "workflow/schemas")
    shutil.copytree(project_root / "config/profiles/smoke", root / "config/profiles/smoke")
    cfg_path = root / "config/profiles/smoke/asymmetric.yaml"
    cfg = yaml.safe_load(cfg_path.read_text())
    cfg["simulated"].update(steps=4000, log_every=1000)  # long enough to be killed mid-way
    cfg_path.write_text(yaml.safe_dump(cfg))
    work = tmp_path / "work"
    work.mkdir()
    target = "results/smoke/asymmetric/simulated/runs.npz"
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(project_root / "Snakefile"), "--directory",
           str(work), "--workflow-profile", str(project_root / "profiles/default"), "--cores", "1",
           "--config", "profile=smoke", "--", target]
    env = {**os.environ, "LAZYRICH_ROOT": str(root), "LAZYRICH_NO_PROGRESS": "0"}
    proc = subprocess.Popen(cmd, env=env, cwd=project_root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    log = work / "logs/smoke/asymmetric/simulated_train.log"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and "step" in log.read_text(errors="ignore"):
            break
        time.sleep(0.2)
    assert proc.poll() is None, "training finished before it could be interrupted"
    os.killpg(proc.pid, sig)
    proc.wait(timeout=60)
    assert not (work / target).exists()
    rerun = subprocess.run(cmd, env=env, cwd=project_root, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert (work / target).exists()
