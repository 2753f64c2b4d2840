"""The command line, run as a subprocess: exit codes and readable messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES
from .conftest import run_cli as run

SEED = str(EXAMPLES / "zhuji-emergency-2020.json")


def test_valid_documents_exit_0() -> None:
    result = run("validate", *map(str, sorted(EXAMPLES.glob("*.json"))))
    assert result.returncode == 0, result.stderr
    assert f"{SEED}: OK" in result.stdout
    assert result.stderr == ""


def test_bad_document_exits_1_with_located_messages(tmp_path: Path) -> None:
    doc = json.loads(Path(SEED).read_text(encoding="utf-8"))
    doc["requests"]["new_received"]["natural_person"] = "1"
    doc["organ"]["kind"] = "dept"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run("validate", SEED, str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{bad}: 2 error(s)" in result.stdout
    assert "/requests/new_received/natural_person" in result.stdout
    assert "expected an integer ≥ 0, found string '1'" in result.stdout
    zh = run("validate", "--lang", "zh", str(bad))
    assert "自然人应为不小于 0 的整数" in zh.stdout


def test_not_json_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_bytes(b'{"edition": ')
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "json.syntax" in result.stdout and "not valid JSON" in result.stdout


def test_missing_file_and_empty_folder_exit_2(tmp_path: Path) -> None:
    result = run("validate", SEED, str(tmp_path / "nope.json"), str(tmp_path))
    assert result.returncode == 2
    assert f"[io.not_found] (document): no such file: {tmp_path / 'nope.json'}" in result.stdout
    assert f"[io.no_reports] (document): the folder {tmp_path} holds no report" in result.stdout
    assert f"{SEED}: OK" in result.stdout
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    for args in ((), ("validate",), ("frobnicate",), ("validate", "--format", "xml", SEED)):
        result = run(*args)
        assert result.returncode == 2, args
        assert "usage:" in result.stderr


def test_json_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    result = run("validate", "--format", "json", SEED, str(bad))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    results = document["results"]
    assert [r["valid"] for r in results] == [True, False]
    assert document["summary"]["errors"] == 1 and document["summary"]["clean"] == 1
    finding = results[1]["findings"][0]
    assert finding["pointer"] == "" and finding["severity"] == "error"
    assert set(finding["message"]) == {"zh", "en"}
    lines = run("validate", "--format", "jsonl", SEED, str(bad)).stdout.splitlines()
    assert [json.loads(line).get("source") for line in lines] == [SEED, str(bad), None]
    assert [json.loads(line)["type"] for line in lines] == ["result", "result", "summary"]


def test_fail_on_never(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert run("validate", "--fail-on", "never", str(bad)).returncode == 0


def test_jobs_keep_order_and_exit_codes(tmp_path: Path) -> None:
    good = sorted(map(str, EXAMPLES.glob("*.json")))
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    files = [*good, str(bad), *good, str(tmp_path / "missing.json")]
    parallel = run("validate", "--jobs", "2", "--format", "jsonl", *files)
    serial = run("validate", "--format", "jsonl", *files)
    assert parallel.stdout == serial.stdout
    lines = [json.loads(line) for line in parallel.stdout.splitlines()]
    assert [line["source"] for line in lines[:-1]] == files
    assert parallel.returncode == serial.returncode == 2  # the missing file
    assert lines[-2]["findings"][0]["code"] == "io.not_found"
    as_json = run("validate", "-j", "0", "--format", "json", *good, str(bad))
    assert as_json.returncode == 1
    results = json.loads(as_json.stdout)["results"]
    assert [r["valid"] for r in results] == [True] * len(good) + [False]
    assert run("validate", "--jobs", "-1", *good).returncode == 2


def test_files_from_a_list(tmp_path: Path) -> None:
    good = sorted(map(str, EXAMPLES.glob("*.json")))
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(good) + "\n\n", encoding="utf-8")
    result = run("validate", "--files-from", str(listing), "--jobs", "2")
    assert result.returncode == 0 and result.stdout.count(": OK") == len(good)
    piped = subprocess.run(
        [sys.executable, "-m", "disclosure_model", "validate", "--files-from", "-", good[0]],
        input="\n".join(good),
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.returncode == 0 and piped.stdout.count(": OK") == len(good) + 1
    missing = run("validate", "--files-from", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "no such list of files" in missing.stderr
