"""The ``disclosure-model`` command line.

Each subcommand is one :class:`Command` in :data:`COMMANDS`: its name, help, a function that adds
its arguments and one that runs it. To add one, write the two functions and add an entry.

Exit codes (every command): 0 when every input passes, 1 when some input has a finding at or
above ``--fail-on``, 2 for usage errors and for inputs that cannot be read at all (an ``io.*``
finding). When both occur, 2 wins: the run did not see everything it was given.
"""

from __future__ import annotations

import argparse
import codecs
import functools
import itertools
import os
import select
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO, TextIO, TypeVar

import attrs

from . import __version__
from .codec import dumps_value
from .corpus import (
    DEFAULT_PATTERNS,
    CodeFilter,
    Input,
    check_input,
    check_series_of,
    internal_finding,
    iter_inputs,
    ordered_map,
    organ_key,
)
from .enums import Edition
from .fileio import DEFAULT_MAX_SIZE
from .findings import Finding, Language, Severity
from .output import FORMATS, Outcome, OutputFormat, OutputOptions, Summary, get_format
from .report import AnnualReport
from .rules import CATALOGUE, check_aggregate
from .validation import ValidationResult

__all__ = [
    "AUTO_PARALLEL_FROM",
    "COMMANDS",
    "LIST_WRITER_TIMEOUT",
    "Command",
    "main",
]

_T = TypeVar("_T")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

AUTO_PARALLEL_FROM = 1000
"""Without ``--jobs``, validate in one worker per CPU from this many inputs (measured: below
it, starting the workers costs more than they save; see ``docs/cli.md``)."""


@attrs.frozen(kw_only=True)
class Command:
    """One subcommand: ``configure`` adds its arguments, ``run(args, out, err)`` its exit code.

    A module that builds its own sub-parser (``add(subparsers)``, calling ``add_parser`` with
    ``name``) gives ``add`` instead of ``help``, ``description`` and ``configure``.
    """

    name: str
    run: Callable[[argparse.Namespace, TextIO, TextIO], int]
    help: str = ""
    description: str = ""
    configure: Callable[[argparse.ArgumentParser], None] | None = None
    add: Callable[[Any], Any] | None = None


def _help_width() -> int:
    """The width help text is wrapped to: ``COLUMNS`` when set to a positive number, else the
    terminal's on standard output, else 80; less 2, as argparse does."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, without the import of :mod:`shutil` it makes for the terminal
    width (with :mod:`zlib`, :mod:`bz2` and :mod:`lzma`: about 3 ms of a one-file run, in which
    the parser makes a formatter per argument it checks and prints no help)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _help_width() if width is None else width
        )


class _Parser(argparse.ArgumentParser):
    """An argument parser that exits with code 2 and a one-line hint on usage errors, and
    formats its help with :class:`_Formatter` unless told otherwise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _UsageError(Exception):
    """A usage problem found while running (a list of files that cannot be read)."""


# --- argument types ------------------------------------------------------------------------


