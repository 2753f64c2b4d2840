"""The ``disclosure-model import`` command: files, folders, stdin, exit codes, --validate."""

from __future__ import annotations

import builtins
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from disclosure_model import load
from disclosure_model.importers import MissingExtraError, import_report

from .conftest import EXAMPLES, FIXTURES, run_cli


def test_import_files_to_a_folder_and_validate(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli(
        "import",
        str(FIXTURES / "zhuji-emergency-2020.txt"),
        str(FIXTURES / "pingtan-2024.html"),
        "--out",
        str(out),
        "--validate",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "imported" in done.stdout and "import.signed_change" in done.stdout
    seed = load(out / "zhuji-emergency-2020.json")
    assert seed.requests == load(EXAMPLES / "zhuji-emergency-2020.json").requests
    assert (out / "pingtan-2024.json").exists()


def test_import_writes_next_to_the_source_and_never_overwrites(tmp_path: Path) -> None:
    source = tmp_path / "huaian.txt"
    shutil.copy(FIXTURES / "huaian-2024.pdf.txt", source)
    assert run_cli("import", str(source)).returncode == 0
    assert (tmp_path / "huaian.json").exists()
    again = run_cli("import", str(source))
    assert again.returncode == 2 and "--force" in again.stderr
    assert run_cli("import", str(source), "--force").returncode == 0


def test_import_a_folder_in_json(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(FIXTURES / "shuyang-2025.pdf.md", folder / "shuyang.md")
    shutil.copy(FIXTURES / "import" / "no-report.html", folder / "list.html")
    done = run_cli("import", str(folder), "--format", "json", "--out", str(tmp_path / "o"))
    assert done.returncode == 1  # one page holds no report
    results = {Path(r["source"]).name: r for r in json.loads(done.stdout)}
    assert results["shuyang.md"]["imported"] and results["shuyang.md"]["valid"]
    assert results["shuyang.md"]["locations"]["/requests/new_received/total"]["line"] == 99
    assert not results["list.html"]["imported"]
    assert [f["code"] for f in results["list.html"]["findings"]] == ["import.no_report"]


def test_a_page_with_no_report_exits_1_without_a_traceback() -> None:
    done = run_cli("import", str(FIXTURES / "import" / "no-report.html"))
    assert done.returncode == 1
    assert "import.no_report" in done.stdout and "Traceback" not in done.stderr


def test_missing_file_exits_2() -> None:
    done = run_cli("import", "/nonexistent/report.html")
    assert done.returncode == 2 and "cannot read" in done.stderr


def test_stdin_writes_json_to_stdout() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "disclosure_model", "import", "-"],
        input=(FIXTURES / "zhuji-emergency-2020.txt").read_bytes(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["organ"]["name"] == "诸暨市应急管理局"
    assert "import.signed_change" in done.stderr.decode()


def test_validate_reports_the_rules_too(tmp_path: Path) -> None:
    text = (FIXTURES / "huaian-2024.pdf.txt").read_text(encoding="utf-8")
    broken = text.replace("（七）总计 2932 53", "（七）总计 2933 53")  # no longer adds up
    source = tmp_path / "broken.txt"
    source.write_text(broken, encoding="utf-8")
    assert run_cli("import", str(source), "--out", str(tmp_path / "a")).returncode == 0
    done = run_cli("import", str(source), "--out", str(tmp_path / "b"), "--validate")
    assert done.returncode == 1 and "T3-" in done.stdout


def test_html_without_the_import_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_lxml(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "lxml" or name.startswith("lxml."):
            raise ImportError("No module named 'lxml'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_lxml)
    with pytest.raises(MissingExtraError, match=r"disclosure-model\[import\]"):
        import_report(FIXTURES / "pingtan-2024.html")
    # text and Markdown need no extra
    assert import_report(FIXTURES / "shuyang-2025.pdf.md").report is not None
