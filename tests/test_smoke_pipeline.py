"""The whole `smoke` profile through Snakemake, end to end, in a scratch working directory.

Asserts that every declared figure exists (PDF and PNG), that the claims report is written, and that every
claim marked "must hold at smoke" PASSes; then that a second invocation has nothing to do, that the
workflow lints cleanly and that the HTML report builds.
"""

import json
import os
import subprocess
import sys

import pytest


def _snakemake(project_root, workdir, *args, timeout=900):
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(project_root / "Snakefile"),
           "--directory", str(workdir), "--config", "profile=smoke", *args]
    env = {**os.environ, "LAZYRICH_NO_PROGRESS": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=project_root)


@pytest.fixture(scope="module")
def smoke_run(project_root, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("smoke")
    proc = _snakemake(project_root, workdir, "--cores", "2")
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return workdir


def test_claims_required_at_smoke_pass(smoke_run):
    report = json.loads((smoke_run / "results/smoke/claims.json").read_text())
    assert report["profile"] == "smoke"
    prov = report["provenance"]
    assert prov["packages"]["torch"] and prov["configs"] and prov["wall_time_s"]
    required = [c for c in report["claims"] if "smoke" in c["must_hold"]]
    assert required, "no claim is required at smoke"
    failing = [(c["id"], c["status"], c["value"], c["note"]) for c in required if c["status"] != "PASS"]
    assert not failing, failing
    assert (smoke_run / "paper_figures/smoke/CLAIMS.md").read_text().count("| AS-C") >= 9


def test_every_figure_has_pdf_and_png(smoke_run):
    figures = list((smoke_run / "paper_figures/smoke").rglob("*.pdf"))
    assert len(figures) >= 5
    for pdf in figures:
        assert pdf.with_suffix(".png").exists(), pdf
        assert pdf.stat().st_size > 1000


def test_rerun_has_nothing_to_do(project_root, smoke_run):
    proc = _snakemake(project_root, smoke_run, "-n")
    assert proc.returncode == 0
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_lint_is_clean(project_root, smoke_run):
    proc = _snakemake(project_root, smoke_run, "--lint")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Congratulations" in proc.stdout + proc.stderr


def test_html_report_builds(project_root, smoke_run):
    proc = _snakemake(project_root, smoke_run, "--report", str(smoke_run / "report.html"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (smoke_run / "report.html").read_text(errors="ignore")
    assert "AS-F1" in html
