"""How rule findings read, in Chinese and in English, rendered from their fields."""

from __future__ import annotations

from typing import Any

from .._numbers import number_text as _n
from .._numbers import signed_text as _s
from ..findings import CellRef, Finding, register_messages
from .catalogue import CATALOGUE
from .engine import TermName

__all__: list[str] = []

_RELATION_EN = {"=": "expected {}", "≤": "expected at most {}", "≥": "expected at least {}"}
_RELATION_ZH = {"=": "应为 {}", "≤": "应不大于 {}", "≥": "应不小于 {}"}


def _signed(value: Any) -> str:
    """A difference with its sign (``+3``, ``-2``); total over integers of any length."""
    return _s(value)


def _cell_en(f: Finding) -> str:
    c = f.cell
    if c is None:
        return f.pointer
    return f"Table {c.table} {c.row} {c.row_label_zh}, column {c.column_label_zh} ({c.column})"


def _cell_zh(f: Finding) -> str:
    c = f.cell
    if c is None:
        return f.pointer
    return f"表{c.table}“{c.row_label_zh}”行（{c.row}）“{c.column_label_zh}”列"


def _term_name(term: TermName, cell: CellRef | None, lang: str) -> str:
    """An operand named in the form's terms: its row and its column, leaving out what it shares
    with the finding's own cell (already named at the start of the message)."""
    same_row = cell is not None and term.row_id == cell.row
    same_column = cell is not None and term.column == cell.column
    if same_row and same_column:  # the same cell, last year
        same_row = same_column = False
    if lang == "zh":
        parts = [] if same_row else [term.row_label_zh]
        parts += [] if same_column else [term.column_label_zh]
        return "".join(parts[:1]) + ("·" + parts[1] if len(parts) > 1 else "")
    parts = [] if same_row else [term.row_id]
    parts += [] if same_column else [term.column_title_en.lower()]
    return " ".join(parts)


def _terms(f: Finding, lang: str) -> str:
    """The terms as ``自然人 258 + 商业企业 12``; zero terms folded when there are many."""
    terms: tuple[TermName, ...] = tuple(TermName(*t) for t in f.params.get("terms", ()))
    shown = [t for t in terms if t.value != 0] if len(terms) > 4 else list(terms)
    parts = []
    for i, term in enumerate(shown):
        op = ("− " if term.sign < 0 else "+ ") if i else ("−" if term.sign < 0 else "")
        last = ("上年" if lang == "zh" else "last year's ") if term.from_previous else ""
        parts.append(f"{op}{last}{_term_name(term, f.cell, lang)} {_n(term.value, lang)}")
    if not parts:
        return f"{len(terms)} 项均为 0" if lang == "zh" else f"all {len(terms)} terms are 0"
    text = " ".join(parts)
    if len(shown) < len(terms):
        text += "（其余各项为 0）" if lang == "zh" else " (the other terms are 0)"
    return text


def _sum_en(f: Finding) -> str:
    relation = str(f.params.get("relation", "="))
    expected = _RELATION_EN[relation].format(_n(f.expected))
    where = f" in {f.document}" if f.document else ""
    return (
        f"{_cell_en(f)}{where}: {expected} ({_terms(f, 'en')}), "
        f"found {_n(f.actual)} (difference {_signed(f.difference)})"
    )


def _sum_zh(f: Finding) -> str:
    relation = str(f.params.get("relation", "="))
    expected = _RELATION_ZH[relation].format(_n(f.expected, "zh"))
    where = f"（{f.document}）" if f.document else ""
    terms = _terms(f, "zh")
    difference = _signed(f.difference)
    return f"{_cell_zh(f)}{where}{expected}（{terms}），实际为 {_n(f.actual)}，相差 {difference}"


def _balance_parts(f: Finding) -> tuple[Any, Any, Any, Any] | None:
    """R1, R2, R3.7 and R4 of a T3-1 finding; ``None`` when it has other operands."""
    values = [o.value for o in f.operands]
    if len(values) != 3:
        return None
    new, carried_over, outcomes = values
    return new, carried_over, outcomes, f.actual


def _t31_zh(f: Finding) -> str:
    parts = _balance_parts(f)
    if parts is None:
        return _sum_zh(f)
    new, carried_over, outcomes, forward = parts
    c = f.cell
    column = c.column_label_zh if c else ""
    return (
        f"表三“{column}”列不平衡：第一项加第二项之和（本年新收 {_n(new)} + 上年结转 "
        f"{_n(carried_over)}"
        f" = {_n(new + carried_over)}）应等于第三项加第四项之和（办理结果总计 {_n(outcomes)} + "
        f"结转下年度 {_n(forward)} = {_n(outcomes + forward)}），相差 {_signed(f.difference)}；"
        f"按其余三项，结转下年度应为 {_n(f.expected)}"
    )


