"""The PDF front-end: a published PDF as a :class:`~disclosure_model.importers._layout.Layout`.

Reading needs the optional ``pdf`` extra (``pip install 'disclosure-model[pdf]'``), which brings
`pdfplumber <https://github.com/jsvine/pdfplumber>`_ (MIT; on pdfminer.six and pypdfium2). The
front-end reads every character with its position and every ruling line and rectangle, and
rebuilds from them what a reader sees:

* **Ruled tables.** The ruling lines (and the edges of visible rectangles; white fills that only
  paint a paragraph's background are ignored) are joined into cells by pdfplumber's table finder;
  the cells' edges give the table's grid, and every cell gets its first grid row and column and
  the number of rows and columns it spans, as ``rowspan``/``colspan`` do in HTML. A box with a
  single cell (a frame around a paragraph) is text, not a table.
* **Merged cells appear once.** A merged cell is emitted in the first grid row it spans, at its
  first grid column; the rows below it do not repeat it. Its
  :class:`~disclosure_model.importers.SourceSpan` gives that row and column and its whole box,
  so a consumer that wants the cell in every row it covers can tell which rows those are from
  the boxes. No printed value is ever emitted twice.
* **Blank cells are kept** (as a :class:`~disclosure_model.importers.Cell` with empty text): a
  blank cell in a form is a printed value (a placeholder), not an absence.
* **Tables split over pages are continued.** A table that ends a page and one that starts the
  next page, with the same left and right edges, are one table: one ``table`` index, row numbers
  running on, and the columns of both parts laid on one grid. A cell cut by the page break (a
  merged label running on, a row left open at the break) is read as one cell.
* **Text outside tables** is emitted line by line in reading order (top to bottom), one
  :class:`~disclosure_model.importers.Line` per printed line; where a line has gaps wider than
  its characters (a table printed without ruling lines, a heading beside a date) each run
  between gaps is a cell of its own, so a table without lines still arrives as rows of cells.
* **Page headers and footers are dropped**: page numbers (``- 1 -``, ``第 1 页``, ``1/6``) at
  the top or bottom of a page, and lines repeated in the page margins of most pages.
* **Chinese text is joined without spurious spaces**: never a space between two CJK
  characters, one between a CJK character and another only at a gap of half a character (not
  the quarter word processors leave in ``2024 年``), one between two others at a gap of a
  fifth; the lines of a cell are joined without a space where either side is CJK.

Problems never raise a traceback: :func:`read_pdf` returns a :class:`PdfReading` whose
``problems`` say what went wrong (not a PDF, damaged, encrypted, no text layer — a scanned
report —, too large, pages skipped), each with a code ``import.pdf_*`` and a position;
:func:`layout_from_pdf` raises :class:`PdfError` when no layout could be read at all. The size
of the file, the number of pages, the drawing objects per page and the total time are bounded.
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import re
import statistics
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from ..findings import Severity
from ._layout import Cell, Layout, Line, SourceSpan

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS_PER_PAGE",
    "MAX_CONTENT_BYTES",
    "MAX_EDGES_PER_PAGE",
    "MAX_INFLATED_BYTES",
    "MAX_PAGES",
    "MAX_SECONDS",
    "PdfError",
    "PdfProblem",
    "PdfReading",
    "layout_from_pdf",
    "read_pdf",
]

MAX_BYTES = 64 * 1024 * 1024
"""The largest PDF read by default (64 MiB); a larger one is refused with a problem."""

MAX_PAGES = 200
"""The most pages read by default; the pages after them are skipped with a problem."""

MAX_EDGES_PER_PAGE = 20_000
"""Past this many ruling edges on one page its tables are not rebuilt (read as text lines)."""

MAX_CONTENT_BYTES = 16 * 1024 * 1024
"""Past this many bytes of (compressed) content streams a page is not read, with a problem."""

MAX_INFLATED_BYTES = 256 * 1024 * 1024
"""Past this many bytes of decompressed streams (object streams, and each page's content,
forms and fonts, counted once) a PDF is not read further: a decompression bomb is refused
before pdfminer.six inflates it, in bounded memory and time."""

MAX_CHARS_PER_PAGE = 100_000
"""Past this many characters on one page its tables are not rebuilt (read as text lines)."""

MAX_SECONDS = 120.0
"""The time budget of one PDF by default; pages not reached in it are skipped with a problem."""

# pdfminer.six logs every oddity of a damaged file as a warning; with no handler configured,
# Python would print them to stderr beside the problems this module reports. A NullHandler
# keeps them out of the way and still passes them to the handlers an application configures.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_EXTRA_HINT = "reading PDF needs the 'pdf' extra: pip install 'disclosure-model[pdf]'"


@attrs.frozen(kw_only=True)
class PdfProblem:
    """Something the PDF front-end could not read, or read only in part.

    ``code`` is one of ``import.pdf_extra_missing``, ``import.pdf_not_pdf``,
    ``import.pdf_too_large``, ``import.pdf_encrypted``, ``import.pdf_unreadable``,
    ``import.pdf_no_text``, ``import.pdf_page_no_text``, ``import.pdf_page_unreadable``,
    ``import.pdf_page_too_complex``, ``import.pdf_page_too_large``,
    ``import.pdf_page_unmapped_glyphs``,
    ``import.pdf_table_partly_ruled``, ``import.pdf_header_repeated``, ``import.pdf_cell_joined``,
    ``import.pdf_pages_skipped``; ``span`` says where (the page,
    or only the source). ``params`` holds the messages as ``text_en``/``text_zh``, the form a
    :class:`~disclosure_model.findings.Finding` renders without a registered template.
    """

    code: str
    severity: Severity
    message_en: str
    message_zh: str
    span: SourceSpan

    @property
    def name(self) -> str:
        """The code without its ``import.`` prefix (a finding's ``name``)."""
        return self.code.removeprefix("import.")

    @property
    def params(self) -> dict[str, str]:
        """The messages in the keys a :class:`~disclosure_model.findings.Finding` reads."""
        return {"text_en": self.message_en, "text_zh": self.message_zh}

    def __str__(self) -> str:
        where = self.span.to_dict()
        if not where:
            return self.message_en
        if set(where) == {"source"}:
            return f"{self.span.source}: {self.message_en}"
        return f"{self.span}: {self.message_en}"


@attrs.frozen(kw_only=True)
class PdfReading:
    """What :func:`read_pdf` got out of a PDF: the layout (``None`` when nothing could be read),
    the problems met on the way, and the number of pages the file has (``0`` when unknown)."""

    layout: Layout | None
    problems: tuple[PdfProblem, ...] = ()
    pages: int = 0


class PdfError(ValueError):
    """No layout could be read from a PDF; ``problems`` says why (see :class:`PdfProblem`)."""

    def __init__(self, problems: Sequence[PdfProblem]) -> None:
        self.problems: tuple[PdfProblem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems) or "cannot read the PDF")


