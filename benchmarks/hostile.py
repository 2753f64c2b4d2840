"""Fuzz hostile input through the API and the command line; print the worst case found.

Three generators — arbitrary bytes, arbitrary JSON, and mutations of the bundled reports (plus a
few bulk cases: a hundred thousand NaN, unknown keys, repeated keys, deep nesting) — feed every
reader and validator of the library (``validate_document``, ``from_json``, ``validate_json``,
``parse_json``, and ``check``/``to_json``/``from_json`` again on what could be read), each with
the standard library's parser and with msgspec's (the ``fast`` extra) when it is installed, and a
sample of the same cases feeds ``disclosure-model validate --format json`` in a subprocess, on
both paths too.

Each case must end without an exception escaping (``DocumentError`` from a reader is the
expected answer; any other exception is an *escape*), and the command line must exit 0, 1 or 2
without a traceback and print JSON. The script prints, per generator and path, the number of
cases, the escapes, the median and the worst time and peak memory, and the worst case found
overall; escapes are written to ``--out`` to be replayed. Exit status 1 when anything escaped or
a case passed ``--max-seconds``/``--max-mib``.

    python benchmarks/hostile.py                  # 200 cases per generator, 20 through the CLI
    python benchmarks/hostile.py --cases 2000 --cli-cases 100 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import disclosure_model as dm
from disclosure_model import codec
from disclosure_model.schema import validate_json
from disclosure_model.validation import validate_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))

# --- generators ---------------------------------------------------------------------------------

HOSTILE_TOKENS = [
    "1e99999999999999999999",
    "-1e-99999999999999999999",
    "1e999999999999999999",
    "NaN",
    "-Infinity",
    "9" * 4400,
    "-" + "9" * 5000,
    "1.0",
    "-0",
    "-0.0",
    "100e-2",
    "0.0000001",
    "true",
    "null",
    '"1"',
    '""',
    '"\\ud800"',
    '"a\\udfffb"',
    '"\\u0000"',
    '"0000-01-01"',
    '"9999-12-31"',
    '"2021-02-30"',
    "9999",
    "10000",
    str(2**53),
    str(2**64),
    "{}",
    "[]",
    '{"x": 1, "x": 2}',
    "[" * 50 + "]" * 50,
    '"' + "长" * 5000 + '"',
]


def arbitrary_bytes(rng: random.Random) -> bytes:
    """Random bytes, sometimes around a JSON-looking skeleton."""
    n = rng.choice([0, 1, 2, 8, 64, 512, 4096])
    raw = bytes(rng.getrandbits(8) for _ in range(n))
    if rng.random() < 0.3:
        raw = b'{"edition": "2021", ' + raw + b"}"
    if rng.random() < 0.1:
        raw = b"\xef\xbb\xbf" + raw
    return raw


def _key(rng: random.Random) -> str:
    return rng.choice(
        [
            "edition",
            "year",
            "organ",
            "requests",
            "name",
            "k",
            "",
            "a/b~c",
            "caf\u00e9",
            "cafe\u0301",
            "\u200b",
            "键",
            "\ud800",
            "x" * rng.randint(1, 300),
        ]
    )


def _value(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth > 6 or roll < 0.4:
        return rng.choice(
            [
                0,
                -1,
                2**53 - 1,
                2**53,
                10**30,
                Decimal("1.5"),
                Decimal("1E+400"),
                "",
                "2021",
                "\ud800",
                True,
                None,
                "2021-01-01",
                rng.randint(-(10**6), 10**6),
            ]
        )
    if roll < 0.7:
        return {_key(rng): _value(rng, depth + 1) for _ in range(rng.randint(0, 6))}
    return [_value(rng, depth + 1) for _ in range(rng.randint(0, 6))]


def arbitrary_json(rng: random.Random) -> bytes:
    """Random JSON: objects of random keys and values, sometimes a report's skeleton."""
    value = _value(rng, 0)
    if rng.random() < 0.5:
        value = {"edition": rng.choice(["2019", "2021", "2020", 2021]), "year": 2021, "x": value}
    return _dumps(value, rng.choice([None, 0, 2]))


def _dumps(value: Any, indent: int | None = None) -> bytes:
    """JSON text of a value holding ``Decimal`` numbers, written by the standard library alone
    (so that the fuzz does not depend on the writer it tests); lone surrogates escaped."""
    text = json.dumps(value, indent=indent, default=lambda d: f"__DECIMAL_{d}__")
    return re.sub(r'"__DECIMAL_([^_"]+)__"', r"\1", text).encode("ascii")


