"""`python -m lazyrich.claims.check`: a report that cannot be checked exits 3, never 0 and never like a FAIL."""

import json
import subprocess
import sys

import pytest

from lazyrich.claims import check

ROW = {"id": "A", "status": "PASS", "must_hold": ["smoke"], "value": 1, "threshold": 1, "note": ""}


def _write(path, report):
    path.write_text(json.dumps(report) if not isinstance(report, str) else report)
    return str(path)


@pytest.mark.parametrize("content, reason", [
    (None, "does not exist"),
    ('{"profile": "smoke", "claims": [{"id": "A", "sta', "truncated or corrupt"),
    ("", "truncated or corrupt"),
    ([1, 2], "not a claims report"),
    ({"profile": "smoke", "claims": []}, "lists 0 claim(s), none required in profile 'smoke'"),
    ({"profile": "smoke", "claims": [{**ROW, "must_hold": ["paper"]}]}, "none required in profile 'smoke'"),
])
def test_uncheckable_report_exits_3_with_the_reason(tmp_path, capsys, content, reason):
    path = tmp_path / "claims.json"
    if content is not None:
        _write(path, content)
    assert check.main([str(path)]) == check.EXIT_UNCHECKABLE == 3
    err = capsys.readouterr().err
    assert err.startswith("cannot check the claims:") and reason in err and "claims.json" in err


def test_pass_and_fail_exit_codes_unchanged(tmp_path, capsys):
    path = _write(tmp_path / "claims.json", {"profile": "smoke", "claims": [ROW]})
    assert check.main([path]) == 0
    assert "1 of 1 claims required in profile 'smoke' PASS" in capsys.readouterr().out
    path = _write(tmp_path / "claims.json", {"profile": "smoke", "claims": [ROW, {**ROW, "id": "B", "status": "NOT_RUN"}]})
    assert check.main([path]) == 1


def test_command_line_exit_status(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "lazyrich.claims.check", str(tmp_path / "absent.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 3 and "absent.json does not exist" in proc.stderr
