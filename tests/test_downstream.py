"""A downstream module builds, changes and navigates a report, and passes mypy --strict."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import disclosure_model as dm

from .conftest import ROOT
from .downstream import build_report

MODULE = Path(build_report.__file__)


def test_the_downstream_module_builds_a_consistent_report() -> None:
    report = build_report.build()
    assert dm.check(report).findings == ()
    assert build_report.problems(report) == []
    assert build_report.navigate(report) == {
        "not_held": 3,
        "reviews": 2,
        "received": 5,
        "fees_x10": 5,
    }
    whole = build_report.build_from_tables()
    assert dm.check(whole).findings == ()
    assert whole.requests == report.requests
    assert whole.reviews_and_litigation == report.reviews_and_litigation
    assert dm.from_json(dm.to_json(report)) == report


def _mypy(*paths: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (the dev extra; .ci/run installs it)")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, paths)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_downstream_module_passes_mypy_strict(tmp_path: Path) -> None:
    # A file that must fail proves mypy checks these calls (and reads the converters' types).
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from disclosure_model import AnnualReport, Organ\n"
        "Organ(name='x', kind=3)\n"
        "AnnualReport.blank('2021', 2023, 'x').with_cell('R1', 'total', '3')\n",
        encoding="utf-8",
    )
    result = _mypy(MODULE, wrong, cwd=ROOT)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert all(line.startswith(str(wrong)) for line in errors), result.stdout
    assert len(errors) == 2, result.stdout  # kind=3, and a str for a count