def _non_negative(what: str) -> Callable[[str], int]:
    """An argument type: an integer ≥ 0, the error naming ``what`` it is."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of {what}: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"the number of {what} cannot be negative")
        return value

    return parse


_jobs = _non_negative("jobs")
_count = _non_negative("findings")


_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str) -> int:
    """A size in bytes: ``1000``, ``64k``, ``64M``, ``2G``."""
    number, unit = text.strip(), ""
    if number and number[-1].lower() in "kmg":
        number, unit = number[:-1], number[-1].lower()
    try:
        value = int(number) * _UNITS[unit]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 64M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return value


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


# --- shared options --------------------------------------------------------------------------


def _add_inputs(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "paths",
        nargs="+" if required else "*",
        metavar="PATH",
        help="report files, folders (searched recursively), JSON Lines files (one report a "
        "line) or '-' for standard input",
    )
    parser.add_argument(
        "--files-from",
        metavar="LIST",
        help="also the paths named in LIST, one a line ('-': standard input)",
    )
    parser.add_argument(
        "--null",
        "-0",
        action="store_true",
        help="the paths in LIST are separated by NUL characters (find -print0)",
    )
    parser.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="file names to take from folders (repeatable; default: "
        f"{', '.join(DEFAULT_PATTERNS)})",
    )
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_SIZE,
        metavar="BYTES",
        help="refuse a file (or a JSON Lines line) larger than this, e.g. 64M (default: 64M)",
    )


def _add_lang_fail_on(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="en", help="language of messages (default: en)"
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default=default,
        help=f"exit 1 when a finding is at least this severe (default: {default})",
    )


def _add_format(parser: argparse.ArgumentParser) -> None:
    names = ", ".join(f"{name} ({fmt.description})" for name, fmt in FORMATS.items())
    parser.add_argument(
        "--format", choices=tuple(FORMATS), default="text", help=f"output format: {names}"
    )


def _add_text_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-per-rule",
        type=_count,
        default=5,
        metavar="N",
        help="text: show at most N findings of one rule per input (0: all; default 5)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="text: list only inputs with findings"
    )
    parser.add_argument(
        "--select",
        type=_codes,
        action="extend",
        default=[],
        metavar="CODES",
        help="keep only findings of these codes or prefixes, comma-separated (T3, X-, model.)",
    )
    parser.add_argument(
        "--ignore",
        type=_codes,
        action="extend",
        default=[],
        metavar="CODES",
        help="drop findings of these codes or prefixes (applied before exit codes and summary)",
    )


def _options(args: argparse.Namespace) -> OutputOptions:
    return OutputOptions(
        lang=args.lang,
        max_per_rule=getattr(args, "max_per_rule", 5),
        quiet=getattr(args, "quiet", False),
        fail_on=args.fail_on,
    )


def _filter(args: argparse.Namespace) -> CodeFilter:
    return CodeFilter(
        select=tuple(getattr(args, "select", ())), ignore=tuple(getattr(args, "ignore", ()))
    )


# --- output that survives a closed pipe --------------------------------------------------------


class _Sink:
    """Standard output that notes a closed pipe and drops what follows.

    The run goes on after the reader has gone (``| head``), so the exit code still reports
    every input: a closed pipe never turns a failing run into exit 0.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.closed = False

    def write(self, text: str) -> None:
        if self.closed or not text:
            return
        try:
            self.stream.write(text)
        except BrokenPipeError:
            self._close()

    def flush(self) -> None:
        if self.closed:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self._close()

    def _close(self) -> None:
        self.closed = True
        try:  # later flushes (at exit) go nowhere instead of raising again
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # pragma: no cover - not a real file descriptor
            pass


def _escape(exc: UnicodeError) -> tuple[bytes, int]:
    """Encode what UTF-8 cannot: a file name's undecodable bytes as they were, else ``\\uXXXX``.

    Python decodes file names that are not valid in the locale's encoding into lone surrogates
    (U+DC80–U+DCFF, "surrogateescape"); those are written back as the original bytes, so a
    name printed is the name on disk. Any other lone surrogate (from a document's text) is
    written as a JSON-style escape.
    """
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - encoding only
        raise exc
    out = bytearray()
    for char in exc.object[exc.start : exc.end]:
        point = ord(char)
        if 0xDC80 <= point <= 0xDCFF:
            out.append(point - 0xDC00)
        else:
            out += f"\\u{point:04x}".encode("ascii")
    return bytes(out), exc.end


codecs.register_error("disclosure_model.escape", _escape)


