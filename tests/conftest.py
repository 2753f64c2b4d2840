"""Shared fixtures and the hypothesis profiles (``HYPOTHESIS_PROFILE=dev|ci``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from disclosure_model.enums import Edition

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

settings.register_profile(
    "dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=200,  # thorough but bounded: CI stays near 15 minutes on 2 cores
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
REAL_FILES = sorted(FIXTURES.glob("*.json"))


@pytest.fixture
def seed_text() -> str:
    """The 2020 seed report (诸暨市应急管理局) in the JSON contract."""
    return (EXAMPLES / "zhuji-emergency-2020.json").read_text(encoding="utf-8")


@pytest.fixture
def seed(seed_text: str) -> dict[str, Any]:
    """The seed report parsed (amounts as strings are not needed: ints and Decimals)."""
    from decimal import Decimal

    parsed: dict[str, Any] = json.loads(seed_text, parse_float=Decimal)
    return parsed


@pytest.fixture
def example_2021() -> dict[str, Any]:
    """The made-up 2021-edition example, parsed."""
    from decimal import Decimal

    parsed: dict[str, Any] = json.loads(
        (EXAMPLES / "example-city-2023.json").read_text(encoding="utf-8"), parse_float=Decimal
    )
    return parsed


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m disclosure_model ARGS`` as a subprocess, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "disclosure_model", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def assert_described(finding: Any) -> None:
    """Both messages of a finding are written for it: neither is the fallback a finding without
    a template or text gets (``"<code> at <pointer>"``), the Chinese one is in Chinese, and the
    two differ."""
    fallback = f"{finding.code} at {finding.pointer or '/'}"
    en, zh = finding.message("en"), finding.message("zh")
    assert en and en != fallback, (finding.code, en)
    assert zh != fallback and _has_chinese(zh), (finding.code, zh)
    assert en != zh, (finding.code, en)


@pytest.fixture
def throwaway() -> Iterator[Edition]:
    """A third edition, 2099 onward, registered for the test: its tables are those of 2021, it
    has no committed generated module, nothing else is declared for it."""
    from disclosure_model import enums

    with enums.registered_edition(
        "2099",
        first_year=2099,
        document="试验〔2099〕1号",
        label_zh="试验格式 2099",
        title_en="Throwaway edition 2099",
    ) as member:
        yield member
