"""Reading input files safely: bounded in size, never blocking, every failure a finding.

Every reader of the library that takes a path (:func:`disclosure_model.load`,
:func:`disclosure_model.validate_file`, :func:`disclosure_model.validate_json` and the command
line) reads through :func:`read_file`, so they agree on what they accept:

- a **regular file** of at most ``max_size`` bytes (default :data:`DEFAULT_MAX_SIZE`, 64 MiB —
  thousands of times the largest real report);
- a **pipe** (a FIFO, or a shell's ``<(…)``), read up to the same limit; a FIFO with no writer
  reads as empty instead of blocking, and a writer that sends nothing for
  :data:`PIPE_IDLE_TIMEOUT` seconds ends the read;
- nothing else: a directory, a device (``/dev/zero``, ``/dev/urandom``, ``/dev/null``, a
  terminal) or a socket is refused before any byte is read.

What cannot be read raises :class:`OSError`: the operating system's own errors as they are
(:class:`FileNotFoundError`, :class:`PermissionError`, :class:`IsADirectoryError`, …) and
:class:`InputError` for what this module refuses. :func:`io_finding` (the one of
:mod:`disclosure_model.findings`) turns any of them into a located ``io.*``
:class:`~disclosure_model.Finding`.
"""

from __future__ import annotations

import errno
import os
import select
import stat

from .findings import io_finding

__all__ = [
    "DEFAULT_MAX_SIZE",
    "PIPE_IDLE_TIMEOUT",
    "InputError",
    "io_finding",
    "read_file",
]

DEFAULT_MAX_SIZE = 64 * 1024 * 1024
"""The default largest input, in bytes (64 MiB)."""

PIPE_IDLE_TIMEOUT = 30.0
"""Seconds a pipe may stay silent before reading it stops with ``io.timeout``."""

FIFO_GRACE = 0.5
"""Seconds a FIFO without a writer is given for one to appear before it reads as empty."""

_CHUNK = 1 << 16


class InputError(OSError):
    """An input this library refuses to read: ``code`` is the ``io.*`` code without ``io.``.

    Codes: ``not_a_file`` (a device, socket or other special file), ``too_large`` (more than
    the size limit), ``invalid_path`` (a path holding a NUL character), ``timeout`` (a pipe
    that stayed silent), ``no_reports`` (a folder holding no report).
    """

    def __init__(self, code: str, path: str, text_en: str, text_zh: str) -> None:
        super().__init__(text_en)
        self.code = code
        self.io_code = code  # what disclosure_model.findings.io_finding reads
        self.path = path
        self.text_en = text_en
        self.text_zh = text_zh


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _too_large(path: str, max_size: int) -> InputError:
    return InputError(
        "too_large",
        path,
        f"{path} is larger than the limit of {max_size:,} bytes (see --max-size)",
        f"{path} 超过大小上限 {max_size:,} 字节（见 --max-size）",
    )


def read_file(path: str | os.PathLike[str], *, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of the file at ``path``, at most ``max_size`` of them.

    Raises :class:`OSError` when the file cannot be read (see the module's documentation for
    what is accepted); never blocks on a FIFO with no writer and never reads more than
    ``max_size + 1`` bytes of anything.
    """
    name = os.fspath(path)
    if "\0" in name:
        raise InputError(
            "invalid_path",
            name.replace("\0", "\\0"),
            f"the path {name!r} holds a NUL character",
            f"路径 {name!r} 含有 NUL 字符",
        )
    # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        if stat.S_ISREG(mode):
            size = status.st_size
            if size > max_size:
                raise _too_large(name, max_size)
            # O_NONBLOCK means nothing to a regular file. A file still the size it had is read
            # in one call; one that is shorter by then, or longer, is read on to its end.
            data = os.read(fd, size + 1)
            if len(data) == size:
                return data
            return _read_limited(fd, name, max_size, pipe=False, start=data)
        if stat.S_ISFIFO(mode):
            return _read_limited(fd, name, max_size, pipe=True)
        raise InputError(
            "not_a_file",
            name,
            f"{name} is {_kind(mode)}, not a file of reports",
            f"{name} 不是普通文件（{_kind(mode)}），不能作为报告读取",
        )
    finally:
        os.close(fd)


def _read_limited(fd: int, name: str, max_size: int, *, pipe: bool, start: bytes = b"") -> bytes:
    chunks: list[bytes] = [start] if start else []
    total = len(start)
    if total > max_size:
        raise _too_large(name, max_size)
    waited = False
    while True:
        try:
            chunk = os.read(fd, _CHUNK)
        except BlockingIOError:  # a pipe whose writer has sent nothing yet
            ready, _, _ = select.select([fd], [], [], PIPE_IDLE_TIMEOUT if pipe else None)
            if not ready:
                raise InputError(
                    "timeout",
                    name,
                    f"{name}: the pipe sent nothing for {PIPE_IDLE_TIMEOUT:g} s",
                    f"{name}：管道 {PIPE_IDLE_TIMEOUT:g} 秒内没有数据",
                ) from None
            continue
        if not chunk:
            if pipe and not chunks and not waited:
                # No writer yet: give one a moment to open the FIFO (a writer that opened it
                # first is waiting for this reader), then take the silence as an empty input.
                waited = True
                ready, _, _ = select.select([fd], [], [], FIFO_GRACE)
                if ready:
                    continue
            return b"".join(chunks)
        total += len(chunk)
        if total > max_size:  # a file that grew, or a pipe that does not end
            raise _too_large(name, max_size)
        chunks.append(chunk)
