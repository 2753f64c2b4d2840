"""Corpus benchmarks: ``validate`` and ``export`` over many files, serial and in parallel.

    python benchmarks/corpus.py                  # 1,000 and 10,000 files (a few minutes, 2 cores)
    python benchmarks/corpus.py --files 2000     # a smaller corpus
    python benchmarks/corpus.py --threshold-only # only the measurement behind --jobs' default

Prints, for each run, the median wall time of three, reports per second, the CPU time of all
its processes (on a shared machine, where other work takes the cores, the CPU time says what
parallel runs cost even when their wall time cannot show it) and the peak resident memory of
the largest process of the run (the kernel's high-water mark of each process, from
``getrusage``, not sampled); then the ratios that matter: all cores against one job, and the peak
memory at 10,000 files against 1,000. The last part measures, on small corpora, from how many
files worker processes pay off: the default of ``validate --jobs``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORT = HERE / "data" / "realistic-2021.json"

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, done.returncode, usage.ru_utime + usage.ru_stime)
"""


# The baseline, measured in the same run: the library's own loop over the same files in one
# process (read, validate_document), with no command line, no output and no summary.
_BASELINE = """
import os, sys
import disclosure_model as dm
for entry in sorted(os.scandir(sys.argv[1]), key=lambda e: e.name):
    with open(entry.path, "rb") as file:
        dm.validate_document(file.read(), source=entry.path)
"""


def measure(args: list[str], *, command: list[str] | None = None) -> tuple[float, int, float]:
    """Wall seconds, the peak RSS (KiB) of the largest process and the CPU seconds of all
    processes of one CLI run."""
    command = command or [sys.executable, "-m", "disclosure_model", *args]
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    elapsed, peak, code, cpu = float(out[0]), int(out[1]), int(out[2]), float(out[3])
    if code != 0:
        raise SystemExit(f"{' '.join(args[:3])} … failed with exit code {code}")
    return elapsed, peak, cpu


def make_corpus(directory: Path, count: int) -> Path:
    """``count`` valid reports in ``directory`` (the realistic report, organ name varied)."""
    text = REPORT.read_text(encoding="utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (directory / f"report-{i:05d}.json").write_text(
            text.replace("性能测试用虚构示例", f"性能测试用虚构示例 {i}"), encoding="utf-8"
        )
    return directory


def run(
    label: str, args: list[str], files: int, repeats: int = 3, command: list[str] | None = None
) -> tuple[float, int]:
    times, peaks, cpus = [], [], []
    for _ in range(repeats):
        elapsed, peak, cpu = measure(args, command=command)
        times.append(elapsed)
        peaks.append(peak)
        cpus.append(cpu)
    seconds, peak = statistics.median(times), max(peaks)
    print(
        f"  {label:<40} {seconds:7.2f} s  {files / seconds:6.0f} reports/s  "
        f"CPU {statistics.median(cpus):7.2f} s  peak RSS {peak / 1024:5.1f} MiB"
    )
    return seconds, peak


def corpus_runs(root: Path, count: int) -> None:
    small = make_corpus(root / "small", max(1, count // 10))
    large = make_corpus(root / "large", count)
    n_small, cpus = max(1, count // 10), os.cpu_count() or 1
    print(f"\n## validate and export over {n_small:,} and {count:,} files\n")
    results: dict[str, tuple[float, int]] = {}
    baseline = run(
        f"baseline: validate_document loop, {count:,}",
        [],
        count,
        command=[sys.executable, "-c", _BASELINE, str(large)],
    )
    for name, base in (
        ("validate", ["validate", "--no-progress", "--format", "jsonl"]),
        ("export", ["export", "--format", "csv"]),
    ):
        results[f"{name} small 1"] = run(
            f"{name}, {n_small:,} files, 1 job", [*base, "--jobs", "1", str(small)], n_small
        )
        results[f"{name} large 1"] = run(
            f"{name}, {count:,} files, 1 job", [*base, "--jobs", "1", str(large)], count
        )
        results[f"{name} large all"] = run(
            f"{name}, {count:,} files, {cpus} jobs", [*base, "--jobs", "0", str(large)], count
        )
    print()
    for name in ("validate", "export"):
        one, every, few = (results[f"{name} {k}"] for k in ("large 1", "large all", "small 1"))
        print(f"  {name}: 1 job / baseline wall time     {one[0] / baseline[0]:5.2f}×")
        print(f"  {name}: {cpus} jobs / 1 job throughput   {one[0] / every[0]:5.2f}×")
        print(
            f"  {name}: peak memory {count:,} / {n_small:,} files (1 job)  "
            f"{one[1] / few[1]:5.2f}×  (flat ≈ 1.0×)"
        )


def threshold(root: Path) -> None:
    """From how many files do worker processes pay off? (the default of ``validate --jobs``)."""
    cpus = os.cpu_count() or 1
    print(f"\n## validate: 1 job against {cpus} jobs on small corpora\n")
    for count in (25, 50, 100, 200, 400, 800):
        folder = make_corpus(root / f"t{count}", count)
        base = ["validate", "--no-progress", "--format", "jsonl", str(folder)]
        one = statistics.median(measure([*base, "--jobs", "1"])[0] for _ in range(3))
        every = statistics.median(measure([*base, "--jobs", "0"])[0] for _ in range(3))
        print(
            f"  {count:5,} files   1 job {one:6.3f} s   {cpus} jobs {every:6.3f} s   "
            f"ratio {one / every:5.2f}×"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000, help="the large corpus (10,000)")
    parser.add_argument("--threshold-only", action="store_true", help="only the --jobs default")
    parser.add_argument("--no-threshold", action="store_true", help="skip the --jobs default")
    args = parser.parse_args()
    print("# disclosure_model corpus benchmarks")
    print(
        f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"{time.strftime('%Y-%m-%d')}"
    )
    with tempfile.TemporaryDirectory(prefix="dm-corpus-bench-") as tmp:
        root = Path(tmp)
        if not args.threshold_only:
            corpus_runs(root, args.files)
        if not args.no_threshold:
            threshold(root)


if __name__ == "__main__":
    main()
