"""The replication-status page (lazyrich.claims.status): row choice, data labels, FAIL links, and that the
committed page, its README summary and the spec claim list agree with the generator."""

import contextlib
import io
import re
from pathlib import Path

import pytest

from lazyrich.claims import status
from lazyrich.claims.data_label import data_label, datasets_read, source_label
from lazyrich.claims.explanations import explanation_link, explanation_page, slug
from lazyrich.claims.registry import all_claims

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT.parent / "shared" / "specs"
SPEC_CLAIM = re.compile(r"(?m)^(?:\*\*|\| *)([A-Z]{2}-C\d+)\b")  # "**AS-C19: ..." or "| IP-C12 | ..."


def _report(profile, rows, generated="2026-01-01T00:00:00+00:00", path="r/claims.json"):
    return {"profile": profile, "provenance": {"generated_at": generated}, "claims": rows, "path": Path(path)}


def _row(cid, status_, value=None, inputs=()):
    return {"id": cid, "status": status_, "value": value, "inputs": list(inputs), "note": ""}


def _generated_page() -> str:
    reports = sorted(str(p) for p in (ROOT / "docs" / "results").glob("*/*/claims.json"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status.main(reports)
    return out.getvalue()


def test_best_row_evaluated_beats_not_run_then_profile_rank():
    reports = [
        _report("paper", [_row("X-C1", "NOT_RUN"), _row("X-C2", "FAIL")], path="p/claims.json"),
        _report("default", [_row("X-C1", "PASS"), _row("X-C2", "PASS")], path="d/claims.json"),
        _report("smoke", [_row("X-C1", "PASS"), _row("X-C2", "PASS")], path="s/claims.json"),
    ]
    best = status.best_rows(reports)
    assert best["X-C1"][1]["profile"] == "default" and best["X-C1"][0]["status"] == "PASS"
    assert best["X-C2"][1]["profile"] == "paper" and best["X-C2"][0]["status"] == "FAIL"
    assert status.best_rows(reports, "smoke")["X-C2"][1]["profile"] == "smoke"


def test_a_later_report_of_the_same_profile_wins():
    old = _report("paper", [_row("X-C1", "FAIL")], generated="2026-01-01T00:00:00+00:00", path="a/claims.json")
    new = _report("paper", [_row("X-C1", "PASS")], generated="2026-02-01T00:00:00+00:00", path="b/claims.json")
    assert status.best_rows([new, old])["X-C1"][0]["status"] == "PASS"


def test_data_label_row_field_wins_then_design_then_smoke_then_provenance():
    prov = {"data_sources": {"mnist": "OFFLINE MNIST STAND-IN: real digits ...",
                             "uci_plant": "UCI plant (official file)"}}
    assert data_label({"id": "AS-C20-MNIST", "data": "official"}, "paper", {}) == "official"
    assert data_label(_row("OI-C3", "PASS"), "smoke", {}) == "synthetic (paper's design)"
    assert data_label(_row("AS-C5", "PASS"), "paper", {}) == "synthetic (paper's design)"
    assert data_label(_row("IP-C1", "PASS"), "paper", {}) == "none (analytic check)"
    assert data_label(_row("AS-C10", "PASS", inputs=["asymmetric_real/plant/runs.npz"]), "smoke", prov) == "synthetic stand-in"
    assert data_label(_row("AS-C10", "PASS", inputs=["asymmetric_real/plant/runs.npz"]), "paper", prov) == "official"
    assert data_label(_row("IP-C5", "PASS", inputs=["integrable/scales.npz"]), "paper", prov) == "real-image stand-in"
    mixed = _row("AS-C10", "PASS", inputs=["asymmetric_real/plant/runs.npz", "asymmetric_real/energy/runs.npz"])
    assert data_label(mixed, "paper", prov) == "official + unknown"
    assert data_label(_row("IP-C5", "PASS", inputs=["integrable/scales.npz"]), "default", {}) == "unknown"


def test_datasets_read_and_source_labels():
    assert datasets_read(["asymmetric_real/mnist/prune.npz", "data/mnist.npz", "asymmetric_real/energy/runs.npz"]) == [
        "mnist", "uci_energy"]
    assert datasets_read(["integrable/runs_cifar10_relu.npz", "integrable/ranks.npz"]) == ["cifar10", "mnist"]
    assert source_label("SYNTHETIC STAND-IN written in the MNIST idx format (smoke/tests only)") == "synthetic stand-in"
    assert source_label("MNIST (official files, torchvision loader)") == "official"


def test_explanation_page_by_prefix_and_anchor_from_a_heading(tmp_path):
    assert explanation_page("AS-C9") == "asymmetric.md" and explanation_page("AS-C15-MNIST") == "asymmetric_real.md"
    assert explanation_page("OI-C10") == "orthogonal.md" and explanation_page("ZZ-C1") is None
    (tmp_path / "asymmetric_real.md").write_text("# Title\n\n## Results\n\n### Why AS-C15 fails (paper scale)\n")
    assert explanation_link("AS-C15-MNIST", tmp_path) == "asymmetric_real.md#why-as-c15-fails-paper-scale"
    assert explanation_link("AS-C1", tmp_path) is None  # asymmetric.md does not exist there
    assert explanation_link("AS-C16-UCI", tmp_path) == "asymmetric_real.md"
    seen = {}
    assert [slug("Results", seen), slug("Results", seen)] == ["results", "results-1"]


def test_every_spec_claim_is_registered_or_listed_as_not_implemented():
    if not SPECS.is_dir():
        pytest.skip(f"the specs folder {SPECS} is absent (it lives beside the repository, not in it)")
    spec_ids = {cid for spec in SPECS.glob("*.md") for cid in SPEC_CLAIM.findall(spec.read_text())}
    assert len(spec_ids) > 80, "the spec claim headings were not found: has their format changed?"
    registered = [c.id for c in all_claims()]
    covered = {cid for cid in spec_ids if cid in registered or any(r.startswith(cid + "-") for r in registered)}
    page = (ROOT / "docs" / "replication_status.md").read_text()
    missing = sorted(cid for cid in spec_ids - covered if cid not in status.NOT_IMPLEMENTED or cid not in page)
    assert not missing, f"spec claims neither registered nor listed as not implemented: {missing}"


def test_committed_page_is_what_the_command_writes():
    assert (ROOT / "docs" / "replication_status.md").read_text() == _generated_page(), (
        "docs/replication_status.md is stale: run `make status`")


def test_readme_summary_is_the_generators():
    start, end = status.README_MARKERS
    readme = (ROOT / "README.md").read_text()
    copy = readme.split(start, 1)[1].split(end, 1)[0]
    reports = status.load_reports(sorted((ROOT / "docs" / "results").glob("*/*/claims.json")))
    assert copy == "\n" + status.render_summary(reports, [c.id for c in all_claims()]), (
        "the README's status summary is stale: run `make status`")


def test_every_committed_report_has_its_provenance():
    reports = sorted((ROOT / "docs" / "results").glob("*/*/claims.json"))
    assert reports, "no claims report committed under docs/results/"
    for report in status.load_reports(reports):
        prov = report["provenance"]
        assert prov["git_commit"] and prov["configs"] and prov["wall_time_s"], report["path"]
        assert all(cfg["config_hash"] for cfg in prov["configs"].values()), report["path"]
        assert prov.get("machine") or prov.get("platform"), report["path"]


def test_a_fail_where_the_claim_is_not_required_says_so(tmp_path):
    claims = [c for c in all_claims() if c.id in ("OI-C10", "OI-C5")]
    rows = [dict(_row("OI-C10", "FAIL", value=1.0), must_hold=["paper"]),
            dict(_row("OI-C5", "FAIL", value=2.0), must_hold=["smoke"])]
    table = status.render_claims([_report("smoke", rows, path=str(tmp_path / "s" / "claims.json"))], claims, tmp_path)
    assert "| FAIL (not required at smoke) |" in table.split("OI-C10", 1)[1].split("\n", 1)[0]
    assert "| FAIL |" in table.split("| OI-C5 |", 1)[1].split("\n", 1)[0]
