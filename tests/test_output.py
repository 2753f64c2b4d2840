"""Output formats from the library: one declaration each, a registry, streamed results."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import disclosure_model as dm
from disclosure_model import output
from disclosure_model.corpus import CodeFilter, validate_paths

from .conftest import EXAMPLES


def _results() -> list[dm.ValidationResult]:
    return [
        dm.validate_document((EXAMPLES / "example-city-2023.json").read_bytes(), source="a"),
        dm.validate_document(b"[]", source="b"),
    ]


def test_write_results_in_each_shipped_format() -> None:
    for name in ("text", "json", "jsonl"):
        buffer = io.StringIO()
        summary = output.write_results(_results(), buffer, format=name)
        assert (summary.total, summary.counts["clean"], summary.counts["errors"]) == (2, 1, 1)
        assert summary.exit_code == 1
        if name == "json":
            document = json.loads(buffer.getvalue())
            assert [r["source"] for r in document["results"]] == ["a", "b"]
            assert document["summary"] == json.loads(json.dumps(summary.to_dict()))
        elif name == "jsonl":
            lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
            assert [line["type"] for line in lines] == ["result", "result", "summary"]
        else:
            assert buffer.getvalue().startswith("a: OK\nb: 1 error(s)")


def test_a_new_format_is_one_declaration() -> None:
    class Codes(output.OutputFormat):
        name = "codes-for-test"
        description = "one line per finding code"
        separator = ""

        def result(self, result: dm.ValidationResult, options: output.OutputOptions) -> str:
            return "".join(f"{result.source}\t{f.code}\n" for f in result.findings)

        def footer(self, summary: output.Summary, options: output.OutputOptions) -> str:
            return f"{summary.total}\n"

    output.register_format(Codes())
    try:
        buffer = io.StringIO()
        results = _results()
        output.write_results(results, buffer, format="codes-for-test")
        expected = "".join(f"b\t{f.code}\n" for f in results[1].findings)
        assert results[1].findings and buffer.getvalue() == expected + "2\n"
    finally:
        del output.FORMATS["codes-for-test"]


def test_unreadable_wins_over_findings() -> None:
    summary = output.Summary()
    options = output.OutputOptions()
    good = [str(p) for p in sorted(EXAMPLES.glob("*.json"))]  # the valid examples
    for result in validate_paths([*good, "/nonexistent/report.json"]):
        summary.add(output.Outcome.of(result, options))
    assert summary.counts["unreadable"] == 1 and summary.exit_code == 2
    assert summary.failing_names == ["/nonexistent/report.json"]


def test_code_filter_prefixes_match_at_boundaries() -> None:
    only = CodeFilter(select=("T3",))
    assert only.keeps("T3-1") and not only.keeps("T30-1") and not only.keeps("N-1")
    assert CodeFilter(select=("model.",)).keeps("model.type")
    assert not CodeFilter(select=("T3-1",)).keeps("T3-10")
    assert not CodeFilter(ignore=("X-",)).keeps("X-2")


def test_json_output_is_byte_identical_with_and_without_msgspec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json and jsonl: the same bytes whichever writer is installed (lists included:
    findings, their operands, the summary's failing names)."""
    pytest.importorskip("msgspec")
    from disclosure_model import codec
    from disclosure_model.cli import main

    bad = json.loads((EXAMPLES / "example-city-2023.json").read_text(encoding="utf-8"))
    bad["year"] = "二〇二三"
    bad["organ"]["unknown"] = [1, {"x": []}]
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "list.json").write_text('[1, [], {"a": [2, 3]}]', encoding="utf-8")
    paths = [str(p) for p in sorted(EXAMPLES.glob("*.json"))] + [str(tmp_path)]

    def run(*args: str) -> str:
        main(["validate", *args, *paths])
        return capsys.readouterr().out

    for fmt in ("json", "jsonl"):
        fast = run("--format", fmt)
        with monkeypatch.context() as patch:
            patch.setattr(codec, "_MSGSPEC_ENCODER", None)
            plain = run("--format", fmt)
        assert "[" in fast and fast == plain
    for value in ([], [[]], {"a": [1, [2, {}]], "b": []}, [{"c": "中"}]):
        for indent in (None, 0, 2):
            fast_text = output.to_json_text(value, indent=indent)
            with monkeypatch.context() as patch:
                patch.setattr(codec, "_MSGSPEC_ENCODER", None)
                assert output.to_json_text(value, indent=indent) == fast_text
            assert json.loads(fast_text) == value
