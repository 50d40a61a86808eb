"""Schema rejects bad config; the CLIs write their outputs; claims can pass and fail."""
import copy
import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from lazyrich.claims.registry import ClaimContext
from lazyrich.config import ConfigError, validate, write_resolved
from lazyrich.io import load_json, load_npz, save_npz
from lazyrich.orthogonal import claims, theory, train

ROOT = Path(__file__).resolve().parents[2]


def profile(name):
    return yaml.safe_load((ROOT / "config" / "profiles" / name / "orthogonal.yaml").read_text())


@pytest.mark.parametrize("name", ["smoke", "default", "paper"])
def test_profiles_validate(name):
    validate("orthogonal", profile(name), name)


@pytest.mark.parametrize("path, value, word", [
    (("e1", "lam"), -1.0, "exclusiveMinimum"),
    (("e2", "dtype"), "float16", "float32"),
    (("x1", "lr"), 1.0, "maximum"),
    (("e1", "seeds"), [], "minItems"),
    (("e4", "typo_key"), 1, "unknown key"),
])
def test_schema_rejects_bad_values(path, value, word):
    cfg = copy.deepcopy(profile("smoke"))
    cfg[path[0]][path[1]] = value
    with pytest.raises(ConfigError) as err:
        validate("orthogonal", cfg, "smoke")
    assert path[1] in str(err.value) and word in str(err.value)


@pytest.fixture
def tiny_cfg(tmp_path):
    cfg = copy.deepcopy(profile("smoke"))
    cfg["e1"].update(seeds=[0, 1], iterations=20000, align_grid=10)
    cfg["x1c"].update(seeds=[0, 1], extra_time=20, lr=1e-2)
    return write_resolved(cfg, tmp_path / "configs" / "orthogonal.json", "smoke", "orthogonal")


def test_cli_writes_outputs_and_identity_claims_hold(tiny_cfg, tmp_path):
    out = tmp_path / "orthogonal"
    train.main(["--config", str(tiny_cfg), "--experiment", "e1", "--out", str(out / "e1_runs.npz")])
    theory.main(["--config", str(tiny_cfg), "--out", str(out / "closed_forms.json")])
    run = load_npz(out / "e1_runs.npz")
    assert run["loss"].shape == (2, 20001) and run["snap_W"].shape[1:] == (2, 60, 2)
    assert load_json(out / "closed_forms.json")["e1"]["V_star"] == pytest.approx(3 / 5 ** 0.5)
    ctx = ClaimContext(results_dir=tmp_path, profile="smoke", threshold=1e-10)
    value, passed = claims.balancedness(ctx)
    assert passed, value
    ctx.threshold = {"norm": 1e-4, "path": 1e-6}
    assert claims.minimum_norm(ctx)[1]
    # a broken run must fail the identity checks
    bad = dict(run)
    bad["snap_a"] = run["snap_a"] * 1.01
    bad["W_final"] = run["W_final"] * 1.2
    save_npz(out / "e1_runs.npz", **bad)
    ctx = ClaimContext(results_dir=tmp_path, profile="smoke", threshold=1e-10)
    assert not claims.balancedness(ctx)[1]
    ctx.threshold = {"norm": 1e-4, "path": 1e-6}
    assert not claims.minimum_norm(ctx)[1]


def test_every_spec_claim_is_registered():
    from lazyrich.claims.registry import all_claims
    ids = {c.id for c in all_claims() if c.id.startswith("OI-")}
    assert ids == {f"OI-C{i}" for i in range(1, 22)}
    for c in all_claims():
        if c.id in ("OI-C1", "OI-C2", "OI-C5", "OI-C15"):
            assert "smoke" in c.must_hold          # exact identities must hold in smoke


@pytest.mark.slow
def test_figure_cli_writes_every_figure(tmp_path):
    cfg = copy.deepcopy(profile("smoke"))
    cfg["e1"].update(seeds=[0, 1], iterations=16000, align_grid=10)
    cfg["e1s"].update(lams=[1e-2, 1e-4])
    cfg["e2"].update(iterations=2000, panels=[1, 200, 992, 2000])
    cfg["e3"].update(iterations=2000, panels=[1, 200, 992, 2000])
    cfg["e4"].update(iterations=300, early_snapshot=100)
    cfg["x1"].update(lams=[1e-2, 1e-3], extra_time=20, lr=1e-2)
    cfg["x1c"].update(seeds=[0, 1], extra_time=20, lr=1e-2)
    resolved = write_resolved(cfg, tmp_path / "orthogonal.json", "smoke", "orthogonal")
    res = tmp_path / "orthogonal"
    for exp in ("e1", "e1s", "e2", "e3", "e4", "x1", "x1c"):
        train.main(["--config", str(resolved), "--experiment", exp, "--out", str(res / f"{exp}_runs.npz")])
    theory.main(["--config", str(resolved), "--out", str(res / "closed_forms.json")])
    from lazyrich.orthogonal import figures
    out = tmp_path / "figs"
    for group, names in figures.GROUPS.items():
        figures.main(["--group", group, "--config", str(resolved), "--results", str(res), "--outdir", str(out)])
        for name in names:
            assert (out / f"{name}.pdf").stat().st_size > 0 and (out / f"{name}.png").stat().st_size > 0
