"""Reading one printed cell as a value: counts, signed changes, amounts with units, placeholders."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

import attrs

__all__ = ["Printed", "is_mark", "read_printed", "to_wan"]

PLACEHOLDERS = frozenset(
    {"", "/", "-", "−", "—", "——", "–", "－", "无", "空", "\\", "×", "x", "X", "*"}
)
"""What reports print in place of 0 (after NFKC): blank, slash, dashes, 无."""

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?\Z")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
_SIGNED = re.compile(r"(增加|新增|增|减少|减|\+|-|−|—|–)\s*([0-9]+)\Z")  # − U+2212, a minus sign
_UNIT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(亿元|万元|元|万)\Z")
_COUNT_UNIT = re.compile(r"([0-9]+)\s*(件|个|项|条|次|人次|家)\Z")
# Marks printed beside a number in published tables: arrows (a rise or fall against last year),
# asterisks and reference marks, footnote numbers (superscript, circled). They are not part of
# the value; read before NFKC, which would turn ¹ and ① into digits of the number.
_UP, _DOWN = "↑⬆▲△↗", "↓⬇▼▽↘"
_MARK_CHARS = _UP + _DOWN + "←→※*＊#＃☆★†‡⁰¹²³⁴⁵⁶⁷⁸⁹" + "".join(map(chr, range(0x2460, 0x249C)))
_MARKED = re.compile(f"([{re.escape(_MARK_CHARS)}]*)(.*?)([{re.escape(_MARK_CHARS)}]*)\\Z", re.S)
_NOTE_MARK = re.compile(r"[（(\[［【]\s*(?:注|備註|备注)?\s*[0-9０-９]{0,2}\s*[)）\]］】]\Z")
_UNIT_FACTOR = {
    "亿元": Decimal(10000),
    "万元": Decimal(1),
    "万": Decimal(1),
    "元": Decimal("0.0001"),
}


@attrs.frozen
class Printed:
    """What one printed token says as a value.

    ``form`` is ``"number"`` (digits, maybe a decimal point), ``"placeholder"`` (``/``, ``-``,
    ``无``, blank …), ``"signed"`` (``增34``, ``减3``, ``+2``, ``-1``), ``"amount"`` (a number
    with a money unit, converted to 万元 in ``value``; ``unit`` is the printed unit) or
    ``"count_unit"`` (a count followed by 件/个/…). ``marker`` is what was printed beside
    the value and is not part of it (``↓`` of ``1↓``, ``*`` of ``12*``, ``①`` of ``5①``).
    """

    form: str
    value: Decimal
    unit: str = ""
    digits: str = ""
    marker: str = ""

    @property
    def direction(self) -> int:
        """+1 or -1 where the marker is one arrow up or down (``1↓``), else 0."""
        if len(self.marker) == 1:
            return 1 if self.marker in _UP else -1 if self.marker in _DOWN else 0
        return 0


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u200b\ufeff")


def is_mark(text: str) -> bool:
    """Whether ``text`` is only marks of the kind printed beside numbers (``↑``, ``※``, ``①``)."""
    if _NOTE_MARK.match(text):
        return True
    return bool(text) and all(ch in _MARK_CHARS for ch in text) and text not in PLACEHOLDERS


def read_printed(text: str) -> Printed | None:
    """The value a token prints, or ``None`` when it is not a value (a label, prose).

    A value with marks beside it (``1↓``, ``12*``, ``5①``, a bracketed note reference
    ``5（注1）``) is read with the marks in :attr:`Printed.marker`; a mark alone is not a value
    (``*`` is a placeholder).
    """
    bare = "".join(ch for ch in text if not ch.isspace())
    note = _NOTE_MARK.search(bare)
    if note and note.start():
        inner = read_printed(bare[: note.start()])
        if inner is not None and inner.form != "placeholder":
            return attrs.evolve(inner, marker=inner.marker + note.group())
    m = _MARKED.match(bare)
    if m and (m.group(1) or m.group(3)) and m.group(2):
        inner = _read(m.group(2))
        if inner is not None and inner.form != "placeholder":
            return attrs.evolve(inner, marker=m.group(1) + m.group(3))
    return _read(text)


def _read(text: str) -> Printed | None:
    t = _clean(text)
    if t in PLACEHOLDERS:
        return Printed("placeholder", Decimal(0))
    if _NUMBER.match(t):
        return Printed("number", Decimal(t), digits=t)
    if _GROUPED.match(t):
        return Printed("number", Decimal(t.replace(",", "")), digits=t.replace(",", ""))
    m = _SIGNED.match(t)
    if m:
        sign = -1 if m.group(1) in ("减少", "减", "-", "−", "—", "–") else 1
        return Printed("signed", Decimal(sign * int(m.group(2))), unit=m.group(1))
    m = _UNIT.match(t)
    if m:
        return Printed("amount", to_wan(Decimal(m.group(1)), m.group(2)), unit=m.group(2))
    m = _COUNT_UNIT.match(t)
    if m:
        return Printed("count_unit", Decimal(m.group(1)), unit=m.group(2))
    return None


def to_wan(value: Decimal, unit: str) -> Decimal:
    """``value`` in ``unit`` (元, 万元, 亿元) as an exact amount in 万元, without spurious zeros."""
    try:
        result = value * _UNIT_FACTOR[unit]
    except InvalidOperation:  # pragma: no cover - digits only reach here
        return value
    if result == result.to_integral_value():
        return result.quantize(Decimal(1))
    return result.normalize()