def layout_from_pdf(data: bytes, *, name: str | None = None) -> Layout:
    """Read a PDF's bytes into a :class:`~disclosure_model.importers.Layout`.

    ``name`` goes into every span's ``source``.

    Raises :class:`PdfError` when nothing could be read (see :func:`read_pdf` for the partial
    problems this form drops).
    """
    reading = read_pdf(data, name=name)
    if reading.layout is None:
        raise PdfError(reading.problems)
    return reading.layout


def read_pdf(
    data: bytes,
    *,
    name: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
    max_seconds: float = MAX_SECONDS,
    max_inflated: int = MAX_INFLATED_BYTES,
) -> PdfReading:
    """Read a PDF's bytes into a layout and the problems met; never raises on bad input.

    ``max_inflated`` bounds the bytes its streams may decompress to (see
    :data:`MAX_INFLATED_BYTES`); a page needing more is not read, with a problem.

    The layout is ``None`` when the file is not a PDF, too large, encrypted, damaged beyond
    reading, or has no text layer on any page (a scanned report: OCR it first).
    """
    where = SourceSpan(source=name)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return _failed(
            where,
            "import.pdf_not_pdf",
            "expected the bytes of a PDF file",
            "应为 PDF 文件的字节内容",
        )
    data = bytes(data)
    if len(data) > max_bytes:
        return _failed(
            where,
            "import.pdf_too_large",
            f"the PDF has {len(data)} bytes, more than the {max_bytes} read",
            f"PDF 文件有 {len(data)} 字节，超过可读取的上限 {max_bytes}",
        )
    if b"%PDF-" not in data[:1024]:
        return _failed(
            where,
            "import.pdf_not_pdf",
            "not a PDF file (no %PDF- header)",
            "不是 PDF 文件（缺少 %PDF- 文件头）",
        )
    try:
        import pdfplumber
    except ImportError:
        return _failed(
            where,
            "import.pdf_extra_missing",
            _EXTRA_HINT,
            "读取 PDF 需要安装 'pdf' 扩展：pip install 'disclosure-model[pdf]'",
        )
    started = time.monotonic()
    bomb, inflated, in_xrefs = _object_streams_inflate(data, max_inflated)
    if bomb is not None:
        return _failed(
            where,
            "import.pdf_too_large",
            f"the object stream at byte {bomb} decompresses to more than the {max_inflated} "
            "bytes read (a decompression bomb?); the PDF was not read",
            f"第 {bomb} 字节处的对象流解压后超过可读取的上限 {max_inflated} 字节"
            "（可能是解压炸弹）；未读取该 PDF",
        )
    if _ENCRYPT.search(data):  # enciphered object streams: measured deciphered, before opening
        try:
            more = _enciphered_object_streams_inflate(data, max_inflated - in_xrefs, max_seconds)
        except _TooManyInObjectStream as exc:
            return _failed(
                where,
                "import.pdf_too_large",
                f"the encrypted object stream (object {exc}) decompresses to more than the "
                f"{max_inflated} bytes read (a decompression bomb?); the PDF was not read",
                f"加密的对象流（对象 {exc}）解压后超过可读取的上限 {max_inflated} 字节"
                "（可能是解压炸弹）；未读取该 PDF",
            )
        except _OutOfTime:
            return _failed(
                where,
                "import.pdf_too_large",
                f"the encrypted PDF's object streams could not all be measured for "
                f"decompression bombs in {max_seconds:g} s; the PDF was not read",
                f"加密 PDF 的对象流未能在 {max_seconds:g} 秒内全部检查（解压炸弹）；未读取该 PDF",
            )
        except Exception:  # damaged, or a password needed: opening says which
            more = 0
        # Measured deciphered: these replace the raw scan's object streams (the same streams,
        # read as written, which in an enciphered file is not what pdfminer.six inflates).
        inflated = max(inflated, in_xrefs + more)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        return _open_failure(where, exc)
    try:
        left = max_seconds - (time.monotonic() - started)  # the checks before count too
        return _read_document(pdf, name, max_pages, left, max_inflated - inflated)
    except Exception as exc:  # a last guard: damage found late is still a problem, not a crash
        return _open_failure(where, exc)
    finally:
        try:
            pdf.close()
        except Exception:  # closing re-reads the page tree, which may be what is damaged
            pdf.stream.close()


def _failed(where: SourceSpan, code: str, en: str, zh: str) -> PdfReading:
    return PdfReading(layout=None, problems=(_problem(where, code, en, zh),))


def _problem(
    where: SourceSpan, code: str, en: str, zh: str, severity: Severity = Severity.ERROR
) -> PdfProblem:
    return PdfProblem(code=code, severity=severity, message_en=en, message_zh=zh, span=where)


def _open_failure(where: SourceSpan, exc: BaseException) -> PdfReading:
    chain: list[BaseException] = [exc]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        nxt = chain[-1].__cause__ or chain[-1].__context__
        assert nxt is not None
        if nxt in chain or len(chain) > 10:
            break
        chain.append(nxt)
    if any("Password" in type(e).__name__ or "Encrypt" in type(e).__name__ for e in chain) or any(
        "password" in str(e).lower() for e in chain
    ):
        return _failed(
            where,
            "import.pdf_encrypted",
            "the PDF is encrypted and opens only with a password",
            "PDF 文件已加密，需要密码才能打开",
        )
    detail = f"{type(chain[-1]).__name__}: {chain[-1]}".strip().rstrip(":")
    return _failed(
        where,
        "import.pdf_unreadable",
        f"the PDF is damaged and cannot be read ({detail})",
        f"PDF 文件已损坏，无法读取（{detail}）",
    )


# --- characters and text ---------------------------------------------------------------------


@attrs.frozen
class _Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    ax: float = 1.0  # the direction the text runs in, on the page as displayed (y down)
    ay: float = 0.0
    src: tuple[float, float, float, float] | None = None  # a turned proxy's box on the page
    cx: float = attrs.field(init=False)
    cy: float = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "cx", (self.x0 + self.x1) / 2)
        object.__setattr__(self, "cy", (self.top + self.bottom) / 2)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.src or (self.x0, self.top, self.x1, self.bottom)


