"""SP-T1 rendering: paper values beside ours, and the VP solver status under the table."""

import numpy as np

from lazyrich.scaling_path.make_table import render_markdown, render_solver_status, table_frame


def test_table_puts_paper_values_beside_ours_and_bolds_the_diagonal():
    cross = {"alphas": np.array([1.0, 66.0]), "betas": np.array([66.0]),
             "V_vp": np.array([126.0, 279.0]), "V_gd": np.array([[1.0e4, 287.0]])}
    frame = table_frame(cross)
    md = render_markdown(frame, "test")
    vp_66 = frame[(frame["row"] == "VP") & (frame["alpha"] == 66.0)].iloc[0]
    assert vp_66.paper > 0 and np.isclose(vp_66.ratio, 279.0 / vp_66.paper)
    assert "**287 /" in md  # (beta, alpha) = (66, 66) is on the diagonal


def test_solver_status_flags_unconverged_solves():
    vp = {"alphas": np.array([0.1, 66.0]), "V": np.array([78.2, 293.3]), "iterations": np.array([10, 80]),
          "evaluations": np.array([161, 117]), "converged": np.array([False, False]),
          "reasons": np.array(["stalled (step below tolerance after 22 halvings)", "iteration cap"]),
          "stationarity": np.array([34.0, 0.5]), "best_iteration": np.array([2, 79]), "floor": 1e-12}
    md = render_solver_status(vp)
    assert "projection floor 1e-12" in md
    assert "| 0.1 | 78.2 | 10 | 2 | 161 | no | stalled (step below tolerance after 22 halvings) | 3.4e+01 |" in md
    assert "| 66 | 293 | 80 | 79 | 117 | no | iteration cap | 5.0e-01 |" in md
