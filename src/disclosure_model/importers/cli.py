"""The ``disclosure-model import`` command: published reports into contract JSON.

``disclosure-model import PATH... [--out DIR] [--format text|json] [--validate] [--force]``

Each PATH is a file, a folder (every ``.html``, ``.htm``, ``.txt``, ``.md`` and ``.pdf`` file
in it, recursively) or ``-`` (standard input). The report read from each source is written as
contract JSON next to it (``name.html`` → ``name.json``) or under ``--out DIR``; for ``-`` it is
written to standard output unless ``--out`` is given. The import findings are printed (to
standard error when the JSON goes to standard output). ``--validate`` runs each imported report
through the same validation as ``disclosure-model validate``.

Exit codes, as for ``validate``: 0 when every source was imported without an error finding (and,
with ``--validate``, passes), 1 when some source gave no report or an error finding, 2 for usage
errors and sources that cannot be read (missing, no permission, an extra not installed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from ..findings import Finding, Language, Severity
from . import ImportResult, MissingExtraError, import_report

__all__ = ["DESCRIPTION", "HELP", "add_parser", "configure", "run"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".md", ".markdown", ".pdf")
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


HELP = "read published reports (web pages, PDF, text, Markdown) into contract JSON"
DESCRIPTION = (
    "Read each published report and write it as contract JSON, printing every judgement the "
    "importer made with where in the source it was made."
)


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add the ``import`` command to the command line's sub-parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "import", help=HELP, description=DESCRIPTION
    )
    configure(parser)
    return parser


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``import`` command's arguments to ``parser``."""
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="report files, folders of them, or - (stdin)"
    )
    parser.add_argument("--out", metavar="DIR", help="write the JSON files under DIR")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default) or json (a list of import results)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="message language")
    parser.add_argument(
        "--kind",
        choices=("text", "markdown", "html", "pdf"),
        help="read every source as this kind (default: detect from name and content)",
    )
    parser.add_argument(
        "--validate", action="store_true", help="also validate each imported report"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite JSON files that already exist"
    )


def _sources(paths: list[str]) -> Iterator[str]:
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for folder, _dirs, files in os.walk(path):
                found += [os.path.join(folder, f) for f in files if f.lower().endswith(_SUFFIXES)]
            yield from sorted(found)
        else:
            yield path


def _target(source: str, out_dir: str | None) -> str | None:
    if source == "-":
        return os.path.join(out_dir, "stdin.json") if out_dir else None
    base = os.path.basename(source)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    folder = out_dir if out_dir else os.path.dirname(source)
    return os.path.join(folder, stem + ".json")


def _line(finding: Finding, lang: Language) -> str:
    severity = finding.severity.value
    label = _SEVERITY_ZH[severity] if lang == "zh" else severity
    where = str(finding.location) if finding.location is not None else (finding.pointer or "")
    where = where or ("（整个文档）" if lang == "zh" else "(document)")
    return f"{label} [{finding.code}] {where}: {finding.message(lang)}"


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``import``; returns the exit code."""
    from ..codec import to_json

    lang: Language = args.lang
    if args.out:
        try:
            os.makedirs(args.out, exist_ok=True)
        except OSError as exc:
            print(f"disclosure-model import: cannot create {args.out}: {exc.strerror}", file=err)
            return EXIT_USAGE
    worst = EXIT_OK
    results: list[dict[str, Any]] = []
    report_stream = err if any(p == "-" for p in args.paths) and not args.out else out
    for source in _sources(args.paths):
        try:
            if source == "-":
                result = import_report(sys.stdin.buffer.read(), kind=args.kind, name="<stdin>")
            else:
                result = import_report(source, kind=args.kind)
        except MissingExtraError as exc:
            print(f"{source}: {exc}", file=err)
            worst = EXIT_USAGE
            continue
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if isinstance(exc, IsADirectoryError):
                reason = "is a directory"
            print(f"{source}: cannot read ({reason})", file=err)
            worst = EXIT_USAGE
            continue
        findings = list(result.findings)
        written = None
        if result.report is not None:
            text = to_json(result.report)
            target = _target(source, args.out)
            if target is None:
                out.write(text if text.endswith("\n") else text + "\n")
            elif os.path.exists(target) and not args.force:
                print(f"{source}: {target} exists; use --force to overwrite it", file=err)
                worst = EXIT_USAGE
                continue
            else:
                with open(target, "w", encoding="utf-8") as file:
                    file.write(text if text.endswith("\n") else text + "\n")
                written = target
            if args.validate:
                from ..validation import validate_document

                findings += validate_document(text, source=source).findings
        failed = result.report is None or any(f.severity is Severity.ERROR for f in findings)
        if failed and worst == EXIT_OK:
            worst = EXIT_FINDINGS
        if args.format == "json":
            entry = result.to_dict()
            entry["findings"] = [f.to_dict() for f in findings]
            entry["output"] = written
            entry["valid"] = not failed
            results.append(entry)
        else:
            _print(result, findings, written, lang, report_stream)
    if args.format == "json":
        json.dump(results, report_stream, ensure_ascii=False, indent=2, default=str)
        report_stream.write("\n")
    return worst


def _print(
    result: ImportResult, findings: list[Finding], written: str | None, lang: Language, out: TextIO
) -> None:
    name = result.source or "<stdin>"
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if result.report is None:
        head = f"{name}：未能导入" if lang == "zh" else f"{name}: not imported"
    elif lang == "zh":
        head = f"{name}：已导入" + (f" → {written}" if written else "")
    else:
        head = f"{name}: imported" + (f" -> {written}" if written else "")
    if lang == "zh":
        head += f"（{errors} 个错误，{len(findings) - errors} 个其他发现）"
    else:
        head += f" ({errors} error(s), {len(findings) - errors} other finding(s))"
    print(head, file=out)
    for finding in findings:
        print("  " + _line(finding, lang), file=out)
