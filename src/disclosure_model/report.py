"""The report as a whole: who reports, the prose sections, and the three tables."""

from __future__ import annotations

import datetime as _dt
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

import attrs

from .enums import (
    ApplicantType,
    ByEdition,
    Disposition,
    Edition,
    OrganKind,
    OrganLevel,
    ReviewOutcome,
)
from .meta import _INLINED, ValueKind, cell, cell_options, part, to_enum
from .proactive import (
    TABLE_2_CLASSES,
    ProactiveDisclosure,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
)
from .requests import ApplicantRow, OtherOutcomes, Requests
from .reviews import ReviewsAndLitigation

if TYPE_CHECKING:
    from .enums import Disposition, Proceeding, RequestsRow

__all__ = [
    "EDITION_PARTS",
    "AnnualReport",
    "CellValue",
    "ColumnName",
    "Narrative",
    "Organ",
    "RowName",
    "part_class",
]

CellValue = int | Decimal
"""The value of one cell: a count (``int``) or an amount in 万元 (``Decimal``; ``int`` is taken)."""

RowName = typing.Union["Disposition", "RequestsRow", "Proceeding", str]
"""A row of the form: a :class:`Disposition` or :class:`RequestsRow` (Table 三), a
:class:`Proceeding` (Table 四), or a code, row id or Table 二 row key (``"not_held"``,
``"R3.4.1"``, ``"G1"``, ``"administrative_licensing"``, ``"B5.1"``)."""

ColumnName = ApplicantType | ReviewOutcome | str
"""A column of the form: an :class:`ApplicantType` (Table 三), a :class:`ReviewOutcome`
(Table 四), their codes, ``"total"``, or a Table 二 column key (``"decisions"``)."""


# Named converters: type checkers read what ``__init__`` accepts from them (a code or a member).
def _organ_kind(value: OrganKind | str | None) -> OrganKind | None:
    return None if value is None else to_enum(OrganKind, value)


def _organ_level(value: OrganLevel | str | None) -> OrganLevel | None:
    return None if value is None else to_enum(OrganLevel, value)


def _edition(value: Edition | str) -> Edition:
    return to_enum(Edition, value)


# The fast readers turn codes into members themselves (the same conversion): see meta._INLINED.
for _converter in (_organ_kind, _organ_level, _edition):
    setattr(_converter, _INLINED, True)


@attrs.frozen(kw_only=True)
class Organ:
    """The reporting organ (机关)."""

    name: str = cell(ValueKind.NAME, label_zh="机关名称", title="Organ name")
    kind: OrganKind | None = attrs.field(
        default=None,
        converter=_organ_kind,
        **cell_options(ValueKind.ENUM, label_zh="机关类型", title="Organ kind", enum=OrganKind),
    )
    level: OrganLevel | None = attrs.field(
        default=None,
        converter=_organ_level,
        **cell_options(
            ValueKind.ENUM, label_zh="行政层级", title="Administrative level", enum=OrganLevel
        ),
    )
    division_code: str | None = cell(
        ValueKind.DIVISION_CODE,
        label_zh="行政区划代码",
        title="Administrative division code (GB/T 2260)",
        optional=True,
    )


@attrs.frozen(kw_only=True)
class Narrative:
    """The prose sections 一, 五 and 六."""

    overview: str | None = cell(
        ValueKind.TEXT, label_zh="总体情况", ordinal="一、", title="Overview", optional=True
    )
    problems_and_improvements: str | None = cell(
        ValueKind.TEXT,
        label_zh="存在的主要问题及改进情况",
        ordinal="五、",
        title="Main problems and improvements",
        optional=True,
    )
    other_matters: str | None = cell(
        ValueKind.TEXT,
        label_zh="其他需要报告的事项",
        ordinal="六、",
        title="Other matters to report",
        optional=True,
    )


