"""Building and changing reports: blank tables, cells by their name in the form, derived totals.

The methods on the model classes (:meth:`AnnualReport.blank <disclosure_model.AnnualReport.blank>`,
:meth:`AnnualReport.with_cell <disclosure_model.AnnualReport.with_cell>`,
:meth:`Requests.zero <disclosure_model.Requests.zero>`, …) are the public interface; this module
holds what they share. Everything is read from the model's own declarations: the zero of a table
from each field's value kind, a cell's place from the enums and the field metadata, and the totals
from the sum rules declared beside each table (:data:`disclosure_model.rules.SUM_RULES`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from .enums import Disposition, Edition, Proceeding, RequestsRow
from .meta import METADATA_KEY, FieldInfo, ValueKind, fields_info
from .report import part_class

__all__ = [
    "cell_path",
    "check_path",
    "dependent_totals",
    "parse_pointer",
    "recompute_totals",
    "set_cells",
    "total_rules",
    "zero_table",
]

T = TypeVar("T")


def zero_table(cls: type[T], edition: Edition) -> T:
    """An instance of the table, row or group class ``cls`` of ``edition`` with every cell 0."""
    values: dict[str, Any] = {}
    for attribute in attrs.fields(cls):  # type: ignore[arg-type]
        info: FieldInfo = attribute.metadata[METADATA_KEY]
        if info.kind is ValueKind.OBJECT:
            values[attribute.name] = zero_table(part_class(attribute, edition), edition)
        elif info.kind.spec.summed:  # a cell: its kind's zero
            values[attribute.name] = info.kind.spec.zero
        else:  # pragma: no cover - tables hold numbers only
            raise TypeError(f"{cls.__name__}.{attribute.name} is not a cell of a table")
    return cls(**values)


# --- cells by path --------------------------------------------------------------------------


def _get(node: Any, path: Iterable[str]) -> Any:
    for key in path:
        node = getattr(node, key)
    return node


def set_cells(root: T, cells: Mapping[tuple[str, ...], Any]) -> T:
    """A copy of the attrs object ``root`` with the values at the given key paths replaced.

    Each nested object on the way is rebuilt once (with :func:`attrs.evolve`, so every
    validator runs); untouched parts are shared with ``root``.
    """
    if not cells:
        return root
    if () in cells:
        replaced: T = cells[()]
        return replaced
    by_key: dict[str, dict[tuple[str, ...], Any]] = {}
    for path, value in cells.items():
        by_key.setdefault(path[0], {})[path[1:]] = value
    changes = {key: set_cells(getattr(root, key), inner) for key, inner in by_key.items()}
    return attrs.evolve(root, **changes)  # type: ignore[misc]


def parse_pointer(pointer: str) -> tuple[str, ...]:
    """The key path of an RFC 6901 JSON Pointer (``"/requests/new_received/total"``)."""
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise KeyError(f"{pointer!r} is not a JSON Pointer (it must start with '/')")
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))


def check_path(root: Any, path: tuple[str, ...], shown: str) -> FieldInfo:
    """The field info of the scalar at ``path`` under ``root``; KeyError when there is none."""
    node: Any = root
    info: FieldInfo | None = None
    for index, key in enumerate(path):
        if not attrs.has(type(node)):
            raise KeyError(f"{shown}: {'/'.join(path[:index])} is a value, not a table or row")
        fields = attrs.fields_dict(type(node))
        if key not in fields:
            known = ", ".join(fields)
            where = "/".join(path[:index]) or "the report"
            raise KeyError(f"{shown}: {where} has no key {key!r} (its keys: {known})")
        info = fields[key].metadata[METADATA_KEY]
        node = getattr(node, key)
    if info is None or info.kind is ValueKind.OBJECT:
        raise KeyError(f"{shown} names a table or row, not a cell")
    return info


def cell_path(report: Any, row: Any, column: Any) -> tuple[str, ...]:
    """The key path of the cell at ``(row, column)`` of a report, named as in the form.

    ``row`` is a :class:`Disposition` or :class:`RequestsRow` (Table 三), a :class:`Proceeding`
    (Table 四), a Table 二 row key (``"administrative_licensing"``) — or the code or row id of any
    of them (``"not_held"``, ``"R3.4.1"``, ``"G1"``, ``"B5.1"``). ``column`` is an
    :class:`ApplicantType`, :class:`ReviewOutcome` or a Table 二 column key, or its code, or
    ``"total"``. Raises :class:`KeyError` for a row or column the report's edition does not have.
    """
    from .requests import requests_row
    from .reviews import proceeding

    if isinstance(row, (Disposition, RequestsRow)):
        path: tuple[str, ...] = ("requests", *row.path)
        report.requests.row(row)  # KeyError for a row of the other edition
    elif isinstance(row, Proceeding):
        path = ("reviews_and_litigation", row.code)
    elif isinstance(row, str):
        table2 = _table2_rows(type(report.proactive_disclosure))
        if row in table2:
            path = ("proactive_disclosure", table2[row])
        else:
            for resolve in (requests_row, proceeding):
                try:
                    member: Any = resolve(row)
                except KeyError:
                    continue
                return cell_path(report, member, column)
            raise KeyError(
                f"{row!r} is not a row of the {report.edition.value} edition: give a Disposition, "
                "RequestsRow or Proceeding, a Table 二 row key, or a code or row id "
                '("not_held", "R3.4.1", "G1", "B5.1")'
            )
    else:
        raise KeyError(f"{row!r} is not a row of the form")
    target = _get(report, path)
    if not isinstance(column, str) or str(column) not in attrs.fields_dict(type(target)):
        known = ", ".join(attrs.fields_dict(type(target)))
        raise KeyError(f"{column!r} is not a column of row {'/'.join(path)} (its columns: {known})")
    return (*path, str(column))


def _table2_rows(cls: type) -> dict[str, str]:
    """Table 二 row names (key and row id) → key."""
    out: dict[str, str] = {}
    for key, info in fields_info(cls).items():
        out[key] = key
        if info.id:
            out[info.id] = key
    return out


# --- totals, derived from the sum rules -------------------------------------------------------


Path = tuple[str, ...]


@functools.cache
def total_rules(edition: Edition) -> tuple[tuple[Path, tuple[Path, ...]], ...]:
    """Every total of ``edition``'s form: ``(target key path, term key paths)``, in order.

    A total is what a declared sum rule says a cell equals when the rule adds plain cells of the
    same report: ``=`` with every term added (row totals T3-2, R3.7 = Σ outcome rows T3-3, the
    Table 四 group totals T4-1). Balances (T3-1: R4 = R1 + R2 − R3.7), inequalities and the
    rules across years are not totals: which of their cells should give way is the author's
    decision, and :func:`disclosure_model.check` reports them. Each total comes after every
    total it is made of; a cell two rules make (R3.7 总计) is listed once, by its first rule.
    """
    from .rules.engine import SUM_RULES
    from .sums import Relation

    made_of: dict[Path, tuple[Path, ...]] = {}
    for rule in SUM_RULES:
        if rule.relation is not Relation.EQ or rule.is_series:
            continue
        if edition not in rule.editions:
            continue
        if any(t.sign != 1 for t in rule.terms):
            continue
        for target, terms in rule.expand(edition):
            key = tuple(target.split("/"))
            made_of.setdefault(key, tuple(tuple(t.path.split("/")) for t in terms))
    ordered: list[tuple[Path, tuple[Path, ...]]] = []
    state: dict[Path, int] = {}

    def visit(node: Path) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:  # pragma: no cover - the declared totals are acyclic
            raise AssertionError(f"the sum rules make {'/'.join(node)} a total of itself")
        state[node] = 1
        for term in made_of[node]:
            if term in made_of:
                visit(term)
        state[node] = 2
        ordered.append((node, made_of[node]))

    for node in made_of:
        visit(node)
    return tuple(ordered)


def dependent_totals(edition: Edition, cell: Path) -> tuple[Path, ...]:
    """The totals that change when ``cell`` changes, directly or through other totals."""
    affected = {cell}
    out: list[Path] = []
    for target, terms in total_rules(edition):
        if target != cell and any(t in affected for t in terms):
            affected.add(target)
            out.append(target)
    return tuple(out)


def recompute_totals(
    obj: T,
    edition: Edition,
    *,
    at: Path = (),
    changed: Iterable[Path] | None = None,
    keep: Iterable[Path] = (),
    within: Path = (),
) -> T:
    """``obj`` (the part of a report at key path ``at``) with its totals recomputed.

    With ``changed`` (key paths relative to ``obj``), only the totals that depend on those
    cells, directly or through other totals; without, every total. Cells in ``keep`` are never
    overwritten, nor totals outside ``within``. The totals are :func:`total_rules`.
    """
    depth = len(at)
    dirty = None if changed is None else set(changed)
    kept = set(keep)
    values: dict[Path, Any] = {}

    def read(path: Path) -> Any:
        return values[path] if path in values else _get(obj, path)

    for target, terms in total_rules(edition):
        if target[:depth] != at or any(t[:depth] != at for t in terms):
            continue
        relative = target[depth:]
        if relative in kept or relative[: len(within)] != within:
            continue
        inputs = [t[depth:] for t in terms]
        if dirty is not None and not any(t in dirty for t in inputs):
            continue
        value = sum(read(t) for t in inputs)
        if value != read(relative):
            values[relative] = value
            if dirty is not None:
                dirty.add(relative)
    return set_cells(obj, values)
