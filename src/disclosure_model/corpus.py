"""Corpora: many inputs, each accounted for, checked in order, in parallel if asked.

An *input* is one document to check: a file, one line of a JSON Lines file (``reports.jsonl:17``),
standard input, or something named that cannot be a document at all (a folder holding no
report, a path with a NUL). :func:`iter_inputs` expands paths into inputs lazily (folders
recursively, sorted); :func:`check_input` turns one input into a
:class:`~disclosure_model.ValidationResult` and never raises: an input that cannot be read gets an
``io.*`` finding, one that is not JSON a ``json.*`` finding, and a bug of this library met on one
document an ``internal.error`` finding with the exception's type and message.
:func:`validate_paths` does both in order; :func:`ordered_map` runs any such per-input function
in worker processes and yields the results in input order, never losing one when a worker dies.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import stat
import sys
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar, overload

import attrs

from .fileio import DEFAULT_MAX_SIZE, InputError, io_finding, read_file
from .findings import Finding, Severity
from .report import AnnualReport
from .rules import RuleStats, check_series
from .validation import ValidationResult, _evolve_unbuilt, validate_document

if TYPE_CHECKING:
    import concurrent.futures

__all__ = [
    "DEFAULT_PATTERNS",
    "JSONL_SUFFIXES",
    "CodeFilter",
    "Input",
    "check_input",
    "check_series_of",
    "internal_finding",
    "iter_inputs",
    "ordered_map",
    "organ_key",
    "organ_name_key",
    "validate_paths",
]

DEFAULT_PATTERNS: tuple[str, ...] = ("*.json", "*.jsonl")
"""The file names a folder is searched for (``--glob`` replaces them)."""

JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")
"""Files with these suffixes hold one report a line."""

STDIN = "-"
"""The path that names standard input."""

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")


@attrs.frozen(kw_only=True)
class Input:
    """One document to check.

    ``source`` is its name in results (a path, ``path:line``, ``<stdin>``). Exactly one of
    ``path`` (a file still to read), ``data`` (bytes already read: a JSON Lines line, standard
    input) and ``finding`` (why it is no document) is set; ``line`` is the line number of a
    JSON Lines input.
    """

    source: str
    path: str | None = None
    data: bytes | None = None
    finding: Finding | None = None
    line: int | None = None


def _no_reports(path: str, patterns: Sequence[str]) -> Finding:
    names = ", ".join(patterns)
    return io_finding(
        path,
        InputError(
            "no_reports",
            path,
            f"the folder {path} holds no report (no file named {names})",
            f"目录 {path} 中没有报告（没有名为 {names} 的文件）",
        ),
    )


def _walk(folder: str, patterns: Sequence[str]) -> Iterator[str]:
    """The matching files under ``folder``, recursively, sorted by name at every level.

    Sorting needs one folder's listing at a time: only its names are held (and whether each
    is a folder), never the files' contents.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted((e.name, _is_dir(e)) for e in scan)
    except OSError:
        return
    for name, is_dir in entries:
        path = os.path.join(folder, name)
        if is_dir:
            yield from _walk(path, patterns)
        elif any(fnmatch.fnmatchcase(name, p) for p in patterns):
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # pragma: no cover - vanished while walking
        return False


