"""Bounds on the work done for one document, and the order findings are listed in.

A hostile document can hold a million problems (a million ``NaN``, unknown keys or repeated
keys). Nobody reads a million findings, and building them costs memory and time in proportion.
So every reader and validator of the library lists at most :data:`MAX_FINDINGS` findings per
document; when there were more, the last finding (code ``limit.findings``) says how many more
were found and not listed. Findings are listed in document order: the order in which the
values they point at appear in the document (array items by index, object members in the order
written), a value before the values inside it; findings about keys the document lacks come after
the keys it has, and rule findings follow the findings about reading, in the order of the rule
catalogue. See ``docs/findings.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .findings import Finding, Severity, register_messages

__all__ = ["MAX_FINDINGS", "TRUNCATED", "cap_findings", "in_document_order", "truncated"]

MAX_FINDINGS = 1000
"""The most findings listed for one document (the ``limit.findings`` finding comes on top)."""

TRUNCATED = "limit.findings"
"""The code of the finding that says how many more findings were not listed."""


def truncated(more: int, *, exact: bool = True, severity: Severity = Severity.ERROR) -> Finding:
    """The finding that says ``more`` findings were found and not listed.

    ``exact`` is false when counting stopped too (then at least ``more`` were not listed).
    """
    return Finding(
        code=TRUNCATED,
        name="findings_truncated",
        severity=severity,
        pointer="",
        params={"more": more, "exact": exact, "limit": MAX_FINDINGS},
    )


def in_document_order(findings: Iterable[Finding], value: Any) -> list[Finding]:
    """``findings`` (about reading ``value``) sorted by where they point in ``value``.

    Stable: findings at one place keep their order; ``limit.findings`` findings come last.
    """
    listed = list(findings)
    if len(listed) < 2:
        return listed
    positions: dict[int, dict[Any, int]] = {}
    keys: dict[int, list[Any]] = {}

    def key(finding: Finding) -> list[int]:
        pointer = finding.pointer
        if finding.code == TRUNCATED:  # what was not listed comes after what was
            return [len(listed) + 2**62]
        if not pointer:
            return []
        return _positions(value, pointer.split("/")[1:], positions, keys)

    return sorted(listed, key=key)


def _positions(
    value: Any,
    tokens: Sequence[str],
    positions: dict[int, dict[Any, int]],
    keys: dict[int, list[Any]],
) -> list[int]:
    out: list[int] = []
    node = value
    for token in tokens:
        if isinstance(node, dict):
            index = positions.get(id(node))
            if index is None:
                members = list(node)
                keys[id(node)] = members
                index = dict(zip(members, range(len(members)), strict=True))
                if set(map(type, members)) != {str}:  # keys from Python code may be any type
                    for i, k in enumerate(members):
                        if type(k) is not str:
                            index.setdefault(str(k), i)
                positions[id(node)] = index
            at = index.get(token.replace("~1", "/").replace("~0", "~"))
            if at is None:  # a key the document lacks: after the keys it has
                out.append(len(node))
                break
            out.append(at)
            node = node[keys[id(node)][at]]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            out.append(int(token))
            node = node[int(token)]
        else:
            out.append(0)
            break
    return out


def cap_findings(findings: Iterable[Finding], *, limit: int = MAX_FINDINGS) -> list[Finding]:
    """The first ``limit`` findings, then one ``limit.findings`` finding counting the rest.

    ``limit.findings`` findings already among ``findings`` (from a part that stopped early)
    add their counts to the final one. The final finding has the highest severity of those not
    listed.
    """
    kept: list[Finding] = []
    more = 0
    exact = True
    severity: Severity | None = None
    for finding in findings:
        if finding.code == TRUNCATED:
            more += int(finding.params.get("more", 0))
            exact = exact and bool(finding.params.get("exact", True))
        elif len(kept) < limit:
            kept.append(finding)
            continue
        else:
            more += 1
        if severity is None or finding.severity.rank > severity.rank:
            severity = finding.severity
    if more or not exact:
        kept.append(truncated(more, exact=exact, severity=severity or Severity.ERROR))
    return kept


def _message_en(f: Finding) -> str:
    more = f.params.get("more", 0)
    limit = f.params.get("limit", MAX_FINDINGS)
    counted = "" if f.params.get("exact", True) else "at least "
    return (
        f"{counted}{more} more finding{'s' if more != 1 else ''} not listed "
        f"(at most {limit} are listed per document)"
    )


def _message_zh(f: Finding) -> str:
    more = f.params.get("more", 0)
    limit = f.params.get("limit", MAX_FINDINGS)
    counted = "至少" if not f.params.get("exact", True) else ""
    return f"另有{counted} {more} 项问题未列出（每份文档最多列出 {limit} 项）"


register_messages(TRUNCATED, zh=_message_zh, en=_message_en)
