"""The whole `smoke` profile through Snakemake, end to end, in a scratch working directory.

Asserts that every declared figure exists (PDF and PNG), that the claims report is written, and that every
claim marked "must hold at smoke" PASSes and that every section's results name the code and config that made
them; then that a second invocation has nothing to do, that a config edit plans exactly that section's jobs
(and a dry run writes nothing), that the workflow lints cleanly and that the HTML report builds.
"""

import json

import pytest

from tests.workflow_helpers import edit_smoke_config, planned_rules, run_snakemake, scratch_root


def _snakemake(project_root, workdir, *args, timeout=900, root=None):
    return run_snakemake(project_root, workdir, *args, root=root, timeout=timeout)


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
    made = prov["results"]  # what produced each section's results: one run of one tree
    assert set(made["sections"]) >= {"asymmetric", "asymmetric_real", "integrable", "orthogonal", "scaling_path"}
    assert not made["mixed_code"] and made["matches_checkout"] and made["warning"] is None
    assert all(e["config_current"] and not e["unknown_origin"] for e in made["sections"].values())


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


def test_config_edit_reruns_exactly_its_section_and_dry_run_writes_nothing(project_root, smoke_run, tmp_path):
    configs = {p: p.read_bytes() for p in (smoke_run / "results/smoke/configs").glob("*.json")}
    root = scratch_root(project_root, tmp_path)
    edit_smoke_config(root, "asymmetric", lambda v: v["checks"].update(lambda_m=3000))
    proc = _snakemake(project_root, smoke_run, "-n", root=root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert planned_rules(proc.stdout + proc.stderr) == {
        "resolved_config", "asymmetric_checks", "asymmetric_simulated_data", "asymmetric_simulated_train",
        "asymmetric_simulated_figures", "claims", "all"}
    assert {p: p.read_bytes() for p in configs} == configs


def test_lint_is_clean(project_root, smoke_run):
    proc = _snakemake(project_root, smoke_run, "--lint")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Congratulations" in proc.stdout + proc.stderr


def test_html_report_builds(project_root, smoke_run):
    proc = _snakemake(project_root, smoke_run, "--report", str(smoke_run / "report.html"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (smoke_run / "report.html").read_text(errors="ignore")
    assert "AS-F1" in html