def _lines(path: str, max_size: int) -> Iterator[Input]:
    """One input per line of a JSON Lines file, read line by line (any file size)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        yield Input(source=path, finding=io_finding(path, exc))
        return
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        try:  # the safe reader says what is wrong (a directory, a device), or reads a pipe
            data = read_file(path, max_size=max_size)
        except OSError as exc:
            yield Input(source=path, finding=io_finding(path, exc))
            return
        for number, line in enumerate(data.splitlines(), 1):
            yield Input(source=f"{path}:{number}", data=line, line=number)
        return
    os.set_blocking(fd, True)
    with open(fd, "rb") as file:
        number = 0
        while True:
            line = file.readline(max_size + 1)
            if not line:
                return
            number += 1
            name = f"{path}:{number}"
            if len(line) > max_size and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = file.readline(1 << 20)
                refused = InputError(
                    "too_large",
                    name,
                    f"line {number} of {path} is longer than the limit of {max_size:,} bytes",
                    f"{path} 第 {number} 行超过大小上限 {max_size:,} 字节",
                )
                yield Input(source=name, finding=io_finding(name, refused), line=number)
                continue
            yield Input(source=name, data=line.rstrip(b"\r\n"), line=number)


def iter_inputs(
    paths: Iterable[str],
    *,
    patterns: Sequence[str] = DEFAULT_PATTERNS,
    max_size: int = DEFAULT_MAX_SIZE,
    stdin: BinaryIO | None = None,
) -> Iterator[Input]:
    """The inputs named by ``paths``, lazily, in order; every path gives at least one.

    A folder gives its files matching ``patterns``, recursively and sorted (or one
    ``io.no_reports`` input when it holds none); a file ending in ``.jsonl`` or ``.ndjson`` one
    input per line; ``"-"`` the document on ``stdin`` (default: the process's standard input);
    any other path itself (read later, by :func:`check_input`).
    """
    for path in paths:
        if path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_size + 1)
            if len(data) > max_size:
                exc = InputError(
                    "too_large",
                    "<stdin>",
                    f"standard input is larger than the limit of {max_size:,} bytes",
                    f"标准输入超过大小上限 {max_size:,} 字节",
                )
                yield Input(source="<stdin>", finding=io_finding("<stdin>", exc))
            else:
                yield Input(source="<stdin>", data=data)
            continue
        if "\0" in path:
            shown = path.replace("\0", "\\0")
            try:
                read_file(path)
            except OSError as exc:
                yield Input(source=shown, finding=io_finding(shown, exc))
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError):
            is_dir = False
        if is_dir:
            found = False
            for name in _walk(path, patterns):
                found = True
                if name.endswith(JSONL_SUFFIXES):
                    yield from _lines(name, max_size)
                else:
                    yield Input(source=name, path=name)
            if not found:
                yield Input(source=path, finding=_no_reports(path, patterns))
        elif path.endswith(JSONL_SUFFIXES):
            yield from _lines(path, max_size)
        else:
            yield Input(source=path, path=path)


def internal_finding(exc: BaseException) -> Finding:
    """The ``internal.error`` finding for an exception this library should not have raised.

    It names the exception's type and message and the innermost place it was raised, so the
    run goes on and the bug can be reported.
    """
    kind = type(exc).__name__
    text = str(exc)
    if len(text) > 500:
        text = text[:500] + "…"
    import traceback  # only for a bug: a run without one does not load it

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return Finding(
        code="internal.error",
        name="error",
        severity=Severity.ERROR,
        pointer="",
        params={
            "type": kind,
            "text_en": f"internal error of disclosure_model ({kind}: {text}){where}; "
            "please report it",
            "text_zh": f"disclosure_model 内部错误（{kind}：{text}）{where}，请报告此问题",
        },
    )


def check_input(
    item: Input, *, run_rules: bool = True, max_size: int = DEFAULT_MAX_SIZE
) -> ValidationResult:
    """Validate one input; never raises (see the module's documentation)."""
    if item.finding is not None:
        return ValidationResult(source=item.source, findings=(item.finding,))
    try:
        data = item.data
        if data is None:
            assert item.path is not None
            try:
                data = read_file(item.path, max_size=max_size)
            except OSError as exc:
                return ValidationResult(
                    source=item.source, findings=(io_finding(item.source, exc),)
                )
        return validate_document(data, source=item.source, run_rules=run_rules)
    except Exception as exc:  # a bug: one document's finding, and the run goes on
        return ValidationResult(source=item.source, findings=(internal_finding(exc),))


def validate_paths(
    paths: Iterable[str],
    *,
    patterns: Sequence[str] = DEFAULT_PATTERNS,
    max_size: int = DEFAULT_MAX_SIZE,
    run_rules: bool = True,
) -> Iterator[ValidationResult]:
    """One result per input named by ``paths`` (see :func:`iter_inputs`), in order, lazily."""
    for item in iter_inputs(paths, patterns=patterns, max_size=max_size):
        yield check_input(item, run_rules=run_rules, max_size=max_size)


@attrs.frozen(kw_only=True)
class CodeFilter:
    """Which finding codes to keep: ``select`` (none: all) minus ``ignore``.

    Each entry is a code (``T3-1``) or a prefix of codes: ``T3`` (``T3-1``, ``T3-2``, …),
    ``X-``, ``model.``. A prefix matches at a ``-`` or ``.`` boundary, so ``T3-1`` does not
    select a code ``T3-10``.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @staticmethod
    def _matches(code: str, entry: str) -> bool:
        if code == entry:
            return True
        if not code.startswith(entry):
            return False
        return entry[-1] in "-." or code[len(entry)] in "-."

    def keeps(self, code: str) -> bool:
        """Whether findings of ``code`` are kept."""
        if self.select and not any(self._matches(code, e) for e in self.select):
            return False
        return not any(self._matches(code, e) for e in self.ignore)

    def apply(self, result: ValidationResult) -> ValidationResult:
        """``result`` with only the kept findings."""
        if not self.select and not self.ignore:
            return result
        kept = tuple(f for f in result.findings if self.keeps(f.code))
        if len(kept) == len(result.findings):
            return result
        return _evolve_unbuilt(result, findings=kept)  # a report not built stays unbuilt


# --- running in worker processes -----------------------------------------------------------


def _run_chunk(
    function: Callable[[T], R], items: list[T], combine: Callable[[list[R]], Any] | None = None
) -> list[Any]:
    results = [function(item) for item in items]
    return results if combine is None else [combine(results)]


def _chunks(items: Iterable[T], size: int, first: int | None = None) -> Iterator[list[T]]:
    """``items`` in lists: the first of ``first`` items (default ``size``), each next one twice
    as long, up to ``size``.

    Short first runs set every worker going at once; long later ones keep the traffic between
    processes (one message and one reply per run) small.
    """
    iterator = iter(items)
    length = max(1, min(size, first or size))
    while chunk := list(itertools.islice(iterator, length)):
        yield chunk
        length = min(size, length * 2)


def _context() -> Any:
    """The start method of the workers: ``fork`` where the platform has it and no thread runs.

    A forked worker starts with every module of this process already imported, so it costs
    milliseconds instead of an interpreter's start and imports. With a thread running (a
    progress bar's monitor, a caller's own threads) forking is unsafe, and the platform's
    default method is used.
    """
    import multiprocessing
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, jobs: int) -> None:
        import concurrent.futures

        self.jobs = jobs
        self.context = _context()
        self.executor = concurrent.futures.ProcessPoolExecutor(jobs, mp_context=self.context)

    def renew(self) -> None:
        import concurrent.futures

        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = concurrent.futures.ProcessPoolExecutor(self.jobs, mp_context=self.context)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _retry(
    pool: _Pool,
    function: Callable[[T], R],
    items: list[T],
    on_crash: Callable[[T, BaseException], R],
    combine: Callable[[list[R]], Any] | None = None,
) -> Iterator[Any]:
    """Run ``items`` one at a time after a worker died: only the culprit gets ``on_crash``."""
    from concurrent.futures.process import BrokenProcessPool

    for item in items:
        try:
            yield pool.executor.submit(_run_chunk, function, [item], combine).result()[0]
        except BrokenProcessPool as exc:
            pool.renew()
            yield _combined(on_crash(item, exc), combine)
        except Exception as exc:
            yield _combined(on_crash(item, exc), combine)


def _combined(result: R, combine: Callable[[list[R]], Any] | None) -> Any:
    return result if combine is None else combine([result])


@overload
def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    on_crash: Callable[[T, BaseException], R],
    chunk_size: int = 256,
    combine: None = None,
) -> Iterator[R]: ...


@overload
def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    on_crash: Callable[[T, BaseException], R],
    chunk_size: int = 256,
    combine: Callable[[list[R]], C],
) -> Iterator[C]: ...


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    on_crash: Callable[[T, BaseException], R],
    chunk_size: int = 256,
    combine: Callable[[list[R]], C] | None = None,
) -> Iterator[R] | Iterator[C]:
    """``map(function, items)`` in ``jobs`` worker processes, in order, with bounded memory.

    ``function`` must be picklable and should not raise; runs of items go to the workers,
    the first ones short, then doubling up to ``chunk_size`` items (so every worker starts at
    once, and a long corpus costs few messages between processes); at most three runs per
    worker are in flight. When a worker process dies (a
    crash of the interpreter, a kill), the runs in flight are retried one item at a time in a
    fresh pool, and the item that kills its worker again gets ``on_crash(item, error)``; every
    other item's result is kept. With ``jobs <= 1`` it runs in this process.

    With ``combine`` (picklable too), the worker combines the results of each run it ran, and
    the iterator yields one combined value per run instead of the results (in order; a run
    retried after a crash gives one value per item): a caller that only writes and counts the
    results then handles one message per run, not one result per item. With ``jobs <= 1``
    every item is a run of its own, so that each result is out as soon as it is made (a list
    read as it is written gets its results as they come).
    """
    if jobs <= 1:
        if combine is None:
            for item in items:
                yield function(item)
            return
        for item in items:  # each its own run: a result is out as soon as it is made
            yield combine([function(item)])
        return
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(items, chunk_size, first=8)
    pool = _Pool(jobs)
    window: deque[tuple[list[T], concurrent.futures.Future[list[Any]]]] = deque()
    try:
        for chunk in itertools.islice(chunks, jobs * 3):
            window.append((chunk, pool.executor.submit(_run_chunk, function, chunk, combine)))
        while window:
            chunk, future = window.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                lost = [chunk, *(c for c, _ in window)]
                window.clear()
                pool.renew()
                for again in lost:
                    yield from _retry(pool, function, again, on_crash, combine)
            except Exception:  # the function raised, or a result did not pickle
                yield from _retry(pool, function, chunk, on_crash, combine)
            while len(window) < jobs * 3:
                more = next(chunks, None)
                if more is None:
                    break
                window.append((more, pool.executor.submit(_run_chunk, function, more, combine)))
    finally:
        pool.close()


# --- series over a corpus --------------------------------------------------------------------


def organ_name_key(name: str) -> str:
    """An organ's name normalised for comparison: NFKC, without any white space."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def organ_key(report: AnnualReport) -> tuple[str, str]:
    """What identifies the organ of ``report``: its normalised name and its division code.

    The division code names the region (GB/T 2260), which every department of a county
    shares, so it tells organs apart only together with the name.
    """
    return organ_name_key(report.organ.name), report.organ.division_code or ""


def _series_finding(code: str, pointer: str, document: str, en: str, zh: str) -> Finding:
    return Finding(
        code=f"series.{code}",
        name=code,
        severity=Severity.ERROR,
        pointer=pointer,
        document=document,
        params={"text_en": en, "text_zh": zh},
    )


def check_series_of(
    reports: Sequence[AnnualReport], sources: Sequence[str]
) -> tuple[tuple[Finding, ...], Mapping[str, RuleStats]]:
    """The cross-year rules over ``reports``, after checking that they form one series.

    Two reports of the same year give ``series.duplicate_year`` (the later one in the order
    given is left out of the series); a report of another organ than the first (another
    normalised name, or another division code where both carry one) gives
    ``series.organ_mismatch``, and then no cross-year rule runs, since their comparisons would
    mean nothing. Returns the findings and the per-rule statistics.
    """
    findings: list[Finding] = []
    kept: dict[int, tuple[AnnualReport, str]] = {}
    first: tuple[AnnualReport, str] | None = None
    mismatch = False
    for report, source in zip(reports, sources, strict=True):
        if first is None:
            first = (report, source)
        else:
            ref, ref_source = first
            ref_name, ref_code = organ_key(ref)
            name, code = organ_key(report)
            if name != ref_name or (code and ref_code and code != ref_code):
                mismatch = True
                theirs = f"{report.organ.name} {code}".strip()
                ours = f"{ref.organ.name} {ref_code}".strip()
                findings.append(
                    _series_finding(
                        "organ_mismatch",
                        "/organ",
                        source,
                        f"{source} is a report of {theirs}, but the series is of {ours} "
                        f"({ref_source}); cross-year rules are not run",
                        f"{source} 是 {theirs} 的报告，而该系列是 {ours} 的（{ref_source}），"
                        "不进行跨年度检查",
                    )
                )
                continue
        if report.year in kept:
            other = kept[report.year][1]
            findings.append(
                _series_finding(
                    "duplicate_year",
                    "/year",
                    source,
                    f"two reports for {report.year}: {other} and {source}; {source} is left "
                    "out of the series",
                    f"{report.year} 年有两份报告：{other} 和 {source}；{source} 不计入该系列",
                )
            )
            continue
        kept[report.year] = (report, source)
    if mismatch:
        return tuple(findings), {}
    chosen = [kept[y] for y in sorted(kept)]
    result = check_series([r for r, _ in chosen], [s for _, s in chosen])
    return (*findings, *result.findings), result.rules