def _utf8(stream: TextIO) -> None:
    """UTF-8 whatever the locale; what cannot be encoded is escaped (see :func:`_escape`)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors="disclosure_model.escape")
        except (ValueError, OSError):  # pragma: no cover - a stream already written to
            reconfigure(errors="backslashreplace")


# --- inputs --------------------------------------------------------------------------------


LIST_WRITER_TIMEOUT = 10.0
"""Seconds ``--files-from`` waits for a program to open a FIFO it names and write to it."""


def _list_stream(args: argparse.Namespace) -> BinaryIO | None:
    """The opened ``--files-from`` list, or ``None``; raises :class:`_UsageError`.

    A regular file, a pipe or a terminal. A FIFO is opened without waiting for a writer, then
    given :data:`LIST_WRITER_TIMEOUT` seconds for one to send the first names (or close it):
    a FIFO nobody writes to is a usage error, not a run that never ends. A device or a socket
    (``/dev/zero`` would be an endless list) is refused before anything is read, but for a
    terminal and ``/dev/null`` (an empty list).
    """
    name = getattr(args, "files_from", None)
    if name is None:
        return None
    if name == "-":
        return sys.stdin.buffer
    if "\0" in name:
        raise _UsageError(f"the list of files {name!r} holds a NUL character")
    if os.path.isdir(name):
        raise _UsageError(f"{name}: is a directory, not a list of files")
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _UsageError(f"{name}: no such list of files") from None
    except OSError as exc:
        raise _UsageError(f"{name}: cannot read the list of files ({exc.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode):
            ready, _, _ = select.select([fd], [], [], LIST_WRITER_TIMEOUT)
            if not ready:
                raise _UsageError(
                    f"{name}: a FIFO that no program wrote to in {LIST_WRITER_TIMEOUT:g} s "
                    "(start the program that writes the list first, or pipe it to "
                    "--files-from -)"
                )
        elif not (stat.S_ISREG(mode) or os.isatty(fd) or _is_null_device(fd)):
            raise _UsageError(f"{name}: is a device or a socket, not a list of files")
        os.set_blocking(fd, True)
        return open(fd, "rb")  # closed by the command when it ends
    except BaseException:
        os.close(fd)
        raise


def _is_null_device(fd: int) -> bool:
    try:
        return os.fstat(fd).st_rdev == os.stat(os.devnull).st_rdev
    except OSError:  # pragma: no cover - a system without a null device
        return False


def _listed(stream: BinaryIO, null: bool) -> Iterator[str]:
    """The paths of a list, lazily; bytes that are not UTF-8 kept as the file system does."""
    if null:
        pending = b""
        while chunk := stream.read(1 << 16):
            *names, pending = (pending + chunk).split(b"\0")
            for raw in names:
                if raw:
                    yield os.fsdecode(raw)
        if pending:
            yield os.fsdecode(pending)
        return
    for line in stream:
        raw = line.rstrip(b"\r\n")
        if raw:
            yield os.fsdecode(raw)


def _all_paths(args: argparse.Namespace, stream: BinaryIO | None) -> Iterator[str]:
    yield from args.paths
    if stream is not None:
        yield from _listed(stream, args.null)


def _inputs(args: argparse.Namespace, stream: BinaryIO | None) -> Iterator[Input]:
    return iter_inputs(
        _all_paths(args, stream),
        patterns=tuple(args.glob) if args.glob else DEFAULT_PATTERNS,
        max_size=args.max_size,
    )


def _plan_jobs(requested: int | None, inputs: Iterator[_T]) -> tuple[int, Iterator[_T]]:
    """How many workers: never more than inputs, one per CPU unless asked for more.

    ``None`` (no ``--jobs``): 1 below :data:`AUTO_PARALLEL_FROM` inputs, else one per CPU;
    ``0``: one per CPU. Looks ahead at most that many inputs (memory stays bounded).
    """
    cpus = os.cpu_count() or 1
    wanted = requested or cpus
    ahead = wanted if requested is not None else max(wanted, AUTO_PARALLEL_FROM)
    head = list(itertools.islice(inputs, ahead))
    more = len(head) == ahead
    if requested is None and not more:
        wanted = 1
    jobs = wanted if more else max(1, min(wanted, len(head)))
    return jobs, itertools.chain(head, inputs)


# --- progress --------------------------------------------------------------------------------


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(args: argparse.Namespace, err: TextIO, total: Callable[[], int | None]) -> Any:
    """A progress bar on ``err`` (tqdm, the ``progress`` extra), or one that shows nothing.

    Shown when ``err`` is a terminal, or when ``--progress`` asks; ``--no-progress`` never.
    """
    wanted = args.progress
    if wanted is None:
        isatty = getattr(err, "isatty", None)
        wanted = bool(isatty and isatty())
    if not wanted:
        return _NoProgress()
    try:
        from tqdm import tqdm
    except ImportError:
        if args.progress:
            print(
                "disclosure-model: a progress bar needs the 'progress' extra: "
                "pip install 'disclosure-model[progress]'",
                file=err,
            )
        return _NoProgress()
    try:  # a terminal that reports no size (0 × 0) gets 80 × 24, not an invisible bar
        size = os.get_terminal_size(err.fileno())
        width, height = size.columns, size.lines
    except (OSError, ValueError, AttributeError):
        width = height = 0
    return tqdm(
        total=total(),
        file=err,
        unit=" inputs",
        ncols=width or 80,
        nrows=height or 24,
        mininterval=0.2,
    )


def _count_inputs(args: argparse.Namespace) -> int | None:
    """How many inputs there are, when that can be known without consuming them."""
    if args.files_from is not None or "-" in args.paths:
        return None
    return sum(1 for _ in _inputs(args, None))


# --- validate --------------------------------------------------------------------------------


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    _add_inputs(parser)
    _add_format(parser)
    _add_lang_fail_on(parser, "error")
    _add_text_options(parser)
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="validate in N worker processes (0: one per CPU; default: one per CPU from "
        f"{AUTO_PARALLEL_FROM} inputs, else 1); the output is the same",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress on standard error (default: when it is a terminal; needs the "
        "'progress' extra)",
    )


def _compact(items: Iterable[Input]) -> Iterator[Input | str]:
    """What travels to a worker: a file's path alone where that says all (a tenth of the cost
    of sending its :class:`~disclosure_model.corpus.Input`), else the input."""
    for item in items:
        path = item.path
        if path is not None and item.source == path and item.line is None:
            yield path
        else:
            yield item


def _expand(item: Input | str) -> Input:
    return Input(source=item, path=item) if isinstance(item, str) else item


def _render(
    item: Input | str,
    *,
    fmt: OutputFormat,
    options: OutputOptions,
    code_filter: CodeFilter,
    max_size: int,
) -> tuple[str, Outcome]:
    """Check one input and render it: only this small pair travels back from a worker."""
    item = _expand(item)
    try:
        result = code_filter.apply(check_input(item, max_size=max_size))
        return fmt.result(result, options), Outcome.of(result, options)
    except Exception as exc:  # a bug in a filter or a format: still one result
        result = ValidationResult(source=item.source, findings=(internal_finding(exc),))
        return fmt.result(result, options), Outcome.of(result, options)


def _combine(rendered: list[tuple[str, Outcome]], *, separator: str) -> tuple[str, Summary]:
    """A run's rendered inputs as one text and the summary of their outcomes (what a worker
    sends back: one message per run)."""
    summary = Summary()
    for _, outcome in rendered:
        summary.add(outcome)
    return separator.join(text for text, _ in rendered), summary


def _crashed(
    item: Input | str, exc: BaseException, *, fmt: OutputFormat, options: OutputOptions
) -> tuple[str, Outcome]:
    item = _expand(item)
    finding = Finding(
        code="internal.worker_crashed",
        name="worker_crashed",
        severity=Severity.ERROR,
        pointer="",
        params={
            "type": type(exc).__name__,
            "text_en": f"the worker process checking this input died ({type(exc).__name__}: "
            f"{exc}); please report it",
            "text_zh": f"检查该输入的工作进程异常退出（{type(exc).__name__}：{exc}），请报告此问题",
        },
    )
    result = ValidationResult(source=item.source, findings=(finding,))
    return fmt.result(result, options), Outcome.of(result, options)


def _run_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.paths and args.files_from is None:
        raise _UsageError("give at least one PATH, or --files-from LIST")
    stream = _list_stream(args)
    try:
        fmt = get_format(args.format)
        options = _options(args)
        sink = _Sink(out)
        summary = Summary()
        jobs, inputs = _plan_jobs(args.jobs, _inputs(args, stream))
        render = functools.partial(
            _render, fmt=fmt, options=options, code_filter=_filter(args), max_size=args.max_size
        )
        crashed = functools.partial(_crashed, fmt=fmt, options=options)
        combine = functools.partial(_combine, separator=fmt.separator)
        bar = _progress(args, err, lambda: _count_inputs(args))
        sink.write(fmt.header(options))
        try:
            work = _compact(inputs)

            def write(text: str, count: int) -> None:
                if summary.total:
                    sink.write(fmt.separator)
                sink.write(text)
                bar.update(count)

            if jobs <= 1:  # each result written as it is made, counted as it comes
                for text, outcome in map(render, work):
                    write(text, 1)
                    summary.add(outcome)
            else:  # one message per run: its results' text, and their summary
                runs = ordered_map(render, work, jobs=jobs, on_crash=crashed, combine=combine)
                for text, part in runs:
                    if part.total:
                        write(text, part.total)
                        summary.merge(part)
        finally:
            bar.close()
        sink.write(fmt.footer(summary, options))
        sink.flush()
        return summary.exit_code
    finally:
        if stream is not None and stream is not sys.stdin.buffer:
            stream.close()


# --- rules -----------------------------------------------------------------------------------


def _configure_rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of titles")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )


def _run_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
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


# --- series and aggregate --------------------------------------------------------------------


def _read_all(items: Iterable[Input], max_size: int) -> Iterator[tuple[Input, ValidationResult]]:
    for item in items:
        yield item, check_input(item, run_rules=False, max_size=max_size)


def _emit(
    results: Iterable[ValidationResult],
    args: argparse.Namespace,
    out: TextIO,
    *,
    unit: str = "inputs",
) -> int:
    fmt = get_format(args.format)
    options = _options(args)
    sink = _Sink(out)
    summary = Summary(unit=unit)
    sink.write(fmt.header(options))
    code_filter = _filter(args)
    for result in results:
        kept = code_filter.apply(result)
        if summary.total:
            sink.write(fmt.separator)
        sink.write(fmt.result(kept, options))
        summary.add(Outcome.of(kept, options))
    sink.write(fmt.footer(summary, options))
    sink.flush()
    return summary.exit_code


def _group_label(report: AnnualReport) -> str:
    code = report.organ.division_code
    return f"{report.organ.name} [{code}]" if code else report.organ.name


def _configure_series(parser: argparse.ArgumentParser) -> None:
    _add_inputs(parser, required=False)
    _add_format(parser)
    _add_lang_fail_on(parser, "warning")
    _add_text_options(parser)
    parser.add_argument(
        "--group-by",
        choices=("organ",),
        help="organ: group the reports by organ (normalised name and division code) and "
        "check each group as a series",
    )


def _run_series(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.paths and args.files_from is None:
        raise _UsageError("give at least one PATH, or --files-from LIST")
    stream = _list_stream(args)
    try:
        return _emit(_series_results(args, stream), args, out, unit="groups")
    finally:
        if stream is not None and stream is not sys.stdin.buffer:
            stream.close()


def _series_results(
    args: argparse.Namespace, stream: BinaryIO | None
) -> Iterator[ValidationResult]:
    """Inputs that cannot be read (one result each), then one result per series checked."""
    groups: dict[tuple[str, str], list[Input]] = {}
    labels: dict[tuple[str, str], str] = {}
    single: list[tuple[AnnualReport, str]] = []
    for item, result in _read_all(_inputs(args, stream), args.max_size):
        if result.report is None:
            yield result
            continue
        if args.group_by == "organ":
            # Only the input is kept, not the report: groups are read again one at a time.
            key = organ_key(result.report)
            groups.setdefault(key, []).append(item)
            labels.setdefault(key, _group_label(result.report))
        else:
            single.append((result.report, item.source))
    if args.group_by != "organ":
        if single:
            yield _series_result("series", single)
        return
    for key in sorted(groups):
        reports: list[tuple[AnnualReport, str]] = []
        for _, result in _read_all(groups[key], args.max_size):
            if result.report is not None:
                reports.append((result.report, result.source or ""))
        yield _series_result(labels[key], reports)


def _series_result(name: str, reports: list[tuple[AnnualReport, str]]) -> ValidationResult:
    """One series checked; a bug met on it is that series' ``internal.error`` finding."""
    try:
        findings, rules = check_series_of([r for r, _ in reports], [s for _, s in reports])
    except Exception as exc:  # never a usage error, never a lost run
        return ValidationResult(source=name, findings=(internal_finding(exc),))
    return ValidationResult(source=name, findings=findings, rules=rules)


