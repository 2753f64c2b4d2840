"""Start-up: the package loads its names on first use, and a run loads only what it uses.

Timings are the benchmark's (``benchmarks/startup.py``); these tests pin down what is loaded,
which is what the timings follow from, and that loading on first use loses no public name.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import disclosure_model

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "zhuji-emergency-2020.json"


def _python(
    *args: str, check: bool = True, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter run with ``args``, in the repository, its output captured as text."""
    return subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, text=True, check=check, cwd=ROOT
    )


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = _python("-c", script)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_every_public_name_resolves_in_a_fresh_interpreter() -> None:
    script = (
        "import disclosure_model as dm\n"
        "missing = [n for n in dm.__all__ if not hasattr(dm, n)]\n"
        "assert not missing, missing\n"
        "from disclosure_model import *\n"
        "print(len(dm.__all__))"
    )
    done = _python("-c", script, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(disclosure_model.__all__)


def test_public_names_are_the_objects_of_their_modules() -> None:
    from disclosure_model import codec, findings, report, rules, validation

    assert disclosure_model.AnnualReport is report.AnnualReport
    assert disclosure_model.Finding is findings.Finding
    assert disclosure_model.from_json is codec.from_json
    assert disclosure_model.CATALOGUE is rules.CATALOGUE
    assert disclosure_model.validate_document is validation.validate_document
    for name in disclosure_model.__all__:
        assert name in dir(disclosure_model)


def test_unknown_names_still_raise_attribute_error() -> None:
    assert not hasattr(disclosure_model, "no_such_name")
    try:
        disclosure_model.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:  # pragma: no cover - the assertion is the test
        raise AssertionError("an unknown name resolved")


def test_submodules_are_reachable_as_attributes() -> None:
    script = "import disclosure_model as dm\nprint(dm.rules.check is dm.check, dm.codec.__name__)"
    done = _python("-c", script)
    assert done.stdout.split() == ["True", "disclosure_model.codec"]


def test_importing_the_package_loads_no_submodule() -> None:
    loaded = {m for m in _modules_after("import disclosure_model") if "disclosure_model" in m}
    assert loaded == {"disclosure_model"}


def test_a_finding_made_first_still_has_its_message() -> None:
    # The templates are registered by modules a program may not have imported yet.
    script = (
        "from disclosure_model.findings import Finding, Severity\n"
        "f = Finding(code='T3-1', name='x', severity=Severity.ERROR, pointer='/requests',"
        " params={'expected': 3, 'actual': 2})\n"
        "g = Finding(code='model.required', name='x', severity=Severity.ERROR, pointer='',"
        " params={'key': 'year'})\n"
        "print(f.message('en') != 'T3-1 at /requests', \"'year'\" in g.message('en'))"
    )
    done = _python("-c", script)
    assert done.stdout.split() == ["True", "True"]


def test_validating_one_file_loads_no_other_command() -> None:
    code = (
        "import sys, io\nfrom disclosure_model.cli import main\n"
        "out = sys.stdout; sys.stdout = io.StringIO()\n"
        f"main(['validate', {str(SEED)!r}])\nsys.stdout = out"
    )
    loaded = _modules_after(code)
    unneeded = {
        "disclosure_model.export",
        "disclosure_model.indicators",
        "disclosure_model.render",
        "disclosure_model.importers",
        "disclosure_model.schema",
        "concurrent.futures",
        "multiprocessing",
        "jinja2",
        "lxml",
        "tqdm",
        "jsonschema",
        "cattrs",
        "hypothesis",
    }
    assert not loaded & unneeded, loaded & unneeded


def test_help_still_lists_every_command() -> None:
    done = _python("-m", "disclosure_model", "--help")
    from disclosure_model.cli import COMMANDS

    listed = {line.split()[0] for line in done.stdout.splitlines() if line.startswith("    ")}
    assert listed >= {command.name for command in COMMANDS}
    assert "read published reports" in done.stdout  # the import command's help, loaded


def test_field_types_are_classes_whichever_module_comes_first() -> None:
    # Readers of the metadata (the codec, docgen) take attrs.fields(cls).x.type as a class.
    script = (
        "import attrs\n"
        "from disclosure_model.report import AnnualReport\n"
        "from disclosure_model.proactive import ProactiveDisclosure2019\n"
        "from disclosure_model.requests import Outcomes\n"
        "todo = [AnnualReport, ProactiveDisclosure2019, Outcomes]\n"
        "print(all(not isinstance(a.type, str) for c in todo for a in attrs.fields(c)))"
    )
    done = _python("-c", script)
    assert done.stdout.split() == ["True"]


def test_the_reference_pages_generate_from_a_fresh_interpreter(tmp_path: Path) -> None:
    done = _python("-m", "disclosure_model.docgen", str(tmp_path), check=False)
    assert done.returncode == 0, done.stderr
    for page in ("model-reference.md", "rules.md", "indicators.md"):
        assert (tmp_path / page).read_text(encoding="utf-8") == (ROOT / "docs" / page).read_text(
            encoding="utf-8"
        )


# --- the sum checks: counted from the declarations, compiled only once one fails ---------------


def _fresh(code: str) -> str:
    done = _python("-c", code, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def _broken_sum() -> str:
    """The seed with Table 三's total of new requests off by one (T3-1 … fail)."""
    document = json.loads(SEED.read_text(encoding="utf-8"))
    document["requests"]["new_received"]["total"] += 1
    return json.dumps(document, ensure_ascii=False)


def test_the_expanded_sums_are_the_compiled_checks_in_the_same_order() -> None:
    # The generated sum function indexes the expanded checks; findings index the compiled ones.
    from disclosure_model.enums import Edition
    from disclosure_model.rules.engine import report_checks, report_sums

    for edition in Edition:
        expanded, compiled = report_sums(edition), report_checks(edition)
        assert len(expanded) == len(compiled) > 0
        for e, c in zip(expanded, compiled, strict=True):
            assert (e.code, e.relation, e.path) == (c.rule.code, c.relation, c.path)
            assert [(t.path, t.sign, t.from_previous) for t in e.terms] == [
                (t.path, t.sign, t.from_previous) for t in c.terms
            ]


def test_the_clean_run_counts_are_those_of_the_compiled_checks() -> None:
    import importlib
    from collections import Counter

    from disclosure_model.enums import Edition
    from disclosure_model.rules.engine import report_checks

    # the module (``disclosure_model.rules.check`` the attribute is the function)
    counts = importlib.import_module("disclosure_model.rules.check")._check_counts
    for edition in Edition:
        compiled = Counter(c.rule.code for c in report_checks(edition))
        assert counts(edition) == {code: (n, n, 0, 0) for code, n in compiled.items()}


def test_a_clean_validation_compiles_no_sum_check() -> None:
    code = (
        "from disclosure_model import validate_file\n"
        "from disclosure_model.rules import engine\n"
        f"r = validate_file({str(SEED)!r})\n"
        "print(r.valid, engine.report_checks.cache_info().currsize)"
    )
    assert _fresh(code).split() == ["True", "0"]


def test_a_failing_sum_has_its_findings_on_a_process_first_document() -> None:
    text = _broken_sum()
    expected = disclosure_model.validate_document(text)
    assert any(f.code.startswith("T3-") for f in expected.findings)
    code = (
        "import json, sys\nfrom disclosure_model import validate_document\n"
        "r = validate_document(sys.stdin.read())\n"
        "print(json.dumps(r.to_dict(), ensure_ascii=True, default=str))"
    )
    done = _python("-c", code, stdin=text)
    fresh = json.loads(done.stdout)
    assert fresh == json.loads(json.dumps(expected.to_dict(), ensure_ascii=True, default=str))


def test_a_plain_validation_loads_no_module_only_a_bug_or_odd_text_needs() -> None:
    # traceback names a bug's place (internal.error); pathlib is for regenerating the committed
    # modules; the surrogate pattern escapes a lone surrogate in JSON text written out. A clean
    # one-file run needs none of them.
    code = (
        "import sys, io, re\nfrom disclosure_model.cli import main\n"
        "out = sys.stdout; sys.stdout = io.StringIO()\n"
        f"main(['validate', {str(SEED)!r}])\nsys.stdout = out\n"
        "from disclosure_model import codec\n"
        "print('traceback' in sys.modules, 'pathlib' in sys.modules,"
        " codec._surrogate.cache_info().currsize, 'shutil' in sys.modules)"
    )
    # shutil (with zlib, bz2, lzma) is what argparse imports for the terminal's width.
    assert _fresh(code).split() == ["False", "False", "0", "False"]


def test_help_is_wrapped_as_argparse_s_own_formatter_wraps_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argparse

    from disclosure_model import cli

    def helps() -> list[str]:
        parser = cli._parser(["validate", "x"])
        sub = parser.parse_args(["validate", "x"]).command_parser
        return [parser.format_help(), sub.format_help()]

    ours: dict[str, list[str]] = {}
    for columns in ("50", "120"):
        monkeypatch.setenv("COLUMNS", columns)
        assert cli._help_width() == int(columns) - 2
        ours[columns] = helps()
        with monkeypatch.context() as stock:
            stock.setattr(cli, "_Formatter", argparse.HelpFormatter)
            assert helps() == ours[columns]
    assert ours["50"][1] != ours["120"][1]  # the width is followed


def test_help_width_without_a_terminal_or_columns_is_78(monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_model import cli

    def no_terminal(fd: int) -> None:
        raise OSError("not a terminal")

    monkeypatch.setattr(cli.os, "get_terminal_size", no_terminal)
    for value in ("not a number", "0", "-5"):
        monkeypatch.setenv("COLUMNS", value)
        assert cli._help_width() == 78
    monkeypatch.delenv("COLUMNS")
    assert cli._help_width() == 78


def test_a_lone_surrogate_is_still_escaped_in_json_text() -> None:
    from disclosure_model.codec import dumps_value

    assert dumps_value({"k": "a\ud800b"}, indent=None) == '{"k":"a\\ud800b"}'
    assert dumps_value({"k": "中"}, indent=None) == '{"k":"中"}'


# --- the console script: main(), the import's and the run's objects kept out of the collector ---


def _console(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return _python("-m", "disclosure_model", *args, check=False, stdin=stdin)


def _in_process(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    from disclosure_model.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    return code, out.getvalue()


def test_the_console_script_gives_main_s_output_and_exit_codes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(_broken_sum(), encoding="utf-8")
    for args in (
        ("validate", str(SEED)),
        ("validate", "--format", "json", str(SEED), str(broken)),
        ("rules",),
    ):
        done = _console(*args)
        assert (done.returncode, done.stdout) == _in_process(*args), args
    assert _console("validate", str(broken)).returncode == 1
    usage = _console("validate", "--no-such-option")
    assert usage.returncode == 2 and "usage:" in usage.stderr


def test_the_console_script_freezes_the_run_s_objects_and_main_does_not() -> None:
    import gc

    code = (
        "import gc, sys\n"
        f"sys.argv = ['disclosure-model', 'validate', {str(SEED)!r}]\n"
        "from disclosure_model import _console\n"
        "assert 'disclosure_model.cli' not in sys.modules  # imported by main(), collector paused\n"
        "before = gc.get_freeze_count()\ncode = _console.main()\n"
        "print(code, before, gc.get_freeze_count() > 0, gc.isenabled(), file=sys.stderr)"
    )
    done = _python("-c", code)
    assert done.stderr.split() == ["0", "0", "True", "True"]  # the run itself is collected
    assert "OK" in done.stdout
    before = gc.get_freeze_count()
    assert _in_process("validate", str(SEED))[0] == 0
    assert gc.get_freeze_count() == before  # a program calling main() keeps its collector


def test_the_installed_command_is_the_console_entry_point() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'disclosure-model = "disclosure_model._console:main"' in text
