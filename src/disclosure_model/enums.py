"""Bilingual enumerations of the form.

Every member's *value* is a stable English code (the string used in JSON). Each member also
carries the official Chinese label (``label_zh``), the ordinal as printed on the form
(``ordinal``, e.g. ``"（三）"`` or ``"1."``; empty where the form prints none) and an English
title (``title_en``). Members compare equal to their code (they are ``str`` subclasses), so
``Edition("2021") is Edition.E2021`` and ``Edition.E2021 == "2021"``.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import enum
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "ALL_EDITIONS",
    "DECLARED_EDITIONS",
    "ApplicantType",
    "Availability",
    "ByEdition",
    "Disposition",
    "DispositionGroup",
    "Edition",
    "LabelledEnum",
    "OrganKind",
    "OrganLevel",
    "Proceeding",
    "RequestsRow",
    "ReviewOutcome",
    "register_edition",
    "registered_edition",
    "unregister_edition",
]


# The attributes a member tuple holds after (code, label_zh, ordinal, title), per enum.
_EXTRA_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "Edition": ("document", "first_year"),
    "ApplicantType": ("group_zh",),
    "Disposition": ("row_id", "group", "available"),
    "Proceeding": ("group_id", "label_group_zh"),
    "RequestsRow": ("row_id",),
}


def _member(cls: type, code: str, label_zh: str, ordinal: str, title: str, *extra: Any) -> Any:
    member: Any = str.__new__(cls, code)
    member._value_ = code
    member.label_zh = label_zh
    member.ordinal = ordinal
    member.title_en = title
    names = _EXTRA_ATTRIBUTES.get(cls.__name__, ())
    if len(names) != len(extra):
        raise TypeError(f"{cls.__name__} member {code!r} needs {names}, got {extra!r}")
    for name, value in zip(names, extra, strict=True):
        setattr(member, name, value)
    return member


class LabelledEnum(str, enum.Enum):
    """Base of the bilingual enums: an English code as value, plus label, ordinal and title."""

    label_zh: str
    ordinal: str
    title_en: str

    if TYPE_CHECKING:  # what type checkers see: members are looked up by their code

        def __new__(cls, value: str) -> Self: ...

    else:  # how members are built: (code, label_zh, ordinal, title, *_EXTRA_ATTRIBUTES)

        def __new__(cls, code, label_zh, ordinal, title, *extra):
            return _member(cls, code, label_zh, ordinal, title, *extra)

    def __str__(self) -> str:
        return str(self.value)

    @property
    def code(self) -> str:
        """The stable English code (the JSON value)."""
        return str(self.value)

    @property
    def printed_label(self) -> str:
        """The label as the form prints it, with its ordinal (``（三）不予公开``)."""
        return f"{self.ordinal}{self.label_zh}"


class Edition(LabelledEnum):
    """An official edition of the report format: the registry of editions.

    Editions are declared here, oldest first, each with its format document and the first report
    year it covers; everything else is derived. They are ordered (``Edition.E2019 <
    Edition.E2021``) by their place in this declaration; an edition covers the years from its
    ``first_year`` to the year before the next edition's (``last_year``, ``None`` for the newest).
    What differs between editions is declared as an
    :class:`~disclosure_model.enums.Availability` ("since"/"until" an edition) where it is
    defined: the outcome rows (:class:`Disposition`), the edition-dependent parts of the report
    (``disclosure_model.report.EDITION_PARTS``) and the rules
    (``disclosure_model.rules.CATALOGUE``). Whatever is not declared otherwise applies to every
    edition, a future one included.
    """

    document: str
    first_year: int

    E2019 = (
        "2019",
        "中华人民共和国政府信息公开工作年度报告格式（试行）",
        "",
        "Annual report format (trial), 2019 edition",
        "国办公开办函〔2019〕60号",
        2019,
    )
    E2021 = (
        "2021",
        "中华人民共和国政府信息公开工作年度报告格式",
        "",
        "Annual report format, 2021 edition",
        "国办公开办函〔2021〕30号",
        2021,
    )

    @property
    def position(self) -> int:
        """The place of this edition in the registry, oldest first (0 for the first)."""
        return type(self)._member_names_.index(self._name_)

    @property
    def last_year(self) -> int | None:
        """The last report year this edition covers (``None`` while it is the newest)."""
        names = type(self)._member_names_
        index = names.index(self._name_)
        if index + 1 == len(names):
            return None
        return type(self)[names[index + 1]].first_year - 1

    @classmethod
    def for_year(cls, year: int) -> Edition:
        """The edition in force for reports of ``year`` (from the years each edition covers).

        :param year: the report year
        """
        members = cls._member_map_
        for name in reversed(cls._member_names_):
            edition: Edition = members[name]  # type: ignore[assignment]
            if edition.first_year <= year:
                return edition
        first = next(iter(cls)).first_year
        raise ValueError(f"no official edition covers report year {year} ({first} onward)")

    def covers(self, year: int) -> bool:
        """Whether this edition is the one in force for reports of ``year``.

        :param year: the report year
        """
        last = self.last_year
        return self.first_year <= year and (last is None or year <= last)

    def _compare(self, other: object) -> int | None:
        if isinstance(other, Edition):
            return self.position - other.position
        if isinstance(other, str) and other in type(self)._value2member_map_:
            return self.position - Edition(other).position
        return None

    def __lt__(self, other: object) -> bool:
        order = self._compare(other)
        return NotImplemented if order is None else order < 0

    def __le__(self, other: object) -> bool:
        order = self._compare(other)
        return NotImplemented if order is None else order <= 0

    def __gt__(self, other: object) -> bool:
        order = self._compare(other)
        return NotImplemented if order is None else order > 0

    def __ge__(self, other: object) -> bool:
        order = self._compare(other)
        return NotImplemented if order is None else order >= 0

    __hash__ = LabelledEnum.__hash__


DECLARED_EDITIONS: tuple[str, ...] = tuple(Edition._value2member_map_)
"""The codes of the editions this release declares (oldest first); others were registered at
run time with :func:`register_edition`."""


def register_edition(
    code: str,
    *,
    first_year: int,
    document: str,
    label_zh: str,
    title_en: str,
) -> Edition:
    """Add an edition after the newest one to the registry, and return its new member.

    For an edition the library does not declare yet: a format published after this release whose
    tables are those of the newest edition. It is read, written, checked and generated for like
    the declared ones: the edition-dependent parts (``disclosure_model.report.EDITION_PARTS``),
    the outcome rows (:class:`Disposition`) and the rules (``disclosure_model.rules.CATALOGUE``)
    each declare the editions they exist in as an :class:`Availability` ("since"/"until" an
    edition), so the new edition has every part, row and rule of the newest edition but those
    declared "until" an earlier one. The newest edition so far then covers the years up to
    ``first_year - 1``, and :meth:`~disclosure_model.Edition.for_year` gives the new one from
    ``first_year`` on. The member is ``Edition(code)``, ``Edition["E" + code]`` and
    ``Edition.E<code>``.

    Register editions when your program starts, before reading reports: what was computed for
    the registry before (``Edition.E2021.last_year``, a report's edition for its year) changes.
    The shipped JSON Schema files cover the declared editions only;
    :func:`disclosure_model.schema.generate` gives a registered edition's schema. Tables of a new
    shape need classes of the model, which only a release of the library declares. For a
    registration that ends, see :func:`registered_edition`.

    A code removed with :func:`unregister_edition` may be registered again with the same
    declaration only: what was computed for the edition is kept by its code.

    Raises :class:`ValueError` when ``code`` is taken or not a valid code, or registered before
    with another declaration, or when ``first_year``
    is not after the newest edition's first year (or after 9999), :class:`TypeError` when
    ``code`` is not a ``str`` or ``first_year`` not an ``int``.

    :param code: the edition's code, its JSON value (``"2027"``): ASCII letters, digits, ``_``
    :param first_year: the first report year the edition covers
    :param document: the document that publishes the format (its number, ``国办公开办函〔…〕…号``)
    :param label_zh: the format's official Chinese title
    :param title_en: an English title
    """
    if type(code) is not str:
        raise TypeError(f"an edition code is a str, not {type(code).__name__}")
    if not code.isascii() or not code.replace("_", "").isalnum():
        raise ValueError(f"an edition code is ASCII letters, digits and '_', not {code!r}")
    name = f"E{code}"
    if code in Edition._value2member_map_ or name in Edition.__dict__:
        raise ValueError(f"edition {code!r} is registered already")
    if type(first_year) is not int:
        raise TypeError(f"first_year is an int, not {type(first_year).__name__}")
    if first_year > _dt.MAXYEAR:
        raise ValueError(
            f"first_year {first_year} is after {_dt.MAXYEAR}, the last year a date holds"
        )
    newest = list(Edition)[-1]
    if first_year <= newest.first_year:
        raise ValueError(
            f"edition {code!r} must begin after the newest edition, {newest.value}, which "
            f"begins in {newest.first_year}: editions are added after the last (first_year "
            f"{first_year})"
        )
    declared = (first_year, document, label_zh, title_en)
    if _DECLARATIONS.setdefault(code, declared) != declared:
        raise ValueError(
            f"edition {code!r} was registered before with another declaration, and what was "
            f"computed for it then is kept: give a new declaration a new code"
        )
    member: Any = _member(Edition, code, label_zh, "", title_en, document, first_year)
    member._name_ = name
    member.__objclass__ = Edition
    member._sort_order_ = len(Edition._member_names_)
    # The registry's own tables, changed in place: readers hold on to them (see _fastpath).
    type.__setattr__(Edition, name, member)
    Edition._member_map_[name] = member
    Edition._member_names_.append(name)
    Edition._value2member_map_[code] = member
    try:
        _covered(member)
    except Exception:
        unregister_edition(member)
        raise
    return member  # type: ignore[no-any-return]


# Every code registered at run time, with its declaration: what the library computed for an
# edition (compiled checks, structure hooks) is kept by its code, so a code returns only as it was.
_DECLARATIONS: dict[str, tuple[int, str, str, str]] = {}


def _covered(edition: Edition) -> None:
    """Raise ValueError if an edition-dependent part or Table 三 has nothing for ``edition``."""
    from .report import EDITION_PARTS  # the model imports this module

    for _, classes, name in EDITION_PARTS:
        if edition not in classes:
            raise ValueError(f"no class of {name} is declared for edition {edition.value}")
    if not Disposition.for_edition(edition):
        raise ValueError(f"no outcome row of Table 三 is declared for edition {edition.value}")


def unregister_edition(edition: Edition | str) -> None:
    """Remove an edition added with :func:`register_edition`; it must be the newest.

    The declared editions cannot be removed (:class:`ValueError`). Values computed while it was
    registered (a report of it, a result naming it) keep the old member.

    :param edition: the member, or its code
    """
    member = Edition(edition)
    if member.value in DECLARED_EDITIONS:
        raise ValueError(f"edition {member.value} is declared by the library: it is not removed")
    if Edition._member_names_[-1] != member.name:
        raise ValueError(f"edition {member.value} is not the newest: remove the newer ones first")
    Edition._member_names_.pop()
    del Edition._member_map_[member.name]
    del Edition._value2member_map_[member.value]
    type.__delattr__(Edition, member.name)


@contextlib.contextmanager
def registered_edition(
    code: str,
    *,
    first_year: int,
    document: str,
    label_zh: str,
    title_en: str,
) -> Iterator[Edition]:
    """:func:`register_edition` for the ``with`` block only (in tests, or to try a draft format).

    Yields the new member, and removes it when the block ends, however it ends::

        with registered_edition("2099", first_year=2099, document="…", label_zh="…",
                                title_en="…") as edition:
            report = AnnualReport.blank(edition, 2099, "某局")

    :param code: the edition's code, its JSON value
    :param first_year: the first report year the edition covers
    :param document: the document that publishes the format
    :param label_zh: the format's official Chinese title
    :param title_en: an English title
    """
    member = register_edition(
        code, first_year=first_year, document=document, label_zh=label_zh, title_en=title_en
    )
    try:
        yield member
    finally:
        unregister_edition(member)


def _edition(value: Edition | str | None) -> Edition | None:
    return None if value is None else Edition(value)


@attrs.frozen
class Availability:
    """The editions something exists in: ``since`` an edition and/or ``until`` one (inclusive).

    ``Availability()`` is every edition, present and future; ``Availability(since=Edition.E2021)``
    the 2021 edition and every later one; ``Availability(until=Edition.E2019)`` the 2019 edition
    and earlier ones. The list of editions is computed from the registry, never spelled out.
    """

    since: Edition | None = attrs.field(default=None, converter=_edition)
    until: Edition | None = attrs.field(default=None, converter=_edition)

    def includes(self, edition: Edition | str) -> bool:
        """Whether ``edition`` (a member or its code) is within this availability.

        :param edition: an :class:`~disclosure_model.Edition` or its code
        """
        if self.since is None and self.until is None:
            return True
        position = (edition if isinstance(edition, Edition) else Edition(edition)).position
        if self.since is not None and position < self.since.position:
            return False
        return self.until is None or position <= self.until.position

    @property
    def editions(self) -> tuple[Edition, ...]:
        """The editions of the registry within this availability, oldest first."""
        return tuple(e for e in Edition if self.includes(e))

    @property
    def is_all(self) -> bool:
        """Whether this is every edition (nothing excluded)."""
        return self.since is None and self.until is None

    def describe(self) -> str:
        """``the 2019 edition``, ``the 2021, 2024 editions``: for messages and skip reasons."""
        codes = [e.value for e in self.editions]
        return f"the {', '.join(codes)} edition{'s' if len(codes) != 1 else ''}"


ALL_EDITIONS = Availability()
"""Every edition, present and future."""

_T = TypeVar("_T")


class ByEdition(Mapping[Edition, _T], Generic[_T]):
    """One thing per edition, from variants each declared with its availability.

    A mapping from every edition of the registry to the variant available in it, computed on
    lookup (so an edition added later is covered). Raises :class:`KeyError` for an edition no
    variant covers.

    :param variants: ``(value, availability)`` pairs; an edition's value is the first
        available in it
    """

    def __init__(self, *variants: tuple[_T, Availability]) -> None:
        self.variants: tuple[tuple[_T, Availability], ...] = variants
        # Per member: editions are only ever added after the last, so an answer never changes.
        self._found: dict[Edition, tuple[Edition, _T]] = {}

    def __getitem__(self, edition: Edition | str) -> _T:
        chosen = edition if isinstance(edition, Edition) else Edition(edition)
        found = self._found.get(chosen)
        if found is not None and found[0] is chosen:  # not an edition removed since
            return found[1]
        for value, available in self.variants:
            if available.includes(chosen):
                self._found[chosen] = (chosen, value)
                return value
        raise KeyError(edition)

    def __iter__(self) -> Iterator[Edition]:
        return (e for e in Edition if any(a.includes(e) for _, a in self.variants))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"ByEdition({dict(self)!r})"

    def editions_of(self, value: object) -> tuple[Edition, ...]:
        """The editions whose variant is ``value``.

        :param value: one of the variants
        """
        return tuple(e for e in self if self[e] is value)


class ApplicantType(LabelledEnum):
    """The six applicant columns of Table 三 (申请人情况), in the form's order.

    The seventh column, 总计, is not an applicant type; its JSON key is ``total``.
    """

    group_zh: str

    NATURAL_PERSON = ("natural_person", "自然人", "", "Natural person", "")
    COMMERCIAL_ENTERPRISE = (
        "commercial_enterprise",
        "商业企业",
        "",
        "Commercial enterprise",
        "法人或其他组织",
    )
    RESEARCH_INSTITUTION = (
        "research_institution",
        "科研机构",
        "",
        "Research institution",
        "法人或其他组织",
    )
    SOCIAL_WELFARE_ORGANIZATION = (
        "social_welfare_organization",
        "社会公益组织",
        "",
        "Social welfare organization",
        "法人或其他组织",
    )
    LEGAL_SERVICE_ORGANIZATION = (
        "legal_service_organization",
        "法律服务机构",
        "",
        "Legal service organization",
        "法人或其他组织",
    )
    OTHER_ORGANIZATION = ("other_organization", "其他", "", "Other organization", "法人或其他组织")


class DispositionGroup(LabelledEnum):
    """The six outcome groups of Table 三, row 三、本年度办理结果 (（一） to （六）)."""

    DISCLOSED = ("disclosed", "予以公开", "（一）", "Disclosed")
    PARTIALLY_DISCLOSED = (
        "partially_disclosed",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）",
        "Partially disclosed",
    )
    WITHHELD = ("withheld", "不予公开", "（三）", "Withheld")
    UNAVAILABLE = ("unavailable", "无法提供", "（四）", "Cannot be provided")
    NOT_PROCESSED = ("not_processed", "不予处理", "（五）", "Not processed")
    OTHER = ("other", "其他处理", "（六）", "Otherwise handled")


_ALL = ALL_EDITIONS
_UNTIL_2019 = Availability(until=Edition.E2019)
_SINCE_2021 = Availability(since=Edition.E2021)


class Disposition(LabelledEnum):
    """Every outcome row of Table 三: each request is counted in exactly one of them.

    ``row_id`` is the row's stable id (``R3.3.1``), ``group`` its outcome group, ``available``
    the editions that print the row (:class:`~disclosure_model.enums.Availability`; ``editions``
    lists them). ``code`` is
    the row's JSON key inside its group (``outcomes.withheld.state_secret``); ``path`` gives the
    whole key path.
    """

    row_id: str
    group: DispositionGroup
    available: Availability

    DISCLOSED = (
        "disclosed",
        "予以公开",
        "（一）",
        "Disclosed",
        "R3.1",
        DispositionGroup.DISCLOSED,
        _ALL,
    )
    PARTIALLY_DISCLOSED = (
        "partially_disclosed",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）",
        "Partially disclosed (counted here only)",
        "R3.2",
        DispositionGroup.PARTIALLY_DISCLOSED,
        _ALL,
    )
    STATE_SECRET = (
        "state_secret",
        "属于国家秘密",
        "1.",
        "State secret",
        "R3.3.1",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    PROHIBITED_BY_LAW = (
        "prohibited_by_law",
        "其他法律行政法规禁止公开",
        "2.",
        "Prohibited by other laws and administrative regulations",
        "R3.3.2",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    SECURITY_AND_STABILITY = (
        "security_and_stability",
        "危及“三安全一稳定”",
        "3.",
        "Endangers the three securities and stability",
        "R3.3.3",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    THIRD_PARTY_RIGHTS = (
        "third_party_rights",
        "保护第三方合法权益",
        "4.",
        "Protects a third party's lawful rights",
        "R3.3.4",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    INTERNAL_AFFAIRS = (
        "internal_affairs",
        "属于三类内部事务信息",
        "5.",
        "Internal affairs information (three kinds)",
        "R3.3.5",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    PROCESS_INFORMATION = (
        "process_information",
        "属于四类过程性信息",
        "6.",
        "Process information (four kinds)",
        "R3.3.6",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    ENFORCEMENT_CASE_FILES = (
        "enforcement_case_files",
        "属于行政执法案卷",
        "7.",
        "Administrative enforcement case files",
        "R3.3.7",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    ADMINISTRATIVE_INQUIRY = (
        "administrative_inquiry",
        "属于行政查询事项",
        "8.",
        "Administrative inquiry matter",
        "R3.3.8",
        DispositionGroup.WITHHELD,
        _ALL,
    )
    NOT_HELD = (
        "not_held",
        "本机关不掌握相关政府信息",
        "1.",
        "Information not held by this organ",
        "R3.4.1",
        DispositionGroup.UNAVAILABLE,
        _ALL,
    )
    REQUIRES_COMPILATION = (
        "requires_compilation",
        "没有现成信息需要另行制作",
        "2.",
        "No existing information; would have to be compiled",
        "R3.4.2",
        DispositionGroup.UNAVAILABLE,
        _ALL,
    )
    UNCLEAR_AFTER_CORRECTION = (
        "unclear_after_correction",
        "补正后申请内容仍不明确",
        "3.",
        "Request still unclear after correction",
        "R3.4.3",
        DispositionGroup.UNAVAILABLE,
        _ALL,
    )
    PETITION_OR_COMPLAINT = (
        "petition_or_complaint",
        "信访举报投诉类申请",
        "1.",
        "Petition, report or complaint",
        "R3.5.1",
        DispositionGroup.NOT_PROCESSED,
        _ALL,
    )
    DUPLICATE = (
        "duplicate",
        "重复申请",
        "2.",
        "Duplicate request",
        "R3.5.2",
        DispositionGroup.NOT_PROCESSED,
        _ALL,
    )
    PUBLICATION_REQUESTED = (
        "publication_requested",
        "要求提供公开出版物",
        "3.",
        "Request for a public publication",
        "R3.5.3",
        DispositionGroup.NOT_PROCESSED,
        _ALL,
    )
    EXCESSIVE = (
        "excessive",
        "无正当理由大量反复申请",
        "4.",
        "Numerous repeated requests without good reason",
        "R3.5.4",
        DispositionGroup.NOT_PROCESSED,
        _ALL,
    )
    CONFIRMATION_REQUESTED = (
        "confirmation_requested",
        "要求行政机关确认或重新出具已获取信息",
        "5.",
        "Request to confirm or reissue information already obtained",
        "R3.5.5",
        DispositionGroup.NOT_PROCESSED,
        _ALL,
    )
    OTHER = (
        "other",
        "其他处理",
        "（六）",
        "Otherwise handled",
        "R3.6",
        DispositionGroup.OTHER,
        _UNTIL_2019,
    )
    NO_CORRECTION = (
        "no_correction",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.",
        "Applicant did not correct in time; request no longer processed",
        "R3.6.1",
        DispositionGroup.OTHER,
        _SINCE_2021,
    )
    FEE_UNPAID = (
        "fee_unpaid",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.",
        "Applicant did not pay the fee in time; request no longer processed",
        "R3.6.2",
        DispositionGroup.OTHER,
        _SINCE_2021,
    )
    OTHER_OTHER = (
        "other_other",
        "其他",
        "3.",
        "Other",
        "R3.6.3",
        DispositionGroup.OTHER,
        _SINCE_2021,
    )

    @property
    def key(self) -> str:
        """The row's JSON key inside its group (``other`` for R3.6.3)."""
        return "other" if self is Disposition.OTHER_OTHER else self.code

    @property
    def path(self) -> tuple[str, ...]:
        """The row's key path from ``requests``: ``("outcomes", "withheld", "state_secret")``."""
        if (
            self.group.code == self.code
        ):  # a group that is itself a row: （一）, （二）, 2019 （六）
            return ("outcomes", self.code)
        return ("outcomes", self.group.code, self.key)

    @property
    def editions(self) -> tuple[Edition, ...]:
        """The editions that print this row, oldest first."""
        return self.available.editions

    def in_edition(self, edition: Edition | str) -> bool:
        """Whether the given edition prints this row.

        :param edition: an :class:`~disclosure_model.Edition` or its code (``"2019"``, ``"2021"``)
        """
        return self.available.includes(edition)

    @classmethod
    def for_edition(cls, edition: Edition | str) -> tuple[Disposition, ...]:
        """The outcome rows of an edition, in the form's order.

        :param edition: an :class:`~disclosure_model.Edition` or its code (``"2019"``, ``"2021"``)
        """
        return tuple(d for d in cls if d.in_edition(edition))


class ReviewOutcome(LabelledEnum):
    """The four result columns of each Table 四 group (总计 is the fifth, key ``total``)."""

    UPHELD = ("upheld", "结果维持", "", "Upheld")
    CORRECTED = ("corrected", "结果纠正", "", "Corrected")
    OTHER = ("other", "其他结果", "", "Other result")
    PENDING = ("pending", "尚未审结", "", "Pending")


class Proceeding(LabelledEnum):
    """The three column groups of Table 四."""

    group_id: str
    label_group_zh: str

    ADMINISTRATIVE_REVIEW = (
        "administrative_review",
        "行政复议",
        "",
        "Administrative review",
        "G1",
        "行政复议",
    )
    LITIGATION_WITHOUT_REVIEW = (
        "litigation_without_review",
        "未经复议直接起诉",
        "",
        "Litigation without prior review",
        "G2",
        "行政诉讼",
    )
    LITIGATION_AFTER_REVIEW = (
        "litigation_after_review",
        "复议后起诉",
        "",
        "Litigation after review",
        "G3",
        "行政诉讼",
    )


class OrganKind(LabelledEnum):
    """What kind of organ reports (decides the statutory deadline, 条例 第四十九条)."""

    GOVERNMENT = ("government", "人民政府", "", "People's government (its own report)")
    DEPARTMENT = ("department", "政府部门或机构", "", "Government department or agency")
    OTHER = ("other", "其他", "", "Other organ")


class OrganLevel(LabelledEnum):
    """The administrative level of the organ."""

    NATIONAL = ("national", "国家级", "", "National")
    PROVINCIAL = ("provincial", "省级", "", "Provincial")
    PREFECTURAL = ("prefectural", "地市级", "", "Prefectural (city)")
    COUNTY = ("county", "县级", "", "County")
    TOWNSHIP = ("township", "乡镇级", "", "Township (乡镇/街道)")


class RequestsRow(LabelledEnum):
    """The Table 三 rows that are not outcome rows: R1, R2, R3.7 and R4.

    Together with :class:`Disposition` they name every data row of Table 三.
    """

    row_id: str

    NEW_RECEIVED = (
        "new_received",
        "本年新收政府信息公开申请数量",
        "一、",
        "New requests received this year",
        "R1",
    )
    CARRIED_OVER = (
        "carried_over",
        "上年结转政府信息公开申请数量",
        "二、",
        "Requests carried over from the previous year",
        "R2",
    )
    OUTCOMES_TOTAL = ("total", "总计", "（七）", "Total of this year's outcomes", "R3.7")
    CARRIED_FORWARD = (
        "carried_forward",
        "结转下年度继续办理",
        "四、",
        "Carried forward to next year",
        "R4",
    )

    @property
    def path(self) -> tuple[str, ...]:
        """The row's key path from the ``requests`` object."""
        return ("outcomes", "total") if self is RequestsRow.OUTCOMES_TOTAL else (self.code,)
