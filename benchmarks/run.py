"""The benchmark suite: disclosure_model against the alternatives, in one run, on the same documents.

    python benchmarks/run.py                 # everything (about 5 minutes on 2 cores)
    python benchmarks/run.py --files 2000    # a smaller batch
    python benchmarks/run.py --no-batch      # single-document figures only

Prints medians (µs per document) and ratios against baselines measured in the same run, then the
batch figures of ``disclosure-model validate`` over many files with 1 and 2 jobs. Timings on a
shared machine are noisy: each figure is the median of several repeats, and only ratios between
figures of the same run mean anything.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import fastjsonschema  # noqa: E402
import jsonschema  # noqa: E402
import jsonschema_rs  # noqa: E402
import msgspec  # noqa: E402
import orjson  # noqa: E402
from equivalents import msgspec_type, pydantic_model  # noqa: E402

import disclosure_model as dm  # noqa: E402
from disclosure_model import Edition  # noqa: E402
from disclosure_model.schema import load_schema  # noqa: E402

DOCUMENTS = {
    "realistic 2021 (13 KB)": HERE / "data" / "realistic-2021.json",
    "seed 2020 (7 KB)": ROOT / "examples" / "zhuji-emergency-2020.json",
    "long narrative 2021 (32 KB)": HERE / "data" / "realistic-2021-32k.json",
}

# The targets of issue 14, per document: (validate / pydantic, read / msgspec).
TARGETS = {
    "realistic 2021 (13 KB)": (0.8, 2.5),
    "seed 2020 (7 KB)": (0.8, 2.5),
    "long narrative 2021 (32 KB)": (1.0, 2.0),
}


def measure(
    rows: list[tuple[str, Callable[[], Any]]], *, repeat: int = 9, budget: float = 0.1
) -> dict[str, list[float]]:
    """µs per call of each candidate, ``repeat`` times, taken in turns.

    Each round times every candidate once (about ``budget`` seconds each), so a slow spell of a
    shared machine hits all candidates alike, and ratios are taken round by round.
    """
    numbers = {}
    for label, function in rows:
        single = timeit.timeit(function, number=3) / 3
        numbers[label] = max(1, int(budget / max(single, 1e-7)))
    runs: dict[str, list[float]] = {label: [] for label, _ in rows}
    for _ in range(repeat):
        for label, function in rows:
            gc.collect()
            seconds = timeit.timeit(function, number=numbers[label])
            runs[label].append(seconds / numbers[label] * 1e6)
    return runs


def ratio(runs: dict[str, list[float]], a: str, b: str) -> float:
    """The median over rounds of ``a``'s time divided by ``b``'s."""
    return statistics.median(x / y for x, y in zip(runs[a], runs[b], strict=True))


def single_document(name: str, path: Path) -> list[tuple[str, float]]:
    data = path.read_bytes()
    parsed = orjson.loads(data)
    edition = Edition(parsed["edition"])
    typed = msgspec.json.Decoder(msgspec_type(edition))
    model = pydantic_model(edition)
    schema = load_schema(edition)
    plain = jsonschema.Draft7Validator(schema)
    fast = fastjsonschema.compile(schema)
    rust = jsonschema_rs.validator_for(schema)
    report = dm.from_json(data)

    # Every candidate must say "valid" to the document before it is timed.
    assert typed.decode(data) and model.model_validate_json(data)
    assert plain.is_valid(parsed) and rust.is_valid(parsed)
    fast(parsed)
    assert dm.validate_document(data).valid

    rows = [
        ("orjson.loads (floor: parse only)", lambda: orjson.loads(data)),
        ("msgspec typed decode (equivalent Structs)", lambda: typed.decode(data)),
        (
            "pydantic v2 model_validate_json (equivalent model)",
            lambda: model.model_validate_json(data),
        ),
        (
            "jsonschema Draft7 (shipped schema) + orjson.loads",
            lambda: plain.is_valid(orjson.loads(data)),
        ),
        ("fastjsonschema (shipped schema) + orjson.loads", lambda: fast(orjson.loads(data))),
        (
            "jsonschema-rs (shipped schema) + orjson.loads",
            lambda: rust.is_valid(orjson.loads(data)),
        ),
        ("disclosure_model read: from_json (strict, into attrs)", lambda: dm.from_json(data)),
        (
            "disclosure_model validate_document (read + verdict + all rules)",
            lambda: dm.validate_document(data),
        ),
        (
            "disclosure_model validate_document, then .report read",
            lambda: dm.validate_document(data).report,
        ),
        ("disclosure_model check (all rules, report already read)", lambda: dm.check(report)),
        ("disclosure_model write: to_json_bytes", lambda: dm.to_json_bytes(report)),
    ]
    print(f"\n## {name}: {path.relative_to(ROOT)}\n")
    runs = measure(rows)
    width = max(len(label) for label, _ in rows)
    for label, _ in rows:
        print(f"  {label:<{width}}  {statistics.median(runs[label]):9.1f} µs")
    read = "disclosure_model read: from_json (strict, into attrs)"
    validate = "disclosure_model validate_document (read + verdict + all rules)"
    with_report = "disclosure_model validate_document, then .report read"
    validate_target, read_target = TARGETS[name]
    print("\n  ratios (median over rounds of each round's ratio):")
    for a, b, target in (
        (
            validate,
            "pydantic v2 model_validate_json (equivalent model)",
            f"target ≤ {validate_target:.2f}×",
        ),
        (with_report, "pydantic v2 model_validate_json (equivalent model)", ""),
        (read, "msgspec typed decode (equivalent Structs)", f"target ≤ {read_target:.2f}×"),
        (read, "orjson.loads (floor: parse only)", ""),
        (validate, "jsonschema Draft7 (shipped schema) + orjson.loads", ""),
        (validate, "jsonschema-rs (shipped schema) + orjson.loads", ""),
    ):
        note = f"  ({target})" if target else ""
        print(
            f"  {a.split(':')[0].split(' (')[0]:<36} / {b.split(' (')[0]:<38} {ratio(runs, a, b):6.2f}×{note}"
        )
    return [(label, statistics.median(runs[label])) for label, _ in rows]


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children, from /proc (KiB)."""
    total = 0
    pids = [pid]
    seen: set[int] = set()
    while pids:
        current = pids.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        pids += [int(c) for c in children]
    return total


