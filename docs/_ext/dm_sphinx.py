"""Sphinx helpers of the disclosure_model documentation (local to the docs, not shipped).

- Constructor parameters of the model's attrs classes are described from each field's
  :class:`~disclosure_model.FieldInfo` (English title, official Chinese label, id, value kind), so
  the reference says what the model's metadata says, and says it once.
- ``optional-automodule``: the API of a module that needs an optional extra or has not landed yet;
  when the module cannot be imported, the page says so in a visible note instead.
- ``rendered-report``: the gallery. Renders a bundled report with
  ``disclosure_model.render.render_html`` at build time and embeds the page; when the renderer is
  not importable, a visible note takes its place.
"""

from __future__ import annotations

import html
import importlib
import inspect
import re
import typing
from pathlib import Path
from typing import Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import disclosure_model as dm
from disclosure_model.meta import METADATA_KEY, FieldInfo

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]



def field_lines(cls: type) -> list[str]:
    """``:param:`` lines for the fields of an attrs class of the model, from their metadata."""
    lines: list[str] = []
    for a in attrs.fields(cls):
        info = a.metadata.get(METADATA_KEY)
        if not isinstance(info, FieldInfo):
            continue
        parts = [f"{info.title_en} — {info.printed_label}"]
        if info.unit:
            parts[0] += f"（{info.unit}）"
        facts = [f"{info.kind.spec.title}: {info.kind.spec.doc}"]
        if info.id and info.id != a.name:
            facts.append(f"id ``{info.id}``")
        if info.citation:
            facts.append(info.citation)
        if a.default is None:
            facts.append("optional")
        lines.append(f":param {a.name}: {parts[0]}; {', '.join(facts)}.")
    return lines


