import json

import pytest

from lazyrich.claims import check, evaluate
from lazyrich.claims.registry import Claim, all_claims, claim
from lazyrich.io import save_json


def _claim(fn, thresholds=None, must_hold=("smoke",), inputs=("x.json",)):
    return Claim(id="T-C1", statement="s", figure="F", paper_value=1.0, inputs=tuple(inputs),
                 thresholds=thresholds or {"smoke": 0.5}, must_hold=must_hold, evaluate=fn)


def test_pass_fail_and_not_run(tmp_path):
    save_json(tmp_path / "x.json", {"v": 0.3})
    below = _claim(lambda ctx: (ctx.load_json("x.json")["v"], ctx.load_json("x.json")["v"] <= ctx.threshold))
    assert evaluate.evaluate_claim(below, tmp_path, "smoke")["status"] == "PASS"
    above = _claim(lambda ctx: (0.9, 0.9 <= ctx.threshold))
    assert evaluate.evaluate_claim(above, tmp_path, "smoke")["status"] == "FAIL"
    assert evaluate.evaluate_claim(below, tmp_path, "paper")["status"] == "NOT_RUN"  # no threshold there
    missing = _claim(lambda ctx: (1, True), inputs=("absent.npz",))
    row = evaluate.evaluate_claim(missing, tmp_path, "smoke")
    assert row["status"] == "NOT_RUN" and "absent.npz" in row["note"]


def test_crashing_claim_is_a_fail_not_a_pass(tmp_path):
    save_json(tmp_path / "x.json", {})

    def broken(ctx):
        return ctx.load_json("x.json")["missing_key"], True

    row = evaluate.evaluate_claim(_claim(broken), tmp_path, "smoke")
    assert row["status"] == "FAIL" and "missing_key" in row["note"]


def test_must_hold_needs_a_threshold():
    with pytest.raises(ValueError, match="no threshold"):
        claim(id="T-C9", statement="", figure="", paper_value=0, inputs=[], thresholds={"paper": 1},
              must_hold=("smoke",))(lambda ctx: (0, True))


def test_check_exit_code(tmp_path):
    report = {"profile": "smoke", "claims": [
        {"id": "A", "status": "PASS", "must_hold": ["smoke"], "value": 1, "threshold": 1, "note": ""},
        {"id": "B", "status": "FAIL", "must_hold": ["paper"], "value": 1, "threshold": 1, "note": ""},
    ]}
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(report))
    assert check.main([str(path)]) == 0
    report["claims"][1]["must_hold"] = ["smoke"]
    path.write_text(json.dumps(report))
    assert check.main([str(path)]) == 1


def test_registry_ids_unique_and_spec_shaped():
    ids = [c.id for c in all_claims()]
    assert len(ids) == len(set(ids))
    assert {"AS-C1", "AS-C2", "AS-C3", "AS-C9"} <= set(ids)
    for c in all_claims():
        assert c.id.split("-")[0] in {"AS", "OI", "SP", "IP"}, c.id
        assert c.statement and c.figure


def test_markdown_has_a_row_per_claim():
    report = {"profile": "smoke", "provenance": {"git_commit": "abc", "generated_at": "now"}, "claims": [
        {"id": "AS-C1", "statement": "a | b", "figure": "AS-F1", "paper_value": 0.1234567, "value": {"x": 0.33333333},
         "threshold": 1e-9, "status": "PASS", "must_hold": ["smoke"], "note": ""},
    ]}
    md = evaluate.render_markdown(report)
    assert "| AS-C1 | a \\| b | 0.1235 |" in md and '{"x": 0.3333}' in md


def test_claims_json_is_strict_json(tmp_path, monkeypatch):
    """A NaN or infinite claim value is written as a string with a note, never as a bare NaN token."""
    nan_claim = _claim(lambda ctx: ({"gap": float("nan"), "ratio": float("inf")}, False), inputs=())
    row = evaluate.evaluate_claim(nan_claim, tmp_path, "smoke")
    assert row["value"] == {"gap": "NaN", "ratio": "Infinity"} and "non-finite" in row["note"]
    monkeypatch.setattr(evaluate, "all_claims", lambda: [nan_claim])
    out = tmp_path / "claims.json"
    evaluate.main(["--profile", "smoke", "--results", str(tmp_path), "--json", str(out),
                   "--markdown", str(tmp_path / "CLAIMS.md")])
    reject = lambda token: (_ for _ in ()).throw(ValueError(f"bare {token} in claims.json"))  # noqa: E731
    report = json.loads(out.read_text(), parse_constant=reject)
    assert report["claims"][0]["value"] == {"gap": "NaN", "ratio": "Infinity"}
