"""Where the docs explain a claim's FAIL: the experiment's docs page, plus an anchor if a heading names the claim.

The page is chosen by the claim's ID prefix and number (:data:`EXPLANATION_PAGES`, the one mapping); the
anchor is GitHub's slug of the first heading of that page naming the claim (or, for a sub-claim such as
``AS-C15-MNIST``, its parent ``AS-C15``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# (ID prefix, first claim number, page under docs/); for a claim, the last entry with its prefix whose first
# number is <= the claim's number is its page
EXPLANATION_PAGES = (
    ("AS", 1, "asymmetric.md"),        # simulated E1 and implementation checks, AS-C1..C9
    ("AS", 10, "asymmetric_real.md"),  # real data (UCI, MNIST, CIFAR-10), AS-C10..C21
    ("OI", 1, "orthogonal.md"),
    ("SP", 1, "scaling_path.md"),
    ("IP", 1, "integrable.md"),
)


def _split(claim_id: str) -> tuple[str, int]:
    prefix, _, rest = claim_id.partition("-C")
    digits = re.match(r"\d+", rest)
    return prefix, int(digits.group()) if digits else 0


def explanation_page(claim_id: str) -> str | None:
    """The docs page (file name under docs/) that explains this claim, None for an unknown prefix."""
    prefix, number = _split(claim_id)
    pages = [page for p, first, page in EXPLANATION_PAGES if p == prefix and first <= number]
    return pages[-1] if pages else None


def slug(heading: str, seen: dict[str, int]) -> str:
    """GitHub's anchor for a heading text (lower case, punctuation dropped, spaces to '-', -1, -2 for repeats)."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
    count = seen.get(text, 0)
    seen[text] = count + 1
    return text if count == 0 else f"{text}-{count}"


@lru_cache(maxsize=None)
def _headings(path: Path) -> tuple[tuple[str, str], ...]:
    """(heading text, anchor) of every Markdown heading of a page, outside code blocks."""
    out, seen, fenced = [], {}, False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            text = line.lstrip("#").strip()
            out.append((text, slug(text, seen)))
    return tuple(out)


def _names(text: str, claim_id: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(claim_id)}(?![\w])", text) is not None


def explanation_link(claim_id: str, docs_dir: Path) -> str | None:
    """``page.md#anchor`` (or ``page.md``) relative to docs/, None if the page is unknown or missing."""
    page = explanation_page(claim_id)
    if page is None or not (docs_dir / page).exists():
        return None
    parent = re.match(r"[A-Z]+-C\d+", claim_id)
    for wanted in dict.fromkeys([claim_id] + ([parent.group()] if parent else [])):
        for text, anchor in _headings((docs_dir / page).resolve()):
            if _names(text, wanted):
                return f"{page}#{anchor}"
    return page
