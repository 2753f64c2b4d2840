"""The one interpreter: any :class:`~._layout.Layout` into an annual report, with findings.

The front-ends (text, Markdown, HTML, PDF) differ in how they find lines and cells; this module
reads the form out of what they produce, whatever the source was:

1. the layout becomes a stream of *tokens*, each a printed value (a number, a placeholder, a
   signed change, an amount with a unit) or a piece of text, each with its source location;
2. the section headings (一 … 六) are found by their labels, and the stream is cut into the three
   table regions (falling back to the tables' own captions and labels where headings are missing);
3. in each region, runs of values are *groups* (one printed row), and each group is assigned to a
   row of the form by how well the text around it covers the row's label (read from the model's
   metadata), in the form's order — so labels wrapped over lines, printed after their numbers or
   interrupted by a merged cell's text are still read, and rows the form does not have are kept
   as findings;
4. each cell's text becomes a value of the cell's kind (count, signed count, amount in 万元), and
   every judgement made on the way is a finding with the source location.

Rows whose numbers ran together (lost cell boundaries) are split again only where exactly one
split satisfies the form's arithmetic.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..enums import Disposition, Edition, OrganKind, OrganLevel, Proceeding, RequestsRow
from ..findings import Finding, Severity
from ..meta import FieldInfo, ValueKind, fields_info
from ..proactive import TABLE_2_CLASSES
from ..report import AnnualReport, Narrative
from ..requests import ApplicantRow
from ..reviews import ReviewGroup
from ._aliases import DIVISION_LEVELS, HEADING_VARIANTS, MUNICIPALITIES, NOT_DIVISIONS
from ._layout import Layout, SourceSpan
from ._match import cover, fix_misprints, loose, simplified, strip_note
from ._values import Printed, is_mark, read_printed, to_wan

__all__ = ["Interpretation", "interpret"]

_THRESHOLD = 0.6  # the share of a label's characters the text near a row must cover
MAX_GROUPS = 400  # rows of values a table region may hold before the rest is not read
_MAX_SPLITS = 20000  # candidate splits of lost cell boundaries kept, at most
_MAX_TRIES = 200000  # splits tried, at most (a few tenths of a second)


# --- findings -------------------------------------------------------------------------------


def finding(
    code: str,
    severity: Severity,
    en: str,
    zh: str,
    *,
    pointer: str = "",
    location: SourceSpan | None = None,
    expected: Any = None,
    actual: Any = None,
) -> Finding:
    """An ``import.*`` finding with its messages and source location."""
    return Finding(
        code="import." + code,
        name="import." + code,
        severity=severity,
        pointer=pointer,
        expected=expected,
        actual=actual,
        location=location,
        params={"text_en": en, "text_zh": zh},
    )


INFO, WARNING, ERROR = Severity.INFO, Severity.WARNING, Severity.ERROR


# --- tokens ---------------------------------------------------------------------------------


@attrs.frozen
class Token:
    """One printed piece of the source: a value or a piece of text, and where it was printed."""

    text: str
    key: str
    value: Printed | None
    span: SourceSpan
    line: int
    misprints: tuple[tuple[str, str], ...] = ()


_WORD = re.compile(r"\S+")
# Where crawled text runs a label into its numbers (数量230, 23二、上年结转): a run of digits
# between Chinese text is a piece of its own (an ordinal such as 1. or 1、 stays with its label).
_RUN_IN = re.compile(r"(?<=[\u4e00-\u9fff）)”])(?=[0-9])|(?<=[0-9])(?=[\u4e00-\u9fff（(])")


def _pieces(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for m in _WORD.finditer(text):
        word, start = m.group(), m.start()
        cuts = [c.start() for c in _RUN_IN.finditer(word)]
        if not cuts or read_printed(word) is not None:  # 增34, 1001.115万元 are one value
            out.append((word, start))
            continue
        edges = [0, *cuts, len(word)]
        for a, b in itertools.pairwise(edges):
            if a < b:
                out.append((word[a:b], start + a))
    return _with_marks(text, out)


def _with_marks(text: str, pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A mark set apart from its number (``6 ↑``) joined to it: one value, with its mark."""
    out: list[tuple[str, int]] = []
    for word, start in pieces:
        if out and is_mark(word):
            prev, at = out[-1]
            joined = text[at : start + len(word)]
            value = read_printed(prev)
            if value is not None and not value.marker and read_printed(joined) is not None:
                out[-1] = (joined, at)
                continue
        out.append((word, start))
    return out


# A note under a table (注：…, 说明：…) or a sentence: its numbers are prose, not cells.
_NOTE_MARK = re.compile(r"\s*[（(]?\s*(?:注|备注|附注|说明)\s*[0-9０-９]?\s*[：:）)]")
_SENTENCE = re.compile(r"[。；，！？;!?]|,(?![0-9]{3})")


def outside_brackets(text: str) -> str:
    """``text`` without its bracketed notes, an unclosed one at its end and an unopened one at
    its start too (a label wrapped over lines: ``这一情形，不计其他情形）`` …)."""
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth:
                depth -= 1
            else:
                out.clear()  # the close of a note opened on an earlier line
        elif not depth:
            out.append(ch)
    return "".join(out)


def is_prose(text: str) -> bool:
    """Whether a line of running text is a note or a sentence rather than a table row.

    A note (``注：…``, ``说明：…``) always is; a line with a sentence's punctuation outside
    brackets is, unless it ends in values set apart (a row whose label prints ， for 、).
    """
    text = simplified(text)
    if _NOTE_MARK.match(text):
        return True
    if not _SENTENCE.search(outside_brackets(text)):
        return False
    words = text.split()
    return len(words) < 2 or read_printed(words[-1]) is None


def tokenize(layout: Layout) -> list[Token]:
    """The layout's cells as tokens; text and PDF cells are split at whitespace.

    A line of running text (outside any grid) that is a note or a sentence (``注：…``, a
    sentence with ，。；) is one text token: the numbers a sentence prints are not table cells.
    """
    split = layout.kind in ("text", "pdf")
    out: list[Token] = []
    for index, line in enumerate(layout.lines):
        row: list[Token] = []
        blanks: list[Token] = []
        prose = split and line.table is None and is_prose(line.text)
        for cell in line.cells:
            parts: list[tuple[str, int]]
            if prose:
                parts = [(" ".join(cell.text.split()), 0)]
            elif split:
                parts = _pieces(cell.text)
            else:
                stripped = " ".join(cell.text.split())
                parts = [(stripped, 0)]
            for text, offset in parts:
                span = cell.span
                if offset and span.column is not None:
                    span = attrs.evolve(span, column=span.column + offset)
                if not text:
                    if line.table is not None:
                        blanks.append(Token("", "", read_printed(""), span, index))
                    continue
                value = None if prose else read_printed(text)
                key, fixed = ("", ()) if value is not None else fix_misprints(loose(text))
                row.append(Token(text, key, value, span, index, fixed))
        if blanks:  # blank grid cells after a row's label are cells printed empty
            last = max((_col(t) for t in row if t.value is None), default=-1)
            row = _merge_blanks(row, [b for b in blanks if _col(b) > last])
        out += row
    return out


def _col(t: Token) -> int:
    return t.span.col if t.span.col is not None else -1


def _merge_blanks(row: list[Token], blanks: list[Token]) -> list[Token]:
    """Put blank grid cells back between the line's other cells, by column."""
    return sorted(row + blanks, key=_col)


# --- sections -------------------------------------------------------------------------------

_ORDINAL = re.compile(r"\s*#*\s*([一二三四五六])\s*[、.．,，:：\s]\s*(.*)\Z", re.S)
_SECTION_ORDER = (
    "overview",
    "proactive_disclosure",
    "requests",
    "reviews_and_litigation",
    "problems_and_improvements",
    "other_matters",
)


def _section_labels() -> dict[str, tuple[str, str]]:
    """Section → (ordinal numeral, label), from the model's metadata."""
    out: dict[str, tuple[str, str]] = {}
    for cls in (Narrative, AnnualReport):
        for name, info in fields_info(cls).items():
            if name in _SECTION_ORDER and info.ordinal:
                out[name] = (info.ordinal[0], info.label_zh)
    return out


_SECTIONS = _section_labels()


def find_headings(layout: Layout) -> dict[str, int]:
    """Section name → index of the line of its heading, for the headings found in order."""
    found: dict[str, int] = {}
    start = 0
    texts = [line.text for line in layout.lines]
    for name in _SECTION_ORDER:
        numeral, label = _SECTIONS[name]
        keys = {loose(label), *HEADING_VARIANTS.get(name, ())}
        for index in range(start, len(texts)):
            m = _ORDINAL.match(texts[index])
            if not m or m.group(1) != numeral:
                continue
            rest = loose(m.group(2))
            if any(cover(k, rest) >= 0.75 * len(k) and len(rest) <= len(k) + 16 for k in keys):
                found[name] = index
                start = index + 1
                break
    return found


# --- rows of the form -----------------------------------------------------------------------


@attrs.frozen
class RowSpec:
    """A row of the form as the interpreter looks for it: label, pointer, cells, rule."""

    label: str
    key: str
    pointer: str
    cells: tuple[tuple[str, FieldInfo], ...]
    rule: Callable[[Sequence[int]], bool] | None = None
    ordinal: str = ""

    @property
    def width(self) -> int:
        """How many values the row prints."""
        return len(self.cells)


