"""The ``disclosure-model`` command line.

Exit codes: 0 when every document passes, 1 when some document has a finding at or above the
``--fail-on`` severity, 2 for usage errors and files that cannot be read (missing, a directory,
no permission).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from . import __version__
from .codec import dumps_value
from .enums import Edition
from .findings import Finding, Language, Severity
from .render._cli import add_render_command, run_render
from .report import AnnualReport
from .rules import CATALOGUE, CheckResult, check_aggregate, check_series
from .validation import ValidationResult, read_and_validate

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
    validate.add_argument("files", nargs="*", metavar="FILE", help="report JSON files")
    validate.add_argument(
        "--files-from",
        metavar="LIST",
        help="also validate the files named in LIST, one path a line ('-': standard input); "
        "for corpora too large for a command line",
    )
    validate.set_defaults(subparser=validate)
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
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="validate N files at a time in worker processes (0: one per CPU; default 1)",
    )
    validate.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    rules = commands.add_parser(
        "rules",
        help="list the rule catalogue",
        description="List every rule the checker enforces: code, name, kind, severity, statement.",
    )
    rules.add_argument("--lang", choices=("zh", "en"), default="en", help="language of titles")
    rules.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )

    series = commands.add_parser(
        "series",
        help="check one organ's reports across years (X-1 … X-4)",
        description="Read the reports of one organ (any order, gaps allowed) and run the "
        "cross-year rules.",
    )
    series.add_argument("files", nargs="+", metavar="FILE", help="report JSON files")
    _add_output_options(series)

    parent = commands.add_parser(
        "aggregate",
        help="check a parent report against the child reports it covers (A-1)",
        description="Check that each Table 三 and Table 四 cell of the parent report equals the "
        "sum over the child reports.",
    )
    parent.add_argument("parent", metavar="PARENT", help="the parent report")
    parent.add_argument("children", nargs="+", metavar="CHILD", help="the child reports")
    _add_output_options(parent)

    schema = commands.add_parser(
        "schema",
        help="print the shipped JSON Schema",
        description="Print the JSON Schema (draft-07) of one edition, or without --edition the "
        "index schema that accepts either edition by its edition tag.",
    )
    schema.add_argument(
        "--edition", choices=[e.value for e in Edition], help="the edition's own schema"
    )
    add_render_command(commands)
    from .importers.cli import add_parser as add_import_parser

    add_import_parser(commands)
    return parser


def _safe_output(stream: TextIO) -> None:
    """Never fail on output: text from a document may hold lone surrogates (``"\\ud800"``)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("the number of jobs cannot be negative")
    return value


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("zh", "en"), default="en")
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="warning",
        help="exit 1 when a finding is at least this severe (default: warning)",
    )


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


def _validate_one(task: tuple[str, str, Language, str]) -> tuple[str, bool, str | None]:
    """Validate one file and render its output: ``(text, fails, io_error)``.

    Runs in a worker process with ``--jobs``: only this small, picklable summary travels back,
    never the report, so memory stays flat however many files there are.
    """
    path, output_format, lang, fail_on = task
    try:
        result = read_and_validate(path)
    except OSError as exc:
        return "", False, f"disclosure-model: {_io_error(path, exc, lang)}"
    if output_format == "text":
        buffer = io.StringIO()
        _print_text(result, lang, buffer)
        text = buffer.getvalue()
    else:
        text = dumps_value(result.to_dict(), indent=None if output_format == "jsonl" else 2)
    return text, _fails(result, fail_on), None


def _validate_chunk(
    tasks: list[tuple[str, str, Language, str]],
) -> list[tuple[str, bool, str | None]]:
    """Validate a run of files in a worker: one round trip per run, not per file."""
    return [_validate_one(task) for task in tasks]


def _paths(args: argparse.Namespace) -> Iterator[str]:
    """The files to validate: the arguments, then the lines of ``--files-from``, read lazily."""
    yield from args.files
    if args.files_from is None:
        return
    with contextlib.ExitStack() as stack:
        if args.files_from == "-":
            lines: Iterator[str] = iter(sys.stdin)
        else:
            lines = stack.enter_context(open(args.files_from, encoding="utf-8"))
        for line in lines:
            path = line.rstrip("\r\n")
            if path:
                yield path


