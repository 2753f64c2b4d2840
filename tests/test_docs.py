"""The generated reference pages in docs/ match the model."""

from __future__ import annotations

import pytest

from disclosure_model.docgen import PAGES

from .conftest import ROOT


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_current(name: str) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == PAGES[name](), (
        f"docs/{name} is out of date; regenerate it with: python -m disclosure_model.docgen docs"
    )
