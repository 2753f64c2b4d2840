"""Every code block in the README and the documentation runs as shown.

A reader copies a block and runs it at the top of a checkout; so does this test. Each page's
blocks run in order in one sandbox (a copy of ``examples/``, ``schemas/`` and ``tests/fixtures/``
in a temporary directory, which is the working directory), so a page reads like one session:

- ``python`` blocks run in one namespace per page, the way a reader pastes them one after another;
- ``sh`` blocks run with ``bash -e`` and must exit 0; the ``disclosure-model`` and ``python`` on
  their ``PATH`` are this interpreter's;
- ``console`` blocks are transcripts: each ``$ command`` runs, and the lines after it must match
  what it prints (``…`` stands for any text within a line, a line of only ``…`` for any lines).

Blocks in a data or output language (``text``, ``json``, …) are not run. Any other block cannot
run here and must say so, with the line ``<!-- docs-test: skip REASON -->`` right above its fence;
an unmarked block in another language fails, so nothing is skipped silently. A block that needs an
optional module or a newer API says ``<!-- docs-test: requires MODULE -->`` or
``<!-- docs-test: requires MODULE:NAME.ATTR -->``: it runs where that imports and is reported as
skipped (with the reason) where it does not. A ``text`` block marked ``<!-- docs-test: output -->``
shows what the python block before it prints, and must match it (``…`` as in transcripts).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from .conftest import ROOT

RUN = {"python", "sh", "console"}
NOT_CODE = {"text", "json", "toml", "ini", "html", "xml", "csv", "markdown", ""}
SKIP = re.compile(r"<!--\s*docs-test:\s*skip\s+(?P<reason>\S.*?)\s*-->\s*$")
FENCE = re.compile(
    r"^(?P<fence>```+)(?P<info>[^`\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M
)
REQUIRES = re.compile(r"<!--\s*docs-test:\s*requires\s+(?P<module>[\w.]+(:[\w.]+)?)\s*-->\s*$")
OUTPUT = re.compile(r"<!--\s*docs-test:\s*output\s*-->\s*$")
ELLIPSIS = "…"


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    body: str
    skip: str | None  # the reason given by the marker above the fence
    requires: str | None = None  # a module the block needs
    output: bool = False  # a text block showing what the python block above it prints

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def pages() -> list[Path]:
    """The README and every Markdown page of the documentation."""
    docs = [
        p
        for p in sorted((ROOT / "docs").rglob("*.md"))
        if not any(part.startswith(("_", ".")) for part in p.relative_to(ROOT / "docs").parts)
    ]
    return [ROOT / "README.md", *docs]


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, in order, with their skip markers."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = SKIP.search(before)
        needs = REQUIRES.search(before)
        info = match["info"].strip()
        # MyST directives (```{toctree}, ```{eval-rst} …) are not code.
        if info.startswith("{"):
            continue
        language = info.split()[0] if info else ""
        found.append(
            Block(
                path,
                line,
                language,
                match["body"],
                marker and marker["reason"],
                needs and needs["module"],
                OUTPUT.search(before) is not None and language == "text",
            )
        )
    return found


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory laid out like the top of a checkout, as the working directory.

    It holds copies of the bundled examples, the schemas and the test fixtures (real reports as
    published), so a page may write files without touching the checkout.
    """
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree((ROOT / "schemas").resolve(), tmp_path / "schemas")
    shutil.copytree(ROOT / "tests" / "fixtures", tmp_path / "tests" / "fixtures")
    monkeypatch.chdir(tmp_path)
    bindir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", bindir + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")
    return tmp_path


def available(requirement: str) -> bool:
    """Whether ``module`` or ``module:name.attr`` can be imported here."""
    module, _, names = requirement.partition(":")
    try:
        found: object = importlib.import_module(module)
    except ImportError:
        return False
    for name in filter(None, names.split(".")):
        if not hasattr(found, name):
            return False
        found = getattr(found, name)
    return True


