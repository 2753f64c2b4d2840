"""The rule catalogue: every rule's code, name, kind, severity, citation and scope, declared once.

What a rule *computes* is declared beside the model it checks (see :mod:`.declarations`); this
module names the rules, so the checker, the JSON Schema generator (``x-rules``), the command line
(``disclosure-model rules``) and the docs all read one list.
"""

from __future__ import annotations

import enum

import attrs

from ..enums import ALL_EDITIONS, Availability, Edition
from ..findings import Severity

__all__ = ["CATALOGUE", "DOCUMENT", "Rule", "RuleKind", "Scope", "rule", "rules_for_table"]


class RuleKind(str, enum.Enum):
    """Where a rule comes from; decides its severity."""

    PRINTED = "P"  #: printed on the official form
    STATUTE = "S"  #: 条例 (the regulations)
    DEFINITION = "D"  #: follows from the table's definition (a total is the sum of its parts)
    HEURISTIC = "H"  #: plausibility; reported as a warning

    @property
    def severity(self) -> Severity:
        """P, S and D rules are errors; H rules are warnings."""
        return Severity.WARNING if self is RuleKind.HEURISTIC else Severity.ERROR


class Scope(str, enum.Enum):
    """What a rule looks at."""

    REPORT = "report"  #: one report
    SERIES = "series"  #: reports of one organ across years
    AGGREGATE = "aggregate"  #: a parent report and the children it covers


