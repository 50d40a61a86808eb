"""Each result names the code and config that made it (``<file>.origin.json``), and the claims report says
per section what produced it and when results of different code are mixed (issue 16, defect 2)."""

import json

import numpy as np
import pytest

from lazyrich import origin, provenance
from lazyrich.claims import evaluate
from lazyrich.config import config_hash, load_section, write_resolved
from lazyrich.io import save_json, save_npz


def _code(commit, dirty=False):
    return {"commit": commit, "dirty": dirty, "source_hash": f"src-of-{commit}", "lazyrich_version": "0.1.0"}


@pytest.fixture(autouse=True)
def no_configs_read(monkeypatch):
    monkeypatch.setattr(origin, "_configs_read", {})


@pytest.fixture
def at_commit(monkeypatch):
    """Pretend the running code is a given commit (for writing results and for evaluating claims)."""
    def switch(commit, dirty=False):
        monkeypatch.setattr(origin, "code_identity", lambda *a: _code(commit, dirty))
        monkeypatch.setattr(provenance, "code_identity", lambda *a: _code(commit, dirty))
    return switch


def test_a_result_names_its_code_config_and_content(project_root, tmp_path):
    import yaml

    values = yaml.safe_load((project_root / "config/profiles/smoke/orthogonal.yaml").read_text())
    load_section(write_resolved(values, tmp_path / "orthogonal.json", "smoke", "orthogonal"))
    save_npz(tmp_path / "runs.npz", x=np.arange(3))
    record = origin.read_origin(tmp_path / "runs.npz")
    assert record["configs"]["orthogonal"] == config_hash(values)
    assert record["commit"] == origin.code_identity()["commit"] and isinstance(record["dirty"], bool)
    assert len(record["source_hash"]) == 64 and record["lazyrich_version"]
    assert json.loads((tmp_path / "runs.npz.origin.json").read_text()) == record


def test_a_result_replaced_by_other_means_has_unknown_origin(tmp_path):
    save_json(tmp_path / "checks.json", {"ok": True})
    assert origin.read_origin(tmp_path / "checks.json") is not None
    (tmp_path / "checks.json").write_text('{"ok": false}\n')
    assert origin.read_origin(tmp_path / "checks.json") is None
    assert origin.read_origin(tmp_path / "never_written.json") is None


def _configs(**hashes):
    return {section: {"config_hash": h} for section, h in hashes.items()}


def test_result_of_commit_a_evaluated_at_commit_b_is_reported_as_a(at_commit, tmp_path):
    at_commit("a" * 40)
    save_npz(tmp_path / "orthogonal/e1_runs.npz", x=np.zeros(2))
    at_commit("b" * 40)
    prov = provenance.results_provenance(tmp_path, ["orthogonal/e1_runs.npz"], {})
    assert [c["commit"] for c in prov["sections"]["orthogonal"]["code"]] == ["a" * 40]
    assert not prov["mixed_code"] and not prov["matches_checkout"]
    assert "made by aaaaaaaaaaaa" in prov["warning"] and "bbbbbbbbbbbb" in prov["warning"]
    assert provenance.git_commit() == "b" * 40


def test_results_of_different_commits_are_flagged_as_mixed(at_commit, tmp_path):
    at_commit("a" * 40)
    save_npz(tmp_path / "orthogonal/e1_runs.npz", x=np.zeros(2))
    at_commit("b" * 40, dirty=True)
    save_json(tmp_path / "asymmetric/checks.json", {"ok": True})
    prov = provenance.results_provenance(tmp_path, ["orthogonal/e1_runs.npz", "asymmetric/checks.json"], {})
    assert prov["mixed_code"] and prov["sections"]["asymmetric"]["code"] == [_code("b" * 40, dirty=True)]
    assert "mixed" in prov["warning"]
    md = evaluate.render_markdown({"profile": "smoke", "claims": [],
                                   "provenance": {"git_commit": "b" * 40, "generated_at": "now", "results": prov}})
    header = md.split("| ID |")[0]
    assert "**Warning: results of different code are mixed" in header
    assert "| asymmetric | bbbbbbbbbbbb | yes |" in header and "| orthogonal | aaaaaaaaaaaa | no |" in header


def test_same_code_current_config_gives_no_warning_and_stale_config_does(at_commit, tmp_path):
    at_commit("a" * 40)
    origin.record_config("orthogonal", "h1")
    save_npz(tmp_path / "orthogonal/e1_runs.npz", x=np.zeros(2))
    prov = provenance.results_provenance(tmp_path, ["orthogonal/e1_runs.npz"], _configs(orthogonal="h1"))
    assert prov["warning"] is None and prov["matches_checkout"] and prov["sections"]["orthogonal"]["config_current"]
    stale = provenance.results_provenance(tmp_path, ["orthogonal/e1_runs.npz"], _configs(orthogonal="h2"))
    assert stale["sections"]["orthogonal"]["config_current"] is False and "orthogonal" in stale["warning"]


def test_unstamped_result_is_reported_unknown(at_commit, tmp_path):
    at_commit("a" * 40)
    (tmp_path / "scaling_path").mkdir()
    np.savez(tmp_path / "scaling_path/vp.npz", x=np.zeros(1))
    prov = provenance.results_provenance(tmp_path, ["scaling_path/vp.npz"], {})
    assert prov["sections"]["scaling_path"]["unknown_origin"] == ["scaling_path/vp.npz"]
    assert not prov["matches_checkout"] and "unknown origin" in prov["warning"]
