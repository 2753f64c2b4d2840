"""The HTML front-end: a web page as saved, chrome and scripts included, into a Layout.

Parsed with lxml (the ``import`` extra), which reads broken and Word-exported markup the way
browsers do and says on which source line each element starts. The front-end

- drops scripts, styles, comments and Word's conditional markup;
- finds the report's tables among the page's others (by the form's labels, read from the model's
  metadata) and keeps only the part of the page that holds them and their sections, so site
  navigation, footers and unrelated tables are never read as the report;
- resolves ``rowspan``/``colspan`` into a grid: each cell is emitted once, located by the table's
  index in the page and the row and column of its top-left corner in the grid;
- joins a cell's text split over ``<p>``, ``<span>``, ``<br>`` and ``&nbsp;`` padding, and reads
  tables nested in layout tables;
- reads the page's title, publication date and address from its ``<title>`` and ``<meta>`` tags
  into :attr:`Layout.meta`.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from ._layout import Cell, Layout, Line, SourceSpan
from ._match import loose

__all__ = ["layout_from_html"]

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "svg",
        "head",
        "select",
        "button",
        "textarea",
        "input",
        "map",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "center",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "aside",
        "main",
        "address",
        "caption",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "body",
        "hr",
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_WORD_CONDITIONAL = re.compile(r"<!\[(?:if[^\]]*|endif)\]>", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_META_TITLE = ("articletitle", "og:title", "title", "dc.title")
_META_PUBLISHED = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "dc.date",
    "dcterms.issued",
    "publishtime",
)
_META_URL = ("url", "og:url")


def _form_keys() -> tuple[str, ...]:
    """Loose labels that mark a table as one of the report's: the form's own row labels."""
    from ..enums import Disposition, Proceeding, RequestsRow, ReviewOutcome
    from ..meta import fields_info
    from ..proactive import ProactiveDisclosure2019, ProactiveDisclosure2021

    keys = {loose(w.label_zh) for w in RequestsRow}
    keys |= {loose(d.label_zh) for d in Disposition if len(d.label_zh) > 4}
    keys |= {loose(o.label_zh) for o in ReviewOutcome}
    keys |= {loose(p.label_zh) for p in Proceeding}
    for cls in (ProactiveDisclosure2019, ProactiveDisclosure2021):
        keys |= {loose(i.label_zh) for i in fields_info(cls).values()}
    keys.add("第二十条")
    return tuple(sorted(keys))


_FORM_KEYS = _form_keys()


def _overview_keys() -> tuple[str, ...]:
    from ..meta import field_info
    from ..report import Narrative
    from ._aliases import HEADING_VARIANTS

    return (loose(field_info(Narrative, "overview").label_zh), *HEADING_VARIANTS["overview"])


_OVERVIEW = _overview_keys()


def _lxml() -> Any:
    try:
        import lxml.html
    except ImportError as exc:
        from . import MissingExtraError

        raise MissingExtraError(
            "importing HTML needs the 'import' extra: pip install 'disclosure-model[import]'"
        ) from exc
    return lxml.html


def _text_of(el: Any) -> str:
    """An element's text, with its ``<p>``/``<br>``/``<span>`` pieces joined as printed."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "br" or tag in _BLOCKS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            visit(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKS:
            parts.append("\n")

    visit(el)
    pieces = [" ".join(p.split()) for p in "".join(parts).split("\n")]
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and piece[0].isascii()
            and piece[0].isalnum()
        ):
            out += " "
        out += piece
    return out


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not those of tables nested in it)."""
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el: Any) -> Any:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cells(tr: Any) -> list[Any]:
    return [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _is_data_table(table: Any) -> bool:
    """A table of data: no tables inside, and some row with two cells or more."""
    if any(t is not table for t in table.iter("table")):
        return False
    return any(len(_cells(tr)) >= 2 for tr in _rows(table))


def _grid_lines(table: Any, index: int, name: str | None) -> list[Line]:
    """The table's rows as lines, rowspan/colspan resolved, each cell once at its grid corner."""
    taken: dict[tuple[int, int], bool] = {}
    lines: list[Line] = []
    for r, tr in enumerate(_rows(table)):
        c = 0
        cells: list[Cell] = []
        for td in _cells(tr):
            while taken.get((r, c)):
                c += 1
            rows, cols = _span(td.get("rowspan")), _span(td.get("colspan"))
            for dr in range(rows):
                for dc in range(cols):
                    taken[(r + dr, c + dc)] = True
            span = SourceSpan(source=name, table=index, row=r, col=c, line=td.sourceline)
            cells.append(Cell(text=_text_of(td), span=span))
            c += cols
        if any(cell.text.strip() for cell in cells):  # a row of empty cells (Word's spacer row)
            lines.append(Line(cells=tuple(cells), table=index))  # prints nothing
    return lines