def _applicant_rule(values: Sequence[int]) -> bool:
    return sum(values[:6]) == values[6]


def table3_rows(edition: Edition) -> list[RowSpec]:
    """The data rows of Table 三 in the form's order, for ``edition``."""
    cells = tuple(fields_info(ApplicantRow).items())
    whiches: list[Disposition | RequestsRow] = [RequestsRow.NEW_RECEIVED, RequestsRow.CARRIED_OVER]
    whiches += Disposition.for_edition(edition)
    whiches += [RequestsRow.OUTCOMES_TOTAL, RequestsRow.CARRIED_FORWARD]
    return [
        RowSpec(
            label=w.label_zh,
            key=loose(strip_note(w.label_zh)),
            pointer="/requests/" + "/".join(w.path),
            cells=cells,
            rule=_applicant_rule,
            ordinal=w.ordinal,
        )
        for w in whiches
    ]


def table2_rows(edition: Edition) -> list[RowSpec]:
    """The rows of Table 二 in the form's order, for ``edition``."""
    from ..report import part_class

    cls = TABLE_2_CLASSES[edition]
    fields = attrs.fields_dict(cls)
    return [
        RowSpec(
            label=info.label_zh,
            key=loose(info.label_zh),
            pointer=f"/proactive_disclosure/{name}",
            cells=tuple(fields_info(part_class(fields[name], edition)).items()),
        )
        for name, info in fields_info(cls).items()
    ]


def _edition_words(edition: Edition) -> set[str]:
    """The loose labels of Table 二's rows and columns in ``edition``."""
    words: set[str] = set()
    for row in table2_rows(edition):
        words.add(row.key)
        words.update(loose(strip_note(info.label_zh)) for _, info in row.cells)
    return words


def _distinctive() -> dict[Edition, frozenset[str]]:
    words = {e: _edition_words(e) for e in Edition}
    out: dict[Edition, frozenset[str]] = {}
    for e in Edition:
        others = set().union(*(words[o] for o in Edition if o is not e))
        out[e] = frozenset(w for w in words[e] if not any(w in o for o in others))
    return out


_DISTINCTIVE = _distinctive()


def _header_keys() -> frozenset[str]:
    """The loose texts of the form's header cells, from the model: Table 二's captions
    (第二十条第（一）项), 信息内容 and column labels; Table 三's 申请人情况, applicant columns
    and group rows (三、本年度办理结果, （三）不予公开 …); Table 四's proceedings and results."""
    from ..enums import ApplicantType, DispositionGroup, ReviewOutcome
    from ..form import APPLICANT_HEADER, BALANCE_NOTE, CONTENT_HEADER, block_caption, column_label
    from ..report import part_class
    from ..requests import Requests

    keys = {loose(CONTENT_HEADER.zh), loose(APPLICANT_HEADER.zh), loose(BALANCE_NOTE.zh)}
    for edition in Edition:
        cls = TABLE_2_CLASSES[edition]
        fields = attrs.fields_dict(cls)
        for name, info in fields_info(cls).items():
            keys.add(loose(block_caption(info)))
            part = part_class(fields[name], edition)
            for column, column_info in fields_info(part).items():
                printed = column_label(part, column)
                keys.update({loose(printed), loose(strip_note(column_info.label_zh))})
    outcomes = fields_info(Requests)["outcomes"]
    keys.update({loose(outcomes.label_zh), loose(outcomes.ordinal + outcomes.label_zh)})
    for group in DispositionGroup:
        keys.update({loose(group.label_zh), loose(group.ordinal + group.label_zh)})
    for applicant in ApplicantType:
        keys.update({loose(applicant.label_zh), loose(applicant.group_zh or "")})
    for proceeding in Proceeding:
        keys.update({loose(proceeding.label_zh), loose(proceeding.label_group_zh)})
    keys.update(loose(outcome.label_zh) for outcome in ReviewOutcome)
    keys.add(loose(RequestsRow.OUTCOMES_TOTAL.label_zh))
    keys.discard("")
    return frozenset(keys)


_HEADER_KEYS = _header_keys()


def header_line(region: Sequence[Token], line: int) -> bool:
    """Whether a line of a table holds only the form's header texts and blank cells: a
    caption, a column header or a group row (``三、本年度办理结果`` with blank cells)."""
    texts = [t for t in region if t.line == line and t.value is None]
    values = [t for t in region if t.line == line and t.value is not None]
    return (
        bool(texts)
        and all(t.key in _HEADER_KEYS or loose(strip_note(t.text)) in _HEADER_KEYS for t in texts)
        and all(_is_blank(t) for t in values)
    )


# --- groups and their assignment to rows -----------------------------------------------------


@attrs.frozen
class Group:
    """A run of values printed together: one row's numbers, and the text around them."""

    tokens: tuple[Token, ...]
    before: str
    after: str
    before_raw: str
    after_raw: str
    misprints: tuple[tuple[str, str], ...]


def make_groups(tokens: Sequence[Token], width: int | None) -> list[Group]:
    """Cut a region's tokens into groups of values, with the text between them."""
    runs: list[list[int]] = []
    counts: dict[int, int] = {}
    for t in tokens:
        if t.value is not None:
            counts[t.line] = counts.get(t.line, 0) + 1
    current: list[int] = []
    for i, t in enumerate(tokens):
        if t.value is None:
            if current:
                runs.append(current)
                current = []
            continue
        if current:
            prev = tokens[current[-1]]
            if prev.line != t.line and (counts[prev.line] > 1 or counts[t.line] > 1):
                runs.append(current)
                current = []
        current.append(i)
    if current:
        runs.append(current)
    if width:  # a run of several whole rows (a table printed without its labels)
        split: list[list[int]] = []
        for run in runs:
            if len(run) > width and len(run) % width == 0:
                split += [run[k : k + width] for k in range(0, len(run), width)]
            else:
                split.append(run)
        runs = split
    groups: list[Group] = []
    for n, run in enumerate(runs):
        lo = runs[n - 1][-1] + 1 if n else 0
        hi = runs[n + 1][0] if n + 1 < len(runs) else len(tokens)
        before = [t for t in tokens[lo : run[0]] if t.value is None]
        after = [t for t in tokens[run[-1] + 1 : hi] if t.value is None]
        groups.append(
            Group(
                tokens=tuple(tokens[i] for i in run),
                before="".join(t.key for t in before),
                after="".join(t.key for t in after),
                before_raw="".join("".join(t.text.split()) for t in before),
                after_raw="".join("".join(t.text.split()) for t in after),
                misprints=tuple(m for t in (*before, *after) for m in t.misprints),
            )
        )
    return groups


def affinity(row: RowSpec, group: Group) -> float:
    """How well the text around ``group`` names ``row``: the share of its label covered."""
    k = len(row.key)
    if not k:
        return 0.0
    near = 2 * k + 24  # a label is printed next to its numbers: look no further than this
    best = max(
        cover(row.key, group.before[-near:]) / k,
        0.95 * cover(row.key, group.before[-(k + 8) :] + group.after[: k + 8]) / k,
        0.9 * cover(row.key, group.after[:near]) / k,
    )
    if len(group.tokens) != row.width and all(
        t.value is not None and t.value.form == "placeholder" for t in group.tokens
    ):
        best *= 0.5
    return best


def assign(groups: Sequence[Group], rows: Sequence[RowSpec]) -> tuple[float, list[tuple[int, int]]]:
    """The best assignment of groups to rows in the form's order: (score, [(group, row)])."""
    n, m = min(len(groups), MAX_GROUPS), len(rows)
    gain = [[affinity(r, g) for r in rows] for g in groups]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best, how = score[i - 1][j], 1
            if score[i][j - 1] > best:
                best, how = score[i][j - 1], 2
            g = gain[i - 1][j - 1]
            if g >= _THRESHOLD and score[i - 1][j - 1] + g > best:
                best, how = score[i - 1][j - 1] + g, 3
            score[i][j], move[i][j] = best, how
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i and j:
        how = move[i][j]
        if how == 3:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif how == 1:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return score[n][m], pairs


# --- values ---------------------------------------------------------------------------------


def count_splits(tokens: Sequence[Token], width: int) -> int:
    """How many ways there are to cut the tokens' digits into ``width`` parts (an upper bound)."""
    lengths = [len(t.value.digits) if t.value is not None else 0 for t in tokens]
    ways = {width: 1}
    for length in lengths:
        nxt: dict[int, int] = {}
        for left, n in ways.items():
            for parts in range(1, min(length, left) + 1):
                nxt[left - parts] = nxt.get(left - parts, 0) + n * math.comb(length - 1, parts - 1)
        ways = nxt
    return ways.get(0, 0)


