"""Mapping-style access to the count columns of one table row (Table 三 rows, Table 四 groups)."""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import attrs

from .enums import LabelledEnum

__all__ = ["Columns", "SupportsItems"]

TOTAL_KEY = "total"

K = TypeVar("K", bound=str)
K_co = TypeVar("K_co", covariant=True)
V_co = TypeVar("V_co", covariant=True)


class SupportsItems(Protocol[K_co, V_co]):
    """What the constructors take for a mapping: anything with ``items()``.

    Unlike :class:`~collections.abc.Mapping` it is covariant in the key, so a
    ``dict[Disposition, ApplicantRow]`` is accepted where rows are keyed by member or code.
    """

    def items(self) -> Set[tuple[K_co, V_co]]: ...


_KEYS: dict[type, tuple[Any, ...]] = {}


def _keys(cls: type) -> tuple[Any, ...]:
    keys = _KEYS.get(cls)
    if keys is None:
        enum_cls: type[LabelledEnum] = cls._enum  # type: ignore[attr-defined]
        by_code = {m.code: m for m in enum_cls}
        keys = _KEYS[cls] = tuple(by_code.get(a.name, a.name) for a in attrs.fields(cls))
    return keys


class Columns(Generic[K]):
    """A row whose columns are its attrs fields: ``row[column]``, iteration, ``dict(row)``.

    A column is named by its enum member (:class:`~disclosure_model.ApplicantType`,
    :class:`~disclosure_model.ReviewOutcome`), that member's code, or ``"total"``. An unknown
    column raises :class:`KeyError` naming the columns there are. Iterating yields the column
    names in the form's order (the enum members, then ``"total"``), as iterating a mapping yields
    its keys; :meth:`items` gives ``(column, count)`` pairs.
    """

    __slots__ = ()
    _enum: ClassVar[type[LabelledEnum]]
    _table: ClassVar[str]

    def _key(self, column: object) -> str:
        if isinstance(column, str):
            key = str(column)
            if key in attrs.fields_dict(type(self)):  # type: ignore[arg-type]
                return key
        known = ", ".join(str(k) for k in _keys(type(self)))
        raise KeyError(f"{column!r} is not a column of {self._table} (the columns: {known})")

    def __getitem__(self, column: K | str) -> int:
        """The count in ``column`` (an enum member, its code, or ``"total"``); else KeyError."""
        value: int = getattr(self, self._key(column))
        return value

    def __contains__(self, column: object) -> bool:
        try:
            self._key(column)
        except KeyError:
            return False
        return True

    def keys(self) -> tuple[K, ...]:
        """The columns in the form's order: the enum members, then ``"total"``."""
        return _keys(type(self))

    def __iter__(self) -> Iterator[K]:
        return iter(_keys(type(self)))

    def __len__(self) -> int:
        return len(_keys(type(self)))

    def values(self) -> tuple[int, ...]:
        """The counts in the form's order (总计 last)."""
        return tuple(getattr(self, str(k)) for k in _keys(type(self)))

    def items(self) -> tuple[tuple[K, int], ...]:
        """``(column, count)`` pairs in the form's order (总计 last)."""
        return tuple((k, getattr(self, str(k))) for k in _keys(type(self)))
