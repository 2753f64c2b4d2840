"""Round trip through the renderer: a report rendered to HTML, Markdown or text imports back.

Runs when the renderer (``disclosure_model.render``, the ``render`` extra) is installed.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_model import AnnualReport, load
from disclosure_model.importers import import_report
from disclosure_model.testing import consistent_reports

from .conftest import EXAMPLES

render = pytest.importorskip("disclosure_model.render")
pytest.importorskip("jinja2")

RENDERERS = {
    "html": render.render_html,
    "markdown": render.render_markdown,
    "text": render.render_text,
}


@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("name", ["zhuji-emergency-2020.json", "example-city-2023.json"])
def test_examples_round_trip(kind: str, name: str) -> None:
    report = load(EXAMPLES / name)
    result = import_report(RENDERERS[kind](report), kind=kind)  # type: ignore[arg-type]
    assert not [f for f in result.findings if f.is_error]
    assert result.report == report


NAMES = ("诸暨市应急管理局", "淮安市人民政府", "某某县人民政府", "示例市教育局", "某某镇人民政府")


@st.composite
def printable_reports(draw: st.DrawFn) -> AnnualReport:
    """Generated reports whose organ has a name a report prints (the strategies' names are any
    text, blanks and control characters included, which no printed page keeps as they are)."""
    report = draw(consistent_reports())
    organ = attrs.evolve(report.organ, name=draw(st.sampled_from(NAMES)))
    return attrs.evolve(report, organ=organ)


@settings(max_examples=60)
@given(printable_reports(), st.sampled_from(sorted(RENDERERS)))
def test_generated_reports_round_trip(report: AnnualReport, kind: str) -> None:
    result = import_report(RENDERERS[kind](report), kind=kind)  # type: ignore[arg-type]
    got = result.report
    assert got is not None, [f.message("en") for f in result.findings]
    # where the report leaves the organ's kind or level out, the importer infers it from the
    # name and says so: only such a value may differ
    inferred = {f.pointer for f in result.findings if f.code.endswith("_inferred")}
    organ = report.organ
    if "/organ/kind" in inferred and organ.kind is None:
        organ = attrs.evolve(organ, kind=got.organ.kind)
    if "/organ/level" in inferred and organ.level is None:
        organ = attrs.evolve(organ, level=got.organ.level)
    assert got == attrs.evolve(report, organ=organ)
