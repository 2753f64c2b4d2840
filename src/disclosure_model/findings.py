"""The one finding type for everything the library reports.

A :class:`Finding` is what the library says about a document: bytes that are not JSON, a value the
model or the JSON Schema rejects, a rule of the form that fails. Its fields are data (code,
severity, JSON Pointer, the cell in the form's terms, expected/actual, operands, citation and
message parameters); the message is rendered late, in Chinese or English, from those fields.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from .sources import SourceSpan

__all__ = [
    "CellRef",
    "DocumentError",
    "Finding",
    "FindingValue",
    "Language",
    "Operand",
    "Severity",
    "escape_pointer_token",
    "io_finding",
    "pointer_from_path",
    "register_messages",
]

Language = Literal["zh", "en"]
"""A language messages are rendered in."""

FindingValue = int | Decimal | str
"""A value a finding reports: a count (``int``), an amount (``Decimal``), or a text such as an
edition code, an ISO date or what a value should have been (``"an object"``)."""


class Severity(str, enum.Enum):
    """How much a finding matters. Errors make a document invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@attrs.frozen(kw_only=True)
class CellRef:
    """A cell named in the form's own terms: table, row id, column and their Chinese labels."""

    table: str
    row: str
    column: str
    row_label_zh: str = ""
    column_label_zh: str = ""

    def to_dict(self) -> dict[str, str]:
        """The public JSON form (see ``docs/findings.md``)."""
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "row_label_zh": self.row_label_zh,
            "column_label_zh": self.column_label_zh,
        }


@attrs.frozen(kw_only=True)
class Operand:
    """One value that went into a rule, and where it is.

    ``document`` names another document when the value is not from the finding's own (the
    previous year's report of a series, a child report of an aggregate).
    """

    pointer: str
    value: FindingValue | None
    document: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form."""
        out = {"pointer": self.pointer, "value": self.value}
        if self.document is not None:
            out["document"] = self.document
        return out


MessageTemplate = Callable[["Finding"], str]
_TEMPLATES: dict[tuple[str, str], MessageTemplate] = {}


def register_messages(code: str, *, zh: MessageTemplate, en: MessageTemplate) -> None:
    """Register how findings with ``code`` render in each language.

    A code prefix ending in ``.`` (``"schema."``) registers a fallback for the whole layer.

    :param code: the finding code the messages are for
    :param zh: the Chinese message template
    :param en: the English message template
    """
    _TEMPLATES[(code, "zh")] = zh
    _TEMPLATES[(code, "en")] = en


_BUILT_IN_MESSAGES = (
    "disclosure_model.messages",
    "disclosure_model.limits",
    "disclosure_model.rules.messages",
)
"""The modules that register the library's own templates (loaded on the first lookup)."""
_built_in_loaded: list[bool] = []


def _load_built_in_messages() -> None:
    _built_in_loaded.append(True)
    import importlib

    for module in _BUILT_IN_MESSAGES:
        importlib.import_module(module)


def _template(code: str, lang: str) -> MessageTemplate | None:
    if not _built_in_loaded:  # a finding made before the modules that word it were imported
        _load_built_in_messages()
    found = _TEMPLATES.get((code, lang))
    if found is None and "." in code:
        found = _TEMPLATES.get((code.split(".", 1)[0] + ".", lang))
    return found


