"""Cross-field config rules of the ``integrable`` section; see :mod:`lazyrich.config_rules`."""

from __future__ import annotations

from lazyrich.config_rules import cross_field


@cross_field("integrable")
def trained_models_have_steps_and_trials(cfg):
    """IP-E1 trains each model of training.models.<dataset> for its steps and trials (train, cost)."""
    tr = cfg["training"]
    for dataset, models in tr["models"].items():
        for count in ("steps", "trials"):
            for model in models:
                if model not in tr[count][dataset]:
                    yield (f"training.{count}.{dataset}", sorted(tr[count][dataset]),
                           f"an entry for every model of training.models.{dataset} (missing '{model}')")


@cross_field("integrable")
def depth_window_within_steps(cfg):
    """IP-E4 averages the loss over windows of the run: at least one window (depth.window <= depth.steps)."""
    dp = cfg["depth"]
    if dp["window"] > dp["steps"]:
        yield "depth.window", dp["window"], f"at most depth.steps ({dp['steps']})"