def _configure_aggregate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("parent", metavar="PARENT", help="the parent report")
    parser.add_argument("children", nargs="+", metavar="CHILD", help="the child reports")
    parser.add_argument("--max-size", type=_size, default=DEFAULT_MAX_SIZE, metavar="BYTES")
    _add_format(parser)
    _add_lang_fail_on(parser, "warning")


def _run_aggregate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    def results() -> Iterator[ValidationResult]:
        items = [Input(source=p, path=p) for p in [args.parent, *args.children]]
        read = [result for _, result in _read_all(items, args.max_size)]
        unreadable = [r for r in read if r.report is None]
        if unreadable:
            yield from unreadable
            return
        parent, *children = read
        assert parent.report is not None
        try:
            checked = check_aggregate(
                parent.report,
                [c.report for c in children if c.report is not None],
                parent_source=args.parent,
                child_sources=list(args.children),
            )
        except Exception as exc:  # a bug: a finding of the parent, not a traceback
            yield ValidationResult(source=args.parent, findings=(internal_finding(exc),))
            return
        yield ValidationResult(source=args.parent, findings=checked.findings, rules=checked.rules)

    return _emit(results(), args, out)


# --- export and stats ------------------------------------------------------------------------


def _configure_export(parser: argparse.ArgumentParser) -> None:
    from .export import EXPORT_FORMATS

    _add_inputs(parser)
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="csv",
        help="csv (default), jsonl, or parquet (typed columns; needs the 'parquet' extra "
        "and --out)",
    )
    parser.add_argument("--out", "-o", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument(
        "--indicators",
        action="store_true",
        help="one row of indicators per report instead of one row per cell "
        "(see docs/indicators.md)",
    )
    parser.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N", help="as for validate"
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="en", help="language of messages on stderr"
    )


