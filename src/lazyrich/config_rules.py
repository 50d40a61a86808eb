"""Cross-field config rules: constraints between keys of a section that a JSON schema cannot express.

The code of an experiment rejects some combinations of valid values (``steps`` not a multiple of
``log_every``, a figure's alphas not among the solved ones, ...). Each such rule is declared once, next to
the experiment, in a module named ``config_rules`` under its package, and checked with the schema at config
load (:func:`lazyrich.config.validate`), so the run stops before its first job with the key named::

    from lazyrich.config_rules import cross_field

    @cross_field("asymmetric")
    def log_every_divides_steps(cfg):
        \"\"\"GD logs every log_every steps up to steps (lazyrich.asymmetric.ensemble.GDSettings).\"\"\"
        s = cfg["simulated"]
        if s["steps"] % s["log_every"]:
            yield "simulated.log_every", s["log_every"], f"a divisor of simulated.steps ({s['steps']})"

A rule sees a section that already passed its schema and yields ``(key, value, allowed)`` for each
violation (nothing when the section is fine).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from lazyrich.modules import import_named

Violation = tuple[str, Any, str]
Rule = Callable[[dict], Iterator[Violation]]

_RULES: dict[str, list[Rule]] = {}


def cross_field(*sections: str) -> Callable[[Rule], Rule]:
    """Decorator registering ``fn(section_values) -> iterator of (key, value, allowed)`` for ``sections``."""

    def register(fn: Rule) -> Rule:
        for section in sections:
            rules = _RULES.setdefault(section, [])
            if all(r.__qualname__ != fn.__qualname__ or r.__module__ != fn.__module__ for r in rules):
                rules.append(fn)
        return fn

    return register


def rules_for(section: str) -> list[Rule]:
    """Every cross-field rule declared for ``section`` (imports all ``config_rules`` modules first)."""
    import_named("config_rules", skip=("lazyrich.config_rules",))
    return list(_RULES.get(section, []))


def violations(section: str, values: dict) -> list[Violation]:
    """The violations of every cross-field rule of ``section``, in declaration order."""
    return [v for rule in rules_for(section) for v in rule(values)]
