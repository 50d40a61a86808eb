"""Cross-field config rules of the ``orthogonal`` section; see :mod:`lazyrich.config_rules`."""

from __future__ import annotations

from lazyrich.config_rules import cross_field

PANEL_EXPERIMENTS = ("e1", "e2", "e3")


@cross_field("orthogonal")
def panels_within_iterations(cfg):
    """State panels are snapshots of the run, so each lies in [0, iterations] (figures._state_figure)."""
    for exp in PANEL_EXPERIMENTS:
        T = cfg[exp]["iterations"]
        for i, it in enumerate(cfg[exp].get("panels", [])):
            if it > T:
                yield f"{exp}.panels.{i}", it, f"an iteration in [0, {exp}.iterations = {T}]"