def _export_one(
    item: Input, *, indicators: bool, max_size: int
) -> tuple[list[tuple[Any, ...]], ValidationResult | None]:
    """The rows of one input (values in column order), or the result that says why none."""
    from .export import INDICATOR_COLUMNS, cell_values, indicator_row

    result = check_input(item, run_rules=indicators, max_size=max_size)
    report = result.report
    if report is None:
        return [], ValidationResult(source=result.source, findings=result.findings)
    file, line = _source_parts(item)
    try:
        if indicators:
            row = indicator_row(report, result.findings, source=file, line=line)
            return [tuple(row[c.name] for c in INDICATOR_COLUMNS)], None
        return list(cell_values(report, source=file, line=line)), None
    except Exception as exc:  # a bug: this input's finding, and the run goes on
        return [], ValidationResult(source=item.source, findings=(internal_finding(exc),))


def _export_crashed(
    item: Input, exc: BaseException
) -> tuple[list[tuple[Any, ...]], ValidationResult | None]:
    return [], ValidationResult(source=item.source, findings=(internal_finding(exc),))


def _source_parts(item: Input) -> tuple[str, int | None]:
    if item.line is not None:
        return item.source.rsplit(":", 1)[0], item.line
    return item.source, None


def _not_exported(result: ValidationResult, lang: Language, err: TextIO) -> bool:
    """Name on ``err`` an input that gave no report; whether it could not be read at all."""
    first = result.findings[0] if result.findings else None
    reason = first.message(lang) if first is not None else "?"
    more = len(result.findings) - 1
    extra = (
        (f"（另有 {more} 个问题）" if lang == "zh" else f" (and {more} more)") if more > 0 else ""
    )
    code = f"[{first.code}] " if first is not None else ""
    print(f"disclosure-model: {result.source}: {code}{reason}{extra}", file=err)
    return any(f.code.startswith("io.") for f in result.findings)


