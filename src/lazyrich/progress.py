"""Progress bars for long work: tqdm on stderr, which every rule redirects to its log under logs/."""

from __future__ import annotations

import os
import sys

from tqdm.auto import tqdm


def progress(iterable=None, **kwargs):
    """tqdm on stderr; set LAZYRICH_NO_PROGRESS=1 to silence it (tests do)."""
    kwargs.setdefault("file", sys.stderr)
    kwargs.setdefault("mininterval", 2.0)
    kwargs.setdefault("dynamic_ncols", True)
    kwargs.setdefault("disable", os.environ.get("LAZYRICH_NO_PROGRESS") == "1")
    return tqdm(iterable, **kwargs)