DOCUMENT = "{document}"
"""The placeholder of a citation template for the format document of the report's edition."""


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the catalogue.

    ``tables`` names the parts of the report the rule reads, as top-level JSON keys
    (``requests``, ``proactive_disclosure``, …; ``""`` for the report's own fields);
    ``available`` the editions it applies to (every edition unless declared otherwise; a series
    rule applies where both years' editions are within it). ``citation_template`` may name
    :data:`~disclosure_model.rules.catalogue.DOCUMENT`, the format document of the edition:
    :meth:`citation_for` renders it for one edition, :attr:`citation` for every edition the rule
    applies to.
    """

    code: str
    name: str
    kind: RuleKind
    scope: Scope
    title_en: str
    title_zh: str
    statement: str
    citation_template: str
    tables: tuple[str, ...]
    available: Availability = ALL_EDITIONS

    @property
    def severity(self) -> Severity:
        """The severity of this rule's findings."""
        return self.kind.severity

    @property
    def editions(self) -> tuple[Edition, ...]:
        """The editions the rule applies to, oldest first (computed from ``available``)."""
        return self.available.editions

    def applies_to(self, edition: Edition | str) -> bool:
        """Whether the rule applies to a report of ``edition``.

        :param edition: an :class:`~disclosure_model.Edition` or its code
        """
        return self.available.includes(edition)

    def citation_for(self, edition: Edition | str | None) -> str:
        """The citation for a report of ``edition``, naming that edition's format document.

        Without an edition (``None`` or ``""``), the same as :attr:`citation`.

        :param edition: an :class:`~disclosure_model.Edition` or its code; ``None`` for the
            rule's general citation
        """
        if DOCUMENT not in self.citation_template:
            return self.citation_template
        if not edition:
            return self.citation
        return self.citation_template.replace(DOCUMENT, Edition(edition).document)

    @property
    def citation(self) -> str:
        """The citation, naming the format document of every edition the rule applies to."""
        if DOCUMENT not in self.citation_template:
            return self.citation_template
        documents = "、".join(e.document for e in self.editions)
        return self.citation_template.replace(DOCUMENT, documents)

    @property
    def citations(self) -> dict[Edition, str]:
        """The citation for each edition the rule applies to."""
        return {e: self.citation_for(e) for e in self.editions}

    def skip_reason(self) -> str:
        """Why the rule does not apply to a report of another edition."""
        return f"applies to {self.available.describe()} only"


def _edition_years() -> str:
    parts = []
    for e in Edition:
        last = e.last_year
        years = f"{e.first_year}–{last}" if last is not None else f"{e.first_year} onward"
        parts.append(f"{e.value} for years {years}")
    return "Edition " + ", ".join(parts) + "."


_TABLE = "表格定义（合计等于各分项之和）"

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        code="T3-1",
        name="requests.balance",
        kind=RuleKind.PRINTED,
        scope=Scope.REPORT,
        title_en="Table 三 balances: R1 + R2 = R3.7 + R4 in each column",
        title_zh="表三勾稽关系：第一项加第二项之和等于第三项加第四项之和",
        statement="For each of the 7 columns: R1 + R2 = R3.7 + R4.",
        citation_template="{document} 表三：本列数据的勾稽关系为："
        "第一项加第二项之和，等于第三项加第四项之和",
        tables=("requests",),
    ),
    Rule(
        code="T3-2",
        name="requests.row_total",
        kind=RuleKind.DEFINITION,
        scope=Scope.REPORT,
        title_en="Each Table 三 row's 总计 is the sum of its six applicant columns",
        title_zh="表三每行总计等于六类申请人之和",
        statement="For each of the 23 (2019) / 25 (2021) rows: total = sum of the six applicant "
        "columns.",
        citation_template=_TABLE,
        tables=("requests",),
    ),
    Rule(
        code="T3-3",
        name="requests.outcome_total",
        kind=RuleKind.DEFINITION,
        scope=Scope.REPORT,
        title_en="（七）总计 is the sum of the outcome rows in each column",
        title_zh="表三（七）总计等于各办理结果之和",
        statement="For each column: R3.7 = R3.1 + R3.2 + Σ R3.3.x + Σ R3.4.x + Σ R3.5.x + R3.6 "
        "(2019) or Σ R3.6.x (2021).",
        citation_template=_TABLE,
        tables=("requests",),
    ),
    Rule(
        code="T4-1",
        name="appeals.total",
        kind=RuleKind.DEFINITION,
        scope=Scope.REPORT,
        title_en="Each Table 四 group's 总计 is the sum of its four results",
        title_zh="表四各组总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        statement="For each of the three groups: total = upheld + corrected + other + pending.",
        citation_template=_TABLE,
        tables=("reviews_and_litigation",),
    ),
    Rule(
        code="T2-1",
        name="proactive.change_floor",
        kind=RuleKind.DEFINITION,
        scope=Scope.REPORT,
        title_en="A decrease cannot exceed last year's items",
        title_zh="本年减少数不能超过上一年项目数量",
        statement="2019 edition: previous_year_items + change ≥ 0 for every row with a change.",
        citation_template=_TABLE,
        tables=("proactive_disclosure",),
        available=Availability(until=Edition.E2019),
    ),
    Rule(
        code="T2-2",
        name="proactive.published_within_total",
        kind=RuleKind.HEURISTIC,
        scope=Scope.REPORT,
        title_en="Newly published documents do not exceed the total published",
        title_zh="本年新公开数量不超过对外公开总数量",
        statement="2019 edition: published ≤ total_published for 规章 and 规范性文件.",
        citation_template=_TABLE,
        tables=("proactive_disclosure",),
        available=Availability(until=Edition.E2019),
    ),
    Rule(
        code="T2-3",
        name="proactive.rules_power",
        kind=RuleKind.HEURISTIC,
        scope=Scope.REPORT,
        title_en="County and township organs make no 规章",
        title_zh="县级、乡级机关无规章制定权，规章数应为0",
        statement="rules counts > 0 from an organ whose level is county or township.",
        citation_template="《中华人民共和国立法法》关于规章制定主体的规定",
        tables=("proactive_disclosure", "organ"),
    ),
    Rule(
        code="G-1",
        name="report.edition_year",
        kind=RuleKind.PRINTED,
        scope=Scope.REPORT,
        title_en="The edition matches the report year",
        title_zh="格式版本与报告年度相符",
        statement=_edition_years(),
        citation_template="国办公开办函〔2019〕60号；国办公开办函〔2021〕30号（2021年9月26日）",
        tables=("",),
    ),
    Rule(
        code="G-2",
        name="report.deadline",
        kind=RuleKind.STATUTE,
        scope=Scope.REPORT,
        title_en="Published by the statutory deadline",
        title_zh="在法定期限内公布",
        statement="published_on no later than 31 Jan of year+1 for departments, 31 Mar for "
        "governments; not applied where kind, level or published_on is missing, or for "
        "township governments.",
        citation_template="《中华人民共和国政府信息公开条例》第四十九条",
        tables=("", "organ"),
    ),
    Rule(
        code="G-3",
        name="report.published_after_period",
        kind=RuleKind.DEFINITION,
        scope=Scope.REPORT,
        title_en="Published after the statistical period closed",
        title_zh="公布日期在统计期结束之后",
        statement="published_on after 31 Dec of year.",
        citation_template="统计期限为报告年度1月1日至12月31日",
        tables=("",),
    ),
    Rule(
        code="N-1",
        name="narrative.requests_stated",
        kind=RuleKind.HEURISTIC,
        scope=Scope.REPORT,
        title_en="The overview's number of requests matches Table 三",
        title_zh="总体情况所述申请数与表三一致",
        statement="Where the overview states how many requests were received, the number equals "
        "R1 总计 or R1 + R2 总计.",
        citation_template="表三第一项、第二项",
        tables=("narrative", "requests"),
    ),
    Rule(
        code="N-2",
        name="narrative.problems_present",
        kind=RuleKind.HEURISTIC,
        scope=Scope.REPORT,
        title_en="Section 五 (problems and improvements) is present",
        title_zh="第五部分（存在的主要问题及改进情况）不为空",
        statement="problems_and_improvements is present and not empty.",
        citation_template="《中华人民共和国政府信息公开条例》第五十条第（四）项",
        tables=("narrative",),
    ),
    Rule(
        code="N-3",
        name="narrative.fees_reported",
        kind=RuleKind.HEURISTIC,
        scope=Scope.REPORT,
        title_en="Fees are reported in section 六 where a request lapsed for an unpaid fee",
        title_zh="有逾期未缴费情形的，第六部分应报告信息处理费",
        statement="2021 edition: where R3.6.2 (fee unpaid) > 0, other_matters mentions 信息处理费.",
        citation_template="{document} 第六部分；《政府信息公开信息处理费管理办法》",
        tables=("narrative", "requests"),
        available=Availability(since=Edition.E2021),
    ),
    Rule(
        code="X-1",
        name="series.carry_over",
        kind=RuleKind.HEURISTIC,
        scope=Scope.SERIES,
        title_en="Carried over this year = carried forward last year",
        title_zh="本年上年结转数等于上年结转下年度数",
        statement="For each column: R2 of year N = R4 of year N−1.",
        citation_template="表三第二项、第四项",
        tables=("requests",),
    ),
    Rule(
        code="X-2",
        name="series.documents_in_force",
        kind=RuleKind.HEURISTIC,
        scope=Scope.SERIES,
        title_en="Documents in force follow from last year's, issued and repealed",
        title_zh="现行有效件数＝上年现行有效件数＋本年制发－本年废止",
        statement="2021 edition: in_force(N) = in_force(N−1) + issued(N) − repealed(N), for 规章 "
        "and 行政规范性文件.",
        citation_template="表二第二十条第（一）项",
        tables=("proactive_disclosure",),
        available=Availability(since=Edition.E2021),
    ),
    Rule(
        code="X-3",
        name="series.repealed_within_stock",
        kind=RuleKind.HEURISTIC,
        scope=Scope.SERIES,
        title_en="Repealed documents do not exceed last year's documents in force",
        title_zh="本年废止件数不超过上年现行有效件数",
        statement="2021 edition: repealed(N) ≤ in_force(N−1).",
        citation_template="表二第二十条第（一）项",
        tables=("proactive_disclosure",),
        available=Availability(since=Edition.E2021),
    ),
    Rule(
        code="X-4",
        name="series.items_change",
        kind=RuleKind.HEURISTIC,
        scope=Scope.SERIES,
        title_en="Next year's previous items = this year's items + change",
        title_zh="下一年的上一年项目数量＝本年上一年项目数量＋本年增/减",
        statement="2019 edition: previous_year_items(N+1) = previous_year_items(N) + change(N).",
        citation_template="表二第二十条第（五）（六）（八）项",
        tables=("proactive_disclosure",),
        available=Availability(until=Edition.E2019),
    ),
    Rule(
        code="A-1",
        name="aggregate.parent_matches_children",
        kind=RuleKind.HEURISTIC,
        scope=Scope.AGGREGATE,
        title_en="A parent report's Tables 三 and 四 equal the sum of its children's",
        title_zh="汇总报告表三、表四各单元格等于所含下级报告之和",
        statement="Where a parent report is declared to cover given child reports, each Table 三 "
        "and Table 四 cell of the parent equals the sum over the children.",
        citation_template="表三、表四",
        tables=("requests", "reviews_and_litigation"),
    ),
)
"""Every rule, in the catalogue's order."""

_BY_CODE = {r.code: r for r in CATALOGUE}


def rule(code: str) -> Rule:
    """The rule with ``code`` (``"T3-1"``); raises :class:`KeyError` for an unknown code.

    :param code: a rule's code, such as ``"T3-1"``
    """
    return _BY_CODE[code]


def rules_for_table(table: str, edition: Edition | str | None = None) -> tuple[Rule, ...]:
    """The rules that read ``table`` (a top-level key, ``""`` for the report's own fields).

    :param table: the table, ``"二"``, ``"三"`` or ``"四"``
    :param edition: only the rules that apply to this edition (a member or its code); by default all
    """
    return tuple(
        r for r in CATALOGUE if table in r.tables and (edition is None or r.applies_to(edition))
    )
