"""The command line's rule output: validate with rules, rules, series, aggregate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import EXAMPLES
from .test_cli import run

CITY = EXAMPLES / "example-city-2023.json"


def _write(tmp_path: Path, name: str, doc: dict[str, Any]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _city() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CITY.read_text(encoding="utf-8"))
    return data


def test_validate_names_cell_expected_and_actual(tmp_path: Path) -> None:
    doc = _city()
    doc["requests"]["carried_forward"]["natural_person"] = 9
    doc["requests"]["carried_forward"]["total"] = 32
    path = _write(tmp_path, "unbalanced.json", doc)
    en = run("validate", path)
    assert en.returncode == 1
    assert "[T3-1] /requests/carried_forward/natural_person" in en.stdout
    assert "Table 三 column 自然人 (natural_person) does not balance" in en.stdout
    assert "R4 should be 6" in en.stdout
    zh = run("validate", "--lang", "zh", path)
    assert "表三“自然人”列不平衡" in zh.stdout and "结转下年度应为 6" in zh.stdout
    as_json = json.loads(run("validate", "--format", "json", path).stdout)["results"][0]
    finding = next(f for f in as_json["findings"] if f["code"] == "T3-1")
    assert (finding["expected"], finding["actual"], finding["difference"]) == (6, 9, 3)
    assert finding["cell"]["column_label_zh"] == "自然人"
    assert as_json["rules"]["T3-1"] == {"applied": 7, "passed": 5, "failed": 2, "skipped": 0}


def test_warnings_fail_only_when_asked(tmp_path: Path) -> None:
    doc = _city()
    doc["narrative"]["problems_and_improvements"] = ""
    path = _write(tmp_path, "quiet.json", doc)
    default = run("validate", path)
    assert default.returncode == 0 and "[N-2]" in default.stdout
    assert run("validate", "--fail-on", "warning", path).returncode == 1


def test_rules_lists_the_catalogue() -> None:
    text = run("rules").stdout
    assert "T3-1" in text and "requests.balance" in text and "A-1" in text
    zh = run("rules", "--lang", "zh").stdout
    assert "表三勾稽关系" in zh
    catalogue = json.loads(run("rules", "--format", "json").stdout)
    assert len(catalogue) == 18 and catalogue[0]["severity"] == "error"


def test_series_command(tmp_path: Path) -> None:
    this = _city()
    last = _city()
    last["year"] = 2022
    last["published_on"] = "2023-03-01"
    a = _write(tmp_path, "2023.json", this)
    b = _write(tmp_path, "2022.json", last)
    result = run("series", a, b)
    assert result.returncode == 1  # are warnings; series fails on warnings
    assert "[X-1] /requests/carried_over/natural_person" in result.stdout
    assert "2023.json" in result.stdout
    data = json.loads(run("series", "--format", "json", a, b).stdout)["results"][0]
    assert data["findings"][0]["operands"][0]["document"] == b
    twice = run("series", "--format", "json", a, a)
    assert twice.returncode == 1
    codes = [f["code"] for f in json.loads(twice.stdout)["results"][0]["findings"]]
    assert codes == ["series.duplicate_year"]


def test_aggregate_command(tmp_path: Path) -> None:
    child = _city()
    parent = _city()
    parent["reviews_and_litigation"]["administrative_review"]["upheld"] = 19
    parent["reviews_and_litigation"]["administrative_review"]["total"] = 25
    p = _write(tmp_path, "parent.json", parent)
    c1 = _write(tmp_path, "a.json", child)
    c2 = _write(tmp_path, "b.json", child)
    result = run("aggregate", p, c1, c2, "--lang", "zh")
    assert result.returncode == 1
    assert "[A-1]" in result.stdout and "汇总报告为" in result.stdout
    broken = _write(tmp_path, "broken.json", {"edition": "2021"})
    unread = run("aggregate", "--format", "json", p, broken, str(tmp_path / "missing.json"))
    assert unread.returncode == 2  # an input that cannot be read at all
    results = json.loads(unread.stdout)["results"]
    assert [r["source"] for r in results] == [broken, str(tmp_path / "missing.json")]
    assert results[0]["findings"][0]["code"].startswith("model.")
    invalid = run("aggregate", p, broken)
    assert invalid.returncode == 1 and "model." in invalid.stdout
