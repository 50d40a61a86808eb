"""Claim entries and their registry.

A claim is a function computing the reproduced value from saved results, decorated with its ID (from the
spec), statement, paper value, the figure it belongs to, the result files it reads, its threshold for each
profile and the profiles in which it must hold. Claims are written next to their experiment, in any module
named ``claims`` under :mod:`lazyrich`; :func:`all_claims` imports them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lazyrich.io import load_json, load_npz
from lazyrich.modules import import_named

STATUSES = ("PASS", "FAIL", "NOT_RUN")


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    figure: str
    paper_value: Any
    inputs: tuple[str, ...]
    thresholds: dict[str, Any]
    must_hold: tuple[str, ...]
    evaluate: Callable[["ClaimContext"], tuple[Any, bool]] = field(repr=False)


@dataclass
class ClaimContext:
    """What a claim's function sees: the profile's results folder and the claim's threshold there."""

    results_dir: Path
    profile: str
    threshold: Any
    _cache: dict = field(default_factory=dict, repr=False)

    def path(self, rel: str) -> Path:
        return self.results_dir / rel

    def load_npz(self, rel: str) -> dict:
        if rel not in self._cache:
            self._cache[rel] = load_npz(self.path(rel))
        return self._cache[rel]

    def load_json(self, rel: str) -> Any:
        if rel not in self._cache:
            self._cache[rel] = load_json(self.path(rel))
        return self._cache[rel]


_REGISTRY: dict[str, Claim] = {}


def claim(*, id: str, statement: str, figure: str, paper_value: Any, inputs, thresholds: dict, must_hold=()):
    """Decorator registering ``fn(ctx) -> (value, passed)`` as a claim."""

    def register(fn):
        if id in _REGISTRY and _REGISTRY[id].evaluate.__qualname__ != fn.__qualname__:
            raise ValueError(f"claim id {id} registered twice")
        unknown = set(must_hold) - set(thresholds)
        if unknown:
            raise ValueError(f"claim {id} must hold in {sorted(unknown)} but has no threshold there")
        _REGISTRY[id] = Claim(
            id=id, statement=statement, figure=figure, paper_value=paper_value, inputs=tuple(inputs),
            thresholds=dict(thresholds), must_hold=tuple(must_hold), evaluate=fn,
        )
        return fn

    return register


def all_claims() -> list[Claim]:
    """Every registered claim, sorted by paper prefix and number (AS-C2 before AS-C10)."""
    import_named("claims", skip=("lazyrich.claims",))

    def key(c: Claim):
        prefix, _, rest = c.id.partition("-C")
        digits = "".join(ch for ch in rest if ch.isdigit())
        return (prefix, int(digits) if digits else 0, rest)

    return sorted(_REGISTRY.values(), key=key)
