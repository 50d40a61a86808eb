"""`make run` first clears the lock a SIGKILLed Snakemake run left behind, and only when no process of a run
in that directory is alive (issue 16, defect 7). The SIGKILL case end to end: tests/test_interrupted_run.py."""

import subprocess
import sys
import time

import pytest

from lazyrich.stale_lock import clear_stale_lock, live_runs, lock_files


def _locked(work):
    locks = work / ".snakemake" / "locks"
    locks.mkdir(parents=True)
    (locks / "0.output.lock").write_text(f"{work}/results/smoke/claims.json\n")
    return work


@pytest.fixture
def fake_run(tmp_path):
    """A live process in the working directory whose command line names snakemake (like a run's main process)."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "snakemake", "--cores", "1"],
                            cwd=tmp_path)
    time.sleep(0.2)
    yield proc
    proc.kill()
    proc.wait()


def test_stale_lock_is_removed(project_root, tmp_path):
    work = _locked(tmp_path)
    message = clear_stale_lock(work, ["--snakefile", str(project_root / "Snakefile"), "--config", "profile=smoke"])
    assert "removed the stale lock" in message and lock_files(work) == []


def test_lock_of_a_live_run_is_kept(tmp_path, fake_run):
    work = _locked(tmp_path)
    assert [pid for pid, _ in live_runs(work)] == [fake_run.pid]
    message = clear_stale_lock(work, [])
    assert "live run" in message and str(fake_run.pid) in message and lock_files(work)


def test_a_run_named_by_its_directory_argument_counts(tmp_path):
    work = _locked(tmp_path / "work")
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "snakemake", "--directory", "work"],
                            cwd=tmp_path)
    try:
        time.sleep(0.2)
        assert [pid for pid, _ in live_runs(work)] == [proc.pid]
    finally:
        proc.kill()
        proc.wait()


def test_unlocked_directory_is_left_alone(tmp_path):
    assert clear_stale_lock(tmp_path, []) == "not locked"


def test_make_run_checks_for_a_stale_lock_first(project_root):
    makefile = (project_root / "Makefile").read_text()
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert run_recipe.index("lazyrich.stale_lock") < run_recipe.index("$(SNAKEMAKE)")
