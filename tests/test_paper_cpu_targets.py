"""The paper-scale targets a 2-core CPU holds (workflow/paper_cpu.smk): each schedules only its own part, never
the real-data experiments or a dataset other than the one it reads; their claims reports hold only their part."""

import os
import re
import subprocess
import sys

import pytest

from lazyrich.claims.evaluate import part_claims
from lazyrich.claims.registry import all_claims

SHARED = ("resolved_config", "data_inventory")  # every part: its configs and the data inventory (cheap)
PARTS = {  # target -> (rule-name prefixes it may schedule besides SHARED)
    "paper_cpu_orthogonal": ("orthogonal_",),
    "paper_cpu_asymmetric_simulated": ("asymmetric_checks", "asymmetric_simulated_"),
    "paper_cpu_integrable_widths": ("integrable_prepare", "integrable_checks", "integrable_scales", "integrable_ranks",
                                    "integrable_figures_ranks", "integrable_figures_scales", "data_prepare"),
}


def _dry_run(project_root, workdir, *targets):
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(project_root / "Snakefile"), "--directory",
           str(workdir), "-n", "--quiet", "rules", "--config", "profile=paper", "--", *targets]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=project_root,
                          env={**os.environ, "LAZYRICH_NO_PROGRESS": "1"})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    table = proc.stdout + proc.stderr
    return set(re.findall(r"(?m)^([a-z_0-9]+)\s+\d+$", table)) - {"total"}


@pytest.mark.parametrize("target", sorted(PARTS))
def test_a_part_schedules_only_its_own_jobs(project_root, tmp_path, target):
    jobs = _dry_run(project_root, tmp_path, target)
    assert target in jobs
    foreign = sorted(j for j in jobs - {target} if not j.startswith(PARTS[target] + SHARED))
    assert not foreign, f"{target} schedules jobs of other parts: {foreign}"


@pytest.mark.slow
def test_the_group_is_the_parts(project_root, tmp_path):
    jobs = _dry_run(project_root, tmp_path, "paper_cpu")
    assert {"paper_cpu", *PARTS} <= jobs
    assert not [j for j in jobs if j.startswith(("asymmetric_real", "scaling_path"))]


def test_part_claims_are_those_computed_from_the_parts_files_only(tmp_path):
    files = [tmp_path / "orthogonal" / f for f in ("e1_runs.npz", "e1s_runs.npz", "closed_forms.json")]
    chosen = {c.id for c in part_claims(all_claims(), tmp_path, files)}
    assert chosen and all(cid.startswith("OI-") for cid in chosen)
    assert "OI-C5" in chosen  # balancedness, from e1 alone
    assert "OI-C19" not in chosen  # needs e4_runs.npz