def splits(tokens: Sequence[Token], width: int) -> Iterator[list[int]]:
    """Every way to cut the tokens' digits into ``width`` numbers (no leading zeros)."""
    digits = [t.value.digits if t.value is not None else "" for t in tokens]

    def parts(text: str, count: int) -> Iterator[list[int]]:
        if count == 1:
            if text and (text == "0" or not text.startswith("0")):
                yield [int(text)]
            return
        for cut in range(1, len(text) - count + 2):
            head = text[:cut]
            if head != "0" and head.startswith("0"):
                break
            for rest in parts(text[cut:], count - 1):
                yield [int(head), *rest]

    def go(index: int, left: int) -> Iterator[list[int]]:
        if index == len(digits):
            if left == 0:
                yield []
            return
        remaining = len(digits) - index - 1
        low = left if not remaining else 1
        for count in range(low, min(len(digits[index]), left - remaining) + 1):
            for head in parts(digits[index], count):
                for rest in go(index + 1, left - count):
                    yield head + rest

    yield from go(0, width)


@attrs.define
class Interpretation:
    """What the interpreter read: the report's JSON form (or why not), findings, locations."""

    data: dict[str, Any] = attrs.field(factory=dict)
    findings: list[Finding] = attrs.field(factory=list)
    locations: dict[str, SourceSpan] = attrs.field(factory=dict)
    complete: bool = True

    def add(self, f: Finding) -> None:
        """Record a finding; an error makes the import incomplete."""
        self.findings.append(f)
        if f.severity is ERROR:
            self.complete = False

    def put(self, pointer: str, value: Any, span: SourceSpan | None) -> None:
        """Set the value at ``pointer`` in the report's JSON form, and where it was printed."""
        node = self.data
        keys = pointer.strip("/").split("/")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
        if span is not None:
            self.locations[pointer] = span


def _show(token: Token) -> str:
    return token.text or "(blank)"


def convert(
    out: Interpretation, token: Token, info: FieldInfo, pointer: str, unit: str = ""
) -> Any:
    """The value of one cell of kind ``info.kind`` from its token; findings for judgements."""
    printed = token.value
    assert printed is not None
    where = token.span
    shown = _show(token)
    kind = info.kind
    if printed.form == "placeholder":
        out.add(
            finding(
                "placeholder",
                INFO,
                f"{shown!r} printed in place of a number, read as 0",
                f"以 {shown!r} 代替数字，读作 0",
                pointer=pointer,
                location=where,
                actual=token.text,
                expected=0,
            )
        )
        return 0
    value = printed.value
    if printed.marker:
        sign = printed.direction if printed.form == "number" else 0
        if kind is ValueKind.SIGNED_COUNT and sign:
            out.add(
                finding(
                    "marker_sign",
                    WARNING,
                    f"{shown!r} read as the change {sign * int(value)}: the arrow "
                    f"{printed.marker!r} taken as its sign ({info.label_zh})",
                    f"{shown!r} 读作增减 {sign * int(value)}：箭头 {printed.marker!r} 视为正负号"
                    f"（{info.label_zh}）",
                    pointer=pointer,
                    location=where,
                    actual=token.text,
                    expected=sign * int(value),
                )
            )
            if value == value.to_integral_value():
                return sign * int(value)
        else:
            out.add(
                finding(
                    "marker_dropped",
                    WARNING,
                    f"{shown!r}: the mark {printed.marker!r} printed beside the number is not "
                    f"part of it and was dropped; read as {printed.digits or value}",
                    f"{shown!r}：数字旁的标记 {printed.marker!r} 不属于数值，已去掉；读作 "
                    f"{printed.digits or value}",
                    pointer=pointer,
                    location=where,
                    actual=token.text,
                    expected=printed.digits or str(value),
                )
            )
    if kind is ValueKind.AMOUNT:
        if printed.form == "amount":
            if printed.unit in ("万元", "万"):
                en = f"amount {shown!r} printed with its unit, read as {value} 万元"
                zh = f"金额 {shown!r} 带单位，读作 {value} 万元"
                severity = INFO
            else:
                en = f"amount {shown!r} in {printed.unit}, converted exactly to {value} 万元"
                zh = f"金额 {shown!r} 以{printed.unit}为单位，已精确换算为 {value} 万元"
                severity = WARNING
            out.add(
                finding(
                    "unit_converted",
                    severity,
                    en,
                    zh,
                    pointer=pointer,
                    location=where,
                    actual=token.text,
                    expected=value,
                )
            )
            return value
        if printed.form == "number":
            if unit and unit not in ("万元", "万"):
                converted = to_wan(value, unit)
                out.add(
                    finding(
                        "unit_converted",
                        WARNING,
                        f"the column is headed in {unit}: {shown} converted to {converted} 万元",
                        f"该栏以{unit}为单位：{shown} 已换算为 {converted} 万元",
                        pointer=pointer,
                        location=where,
                        actual=token.text,
                        expected=converted,
                    )
                )
                return converted
            return value
    if kind is ValueKind.SIGNED_COUNT and printed.form == "signed":
        out.add(
            finding(
                "signed_change",
                INFO,
                f"change {shown!r} read as {int(value)}",
                f"增减 {shown!r} 读作 {int(value)}",
                pointer=pointer,
                location=where,
                actual=token.text,
                expected=int(value),
            )
        )
        return int(value)
    if kind in (ValueKind.COUNT, ValueKind.SIGNED_COUNT) and printed.form in (
        "number",
        "count_unit",
    ):
        if value != value.to_integral_value():
            out.add(
                finding(
                    "bad_value",
                    ERROR,
                    f"{shown!r} is not a whole number, but {info.label_zh} is a count",
                    f"{shown!r} 不是整数，而“{info.label_zh}”是件数",
                    pointer=pointer,
                    location=where,
                    actual=token.text,
                )
            )
            return None
        if printed.form == "count_unit" or "." in printed.digits:
            out.add(
                finding(
                    "count_read",
                    INFO,
                    f"{shown!r} read as the count {int(value)}",
                    f"{shown!r} 读作件数 {int(value)}",
                    pointer=pointer,
                    location=where,
                    actual=token.text,
                    expected=int(value),
                )
            )
        return int(value)
    out.add(
        finding(
            "bad_value",
            ERROR,
            f"{shown!r} cannot be read as {kind.expected('en')} ({info.label_zh})",
            f"{shown!r} 不能读作{kind.expected('zh')}（{info.label_zh}）",
            pointer=pointer,
            location=where,
            actual=token.text,
        )
    )
    return None


# --- reading one table ----------------------------------------------------------------------


def _header_unit(region: Sequence[Token]) -> str:
    text = "".join(t.key for t in region if t.value is None)
    m = re.search(r"单位(亿元|万元|元)", text)
    return m.group(1) if m else ""


def header_order(
    out: Interpretation, region: Sequence[Token], labels: Sequence[str], width: int, table: str
) -> list[int] | None:
    """The cell each printed column holds, when a grid header prints the columns in another
    order than the form's; ``None`` when it prints the form's order or cannot be read whole.

    Only a header whose every column label sits in a cell of its own, at distinct grid columns,
    is read: anything less and the form's order is assumed.
    """
    keys = [loose(label) for label in labels]
    hits: dict[int, int] = {}
    for t in region:
        if t.value is None and t.span.col is not None and t.key in keys:
            hits.setdefault(t.span.col, keys.index(t.key))
    if len(hits) != width or width % len(keys):
        return None
    sequence = [hits[c] for c in sorted(hits)]
    size = len(keys)
    order: list[int] = []
    for start in range(0, width, size):
        chunk = sequence[start : start + size]
        if sorted(chunk) != list(range(size)):
            return None
        order += [start + k for k in chunk]
    if order == list(range(width)):
        return None
    shown = " ".join(labels[k] for k in sequence[:size])
    out.add(
        finding(
            "column_order",
            WARNING,
            f"Table {table}'s header prints its columns in another order ({shown}); the values "
            "are read by the header",
            f"表{table}的表头栏目顺序与表格不同（{shown}）；按表头读取数值",
            location=next(t.span for t in region if t.value is None and t.span.col is not None),
        )
    )
    return order


def _in_order(tokens: Sequence[Token], order: list[int] | None) -> Sequence[Token]:
    if order is None or len(order) != len(tokens):
        return tokens
    placed: list[Token] = list(tokens)
    for printed, cell in enumerate(order):
        placed[cell] = tokens[printed]
    return placed


