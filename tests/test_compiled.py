"""The committed generated modules: current, used for the declared editions, and generated at
first use for an edition registered at run time.

The msgspec readers and the sum functions are generated from the model's declarations; for the
declared editions the generated source is committed under ``src/disclosure_model/_compiled`` (like
the JSON schemas), so that a process imports byte code instead of generating and compiling it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import disclosure_model as dm
from disclosure_model import _compiled, _fastpath, enums
from disclosure_model.enums import DECLARED_EDITIONS, Edition
from disclosure_model.rules.engine import report_sums

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "src" / "disclosure_model" / "_compiled"
SEED = ROOT / "examples" / "zhuji-emergency-2020.json"

try:
    import msgspec  # noqa: F401

    HAVE_MSGSPEC = True
except ImportError:  # pragma: no cover - without the fast extra
    HAVE_MSGSPEC = False

needs_msgspec = pytest.mark.skipif(not HAVE_MSGSPEC, reason="the reader needs the 'fast' extra")


@needs_msgspec
def test_every_committed_file_is_what_generation_gives() -> None:
    generated = _compiled.generated_files()
    committed = {p.name for p in HERE.glob("*.py") if p.name.split("_")[0] in _compiled.KINDS}
    assert committed == set(generated)
    assert set(generated) == {f"{k}_{e}.py" for k in _compiled.KINDS for e in DECLARED_EDITIONS}
    for name, text in generated.items():
        assert (HERE / name).read_text(encoding="utf-8") == text, (
            f"{name} is out of date: run {_compiled.REGENERATE}"
        )


def test_every_committed_sum_function_is_what_generation_gives() -> None:
    # The sum functions need no msgspec to generate: checked by every test run.
    for code in DECLARED_EDITIONS:
        name = f"sums_{code}.py"
        assert (HERE / name).read_text(encoding="utf-8") == _fastpath.sums_source(Edition(code)), (
            f"{name} is out of date: run {_compiled.REGENERATE}"
        )


@needs_msgspec
def test_the_check_command_agrees(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "disclosure_model._compiled", "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (done.returncode, done.stderr) == (0, "")
    wrong = subprocess.run(
        [sys.executable, "-m", "disclosure_model._compiled", "--nonsense"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert wrong.returncode == 2 and "usage" in wrong.stderr


def test_the_committed_counts_are_the_declarations() -> None:
    for edition in Edition:
        counted = Counter(c.code for c in report_sums(edition))
        assert dict(counted) == _fastpath.sums_module(edition).COUNTS


def test_a_declared_edition_reads_the_committed_modules() -> None:
    for edition in Edition:
        module = _fastpath.sums_module(edition)
        assert module is sys.modules[f"disclosure_model._compiled.sums_{edition.value}"]


@needs_msgspec
def test_a_declared_edition_decodes_with_the_committed_structs() -> None:
    from disclosure_model import _typed

    decoded = _typed.decode(SEED.read_bytes())
    module = sys.modules[f"disclosure_model._compiled.typed_{decoded.edition.value}"]
    assert type(decoded.document) is module.ROOT
    assert decoded.document.edition is decoded.edition


def test_a_fresh_process_generates_and_compiles_nothing_for_a_declared_edition() -> None:
    code = (
        "import linecache, sys, io\nfrom disclosure_model.cli import main\n"
        "out = sys.stdout; sys.stdout = io.StringIO()\n"
        f"main(['validate', {str(SEED)!r}])\nsys.stdout = out\n"
        "print(sorted(n for n in linecache.cache if n.startswith('<disclosure_model generated')"
        " and ('typed reader' in n or 'sums' in n)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.splitlines()[-1] == "[]"


def test_an_edition_registered_at_run_time_is_generated_from_the_same_source(
    throwaway: Edition,
) -> None:
    assert _compiled.committed("sums", throwaway) is None
    module = _fastpath.sums_module(throwaway)
    assert not hasattr(module, "__file__")
    assert dict(Counter(c.code for c in report_sums(throwaway))) == module.COUNTS
    report = dm.AnnualReport.blank(throwaway, 2099, "试验机关")
    document = json.loads(dm.to_json(report))
    document["requests"]["new_received"]["total"] += 1  # a sum that fails
    text = json.dumps(document, ensure_ascii=False)
    result = dm.validate_document(text)
    eager = dm.check(dm.from_dict(document))
    assert [f.code for f in result.findings] == [f.code for f in eager.findings]
    assert any(f.code.startswith("T3-") for f in result.findings)
    assert result.rules == eager.rules
    if HAVE_MSGSPEC:
        from disclosure_model import _typed

        decoded = _typed.decode(dm.to_json(report).encode())
        assert type(decoded.document).__name__ == "AnnualReport2099"
        assert decoded.edition is throwaway
        assert "disclosure_model._compiled" not in type(decoded.document).__module__


def test_a_code_registered_again_is_read_as_its_new_member() -> None:
    # The reader of a removed edition carries its member: a document of the code registered
    # again must not be read as the old member (G-1 then compared members and failed).
    args = {
        "first_year": 2099,
        "document": "试验〔2099〕1号",
        "label_zh": "试验格式 2099",
        "title_en": "Throwaway edition 2099",
    }
    for _ in range(2):
        with enums.registered_edition("2099", **args) as member:
            report = dm.AnnualReport.blank(member, 2099, "试验机关")
            result = dm.validate_document(dm.to_json(report))
            assert result.valid, [f.code for f in result.findings]
            assert result.report is not None and result.report.edition is member
            if HAVE_MSGSPEC:
                from disclosure_model import _typed

                assert _typed.decode(dm.to_json(report).encode()).edition is member
