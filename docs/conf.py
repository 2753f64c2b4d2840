"""Sphinx configuration of the disclosure_model documentation site.

Build it with ``pip install -e '.[docs]'`` and ``sphinx-build -W -b html docs docs/_build/html``.

Intersphinx never downloads anything at build time. Each linked project's inventory
(``objects.inv``) is read from a local file: by default from the HTML documentation that Debian
ships for it (``apt-get install python3-doc python-attr-doc …``, which ``.ci/run`` does), or from
a directory named by ``DISCLOSURE_MODEL_INVENTORIES`` holding ``<project>.inv`` files. A project
whose inventory is not found is not linked (the build says so), and references into it are then
left as plain text instead of failing the build. ``DISCLOSURE_MODEL_INTERSPHINX=online`` fetches
the inventories from the projects' sites instead (for a host with network, such as a docs
service); ``=off`` turns intersphinx off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import disclosure_model  # noqa: E402

project = "disclosure_model"
author = "The disclosure_model developers"
copyright = "2026, The disclosure_model developers"
release = disclosure_model.__version__
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx_autodoc_typehints",
    "dm_sphinx",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]

# -- MyST -------------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# -- autodoc ----------------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": False}
autoclass_content = "class"
typehints_use_signature = False
typehints_use_signature_return = False
typehints_defaults = "comma"
always_use_bars_union = True
typehints_document_rtype = True

# -- warnings: every reference to the library's own names must resolve -----------------------
nitpicky = True
nitpick_ignore_regex: list[tuple[str, str]] = [
    # Type variables and names that only exist for the type checker.
    (r"py:.*", r"(.*\.)?_[A-Za-z].*"),
]

# -- intersphinx, offline ---------------------------------------------------------------------
INVENTORIES: dict[str, tuple[str, list[str]]] = {
    # project: (the site links point to, local inventory files to try in order)
    "python": (
        "https://docs.python.org/3",
        [
            f"/usr/share/doc/python{sys.version_info.major}.{sys.version_info.minor}/html/objects.inv",
            "/usr/share/doc/python3/html/objects.inv",
            *(
                f"/usr/share/doc/python3.{minor}/html/objects.inv"
                for minor in range(sys.version_info.minor + 3, 9, -1)
            ),
        ],
    ),
    "attrs": (
        "https://www.attrs.org/en/stable",
        ["/usr/share/doc/python-attr-doc/html/objects.inv"],
    ),
    "cattrs": (
        "https://catt.rs/en/stable",
        ["/usr/share/doc/python-cattrs-doc/html/objects.inv"],
    ),
    "hypothesis": (
        "https://hypothesis.readthedocs.io/en/latest",
        ["/usr/share/doc/python-hypothesis-doc/html/objects.inv"],
    ),
    "jsonschema": (
        "https://python-jsonschema.readthedocs.io/en/stable",
        ["/usr/share/doc/python-jsonschema-doc/html/objects.inv"],
    ),
}
# The top-level modules of each project, so that references into a project without an
# inventory can be let through (they stay plain text) instead of failing the build.
MODULES = {
    "attrs": ["attrs", "attr"],
    "cattrs": ["cattrs", "cattr"],
    "hypothesis": ["hypothesis"],
    "jsonschema": ["jsonschema", "referencing"],
}

intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
intersphinx_timeout = 5
MISSING_INVENTORIES: list[str] = []

_mode = os.environ.get("DISCLOSURE_MODEL_INTERSPHINX", "local")
_inventory_dir = os.environ.get("DISCLOSURE_MODEL_INVENTORIES")
for _name, (_url, _candidates) in INVENTORIES.items():
    if _mode == "off":
        MISSING_INVENTORIES.append(_name)
        continue
    if _mode == "online":
        intersphinx_mapping[_name] = (_url, None)
        continue
    if _inventory_dir:
        _candidates = [str(Path(_inventory_dir) / f"{_name}.inv"), *_candidates]
    _found = next((c for c in _candidates if Path(c).is_file()), None)
    if _found is None:
        MISSING_INVENTORIES.append(_name)
    else:
        intersphinx_mapping[_name] = (_url, _found)

if "python" in MISSING_INVENTORIES:
    # Without the standard library's inventory only the library's own names are held to resolve.
    nitpick_ignore_regex.append((r"py:.*", r"(?!disclosure_model\b).*"))
else:
    for _name in MISSING_INVENTORIES:
        for _module in MODULES[_name]:
            nitpick_ignore_regex.append((r"py:.*", rf"{_module}(\..*)?"))

# -- HTML -------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"disclosure_model {release}"
html_static_path: list[str] = []
html_theme_options = {
    "source_repository": "https://github.com/disclosure-model/disclosure-model",
    "source_branch": "main",
    "source_directory": "docs/",
}
