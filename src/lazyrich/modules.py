"""Discovery of the per-experiment modules that register themselves (claims, config rules).

An experiment adds such a module under its own package; nothing shared is edited. :func:`import_named`
imports every module of a given name anywhere under :mod:`lazyrich`.
"""

from __future__ import annotations

import importlib
import pkgutil


def import_named(name: str, skip: tuple[str, ...] = ()) -> None:
    """Import every module ``lazyrich.<...>.<name>`` except those in ``skip`` (full dotted names)."""
    import lazyrich

    for info in pkgutil.walk_packages(lazyrich.__path__, prefix="lazyrich."):
        if info.name.rsplit(".", 1)[-1] == name and info.name not in skip:
            importlib.import_module(info.name)