def _direction(matrix: Any) -> tuple[float, float]:
    """The unit direction of a character's baseline on the displayed page (y down)."""
    try:
        a, b = float(matrix[0]), float(matrix[1])
    except (TypeError, ValueError, IndexError):
        return 1.0, 0.0
    length = (a * a + b * b) ** 0.5
    if length == 0:
        return 1.0, 0.0
    return round(a / length, 3), round(-b / length, 3)


def _turned(ch: _Char) -> _Char:
    """A character of turned text as if its line ran left to right: the proxy that groups it
    into lines and orders it, carrying its real box."""
    along = ch.cx * ch.ax + ch.cy * ch.ay
    across = -ch.cx * ch.ay + ch.cy * ch.ax
    half = (abs((ch.x1 - ch.x0) * ch.ax) + abs((ch.bottom - ch.top) * ch.ay)) / 2
    size = ch.size / 2
    box = (ch.x0, ch.top, ch.x1, ch.bottom)
    return _Char(
        ch.text, along - half, across - size, along + half, across + size, ch.size, src=box
    )


def _dedupe(chars: Iterable[_Char]) -> list[_Char]:
    """Drop characters printed again within a point of themselves (bold faked by overprinting)."""
    seen: dict[tuple[str, int, int], list[_Char]] = {}
    out: list[_Char] = []
    for ch in chars:
        kx, ky = round(ch.x0), round(ch.top)
        twin = any(
            abs(o.x0 - ch.x0) <= 1 and abs(o.top - ch.top) <= 1 and abs(o.size - ch.size) <= 0.5
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for o in seen.get((ch.text, kx + dx, ky + dy), ())
        )
        if twin:
            continue
        seen.setdefault((ch.text, kx, ky), []).append(ch)
        out.append(ch)
    return out


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` is set without spaces around it: wide and full-width characters."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _lines_of(chars: Iterable[_Char]) -> list[list[_Char]]:
    """Group characters into printed lines, in reading order.

    Upright text: top to bottom, each line left to right. Turned text (a label set sideways in
    a narrow cell, a stamp) is grouped by the direction it runs in and read along it; its lines
    come after the upright ones, each character carrying its real box.
    """
    upright: list[_Char] = []
    turned: dict[tuple[float, float], list[_Char]] = {}
    for ch in chars:
        if (ch.ax, ch.ay) == (1.0, 0.0):
            upright.append(ch)
        else:
            turned.setdefault((ch.ax, ch.ay), []).append(_turned(ch))
    lines = _upright_lines(upright)
    for group in turned.values():
        lines.extend(_upright_lines(group))
    return lines


def _upright_lines(chars: Iterable[_Char]) -> list[list[_Char]]:
    lines: list[list[_Char]] = []
    bands: list[tuple[float, float]] = []
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        if lines:
            top, bottom = bands[-1]
            if top - 0.5 <= ch.cy <= bottom + 0.5:
                lines[-1].append(ch)
                bands[-1] = (min(top, ch.top), max(bottom, ch.bottom))
                continue
        lines.append([ch])
        bands.append((ch.top, ch.bottom))
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _join_line(chars: Sequence[_Char]) -> str:
    """The text of one printed line, with a space only where a gap means one.

    Between two CJK characters never (letter-spacing and justification set them apart);
    between a CJK character and another only at a gap of half a character or more (word
    processors set ``2024 年`` a quarter apart, which is no space); between two others at a gap
    of a fifth of a character (a space in Latin text).
    """
    out: list[str] = []
    prev: _Char | None = None
    for ch in chars:
        if prev is not None:
            left, right = _is_cjk(prev.text[-1]), _is_cjk(ch.text[0])
            if not (left and right):
                gap = (ch.x0 - prev.x1) / max(min(prev.size, ch.size), 1.0)
                if gap > (0.5 if left or right else 0.2):
                    out.append(" ")
        out.append(ch.text)
        prev = ch
    return "".join(out)


def _join_lines(texts: Sequence[str]) -> str:
    """Lines of one cell as one text: no space where either side of the break is CJK."""
    out = ""
    for text in texts:
        if not text:
            continue
        if out and not _is_cjk(out[-1]) and not _is_cjk(text[0]) and not out.endswith("-"):
            out += " "
        out += text
    return out


def _segments(line: Sequence[_Char]) -> list[list[_Char]]:
    """Split one printed line at gaps wider than its characters: the cells of an unruled row.

    In a line of Chinese characters only, a gap splits only when it is also well over the
    line's usual gap, so a letter-spaced heading (``淮  安  市``, every gap alike) stays one run.
    """
    gaps = [ch.x0 - prev.x1 for prev, ch in itertools.pairwise(line)]
    spaced = bool(gaps) and all(_is_cjk(ch.text[0]) for ch in line)
    usual = statistics.median(gaps) if spaced else 0.0
    runs: list[list[_Char]] = [[line[0]]]
    for (prev, ch), gap in zip(itertools.pairwise(line), gaps, strict=True):
        if gap > max(prev.size, ch.size, 1.0) and gap > 2 * usual:
            runs.append([ch])
        else:
            runs[-1].append(ch)
    return runs


def _box(chars: Sequence[_Char]) -> tuple[float, float, float, float]:
    boxes = [c.box for c in chars]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


# --- one page --------------------------------------------------------------------------------


@attrs.define
class _TextLine:
    page: int
    box: tuple[float, float, float, float]
    runs: list[tuple[str, tuple[float, float, float, float]]]

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


@attrs.define
class _GridCell:
    box: tuple[float, float, float, float]
    text: str
    row: int = 0
    col: int = 0
    rows: int = 1  # grid rows spanned
    open_top: bool = False  # no rule over the cell where its table starts on the page
    open_bottom: bool = False  # no rule under it where its table ends on the page
    text_bottom: float | None = None  # the bottom of its last line of text
    size: float = 0.0  # its characters' usual size


@attrs.define
class _TablePart:
    page: int
    box: tuple[float, float, float, float]
    cells: list[_GridCell]
    n_rows: int = 0
    table: int = 0
    row_offset: int = 0
    repeated: int = 0  # leading rows that repeat the table's header (not emitted)


_Item = _TextLine | _TablePart


@attrs.define
class _Page:
    number: int
    width: float
    height: float
    items: list[_Item]
    has_text: bool
    has_images: bool


def _visible_edge_source(obj: dict[str, Any]) -> bool:
    """Whether a drawing object may rule a table: not a rectangle painted white and unstroked."""
    if obj.get("object_type") != "rect":
        return True
    if obj.get("stroke"):
        return True
    if not obj.get("fill"):
        return False
    colour = obj.get("non_stroking_color")
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if isinstance(colour, (tuple, list)) and colour:
        values = [float(v) for v in colour if isinstance(v, (int, float))]
        if len(values) != len(colour) or len(values) not in (1, 3, 4):
            return True  # a pattern or a colour space not known here: assume it shows
        if len(values) == 4:  # CMYK: white is no ink
            return any(v > 0.02 for v in values)
        return any(v < 0.98 for v in values)  # grey or RGB: white is all ones
    return True


def _cluster(values: Iterable[float], tol: float) -> list[float]:
    """Sorted representatives of ``values``, merging those closer than ``tol``."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: Sequence[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


class _PageTooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


def _content_bytes(page: Any) -> int:
    """The size of a page's content streams as stored (before decompression)."""
    from pdfminer.pdftypes import resolve1

    total = 0
    for stream in getattr(page.page_obj, "contents", None) or ():
        length = resolve1(getattr(stream, "attrs", {}).get("Length", 0))
        total += length if isinstance(length, int) else 0
    return total


# --- decompression bombs ---------------------------------------------------------------------

_CHUNK = 1 << 20  # bytes inflated at a time while measuring a stream


class _TooMuch(Exception):
    """A stream decompresses to more than the bytes left to read."""


def _bounded(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise _TooMuch
        yield chunk


def _inflate(chunks: Iterable[Any], corrupt: list[bool]) -> Iterator[bytes]:
    """FlateDecode, a megabyte at a time; stops where the data ends or is damaged."""
    inflater = zlib.decompressobj()
    for chunk in chunks:
        data = chunk
        while data:
            try:
                out = inflater.decompress(data, _CHUNK)
            except zlib.error:
                corrupt.append(True)
                return
            if out:
                yield out
            if inflater.eof:
                return
            data = inflater.unconsumed_tail
    corrupt.append(True)  # no end of the stream: pdfminer reads it as damaged
    yield inflater.flush()


def _run_length(data: bytes) -> Iterator[bytes]:
    at = 0
    while at < len(data):
        length = data[at]
        if length == 128:
            return
        if length < 128:
            yield data[at + 1 : at + length + 2]
            at += length + 2
        else:
            yield data[at + 1 : at + 2] * (257 - length)
            at += 2


def _decoded(stream: Any, limit: int, corrupt: list[bool]) -> int:
    """The size ``stream`` decodes to, measured without holding it; raises :class:`_TooMuch`
    past ``limit``. Filters pdfminer.six does not expand (images) end the measure."""
    from pdfminer import lzw
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_CCITTFAX_DECODE,
        LITERALS_FLATE_DECODE,
        LITERALS_LZW_DECODE,
        LITERALS_RUNLENGTH_DECODE,
    )

    raw = stream.rawdata
    if raw is None:  # decoded already: nothing left to guard
        return 0
    if stream.decipher and stream.objid is not None:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    chunks: Iterable[bytes] = [raw]
    for name, params in stream.get_filters():
        if name in LITERALS_FLATE_DECODE:
            chunks = _bounded(_inflate(chunks, corrupt), limit)
        elif name in LITERALS_LZW_DECODE:
            data = b"".join(chunks)
            chunks = _bounded(lzw.LZWDecoder(io.BytesIO(data)).run(), limit)
        elif name in LITERALS_RUNLENGTH_DECODE:
            chunks = _bounded(_run_length(b"".join(chunks)), limit)
        elif name in LITERALS_ASCII85_DECODE:
            chunks = [ascii85decode(b"".join(chunks))]
        elif name in LITERALS_ASCIIHEX_DECODE:
            chunks = [asciihexdecode(b"".join(chunks))]
        elif name in LITERALS_CCITTFAX_DECODE:  # decoded by pdfminer.six too: its bitmap's size
            data = b"".join(chunks)
            given = params if isinstance(params, dict) else {}
            columns, rows = _int(given.get("Columns", 1728)), _int(given.get("Rows", 0))
            size = (columns + 7) // 8 * rows if rows > 0 else 256 * len(data)
            if size > limit:
                raise _TooMuch
            return size
        elif name in _passed_on():
            continue  # an image codec pdfminer.six passes on as it is, to the next filter
        else:  # one pdfminer.six refuses (/Crypt, unknown): it decodes nothing further
            break
    return sum(len(chunk) for chunk in chunks)


def _int(value: Any) -> int:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return value if isinstance(value, int) and value >= 0 else 0


def _page_streams(page: Any) -> Iterator[Any]:
    """The streams pdfminer.six decodes to read a page: its content, the forms it draws, the
    fonts (embedded files, ToUnicode and encoding CMaps) of both."""
    from pdfminer.pdftypes import PDFStream, resolve1

    obj = page.page_obj
    yield from (s for s in (resolve1(c) for c in obj.contents or ()) if isinstance(s, PDFStream))
    stack = [resolve1(obj.resources)]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, PDFStream):
            key = id(node)
            if key in seen or getattr(node.get("Subtype"), "name", None) == "Image":
                continue  # pdfminer.six does not decode images
            seen.add(key)
            yield node
            node = node.attrs
        if isinstance(node, list):
            stack.extend(resolve1(v) for v in node[:1000])
        elif isinstance(node, dict):
            key = id(node)
            if key in seen or len(seen) > 100_000:
                continue
            seen.add(key)
            for name, value in list(node.items())[:10_000]:
                if name not in ("Parent", "P", "Annots", "Metadata"):
                    stack.append(resolve1(value))


def _check_inflation(page: Any, budget: list[int], measured: set[int]) -> None:
    """Measure the streams a page needs before pdfminer.six decodes them; raises
    :class:`_PageInflates` past what is left of ``budget``. A damaged Flate stream is
    decoded here, linearly (pdfminer.six's own recovery of one takes quadratic time)."""
    try:
        _measure_page(page, budget, measured)
    except _PageInflates:
        raise
    except Exception:  # a reference too damaged to follow: pdfminer.six reports it in its turn
        return


def _measure_page(page: Any, budget: list[int], measured: set[int]) -> None:
    for stream in _page_streams(page):
        key = id(stream)
        if key in measured or stream.rawdata is None:
            continue
        measured.add(key)
        corrupt: list[bool] = []
        try:
            size = _decoded(stream, budget[0], corrupt)
        except _TooMuch:
            budget[0] = 0
            raise _PageInflates from None
        except Exception:  # damaged beyond measuring: pdfminer.six reports it in its turn
            continue
        budget[0] -= size
        if corrupt:
            _recover_damaged(stream)


def _recover_damaged(stream: Any) -> None:
    """A stream found damaged while measured: a lone Flate filter (no predictor) is decoded
    here, linearly, so that pdfminer.six does not recover it in quadratic time."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    filters = stream.get_filters()
    if len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE:
        params = filters[0][1]
        if not (isinstance(params, dict) and "Predictor" in params):
            _recover_flate(stream)


def _recover_flate(stream: Any) -> None:
    """Decode a damaged Flate stream as pdfminer.six would (what inflates before the damage;
    nothing where the damage is not at the end), in linear time."""
    raw = stream.rawdata
    if stream.decipher and stream.objid is not None:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw) + inflater.flush()
    except zlib.error:
        data = b""
    stream.data, stream.rawdata = data, None


class _PageInflates(Exception):
    pass


def _object_streams_inflate(data: bytes, limit: int) -> tuple[int | None, int, int]:
    """The byte offset of an object or cross-reference stream that decompresses past
    ``limit`` (pdfminer.six inflates them on opening the file), or ``None``; the bytes they
    decompress to; and the part of those of the cross-reference streams (never enciphered).

    A stream's dictionary is read back to the previous stream (or the ``obj`` keyword after
    it), however long, with its names' ``#xx`` escapes decoded."""
    total = xrefs = 0
    view = memoryview(data)
    previous = 0
    for m in _STREAM.finditer(data):
        opened = data.rfind(b"obj", previous, m.start())
        head = data[opened + 3 if opened >= 0 else previous : m.start()]
        previous = m.end()
        if b"#" in head:
            head = _NAME_ESCAPE.sub(lambda e: bytes([int(e.group(1), 16)]), head)
        found = _FILTER.search(head)
        kind = _OBJECT_STREAM.search(head)
        if kind is None or found is None:
            continue
        passed_on = {literal.name for literal in _passed_on()}  # pdfminer.six passes them on
        names = re.findall(rb"/([A-Za-z0-9]+)", found.group(1))
        names = [n for n in names if n.decode("ascii") not in passed_on]
        if any(n not in (b"FlateDecode", b"Fl") for n in names):
            continue
        chunks: Iterable[Any] = [view[m.end() :]]  # a Flate stream marks its own end
        for _ in names:
            chunks = _bounded(_inflate(chunks, []), limit - total)
        try:
            size = sum(len(chunk) for chunk in chunks)
        except _TooMuch:
            return m.start(), total, xrefs
        total += size
        if kind.group(1) == b"XRef":
            xrefs += size
    return None, total, xrefs


_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


@functools.cache
def _passed_on() -> tuple[Any, ...]:
    """The filters pdfminer.six passes data through as it is, to the next one: image codecs
    (DCT, JPX, JBIG2), by its own names for them."""
    from pdfminer.pdftypes import LITERALS_DCT_DECODE, LITERALS_JBIG2_DECODE, LITERALS_JPX_DECODE

    return (*LITERALS_DCT_DECODE, *LITERALS_JBIG2_DECODE, *LITERALS_JPX_DECODE)


def _enciphered_object_streams_inflate(data: bytes, limit: int, seconds: float) -> int:
    """For an encrypted PDF, whose object streams the raw scan above cannot inflate: the bytes
    they decompress to once deciphered. Raises :class:`_TooManyInObjectStream` (its object
    number) for one that decompresses past ``limit``, :class:`_OutOfTime` when they cannot all
    be measured in ``seconds``.

    The document is opened (with the empty password, as the reader opens it) by a
    pdfminer.six document that measures each object stream, deciphered, before decoding it:
    the catalog, resolved on opening, may lie in one. Then every object stream any
    cross-reference entry names is measured, once, without being decoded. Raises what
    pdfminer.six raises on a damaged file or a password it needs.
    """
    from pdfminer.pdfdocument import PDFDocument, PDFXRefStream
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    budget = [limit]
    measured: set[int] = set()
    deadline = time.monotonic() + seconds

    def measure(stream: Any) -> None:
        if stream.objid in measured or stream.rawdata is None:
            return
        corrupt: list[bool] = []
        try:
            size = _decoded(stream, budget[0], corrupt)
        except _TooMuch:
            raise _TooManyInObjectStream(str(stream.objid)) from None
        measured.add(stream.objid)
        budget[0] -= size
        if corrupt:  # decoded here, linearly, before pdfminer.six recovers it
            _recover_damaged(stream)

    def get_objects(self: Any, stream: Any) -> tuple[list[object], int]:
        measure(stream)
        objects: tuple[list[object], int] = PDFDocument._get_objects(self, stream)
        return objects

    # A subclass made by type(): pdfminer.six is typed when installed, Any when not.
    measuring: Any = type("_MeasuringDocument", (PDFDocument,), {"_get_objects": get_objects})
    document = measuring(PDFParser(io.BytesIO(data)), password="")
    streams: set[int] = set()
    for xref in document.xrefs:
        if isinstance(xref, PDFXRefStream):  # its own listing skips entries past a range
            objids: Iterable[int] = (
                first + i for first, count in xref.ranges for i in range(count)
            )
        else:
            objids = xref.get_objids()
        for count, objid in enumerate(objids):
            if count % 256 == 0 and time.monotonic() > deadline:
                raise _OutOfTime
            try:
                holder = xref.get_pos(objid)[0]
            except Exception:  # an entry that names nothing
                continue
            if holder is not None:
                streams.add(holder)
    for number in sorted(streams - measured):
        if time.monotonic() > deadline:
            raise _OutOfTime
        try:
            stream = document.getobj(number)
        except Exception:  # missing or damaged: the reader reports it
            continue
        if isinstance(stream, PDFStream):
            measure(stream)
    return limit - budget[0]


class _TooManyInObjectStream(Exception):
    """An enciphered object stream decompresses past the limit (its object number)."""


class _OutOfTime(Exception):
    """The enciphered object streams could not all be measured in the time given."""


_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/(ObjStm|XRef)\b")
_ENCRYPT = re.compile(rb"/(?:E|#45)(?:n|#6[Ee])(?:c|#63)(?:r|#72)(?:y|#79)(?:p|#70)(?:t|#74)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")


def _read_page(page: Any, number: int, problems: list[PdfProblem], name: str | None) -> _Page:
    size = _content_bytes(page)
    if size > MAX_CONTENT_BYTES:
        raise _PageTooLarge(size)
    width, height = float(page.width), float(page.height)
    if int(getattr(page, "rotation", 0) or 0) % 180 == 90:  # positions are as displayed
        width, height = height, width
    chars = []
    unmapped = 0
    for c in page.chars:
        text = str(c.get("text", ""))
        if not text.strip():
            continue
        if text.startswith("(cid:"):  # a glyph whose font maps it to no character
            unmapped += 1
            continue
        ax, ay = (1.0, 0.0) if c.get("upright", True) else _direction(c.get("matrix"))
        ch = _Char(
            text,
            float(c["x0"]),
            float(c["top"]),
            float(c["x1"]),
            float(c["bottom"]),
            float(c.get("size") or 0.0),
            ax,
            ay,
        )
        if -1 <= ch.cx <= width + 1 and -1 <= ch.cy <= height + 1:
            chars.append(ch)
    chars = _dedupe(chars)
    has_images = bool(page.images)
    if unmapped:
        problems.append(
            _problem(
                SourceSpan(source=name, page=number),
                "import.pdf_page_unmapped_glyphs",
                f"page {number} prints {unmapped} characters whose font maps them to no text;"
                " they were not read",
                f"第 {number} 页有 {unmapped} 个字符的字体未给出对应文字，未能读取",
                Severity.WARNING,
            )
        )
    parts: list[_TablePart] = []
    if chars:
        ruled = page.filter(_visible_edge_source)
        edges = len(ruled.edges)
        if edges > MAX_EDGES_PER_PAGE or len(chars) > MAX_CHARS_PER_PAGE:
            problems.append(
                _problem(
                    SourceSpan(source=name, page=number),
                    "import.pdf_page_too_complex",
                    f"page {number} has {edges} ruling edges and {len(chars)} characters; "
                    "its tables were read as text lines",
                    f"第 {number} 页有 {edges} 条表格线、{len(chars)} 个字符，"
                    "其中的表格按文字行读取",
                    Severity.WARNING,
                )
            )
        elif edges:
            parts = _find_tables(ruled, number)
    # Assign characters to cells; the rest is running text.
    loose, inside = _assign(parts, chars)
    # A table with text beside its cells, in the rows it spans, but in none of them is ruled
    # only in part (a missing border, lines that do not meet): its grid would tear the rows
    # apart, so it is read as positioned text lines instead, in reading order.
    partial = [part for part in parts if any(_beside(part.box, ch) for ch in loose)]
    if partial:
        for part in partial:
            problems.append(
                _problem(
                    _span(name, number, part.box),
                    "import.pdf_table_partly_ruled",
                    f"a table on page {number} has text outside its ruled cells; "
                    "it was read as text lines",
                    f"第 {number} 页的一个表格有文字不在表格线围成的单元格内，已按文字行读取",
                    Severity.INFO,
                )
            )
        parts = [part for part in parts if part not in partial]
        loose, inside = _assign(parts, chars)
    cells = [(id(cell), cell) for part in parts for cell in part.cells]
    for key, cell in cells:
        mine = inside.get(key, ())
        cell.text = _join_lines([_join_line(line) for line in _lines_of(mine)])
        if mine:
            cell.text_bottom = max(ch.box[3] for ch in mine)
            cell.size = statistics.median(ch.size for ch in mine)
    items: list[_Item] = list(parts)
    for line in _lines_of(loose):
        runs = [(_join_line(run), _box(run)) for run in _segments(line)]
        items.append(_TextLine(number, _box(line), runs))
    items.sort(key=lambda it: (it.box[1], it.box[0]))
    return _Page(number, width, height, items, bool(chars), has_images)


def _beside(box: tuple[float, float, float, float], ch: _Char) -> bool:
    """Whether a character is printed in the band of rows a table's box spans."""
    return box[1] < ch.cy < box[3]


def _assign(
    parts: Sequence[_TablePart], chars: Iterable[_Char]
) -> tuple[list[_Char], dict[int, list[_Char]]]:
    """The characters in no table cell, and those of each cell (by the cell's id)."""
    loose: list[_Char] = []
    inside: dict[int, list[_Char]] = {}
    for ch in chars:
        key = _cell_of(parts, ch)
        if key is None:
            loose.append(ch)
        else:
            inside.setdefault(key, []).append(ch)
    return loose, inside


def _cell_of(parts: Sequence[_TablePart], ch: _Char) -> int | None:
    """The id of the table cell a character's centre lies in, if any."""
    x, y = ch.cx, ch.cy
    for part in parts:
        x0, top, x1, bottom = part.box
        if not (x0 <= x <= x1 and top <= y <= bottom):
            continue
        for cell in part.cells:
            x0, top, x1, bottom = cell.box
            if x0 <= x <= x1 and top <= y <= bottom:
                return id(cell)
    return None


_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _find_tables(page: Any, number: int) -> list[_TablePart]:
    """The ruled tables of a page, their outer frames closed.

    Where a table breaks across pages, browsers and word processors leave the cells that run on
    open at the break (a merged label's bottom, a continued row's top): a second pass adds each
    table's frame, so those cells close and keep their text.
    """
    tables = page.find_tables(_LINES)
    if not tables:
        return []
    h: list[dict[str, Any]] = []
    v: list[dict[str, Any]] = []
    verticals = [e for e in page.edges if e.get("orientation") == "v"]
    for table in tables:
        x0, top, x1, bottom = (float(c) for c in table.bbox)
        top, bottom = _column_rules_reach(verticals, x0, top, x1, bottom)
        for y in (top, bottom):
            h.append(_edge("h", x0, y, x1, y))
        for x in (x0, x1):
            v.append(_edge("v", x, top, x, bottom))
    settings = {**_LINES, "explicit_horizontal_lines": h, "explicit_vertical_lines": v}
    parts = []
    rules = [e for e in page.edges if e.get("orientation") == "h"]
    for table in page.find_tables(settings):
        part = _table_part(table, number)
        if part is not None:
            for cell in part.cells:  # which cells the page break left open
                x0, top, x1, bottom = cell.box
                if abs(top - part.box[1]) <= 1:
                    cell.open_top = not _ruled(rules, x0, x1, top)
                if abs(bottom - part.box[3]) <= 1:
                    cell.open_bottom = not _ruled(rules, x0, x1, bottom)
            parts.append(part)
    return parts


def _ruled(rules: Sequence[dict[str, Any]], x0: float, x1: float, y: float) -> bool:
    """Whether ruling lines at height ``y`` cover most of ``x0``–``x1``."""
    covered = 0.0
    for e in rules:
        if abs(float(e["top"]) - y) <= 1.5:
            covered += max(0.0, min(float(e["x1"]), x1) - max(float(e["x0"]), x0))
    return covered >= 0.8 * (x1 - x0)


def _column_rules_reach(
    verticals: Sequence[dict[str, Any]], x0: float, top: float, x1: float, bottom: float
) -> tuple[float, float]:
    """How far up and down most of a table's column rules run (a row open at a page break).

    Half the columns at least must reach as far, so one rule running on (a page frame whose
    side is the table's border) does not stretch the table.
    """
    tops: dict[int, float] = {}
    bottoms: dict[int, float] = {}
    for e in verticals:
        if x0 - 1 <= e["x0"] <= x1 + 1 and e["top"] <= bottom + 1 and e["bottom"] >= top - 1:
            key = round(float(e["x0"]))
            tops[key] = min(tops.get(key, top), float(e["top"]))
            bottoms[key] = max(bottoms.get(key, bottom), float(e["bottom"]))
    if not tops:
        return top, bottom
    half = (len(tops) + 1) // 2 - 1
    reach_top = sorted(tops.values())[half]
    reach_bottom = sorted(bottoms.values(), reverse=True)[half]
    return min(top, reach_top), max(bottom, reach_bottom)


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "frame_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _table_part(table: Any, page: int) -> _TablePart | None:
    found = [tuple(float(v) for v in c) for c in table.cells]
    # A box around other cells (a frame touching a table) is no cell of it.
    boxes = [b for b in found if not any(_contains(b, o) for o in found)]
    if len(boxes) < 2:
        return None
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], 2.0)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], 2.0)
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells = []
    for b in boxes:
        x0, top, x1, bottom = b
        row = _index(ys, top)
        cell = _GridCell((x0, top, x1, bottom), "", row, _index(xs, x0))
        cell.rows = max(1, _index(ys, bottom) - row)
        cells.append(cell)
    cells.sort(key=lambda c: (c.row, c.col))
    box = (xs[0], ys[0], xs[-1], ys[-1])
    return _TablePart(page, box, cells, n_rows=len(ys) - 1)


def _contains(outer: Sequence[float], inner: Sequence[float]) -> bool:
    return (
        outer != inner
        and outer[0] <= inner[0] + 1
        and outer[1] <= inner[1] + 1
        and outer[2] >= inner[2] - 1
        and outer[3] >= inner[3] - 1
    )


# --- page furniture --------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～_·•]*(?:第)?\d{1,4}(?:页)?(?:[/／]\d{1,4}|共\d{1,4}页)?[-—–－~～_·•]*"
    r"|(?:page)?\d{1,4}(?:of\d{1,4})?)$",
    re.IGNORECASE,
)
_MARGIN = 0.12  # the share of the page height at the top and bottom where furniture sits


def _furniture(pages: Sequence[_Page]) -> set[int]:
    """The ids of text lines that are page headers or footers."""
    drop: set[int] = set()
    in_margin: list[tuple[_TextLine, str]] = []
    for page in pages:
        for item in page.items:
            if not isinstance(item, _TextLine):
                continue
            near_top = item.box[3] <= page.height * _MARGIN
            near_bottom = item.box[1] >= page.height * (1 - _MARGIN)
            if not (near_top or near_bottom):
                continue
            compact = re.sub(r"\s+", "", item.text)
            if _PAGE_NUMBER.match(compact):
                drop.add(id(item))
            else:
                in_margin.append((item, re.sub(r"\d+", "#", compact)))
    if len(pages) >= 3:
        counts = Counter(key for _, key in {(i.page, k): (i, k) for i, k in in_margin})
        for item, key in in_margin:
            if counts[key] >= max(2, len(pages) // 2 + 1):
                drop.add(id(item))
    return drop


# --- the document ----------------------------------------------------------------------------


def _read_document(
    pdf: Any, name: str | None, max_pages: int, max_seconds: float, max_inflated: int
) -> PdfReading:
    problems: list[PdfProblem] = []
    budget, measured = [max_inflated], set[int]()
    where = SourceSpan(source=name)
    started = time.monotonic()
    try:
        page_list = list(pdf.pages)
    except Exception as exc:
        return _open_failure(where, exc)
    total = len(page_list)
    if not total:
        return _failed(where, "import.pdf_unreadable", "the PDF has no pages", "PDF 文件没有页面")
    pages: list[_Page] = []
    for number, page in enumerate(page_list[:max_pages], start=1):
        if time.monotonic() - started > max_seconds:
            problems.append(
                _problem(
                    where,
                    "import.pdf_pages_skipped",
                    f"pages {number}-{total} not read: out of time ({max_seconds:g} s)",
                    f"第 {number}-{total} 页未读取：已达到 {max_seconds:g} 秒的时间上限",
                )
            )
            break
        try:
            _check_inflation(page, budget, measured)
            pages.append(_read_page(page, number, problems, name))
        except _PageInflates:
            problems.append(
                _problem(
                    SourceSpan(source=name, page=number),
                    "import.pdf_page_too_large",
                    f"page {number} was not read: its streams decompress to more than the "
                    f"{max_inflated} bytes read (a decompression bomb?)",
                    f"第 {number} 页未读取：其数据流解压后超过可读取的上限 {max_inflated} 字节"
                    "（可能是解压炸弹）",
                )
            )
        except _PageTooLarge as exc:
            problems.append(
                _problem(
                    SourceSpan(source=name, page=number),
                    "import.pdf_page_too_large",
                    f"page {number} was not read: its content is {exc.size} bytes, more than "
                    f"the {MAX_CONTENT_BYTES} read",
                    f"第 {number} 页未读取：其内容有 {exc.size} 字节，超过上限 {MAX_CONTENT_BYTES}",
                )
            )
        except Exception as exc:  # one damaged page does not stop the others
            problems.append(
                _problem(
                    SourceSpan(source=name, page=number),
                    "import.pdf_page_unreadable",
                    f"page {number} cannot be read ({type(exc).__name__}: {exc})",
                    f"第 {number} 页无法读取（{type(exc).__name__}: {exc}）",
                )
            )
        finally:
            page.close()
    if total > max_pages:
        problems.append(
            _problem(
                where,
                "import.pdf_pages_skipped",
                f"the PDF has {total} pages; only the first {max_pages} were read",
                f"PDF 共 {total} 页，只读取了前 {max_pages} 页",
            )
        )
    if not any(p.has_text for p in pages):
        if pages:
            problems.append(
                _problem(
                    where,
                    "import.pdf_no_text",
                    "the PDF has no readable text layer (a scanned document?); run OCR on it first",
                    "PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）",
                )
            )
        return PdfReading(layout=None, problems=tuple(problems), pages=total)
    for page in pages:
        if not page.has_text:
            problems.append(
                _problem(
                    SourceSpan(source=name, page=page.number),
                    "import.pdf_page_no_text",
                    f"page {page.number} has no text layer"
                    + (" (a scanned image?)" if page.has_images else "")
                    + "; nothing on it was read",
                    f"第 {page.number} 页没有文字层"
                    + ("（可能是扫描图像）" if page.has_images else "")
                    + "，未读取其内容",
                    Severity.WARNING,
                )
            )
    drop = _furniture(pages)
    for page in pages:
        page.items = [it for it in page.items if id(it) not in drop]
    _number_tables(pages, problems, name)
    lines: list[Line] = []
    for page in pages:
        for item in page.items:
            if isinstance(item, _TextLine):
                cells = tuple(
                    Cell(text=text, span=_span(name, page.number, box)) for text, box in item.runs
                )
                lines.append(Line(cells=cells))
            else:
                lines.extend(_table_lines(item, name))
    return PdfReading(
        layout=Layout(kind="pdf", lines=tuple(lines), source=name),
        problems=tuple(problems),
        pages=total,
    )


def _span(
    name: str | None,
    page: int,
    box: tuple[float, float, float, float],
    table: int | None = None,
    row: int | None = None,
    col: int | None = None,
) -> SourceSpan:
    x0, top, x1, bottom = (round(v, 2) for v in box)
    return SourceSpan(
        source=name, page=page, x0=x0, top=top, x1=x1, bottom=bottom, table=table, row=row, col=col
    )


def _number_tables(pages: Sequence[_Page], problems: list[PdfProblem], name: str | None) -> None:
    """Give every table part its table index and row offset, continuing split tables."""
    tables: list[list[_TablePart]] = []
    prev_last: _Item | None = None
    prev_page = 0
    for page in pages:
        for position, item in enumerate(page.items):
            if not isinstance(item, _TablePart):
                continue
            previous = tables[-1][-1] if tables else None
            continued = (
                previous is not None
                and position == 0
                and prev_page == page.number - 1
                and prev_last is previous
                and abs(previous.box[0] - item.box[0]) <= 4
                and abs(previous.box[2] - item.box[2]) <= 4
            )
            if continued:
                tables[-1].append(item)
            else:
                tables.append([item])
        prev_last = page.items[-1] if page.items else None
        prev_page = page.number
    for index, parts in enumerate(tables):
        # One grid for all parts: the parts of a split table are drawn a few points apart.
        xs = _cluster([v for p in parts for c in p.cells for v in (c.box[0], c.box[2])], 4.0)
        for part in parts:
            part.table = index
            for cell in part.cells:
                cell.col = _index(xs, cell.box[0])
        offset = 0
        for position, part in enumerate(parts):
            if position:
                part.repeated = _repeated_header(parts[0], part)
                if part.repeated:
                    problems.append(
                        _problem(
                            _span(name, part.page, part.box, table=index),
                            "import.pdf_header_repeated",
                            f"table {index + 1} continues on page {part.page} under its header "
                            f"printed again ({part.repeated} row(s)), which was not read twice",
                            f"表格 {index + 1} 在第 {part.page} 页续表，重复的表头"
                            f"（{part.repeated} 行）未重复读取",
                            Severity.INFO,
                        )
                    )
            part.row_offset = offset - part.repeated
            offset += part.n_rows - part.repeated
            if position:
                _join_cut_cells(parts[position - 1], part, problems, name, index)


def _join_cut_cells(
    above: _TablePart,
    below: _TablePart,
    problems: list[PdfProblem],
    name: str | None,
    table: int,
) -> None:
    """Join the cells a page break cut in two: the last cell of a column on one page and the
    first of the same column (after a repeated header) on the next, when the grid says they are
    one cell: both left open at the break (no rule under the one, none over the other: a row
    running on), or a merged cell running on (one of them spans several rows, and the text of
    the upper one runs down to the break, or one is blank). The upper cell keeps the text of
    both; the lower is not emitted."""
    bottom = above.box[3]
    top_row = below.repeated
    lower = [c for c in below.cells if c.row == top_row]
    upper = [c for c in above.cells if abs(c.box[3] - bottom) <= 1]
    for b in lower:
        a = next(
            (c for c in upper if abs(c.box[0] - b.box[0]) <= 4 and abs(c.box[2] - b.box[2]) <= 4),
            None,
        )
        if a is None:
            continue
        running = a.open_bottom and b.open_top
        merged = (a.rows > 1 or b.rows > 1) and (
            not a.text
            or not b.text
            or (a.text_bottom is not None and a.text_bottom >= a.box[3] - 1.6 * max(a.size, 1.0))
        )
        if not (running or merged):
            continue
        if b.text:
            shown = f"{a.text!r} + {b.text!r}"
            problems.append(
                _problem(
                    _span(name, above.page, a.box, table=table),
                    "import.pdf_cell_joined",
                    f"a cell cut by the page break between pages {above.page} and "
                    f"{below.page} was read as one: {shown}",
                    f"被第 {above.page}、{below.page} 页分页截断的单元格已合并读取：{shown}",
                    Severity.INFO,
                )
            )
        a.text = _join_lines([a.text, b.text])
        below.cells.remove(b)


def _rows_of(part: _TablePart) -> list[list[tuple[int, str]]]:
    rows: list[list[tuple[int, str]]] = [[] for _ in range(part.n_rows)]
    for cell in part.cells:
        rows[cell.row].append((cell.col, cell.text))
    return [sorted(row) for row in rows]


def _repeated_header(first: _TablePart, part: _TablePart) -> int:
    """How many leading rows of ``part`` repeat the leading rows of ``first``, word for word.

    Only rows of labels count (a row with a number is data, even if it repeats), and the part
    must keep a row of its own.
    """
    head, rows = _rows_of(first), _rows_of(part)
    count = 0
    for mine, theirs in zip(rows[:-1], head, strict=False):
        texts = [t for _, t in mine]
        if mine != theirs or not any(texts) or any(_NUMERIC.search(t) for t in texts):
            break
        count += 1
    return count


_NUMERIC = re.compile(r"\d")


def _table_lines(part: _TablePart, name: str | None) -> list[Line]:
    rows: dict[int, list[_GridCell]] = {}
    for cell in part.cells:
        rows.setdefault(cell.row, []).append(cell)
    lines = []
    for row in sorted(rows):
        if row < part.repeated:
            continue
        cells = tuple(
            Cell(
                text=c.text,
                span=_span(name, part.page, c.box, part.table, part.row_offset + row, c.col),
            )
            for c in sorted(rows[row], key=lambda c: c.col)
        )
        lines.append(Line(cells=cells, table=part.table))
    return lines
