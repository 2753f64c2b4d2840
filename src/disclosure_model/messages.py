"""Message templates of the codec's findings (``json.*`` and ``model.*``), in Chinese and English.

Rule findings register their own templates next to their declarations.
"""

from __future__ import annotations

from .findings import Finding, register_messages

__all__: list[str] = []


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
    key = str(f.params.get("key", ""))
    return key if len(key) <= 60 else f"{key[:40]}…（{len(key)} 字符）"


def _key_en(f: Finding) -> str:
    key = str(f.params.get("key", ""))
    return repr(key) if len(key) <= 60 else f"{key[:40]!r}… ({len(key)} characters)"


register_messages(
    "model.unknown_key",
    zh=lambda f: f"未知的键 “{_key(f)}”（格式中没有此项，可能是拼写错误）",
    en=lambda f: f"unknown key {_key_en(f)} (not in the contract; a misspelling?)",
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