def _t31_en(f: Finding) -> str:
    parts = _balance_parts(f)
    if parts is None:
        return _sum_en(f)
    new, carried_over, outcomes, forward = parts
    c = f.cell
    column = f"{c.column_label_zh} ({c.column})" if c else ""
    return (
        f"Table 三 column {column} does not balance: R1 + R2 = {_n(new)} + {_n(carried_over)} = "
        f"{_n(new + carried_over)}, but R3.7 + R4 = {_n(outcomes)} + {_n(forward)} = "
        f"{_n(outcomes + forward)} "
        f"(difference {_signed(f.difference)}); from the other three rows, "
        f"R4 should be {_n(f.expected)}"
    )


_KIND_ZH = {"department": "政府部门", "government": "人民政府"}


def _g2_en(f: Finding) -> str:
    kind = f.params.get("kind", "")
    return (
        f"published {_n(f.actual)}, after the statutory deadline {_n(f.expected)} for a {kind} "
        f"({_n(f.difference)} days late)"
    )


def _g2_zh(f: Finding) -> str:
    kind = _KIND_ZH.get(str(f.params.get("kind")), "")
    late = _n(f.difference, "zh")
    return f"公布日期 {_n(f.actual)} 晚于{kind}的法定期限 {_n(f.expected)}，逾期 {late} 天"


def _t23_en(f: Finding) -> str:
    c = f.cell
    column = c.column_label_zh if c else ""
    return (
        f"a {f.params.get('level')}-level organ reports {_n(f.actual)} 规章 ({column}); "
        "county and township organs have no power to make 规章"
    )


def _t23_zh(f: Finding) -> str:
    c = f.cell
    column = c.column_label_zh if c else ""
    return f"{f.params.get('level_zh')}机关无规章制定权，但规章“{column}”为 {_n(f.actual)}"


def _a1_en(f: Finding) -> str:
    return (
        f"{_cell_en(f)}: the parent reports {_n(f.actual)}, its {f.params.get('children')} child "
        f"reports sum to {_n(f.expected)} (difference {_signed(f.difference)})"
    )


def _a1_zh(f: Finding) -> str:
    return (
        f"{_cell_zh(f)}：汇总报告为 {_n(f.actual)}，所含 {f.params.get('children')} 份下级报告合计 "
        f"{_n(f.expected)}，相差 {_signed(f.difference)}"
    )


register_messages("T3-1", zh=_t31_zh, en=_t31_en)
for _rule in CATALOGUE:
    if _rule.code in ("T3-2", "T3-3", "T4-1", "T2-1", "T2-2", "X-1", "X-2", "X-3", "X-4"):
        register_messages(_rule.code, zh=_sum_zh, en=_sum_en)
register_messages(
    "G-1",
    zh=lambda f: (
        f"报告年度 {_n(f.params.get('year'))} 应使用 {_n(f.expected)} 版格式，"
        f"实际为 {_n(f.actual)} 版"
    ),
    en=lambda f: (
        f"report year {_n(f.params.get('year'))} takes the {_n(f.expected)} edition of the format, "
        f"but the report uses the {_n(f.actual)} edition"
    ),
)
register_messages("G-2", zh=_g2_zh, en=_g2_en)
register_messages(
    "G-3",
    zh=lambda f: f"公布日期 {_n(f.actual)} 早于统计期结束（{f.params.get('period_end')}）",
    en=lambda f: (
        f"published {_n(f.actual)}, before the statistical period closed on "
        f"{f.params.get('period_end')}"
    ),
)
register_messages("T2-3", zh=_t23_zh, en=_t23_en)
register_messages(
    "N-1",
    zh=lambda f: (
        f"总体情况称“{f.params.get('quote')}”，但表三本年新收申请总计为 {_n(f.expected)}"
        f"（连同上年结转为 {_n(f.params.get('with_carried'))}）"
    ),
    en=lambda f: (
        f"the overview states {_stated_en(f)} requests («{f.params.get('quote')}»), "
        "but Table 三 R1 "
        f"总计 is {_n(f.expected)} ({_n(f.params.get('with_carried'))} with R2)"
    ),
)
register_messages(
    "N-2",
    zh=lambda f: "缺少第五部分“存在的主要问题及改进情况”或内容为空",
    en=lambda f: (
        "section 五 (存在的主要问题及改进情况, problems and improvements) is missing or empty"
    ),
)
register_messages(
    "N-3",
    zh=lambda f: (
        f"有 {_n(f.params.get('unpaid'))} 件申请因逾期未缴费不再处理（R3.6.2），"
        "但第六部分未报告信息处理费情况"
    ),
    en=lambda f: (
        f"{_n(f.params.get('unpaid'))} request(s) lapsed for an unpaid fee (R3.6.2), "
        "but section 六 "
        "(other matters) does not mention 信息处理费"
    ),
)
register_messages("A-1", zh=_a1_zh, en=_a1_en)


def _stated_en(f: Finding) -> str:
    if f.actual is None:  # too long to be read as a number of requests (see N-1)
        return f"a {f.params.get('stated_digits')}-digit number of"
    return _n(f.actual)