def _pointers(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _pointers(item, (*prefix, key))


def mutated_report(rng: random.Random) -> bytes:
    """A bundled report with one to three values replaced by hostile tokens, a key removed or
    added, or its text cut or its bytes flipped."""
    text = rng.choice(EXAMPLES).read_text(encoding="utf-8")
    doc = json.loads(text, parse_float=Decimal)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(list(_pointers(doc))[1:])
        node = doc
        for key in path[:-1]:
            node = node[key]
        action = rng.random()
        if action < 0.6:
            node[path[-1]] = f"__TOKEN_{rng.randrange(len(HOSTILE_TOKENS))}__"
        elif action < 0.8:
            del node[path[-1]]
        else:
            node[_key(rng)] = _value(rng, 3)
    out = _dumps(doc, 2).decode("ascii")
    for i, token in enumerate(HOSTILE_TOKENS):
        out = out.replace(f'"__TOKEN_{i}__"', token)
    raw = out.encode("utf-8")
    roll = rng.random()
    if roll < 0.1:
        raw = raw[: rng.randrange(len(raw))]
    elif roll < 0.2:
        at = rng.randrange(len(raw))
        raw = raw[:at] + bytes([rng.getrandbits(8)]) + raw[at + 1 :]
    return raw


def bulk_cases() -> list[tuple[str, bytes]]:
    """Large hostile documents: each bounded by the findings limit, not by its size."""
    base = json.loads(EXAMPLES[0].read_text(encoding="utf-8"), parse_float=Decimal)
    n = 100_000

    def with_extra(raw: str) -> bytes:
        return _dumps({**base, "x": "__X__"}).replace(b'"__X__"', raw.encode())

    many_keys = {**base, **{f"k{i}": i for i in range(n)}}
    overview = {**base, "narrative": {"overview": "收到申请" + "9" * 4_000_000 + "件"}}
    return [
        ("1e5 NaN", with_extra("[" + ",".join(["NaN"] * n) + "]")),
        ("1e5 unknown keys", _dumps(many_keys)),
        ("1e5 repeated keys", with_extra("{" + ",".join(['"d": 1'] * n) + "}")),
        ("1e4 long integers", with_extra("[" + ",".join(["9" * 4400] * 10_000) + "]")),
        ("1e5 huge exponents", with_extra("[" + ",".join(["1e99999999999999999999"] * n) + "]")),
        ("nesting 1e5", with_extra("[" * n + "]" * n)),
        ("4 MB of digits in the overview", _dumps(overview)),
    ]


GENERATORS: dict[str, Callable[[random.Random], bytes]] = {
    "bytes": arbitrary_bytes,
    "json": arbitrary_json,
    "mutated": mutated_report,
}

# --- running a case -----------------------------------------------------------------------------


@contextmanager
def parser_path(name: str) -> Iterator[None]:
    """Use the standard library's parser and writer (``stdlib``) or msgspec's (``msgspec``)."""
    saved = codec._msgspec, codec._MSGSPEC_ENCODER
    if name == "stdlib":
        codec._msgspec = codec._MSGSPEC_ENCODER = None
    try:
        yield
    finally:
        codec._msgspec, codec._MSGSPEC_ENCODER = saved


def api_case(raw: bytes) -> None:
    """Every reader and validator on ``raw``; raises only if something escapes."""
    result = validate_document(raw)
    json.dumps(result.to_dict(), default=str)
    for finding in result.findings:
        finding.message("zh")
        finding.message("en")
    try:
        report = dm.from_json(raw)
    except dm.DocumentError as error:
        str(error)
        report = None
    validate_json(raw)
    dm.parse_json(raw)
    if report is not None:
        dm.check(report)
        text = dm.to_json(report)
        assert dm.from_json(text) == report, "written text does not read back to the report"


def measure(function: Callable[[], None]) -> tuple[float, float, BaseException | None]:
    """Seconds of one call, then its peak MiB in a second call under tracemalloc (which slows
    it too much to time it), and what escaped, if anything."""
    start = time.perf_counter()
    escaped: BaseException | None = None
    try:
        function()
    except Exception as exc:  # an escape: recorded, not raised
        escaped = exc
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        function()
    except Exception as exc:
        escaped = escaped or exc
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, escaped


_CLI = (
    "import atexit, sys\n"
    "def peak():\n"  # VmHWM: this process's own peak RSS (not the forking parent's)
    "    with open('/proc/self/status') as s, open(sys.argv[3], 'w') as out:\n"
    "        out.write(next(l for l in s if l.startswith('VmHWM')).split()[1])\n"
    "atexit.register(peak)\n"
    "from disclosure_model import codec, cli\n"
    "if sys.argv[1] == 'stdlib':\n"
    "    codec._msgspec = codec._MSGSPEC_ENCODER = None\n"
    "sys.exit(cli.main(['validate', '--format', 'json', sys.argv[2]]))\n"
)


def cli_case(raw: bytes, path_name: str, directory: Path) -> tuple[float, float, str | None]:
    """``disclosure-model validate --format json`` on ``raw``: seconds, peak RSS MiB, problem."""
    file = directory / "case.json"
    file.write_bytes(raw)
    out, err = directory / "stdout", directory / "stderr"
    start = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", _CLI, path_name, str(file), str(directory / "peak")],
            stdout=stdout,
            stderr=stderr,
        )
        code = process.wait()
    seconds = time.perf_counter() - start
    try:
        rss = int((directory / "peak").read_text()) / 1024  # kB
    except (OSError, ValueError):
        rss = 0.0
    (directory / "peak").unlink(missing_ok=True)
    problem = None
    errors = err.read_bytes()
    if code not in (0, 1, 2) or b"Traceback" in errors:
        problem = f"exit {code}: {errors.decode('utf-8', 'replace')[-500:]}"
    elif code in (0, 1):
        try:
            json.loads(out.read_bytes())
        except ValueError as exc:
            problem = f"output is not JSON: {exc}"
    return seconds, rss, problem


