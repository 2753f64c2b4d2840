"""The ``disclosure-model`` command line.

Exit codes: 0 when every document passes, 1 when some document has a finding at or above the
``--fail-on`` severity, 2 for usage errors and files that cannot be read (missing, a directory,
no permission).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from . import __version__
from .codec import dumps_value
from .findings import Finding, Language, Severity
from .validation import ValidationResult, validate_file

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


class _Parser(argparse.ArgumentParser):
    """An argument parser that exits with code 2 and a one-line hint on usage errors."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="disclosure-model",
        description="Read, validate and check 政府信息公开工作年度报告 JSON documents.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    validate = commands.add_parser(
        "validate",
        help="report everything wrong with each document",
        description="Read each JSON document and list every problem found, with its JSON Pointer.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="report JSON files")
    validate.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="text for people (default), json (a list of results) or jsonl (one per line)",
    )
    validate.add_argument(
        "--lang", choices=("zh", "en"), default="en", help="language of messages (default: en)"
    )
    validate.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    return parser


def _print_text(result: ValidationResult, lang: Language, out: TextIO) -> None:
    name = result.source or "<document>"
    if not result.findings:
        print(f"{name}: OK" if lang == "en" else f"{name}：通过", file=out)
        return
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    others = len(result.findings) - errors
    if lang == "zh":
        print(f"{name}：{errors} 个错误，{others} 个其他问题", file=out)
    else:
        print(f"{name}: {errors} error(s), {others} other finding(s)", file=out)
    for finding in result.findings:
        print("  " + _finding_line(finding, lang), file=out)


def _finding_line(finding: Finding, lang: Language) -> str:
    severity = finding.severity.value
    label = _SEVERITY_ZH[severity] if lang == "zh" else severity
    where = finding.pointer or ("（整个文档）" if lang == "zh" else "(document)")
    return f"{label} [{finding.code}] {where}: {finding.message(lang)}"


def _fails(result: ValidationResult, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in result.findings)


def _io_error(path: str, exc: OSError, lang: Language) -> str:
    if isinstance(exc, IsADirectoryError):
        return (
            f"{path}：是目录，不是文件" if lang == "zh" else f"{path}: is a directory, not a file"
        )
    if isinstance(exc, FileNotFoundError):
        return f"{path}：文件不存在" if lang == "zh" else f"{path}: no such file"
    reason = exc.strerror or str(exc)
    return f"{path}：无法读取（{reason}）" if lang == "zh" else f"{path}: cannot read ({reason})"


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang: Language = args.lang
    status = EXIT_OK
    results: list[ValidationResult] = []
    io_failed = False
    for path in args.files:
        try:
            result = validate_file(path)
        except OSError as exc:
            print(f"disclosure-model: {_io_error(path, exc, lang)}", file=err)
            io_failed = True
            continue
        if _fails(result, args.fail_on):
            status = EXIT_FINDINGS
        if args.format == "text":
            _print_text(result, lang, out)
        elif args.format == "jsonl":
            print(dumps_value(result.to_dict(), indent=None), file=out)
        else:
            results.append(result)
    if args.format == "json":
        print(dumps_value([r.to_dict() for r in results], indent=2), file=out)
    return EXIT_USAGE if io_failed else status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        if args.command == "validate":
            return _validate(args, out, err)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    raise AssertionError(f"unhandled command {args.command!r}")  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
