"""Reading inputs safely: devices refused, sizes bounded, FIFOs never block (issue 10, 5 and 10)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import disclosure_model as dm
from disclosure_model.fileio import InputError, io_finding, read_file
from disclosure_model.schema import validate_json

from .conftest import EXAMPLES

SEED = EXAMPLES / "zhuji-emergency-2020.json"


def _in_subprocess(code: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter: a call that blocks fails the test, not the run."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    "call",
    [
        "dm.load(path)",
        "dm.validate_file(path)",
        "validate_json(Path(path))",
        "read_file(path)",
    ],
)
def test_a_fifo_without_writer_never_blocks(tmp_path: Path, call: str) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code = (
        "import disclosure_model as dm\n"
        "from pathlib import Path\n"
        "from disclosure_model.schema import validate_json\n"
        "from disclosure_model.fileio import read_file\n"
        f"path = {str(fifo)!r}\n"
        "try:\n"
        f"    out = {call}\n"
        "except Exception as exc:\n"
        "    out = type(exc).__name__\n"
        "print(repr(out)[:200])\n"
    )
    try:
        done = _in_subprocess(code, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{call} blocked on a FIFO without a writer")
    assert done.returncode == 0, done.stderr


def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        [sys.executable, "-c", f"open({str(fifo)!r}, 'wb').write(open({str(SEED)!r}, 'rb').read())"]
    )
    try:
        time.sleep(0.2)  # the writer is waiting in open() for a reader
        assert dm.validate_file(fifo).valid
    finally:
        if writer.poll() is None:  # the read went wrong: do not leave the writer behind
            writer.kill()
        writer.wait(timeout=20)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_with_a_finding(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(InputError) as caught:
        read_file(device)
    assert caught.value.code == "not_a_file"
    assert [f.code for f in dm.validate_file(device).findings] == ["io.not_a_file"]
    findings = validate_json(Path(device))
    assert [f.code for f in findings] == ["io.not_a_file"]
    assert "character device" in findings[0].message("en")
    assert findings[0].message("zh") != findings[0].message("en")


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 1000 + SEED.read_bytes())
    with pytest.raises(InputError) as caught:
        read_file(big, max_size=500)
    assert caught.value.code == "too_large"
    assert "500" in str(caught.value)
    assert dm.validate_file(big, max_size=100_000).valid
    assert dm.validate_file(big, max_size=500).findings[0].code == "io.too_large"


def test_nul_in_a_path_is_a_finding() -> None:
    with pytest.raises(InputError) as caught:
        read_file("reports/a\0b.json")
    finding = io_finding("reports/a\0b.json", caught.value)
    assert finding.code == "io.invalid_path" and "NUL" in finding.message("en")


def test_operating_system_errors_keep_their_types(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        dm.load(tmp_path / "missing.json")
    with pytest.raises(IsADirectoryError):
        read_file(tmp_path)
    assert io_finding(str(tmp_path), IsADirectoryError(21, "x")).code == "io.is_directory"
    assert validate_json(tmp_path / "missing.json")[0].code == "io.not_found"


@pytest.mark.parametrize("stated", [0, 5, 9, 10, 11, 4096])
def test_a_file_whose_size_changed_after_it_was_opened_is_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stated: int
) -> None:
    # The size fstat gives decides one read; a file that is longer or shorter by the time it is
    # read (it grew, or a short read) is still read whole, within the limit.
    path = tmp_path / "grows.json"
    path.write_bytes(b"0123456789")
    real = os.fstat

    class Stated:
        def __init__(self, fd: int) -> None:
            self._real = real(fd)
            self.st_mode = self._real.st_mode
            self.st_size = stated

    monkeypatch.setattr(os, "fstat", Stated)
    assert read_file(path, max_size=4096) == b"0123456789"
    if stated <= 8:
        with pytest.raises(InputError) as refused:
            read_file(path, max_size=8)
        assert "limit of 8 bytes" in str(refused.value)
