"""Test-side writers: a report printed as text, Markdown or HTML the way real reports print it.

They exist to make import fixtures for every layout variant from reports whose every value is
known (and to round-trip generated reports); labels are read from the model's metadata, as the
importer's are, so a writer cannot print a label the model does not declare. Options reproduce
what real reports do: one cell per line, Word-exported markup, nested tables, merged cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from disclosure_model import AnnualReport
from disclosure_model.enums import (
    ApplicantType,
    Disposition,
    Proceeding,
    RequestsRow,
    ReviewOutcome,
)
from disclosure_model.meta import ValueKind, fields_info
from disclosure_model.report import Narrative, part_class

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def cell_text(value: Any, kind: ValueKind) -> str:
    """A value as reports print it (signed changes as 增N/减N)."""
    if kind is ValueKind.SIGNED_COUNT:
        return f"增{value}" if value > 0 else (f"减{-value}" if value < 0 else "0")
    return str(value)


def table2_blocks(report: AnnualReport) -> Iterator[tuple[str, list[str], list[list[str]]]]:
    """(caption, header, rows) per block of Table 二, in the form's order."""
    table = report.proactive_disclosure
    fields = attrs.fields_dict(type(table))
    blocks: dict[str, tuple[list[str], list[list[str]]]] = {}
    for name, info in fields_info(type(table)).items():
        caption = info.citation.replace("条例 ", "")
        row_cls = part_class(fields[name], report.edition)
        cells = fields_info(row_cls)
        header = ["信息内容"] + [
            c.label_zh + (f"（单位：{c.unit}）" if c.unit else "") for c in cells.values()
        ]
        row = getattr(table, name)
        values = [cell_text(getattr(row, k), c.kind) for k, c in cells.items()]
        blocks.setdefault(caption, (header, []))[1].append([info.label_zh, *values])
    for caption, (header, rows) in blocks.items():
        yield caption, header, rows


def table3_rows(report: AnnualReport) -> Iterator[tuple[str, str, str, list[str]]]:
    """(group column, subgroup column, label, values) per data row of Table 三."""
    requests = report.requests
    keys = [a.code for a in ApplicantType] + ["total"]
    for entry in requests.rows():
        which = entry.which
        values = [str(getattr(entry.row, k)) for k in keys]
        outer, inner, label = "", "", which.printed_label
        if isinstance(which, Disposition):
            outer = "三、本年度办理结果"
            if which.group.code != which.code:
                inner = which.group.printed_label
        elif which is RequestsRow.OUTCOMES_TOTAL:
            outer = "三、本年度办理结果"
        yield outer, inner, label, values


def table4_values(report: AnnualReport) -> list[str]:
    """The 15 values of Table 四 in the form's order."""
    out: list[str] = []
    for _, group in report.reviews_and_litigation.groups():
        out += [str(group[o]) for o in ReviewOutcome] + [str(group.total)]
    return out


def _narrative(report: AnnualReport, name: str) -> str:
    narrative = report.narrative
    text = getattr(narrative, name) if narrative is not None else None
    return text or ""


def _heading(name: str) -> str:
    info = fields_info(Narrative).get(name)
    if info is not None:
        return info.printed_label
    return fields_info(AnnualReport)[name].printed_label


def title(report: AnnualReport) -> str:
    """The report's title line."""
    return f"{report.organ.name}{report.year}年政府信息公开工作年度报告"


def signature(report: AnnualReport) -> list[str]:
    """The closing signature: organ, date."""
    if report.published_on is None:
        return []
    d = report.published_on
    return [report.organ.name, f"{d.year}年{d.month}月{d.day}日"]


