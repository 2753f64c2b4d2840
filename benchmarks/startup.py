"""Start-up benchmark: what a one-file ``disclosure-model validate`` costs, and where it goes.

    python benchmarks/startup.py                      # 21 rounds
    python benchmarks/startup.py --rounds 41
    python benchmarks/startup.py --baseline OLD/src   # the same, against another source tree

Each round runs, one after the other in fresh interpreters: ``python -c pass`` (the floor),
``import disclosure_model``, ``import disclosure_model.cli``, and the command line as its
console script runs it (``disclosure_model._console.main``) on the seed report and on the realistic
one. With ``--baseline``, every command runs a second time with that source tree first on
``sys.path``, in the same round, so a slow spell of the shared machine hits both alike. Prints
the median wall and CPU time of each, and the median of per-round ratios new / baseline.

Python's byte-code cache is used as an installed package uses it: the script compiles both
trees first (``compileall``), whatever ``PYTHONDONTWRITEBYTECODE`` says.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "examples" / "zhuji-emergency-2020.json"
REALISTIC = HERE / "data" / "realistic-2021.json"

# As the console script runs the command line: its entry point (disclosure_model._console; a
# tree without one, an older baseline, names disclosure_model.cli.main).
_CLI = (
    "import sys\ntry:\n    from disclosure_model._console import main\n"
    "except ImportError:\n    from disclosure_model.cli import main\nsys.exit(main())"
)

COMMANDS: dict[str, list[str]] = {
    "python -c pass (floor)": ["-c", "pass"],
    "import disclosure_model": ["-c", "import disclosure_model"],
    "import disclosure_model.cli": ["-c", "import disclosure_model.cli"],
    "validate seed (7 KB)": ["-c", _CLI, "validate", str(SEED)],
    "validate realistic (13 KB)": ["-c", _CLI, "validate", str(REALISTIC)],
}


def once(args: list[str], src: str | None) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh interpreter running ``args``."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if src is not None:
        env["PYTHONPATH"] = src
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args],
        check=False,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args} failed: {done.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=21, help="rounds (default 21)")
    parser.add_argument("--baseline", metavar="SRC", help="another source tree to compare with")
    args = parser.parse_args()
    trees = {"new": None}
    if args.baseline:
        trees["baseline"] = str(Path(args.baseline).resolve())
    for src in (str(ROOT / "src"), args.baseline):
        if src:
            compileall.compile_dir(src, quiet=1)
    print("# disclosure_model start-up benchmark")
    print(
        f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}; load average before: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    walls: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.rounds):
        for label, command in COMMANDS.items():
            for tree, src in trees.items():
                wall, cpu = once(command, src)
                walls.setdefault((label, tree), []).append(wall)
                cpus.setdefault((label, tree), []).append(cpu)
    print(f"\n{args.rounds} rounds; medians in ms\n")
    head = f"  {'command':<30}" + "".join(f" {t + ' wall':>14} {t + ' CPU':>14}" for t in trees)
    if args.baseline:
        head += f" {'new/baseline':>13}"
    print(head)
    for label in COMMANDS:
        row = f"  {label:<30}"
        for tree in trees:
            row += f" {statistics.median(walls[label, tree]) * 1e3:14.1f}"
            row += f" {statistics.median(cpus[label, tree]) * 1e3:14.1f}"
        if args.baseline:
            ratios = [
                a / b for a, b in zip(walls[label, "new"], walls[label, "baseline"], strict=True)
            ]
            row += f" {statistics.median(ratios):12.2f}×"
        print(row)
    print("\nload average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
