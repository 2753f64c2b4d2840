"""The published schema files used offline by the common validators, as docs/schema.md shows.

Issue 9, edges 1 and 11: the index schema is self-contained (python jsonschema, check-jsonschema
and ajv use it with nothing registered or fetched), a non-object gets one error, and the
documented recipes work on a checkout without symlinks. The tools other than jsonschema are
installed by ``.ci/run``; these tests install nothing and skip, saying why, when one is absent.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry
from referencing.exceptions import NoSuchResource

from .conftest import EXAMPLE_FILES, ROOT

SCHEMAS = ROOT / "schemas"
INDEX = SCHEMAS / "annual-report.schema.json"
DOC = ROOT / "docs" / "schema.md"
NODE_MODULES = ROOT / ".venv" / "node" / "node_modules"  # where .ci/run installs ajv
# Any attempt to fetch over HTTP(S) fails at once instead of waiting for a timeout.
OFFLINE_ENV = {
    **os.environ,
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
}

pytestmark = pytest.mark.skipif(not INDEX.is_file(), reason="no top-level schemas/ in this tree")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _broken(tmp_path: Path) -> Path:
    document = _load(EXAMPLE_FILES[0])
    document["organ"]["nmae"] = "typo"
    document["requests"]["new_received"]["natural_person"] = -1
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository's root, with HTTP(S) pointed at a closed port."""
    return subprocess.run(
        list(args),
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=OFFLINE_ENV,
        timeout=300,
        check=False,
    )


def _recipe(language: str) -> str:
    """The code block of ``language`` in docs/schema.md's "Validating from another language"."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Validating from another language", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```" + language + r"\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, (language, len(blocks))
    return blocks[0]


# --- Python jsonschema, the file alone -----------------------------------------------------------


def _refuse(uri: str) -> Any:
    raise NoSuchResource(ref=uri)  # fail loudly should the schema ever refer outside itself


def test_jsonschema_uses_the_index_alone() -> None:
    validator = Draft7Validator(
        _load(INDEX), registry=Registry(retrieve=_refuse), format_checker=FormatChecker()
    )
    for path in EXAMPLE_FILES:
        assert list(validator.iter_errors(_load(path))) == [], path
    broken = _load(EXAMPLE_FILES[0])
    broken["organ"]["nmae"] = "typo"
    assert {e.validator for e in validator.iter_errors(broken)} == {"additionalProperties"}
    other = _load(EXAMPLE_FILES[0])
    other["edition"] = "2019" if other["edition"] == "2021" else "2021"
    assert not validator.is_valid(other)


@pytest.mark.parametrize("value", [5, "report", [], None, True])
def test_a_non_object_gets_one_error(value: Any) -> None:
    validator = Draft7Validator(_load(INDEX), registry=Registry(retrieve=_refuse))
    errors = list(validator.iter_errors(value))
    assert [e.validator for e in errors] == ["type"]


def test_the_python_recipe_runs_as_documented(tmp_path: Path) -> None:
    code = _recipe("python")
    ok = _run(sys.executable, "-c", code)
    assert ok.returncode == 0 and ok.stdout == "", ok.stderr
    broken = _broken(tmp_path)
    bad = _run(
        sys.executable, "-c", code.replace("examples/zhuji-emergency-2020.json", str(broken))
    )
    assert bad.returncode == 0, bad.stderr
    assert "nmae" in bad.stdout and "natural_person" in bad.stdout


# --- check-jsonschema -------------------------------------------------------------------------


def _check_jsonschema() -> str:
    found = shutil.which(
        "check-jsonschema",
        path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    if found is None:
        pytest.skip(
            "check-jsonschema is not installed (.ci/run installs it: pip install check-jsonschema)"
        )
    return found


def test_check_jsonschema_uses_the_index_offline(tmp_path: Path) -> None:
    tool = _check_jsonschema()
    command = _recipe("sh").strip()
    assert command.startswith("check-jsonschema ")
    ok = _run(tool, "--no-cache", *command.split()[1:])
    assert ok.returncode == 0, ok.stdout + ok.stderr
    files = [str(p) for p in EXAMPLE_FILES]
    every = _run(tool, "--no-cache", "--schemafile", str(INDEX), *files)
    assert every.returncode == 0, every.stdout + every.stderr
    bad = _run(tool, "--no-cache", "--schemafile", str(INDEX), str(_broken(tmp_path)))
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "nmae" in bad.stdout and "natural_person" in bad.stdout


# --- ajv (Node) -------------------------------------------------------------------------------


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    for package in ("ajv", "ajv-formats"):
        if not (NODE_MODULES / package / "package.json").is_file():
            pytest.skip(
                f"{package} is not installed in {NODE_MODULES} (.ci/run installs it: "
                "npm install --prefix .venv/node ajv@8 ajv-formats@3)"
            )
    return node


def test_the_javascript_recipe_runs_as_documented(tmp_path: Path) -> None:
    node = _node()
    code = _recipe("js")
    # An ES module finds its imports in a node_modules beside or above it: put the recipe there,
    # and run it from the repository's root, where its relative paths point.
    script = NODE_MODULES.parent / "recipe.mjs"
    script.write_text(code, encoding="utf-8")
    ok = _run(node, str(script))
    assert ok.returncode == 0 and ok.stdout == "", ok.stdout + ok.stderr
    broken = _broken(tmp_path)
    script.write_text(
        code.replace("examples/zhuji-emergency-2020.json", broken.as_posix()), encoding="utf-8"
    )
    bad = _run(node, str(script))
    assert bad.returncode == 0, bad.stderr
    assert "/organ" in bad.stdout and "/requests/new_received/natural_person" in bad.stdout
    five = tmp_path / "five.json"
    five.write_text("5", encoding="utf-8")
    script.write_text(
        code.replace("examples/zhuji-emergency-2020.json", five.as_posix()), encoding="utf-8"
    )
    one = _run(node, str(script))
    assert one.stdout.strip().splitlines() == ["must be object"], one.stdout + one.stderr


# --- a checkout without symlinks ---------------------------------------------------------------


def test_the_repository_holds_no_symlink() -> None:
    """Git checks out a symlink as a small text file where symlinks are off (Windows by default)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = _run("git", "ls-files", "-s")
    if listed.returncode != 0:
        pytest.skip("git is not available")
    links = [
        line.split("\t", 1)[1] for line in listed.stdout.splitlines() if line.startswith("120000")
    ]
    assert links == []


def test_every_path_the_docs_give_is_a_real_file() -> None:
    paths = set(
        re.findall(
            r"\bschemas/(?:20\d\d/)?annual-report\.schema\.json", DOC.read_text(encoding="utf-8")
        )
    )
    assert paths
    for relative in paths:
        path = ROOT / relative
        assert path.is_file(), relative
        assert not any(p.is_symlink() for p in [path, *path.parents] if ROOT in [p, *p.parents])