def to_text(report: AnnualReport, *, one_cell_per_line: bool = False) -> str:
    """The report as copied text: rows tab-separated, or one cell per line like a Word copy."""
    lines: list[str] = [title(report)]

    def row(cells: list[str]) -> None:
        if one_cell_per_line:
            lines.extend("\t" + c for c in cells)
            lines.append("")
        else:
            lines.append("\t".join(cells))

    lines.append(_heading("overview"))
    lines += _narrative(report, "overview").splitlines()
    lines.append(_heading("proactive_disclosure"))
    for caption, header, rows in table2_blocks(report):
        lines.append(caption)
        row(header)
        for r in rows:
            row(r)
    lines.append(_heading("requests"))
    row([CORNER, "申请人情况"])
    row(["自然人", "法人或其他组织", "总计"])
    row(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    for outer, inner, label, values in table3_rows(report):
        row([c for c in (outer, inner, label) if c] + values)
    lines.append(_heading("reviews_and_litigation"))
    row(["行政复议", "行政诉讼"])
    row(["未经复议直接起诉", "复议后起诉"])
    row([o.label_zh for o in ReviewOutcome] * 3 + ["总计"])
    row(table4_values(report))
    lines.append(_heading("problems_and_improvements"))
    lines += _narrative(report, "problems_and_improvements").splitlines()
    lines.append(_heading("other_matters"))
    lines += _narrative(report, "other_matters").splitlines()
    lines += signature(report)
    return "\n".join(lines) + "\n"


def to_markdown(report: AnnualReport) -> str:
    """The report as Markdown with pipe tables, one per table of the form."""

    def table(rows: list[list[str]]) -> list[str]:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return [*out, ""]

    lines = ["# " + title(report), "", "## " + _heading("overview"), ""]
    lines += [*_narrative(report, "overview").splitlines(), ""]
    lines += ["## " + _heading("proactive_disclosure"), ""]
    for caption, header, rows in table2_blocks(report):
        lines += ["### " + caption, *table([header, *rows])]
    lines += ["## " + _heading("requests"), ""]
    head = [
        [
            CORNER,
            "",
            "",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ]
    ]
    body = [[outer, inner, label, *values] for outer, inner, label, values in table3_rows(report)]
    lines += table(head + body)
    lines += ["## " + _heading("reviews_and_litigation"), ""]
    header = [
        f"{p.label_zh}{o}"
        for p in Proceeding
        for o in [*(r.label_zh for r in ReviewOutcome), "总计"]
    ]
    lines += table([header, table4_values(report)])
    for name in ("problems_and_improvements", "other_matters"):
        lines += ["## " + _heading(name), "", *_narrative(report, name).splitlines(), ""]
    lines += signature(report)
    return "\n".join(lines) + "\n"


def _td(text: str, rowspan: int = 1, colspan: int = 1, *, word: bool = False) -> str:
    attrs_ = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    if word:
        inner = "".join(
            f'<p class=MsoNormal><span lang=EN-US style="font-size:10.5pt">{part}</span>'
            "<o:p></o:p></p>"
            for part in _halves(text)
        )
    else:
        inner = text
    return f"<td{attrs_}>{inner}</td>"


def _halves(text: str) -> list[str]:
    """Long labels broken in two paragraphs, as Word prints them in narrow cells."""
    if len(text) > 8 and not text.isdigit():
        cut = len(text) // 2
        return [text[:cut], text[cut:] + "&nbsp;&nbsp;"]
    return [text or "&nbsp;"]


def to_html(report: AnnualReport, *, word: bool = False, charset: str = "utf-8") -> str:
    """The report as a web page: site chrome, merged header cells, optionally Word's markup
    and a layout table around the report's tables."""
    td = lambda text, r=1, c=1: _td(text, r, c, word=word)  # noqa: E731
    parts = [
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title(report)}_政府信息公开'
        "</title><script>var x = '<table><tr><td>1</td></tr></table>';</script>"
        "<style>td{border:1px}</style></head><body>",
        '<div class="nav"><ul><li><a href="/">首页</a></li><li>访问量 12345</li></ul></div>',
        '<table class="calendar"><tr><td>1</td><td>2</td><td>3</td></tr></table>',
    ]
    if word:
        parts.append('<table class="layout"><tr><td>')
    parts.append(f'<div class="article"><h1>{title(report)}</h1>')
    for name in ("overview",):
        parts.append(f"<p><span>{_heading(name)}&nbsp;</span></p>")
        parts += [f"<p>{p}</p>" for p in _narrative(report, name).splitlines()]
    parts.append(f"<p><b>{_heading('proactive_disclosure')}</b></p><table border=1>")
    for caption, header, rows in table2_blocks(report):
        width = len(header)
        parts.append(f"<tr>{td(caption, 1, width)}</tr>")
        parts.append("<tr>" + "".join(td(h) for h in header) + "</tr>")
        for r in rows:
            parts.append("<tr>" + "".join(td(c) for c in r) + "</tr>")
    parts.append(f"</table><p>{_heading('requests')}</p><table border=1>")
    parts.append(f"<tr>{td(CORNER, 3, 3)}{td('申请人情况', 1, 7)}</tr>")
    parts.append(f"<tr>{td('自然人', 2)}{td('法人或其他组织', 1, 5)}{td('总计', 2)}</tr>")
    parts.append("<tr>" + "".join(td(a.label_zh) for a in list(ApplicantType)[1:]) + "</tr>")
    rows = list(table3_rows(report))
    outcome_rows = sum(1 for outer, _, _, _ in rows if outer)
    group_sizes: dict[str, int] = {}
    for _, inner, _, _ in rows:
        if inner:
            group_sizes[inner] = group_sizes.get(inner, 0) + 1
    seen_outer, seen_inner = False, set()
    for outer, inner, label, values in rows:
        cells = ""
        if not outer:
            cells += td(label, 1, 3)
        else:
            if not seen_outer:
                cells += td(outer, outcome_rows)
                seen_outer = True
            if inner:
                if inner not in seen_inner:
                    cells += td(inner, group_sizes[inner])
                    seen_inner.add(inner)
                cells += td(label)
            else:
                cells += td(label, 1, 2)
        parts.append("<tr>" + cells + "".join(td(v) for v in values) + "</tr>")
    parts.append(f"</table><p>{_heading('reviews_and_litigation')}</p><table border=1>")
    parts.append(f"<tr>{td('行政复议', 1, 5)}{td('行政诉讼', 1, 10)}</tr>")
    parts.append(
        "<tr>"
        + "".join(td(o.label_zh, 2) for o in ReviewOutcome)
        + td("总计", 2)
        + td("未经复议直接起诉", 1, 5)
        + td("复议后起诉", 1, 5)
        + "</tr>"
    )
    parts.append(
        "<tr>"
        + "".join(td(o) for o in [*(r.label_zh for r in ReviewOutcome), "总计"] * 2)
        + "</tr>"
    )
    parts.append("<tr>" + "".join(td(v) for v in table4_values(report)) + "</tr></table>")
    for name in ("problems_and_improvements", "other_matters"):
        parts.append(f"<p>{_heading(name)}</p>")
        parts += [f"<p>{p}</p>" for p in _narrative(report, name).splitlines()]
    parts += [f'<p style="text-align:right">{s}</p>' for s in signature(report)]
    parts.append("</div>")
    if word:
        parts.append("</td></tr></table>")
    parts.append(
        '<div class="footer"><p>主办：某某人民政府办公室 电话：0000-12345678</p>'
        "<table><tr><td>网站标识码</td><td>3300000001</td></tr></table></div></body></html>"
    )
    return "\n".join(parts)