def run_python(block: Block, namespace: dict[str, object]) -> str:
    """Run a python block in ``namespace``; what it printed."""
    code = compile("\n" * (block.line) + block.body, str(block.path), "exec")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, namespace)
    return printed.getvalue()


def run_shell(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
        check=False,
    )


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines match ``expected`` ones, ``…`` standing for any text."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == ELLIPSIS:
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.rstrip().split(ELLIPSIS))
    return re.fullmatch(pattern, actual[0].rstrip()) is not None and matches(rest, actual[1:])


def transcript(body: str) -> Iterator[tuple[str, list[str]]]:
    """The ``(command, expected output lines)`` of a console block."""
    command: str | None = None
    output: list[str] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, output
            command, output = line[2:], []
        elif command is not None:
            output.append(line)
    if command is not None:
        yield command, output


def run_block(block: Block, namespace: dict[str, object], cwd: Path) -> str:
    """Run one block; what a python block printed (``""`` for the others)."""
    if block.language == "python":
        return run_python(block, namespace)
    if block.language == "sh":
        done = run_shell(block.body, cwd)
        assert done.returncode == 0, (
            f"{block.where}: the sh block exits {done.returncode}\n{done.stdout}{done.stderr}"
        )
    else:
        commands = list(transcript(block.body))
        assert commands, f"{block.where}: a console block without a `$ ` command"
        for command, expected in commands:
            done = run_shell(command, cwd)
            actual = (done.stdout + done.stderr).splitlines()
            assert matches(expected, actual), (
                f"{block.where}: `{command}` printed\n"
                + "\n".join(actual)
                + "\n\nwhere the page shows\n"
                + "\n".join(expected)
            )
    return ""


