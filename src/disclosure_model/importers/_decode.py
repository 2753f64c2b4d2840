"""Bytes as published into text: UTF-8 with or without BOM, GB18030/GBK/GB2312, declared or not."""

from __future__ import annotations

import codecs
import importlib
import re
from typing import Any

from ..findings import Finding
from ._interpret import INFO, WARNING, finding

__all__ = ["decode"]

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
# The GB family: GB18030 is a superset of GBK, which is a superset of GB2312; pages that declare
# the older ones often use characters only the newer ones have, so all are read as GB18030.
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312", "gb_2312-80"}


def _codec(name: str) -> str | None:
    name = name.lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, *, html: bool, source: str | None) -> tuple[str, list[Finding]]:
    """The text of ``data`` and findings on how its encoding was decided."""
    findings: list[Finding] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), findings
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), findings
    declared = None
    if html:
        head = data[:8192]
        m = _DECLARED.search(head) or _XML.search(head)
        if m:
            declared = _codec(m.group(1).decode("ascii", "replace"))
    if declared:
        try:
            return data.decode(declared), findings
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
        if declared:
            findings.append(
                finding(
                    "encoding",
                    WARNING,
                    f"the page declares {declared} but is UTF-8; read as UTF-8",
                    f"网页声明编码为 {declared}，实际为 UTF-8；按 UTF-8 读取",
                )
            )
        return text, findings
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if declared and guess is None:
        guess = declared
    name = guess or "gb18030"
    text = data.decode(name, errors="replace")
    bad = text.count("\ufffd")
    how = "detected" if guess else "assumed"
    findings.append(
        finding(
            "encoding",
            WARNING if bad or not guess else INFO,
            f"no usable encoding declared; {how} {name}"
            + (f", {bad} undecodable byte sequence(s) replaced" if bad else ""),
            f"未声明可用的编码；{'检测' if guess else '假定'}为 {name}"
            + (f"，{bad} 处无法解码的字节已替换" if bad else ""),
        )
    )
    return text, findings


def _detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds, or GB18030 if it decodes cleanly, else ``None``."""
    try:  # the import extra; typed as Any so that mypy passes with or without it
        charset_normalizer: Any = importlib.import_module("charset_normalizer")
    except ImportError:
        charset_normalizer = None
    if charset_normalizer is not None:
        best = charset_normalizer.from_bytes(data[:200000]).best()
        if best is not None:
            found = _codec(best.encoding) or best.encoding
            return "gb18030" if found in ("gb2312", "gbk", "big5hkscs") and _gb_ok(data) else found
    return "gb18030" if _gb_ok(data) else None


def _gb_ok(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