@attrs.frozen(kw_only=True)
class AnnualReport:
    """One 政府信息公开工作年度报告.

    ``edition`` names the format the tables follow; Table 二 and row group （六） of Table 三
    must have that edition's shape. Nothing else about consistency is checked on construction:
    use :func:`disclosure_model.check` for the rules of the form.
    """

    edition: Edition = attrs.field(
        converter=_edition,
        **cell_options(ValueKind.ENUM, label_zh="格式版本", title="Format edition", enum=Edition),
    )
    year: int = cell(ValueKind.YEAR, label_zh="统计年度", title="Report year")
    organ: Organ = part(Organ, label_zh="机关", title="Reporting organ")
    published_on: _dt.date | None = cell(
        ValueKind.DATE, label_zh="发布日期", title="Publication date", optional=True
    )
    source_url: str | None = cell(
        ValueKind.TEXT, label_zh="来源网址", title="Source URL", optional=True
    )
    narrative: Narrative | None = part(
        Narrative, label_zh="正文", title="Prose sections", optional=True
    )
    proactive_disclosure: ProactiveDisclosure = part(
        (ProactiveDisclosure2019, ProactiveDisclosure2021),
        label_zh="主动公开政府信息情况",
        ordinal="二、",
        title="Proactive disclosure",
        citation="条例 第二十条",
    )
    requests: Requests = part(
        Requests,
        label_zh="收到和处理政府信息公开申请情况",
        ordinal="三、",
        title="Requests received and handled",
    )
    reviews_and_litigation: ReviewsAndLitigation = part(
        ReviewsAndLitigation,
        label_zh="政府信息公开行政复议、行政诉讼情况",
        ordinal="四、",
        title="Administrative review and litigation",
    )

    def __attrs_post_init__(self) -> None:
        mismatch = edition_mismatches(self.edition, self.proactive_disclosure, self.requests)
        if mismatch:
            raise ValueError("; ".join(message for _, message in mismatch))

    @classmethod
    def blank(
        cls,
        edition: Edition | str,
        year: int,
        organ: Organ | str,
        *,
        published_on: _dt.date | None = None,
        source_url: str | None = None,
        narrative: Narrative | None = None,
    ) -> AnnualReport:
        """A report of ``edition`` with every table present and every cell 0.

        ``organ`` is an :class:`Organ` or just its name. Fill it with :meth:`with_cell`::

            report = AnnualReport.blank("2021", 2023, Organ(name="某局", kind="department"))
            report = report.with_cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON, 3,
                                      update_totals=True)

        :param edition: an :class:`~disclosure_model.Edition` or its code
        :param year: the report year
        :param organ: the reporting organ, or just its name
        :param published_on: the publication date
        :param source_url: where the report was published
        :param narrative: the prose sections
        """
        from .building import zero_table

        chosen = Edition(edition)
        return cls(
            edition=chosen,
            year=year,
            organ=Organ(name=organ) if isinstance(organ, str) else organ,
            published_on=published_on,
            source_url=source_url,
            narrative=narrative,
            proactive_disclosure=zero_table(TABLE_2_CLASSES[chosen], chosen),
            requests=zero_table(Requests, chosen),
            reviews_and_litigation=zero_table(ReviewsAndLitigation, chosen),
        )

    @overload
    def with_cell(
        self, pointer: str, value: CellValue, /, *, update_totals: bool = False
    ) -> AnnualReport: ...

    @overload
    def with_cell(
        self, row: RowName, column: ColumnName, value: CellValue, /, *, update_totals: bool = False
    ) -> AnnualReport: ...

    def with_cell(self, *args: Any, update_totals: bool = False) -> AnnualReport:
        """A copy of this report with one cell changed, named as in the form or by JSON Pointer.

        ``report.with_cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON, 3)`` or
        ``report.with_cell("/requests/outcomes/unavailable/not_held/natural_person", 3)``. Rows
        and columns are enum members, their codes or row ids (``"R3.4.1"``, ``"G1"``,
        ``"B5.1"``), Table 二 rows and columns by key; see :data:`RowName`, :data:`ColumnName`.
        A pointer may name any value of the report (``"/organ/name"``).

        With ``update_totals=True`` the totals that depend on the cell are recomputed too, as the
        sum rules of the form declare them: the row's 总计, R3.7 （七）总计 for an outcome row, a
        Table 四 group's 总计. Balances are not: R4 = R1 + R2 − R3.7 is for the author to make
        hold (:func:`disclosure_model.check` reports it). The report is frozen: this returns a
        new one, sharing every part that did not change. Raises :class:`KeyError` for a row,
        column or key that this report's edition does not have, and :class:`TypeError` or
        :class:`ValueError` for a value the cell does not accept.

        :param args: ``(pointer, value)`` or ``(row, column, value)``
        :param update_totals: also recompute the totals that depend on the cell
        """
        from .building import cell_path, check_path, parse_pointer, recompute_totals, set_cells

        if len(args) == 2 and isinstance(args[0], str) and args[0].startswith("/"):
            path = parse_pointer(args[0])
            check_path(self, path, args[0])
        elif len(args) == 3:
            path = cell_path(self, args[0], args[1])
        else:
            raise TypeError(
                "with_cell takes (row, column, value) or (pointer, value); "
                f"got {len(args)} positional arguments"
            )
        value = args[-1]
        changed = set_cells(self, {path: value})
        if update_totals:
            changed = recompute_totals(changed, self.edition, changed=[path], keep=[path])
        return changed

    def with_totals(self) -> AnnualReport:
        """A copy with every total recomputed from its parts, as the sum rules declare them.

        Row totals (总计 of each Table 三 row), R3.7 （七）总计 and the Table 四 group totals;
        not the balance R4 = R1 + R2 − R3.7, nor anything across years.
        """
        from .building import recompute_totals

        return recompute_totals(self, self.edition)