def read_rows(
    out: Interpretation,
    region: Sequence[Token],
    rows: Sequence[RowSpec],
    groups: Sequence[Group],
    pairs: Sequence[tuple[int, int]],
    table: str,
    column_rule: Callable[[dict[str, list[int]]], bool] | None = None,
    order: list[int] | None = None,
) -> None:
    """Read the assigned groups as rows; report unassigned groups and missing rows."""
    unit = _header_unit(region)
    if len(groups) > MAX_GROUPS:
        out.add(
            finding(
                "too_many_rows",
                ERROR,
                f"Table {table}: {len(groups)} rows of values where the form has "
                f"{len(rows)}; only the first {MAX_GROUPS} were considered",
                f"表{table}：有 {len(groups)} 行数值，而表格为 {len(rows)} 行；只考虑了前 "
                f"{MAX_GROUPS} 行",
                location=groups[MAX_GROUPS].tokens[0].span,
            )
        )
        groups = groups[:MAX_GROUPS]
    assigned = dict(pairs)
    by_row = {r: g for g, r in pairs}
    for gi, group in enumerate(groups):
        if gi in assigned:
            continue
        first = group.tokens[0]
        shown = " ".join(_show(t) for t in group.tokens)
        if all(t.value is not None and t.value.form == "placeholder" for t in group.tokens):
            if all(_is_blank(t) for t in group.tokens) and all(
                header_line(region, line) for line in {t.line for t in group.tokens}
            ):  # a header or group row's blank cells: the form's own shape
                continue
            out.add(
                finding(
                    "ignored_cells",
                    INFO,
                    f"Table {table}: {len(group.tokens)} placeholder cell(s) outside any row of "
                    f"the form ignored ({shown})",
                    f"表{table}：不属于表格任何一行的 {len(group.tokens)} 个占位单元格"
                    f"已忽略（{shown}）",
                    location=first.span,
                    actual=shown,
                )
            )
            continue
        label = (group.before_raw[-30:] or group.after_raw[:30]) or "(no label)"
        out.add(
            finding(
                "unrecognised_row",
                WARNING,
                f"Table {table}: a row the form does not have, not imported: {label!r} {shown}",
                f"表{table}：表格中没有的一行，未导入：{label!r} {shown}",
                location=first.span,
                actual=f"{label} {shown}",
            )
        )
    candidates: dict[int, list[list[int]]] = {}
    for ri, row in enumerate(rows):
        if ri not in by_row:
            out.add(
                finding(
                    "missing_row",
                    ERROR,
                    f"Table {table}: row {row.label!r} was not found",
                    f"表{table}：未找到“{row.label}”一行",
                    pointer=row.pointer,
                )
            )
            continue
        group = _without_padding(out, groups[by_row[ri]], row.width, table, region)
        _label_findings(out, row, group, table)
        if len(group.tokens) == row.width:
            _read_group(out, row, _in_order(group.tokens, order), unit)
            continue
        found = _recover(out, row, group, table)
        if found is not None:
            candidates[ri] = found
    if candidates:
        _resolve(out, rows, groups, by_row, candidates, table, column_rule)


def _is_blank(token: Token) -> bool:
    """A grid cell with nothing in it (not a printed placeholder such as / or —)."""
    return not token.text and token.value is not None and token.value.form == "placeholder"


def _without_padding(
    out: Interpretation,
    group: Group,
    width: int,
    table: str,
    region: Sequence[Token] | None = None,
) -> Group:
    """The group without the empty grid cells that cannot be the row's: merged-cell padding.

    Converters print a merged cell as the cell and empty cells after it
    (``| 行政许可 | 1,204 | | |``), a label merged over several columns as the label and empty
    cells before the values (``| 一、本年新收… | | | 15 | 3 | …``), and the empty cells of header
    rows run into the values under them. Where a row prints more values than it has cells, empty
    cells on lines that print none of its values are dropped first, then empty cells after its
    ``width`` cells, then empty cells before them;
    if that leaves exactly ``width`` values, they are the row's (with an ``ignored_cells``
    finding), and otherwise the group is left as printed (its count is an error later).
    """
    tokens = list(group.tokens)
    if len(tokens) <= width or not any(_is_blank(t) for t in tokens):
        return group
    printed = {t.line for t in tokens if not _is_blank(t)}
    kept = [t for t in tokens if not _is_blank(t) or t.line in printed]
    if len(kept) > width and all(_is_blank(t) for t in kept[width:]):
        kept = kept[:width]
    if len(kept) > width and all(_is_blank(t) for t in kept[: len(kept) - width]):
        kept = kept[len(kept) - width :]  # a label merged over several columns: | 一、… | | | 15
    if len(kept) != width:
        return group
    dropped = len(tokens) - width
    lines = {t.line for t in tokens if t not in kept}
    if region is not None and all(header_line(region, line) for line in lines):
        return attrs.evolve(group, tokens=tuple(kept))  # the header rows' blank cells
    out.add(
        finding(
            "ignored_cells",
            INFO,
            f"Table {table}: {dropped} empty cell(s) beside a row's {width} value(s) ignored "
            "(merged-cell padding)",
            f"表{table}：一行 {width} 个数值旁的 {dropped} 个空单元格已忽略（合并单元格的填充）",
            location=tokens[0].span,
            actual=" ".join(_show(t) for t in tokens),
        )
    )
    return attrs.evolve(group, tokens=tuple(kept))


def _label_findings(out: Interpretation, row: RowSpec, group: Group, table: str) -> None:
    first = group.tokens[0]
    full = loose(row.label)
    mine = [(wrong, right) for wrong, right in group.misprints if right in full or full in right]
    if mine:
        for wrong, right in dict(mine).items():
            out.add(
                finding(
                    "label_misprint",
                    INFO,
                    f"Table {table}: known misprint {wrong!r} read as {right!r} ({row.label})",
                    f"表{table}：已知误印 {wrong!r} 按 {right!r} 读（{row.label}）",
                    pointer=row.pointer,
                    location=first.span,
                    actual=wrong,
                    expected=right,
                )
            )
        return
    label = "".join(row.label.split())
    near = group.before_raw[-(len(label) + 12) :] + group.after_raw[: len(label) + 12]
    near = near.translate(_DIGITS)  # ３.其他 prints the ordinal 3 in full width
    if label in near and (len(label) > 3 or _with_ordinal(row, near)):
        return
    text = group.before_raw[-(len(label) + 6) :] or group.after_raw[: len(label) + 6]
    out.add(
        finding(
            "label_lenient",
            INFO,
            f"Table {table}: label read leniently as {row.label!r} from {text!r}",
            f"表{table}：按宽松匹配将 {text!r} 读作“{row.label}”",
            pointer=row.pointer,
            location=first.span,
            actual=text,
            expected=row.label,
        )
    )


def _with_ordinal(row: RowSpec, text: str) -> bool:
    """Whether a short label (其他, 总计) is printed as a row label: after its ordinal."""
    core = loose(row.ordinal)
    if not core:
        return True
    return re.search(re.escape(core) + r"[.、．)）]?\s*" + re.escape(row.label), text) is not None


def _read_group(out: Interpretation, row: RowSpec, tokens: Sequence[Token], unit: str) -> None:
    for (name, info), token in zip(row.cells, tokens, strict=True):
        pointer = f"{row.pointer}/{name}"
        value = convert(out, token, info, pointer, unit)
        if value is not None:
            out.put(pointer, value, token.span)


def _recover(out: Interpretation, row: RowSpec, group: Group, table: str) -> list[list[int]] | None:
    """Candidate splits of a row whose cell boundaries were lost, or ``None`` (with a finding)."""
    tokens = group.tokens
    shown = " ".join(_show(t) for t in tokens)
    digits_only = all(
        t.value is not None and t.value.form == "number" and t.value.digits.isdigit()
        for t in tokens
    )
    if len(tokens) > row.width or not digits_only:
        out.add(
            finding(
                "wrong_cell_count",
                ERROR,
                f"Table {table}: row {row.label!r} prints {len(tokens)} value(s) ({shown}) "
                f"where the form has {row.width}; the row is not read",
                f"表{table}：“{row.label}”一行有 {len(tokens)} 个数值（{shown}），"
                f"而表格为 {row.width} 个；该行未读取",
                pointer=row.pointer,
                location=tokens[0].span,
                actual=shown,
                expected=row.width,
            )
        )
        return None
    found: list[list[int]] = []
    if count_splits(tokens, row.width) > _MAX_TRIES:  # too many splits to try: never guess
        out.add(
            finding(
                "split_ambiguous",
                ERROR,
                f"Table {table}: row {row.label!r} prints {shown!r}, its cell boundaries lost, "
                "with digits enough for too many splits; the row is not read",
                f"表{table}：“{row.label}”一行为 {shown!r}，单元格边界丢失，可能的拆分过多；"
                "该行未读取",
                pointer=row.pointer,
                location=tokens[0].span,
                actual=shown,
            )
        )
        return None
    for split in splits(tokens, row.width):
        if row.rule is None or row.rule(split):
            found.append(split)
            if len(found) > _MAX_SPLITS:
                break
    if not found:
        out.add(
            finding(
                "split_impossible",
                ERROR,
                f"Table {table}: row {row.label!r} prints {shown!r}, fewer values than its "
                f"{row.width} cells, and no way of splitting the digits satisfies the form's "
                "arithmetic; the row is not read",
                f"表{table}：“{row.label}”一行为 {shown!r}，少于 {row.width} 个单元格，且没有一种"
                "拆分方式符合表格的勾稽关系；该行未读取",
                pointer=row.pointer,
                location=tokens[0].span,
                actual=shown,
            )
        )
        return None
    return found


