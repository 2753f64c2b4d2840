"""The ``render`` command: draw reports as their official form (HTML or Markdown), or a site."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..findings import Finding

__all__ = ["add_render_command", "run_render"]

EXIT_OK = 0
EXIT_USAGE = 2


def add_render_command(commands: Any) -> None:
    """Register ``render`` on the ``disclosure-model`` sub-command parser."""
    render = commands.add_parser(
        "render",
        help="draw reports as the official form (HTML or Markdown), flagged cells marked",
        description="Draw each report as the official form of its edition, with every finding "
        "of validation marked on its cell and listed below the tables. Given a directory, write "
        "a site: one page per report and an index sorted worst first (needs --out).",
    )
    render.add_argument("files", nargs="+", metavar="FILE", help="report JSON files, or one DIR")
    render.add_argument(
        "--format",
        choices=("html", "markdown"),
        default="html",
        help="html (one self-contained page, default) or markdown (GitHub tables)",
    )
    render.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="en adds English titles (default: zh)"
    )
    render.add_argument(
        "--out",
        metavar="PATH",
        help="file to write (one FILE), directory (several FILEs), or site directory (DIR); "
        "default: standard output",
    )


def _io_error(path: str, exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return f"{path}: is a directory, not a file"
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such file"
    return f"{path}: cannot read ({exc.strerror or exc})"


def _unreadable(path: str, findings: Sequence[Finding]) -> str:
    """One line for a file that gave no report: the file's own problem, or the first finding."""
    if findings and all(f.code.startswith("io.") for f in findings):
        return findings[0].message("en")  # the file could not be read; the message names it
    count = len(findings)
    first = findings[0].located("en") if findings else ""
    return f"{path}: cannot read the report ({count} problem{'s' if count != 1 else ''}): {first}"


def run_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``render``; 0 when everything was drawn, 2 for inputs that cannot be read."""
    from ..validation import ValidationResult, validate_file
    from . import RenderError

    paths: list[str] = args.files
    directories = [p for p in paths if os.path.isdir(p)]
    try:
        if directories:
            if len(paths) != 1:
                err.write("disclosure-model render: give either one DIR or report FILEs\n")
                return EXIT_USAGE
            if not args.out:
                err.write("disclosure-model render: a site needs --out SITE_DIR\n")
                return EXIT_USAGE
            if args.format != "html":
                err.write("disclosure-model render: a site is written as HTML\n")
                return EXIT_USAGE
            return _site(Path(paths[0]), Path(args.out), args.lang, err)
        results: list[ValidationResult] = []
        failed = False
        for path in paths:
            try:
                result = validate_file(path)
            except OSError as exc:
                err.write(_io_error(path, exc) + "\n")
                failed = True
                continue
            if result.report is None:
                err.write(_unreadable(path, result.findings) + "\n")
                failed = True
                continue
            results.append(result)
        if failed:
            return EXIT_USAGE
        return _write(results, args, out, err)
    except RenderError as exc:
        err.write(f"disclosure-model render: {exc}\n")
        return EXIT_USAGE


def _draw(result: Any, fmt: str, lang: str) -> str:
    from . import render_html, render_markdown

    if fmt == "html":
        return render_html(result.report, result.findings, lang=lang, source=result.source)
    return render_markdown(result.report, result.findings, lang=lang)


def _write(results: list[Any], args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    suffix = ".html" if args.format == "html" else ".md"
    if not args.out:
        if len(results) > 1 and args.format == "html":
            err.write("disclosure-model render: several HTML pages need --out DIR\n")
            return EXIT_USAGE
        out.write("\n".join(_draw(r, args.format, args.lang) for r in results))
        return EXIT_OK
    target = Path(args.out)
    if len(results) == 1 and not target.is_dir() and not args.out.endswith(("/", os.sep)):
        try:
            target.write_text(_draw(results[0], args.format, args.lang), encoding="utf-8")
        except OSError as exc:
            err.write(f"{target}: cannot write ({exc.strerror or exc})\n")
            return EXIT_USAGE
        return EXIT_OK
    try:
        target.mkdir(parents=True, exist_ok=True)
        seen: set[str] = set()
        for result in results:
            stem = Path(result.source).stem
            name, n = stem, 2
            while name in seen:
                name, n = f"{stem}-{n}", n + 1
            seen.add(name)
            page = target / (name + suffix)
            page.write_text(_draw(result, args.format, args.lang), encoding="utf-8")
    except OSError as exc:
        err.write(f"{target}: cannot write ({exc.strerror or exc})\n")
        return EXIT_USAGE
    return EXIT_OK


def _site(directory: Path, out_dir: Path, lang: str, err: TextIO) -> int:
    from ..validation import validate_file
    from . import render_site

    def results() -> Any:
        for path in sorted(directory.rglob("*.json")):
            try:
                yield validate_file(path)
            except OSError as exc:
                err.write(_io_error(str(path), exc) + "\n")

    try:
        written = render_site(results(), out_dir, lang=lang)
    except OSError as exc:
        err.write(f"{out_dir}: cannot write ({exc.strerror or exc})\n")
        return EXIT_USAGE
    err.write(f"wrote {len(written) - 1} pages and {written[0]}\n")
    return EXIT_OK
