"""Message templates of the codec's findings (``json.*`` and ``model.*``), in Chinese and English.

Rule findings register their own templates next to their declarations.
"""

from __future__ import annotations

import unicodedata

from .findings import Finding, register_messages

__all__ = ["describe_key"]


def _where_en(f: Finding) -> str:
    title = f.params.get("title")
    return f"{title} ({f.params.get('label_zh')})" if title else "value"


def _where_zh(f: Finding) -> str:
    return str(f.params.get("label_zh") or "值")


def _expected_zh(f: Finding) -> str:
    return str(f.params.get("expected_zh") or f.params.get("expected", ""))


def _wrong_value(f: Finding, lang: str) -> str:
    if lang == "zh":
        return f"{_where_zh(f)}应为{_expected_zh(f)}，实际为{f.params.get('found_zh')}"
    return f"{_where_en(f)}: expected {f.params.get('expected')}, found {f.params.get('found_en')}"


for _code in ("type", "minimum", "maximum", "format", "pattern", "enum", "minLength"):
    register_messages(
        f"model.{_code}", zh=lambda f: _wrong_value(f, "zh"), en=lambda f: _wrong_value(f, "en")
    )

register_messages(
    "model.required",
    zh=lambda f: f"缺少必填键 “{f.params.get('key')}”",
    en=lambda f: f"required key {f.params.get('key')!r} is missing",
)


def _key(f: Finding) -> str:
    return describe_key(str(f.params.get("key", "")), "zh")


def _key_en(f: Finding) -> str:
    return describe_key(str(f.params.get("key", "")), "en")


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me", "Zl", "Zp"})


def _ambiguous(text: str) -> bool:
    """Whether ``text`` may read the same as another text: it is not in Unicode normal form
    NFC, mixes ASCII letters with letters of other scripts, or holds a character that shows
    nothing by itself (a control, format or combining character, a space other than U+0020)."""
    if text.isascii():
        return not text.isprintable()
    if unicodedata.normalize("NFC", text) != text:
        return True
    if any(c.isascii() and c.isalpha() for c in text) and any(
        not c.isascii() and c.isalnum() for c in text
    ):  # Latin letters beside letters of other scripts: look-alikes (Latin A, Cyrillic А)
        return True
    return any(unicodedata.category(c) in _INVISIBLE or (c.isspace() and c != " ") for c in text)


def describe_key(key: str, lang: str = "en") -> str:
    """A key as a message shows it: quoted, cut when long, and followed by its code points
    when the text alone cannot tell it from another key (``'é' (U+0065 U+0301)``)."""
    if len(key) <= 60:
        shown = repr(key) if lang == "en" else f"“{key}”"
    else:
        shown = (
            f"{key[:40]!r}… ({len(key)} characters)"
            if lang == "en"
            else f"“{key[:40]}…”（{len(key)} 字符）"
        )
    if _ambiguous(key):
        points = " ".join(f"U+{ord(c):04X}" for c in key[:20])
        if len(key) > 20:
            points += " …"
        shown += f" ({points})" if lang == "en" else f"（{points}）"
    return shown


register_messages(
    "model.unknown_key",
    zh=lambda f: f"未知的键 {_key(f)}（格式中没有此项，可能是拼写错误）",
    en=lambda f: f"unknown key {_key_en(f)} (not in the contract; a misspelling?)",
)
register_messages(
    "model.key_type",
    zh=lambda f: (
        f"键必须是字符串，实际为 {f.params.get('found_zh')} 类型的键 {f.params.get('key')}"
    ),
    en=lambda f: (
        f"a key must be a string, found the {f.params.get('found_en')} key {f.params.get('key')}"
    ),
)
register_messages(
    "model.edition_mismatch",
    zh=lambda f: (
        f"{f.params.get('part')}是 {f.params.get('shape')} 版格式的结构，"
        f"但 edition 为 {f.params.get('edition')}"
    ),
    en=lambda f: (
        f"{f.params.get('part')} has the {f.params.get('shape')} edition's shape, "
        f"but edition is {f.params.get('edition')!r}"
    ),
)