@attrs.frozen(kw_only=True)
class Finding:
    """One thing found about a document.

    ``pointer`` is an RFC 6901 JSON Pointer (``""`` for the whole document) into the document
    the finding is about — the one being checked, or, in a series or aggregate check, the one
    ``document`` names. ``params`` holds whatever else a message needs; the message itself is
    rendered by :meth:`message`. ``location`` says where in a source document (a web page, a
    PDF, a text) the finding's subject was printed, for findings of an importer (``import.*``).
    """

    code: str
    name: str
    severity: Severity
    pointer: str
    cell: CellRef | None = None
    expected: FindingValue | None = None
    actual: FindingValue | None = None
    difference: int | Decimal | None = None
    operands: tuple[Operand, ...] = ()
    citation: str | None = None
    document: str | None = None
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    location: SourceSpan | None = None

    @property
    def is_error(self) -> bool:
        """Whether this finding makes the document invalid."""
        return self.severity is Severity.ERROR

    def message(self, lang: Language = "en") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``), rendered from this finding's fields.

        :param lang: ``"en"`` or ``"zh"``
        """
        template = _template(self.code, lang)
        if template is not None:
            return template(self)
        text = self.params.get("text_" + lang) or self.params.get("text")
        if text:
            return str(text)
        return f"{self.code} at {self.pointer or '/'}"

    def located(self, lang: Language = "en") -> str:
        """The message prefixed with its JSON Pointer, for one-line display.

        :param lang: ``"en"`` or ``"zh"``
        """
        return f"{self.pointer or '(document)'}: {self.message(lang)}"

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form of ``docs/findings.md`` (amounts stay ``Decimal``)."""
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "pointer": self.pointer,
        }
        if self.cell is not None:
            out["cell"] = self.cell.to_dict()
        for key in ("expected", "actual", "difference"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.operands:
            out["operands"] = [o.to_dict() for o in self.operands]
        if self.citation:
            out["citation"] = self.citation
        if self.document is not None:
            out["document"] = self.document
        if self.location is not None:
            out["location"] = self.location.to_dict()
        out["message"] = {"zh": self.message("zh"), "en": self.message("en")}
        return out


class DocumentError(ValueError):
    """A document could not be read into the model.

    ``findings`` holds **every** problem found, each with its JSON Pointer; ``source`` names the
    file (or is ``None``). ``str()`` lists them all.

    :param findings: every problem found in the document, each located by its JSON Pointer
    :param source: the name of the document (a file name), if known
    """

    def __init__(self, findings: Iterable[Finding], source: str | None = None) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        self.source = source
        super().__init__(self._text())

    def _text(self) -> str:
        where = f"{self.source}: " if self.source else ""
        count = len(self.findings)
        lines = [f"{where}cannot read the report ({count} problem{'s' if count != 1 else ''})"]
        lines += [f"  {f.located('en')}" for f in self.findings]
        return "\n".join(lines)


def escape_pointer_token(token: str | int) -> str:
    """Escape one reference token for a JSON Pointer (RFC 6901: ``~`` → ``~0``, ``/`` → ``~1``).

    :param token: a key or an index
    """
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_from_path(path: Iterable[str | int]) -> str:
    """The JSON Pointer of a key path, e.g. ``/requests/new_received``.

    :param path: keys and indexes from the document's root
    """
    return "".join("/" + escape_pointer_token(t) for t in path)


def io_finding(path: str, exc: OSError) -> Finding:
    """The ``io.*`` finding for a file that cannot be read (``io.not_found``, ``io.is_directory``,
    ``io.unreadable``), at pointer ``""`` with the file named in both languages.

    An :class:`~disclosure_model.fileio.InputError` (an input refused before reading: a device,
    too large, a NUL in the path) gives its own code: ``io.not_a_file``, ``io.too_large``, ….

    :param path: the file
    :param exc: the error reading it raised
    """
    refused = getattr(exc, "io_code", None)
    if isinstance(refused, str):
        code = refused
        en = str(getattr(exc, "text_en", exc))
        zh = str(getattr(exc, "text_zh", exc))
    elif isinstance(exc, IsADirectoryError):
        code, en, zh = (
            "is_directory",
            f"{path} is a directory, not a file",
            f"{path} 是目录，不是文件",
        )
    elif isinstance(exc, FileNotFoundError):
        code, en, zh = "not_found", f"no such file: {path}", f"文件不存在：{path}"
    else:
        reason = exc.strerror or str(exc)
        code, en, zh = (
            "unreadable",
            f"cannot read {path} ({reason})",
            f"无法读取 {path}（{reason}）",
        )
    return Finding(
        code=f"io.{code}",
        name=code,
        severity=Severity.ERROR,
        pointer="",
        params={"text_en": en, "text_zh": zh},
    )
