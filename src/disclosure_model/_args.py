"""Checks of the arguments of public functions: a wrong type is a ``TypeError`` naming it."""

from __future__ import annotations

import os
from typing import Any

__all__ = ["items", "require", "require_path", "require_source"]


def require(value: Any, types: type | tuple[type, ...], function: str, parameter: str) -> None:
    """Raise ``TypeError`` unless ``value`` is an instance of ``types``."""
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _tuple(types)):
        names = " or ".join(t.__name__ for t in _tuple(types))
        raise TypeError(
            f"{function}() argument {parameter!r} must be {names}, not {type(value).__name__}"
        )


def items(value: Any, kind: type, function: str, parameter: str) -> list[Any]:
    """The items of an iterable argument, each an instance of ``kind``; else ``TypeError``."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(
            f"{function}() argument {parameter!r} must be an iterable of {kind.__name__}, "
            f"not {type(value).__name__}"
        )
    listed = list(value)
    for item in listed:
        require(item, kind, function, parameter)
    return listed


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def require_path(value: Any, function: str, parameter: str = "path") -> None:
    """A file path: ``str`` or :class:`os.PathLike` (not a file descriptor, not ``bytes``)."""
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(
            f"{function}() argument {parameter!r} must be str or os.PathLike, "
            f"not {type(value).__name__}"
        )


def require_source(value: Any, function: str) -> None:
    """The optional ``source`` name of a document: ``str`` or ``None``."""
    if value is not None and not isinstance(value, str):
        raise TypeError(
            f"{function}() argument 'source' must be str or None, not {type(value).__name__}"
        )
