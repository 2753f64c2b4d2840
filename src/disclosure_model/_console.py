"""The ``disclosure-model`` console script and ``python -m disclosure_model``.

A process that runs the command line and ends spends a good part of its time in the cyclic
garbage collector: passes over the many objects that importing the package creates (classes,
their generated methods, the model's metadata), which live until the process ends, and one more
over everything at exit. :func:`main` keeps those objects out of its reach (:func:`gc.freeze`):
the collector is paused while the command line is imported, what the import made is frozen, and
at the end everything is frozen before the interpreter exits. The command's work is collected as
usual, so a long corpus run stays flat in memory. Output, exit codes and exit handlers are those
of :func:`disclosure_model.cli.main`, which a program that goes on calls instead. Figures:
``benchmarks/README.md``.
"""

from __future__ import annotations

import gc

__all__ = ["main"]


def main() -> int:
    """Run the command line on ``sys.argv``; returns the exit code."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli import main as run
    finally:
        gc.freeze()  # what importing made lives until the end: no pass need look at it again
        if enabled:
            gc.enable()
    code = run()
    gc.freeze()  # nor at exit
    return code
