"""Reading and writing give the same results with and without the optional msgspec parser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given

import disclosure_model as dm
from disclosure_model import codec
from disclosure_model.testing import reports

from .conftest import EXAMPLE_FILES, REAL_FILES


@pytest.fixture(params=["stdlib", "msgspec"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "stdlib":
        monkeypatch.setattr(codec, "_msgspec", None)
        monkeypatch.setattr(codec, "_MSGSPEC_ENCODER", None)
    elif codec._msgspec is None:
        pytest.skip("msgspec is not installed (the fast extra)")
    yield request.param


@pytest.mark.parametrize("path", EXAMPLE_FILES + REAL_FILES, ids=lambda p: p.name)
def test_documents_take_the_fast_path(parser: str, path: Any) -> None:
    text = path.read_bytes()
    report = codec.quick_read(text)
    assert report is not None and report == dm.load(path)
    if path.parent.name == "examples":
        assert dm.to_json_bytes(report) + b"\n" == text


def test_unreadable_input_leaves_the_fast_path(parser: str) -> None:
    for raw in (b"", b"{", b'{"a": NaN}', b"\xff", b"[1]", b'{"edition": "2021"}'):
        assert codec.quick_read(raw) is None
    with pytest.raises(dm.DocumentError):
        dm.from_json(b'{"edition": "2021"}')


@given(reports())
def test_both_writers_write_the_same_text(report: dm.AnnualReport) -> None:
    fast = dm.to_json_bytes(report)
    data = codec.to_dict(report)
    assert fast == codec.dumps_value(data, indent=2).encode()
    assert dm.to_json_bytes(report, indent=None) == codec.dumps_value(data, indent=None).encode()
