"""The report as a whole: who reports, the prose sections, and the three tables."""

from __future__ import annotations

import datetime as _dt
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from .enums import ByEdition, Disposition, Edition, OrganKind, OrganLevel
from .meta import ValueKind, cell, part
from .proactive import (
    TABLE_2_CLASSES,
    ProactiveDisclosure,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
)
from .requests import ApplicantRow, OtherOutcomes, Requests
from .reviews import ReviewsAndLitigation

__all__ = ["EDITION_PARTS", "AnnualReport", "Narrative", "Organ", "part_class"]


@attrs.frozen(kw_only=True)
class Organ:
    """The reporting organ (机关)."""

    name: str = cell(ValueKind.NAME, label_zh="机关名称", title="Organ name")
    kind: OrganKind | None = cell(
        ValueKind.ENUM, label_zh="机关类型", title="Organ kind", enum=OrganKind, optional=True
    )
    level: OrganLevel | None = cell(
        ValueKind.ENUM,
        label_zh="行政层级",
        title="Administrative level",
        enum=OrganLevel,
        optional=True,
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

    edition: Edition = cell(
        ValueKind.ENUM, label_zh="格式版本", title="Format edition", enum=Edition
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
