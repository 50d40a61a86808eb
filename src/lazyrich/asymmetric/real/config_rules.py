"""Cross-field config rules of the ``asymmetric_real`` section; see :mod:`lazyrich.config_rules`
(the configurations rule is shared with ``asymmetric``, in :mod:`lazyrich.asymmetric.config_rules`)."""

from __future__ import annotations

from lazyrich.asymmetric.config_rules import steps_logged
from lazyrich.config_rules import cross_field

GD_EXPERIMENTS = ("uci", "mnist")


@cross_field("asymmetric_real")
def log_every_divides_steps(cfg):
    """UCI and MNIST GD log every log_every steps up to steps (ensemble.GDSettings)."""
    for exp in GD_EXPERIMENTS:
        yield from steps_logged(cfg[exp], exp)


@cross_field("asymmetric_real")
def transfer_ks_within_width(cfg):
    """Transfer feeds the top-k nodes of a width-m network to a new MLP: every k <= m (transfer.transfer_runs)."""
    for exp in GD_EXPERIMENTS:
        m = cfg[exp]["m"]
        for i, k in enumerate(cfg[exp]["transfer"]["ks"]):
            if k > m:
                yield f"{exp}.transfer.ks.{i}", k, f"at most {exp}.m ({m})"


@cross_field("asymmetric_real")
def mnist_ranges_not_empty(cfg):
    """Each MNIST range [start, stop) holds at least one image (datasets._slice)."""
    for split, (start, stop) in cfg["mnist"]["ranges"].items():
        if not start < stop:
            yield f"mnist.ranges.{split}", [start, stop], "[start, stop) with start < stop"