@pytest.mark.parametrize("path", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_block_runs(path: Path, sandbox: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran, missing = 0, []
    printed: str | None = None  # by the last python block that ran
    for block in blocks(path):
        if block.output:
            assert printed is not None, f"{block.where}: an output block after no python block"
            assert matches(block.body.splitlines(), printed.splitlines()), (
                f"{block.where}: the python block above printed\n{printed}\n"
                f"where the page shows\n{block.body}"
            )
            printed = None
            continue
        if block.skip or block.language not in RUN:
            continue
        if block.requires and not available(block.requires):
            missing.append(f"{block.where} (needs {block.requires})")
            continue
        ran += 1
        try:
            shown = run_block(block, namespace, sandbox)
            printed = shown if block.language == "python" else None
        except AssertionError:
            raise
        except BaseException as error:
            raise AssertionError(
                f"{block.where}: the {block.language} block fails: {error!r}"
            ) from error
    if missing:
        pytest.skip(
            f"{ran} blocks ran; not run here, what they need is missing: {', '.join(missing)}"
        )


def test_every_block_runs_or_says_why_not() -> None:
    unmarked = [
        block.where + f" ({block.language})"
        for path in pages()
        for block in blocks(path)
        if block.language not in RUN | NOT_CODE and not block.skip
    ]
    assert not unmarked, (
        "these blocks can neither run nor are marked `<!-- docs-test: skip REASON -->`: "
        + ", ".join(unmarked)
    )


def test_the_test_runs_blocks() -> None:
    """The harness finds the pages' blocks and would run most of them."""
    runnable = [b for p in pages() for b in blocks(p) if b.language in RUN and not b.skip]
    skipped = [b for p in pages() for b in blocks(p) if b.skip]
    assert len(runnable) >= 15
    assert len(skipped) < len(runnable) / 2


def test_console_transcripts_match_with_ellipsis() -> None:
    assert matches(["a …", "…", "z"], ["a b c", "x", "y", "z"])
    assert matches(["…"], [])
    assert not matches(["a"], ["b"])
    assert not matches(["a"], ["a", "b"])
    assert list(transcript("$ x\n1\n$ y\n")) == [("x", ["1"]), ("y", [])]


def test_a_broken_block_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nimport disclosure_model as dm\ndm.load('nope.json')\n```\n"
        "<!-- docs-test: skip needs a browser -->\n```js\nx\n```\n```js\ny\n```\n",
        encoding="utf-8",
    )
    found = blocks(page)
    assert [(b.language, b.skip) for b in found] == [
        ("python", None),
        ("js", "needs a browser"),
        ("js", None),
    ]
    with pytest.raises(FileNotFoundError):
        run_python(found[0], {})
    assert available("disclosure_model:AnnualReport") and available("disclosure_model.meta")
    assert not available("disclosure_model:AnnualReport.no_such_method")
    assert not available("disclosure_model.no_such_module")


def _leaves(value: object, pointer: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{pointer}/{key}"))
        return out
    return {pointer: value}


@pytest.mark.parametrize(
    ("name", "changed"),
    [
        (
            "zhuji-emergency-2020-broken.json",
            {
                "/requests/new_received/natural_person": 3,
                "/requests/new_received/total": 3,
                "/requests/outcomes/disclosed/natural_person": 2,
                "/requests/outcomes/disclosed/total": 2,
                "/requests/outcomes/total/natural_person": 2,
                "/requests/outcomes/total/total": 2,
                "/reviews_and_litigation/administrative_review/upheld": 1,
            },
        ),
        (
            "zhuji-emergency-2020-unreadable.json",
            {"/organ/kind": "dept", "/requests/new_received/natural_person": "1"},
        ),
    ],
)
def test_broken_examples_are_the_seed_with_the_documented_changes(
    name: str, changed: dict[str, object]
) -> None:
    """examples/README.md says which cells of the seed each broken example changes; only those."""
    import json

    seed = _leaves(json.loads((ROOT / "examples" / "zhuji-emergency-2020.json").read_text("utf-8")))
    broken = _leaves(json.loads((ROOT / "examples" / "broken" / name).read_text("utf-8")))
    assert broken.keys() == seed.keys()
    assert {k: v for k, v in broken.items() if seed[k] != v} == changed


def test_the_broken_example_fails_the_rules_it_is_documented_to_fail() -> None:
    import disclosure_model as dm

    result = dm.check(dm.load(ROOT / "examples" / "broken" / "zhuji-emergency-2020-broken.json"))
    assert sorted({f.code for f in result.findings}) == ["N-1", "T3-1", "T4-1"]
    with pytest.raises(dm.DocumentError) as error:
        dm.load(ROOT / "examples" / "broken" / "zhuji-emergency-2020-unreadable.json")
    assert [(f.pointer, f.code) for f in error.value.findings] == [
        ("/organ/kind", "model.enum"),
        ("/requests/new_received/natural_person", "model.type"),
    ]


def test_the_javascript_example_validates_with_ajv(tmp_path: Path) -> None:
    """The JavaScript recipe (docs/schema.md, included in the JavaScript guide), run by Node.js."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Node.js and npm are not installed")
    page = ROOT / "docs" / "schema.md"
    (script,) = [b for b in blocks(page) if b.language == "js" and "ajv" in b.body]
    installed = subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", "ajv@8", "ajv-formats@3"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if installed.returncode != 0:
        pytest.skip(f"npm could not install ajv: {installed.stderr.strip()[-300:]}")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree((ROOT / "schemas").resolve(), tmp_path / "schemas")
    seed = "examples/zhuji-emergency-2020.json"
    assert seed in script.body
    (tmp_path / "valid.mjs").write_text(script.body, encoding="utf-8")
    broken = script.body.replace(seed, "examples/broken/zhuji-emergency-2020-unreadable.json")
    (tmp_path / "broken.mjs").write_text(broken, encoding="utf-8")

    def run(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [node, name], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
        )

    valid = run("valid.mjs")
    assert (valid.returncode, valid.stdout, valid.stderr) == (0, "", "")
    invalid = run("broken.mjs")
    assert invalid.returncode == 0, invalid.stderr
    pointers = {line.split(" ", 1)[0] for line in invalid.stdout.splitlines()}
    assert {"/organ/kind", "/requests/new_received/natural_person"} <= pointers