def _resolve(
    out: Interpretation,
    rows: Sequence[RowSpec],
    groups: Sequence[Group],
    by_row: Mapping[int, int],
    candidates: dict[int, list[list[int]]],
    table: str,
    column_rule: Callable[[dict[str, list[int]]], bool] | None,
) -> None:
    """Choose splits of rows with lost boundaries: only where exactly one satisfies the rules."""
    chosen: dict[int, list[int]] = {ri: c[0] for ri, c in candidates.items() if len(c) == 1}
    open_rows = [ri for ri, c in candidates.items() if len(c) > 1]
    if open_rows and column_rule is not None and out.complete:
        combos = 1
        for ri in open_rows:
            combos *= len(candidates[ri])
        if combos <= _MAX_SPLITS:
            known = _known_rows(out, rows, chosen)
            good = []
            for combo in itertools.product(*(candidates[ri] for ri in open_rows)):
                trial = dict(known)
                for ri, values in zip(open_rows, combo, strict=True):
                    trial[rows[ri].pointer] = list(values)
                if column_rule(trial):
                    good.append(combo)
                    if len(good) > 1:
                        break
            if len(good) == 1:
                for ri, values in zip(open_rows, good[0], strict=True):
                    chosen[ri] = list(values)
                    candidates[ri] = [list(values)]
                open_rows = []
    for ri in open_rows:
        row, group = rows[ri], groups[by_row[ri]]
        shown = " ".join(_show(t) for t in group.tokens)
        out.add(
            finding(
                "split_ambiguous",
                ERROR,
                f"Table {table}: row {row.label!r} prints {shown!r}, its cell boundaries lost; "
                f"{len(candidates[ri])} or more ways of splitting it satisfy the form's "
                "arithmetic, so the row is not read",
                f"表{table}：“{row.label}”一行为 {shown!r}，单元格边界丢失；有 "
                f"{len(candidates[ri])} 种以上拆分方式符合勾稽关系，故该行未读取",
                pointer=row.pointer,
                location=group.tokens[0].span,
                actual=shown,
            )
        )
    for ri, values in chosen.items():
        row, group = rows[ri], groups[by_row[ri]]
        shown = " ".join(_show(t) for t in group.tokens)
        out.add(
            finding(
                "split_recovered",
                WARNING,
                f"Table {table}: row {row.label!r} prints {shown!r} with its cell boundaries "
                f"lost; the only split that satisfies the form's arithmetic is {values}",
                f"表{table}：“{row.label}”一行为 {shown!r}，单元格边界丢失；唯一符合勾稽关系的"
                f"拆分为 {values}",
                pointer=row.pointer,
                location=group.tokens[0].span,
                actual=shown,
                expected=values,
            )
        )
        for (name, _info), value in zip(row.cells, values, strict=True):
            out.put(f"{row.pointer}/{name}", value, group.tokens[0].span)


def _known_rows(
    out: Interpretation, rows: Sequence[RowSpec], chosen: Mapping[int, list[int]]
) -> dict[str, list[int]]:
    known: dict[str, list[int]] = {}
    for ri, row in enumerate(rows):
        if ri in chosen:
            known[row.pointer] = list(chosen[ri])
            continue
        node: Any = out.data
        for key in row.pointer.strip("/").split("/"):
            node = node.get(key, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict) and all(name in node for name, _ in row.cells):
            known[row.pointer] = [node[name] for name, _ in row.cells]
    return known


def table3_column_rule(edition: Edition) -> Callable[[dict[str, list[int]]], bool]:
    """Table 三's column arithmetic (T3-1, T3-3) over rows given as pointer → values."""
    rows = table3_rows(edition)
    pointers = [r.pointer for r in rows]
    r1, r2, total, r4 = pointers[0], pointers[1], pointers[-2], pointers[-1]
    outcomes = pointers[2:-2]

    def rule(known: dict[str, list[int]]) -> bool:
        for c in range(7):
            if all(p in known for p in (r1, r2, total, r4)) and (
                known[r1][c] + known[r2][c] != known[total][c] + known[r4][c]
            ):
                return False
            if all(p in known for p in (total, *outcomes)) and known[total][c] != sum(
                known[p][c] for p in outcomes
            ):
                return False
        return True

    return rule


# --- the whole report -----------------------------------------------------------------------


def _region(tokens: Sequence[Token], start: int | None, end: int | None) -> list[Token]:
    lo = -1 if start is None else start
    hi = 10**9 if end is None else end
    return [t for t in tokens if lo < t.line < hi]


def _anchor(layout: Layout, keys: Sequence[str], start: int, end: int | None = None) -> int | None:
    """The index of the first line from ``start`` whose text contains one of ``keys``."""
    stop = len(layout.lines) if end is None else end
    for index in range(start, stop):
        text = loose(layout.lines[index].text)
        if any(k in text for k in keys):
            return index
    return None


@attrs.frozen
class Regions:
    """Line indices bounding each table (exclusive) and the headings found."""

    headings: Mapping[str, int]
    t2: tuple[int | None, int | None] | None
    t3: tuple[int | None, int | None] | None
    t4: tuple[int | None, int | None] | None


def find_regions(layout: Layout) -> Regions:
    """Where Tables 二, 三 and 四 are: by their headings, else by their captions and labels.

    A table found by its heading at line ``h`` starts after ``h`` and the table before it ends
    at ``h``; one found by its first label at line ``a`` starts at ``a`` and the one before it
    ends there too.
    """
    h = find_headings(layout)
    n = len(layout.lines)

    def bounds(name: str, keys: Sequence[str], after: int) -> tuple[int | None, int | None]:
        if name in h:
            return h[name], h[name]
        a = _anchor(layout, keys, after)
        return (a - 1, a) if a is not None else (None, None)

    t2_start, _ = bounds("proactive_disclosure", ("第二十条",), h.get("overview", -1) + 1)
    t3_start, t3_cut = bounds(
        "requests",
        (loose(RequestsRow.NEW_RECEIVED.label_zh), "申请人情况", "勾稽关系"),
        (t2_start if t2_start is not None else -1) + 1,
    )
    after = (t3_start if t3_start is not None else -1) + 1
    if "reviews_and_litigation" not in h:
        r4 = _anchor(layout, (loose(RequestsRow.CARRIED_FORWARD.label_zh),), after)
        after = (r4 if r4 is not None else after - 1) + 1
    t4_start, t4_cut = bounds(
        "reviews_and_litigation", (loose(Proceeding.ADMINISTRATIVE_REVIEW.label_zh),), after
    )
    t4_end = h.get("problems_and_improvements", h.get("other_matters"))
    if t4_end is None and t4_start is not None:
        t4_end = _prose_after(layout, t4_start)
    t2 = (t2_start, t3_cut if t3_cut is not None else t4_cut) if t2_start is not None else None
    t3 = (t3_start, t4_cut) if t3_start is not None else None
    t4 = (t4_start, t4_end if t4_end is not None else n) if t4_start is not None else None
    return Regions(headings=h, t2=t2, t3=t3, t4=t4)


def _prose_after(layout: Layout, start: int) -> int | None:
    """The first line of prose after a table's values (where a table without heading ends)."""
    seen_value = False
    for index in range(start + 1, len(layout.lines)):
        line = layout.lines[index]
        values = [c for c in line.cells if read_printed(c.text) is not None]
        if values:
            seen_value = True
            continue
        if seen_value and line.table is None and len(loose(line.text)) >= 20:
            return index
    return None


def interpret(layout: Layout, *, name: str | None = None) -> Interpretation:
    """Read an annual report out of ``layout``; see the module docstring."""
    out = Interpretation()
    tokens = tokenize(layout)
    regions = find_regions(layout)
    if regions.t3 is None and regions.t4 is None and regions.t2 is None:
        out.add(
            finding(
                "no_report",
                ERROR,
                "no report tables found: the source holds none of Tables 二, 三, 四 of a "
                "政府信息公开工作年度报告",
                "未找到年度报告表格：来源中没有政府信息公开工作年度报告的表二、表三、表四",
            )
        )
        return out
    meta = read_metadata(out, layout, regions)
    cache: _Assigned = {}
    edition = _detect_edition(out, tokens, regions, meta.get("year"), cache, meta.get("edition"))
    out.put("/edition", edition.value, None)
    _read_table2(out, tokens, regions, edition)
    _read_table3(out, tokens, regions, edition, cache)
    _read_table4(out, tokens, regions)
    return out


def _missing_table(out: Interpretation, table: str, pointer: str) -> None:
    out.add(
        finding(
            "missing_table",
            ERROR,
            f"Table {table} was not found",
            f"未找到表{table}",
            pointer=pointer,
        )
    )


_Assigned = dict[Edition, tuple[list[Group], list[tuple[int, int]]]]


