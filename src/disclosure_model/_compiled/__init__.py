"""Code generated from the model's declarations for the editions this release declares, committed.

The fast paths generate plain Python from the model's metadata and the sum rules' declarations
(:mod:`disclosure_model._typed`, :mod:`disclosure_model._fastpath`). Generating and compiling that
source costs a process a good part of its first validation, so for the declared editions it is
generated once, like the JSON schemas, and committed here: a process imports byte code instead.

- ``typed_<edition>``: the msgspec struct types and the verifier of a report of the edition
  (:func:`disclosure_model._typed.reader_source`);
- ``sums_<edition>``: the function that evaluates every single-report sum check, and the number of
  checks per rule (:func:`disclosure_model._fastpath.sums_source`).

An edition registered at run time has no module here: the same source is generated and executed
at its first use. Regenerate the files with ``python -m disclosure_model._compiled``;
``tests/test_compiled.py`` fails while a committed file differs from what generation gives.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from ..enums import DECLARED_EDITIONS, Edition

__all__ = ["KINDS", "REGENERATE", "committed", "generated_files", "main"]

REGENERATE = "python -m disclosure_model._compiled"
"""The command that regenerates the committed modules."""

KINDS = ("typed", "sums")
"""The kinds of committed module, one of each per declared edition."""


def committed(kind: str, edition: Edition) -> ModuleType | None:
    """The committed ``kind`` module of ``edition``; ``None`` for an edition registered at run
    time (its code is generated at first use)."""
    if edition.value not in DECLARED_EDITIONS:
        return None
    return importlib.import_module(f"{__name__}.{kind}_{edition.value}")


def generated_files() -> dict[str, str]:
    """Every committed file's name and the text generation gives it now."""
    from .._fastpath import sums_source
    from .._typed import reader_source

    files: dict[str, str] = {}
    for code in DECLARED_EDITIONS:
        assert code.isidentifier() or code.isdigit(), code  # a module name's part
        edition = Edition(code)
        files[f"typed_{code}.py"] = reader_source(edition)
        files[f"sums_{code}.py"] = sums_source(edition)
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the committed files (``--check``: exit 1, naming them, if any is out of date)."""
    from pathlib import Path  # the command only: a validation does not load pathlib

    args = sys.argv[1:] if argv is None else list(argv)
    check = args == ["--check"]
    if args and not check:
        print(f"usage: {REGENERATE} [--check]", file=sys.stderr)
        return 2
    here = Path(__file__).resolve().parent
    stale = []
    for name, text in generated_files().items():
        path = here / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"out of date: {path}" if check else path, file=sys.stderr if check else sys.stdout)
    return 1 if check and stale else 0
