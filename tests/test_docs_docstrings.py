"""Every parameter of every public function and method is described in its docstring."""

from __future__ import annotations

import enum
import importlib
import inspect

import attrs

MODULES = [
    "disclosure_model",
    "disclosure_model.testing",
    "disclosure_model.schema",
    "disclosure_model.rules",
    "disclosure_model.meta",
    "disclosure_model.sums",
    "disclosure_model.findings",
    "disclosure_model.enums",
    "disclosure_model.codec",
    "disclosure_model.validation",
]
# Not described parameter by parameter, and why.
EXEMPT = {
    "disclosure_model.schema.main": "the command line of `python -m disclosure_model.schema`",
    "disclosure_model.findings.Language": "a type alias",
}


def _undescribed(qualified: str, function: object, method: bool) -> list[str]:
    try:
        signature = inspect.signature(function)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
    doc = inspect.getdoc(function) or ""
    return [
        f"{qualified}({p.name})"
        for i, p in enumerate(signature.parameters.values())
        if not (method and i == 0 and p.name in {"self", "cls"}) and f":param {p.name}:" not in doc
    ]


def test_every_public_parameter_is_described() -> None:
    missing: list[str] = []
    seen: set[int] = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            qualified = f"{module_name}.{name}"
            obj = getattr(module, name)
            if qualified in EXEMPT or id(obj) in seen:
                continue
            seen.add(id(obj))
            if inspect.isclass(obj):
                # attrs classes: the docs describe each field from its FieldInfo (docs/_ext).
                if not (attrs.has(obj) or issubclass(obj, enum.Enum)) and "__init__" in vars(obj):
                    missing += _undescribed(qualified, obj, method=False)
                for member, value in vars(obj).items():
                    function = (
                        value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
                    )
                    if not member.startswith("_") and inspect.isfunction(function):
                        missing += _undescribed(f"{qualified}.{member}", function, method=True)
            elif inspect.isfunction(obj):  # not a type alias, which is callable too
                missing += _undescribed(qualified, obj, method=False)
    assert not missing, "parameters without a `:param:` line: " + ", ".join(missing)
