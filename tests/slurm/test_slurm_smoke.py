"""The `smoke` profile through a real SLURM (snakemake-executor-plugin-slurm), end to end.

Needs the single-node test cluster of .ci/slurm_up.sh (`make test-slurm` brings it up and down); marked
`slurm`, so the default `make test` deselects it, and it is skipped when no SLURM node is up.

Asserts that every job went through SLURM (each "submitted with SLURM jobid N" of the Snakemake log has a
COMPLETED record in slurmctld's job completion file), that every smoke-required claim PASSes and that the claim
values equal those of a local run (LAZYRICH_LOCAL_CLAIMS = the claims.json of a local smoke run of the same
commit; without it the test makes one with --cores 2). The slow test cancels a running job with `scancel` and
shows that rerunning the same command completes without manual cleanup.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slurm

STATE = Path(os.environ.get("SLURM_TEST_DIR", "/tmp/lazyrich-slurm"))
SUBMITTED = re.compile(r"submitted with SLURM jobid (\d+)")
# what a one-node test cluster needs beyond profiles/slurm: no accounting database (squeue for job states,
# no account), a quick first status check, the SLURM logs of successful jobs kept as evidence
TEST_CLUSTER_ARGS = ["--slurm-status-command", "squeue", "--slurm-no-account",
                     "--slurm-init-seconds-before-status-checks", "2", "--slurm-keep-successful-logs"]
# Each SLURM job parses the workflow twice (batch script, then srun), seconds per job on 2 cores; the smoke
# profile's ~75 jobs of a few seconds each therefore go as one SLURM job per experiment (job groups, at most
# the node's 2 cores each). The data inventory checkpoint and the claims stay jobs of their own.
GROUP_PREFIXES = ("asymmetric_real", "asymmetric", "integrable", "orthogonal", "scaling_path", "data")
UNGROUPED = {"all", "data_inventory", "claims"}


def _node_up() -> bool:
    """Whether SLURM answers and has a node that takes jobs (idle, or busy with other jobs)."""
    try:
        out = subprocess.run(["sinfo", "-h", "-o", "%t"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return any(re.match(r"(idle|mix|alloc|comp)", state) for state in out.split())


if not _node_up():
    pytest.skip("no SLURM node up (run `make test-slurm`, which brings up .ci/slurm_up.sh)", allow_module_level=True)


def _snakemake_cmd(project_root, workdir, *args):
    return [sys.executable, "-m", "snakemake", "--snakefile", str(project_root / "Snakefile"), "--directory",
            str(workdir), "--config", "profile=smoke", *args]


def _env():
    return {**os.environ, "LAZYRICH_NO_PROGRESS": "1", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}


def _slurm_run(project_root, workdir, *extra, timeout=3000):
    cmd = _snakemake_cmd(project_root, workdir, "--workflow-profile", str(project_root / "profiles/slurm"),
                         *TEST_CLUSTER_ARGS, *extra)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_env(), cwd=project_root)


def _group_args(project_root, scratch) -> list[str]:
    """--groups RULE=EXPERIMENT for every rule but UNGROUPED, --group-components EXPERIMENT=100, --cores 2."""
    proc = subprocess.run(_snakemake_cmd(project_root, scratch, "--list-rules"),
                          capture_output=True, text=True, timeout=600, env=_env(), cwd=project_root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rules = [r.strip() for r in proc.stdout.splitlines() if re.fullmatch(r"\s*\w+\s*", r)]
    groups = {r: next(p for p in GROUP_PREFIXES if r.startswith(p)) for r in rules if r not in UNGROUPED}
    assert len(groups) > 30, rules
    return (["--groups", *(f"{r}={g}" for r, g in groups.items()),
             "--group-components", *(f"{g}=100" for g in sorted(set(groups.values()))), "--cores", "2"])


def _completed_slurm_jobs() -> dict[str, str]:
    """{SLURM job id: state} from slurmctld's job completion records (jobcomp/filetxt)."""
    records = {}
    path = STATE / "jobcomp.txt"
    for line in path.read_text().splitlines() if path.exists() else []:
        fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
        records[fields.get("JobId")] = fields.get("JobState")
    return records


def _claim_values(path: Path) -> dict:
    return {c["id"]: (c["status"], c["value"]) for c in json.loads(path.read_text())["claims"]}


