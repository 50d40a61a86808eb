"""The whole `smoke` profile through Snakemake, end to end, in a scratch working directory.

Asserts that every declared figure exists (PDF and PNG), that the claims report is written, and that every
claim marked "must hold at smoke" PASSes and that every section's results name the code and config that made
them; then that a second invocation has nothing to do, that a config edit plans exactly that section's jobs
(and a dry run writes nothing), that the workflow lints cleanly, that the HTML report builds without any
docutils message and that, opened in a real headless Chromium, it shows every figure and every caption.
"""

import html
import json
import os
import re

import pytest

from tests.report_browser import find_chromium, report_view
from tests.workflow_helpers import edit_smoke_config, planned_rules, run_snakemake, scratch_root


def _snakemake(project_root, workdir, *args, timeout=1800, root=None):
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


@pytest.fixture(scope="module")
def smoke_report(project_root, smoke_run):
    """The smoke run's HTML report (built once) and the output of `snakemake --report`."""
    proc = _snakemake(project_root, smoke_run, "--report", str(smoke_run / "report.html"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return smoke_run / "report.html", proc.stdout + proc.stderr


def _report_results(report):
    """The report's results (path -> name, caption HTML, mime type, data URI), as embedded in the page."""
    text = report.read_text(encoding="utf-8")
    match = re.search(r'<script id="results">\s*var results = (.*?);\s*</script>', text, re.S)
    assert match, "no results object in the report"
    return json.loads(match.group(1))


def test_html_report_builds(smoke_report):
    report, _ = smoke_report
    assert "AS-F1" in report.read_text(errors="ignore")


DOCUTILS_MESSAGE = re.compile(r"\((INFO/1|WARNING/2|ERROR/3|SEVERE/4)\)|System Message|system-message")


def test_report_has_no_docutils_messages(smoke_run, smoke_report):
    """A caption with an RST slip renders as a "Docutils System Messages" box (OI-F1/F3/F4/F5/F9 did)."""
    report, output = smoke_report
    assert not DOCUTILS_MESSAGE.search(output), output[-3000:]
    results = _report_results(report)
    figures = {str(p.relative_to(smoke_run)) for p in (smoke_run / "paper_figures/smoke").rglob("*.png")}
    assert figures <= set(results), sorted(figures - set(results))
    bad = {path: r["caption"] for path, r in results.items() if not r["caption"] or DOCUTILS_MESSAGE.search(r["caption"])}
    assert not bad, bad
    text = report.read_text(encoding="utf-8")
    desc = re.search(r'<script id="workflow-desc">\s*var workflow_desc = (.*?);\s*</script>', text, re.S)
    assert desc and not DOCUTILS_MESSAGE.search(json.loads(desc.group(1)))


def _letters(text):
    """Text without any whitespace: the browser's layout of a caption changes spaces, never letters."""
    return re.sub(r"\s+", "", text)


def _caption_text(caption_html):
    return _letters(html.unescape(re.sub(r"<[^>]+>", "", caption_html)))


def test_report_shows_every_figure_and_caption_in_a_browser(smoke_report, tmp_path):
    """Opened in headless Chromium, each result's caption is shown and each figure is displayed."""
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("LAZYRICH_REQUIRE_BROWSER") == "1":
            pytest.fail("LAZYRICH_REQUIRE_BROWSER=1 (CI) but no chromium on PATH")
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium); CI installs it")
    report, _ = smoke_report
    results = _report_results(report)
    view = report_view(report, tmp_path, chromium)
    assert not [r for r in view["records"] if "fatal" in r], view["records"][-1:]
    records = {r["path"]: r for r in view["records"]}
    assert set(records) == set(results)
    problems = {}
    for path, r in records.items():
        expected = _caption_text(results[path]["caption"])
        shown = _letters(r["caption_text"])
        if r["errors"] or not expected or expected not in shown or DOCUTILS_MESSAGE.search(r["caption_text"]):
            problems[path] = (r["errors"], expected[:120], shown[:120])
        if results[path]["mime_type"].startswith("image/"):
            img = r["image"] or {}
            if not (img.get("visible") and img.get("complete") and min(img.get("natural", [0])) > 0):
                problems[path] = ("figure not shown", img)
    assert not problems, problems