def _run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .export import CELL_COLUMNS, INDICATOR_COLUMNS, ExportError, TableWriter

    if not args.paths and args.files_from is None:
        raise _UsageError("give at least one PATH, or --files-from LIST")
    if args.format == "parquet" and not args.out:
        raise _UsageError("--format parquet writes a binary file: give --out FILE")
    stream = _list_stream(args)
    target: Any = out
    exported = failed = unreadable = 0
    try:
        if args.out:
            target = (
                args.out
                if args.format == "parquet"
                else open(  # noqa: SIM115
                    args.out, "w", encoding="utf-8", newline=""
                )
            )
        columns = INDICATOR_COLUMNS if args.indicators else CELL_COLUMNS
        sink = _Sink(target) if target is out else target
        writer = TableWriter(sink, format=args.format, columns=columns)
        jobs, inputs = _plan_jobs(args.jobs, _inputs(args, stream))
        work = functools.partial(_export_one, indicators=args.indicators, max_size=args.max_size)
        try:
            for rows, problem in ordered_map(work, inputs, jobs=jobs, on_crash=_export_crashed):
                if problem is not None:
                    if _not_exported(problem, args.lang, err):
                        unreadable += 1
                    else:
                        failed += 1
                    continue
                exported += 1
                writer.write_many(rows)
        finally:
            writer.close()
    except ExportError as exc:
        print(f"disclosure-model: {exc}", file=err)
        return EXIT_USAGE
    finally:
        if stream is not None and stream is not sys.stdin.buffer:
            stream.close()
        if target is not out and not isinstance(target, str):
            target.close()
    total = exported + failed + unreadable
    if args.lang == "zh":
        print(
            f"导出 {writer.rows} 行，来自 {exported} 份报告；共 {total} 个输入，"
            f"{failed} 个无效，{unreadable} 个无法读取",
            file=err,
        )
    else:
        print(
            f"exported {writer.rows} rows from {exported} reports; {total} inputs, "
            f"{failed} invalid, {unreadable} unreadable",
            file=err,
        )
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if failed else EXIT_OK