def _chunks(
    paths: Iterator[str], args: argparse.Namespace, lang: Language, size: int
) -> Iterator[list[tuple[str, str, Language, str]]]:
    while chunk := [(p, args.format, lang, args.fail_on) for p in itertools.islice(paths, size)]:
        yield chunk


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang: Language = args.lang
    if not args.files and args.files_from is None:
        args.subparser.error("give at least one FILE, or --files-from LIST")  # exits with 2
    if args.files_from not in (None, "-") and not os.path.isfile(args.files_from):
        print(f"disclosure-model: {args.files_from}: no such list of files", file=err)
        return EXIT_USAGE
    paths = _paths(args)
    count = len(args.files) if args.files_from is None else 1 << 30
    jobs = min(args.jobs or os.cpu_count() or 1, count)
    status = EXIT_OK
    io_failed = False
    first = True
    if args.format == "json":
        out.write("[")
    with contextlib.ExitStack() as stack:
        outputs: Iterator[list[tuple[str, bool, str | None]]]
        if jobs > 1:
            # Runs of files go to the workers and come back in order; only the rendered output
            # travels, and at most a few runs are in flight, so memory does not grow with the
            # number of files.
            size = max(1, min(256, count // (jobs * 8)))
            pool = stack.enter_context(multiprocessing.Pool(jobs))
            outputs = pool.imap(_validate_chunk, _chunks(paths, args, lang, size))
        else:
            outputs = map(_validate_chunk, _chunks(paths, args, lang, 64))
        for chunk in outputs:
            for text, fails, io_error in chunk:
                if io_error is not None:
                    print(io_error, file=err)
                    io_failed = True
                    continue
                if fails:
                    status = EXIT_FINDINGS
                if args.format == "json":
                    out.write(("\n" if first else ",\n") + text)
                elif args.format == "jsonl":
                    out.write(text + "\n")
                else:
                    out.write(text)
                first = False
    if args.format == "json":
        out.write("\n]\n" if not first else "]\n")
    return EXIT_USAGE if io_failed else status


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    if args.format == "json":
        catalogue = [
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind.value,
                "severity": r.severity.value,
                "scope": r.scope.value,
                "editions": list(r.editions),
                "title": {"zh": r.title_zh, "en": r.title_en},
                "statement": r.statement,
                "citation": r.citation,
            }
            for r in CATALOGUE
        ]
        print(dumps_value(catalogue, indent=2), file=out)
        return EXIT_OK
    for r in CATALOGUE:
        title = r.title_zh if args.lang == "zh" else r.title_en
        editions = "/".join(r.editions)
        print(
            f"{r.code:<5} {r.name:<38} {r.kind.value} {r.severity.value:<7} {editions:<9} {title}",
            file=out,
        )
    return EXIT_OK


def _read_reports(
    paths: Sequence[str], lang: Language, out: TextIO, err: TextIO
) -> list[tuple[str, AnnualReport]] | None:
    """Read every file; print what is wrong and return ``None`` if any cannot be read."""
    reports: list[tuple[str, AnnualReport]] = []
    ok = True
    for path in paths:
        try:
            result = read_and_validate(path, run_rules=False)
        except OSError as exc:
            print(f"disclosure-model: {_io_error(path, exc, lang)}", file=err)
            ok = False
            continue
        if result.report is None:
            _print_text(result, lang, out)
            ok = False
        else:
            reports.append((path, result.report))
    return reports if ok else None


def _print_check(result: CheckResult, source: str, args: argparse.Namespace, out: TextIO) -> int:
    lang: Language = args.lang
    if args.format == "json":
        print(dumps_value(dict(result.to_dict(), source=source), indent=2), file=out)
    else:
        as_validation = ValidationResult(source=source, findings=result.findings)
        _print_text(as_validation, lang, out)
        for code, stats in result.rules.items():
            if stats.skipped and stats.reason:
                print(f"  ({code} skipped: {stats.reason})", file=out)
    as_validation = ValidationResult(source=source, findings=result.findings)
    return EXIT_FINDINGS if _fails(as_validation, args.fail_on) else EXIT_OK


def _series(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reports = _read_reports(args.files, args.lang, out, err)
    if reports is None:
        return EXIT_USAGE
    try:
        result = check_series([r for _, r in reports], [p for p, _ in reports])
    except ValueError as exc:
        print(f"disclosure-model: {exc}", file=err)
        return EXIT_USAGE
    return _print_check(result, "series", args, out)


def _aggregate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reports = _read_reports([args.parent, *args.children], args.lang, out, err)
    if reports is None:
        return EXIT_USAGE
    (parent_path, parent), children = reports[0], reports[1:]
    result = check_aggregate(
        parent,
        [r for _, r in children],
        parent_source=parent_path,
        child_sources=[p for p, _ in children],
    )
    return _print_check(result, parent_path, args, out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    _safe_output(out)
    _safe_output(err)
    try:
        if args.command == "schema":
            from .schema import schema_text

            out.write(schema_text(args.edition))
            return EXIT_OK
        if args.command == "validate":
            return _validate(args, out, err)
        if args.command == "rules":
            return _rules(args, out)
        if args.command == "series":
            return _series(args, out, err)
        if args.command == "aggregate":
            return _aggregate(args, out, err)
        if args.command == "render":
            return run_render(args, out, err)
        if args.command == "import":
            from .importers.cli import run as run_import

            return run_import(args, out, err)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    raise AssertionError(f"unhandled command {args.command!r}")  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