def add_field_descriptions(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what != "class" or not attrs.has(obj):
        return
    present = "\n".join(lines)
    extra = [line for line in field_lines(obj) if line.split(":")[1] + ":" not in present]
    if extra:
        lines.extend(["", *extra])


class OptionalAutomodule(SphinxDirective):
    """``automodule`` for a module that may not be importable in this build."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "extra": directives.unchanged,
        "needs": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        module = self.arguments[0]
        needs = self.options.get("needs")
        try:
            imported = importlib.import_module(module)
            if needs and not hasattr(imported, needs):
                raise ImportError(f"{module} has no {needs}")
        except ImportError as error:
            extra = self.options.get("extra")
            how = f" (install the ``{extra}`` extra)" if extra else ""
            note = nodes.note()
            self.state.nested_parse(
                StringList(
                    [
                        f"The API of ``{module}`` is not part of this build: it could not be "
                        f"imported{how}.",
                        "",
                        f"``{error}``",
                    ]
                ),
                self.content_offset,
                note,
            )
            logger.info("disclosure_model docs: %s not importable, its reference is a note", module)
            return [note]
        # The pages are MyST Markdown: nested content is parsed as Markdown, and autodoc's
        # directives run inside eval-rst.
        content = StringList(
            ["```{eval-rst}", f".. automodule:: {module}", "   :members:", "```", ""]
        )
        container = nodes.container()
        self.state.nested_parse(content, self.content_offset, container)
        return container.children


PUBLIC_MODULES = (
    "disclosure_model",
    "disclosure_model.testing",
    "disclosure_model.schema",
    "disclosure_model.rules",
    "disclosure_model.sums",
    "disclosure_model.meta",
    "disclosure_model.findings",
    "disclosure_model.codec",
    "disclosure_model.enums",
    "disclosure_model.validation",
    "disclosure_model.form",
    "disclosure_model.render",
    "disclosure_model.fileio",
    "disclosure_model.corpus",
    "disclosure_model.output",
    "disclosure_model.export",
    "disclosure_model.indicators",
)
"""The modules whose ``__all__`` the API reference documents, name by name."""
NOT_DOCUMENTED = frozenset({"disclosure_model.schema.main", "disclosure_model.__version__"})
_AUTO = re.compile(r"^\s*\.\. (auto\w+|py:module)::\s*(\S+)", re.M)


def documented_names(reference: Path) -> tuple[set[str], set[str]]:
    """``(names, modules)`` the reference pages document with autodoc directives."""
    names: set[str] = set()
    modules: set[str] = set()
    for page in reference.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for kind, name in _AUTO.findall(text):
            (modules if kind == "automodule" else names).add(name)
        modules.update(re.findall(r"^```\{optional-automodule\}\s*(\S+)", text, re.M))
    return names, modules


def remaining_names(reference: Path) -> list[tuple[str, str]]:
    """``(autodoc directive, name)`` for each public name no reference page documents."""
    names, modules = documented_names(reference)
    found: list[tuple[str, str]] = []
    seen: set[int] = set()  # an object re-exported by the package is documented once
    for module_name in PUBLIC_MODULES:
        if module_name in modules:
            continue
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            qualified = f"{module_name}.{name}"
            if {qualified, f"disclosure_model.{name}"} & names or qualified in NOT_DOCUMENTED:
                continue
            obj = getattr(module, name)
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, type) and issubclass(obj, BaseException):
                kind = "autoexception"
            elif isinstance(obj, type) and not isinstance(obj, typing.GenericAlias):
                kind = "autoclass"
            elif inspect.isfunction(obj) or inspect.isbuiltin(obj):
                kind = "autofunction"
            else:
                kind = "autodata"
            found.append((kind, qualified))
    return found


class RemainingNames(SphinxDirective):
    """Document every public name that no reference page documents by name.

    New names (from work merged after the pages were written) are then in the reference at once;
    move them to the page where they belong.
    """

    def run(self) -> list[nodes.Node]:
        remaining = remaining_names(Path(self.env.srcdir) / "reference")
        if not remaining:
            paragraph = nodes.paragraph(text="Every public name is on one of the pages above.")
            return [paragraph]
        lines = [line for kind, name in remaining for line in (f".. {kind}:: {name}", "")]
        container = nodes.container()
        content = StringList(["```{eval-rst}", *lines, "```", ""])
        self.state.nested_parse(content, self.content_offset, container)
        return container.children


class RenderedReport(SphinxDirective):
    """Render a bundled report with its findings and embed the page (the gallery)."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"height": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        source = ROOT / self.arguments[0]
        self.env.note_dependency(str(source))
        try:
            from disclosure_model.render import render_html  # type: ignore[import-not-found]
        except ImportError as error:
            note = nodes.note()
            self.state.nested_parse(
                StringList(
                    [
                        f"**Not rendered in this build.** This is where the rendered form of "
                        f"``{self.arguments[0]}`` goes: the gallery calls "
                        "``disclosure_model.render.render_html`` at build time, and it could not "
                        f"be imported (``{error}``). Build with the ``render`` extra to see it.",
                    ]
                ),
                self.content_offset,
                note,
            )
            logger.info("disclosure_model docs: no renderer, gallery entry %s skipped", source.name)
            return [note]
        result = dm.validate_file(source)
        if result.report is None:
            raise self.error(f"{source} cannot be read: {result.findings}")
        page = render_html(result.report, result.findings)
        target = Path(self.env.app.outdir) / "_gallery" / (source.stem + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        depth = len(docdir.relative_to(Path(self.env.srcdir)).parts)
        href = "../" * depth + "_gallery/" + target.name
        height = self.options.get("height", 900)
        counts = (
            f"{sum(f.severity.value == 'error' for f in result.findings)} error(s), "
            f"{sum(f.severity.value != 'error' for f in result.findings)} other finding(s)"
        )
        raw = (
            f'<p><a href="{html.escape(href)}">Open the rendered page on its own</a> '
            f"({html.escape(counts)}).</p>\n"
            f'<iframe class="dm-gallery" src="{html.escape(href)}"'
            f' title="{html.escape(source.name)}"'
            f' style="width:100%;height:{height}px;border:1px solid #ccc"></iframe>'
        )
        return [nodes.raw("", raw, format="html")]


OTHER_PAGES = "(every other top-level page)"


def list_other_pages(app: Sphinx, docname: str, source: list[str]) -> None:
    """Put every top-level page that no toctree of the index names into its Topics toctree.

    Pages added to ``docs/`` by other work (a page per feature) are then part of the site
    without an edit here, and a page is never left out of the navigation (which ``-W`` fails).
    """
    if docname != app.config.root_doc or OTHER_PAGES not in source[0]:
        return
    srcdir = Path(app.srcdir)
    named = set()
    for block in source[0].split("```{toctree}")[1:]:
        for line in block.split("```")[0].splitlines():
            entry = line.strip()
            if entry and not entry.startswith(":"):
                named.add(entry.removesuffix(".md"))
    others = sorted(
        p.stem for p in srcdir.glob("*.md") if p.stem not in named and p.stem != docname
    )
    source[0] = source[0].replace(OTHER_PAGES, "\n".join(others))


def import_type_checking_names(app: Sphinx) -> None:
    """Run each library module's ``if TYPE_CHECKING:`` imports, so its annotations resolve.

    Names imported only for the type checker (to avoid an import cycle or an optional extra)
    appear in annotations; the reference needs them to link the types. An import that fails
    (an extra that is not installed) is left out, and its type stays plain text.
    """
    import ast
    import pkgutil
    import sys
    import typing

    package = Path(dm.__file__).parent
    for info in pkgutil.walk_packages([str(package)], "disclosure_model."):
        module = sys.modules.get(info.name)
        if module is None or not getattr(module, "__file__", None):
            continue
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in tree.body:
            if not (isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"):
                continue
            for statement in node.body:
                if isinstance(statement, (ast.Import, ast.ImportFrom)):
                    code = compile(ast.Module([statement], []), module.__file__, "exec")
                    try:
                        exec(code, vars(module))
                    except ImportError:
                        skipped = ast.unparse(statement)
                        logger.info("disclosure_model docs: %s: %s", info.name, skipped)
        # attrs writes each class's __init__ with globals of its own: resolve its annotations
        # in the module, where the names now are.
        for value in list(vars(module).values()):
            if isinstance(value, type) and attrs.has(value) and value.__module__ == info.name:
                try:
                    hints = typing.get_type_hints(value.__init__, globalns=vars(module))
                except (NameError, TypeError):
                    continue
                value.__init__.__annotations__ = hints


def resolve_composite_annotations(app: Sphinx) -> None:
    """Give hypothesis' ``@composite`` strategies annotations the type-hint reader can resolve.

    The wrapper hypothesis builds keeps the original's annotations as strings but evaluates them
    in its own namespace, where the library's names are unknown.
    """
    import typing

    try:
        from disclosure_model import testing
    except ImportError:  # hypothesis missing: the reference page says so
        return
    from hypothesis import strategies as st

    for name in testing.__all__:
        function = getattr(testing, name)
        original = getattr(function, "__wrapped__", None)
        if original is None:
            continue
        hints = typing.get_type_hints(original, globalns=vars(testing))
        hints.pop("draw", None)
        hints["return"] = st.SearchStrategy[hints["return"]]  # type: ignore[valid-type]
        function.__annotations__ = original.__annotations__ = hints


def report_inventories(app: Sphinx) -> None:
    missing = app.config.MISSING_INVENTORIES
    if missing:
        logger.info(
            "disclosure_model docs: no local inventory for %s; references into them stay plain "
            "text (see docs/conf.py)",
            ", ".join(missing),
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("MISSING_INVENTORIES", [], "env")
    app.connect("autodoc-process-docstring", add_field_descriptions)
    app.connect("source-read", list_other_pages)
    app.connect("builder-inited", report_inventories)
    app.connect("builder-inited", resolve_composite_annotations)
    app.connect("builder-inited", import_type_checking_names)
    app.add_directive("optional-automodule", OptionalAutomodule)
    app.add_directive("rendered-report", RenderedReport)
    app.add_directive("remaining-public-names", RemainingNames)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
