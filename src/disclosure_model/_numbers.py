"""Numbers between JSON text, Python values and messages: total over any input.

Two limits of Python meet hostile documents here. :class:`~decimal.Decimal` holds exponents up
to about ±10^18 only (``Decimal("1e99999999999999999999")`` raises ``InvalidOperation``), and
``int``/``str`` conversion refuses integers of more than 4,300 digits by default (or fewer, when
a program lowers ``sys.set_int_max_str_digits``). Every reader, writer and message of the library
goes through these helpers, so neither limit ever escapes as an exception: an unreadable number
becomes a located ``json.number`` finding, an integer too long for ``str()`` is still written
exactly, and a message shows a very long integer by its number of digits.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "MESSAGE_DIGITS",
    "OutOfRange",
    "int_from_digits",
    "int_text",
    "json_decimal",
    "number_text",
    "signed_text",
]

MESSAGE_DIGITS = 40
"""Integers of more digits than this are shown in messages by their number of digits."""

_CHUNK = 600  # below Python's smallest allowed int/str limit (640 digits): always convertible
_CHUNK_LIMIT = 10**_CHUNK


class OutOfRange(ValueError):
    """A JSON number that :class:`~decimal.Decimal` cannot hold (its exponent is too large)."""


def json_decimal(text: str) -> Decimal:
    """The ``Decimal`` of a JSON number with a fraction or exponent, exactly as written.

    Raises :class:`OutOfRange` (a ``ValueError``, as the JSON parsers' own number errors are)
    for a number whose exponent is beyond what ``Decimal`` holds (about ±10^18), such as
    ``1e99999999999999999999``; never ``decimal.InvalidOperation``.
    """
    try:
        return Decimal(text)
    except ArithmeticError:
        raise OutOfRange("a number's exponent is out of range") from None


def int_text(value: int) -> str:
    """The exact decimal digits of any integer, whatever Python's int-to-string limit."""
    try:
        return int.__repr__(value)
    except ValueError:  # longer than sys.get_int_max_str_digits()
        pass
    sign = "-" if value < 0 else ""
    return sign + _digits(abs(value), 0)


def _digits(value: int, width: int) -> str:
    """``value`` ≥ 0 in decimal, zero-padded to ``width``; divide and conquer in safe chunks."""
    if value < _CHUNK_LIMIT:
        return int.__repr__(value).zfill(width)
    half = _CHUNK
    while 10 ** (2 * half) <= value:
        half *= 2
    high, low = divmod(value, 10**half)
    return _digits(high, max(width - half, 0)) + _digits(low, half)


def int_from_digits(digits: str) -> int:
    """The integer of a string of decimal digits of any length, whatever the int limit.

    Costs grow faster than the length (about 1 s for a million digits): callers bound the
    length first.
    """
    if len(digits) <= _CHUNK:
        return int(digits)
    half = len(digits) // 2
    high: int = int_from_digits(digits[:-half])
    scale: int = 10**half
    return high * scale + int_from_digits(digits[-half:])


def _digit_count(value: int) -> int:
    """The number of decimal digits of ``abs(value)``, without converting it to text."""
    value = abs(value)
    if value < _CHUNK_LIMIT:
        return len(int.__repr__(value))
    estimate = int(value.bit_length() * 0.30102999566398120)  # log10(2)
    return estimate + 1 if value >= 10**estimate else estimate


def number_text(value: object, lang: str = "en") -> str:
    """A number as a message shows it: exact, except that an integer of more than
    :data:`MESSAGE_DIGITS` digits is named by its number of digits (``an integer of 5000
    digits``). Never raises; non-numbers are shown with ``str``."""
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    if -(10**MESSAGE_DIGITS) < value < 10**MESSAGE_DIGITS:
        return int.__repr__(value)
    digits = _digit_count(value)
    sign = "−" if value < 0 else ""
    return f"{sign}{digits} 位的整数" if lang == "zh" else f"{sign}an integer of {digits} digits"


def signed_text(value: object, lang: str = "en") -> str:
    """A difference as a message shows it, with its sign (``+3``, ``-2``, ``+0``)."""
    if isinstance(value, Decimal):
        return format(value, "+")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return "+" + number_text(value, lang)
    return number_text(value, lang)