# The generated readers state this post-init's check (each edition reads its own part classes),
# so they need not call it; one put in its place is called (see _fastpath.invariants).
setattr(AnnualReport.__attrs_post_init__, _INLINED, True)


EDITION_PARTS: tuple[tuple[tuple[str, ...], Mapping[Edition, type], str], ...] = (
    (("proactive_disclosure",), TABLE_2_CLASSES, "Table 二"),
    (
        ("requests", "outcomes", "other"),
        ByEdition(
            (ApplicantRow, Disposition.OTHER.available),
            (OtherOutcomes, Disposition.NO_CORRECTION.available),
        ),
        "（六）其他处理",
    ),
)
"""The parts whose class depends on the edition: key path, class per edition, name on the form.

Each class per edition is a :class:`~disclosure_model.enums.ByEdition` mapping computed from the
availability of its variants, so it covers every edition of the registry.
"""


def edition_mismatches(
    edition: Edition, proactive_disclosure: object, requests: Requests | Any
) -> list[tuple[str, str]]:
    """``(pointer, message)`` for each edition-dependent part whose shape is not ``edition``'s."""
    found: list[tuple[str, str]] = []
    root = {"proactive_disclosure": proactive_disclosure, "requests": requests}
    for path, classes, name in EDITION_PARTS:
        value: Any = root[path[0]]
        for key in path[1:]:
            value = getattr(value, key, None)
        if value is not None and not isinstance(value, classes[edition]):
            found.append(
                (
                    "/" + "/".join(path),
                    f"{name} has the shape of another edition, but edition is {edition.value}",
                )
            )
    return found


def part_class(attribute: attrs.Attribute[Any], edition: Edition) -> type:
    """The class of a nested table or row field in a report of ``edition``.

    Resolves the two fields whose class depends on the edition (``proactive_disclosure`` and
    ``requests.outcomes.other``) and optional fields (``Narrative | None`` → ``Narrative``).
    """
    annotation = attribute.type
    if isinstance(annotation, type):
        return annotation
    classes = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(classes) == 1:
        found: type = classes[0]
        return found
    for _, by_edition, _ in EDITION_PARTS:
        if set(classes) == set(by_edition.values()):
            return by_edition[edition]
    raise TypeError(f"{attribute.name}: no class for {annotation!r} in edition {edition.value}")


def _resolve_field_types(cls: type, seen: set[type]) -> None:
    """Resolve the string annotations of ``cls`` and of every model class below it."""
    if cls in seen or not attrs.has(cls):
        return
    seen.add(cls)
    attrs.resolve_types(cls)
    for attribute in attrs.fields(cls):
        for inner in (*typing.get_args(attribute.type), attribute.type):
            if isinstance(inner, type):
                _resolve_field_types(inner, seen)


# ``attrs.fields(cls).name.type`` is a class, not a string, for every class of the model, whichever
# module a program imports first (readers of the metadata — the codec, the reference pages — rely
# on it).
_resolve_field_types(AnnualReport, set())