@pytest.fixture(scope="module")
def slurm_smoke(project_root, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("slurm_smoke")
    start = time.time()
    proc = _slurm_run(project_root, workdir, *_group_args(project_root, tmp_path_factory.mktemp("rules")))
    log = proc.stdout + proc.stderr
    (workdir / "snakemake_slurm.log").write_text(log)
    assert proc.returncode == 0, log[-6000:]
    print(f"smoke through SLURM: {time.time() - start:.0f} s wall", file=sys.stderr)
    return workdir, log


@pytest.fixture(scope="module")
def local_claims(project_root, tmp_path_factory) -> Path:
    given = os.environ.get("LAZYRICH_LOCAL_CLAIMS")
    if given:
        return Path(given)
    workdir = tmp_path_factory.mktemp("local_smoke")
    proc = subprocess.run(_snakemake_cmd(project_root, workdir, "--cores", "2"), capture_output=True, text=True,
                          timeout=3000, env=_env(), cwd=project_root)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return workdir / "results/smoke/claims.json"


def test_every_job_went_through_slurm(slurm_smoke):
    """Every SLURM submission of the log completed in slurmctld's records, and every rule that ran (but the
    target-only `all`) ran inside a SLURM job: its job block is in a SLURM job's log."""
    workdir, log = slurm_smoke
    submitted = SUBMITTED.findall(log)
    assert len(submitted) >= 8, f"only {len(submitted)} SLURM submissions"
    records = _completed_slurm_jobs()
    not_completed = {j: records.get(j) for j in submitted if records.get(j) != "COMPLETED"}
    assert not not_completed, not_completed
    finished = set(re.findall(r"Finished jobid: \d+ \(Rule: (\w+)\)", log)) - {"all"}
    slurm_logs = list((workdir / ".snakemake/slurm_logs").rglob("*.log"))
    assert len(slurm_logs) == len(submitted)
    ran_in_slurm = {m for p in slurm_logs for m in re.findall(r"^\s*(?:local)?(?:rule|checkpoint) (\w+):$", p.read_text(), re.M)}
    assert len(finished) > 40 and finished <= ran_in_slurm, finished - ran_in_slurm


def test_claims_required_at_smoke_pass(slurm_smoke):
    workdir, _ = slurm_smoke
    report = json.loads((workdir / "results/smoke/claims.json").read_text())
    required = [c for c in report["claims"] if "smoke" in c["must_hold"]]
    assert required
    failing = [(c["id"], c["status"], c["value"]) for c in required if c["status"] != "PASS"]
    assert not failing, failing


def test_claim_values_equal_the_local_run(slurm_smoke, local_claims):
    workdir, _ = slurm_smoke
    assert _claim_values(workdir / "results/smoke/claims.json") == _claim_values(local_claims)


@pytest.mark.slow
def test_scancel_mid_run_then_rerun_completes(project_root, tmp_path):
    """Cancel the running training job of one experiment; the same command run again completes it."""
    target = "paper_figures/smoke/asymmetric/simulated/trainrisk.pdf"
    cmd = _snakemake_cmd(project_root, tmp_path, "--workflow-profile", str(project_root / "profiles/slurm"),
                         *TEST_CLUSTER_ARGS, "--retries", "0", "--", target)
    proc = subprocess.Popen(cmd, env=_env(), cwd=project_root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    cancelled, deadline = None, time.time() + 1800  # the job may wait in the queue behind others
    while cancelled is None and time.time() < deadline and proc.poll() is None:
        out = subprocess.run(["squeue", "-h", "-t", "RUNNING", "-o", "%i %k"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            jobid, comment = (line.split(None, 1) + [""])[:2]
            if "asymmetric_simulated_train" in comment:
                subprocess.run(["scancel", jobid], check=True)
                cancelled = jobid
        time.sleep(0.5)
    first_log, _ = proc.communicate(timeout=1800)
    assert cancelled, "the training job was never seen running:\n" + first_log[-3000:]
    assert proc.returncode != 0, "the run with a cancelled job succeeded"
    assert _completed_slurm_jobs().get(cancelled) == "CANCELLED"
    assert not (tmp_path / "results/smoke/asymmetric/simulated/runs.npz").exists()

    rerun = _slurm_run(project_root, tmp_path, "--", target)
    assert rerun.returncode == 0, (rerun.stdout + rerun.stderr)[-4000:]
    assert (tmp_path / target).exists()
    assert SUBMITTED.search(rerun.stdout + rerun.stderr)
