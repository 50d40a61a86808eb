"""Cross-field config rules of the ``scaling_path`` section; see :mod:`lazyrich.config_rules`."""

from __future__ import annotations

import math

from lazyrich.config_rules import cross_field


def _among(value: float, values) -> bool:
    """Same match as the figure code (make_figures._find: relative tolerance 1e-9)."""
    return any(math.isclose(value, v, rel_tol=1e-9, abs_tol=0.0) for v in values)


@cross_field("scaling_path")
def figure2_alphas_are_solved(cfg):
    """Figure 2 draws solved VP scales only: figure2_alphas is a subset of alphas."""
    for i, a in enumerate(cfg["figure2_alphas"]):
        if not _among(a, cfg["alphas"]):
            yield f"figure2_alphas.{i}", a, f"a value of alphas {cfg['alphas']}"


@cross_field("scaling_path")
def figure3_has_a_pair(cfg):
    """Figure 3 compares VP and GD at alpha = beta: some figure3_alphas value is in both alphas and betas."""
    if not any(_among(a, cfg["alphas"]) and _among(a, cfg["betas"]) for a in cfg["figure3_alphas"]):
        yield "figure3_alphas", cfg["figure3_alphas"], (
            f"at least one value present in both alphas {cfg['alphas']} and betas {cfg['betas']}")


@cross_field("scaling_path")
def smoothness_step_fits_grid(cfg):
    """The smoothness proxy pairs grid points smoothness_step apart (metrics.smoothness): some pair must exist."""
    if cfg["smoothness_step"] >= cfg["grid_size"]:
        yield "smoothness_step", cfg["smoothness_step"], f"less than grid_size ({cfg['grid_size']})"
