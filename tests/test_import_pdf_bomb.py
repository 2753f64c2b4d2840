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


# --- encrypted PDFs: the object streams are deciphered before they are measured ----------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    from pdfminer.arcfour import Arcfour

    return Arcfour(key).encrypt(data)


def _deflated(prefix: bytes, zeros: int) -> bytes:
    """``prefix`` then ``zeros`` zero bytes (whole MiB), deflated in a fraction of a second."""
    deflate = zlib.compressobj(9)
    packed = deflate.compress(prefix) + deflate.flush(zlib.Z_FULL_FLUSH)
    mib = bytes(1 << 20)
    for _ in range(zeros >> 20):
        packed += deflate.compress(mib) + deflate.flush(zlib.Z_FULL_FLUSH)
    return packed + deflate.flush()


def _encrypted_pdf(
    object_stream_tail: bytes = b"",
    *,
    zeros: int = 0,
    streams: tuple[tuple[tuple[int, ...], int], ...] | None = None,
    encrypted: bool = True,
    encrypt_name: bytes = b"/Encrypt",
    stream_filter: bytes = b"/FlateDecode",
    index: bytes = b"",
    xref_zeros: int = 0,
    xref_padding: bytes = b"",
) -> bytes:
    """A one-page PDF with a cross-reference stream and object streams, encrypted with the
    standard handler (RC4, 40 bits, empty user password: it opens without one, as
    permission-only PDFs do) unless ``encrypted`` is false.

    ``streams`` gives each object stream (numbered 7, 8, …) the objects it holds (1 the
    catalog, 2 the page tree, 3 the page, 5 its font) and the zero bytes it ends with; by
    default one holds the catalog, then ``object_stream_tail``, then ``zeros`` zero bytes.
    Each is deflated, with
    ``stream_filter`` declared, then enciphered. ``index`` is the cross-reference stream's
    ``/Index`` entry; ``xref_zeros`` zero bytes end its (then deflated) data, and
    ``xref_padding`` goes at the end of its dictionary."""
    import hashlib

    owner, doc_id, permissions = hashlib.sha256(b"o").digest(), hashlib.md5(b"id").digest(), -4
    key = hashlib.md5(_PAD + owner + permissions.to_bytes(4, "little", signed=True) + doc_id)
    file_key = key.digest()[:5]

    def cipher(number: int, data: bytes) -> bytes:
        if not encrypted:
            return data
        object_key = hashlib.md5(file_key + number.to_bytes(3, "little") + b"\0\0").digest()
        return _rc4(object_key[:10], data)

    if streams is None:
        streams = (((1,), zeros),)
    plain: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    where: dict[int, tuple[int, int]] = {}  # an object in a stream: (stream, index)
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n")
    objects: dict[int, bytes] = {
        4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + cipher(4, content)
        + b"\nendstream",
    }
    if encrypted:
        objects[6] = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P %d /O <%s> /U <%s> >>" % (
            permissions,
            owner.hex().encode(),
            _rc4(file_key, _PAD).hex().encode(),
        )
    for number, (members, stream_zeros) in enumerate(streams, start=7):
        heads, bodies, offset = [], b"", 0
        for position, member in enumerate(members):
            body = plain.pop(member) + b"\n"
            heads.append(b"%d %d" % (member, offset))
            where[member] = (number, position)
            bodies += body
            offset += len(body)
        head = b" ".join(heads) + b"\n"
        tail = object_stream_tail if number == 7 else b""
        packed = cipher(number, _deflated(head + bodies + tail, stream_zeros))
        objects[number] = (
            b"<< /Type /ObjStm /N %d /First %d /Length %d /Filter %s >>\nstream\n"
            % (len(members), len(head), len(packed), stream_filter)
            + packed
            + b"\nendstream"
        )
    objects.update(plain)
    xref_number = max(objects) + 1
    out = bytearray(b"%PDF-1.5\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    offsets[xref_number] = len(out)
    rows = b"\x00" + bytes(4) + b"\xff\xff"  # object 0: free
    for number in range(1, xref_number + 1):
        if number in where:
            holder, position = where[number]
            rows += b"\x02" + holder.to_bytes(4, "big") + position.to_bytes(2, "big")
        elif number not in offsets:
            rows += b"\x00" + bytes(4) + b"\xff\xff"  # free (no encryption dictionary)
        else:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
    xref_filter = b""
    if xref_zeros:
        rows, xref_filter = _deflated(rows, xref_zeros), b"/Filter /FlateDecode "
    encryption = b"%s 6 0 R /ID [<%s> <%s>] " % (
        encrypt_name,
        doc_id.hex().encode(),
        doc_id.hex().encode(),
    )
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s/Root 1 0 R %s%s/Length %d%s >>"
        b"\nstream\n"
        % (
            xref_number,
            xref_number + 1,
            index,
            encryption if encrypted else b"",
            xref_filter,
            len(rows),
            xref_padding,
        )
        + rows
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def test_an_encrypted_pdf_opening_without_a_password_is_read() -> None:
    reading = read_pdf(_encrypted_pdf(b""), name="locked.pdf")
    assert reading.problems == ()
    assert reading.layout is not None
    assert [line.text for line in reading.layout.lines] == ["Hello"]


def test_an_encrypted_object_stream_inflating_past_the_limit_is_refused_before_opening() -> None:
    """The raw scan cannot inflate an enciphered object stream; pdfminer.six, which deciphers
    it, inflates it whole when it resolves the catalog (before: 64 MiB held for a 1 MiB limit,
    then parsed as objects, a byte at a time)."""
    data = _encrypted_pdf(b"", zeros=64 << 20)
    assert len(data) < 200_000
    started = time.monotonic()
    reading = read_pdf(data, name="bomb.pdf", max_inflated=1 << 20)
    assert time.monotonic() - started < 10
    assert reading.layout is None
    assert [(p.code, p.span.source) for p in reading.problems] == [
        ("import.pdf_too_large", "bomb.pdf")
    ]
    assert "object stream" in reading.problems[0].message_en
    assert "decompress" in reading.problems[0].message_en
    # an object stream within the limit is read
    assert read_pdf(_encrypted_pdf(b"% within the limit\n"), max_inflated=1 << 20).problems == ()


def test_an_encrypted_pdf_whose_objects_cannot_be_measured_in_time_is_refused() -> None:
    reading = read_pdf(_encrypted_pdf(b""), name="slow.pdf", max_seconds=0)
    assert reading.layout is None
    assert [(p.code, p.span.source) for p in reading.problems] == [
        ("import.pdf_too_large", "slow.pdf")
    ]
    assert "could not all be measured" in reading.problems[0].message_en


def _refused(data: bytes, **limits: float) -> list[str]:
    started = time.monotonic()
    reading = read_pdf(data, name="bomb.pdf", **limits)  # type: ignore[arg-type]
    assert time.monotonic() - started < 10
    return [p.code for p in reading.problems]


MIB = 1 << 20


def test_an_encrypted_bomb_in_a_stream_the_catalog_is_not_in_is_refused() -> None:
    """The page tree's object stream is resolved only when the pages are read: the pre-pass
    measures every object stream a cross-reference entry names, not only what opening reads."""
    data = _encrypted_pdf(streams=(((2,), 64 * MIB),))
    assert _refused(data, max_inflated=MIB) == ["import.pdf_too_large"]
    assert _refused(_encrypted_pdf(streams=(((2,), 0),)), max_inflated=MIB) == []


def test_encrypted_object_streams_count_against_one_budget() -> None:
    from disclosure_model.importers.pdf import _enciphered_object_streams_inflate

    two = _encrypted_pdf(streams=(((1,), 0), ((2,), 4 * MIB), ((5,), 4 * MIB)))  # 8 MiB
    assert _refused(two, max_inflated=6 * MIB) == ["import.pdf_too_large"]
    # each alone is under the limit, and each is counted once, deciphered
    size = _enciphered_object_streams_inflate(two, 16 * MIB, 10)  # raises past the limit
    assert 8 * MIB < size < 8 * MIB + 400
    one = _encrypted_pdf(streams=(((1,), 0), ((2,), 4 * MIB), ((5,), 0)))
    assert 4 * MIB < _enciphered_object_streams_inflate(one, 6 * MIB, 10) < 6 * MIB


def test_a_stream_behind_a_cross_reference_range_is_measured() -> None:
    # /Index in three ranges: pdfminer.six lists the objects of a range from the first entry
    # of the table, so object 2 is not listed, but it resolves.
    data = _encrypted_pdf(streams=(((2,), 64 * MIB),), index=b"/Index [0 1 1 1 2 8] ")
    assert _refused(data, max_inflated=MIB) == ["import.pdf_too_large"]


def test_an_escaped_encrypt_name_still_marks_the_file_encrypted() -> None:
    data = _encrypted_pdf(zeros=64 * MIB, encrypt_name=b"/Encr#79pt")
    assert _refused(data, max_inflated=MIB) == ["import.pdf_too_large"]


def test_an_image_codec_before_flate_is_passed_through_and_measured() -> None:
    """pdfminer.six passes DCT, JPX and JBIG2 data on as it is, to the next filter."""
    data = _encrypted_pdf(zeros=64 * MIB, stream_filter=b"[/DCTDecode /FlateDecode]")
    assert _refused(data, max_inflated=MIB) == ["import.pdf_too_large"]
    page = _pdf(_zeros_deflated(64 * MIB), "[/JPXDecode /FlateDecode]")  # not encrypted
    assert _refused(page, max_inflated=MIB) == ["import.pdf_page_too_large"]
    plain = _encrypted_pdf(zeros=64 * MIB, encrypted=False, stream_filter=b"[/DCT /Fl]")
    assert _refused(plain, max_inflated=MIB) == ["import.pdf_too_large"]


def test_a_cross_reference_stream_with_a_long_dictionary_is_measured() -> None:
    """The raw scan read 2 KB back from a stream for its dictionary: padding hid it."""
    data = _encrypted_pdf(
        encrypted=False, xref_zeros=64 * MIB, xref_padding=b" " * 4096 + b"/Padding true"
    )
    assert _refused(data, max_inflated=MIB) == ["import.pdf_too_large"]
