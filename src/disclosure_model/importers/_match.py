"""Text normalization and lenient label matching, shared by the interpreter's readers."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from ._aliases import MISPRINTS, VARIANT_CHARACTERS

__all__ = ["cover", "fix_misprints", "loose", "simplified", "strip_note"]

_TRANSLATE = str.maketrans(VARIANT_CHARACTERS)
_NOTE = re.compile(r"[（(][^（）()]*[）)]")


def simplified(text: str) -> str:
    """``text`` with traditional and variant characters in their simplified forms.

    One character for one, so positions in the result are positions in ``text``: a pattern
    searched in the simplified text locates the printed (traditional) text too.
    """
    return text.translate(_TRANSLATE)


@lru_cache(maxsize=65536)
def loose(text: str) -> str:
    """Text as compared against labels: NFKC, simplified characters, letters and digits only.

    Full-width forms become ASCII, traditional characters their simplified forms, and all
    whitespace (including non-breaking and ideographic spaces) and punctuation is dropped, so
    ``（二）部分 公开`` and ``(二)部分公開`` compare equal.
    """
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def fix_misprints(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` (already :func:`loose`) with known misprints replaced, and which were replaced."""
    applied: list[tuple[str, str]] = []
    for wrong, right in MISPRINTS.items():
        if wrong in text and right not in text:
            text = text.replace(wrong, right)
            applied.append((wrong, right))
    return text, tuple(applied)


def strip_note(label: str) -> str:
    """A label without its parenthesized note: ``部分公开（区分处理的，…）`` → ``部分公开``."""
    stripped = _NOTE.sub("", label)
    return stripped or label


@lru_cache(maxsize=262144)
def cover(key: str, text: str) -> int:
    """How many characters of ``key`` appear in ``text`` in order, in runs of two or more.

    A key of one to three characters counts only where it appears whole. This is the lenient
    match: a misprinted, wrapped or interrupted label still covers most of its key.
    """
    if not key or not text:
        return 0
    if key in text:
        return len(key)
    if len(key) <= 3:
        return 0
    present = frozenset(text)
    if 2 * sum(1 for ch in key if ch in present) < len(key):  # cannot reach half the key
        return 0
    blocks = SequenceMatcher(None, text, key, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 2)
