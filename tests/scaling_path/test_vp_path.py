"""The VP path solver end to end on a tiny lattice: feasibility, the mass floor, the reported value."""

import numpy as np
import pytest
import torch

from lazyrich.scaling_path.data import training_data
from lazyrich.scaling_path.divergence import SinkhornDivergence, SinkhornSettings
from lazyrich.scaling_path.endpoints import lp_endpoint
from lazyrich.scaling_path.features import feature_matrix
from lazyrich.scaling_path.grids import initial_weights, support_p
from lazyrich.scaling_path.vp import VPSettings, solve_path


@pytest.fixture(scope="module")
def tiny():
    torch.set_num_threads(1)
    X, y = training_data()
    P = support_p(40)
    A = feature_matrix(P, X)
    return P, A, y, initial_weights(len(P)), lp_endpoint(A, y).weights, SinkhornDivergence(P, P, SinkhornSettings())


@pytest.mark.parametrize("floor", [0.0, 1e-12])
def test_vp_path_is_feasible_and_reports_the_value_of_its_measure(tiny, floor):
    P, A, y, mu0, lp, divergence = tiny
    rows = solve_path(divergence, A, y, mu0, lp, [1.0, 10.0], VPSettings(max_iter=6, floor=floor))
    for row in rows:
        mu, alpha = row["mu"], row["alpha"]
        assert mu.min() >= floor and row["interp_err"] <= 1e-9
        s = float(divergence.value(mu, alpha ** 2 * mu0)[0])
        assert row["V"] == pytest.approx((1 + alpha ** 2) * s, rel=1e-12)
        assert row["V"] == pytest.approx((1 + alpha ** 2) * min(row["history"]), rel=1e-12)
        assert 0 <= row["best_iteration"] <= row["iterations"]
    if floor == 0.0:  # the literal SP-D9 projection leaves atoms at exactly zero: the case the floor avoids
        assert any((row["mu"] == 0.0).any() for row in rows)


def test_vp_settings_read_the_floor_from_the_config():
    assert VPSettings.from_config({"max_iter": 80, "floor": 1e-12}).floor == 1e-12
    assert VPSettings.from_config({"max_iter": 80}).floor == 0.0
