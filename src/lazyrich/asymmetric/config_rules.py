"""Cross-field config rules of the main paper's sections (``asymmetric``, and ``asymmetric_real`` for the
rules they share); see :mod:`lazyrich.config_rules`."""

from __future__ import annotations

from lazyrich.config_rules import cross_field


def steps_logged(settings: dict, key: str):
    """GD logs at 0, log_every, ..., steps: steps must be a multiple of log_every (ensemble.GDSettings)."""
    if settings["steps"] % settings["log_every"]:
        yield f"{key}.log_every", settings["log_every"], f"a divisor of {key}.steps ({settings['steps']})"


@cross_field("asymmetric", "asymmetric_real")
def alpha_when_gamma_below_one(cfg):
    """A configuration with gamma < 1 has a Zipf part and needs its alpha (scalings.node_scalings)."""
    for i, c in enumerate(cfg["configurations"]):
        if c["gamma"] < 1 and "alpha" not in c:
            yield f"configurations.{i}.alpha", None, f"an alpha in (0, 1), since gamma = {c['gamma']} < 1"


@cross_field("asymmetric")
def log_every_divides_steps(cfg):
    """Simulated training and the batched-vs-separate check log every log_every steps up to steps."""
    yield from steps_logged(cfg["simulated"], "simulated")
    yield from steps_logged(cfg["checks"]["ensemble"], "checks.ensemble")


@cross_field("asymmetric")
def ensemble_ids_are_configurations(cfg):
    """The batched-vs-separate check trains the configurations named by checks.ensemble.config_ids."""
    ids = [c["id"] for c in cfg["configurations"]]
    for i, cid in enumerate(cfg["checks"]["ensemble"]["config_ids"]):
        if cid not in ids:
            yield f"checks.ensemble.config_ids.{i}", cid, f"an id of configurations {ids}"