def _detect_edition(
    out: Interpretation,
    tokens: Sequence[Token],
    regions: Regions,
    year: int | None,
    cache: _Assigned,
    printed: str | None = None,
) -> Edition:
    votes: dict[str, Edition | None] = {"二": None, "三": None}
    if regions.t2 is not None:
        text = "".join(t.key for t in _region(tokens, *regions.t2) if t.value is None)
        counts = {e: sum(1 for w in _DISTINCTIVE[e] if w in text) for e in Edition}
        best = max(counts, key=lambda e: counts[e])
        if counts[best] > 0 and list(counts.values()).count(counts[best]) == 1:
            votes["二"] = best
    if regions.t3 is not None:
        region = _region(tokens, *regions.t3)
        scores: dict[Edition, float] = {}
        for e in Edition:
            groups = make_groups(region, 7)
            score, pairs = assign(groups, table3_rows(e))
            cache[e] = (groups, pairs)
            scores[e] = score - (len(table3_rows(e)) - len(pairs)) - (len(groups) - len(pairs))
        best = max(scores, key=lambda e: scores[e])
        others = [s for e, s in scores.items() if e is not best]
        if all(scores[best] - s >= 0.5 for s in others):
            votes["三"] = best
    decided = [e for e in votes.values() if e is not None]
    if decided and len(set(decided)) > 1:
        edition = votes["三"] or decided[0]
        out.add(
            finding(
                "edition_conflict",
                WARNING,
                f"Table 二 has the layout of edition {votes['二']}, Table 三 that of edition "
                f"{votes['三']}; read as edition {edition.value}",
                f"表二为{votes['二']}版格式，表三为{votes['三']}版格式；按{edition.value}版读取",
                pointer="/edition",
            )
        )
    elif decided:
        edition = decided[0]
        basis = " and ".join(f"Table {t}" for t, e in votes.items() if e is not None)
        basis_zh = "、".join(f"表{t}" for t, e in votes.items() if e is not None)
        out.add(
            finding(
                "edition_detected",
                INFO,
                f"edition {edition.value} ({edition.document}) read from the layout of {basis}",
                f"根据{basis_zh}的格式判定为{edition.value}版（{edition.document}）",
                pointer="/edition",
                expected=edition.value,
            )
        )
    elif printed is not None:
        edition = Edition(printed)
        out.add(
            finding(
                "edition_printed",
                INFO,
                f"the tables do not show their edition; read as the edition {edition.value} "
                "the report states",
                f"表格未显示其版本；按报告所载的{edition.value}版读取",
                pointer="/edition",
            )
        )
    elif year is not None and year >= Edition.E2019.first_year:
        edition = Edition.for_year(year)
        out.add(
            finding(
                "edition_assumed",
                WARNING,
                f"the tables do not show their edition; assumed {edition.value}, the edition "
                f"in force for {year}",
                f"表格未显示其版本；按{year}年适用的{edition.value}版读取",
                pointer="/edition",
            )
        )
    else:
        edition = Edition.E2021
        out.add(
            finding(
                "edition_assumed",
                WARNING,
                "neither the tables nor the year show the edition; assumed 2021",
                "表格和年度均无法判定版本；按2021版读取",
                pointer="/edition",
            )
        )
    if year is not None and year >= Edition.E2019.first_year and not edition.covers(year):
        out.add(
            finding(
                "edition_year_mismatch",
                WARNING,
                f"the tables follow edition {edition.value}, but the edition in force for "
                f"{year} is {Edition.for_year(year).value}",
                f"表格采用{edition.value}版格式，而{year}年度适用{Edition.for_year(year).value}版",
                pointer="/edition",
                expected=Edition.for_year(year).value,
                actual=edition.value,
            )
        )
    return edition


def _read_table2(
    out: Interpretation, tokens: Sequence[Token], regions: Regions, edition: Edition
) -> None:
    if regions.t2 is None:
        _missing_table(out, "二", "/proactive_disclosure")
        return
    region = _region(tokens, *regions.t2)
    rows = table2_rows(edition)
    groups = make_groups(region, None)
    _, pairs = assign(groups, rows)
    read_rows(out, region, rows, groups, pairs, "二")


def _read_table3(
    out: Interpretation,
    tokens: Sequence[Token],
    regions: Regions,
    edition: Edition,
    cache: _Assigned,
) -> None:
    if regions.t3 is None:
        _missing_table(out, "三", "/requests")
        return
    region = _region(tokens, *regions.t3)
    rows = table3_rows(edition)
    if edition in cache:
        groups, pairs = cache[edition]
    else:
        groups = make_groups(region, 7)
        _, pairs = assign(groups, rows)
    labels = [info.label_zh for _, info in rows[0].cells]
    order = header_order(out, region, labels, len(labels), "三")
    read_rows(out, region, rows, groups, pairs, "三", table3_column_rule(edition), order)
    _suspect_order(out, rows)


def _suspect_order(out: Interpretation, rows: Sequence[RowSpec]) -> None:
    """A warning when most rows of Table 三 do not add up: the cells may be read out of order.

    Reports that do not add up exist, and the checker reports each sum; but when most rows
    fail, the likelier cause is a source whose cells came in another order (a text extracted
    column by column), and the import says so.
    """
    failing, nonzero = [], 0
    for row in rows:
        node: Any = out.data
        for key in row.pointer.strip("/").split("/"):
            node = node.get(key, {}) if isinstance(node, dict) else {}
        found = [node.get(name) for name, _ in row.cells] if isinstance(node, dict) else []
        values = [v for v in found if isinstance(v, int)]
        if len(values) != 7 or not any(values):
            continue
        nonzero += 1
        if not _applicant_rule(values):
            failing.append(row.pointer)
    if nonzero >= 3 and 2 * len(failing) > nonzero:
        out.add(
            finding(
                "order_suspect",
                WARNING,
                f"Table 三: {len(failing)} of the {nonzero} rows with numbers do not add up to "
                "their 总计; the cells may have been read out of order (a text extracted column "
                "by column?): check the source",
                f"表三：{nonzero} 行有数字的行中有 {len(failing)} 行各栏之和不等于总计；单元格可能"
                "未按顺序读取（按列提取的文本？），请核对原文",
                pointer=failing[0],
            )
        )


def _transposed(
    out: Interpretation,
    region: Sequence[Token],
    values: Sequence[Token],
    cells: Sequence[tuple[str, FieldInfo]],
) -> list[Token] | None:
    """Table 四 printed turned: a line per result (结果维持 … 总计), a column per proceeding.

    Read so only where the labels say it: five lines of three values each, each line's text
    before its values naming the result, in the form's order. The values are then returned in
    the form's order (by proceeding, then result), with an ``import.table_transposed`` finding.
    """
    by_line: dict[int, list[Token]] = {}
    for t in values:
        by_line.setdefault(t.line, []).append(t)
    if len(by_line) != len(cells) or any(len(v) != 3 for v in by_line.values()):
        return None
    for (line, row), (_, info) in zip(by_line.items(), cells, strict=True):
        before = ""
        for t in region:  # the line's text before its first value
            if t is row[0]:
                break
            if t.line == line and t.value is None:
                before += t.key
        if not before.endswith(loose(info.label_zh)):
            return None
    lines = list(by_line.values())
    out.add(
        finding(
            "table_transposed",
            INFO,
            "Table 四 is printed turned (a line per result, a column per proceeding): "
            "read by its labels",
            "表四行列互换（每行一种结果、每列一类案件）：按标签读取",
            pointer="/reviews_and_litigation",
            location=values[0].span,
        )
    )
    return [lines[r][c] for c in range(3) for r in range(len(cells))]


def _read_table4(out: Interpretation, tokens: Sequence[Token], regions: Regions) -> None:
    if regions.t4 is None:
        _missing_table(out, "四", "/reviews_and_litigation")
        return
    region = _region(tokens, *regions.t4)
    values = [t for t in region if t.value is not None]
    cells = tuple(fields_info(ReviewGroup).items())
    rows = [
        RowSpec(
            label=p.label_zh if p.label_group_zh == p.label_zh else p.label_group_zh + p.label_zh,
            key=loose(p.label_zh),
            pointer=f"/reviews_and_litigation/{p.code}",
            cells=cells,
            rule=lambda v: sum(v[:4]) == v[4],
        )
        for p in Proceeding
    ]
    width = sum(r.width for r in rows)
    if not values:
        _missing_table(out, "四", "/reviews_and_litigation")
        return
    group = _without_padding(out, Group(tuple(values), "", "", "", "", ()), width, "四", region)
    values = list(group.tokens)
    if len(values) == width and (turned := _transposed(out, region, values, cells)) is not None:
        for k, row in enumerate(rows):
            _read_group(out, row, turned[5 * k : 5 * k + 5], "")
        return
    if len(values) == width:
        labels = [info.label_zh for _, info in cells]
        values = list(_in_order(values, header_order(out, region, labels, width, "四")))
        for k, row in enumerate(rows):
            _read_group(out, row, values[5 * k : 5 * k + 5], "")
        return
    whole = RowSpec(
        label="行政复议、行政诉讼",
        key="",
        pointer="/reviews_and_litigation",
        cells=tuple((f"{r.pointer}/{n}", i) for r in rows for n, i in r.cells),
        rule=lambda v: all(sum(v[k : k + 4]) == v[k + 4] for k in (0, 5, 10)),
    )
    found = _recover(out, whole, group, "四")
    if found is None:
        return
    if len(found) == 1:
        shown = " ".join(_show(t) for t in values)
        out.add(
            finding(
                "split_recovered",
                WARNING,
                f"Table 四 prints {shown!r} with cell boundaries lost; the only split that "
                f"satisfies the form's arithmetic is {found[0]}",
                f"表四为 {shown!r}，单元格边界丢失；唯一符合勾稽关系的拆分为 {found[0]}",
                pointer="/reviews_and_litigation",
                location=values[0].span,
                actual=shown,
                expected=found[0],
            )
        )
        for (pointer, _info), value in zip(whole.cells, found[0], strict=True):
            out.put(pointer, value, values[0].span)
        return
    shown = " ".join(_show(t) for t in values)
    out.add(
        finding(
            "split_ambiguous",
            ERROR,
            f"Table 四 prints {shown!r}, its cell boundaries lost; {len(found)} or more ways "
            "of splitting it satisfy the form's arithmetic, so it is not read",
            f"表四为 {shown!r}，单元格边界丢失；有 {len(found)} 种以上拆分方式符合勾稽关系，"
            "故未读取",
            pointer="/reviews_and_litigation",
            location=values[0].span,
            actual=shown,
        )
    )


