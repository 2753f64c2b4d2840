"""PDF decompression bombs: small files whose streams inflate to gigabytes are refused with a
located finding, in bounded memory and time; damaged streams are read in linear time."""

from __future__ import annotations

import random
import time
import zlib

import pytest

from disclosure_model.importers import import_report
from disclosure_model.importers.pdf import read_pdf

pytest.importorskip("pdfplumber")

GIB = 1 << 30


def _zeros_deflated(size: int) -> bytes:
    """A zlib stream of ``size`` zero bytes, made in a fraction of a second: a block of one
    megabyte of zeros compressed after a full flush is the same bytes every time."""
    mib = bytes(1 << 20)
    c = zlib.compressobj(9, wbits=-15)
    first = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    blocks = size >> 20
    body = first + again * (blocks - 1) + c.flush()
    adler = ((size % 65521) << 16) | 1  # Adler-32 of zeros: A = 1, B = n mod 65521
    return b"\x78\xda" + body + adler.to_bytes(4, "big")


def _pdf(content: bytes, filters: str, *, object_stream: bytes | None = None) -> bytes:
    """A one-page PDF whose page content is ``content`` (already encoded with ``filters``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode())
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if object_stream is not None:
        objects.append(
            b"<< /Type /ObjStm /N 1 /First 4 /Length %d /Filter /FlateDecode >>\nstream\n"
            % len(object_stream)
            + object_stream
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _peak_rss_mib() -> float:
    """The process's peak resident memory in MiB (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("twice", [False, True], ids=["flate", "flate-twice"])
def test_a_content_stream_inflating_to_gigabytes_is_refused_at_its_page(twice: bool) -> None:
    """4 GiB of zeros as the page's content (before: pdfminer.six inflated it whole)."""
    content = _zeros_deflated(4 * GIB)
    filters = "/FlateDecode"
    if twice:
        content, filters = zlib.compress(content, 9), "[/FlateDecode /FlateDecode]"
    data = _pdf(content, filters)
    assert len(data) < 5_000_000
    before, started = _peak_rss_mib(), time.monotonic()
    result = import_report(data, kind="pdf", name="bomb.pdf")
    elapsed = time.monotonic() - started
    assert result.report is None
    refused = [f for f in result.findings if f.code == "import.pdf_page_too_large"]
    assert len(refused) == 1 and refused[0].is_error
    assert refused[0].location is not None and refused[0].location.page == 1
    assert "decompress" in refused[0].message("en")
    assert elapsed < 30  # bounded: the measure stops at the limit
    assert _peak_rss_mib() - before < 200  # measured a megabyte at a time, never held


def test_an_object_stream_inflating_to_gigabytes_is_refused_before_opening() -> None:
    data = _pdf(zlib.compress(b"BT ET"), "/FlateDecode", object_stream=_zeros_deflated(GIB))
    reading = read_pdf(data, name="bomb.pdf")
    assert reading.layout is None
    assert [(p.code, p.span.source) for p in reading.problems] == [
        ("import.pdf_too_large", "bomb.pdf")
    ]
    assert "object stream at byte" in reading.problems[0].message_en


def test_the_limit_is_a_parameter_and_legitimate_pages_pass() -> None:
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n" * 200)
    data = _pdf(content, "/FlateDecode")
    assert read_pdf(data).problems == ()
    small = read_pdf(data, max_inflated=1000)
    assert [(p.code, p.span.page) for p in small.problems][:1] == [("import.pdf_page_too_large", 1)]


def test_a_damaged_flate_stream_is_read_in_linear_time() -> None:
    """A truncated Flate content stream of a few hundred kilobytes (before: pdfminer.six's
    recovery copied its output once per input byte: 5 s for this one, minutes for larger)."""
    noise = random.Random(0).randbytes(300_000).hex().encode()
    text = b"BT /F1 12 Tf 72 700 Td (Line 1) Tj ET\n%" + noise + b"\n"
    content = zlib.compress(text)[:-20]  # the end lost
    started = time.monotonic()
    reading = read_pdf(_pdf(content, "/FlateDecode"))
    assert time.monotonic() - started < 2
    assert reading.layout is not None
    assert [line.text for line in reading.layout.lines] == ["Line 1"]


def test_a_content_stream_in_a_fax_codec_with_a_huge_bitmap_is_refused() -> None:
    """pdfminer.six decodes CCITTFax content too: a bitmap declared 100,000 × 100,000 pixels
    (over a gigabyte) is refused by its declared size, without decoding it."""
    filters = "/CCITTFaxDecode /DecodeParms << /K -1 /Columns 100000 /Rows 100000 >>"
    started = time.monotonic()
    result = import_report(_pdf(b"\x00" * 64, filters), kind="pdf", name="fax.pdf")
    assert time.monotonic() - started < 10
    refused = [f for f in result.findings if f.code == "import.pdf_page_too_large"]
    assert len(refused) == 1 and refused[0].location is not None
    assert refused[0].location.page == 1