def _configure_stats(parser: argparse.ArgumentParser) -> None:
    _add_inputs(parser)
    parser.add_argument(
        "--by",
        choices=("year", "organ", "edition"),
        help="one group per year, organ or edition (default: all reports together)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help="text (default), csv, json",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of text")
    parser.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N", help="as for validate"
    )


def _stats_one(item: Input | str, *, by: str | None, max_size: int) -> tuple[Any, str, Any]:
    """One input's group key, group name and one-report totals, or ``(None, "", result)``
    for an input that gave no report: only these travel back from a worker."""
    from .indicators import Totals

    item = _expand(item)
    result = check_input(item, max_size=max_size)
    report = result.report
    if report is None:
        return None, "", ValidationResult(source=result.source, findings=result.findings)
    try:
        key: Any
        if by == "year":
            key, name = report.year, str(report.year)
        elif by == "edition":
            key, name = report.edition.value, report.edition.value
        elif by == "organ":
            key, name = organ_key(report), _group_label(report)
        else:
            key, name = "", "all"
        totals = Totals()
        totals.add(report, result.findings)
    except Exception as exc:  # a bug: this input's finding, and the run goes on
        return None, "", ValidationResult(source=item.source, findings=(internal_finding(exc),))
    return key, name, totals


def _stats_crashed(item: Input | str, exc: BaseException) -> tuple[Any, str, Any]:
    source = _expand(item).source
    return None, "", ValidationResult(source=source, findings=(internal_finding(exc),))


def _run_stats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .indicators import INDICATORS, Totals

    if not args.paths and args.files_from is None:
        raise _UsageError("give at least one PATH, or --files-from LIST")
    stream = _list_stream(args)
    groups: dict[Any, Totals] = {}
    names: dict[Any, str] = {}
    failed = unreadable = 0
    try:
        jobs, inputs = _plan_jobs(args.jobs, _inputs(args, stream))
        work = functools.partial(_stats_one, by=args.by, max_size=args.max_size)
        done = ordered_map(work, _compact(inputs), jobs=jobs, on_crash=_stats_crashed)
        for key, name, counted in done:
            if key is None:
                if _not_exported(counted, args.lang, err):
                    unreadable += 1
                else:
                    failed += 1
                continue
            groups.setdefault(key, Totals()).merge(counted)
            names.setdefault(key, name)
    finally:
        if stream is not None and stream is not sys.stdin.buffer:
            stream.close()
    ordered = [(names[k], groups[k]) for k in sorted(groups)]
    sink = _Sink(out)
    if args.format == "json":
        document = {
            "version": 1,
            "by": args.by,
            "groups": [{"group": name, **totals.to_dict()} for name, totals in ordered],
            "invalid": failed,
            "unreadable": unreadable,
        }
        sink.write(dumps_value(document, indent=2) + "\n")
    elif args.format == "csv":
        import csv
        import io as _io

        buffer = _io.StringIO()
        table = csv.writer(buffer, lineterminator="\r\n")
        table.writerow(["group", "reports", *(i.name for i in INDICATORS)])
        for name, totals in ordered:
            values = totals.values()
            table.writerow(
                [
                    name,
                    totals.reports,
                    *("" if values[i.name] is None else values[i.name] for i in INDICATORS),
                ]
            )
        sink.write(buffer.getvalue())
    else:
        for name, totals in ordered:
            values = totals.values()
            unit = "份报告" if args.lang == "zh" else "reports"
            sink.write(f"{name} ({totals.reports} {unit})\n")
            for i in INDICATORS:
                value = values[i.name]
                if value is None:
                    shown = "—"
                elif i.unit == "ratio":
                    shown = f"{value:.1%}"
                else:
                    shown = str(value)
                label = i.name_zh if args.lang == "zh" else i.name
                sink.write(f"  {label:<44} {shown:>8}\n")
    sink.flush()
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if failed else EXIT_OK