# --- metadata and narrative ------------------------------------------------------------------

# 政务公开 too: some organs title the same report 政务公开工作年度报告
_TITLE = re.compile(
    r"(20[0-9]{2})\s*年\s*度?\s*(?:[^\s0-9]{0,12})?政\s*(?:府\s*信\s*息|务)\s*公\s*开"
)
# A title printing the year after the report's name: …政府信息公开工作年度报告（2022年）
_TITLE_YEAR_AFTER = re.compile(
    r"政\s*(?:府\s*信\s*息|务)\s*公\s*开\s*工?\s*作?\s*年\s*度\s*报\s*告"
    r"\s*[（(]\s*(20[0-9]{2})\s*年?度?\s*[）)]"
)
# Text of a sentence, not of a name: a body paragraph citing the regulation and the year.
_PROSE = re.compile(r"[，。；！？《》,;]")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")  # a name's own note may hold a comma
_DATE = re.compile(r"(20[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
_DATE_ONLY = re.compile(
    r"\s*[（(]?\s*(20[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*[）)]?\s*\Z"
)
_ISO = re.compile(r"(20[0-9]{2})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ORGAN_EDGE = '#*_:：,，。、"“”《》'


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
}
_CN_DATE = re.compile(
    r"\s*[（(]?\s*([〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日\s*[）)]?\s*\Z"
)


def _cn_number(text: str) -> int:
    """一 … 三十一 as a number."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _date_line(text: str) -> _dt.date | None:
    """The date a line holds alone: ``2021年1月11日``, ``（2026年1月23日）``, in 〇一二… too."""
    m = _DATE_ONLY.match(text)
    if m:
        return _date(*m.groups())
    m = _CN_DATE.match(text)
    if m:
        try:
            year = "".join(str(_CN_DIGITS[c]) for c in m.group(1))
            return _date(year, str(_cn_number(m.group(2))), str(_cn_number(m.group(3))))
        except KeyError:
            return None
    return None


def _date(y: str, m: str, d: str) -> _dt.date | None:
    try:
        return _dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _clean_organ(text: str) -> str:
    text = "".join(text.split()).strip(_ORGAN_EDGE)
    text = text.removeprefix("关于").removesuffix("关于").strip(_ORGAN_EDGE)
    while text.startswith(("(", "（")) and text.endswith((")", "）")):
        text = text[1:-1].strip(_ORGAN_EDGE)
    if text.endswith(("(", "（")):
        text = text[:-1]
    return text


def read_metadata(out: Interpretation, layout: Layout, regions: Regions) -> dict[str, Any]:
    """Organ name, report year, publication date, narrative; recorded into ``out``."""
    lines = layout.lines
    texts = [line.text.translate(_DIGITS) for line in lines]
    first_table = min(
        (r[0] for r in (regions.t2, regions.t3, regions.t4) if r is not None and r[0] is not None),
        default=len(lines),
    )
    meta: dict[str, Any] = {}
    organ, organ_span, year, year_span = None, None, None, None
    candidates: list[tuple[str, int | None]] = [(texts[i], i) for i in range(min(first_table, 40))]
    if "title" in layout.meta:
        candidates.insert(0, (layout.meta["title"], None))
    for text, index in candidates:
        plain = simplified(text)  # a title in traditional characters too
        m = _TITLE.search(plain) or _TITLE_YEAR_AFTER.search(plain)
        if not m or _PROSE.search(_PAREN.sub("", text[: m.start()])):  # a body sentence
            continue
        year = int(m.group(1))
        year_span = lines[index].cells[0].span if index is not None and lines[index].cells else None
        before = _clean_organ(text[: m.start()])
        if before:
            organ, organ_span = before, year_span
        elif index is not None:
            for back in range(index - 1, max(index - 4, -1), -1):
                prev = _clean_organ(texts[back])
                if prev and not re.search(r"[0-9]", prev) and len(prev) <= 40:
                    organ, organ_span = prev, lines[back].cells[0].span
                    break
        break
    # The signature: the organ's name and a date on lines of their own, after the tables.
    signed_on, signed_span, signer = None, None, None
    last = max(
        (r[1] for r in (regions.t4, regions.t3) if r is not None and r[1] is not None), default=0
    )
    for index in range(max(last, 0), len(lines)):
        when = _date_line(texts[index])
        if when is not None:
            signed_on, signed_span = (
                when,
                lines[index].cells[0].span if lines[index].cells else None,
            )
            prev = _clean_organ(texts[index - 1]) if index else ""
            if prev and not re.search(r"[0-9]", prev) and len(prev) <= 40:
                signer = prev
            meta["signature_line"] = index
            break
    if signed_on is None:  # a date under the title
        for index in range(min(first_table, 12)):
            when = _date_line(texts[index])
            if when is not None:
                signed_on, signed_span = (
                    when,
                    lines[index].cells[0].span if lines[index].cells else None,
                )
                break
    if organ is not None and organ_span is None:  # from the page's <title>: where it is printed
        organ_span = next(
            (
                line.cells[0].span
                for line, text in zip(lines[:first_table], texts, strict=False)
                if line.cells and organ in simplified(text)
            ),
            None,
        )
        year_span = year_span or organ_span
    labelled = labelled_metadata(layout, first_table)
    if "/organ/name" in labelled:
        organ, organ_span = labelled["/organ/name"]
    if "/year" in labelled:
        year, year_span = labelled["/year"]
    if "/published_on" in labelled:
        signed_on = _dt.date.fromisoformat(labelled["/published_on"][0])
        signed_span = labelled["/published_on"][1]
    for pointer in ("/organ/kind", "/organ/level", "/organ/division_code", "/source_url"):
        if pointer in labelled:
            out.put(pointer, *labelled[pointer])
    if "/edition" in labelled:
        meta["edition"] = labelled["/edition"][0]
    if organ is None and signer:
        organ = signer
    if organ is None:
        out.add(
            finding(
                "organ_missing",
                ERROR,
                "the organ's name is not printed where a report's title or signature is",
                "在标题或落款处未找到机关名称",
                pointer="/organ/name",
            )
        )
    else:
        out.put("/organ/name", organ, organ_span)
        if signer and signer != organ:
            out.add(
                finding(
                    "organ_differs",
                    WARNING,
                    f"the title names {organ!r}, the signature {signer!r}; {organ!r} is used",
                    f"标题为“{organ}”，落款为“{signer}”；采用“{organ}”",
                    pointer="/organ/name",
                    location=organ_span,
                )
            )
        _organ_kind(out, organ, organ_span, skip=set(labelled))
    if year is None:
        year = _year_from_period(texts[:first_table])
    if year is None:
        out.add(
            finding(
                "year_missing",
                ERROR,
                "the report year is not printed in the title or the statistical period",
                "标题或统计期限中未找到报告年度",
                pointer="/year",
            )
        )
    else:
        out.put("/year", year, year_span)
        meta["year"] = year
    if signed_on is not None:
        out.put("/published_on", signed_on.isoformat(), signed_span)
    elif "published" in layout.meta:
        m = _ISO.search(layout.meta["published"])
        when = _date(*m.groups()) if m else None
        if when is not None:
            out.put("/published_on", when.isoformat(), None)
            out.add(
                finding(
                    "published_from_page",
                    INFO,
                    f"no date is printed with the report; the page's own publication date "
                    f"{when.isoformat()} is used",
                    f"报告未印发布日期；采用网页自身的发布日期 {when.isoformat()}",
                    pointer="/published_on",
                    actual=layout.meta["published"],
                )
            )
    if "/source_url" in labelled:
        pass
    elif "url" in layout.meta and layout.meta["url"].startswith(("http://", "https://")):
        out.put("/source_url", layout.meta["url"], None)
    _narrative(out, layout, regions, meta.get("signature_line"))
    return meta


def _metadata_fields() -> dict[str, tuple[str, FieldInfo]]:
    """Loose label → (pointer, info) of the report's and the organ's scalar fields."""
    from ..report import Organ

    out: dict[str, tuple[str, FieldInfo]] = {}
    for prefix, cls in (("/organ/", Organ), ("/", AnnualReport)):
        for name, info in fields_info(cls).items():
            if info.kind is not ValueKind.OBJECT:
                out[loose(info.label_zh)] = (prefix + name, info)
    return out


_METADATA_FIELDS = _metadata_fields()
_LABELLED = re.compile(r"\s*([^:：\t]{2,8})\s*[:：]\s*(\S.*)\Z")


def _labelled_value(info: FieldInfo, text: str) -> Any:
    text = text.strip()
    kind = info.kind
    if kind in (ValueKind.NAME, ValueKind.TEXT):
        return text or None
    if kind is ValueKind.YEAR:
        m = re.search(r"20[0-9]{2}", text)
        return int(m.group()) if m else None
    if kind is ValueKind.DIVISION_CODE:
        m = re.search(r"(?<![0-9])[0-9]{6}(?![0-9])", text)
        return m.group() if m else None
    if kind is ValueKind.DATE:
        when = _date_line(text)
        if when is None and (m := _ISO.search(text)):
            when = _date(*m.groups())
        return when.isoformat() if when else None
    if kind is ValueKind.ENUM and info.enum is not None:
        key = loose(text)
        for member in info.enum:
            label = loose(getattr(member, "label_zh", ""))
            document = loose(getattr(member, "document", "") or "")
            if text == member.value or key == label or (document and document in key):
                return member.value
    return None


def labelled_metadata(layout: Layout, before: int) -> dict[str, tuple[Any, SourceSpan | None]]:
    """Metadata printed as ``label: value`` or a two-cell row (机关名称 | 某某局, 发布日期：…).

    Labels are the model's (``Organ`` and ``AnnualReport`` field labels); only lines before the
    first table are read.
    """
    found: dict[str, tuple[Any, SourceSpan | None]] = {}
    lines = layout.lines[:before]
    for index, line in enumerate(lines):
        cells = [c for c in line.cells if c.text.strip()]
        pairs: list[tuple[str, str, SourceSpan]] = []
        if len(cells) == 2:
            pairs.append((cells[0].text, cells[1].text, cells[1].span))
        elif len(cells) == 1 and (m := _LABELLED.match(cells[0].text)):
            pairs.append((m.group(1), m.group(2), cells[0].span))
        elif (
            len(cells) == 1
            and loose(cells[0].text) in _METADATA_FIELDS
            and index + 1 < len(lines)
            and lines[index + 1].cells
        ):  # the label on a line of its own, its value on the next (<dt>/<dd>, one cell a line)
            value = lines[index + 1].cells[0]
            pairs.append((cells[0].text, value.text, value.span))
        for label, text, span in pairs:
            field = _METADATA_FIELDS.get(loose(label))
            if field is None or field[0] in found:
                continue
            value = _labelled_value(field[1], text.translate(_DIGITS))
            if value is not None:
                found[field[0]] = (value, span)
    return found


def _year_from_period(texts: Sequence[str]) -> int | None:
    joined = "".join("".join(t.split()) for t in texts)
    m = re.search(r"(20[0-9]{2})年1月1日[至到]\1年12月31日", joined)
    return int(m.group(1)) if m else None


_GOVERNMENT_ENDINGS = ("人民政府", "政府")
_DEPARTMENT_ENDINGS = (
    "局",
    "厅",
    "委员会",
    "管委会",
    "委",
    "部",
    "署",
    "办公室",
    "办",
    "中心",
    "馆",
    "队",
    "所",
    "站",
)
_NATIONAL_PREFIXES = ("国务院", "中华人民共和国", "国家")


def organ_kind(name: str) -> str | None:
    """The organ's kind (an ``OrganKind`` value) as its name says it, or ``None``.

    A name ending in 人民政府 (or 政府) is a government; one ending in a department's or an
    agency's word (局, 厅, 委员会, 办公室, 中心 …) a department. A 街道办事处, or any other
    name, says nothing certain.
    """
    text = simplified(name)
    if text.endswith(_GOVERNMENT_ENDINGS):
        return str(OrganKind.GOVERNMENT.value)
    if text.endswith(_DEPARTMENT_ENDINGS) and not text.endswith("街道办事处"):
        return str(OrganKind.DEPARTMENT.value)
    return None


def organ_level(name: str) -> tuple[str | None, str]:
    """The level (an ``OrganLevel`` value) of the government an organ belongs to, and the
    division its name names last (``""`` when none).

    A government's level is its division's (某某县人民政府: county); a department's that of
    the division before its own name (某某县住房和城乡建设局, 某某县人民政府办公室: county;
    某某市某某区某某局: county). ``None`` where the name does not say it: a 市 (a
    municipality's, a prefectural city's or a county-level city's?), a 开发区, a name with no
    division.
    """
    text = simplified(name)
    cut = max(text.rfind(word) for word in _GOVERNMENT_ENDINGS)
    scope = text[:cut] if cut > 0 else text
    for word in NOT_DIVISIONS:
        scope = scope.replace(word, "\0" * len(word))
    best: tuple[int, int] | None = None
    for word in sorted(DIVISION_LEVELS, key=len, reverse=True):
        at = scope.rfind(word)
        while at == 0:  # a division is named after its place: 区块… is none
            at = -1
        if at > 0 and (best is None or at + len(word) > best[1]):
            best = (at, at + len(word))
    if best is None:
        if text.startswith(_NATIONAL_PREFIXES):
            return OrganLevel.NATIONAL.value, ""
        return None, ""
    division = text[: best[1]]
    word = text[best[0] : best[1]]
    if word == "市" and division in MUNICIPALITIES:
        return OrganLevel.PROVINCIAL.value, division
    return DIVISION_LEVELS[word], division


def _organ_kind(out: Interpretation, organ: str, span: SourceSpan | None, skip: set[str]) -> None:
    if "/organ/kind" not in skip:
        kind = organ_kind(organ)
        if kind is not None:
            out.put("/organ/kind", kind, span)
            out.add(
                finding(
                    "organ_kind_inferred",
                    INFO,
                    f"organ kind {kind!r} inferred from the name {organ!r}",
                    f"根据机关名称“{organ}”判定机关类型为 {kind!r}",
                    pointer="/organ/kind",
                    location=span,
                    expected=kind,
                )
            )
        else:
            out.add(
                finding(
                    "organ_kind_unknown",
                    INFO,
                    f"the organ's kind is not inferred: the name {organ!r} does not say "
                    "whether it is a government or a department; set organ.kind",
                    f"未判定机关类型：机关名称“{organ}”未表明是人民政府还是政府部门；"
                    "请补充 organ.kind",
                    pointer="/organ/kind",
                    location=span,
                )
            )
    if "/organ/level" in skip:
        return
    level, division = organ_level(organ)
    if level is not None:
        basis = f" (the government of {division})" if division else ""
        basis_zh = f"（{division}）" if division else ""
        out.put("/organ/level", level, span)
        out.add(
            finding(
                "organ_level_inferred",
                INFO,
                f"administrative level {level!r} inferred from the name {organ!r}{basis}",
                f"根据机关名称“{organ}”{basis_zh}判定行政层级为 {level!r}",
                pointer="/organ/level",
                location=span,
                expected=level,
            )
        )
        return
    why = (
        f"{division} may be a municipality, a prefectural or a county-level city"
        if division.endswith("市")
        else "it names no division whose level is certain"
    )
    why_zh = (
        f"{division}可能是直辖市、地级市或县级市"
        if division.endswith("市")
        else "未包含可确定层级的行政区划"
    )
    out.add(
        finding(
            "organ_level_unknown",
            INFO,
            f"the administrative level is not inferred from the name {organ!r}: {why}; "
            "set organ.level",
            f"未根据机关名称“{organ}”判定行政层级：{why_zh}；请补充 organ.level",
            pointer="/organ/level",
            location=span,
        )
    )


_NARRATIVE = ("overview", "problems_and_improvements", "other_matters")


def _narrative(
    out: Interpretation, layout: Layout, regions: Regions, signature: int | None
) -> None:
    h = regions.headings
    order = sorted(h.items(), key=lambda kv: kv[1])
    ends = {
        name: (order[k + 1][1] if k + 1 < len(order) else None) for k, (name, _) in enumerate(order)
    }
    for name in _NARRATIVE:
        if name not in h:
            continue
        start = h[name] + 1
        end = ends[name]
        if end is None:
            end = len(layout.lines)
            if signature is not None and signature > start:
                end = signature - 1 if _is_signer(layout, signature - 1) else signature
        level = layout.lines[h[name]].heading
        if level is not None:  # a heading of the same rank ends the section too
            end = next(
                (
                    i
                    for i in range(start, end)
                    if (lv := layout.lines[i].heading) is not None and lv <= level
                ),
                end,
            )
        paragraphs = _paragraphs(
            [line.text for line in layout.lines[start:end] if line.table is None],
            layout.kind in ("text", "pdf"),
        )
        if paragraphs:
            first = (
                layout.lines[start].cells[0].span
                if start < end and layout.lines[start].cells
                else None
            )
            out.put(f"/narrative/{name}", "\n".join(paragraphs), first)


def _is_signer(layout: Layout, index: int) -> bool:
    if index < 0:
        return False
    text = _clean_organ(layout.lines[index].text)
    return bool(text) and not re.search(r"[0-9]", text) and len(text) <= 40


_STARTS_PARAGRAPH = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)"
)


def _width(text: str) -> float:
    """The printed width of a line in full-width characters (ASCII counts half)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _paragraphs(texts: Sequence[str], rewrap: bool) -> list[str]:
    lines = [t.strip(" \t\u3000\xa0\r\n#") for t in texts]
    lines = [" ".join(t.split("\t")).strip() for t in lines]
    lines = [t for t in lines if t]
    if not rewrap or len(lines) < 3:
        return lines
    widths = sorted(_width(t) for t in lines)
    typical = widths[len(widths) * 3 // 4]
    if typical > 50:  # long lines: each line is a paragraph already
        return lines
    out: list[str] = []
    carry = ""
    for t in lines:
        if carry and _STARTS_PARAGRAPH.match(t):
            out.append(carry)
            carry = ""
        carry += t
        if _width(t) < 0.85 * typical:
            out.append(carry)
            carry = ""
    if carry:
        out.append(carry)
    return out
