"""The ``render`` command: files, sites, exit codes and clear messages; the missing extra."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES
from .conftest import run_cli as run

pytest.importorskip("jinja2", reason="rendering needs the 'render' extra (jinja2)")
lxml_html = pytest.importorskip("lxml.html", reason="the HTML read-back needs lxml (test extra)")

SEED = str(EXAMPLES / "zhuji-emergency-2020.json")
CITY = str(EXAMPLES / "example-city-2023.json")


def test_render_html_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    result = run("render", SEED, "--out", str(out))
    assert result.returncode == 0, result.stderr
    doc = lxml_html.document_fromstring(out.read_text(encoding="utf-8"))
    assert doc.xpath("//h1")[0].text_content() == "诸暨市应急管理局2020年政府信息公开工作年度报告"
    assert len(doc.xpath("//td[@data-pointer]")) == 22 + 161 + 15


def test_render_markdown_to_stdout_in_english() -> None:
    result = run("render", CITY, "--format", "markdown", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# 示例市人民政府")
    assert "| R3.6.3 |" in result.stdout and "(Natural person)" in result.stdout


def test_findings_of_validation_are_marked(tmp_path: Path) -> None:
    data = json.loads(Path(CITY).read_text(encoding="utf-8"))
    data["requests"]["carried_forward"]["natural_person"] = 60
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "pages"
    result = run("render", str(broken), SEED, "--out", str(out) + "/")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["broken.html", "zhuji-emergency-2020.html"]
    doc = lxml_html.document_fromstring((out / "broken.html").read_text(encoding="utf-8"))
    cell = doc.xpath('//td[@data-pointer="/requests/carried_forward/natural_person"]')[0]
    assert "sev-error" in cell.get("class") and cell.get("data-code") == "T3-1"


def test_unreadable_inputs_exit_2_with_a_clear_message(tmp_path: Path) -> None:
    missing = run("render", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert "nope.json" in missing.stderr and "no such file" in missing.stderr
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    bad = run("render", str(garbage))
    assert bad.returncode == 2
    assert "garbage.json: cannot read the report (1 problem)" in bad.stderr
    assert "Traceback" not in bad.stderr + missing.stderr
    site_without_out = run("render", str(tmp_path))
    assert site_without_out.returncode == 2 and "--out" in site_without_out.stderr
    several_pages = run("render", SEED, CITY)
    assert several_pages.returncode == 2 and "--out DIR" in several_pages.stderr
    usage = run("render", SEED, "--format", "pdf")
    assert usage.returncode == 2


def test_render_a_directory_as_a_site(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.json").write_bytes(Path(SEED).read_bytes())
    data = json.loads(Path(CITY).read_text(encoding="utf-8"))
    data["requests"]["new_received"]["total"] = 1
    (corpus / "sub" / "b.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (corpus / "sub" / "c.json").write_text("[]", encoding="utf-8")
    site = tmp_path / "site"
    result = run("render", str(corpus), "--out", str(site))
    assert result.returncode == 0, result.stderr
    index = lxml_html.document_fromstring((site / "index.html").read_text(encoding="utf-8"))
    links = index.xpath("//tbody/tr//a/@href")
    assert links[-1] == "a.html"  # the valid report last: worst first
    assert set(links) == {"a.html", "b.html", "c.html"}
    assert all((site / link).is_file() for link in links)


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_model import render

    monkeypatch.setitem(sys.modules, "jinja2", None)  # import jinja2 now fails
    monkeypatch.setattr(render, "_ENVIRONMENTS", {})
    from disclosure_model import validate_file

    report = validate_file(SEED).report
    with pytest.raises(render.RenderError, match=r"pip install 'disclosure-model\[render\]'"):
        render.render_html(report)
    assert render.render_text(report).startswith("诸暨市应急管理局")  # text needs no extra


def test_a_file_read_as_findings_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where validation reports an unreadable file as a finding, that finding is the message."""
    from disclosure_model import validation
    from disclosure_model.cli import main
    from disclosure_model.findings import Finding, Severity

    def unreadable(path: str) -> validation.ValidationResult:
        finding = Finding(code="io.not_found", name="not_found", severity=Severity.ERROR,
                          pointer="", params={"text_en": f"no such file: {path}"})  # fmt: skip
        return validation.ValidationResult(source=path, findings=(finding,))

    monkeypatch.setattr(validation, "validate_file", unreadable)
    assert main(["render", "gone.json"]) == 2
    assert capsys.readouterr().err == "no such file: gone.json\n"