# --- the run ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200, help="cases per generator (API)")
    parser.add_argument("--cli-cases", type=int, default=20, help="cases per generator (CLI)")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--max-seconds", type=float, default=30.0, help="bound of one case")
    parser.add_argument("--max-mib", type=float, default=1024.0, help="bound of one case")
    parser.add_argument("--no-bulk", action="store_true", help="skip the large bulk cases")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "hostile-escapes")
    args = parser.parse_args(argv)

    paths = ["stdlib"] + (["msgspec"] if codec._msgspec is not None else [])
    for path_name in paths:  # warm up: imports and generated readers are not a case's cost
        with parser_path(path_name):
            for warm in (EXAMPLES[0].read_bytes(), b'{"edition": "2021", "x": NaN}', b"[1"):
                api_case(warm)
    rng = random.Random(args.seed)
    cases: dict[str, list[tuple[str, bytes]]] = {
        name: [(f"{name} #{i}", make(rng)) for i in range(args.cases)]
        for name, make in GENERATORS.items()
    }
    if not args.no_bulk:
        cases["bulk"] = bulk_cases()

    print(
        f"disclosure_model {dm.__version__}, Python {sys.version.split()[0]}, paths: {', '.join(paths)}"
    )
    print(
        f"{'generator':<10} {'path':<8} {'via':<4} {'cases':>6} {'escapes':>8} "
        f"{'median s':>9} {'worst s':>8} {'median MiB':>11} {'worst MiB':>10}"
    )
    worst_time: tuple[float, str] = (0.0, "")
    worst_memory: tuple[float, str] = (0.0, "")
    escapes: list[tuple[str, str, bytes]] = []
    over: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for generator, listed in cases.items():
            for path_name in paths:
                for via in ("api", "cli"):
                    chosen = listed if via == "api" else listed[: args.cli_cases]
                    if generator == "bulk" and via == "cli":
                        chosen = listed
                    times: list[float] = []
                    peaks: list[float] = []
                    escaped_here = 0
                    for label, raw in chosen:
                        if via == "api":
                            with parser_path(path_name):
                                seconds, peak, exc = measure(lambda raw=raw: api_case(raw))
                            problem = None if exc is None else f"{type(exc).__name__}: {exc}"[:500]
                        else:
                            seconds, peak, problem = cli_case(raw, path_name, Path(scratch))
                        times.append(seconds)
                        peaks.append(peak)
                        where = f"{label} ({len(raw):,} bytes, {path_name}, {via})"
                        if problem is not None:
                            escaped_here += 1
                            escapes.append((where, problem, raw))
                        if seconds > worst_time[0]:
                            worst_time = (seconds, where)
                        if peak > worst_memory[0]:
                            worst_memory = (peak, where)
                        if seconds > args.max_seconds or peak > args.max_mib:
                            over.append(f"{where}: {seconds:.2f} s, {peak:.0f} MiB")
                    if times:
                        print(
                            f"{generator:<10} {path_name:<8} {via:<4} {len(times):>6} {escaped_here:>8} "
                            f"{statistics.median(times):>9.4f} {max(times):>8.3f} "
                            f"{statistics.median(peaks):>11.1f} {max(peaks):>10.1f}"
                        )
    print()
    print(f"worst time:   {worst_time[0]:.3f} s — {worst_time[1]}")
    print(
        f"worst memory: {worst_memory[0]:.1f} MiB — {worst_memory[1]}"
        " (API: tracemalloc peak; CLI: the process's peak RSS)"
    )
    if escapes:
        args.out.mkdir(parents=True, exist_ok=True)
        print(f"\n{len(escapes)} escape(s); inputs written to {args.out}:")
        for i, (where, problem, raw) in enumerate(escapes):
            (args.out / f"escape-{i}.bin").write_bytes(raw)
            print(f"  escape-{i}.bin  {where}: {problem}")
    if over:
        print(f"\n{len(over)} case(s) over the bounds ({args.max_seconds} s, {args.max_mib} MiB):")
        for line in over:
            print("  " + line)
    if not escapes and not over:
        print("no exception escaped; every case within the bounds")
    return 1 if escapes or over else 0


if __name__ == "__main__":
    sys.exit(main())