def run_cli(files: list[str], jobs: int) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak resident memory (KiB, the process tree) of one run."""
    # The names go through --files-from, streamed: a command line of 10,000 names would itself be
    # memory that grows with the number of files.
    listing = Path(files[0]).parent / f"list-{len(files)}.txt"
    listing.write_text("\n".join(files) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "disclosure_model", "validate", "--jobs", str(jobs)]
    command += ["--files-from", str(listing)]
    peak = 0
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kib(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = process.communicate()
        done.set()
        sampler.join()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"validate failed ({process.returncode}): {err.decode()[:500]}")
    return elapsed, process.returncode, peak


def run_pair(halves: tuple[list[str], list[str]]) -> float:
    """Wall seconds of two one-job runs over ``halves``, started together, until both end: what
    this machine gives two independent processes, the bound of any two-worker run."""
    commands = []
    for number, files in enumerate(halves):
        listing = Path(files[0]).parent / f"half-{number}-{len(files)}.txt"
        listing.write_text("\n".join(files) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "disclosure_model", "validate", "--jobs", "1"]
        commands.append([*command, "--files-from", str(listing)])
    start = time.perf_counter()
    processes = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands
    ]
    for process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"validate failed ({process.returncode}): {err.decode()[:500]}")
    return time.perf_counter() - start


def make_corpus(directory: Path, count: int) -> list[str]:
    """``count`` valid report files: the realistic report with the organ name varied."""
    text = DOCUMENTS["realistic 2021 (13 KB)"].read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = directory / f"report-{i:05d}.json"
        path.write_text(
            text.replace("性能测试用虚构示例", f"性能测试用虚构示例 {i}"), encoding="utf-8"
        )
        paths.append(str(path))
    return paths


def batch(count: int, rounds: int = 3) -> None:
    print(f"\n## Batch: disclosure-model validate over {count:,} files\n")
    print("  load average before: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="dm-bench-") as tmp:
        files = make_corpus(Path(tmp), count)
        small = files[: max(1, count // 10)]
        labels = (
            (f"{len(small):,} files, 1 job", small, 1),
            (f"{count:,} files, 1 job", files, 1),
            (f"{count:,} files, 2 jobs", files, 2),
        )
        halves = (files[: count // 2], files[count // 2 :])
        pair = f"{count:,} files, 2 × 1 job"
        times: dict[str, list[float]] = {label: [] for label, _, _ in labels}
        times[pair] = []
        peaks: dict[str, list[int]] = {label: [] for label, _, _ in labels}
        # The runs take turns, round after round, so that a slow spell of the shared machine
        # hits one job and two jobs alike; the speed-up is the median of per-round ratios.
        for _ in range(rounds):
            for label, chosen, jobs in labels:
                elapsed, _, peak = run_cli(chosen, jobs)
                times[label].append(elapsed)
                peaks[label].append(peak)
            times[pair].append(run_pair(halves))
        for label, chosen, _ in labels:
            seconds, peak = statistics.median(times[label]), max(peaks[label])
            print(
                f"  {label:<24} {seconds:7.2f} s  {len(chosen) / seconds:8.0f} reports/s  peak RSS {peak / 1024:6.1f} MiB"
            )
        one, two, few = labels[1][0], labels[2][0], labels[0][0]
        ratios = [a / b for a, b in zip(times[one], times[two], strict=True)]
        speedup = statistics.median(ratios)
        print()
        print(
            f"  2 jobs / 1 job throughput      {speedup:5.2f}×  (median of per-round ratios "
            f"{', '.join(f'{r:.2f}' for r in ratios)}; target ≥ 1.70×; efficiency {speedup / 2:.0%})"
        )
        bound = [a / b for a, b in zip(times[one], times[pair], strict=True)]
        versus = [a / b for a, b in zip(times[two], times[pair], strict=True)]
        print(
            f"  {pair:<24} {statistics.median(times[pair]):7.2f} s  (two one-job processes over "
            "half the files each, at once: this machine's bound for two workers)"
        )
        print(
            f"  1 job / 2 × 1 job              {statistics.median(bound):5.2f}×  (the best "
            f"2 jobs / 1 job could be here; rounds {', '.join(f'{r:.2f}' for r in bound)})"
        )
        print(
            f"  2 jobs / 2 × 1 job wall        {statistics.median(versus):5.2f}×  (1.00× = as "
            "fast as two independent processes)"
        )
        print(
            f"  peak memory {count:,} / {len(small):,} files  {max(peaks[one]) / max(peaks[few]):5.2f}×  (flat ≈ 1.0×)"
        )
    print("  load average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--files", type=int, default=10_000, help="files in the batch (default 10,000)"
    )
    parser.add_argument("--no-batch", action="store_true", help="skip the batch measurements")
    parser.add_argument("--batch-only", action="store_true", help="only the batch measurements")
    parser.add_argument(
        "--batch-rounds", type=int, default=5, help="rounds of the batch runs (default 5)"
    )
    args = parser.parse_args()
    print("# disclosure_model benchmarks")
    print(
        f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in (
            "msgspec",
            "orjson",
            "pydantic",
            "jsonschema",
            "fastjsonschema",
            "jsonschema-rs",
        )
    )
    print(f"disclosure_model {dm.__version__} with the fast extra; {versions}")
    for name, path in DOCUMENTS.items():
        if not args.batch_only:
            single_document(name, path)
    if not args.no_batch:
        batch(args.files, args.batch_rounds)


if __name__ == "__main__":
    main()