# --- schema ----------------------------------------------------------------------------------


def _configure_schema(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--edition", choices=[e.value for e in Edition], help="the edition's own schema"
    )


def _run_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .schema import schema_text

    out.write(schema_text(args.edition))
    return EXIT_OK


def _add_render(commands: Any) -> None:
    from .render._cli import add_render_command

    add_render_command(commands)


def _run_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .render._cli import run_render

    code: int = run_render(args, out, err)
    return code


def _add_import(commands: Any) -> None:
    from .importers.cli import add_parser

    add_parser(commands)


def _run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .importers.cli import run

    return run(args, out, err)


COMMANDS: tuple[Command, ...] = (
    Command(
        name="validate",
        help="report everything wrong with each input",
        description="Read each report (files, folders, JSON Lines, standard input) and list "
        "every problem found, with its JSON Pointer; end with a summary.",
        configure=_configure_validate,
        run=_run_validate,
    ),
    Command(
        name="rules",
        help="list the rule catalogue",
        description="List every rule the checker enforces: code, name, kind, severity, statement.",
        configure=_configure_rules,
        run=_run_rules,
    ),
    Command(
        name="series",
        help="check reports across years (X-1 … X-4), one organ or --group-by organ",
        description="Read the reports of one organ (any order, gaps allowed) and run the "
        "cross-year rules; with --group-by organ, every organ's reports as its own series.",
        configure=_configure_series,
        run=_run_series,
    ),
    Command(
        name="aggregate",
        help="check a parent report against the child reports it covers (A-1)",
        description="Check that each Table 三 and Table 四 cell of the parent report equals the "
        "sum over the child reports.",
        configure=_configure_aggregate,
        run=_run_aggregate,
    ),
    Command(
        name="export",
        help="export every cell (or --indicators) of every report as a tidy table",
        description="One row per cell of every readable report (source, organ, year, edition, "
        "table, row and column ids and labels, value), as CSV, JSON Lines or Parquet; or with "
        "--indicators one row of derived figures per report.",
        configure=_configure_export,
        run=_run_export,
    ),
    Command(
        name="stats",
        help="indicators over a corpus, per year, organ or edition",
        description="The indicators of docs/indicators.md over many reports: the sum of "
        "numerators over the sum of denominators in each group.",
        configure=_configure_stats,
        run=_run_stats,
    ),
    Command(name="render", add=_add_render, run=_run_render),
    Command(name="import", add=_add_import, run=_run_import),
    Command(
        name="schema",
        help="print the shipped JSON Schema",
        description="Print the JSON Schema (draft-07) of one edition, or without --edition the "
        "index schema that accepts either edition by its edition tag.",
        configure=_configure_schema,
        run=_run_schema,
    ),
)
"""The subcommands, in the order ``--help`` lists them."""


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the arguments, only what they need of it.

    When the first argument names a command, only that command's sub-parser is built: the
    others' arguments (and the modules that declare them: the importers, the renderer, export)
    are not loaded for a run that does not use them. ``--help`` and anything else build all.
    """
    parser = _Parser(
        prog="disclosure-model",
        description="Read, validate and check 政府信息公开工作年度报告 JSON documents.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    names = {command.name for command in COMMANDS}
    chosen = argv[0] if argv and argv[0] in names else None
    for command in COMMANDS:
        if chosen is not None and command.name != chosen:
            continue
        if command.add is not None:
            command.add(commands)
            sub = commands.choices[command.name]
        else:
            sub = commands.add_parser(
                command.name, help=command.help, description=command.description
            )
            if command.configure is not None:
                command.configure(sub)
        sub.set_defaults(command_run=command.run, command_parser=sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    out, err = sys.stdout, sys.stderr
    _utf8(out)
    _utf8(err)
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _parser(arguments).parse_args(arguments)
    try:
        code: int = args.command_run(args, out, err)
        return code
    except _UsageError as exc:
        args.command_parser.print_usage(err)
        print(f"{args.command_parser.prog}: error: {exc}", file=err)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