def _is_report_table(table: Any) -> bool:
    text = loose(table.text_content())
    return sum(1 for k in _FORM_KEYS if k in text) >= 2


def _container(body: Any, tables: list[Any]) -> Any:
    """The smallest part of the page that holds the report's tables and its sections."""
    report = [t for t in tables if _is_data_table(t) and _is_report_table(t)]
    if not report:
        return body
    chains = [list(t.iterancestors()) for t in report]
    common = None
    for ancestor in chains[0]:
        if all(ancestor in chain for chain in chains[1:]):
            common = ancestor
            break
    node = common if common is not None else body
    if len(report) == 1 and node is not body:
        node = node if node.tag != "table" else node.getparent()
    for _ in range(6):  # climb until the sections around the tables are inside
        if node is body or node.getparent() is None:
            break
        text = loose(node.text_content())
        if any(k in text for k in _OVERVIEW):
            break
        node = node.getparent()
    return node


def _meta(doc: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for m in doc.iter("meta"):
        key = (m.get("name") or m.get("property") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if key and content and key not in by_name:
            by_name[key] = content
    for key in _META_TITLE:
        if key in by_name:
            found["title"] = by_name[key]
            break
    else:
        title = doc.find(".//title")
        if title is not None and (title.text_content() or "").strip():
            found["title"] = " ".join(title.text_content().split())
    for key in _META_PUBLISHED:
        if key in by_name:
            found["published"] = by_name[key]
            break
    for key in _META_URL:
        if key in by_name:
            found["url"] = by_name[key]
            break
    else:
        for link in doc.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                found["url"] = link.get("href")
                break
    return found


def layout_from_html(text: str, *, name: str | None = None) -> Layout:
    """The layout of an HTML page: the report's part of it as paragraphs and grid rows."""
    html = _lxml()
    text = _XML_DECLARATION.sub("", _WORD_CONDITIONAL.sub("", text))
    if not text.strip():
        return Layout(kind="html", lines=(), source=name)
    try:
        doc = html.document_fromstring(text)
    except Exception:  # lxml raises ParserError for a document with no elements at all
        return Layout(kind="html", lines=(), source=name)
    meta = _meta(doc)
    for el in list(doc.iter()):
        tag = el.tag if isinstance(el.tag, str) else None
        if (tag is None or tag in _SKIP) and el.getparent() is not None:
            el.drop_tree()
    tables = list(doc.iter("table"))
    index = {id(t): i for i, t in enumerate(tables)}
    body = doc.find("body")
    root = _container(body if body is not None else doc, tables)
    lines: list[Line] = []
    buffer: list[str] = []
    start: list[int | None] = [None]
    level: list[int | None] = [None]

    def flush() -> None:
        joined = " ".join("".join(buffer).split())
        if joined:
            span = SourceSpan(source=name, line=start[0])
            lines.append(Line(cells=(Cell(text=joined, span=span),), heading=level[0]))
        buffer.clear()
        start[0] = None

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            flush()
            if _is_data_table(el):
                lines.extend(_grid_lines(el, index[id(el)], name))
            else:
                for tr in _rows(el):
                    for td in _cells(tr):
                        walk(td)
                        flush()
            return
        if tag == "br":
            flush()
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if tag in _HEADINGS:
            level[0] = _HEADINGS[tag]
        if el.text:
            if start[0] is None:
                start[0] = el.sourceline
            buffer.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                if start[0] is None:
                    start[0] = child.sourceline
                buffer.append(child.tail)
        if block:
            flush()
        if tag in _HEADINGS:
            level[0] = None

    with contextlib.suppress(RecursionError):  # nested deeper than any page: keep what was read
        walk(root)
    flush()
    return Layout(kind="html", lines=tuple(lines), source=name, meta=meta)
