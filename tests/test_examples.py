"""The bundled examples stay what examples/README.md says they are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_bundled_seed_text_is_the_fixture() -> None:
    """The README's first command imports examples/…txt; the importer's tests read the fixture."""
    example = (ROOT / "examples" / "zhuji-emergency-2020.txt").read_bytes()
    fixture = (ROOT / "tests" / "fixtures" / "zhuji-emergency-2020.txt").read_bytes()
    assert example == fixture
