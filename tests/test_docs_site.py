"""The documentation site builds with warnings as errors and documents every public name.

The site is built once for this module (``sphinx-build -W -E -b html docs OUT``), the same
command ``.ci/run`` documents; it needs the ``docs`` extra, which the ``test`` extra includes.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from .conftest import ROOT

pytest.importorskip("sphinx", reason="the docs extra is not installed")
pytest.importorskip("furo", reason="the docs extra is not installed")
pytest.importorskip("myst_parser", reason="the docs extra is not installed")
pytest.importorskip("sphinx_autodoc_typehints", reason="the docs extra is not installed")

from sphinx.util.inventory import InventoryFile

sys.path.insert(0, str(ROOT / "docs" / "_ext"))
try:
    import dm_sphinx
finally:
    sys.path.pop(0)

# Every module whose names the reference documents (the top-level package re-exports most), and
# names in an __all__ that are not part of the documented API: one list, the docs' own.
PUBLIC_MODULES = dm_sphinx.PUBLIC_MODULES
NOT_DOCUMENTED = dm_sphinx.NOT_DOCUMENTED


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-W", "--keep-going", "-E", "-q", "-b", "html"),
            *("-d", str(out / ".doctrees"), str(ROOT / "docs"), str(out)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    warnings = [line for line in done.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert done.returncode == 0, "the docs build fails:\n" + "\n".join(warnings or [done.stderr])
    return out


def _inventory(site: Path) -> set[str]:
    with (site / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    names: set[str] = set()
    for kind, entries in inventory.items():
        if kind.startswith("py:"):
            names.update(entries)
    return names


def _public_names() -> dict[str, object]:
    """``qualified name → object`` for every name in the public modules' ``__all__``."""
    found: dict[str, object] = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            qualified = f"{module_name}.{name}"
            if qualified not in NOT_DOCUMENTED:
                found[qualified] = getattr(module, name)
    return found


def _public_members(cls: type) -> list[str]:
    """Methods and properties a class defines itself (not those of enum, object, attrs)."""
    members = []
    for name, value in vars(cls).items():
        if name.startswith("_") or (issubclass(cls, enum.Enum) and name in cls.__members__):
            continue
        function = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        if inspect.isfunction(function) or isinstance(value, property):
            members.append(name)
    return members


def test_the_site_builds_with_warnings_as_errors(site: Path) -> None:
    for page in ("index", "getting-started", "gallery", "guides/index", "reference/index"):
        assert (site / f"{page}.html").is_file(), page
    assert (site / "model-reference.html").is_file()
    assert (site / "rules.html").is_file()


def test_every_public_name_and_member_is_in_the_reference(site: Path) -> None:
    documented = _inventory(site)
    public = _public_names()
    # A value re-exported under several names (a constant, a class) is documented under one.
    documented_ids = {id(obj) for name, obj in public.items() if name in documented}
    missing = []
    for qualified, obj in public.items():
        short = "disclosure_model." + qualified.rsplit(".", 1)[1]
        canonical = f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"
        names = {n for n in (qualified, short, canonical) if n in documented}
        if not names and id(obj) not in documented_ids:
            missing.append(qualified)
            continue
        if inspect.isclass(obj):
            for member in _public_members(obj):
                if not any(f"{n}.{member}" in documented for n in names | {qualified, short}):
                    missing.append(f"{qualified}.{member}")
    assert not missing, "not in the API reference: " + ", ".join(sorted(missing))


def test_the_generated_reference_pages_are_the_committed_ones(site: Path) -> None:
    """The site shows docs/model-reference.md, docs/rules.md and docs/indicators.md, generated
    by docgen."""
    from disclosure_model.docgen import PAGES

    html = (site / "rules.html").read_text(encoding="utf-8")
    for code in ("T3-1", "G-2", "A-1", "X-1"):
        assert code in html
    assert sorted(PAGES) == ["indicators.md", "model-reference.md", "rules.md"]
    assert "disclosure_rate" in (site / "indicators.html").read_text(encoding="utf-8")


def test_constructor_parameters_are_described_from_the_metadata(site: Path) -> None:
    html = (site / "reference" / "report.html").read_text(encoding="utf-8")
    assert "Organ name — 机关名称" in html
    assert "Natural person — 自然人" in html


def test_names_no_page_documents_are_on_the_other_names_page(site: Path) -> None:
    names, modules = dm_sphinx.documented_names(ROOT / "docs" / "reference")
    assert "disclosure_model.AnnualReport" in names
    assert "disclosure_model.testing" in modules
    assert "disclosure_model.render" in modules  # through optional-automodule
    html = (site / "reference" / "other.html").read_text(encoding="utf-8")
    remaining = dm_sphinx.remaining_names(ROOT / "docs" / "reference")
    if not remaining:
        assert "Every public name is on one of the pages above." in html
    for _, name in remaining:
        assert f'id="{name}"' in html


def test_a_name_no_page_documents_is_found(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(ROOT / "docs" / "reference", reference)
    page = reference / "codec.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(".. autofunction:: disclosure_model.load\n", ""),
        encoding="utf-8",
    )
    before = dm_sphinx.remaining_names(ROOT / "docs" / "reference")
    after = dm_sphinx.remaining_names(reference)
    assert [name for name in after if name not in before] == [
        ("autofunction", "disclosure_model.load")
    ]


def test_the_gallery_renders_or_says_why_not(site: Path) -> None:
    html = (site / "gallery.html").read_text(encoding="utf-8")
    try:
        importlib.import_module("disclosure_model.render")
    except ImportError:
        assert html.count("Not rendered in this build") == 2
        assert not (site / "_gallery").exists()
    else:
        assert html.count('<iframe class="dm-gallery"') == 2
        for name in ("zhuji-emergency-2020.html", "zhuji-emergency-2020-broken.html"):
            page = (site / "_gallery" / name).read_text(encoding="utf-8")
            assert "诸暨市应急管理局" in page
        broken = (site / "_gallery" / "zhuji-emergency-2020-broken.html").read_text("utf-8")
        assert "/requests/carried_forward/natural_person" in broken


def test_attrs_classes_in_the_reference_are_attrs_classes() -> None:
    """The field descriptions the docs add apply to the model's attrs classes only."""
    import disclosure_model as dm

    lines = dm_sphinx.field_lines(dm.Organ)
    assert [line.split(":")[1] for line in lines] == [
        f"param {a.name}" for a in attrs.fields(dm.Organ)
    ]


def test_pages_no_toctree_names_are_listed_under_topics(tmp_path: Path) -> None:
    """A page another feature adds to docs/ is part of the navigation without an index edit."""
    for name in ("index", "model", "rendering", "importing"):
        (tmp_path / f"{name}.md").write_text("# x\n", encoding="utf-8")

    class App:
        srcdir = tmp_path

        class config:
            root_doc = "index"

    index = "```{toctree}\n:caption: Topics\n\nmodel\n(every other top-level page)\n```\n"
    source = [index]
    dm_sphinx.list_other_pages(App(), "index", source)  # type: ignore[arg-type]
    assert source[0] == "```{toctree}\n:caption: Topics\n\nmodel\nimporting\nrendering\n```\n"
