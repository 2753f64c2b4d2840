"""The command line over a corpus: every input accounted for, summaries, progress, pipes."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES

SEED = EXAMPLES / "zhuji-emergency-2020.json"
CITY = EXAMPLES / "example-city-2023.json"


def _run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "disclosure_model", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=120,
        check=False,
        env=env,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "surrogateescape"),  # UTF-8 whatever the locale
        done.stderr.decode("utf-8", "surrogateescape"),
    )


def _doc(path: Path = CITY) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _write(path: Path, doc: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _unbalanced() -> dict[str, Any]:
    doc = _doc()
    doc["requests"]["carried_forward"]["natural_person"] += 3
    doc["requests"]["carried_forward"]["total"] += 3
    return doc


def _warning_only() -> dict[str, Any]:
    doc = _doc()
    doc["narrative"]["problems_and_improvements"] = ""
    return doc


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder: clean, warnings only, errors, not JSON; nested and empty sub-folders."""
    root = tmp_path / "corpus"
    _write(root / "a-clean.json", _doc())
    _write(root / "b-warning.json", _warning_only())
    _write(root / "nested" / "deeper" / "c-unbalanced.json", _unbalanced())
    (root / "nested" / "d-broken.json").write_bytes(b'{"edition": ')
    (root / "nested" / "notes.txt").write_text("not a report", encoding="utf-8")
    (root / "empty").mkdir()
    return root


def _jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_a_folder_is_searched_recursively_in_sorted_order(corpus: Path) -> None:
    result = _run("validate", "--format", "jsonl", str(corpus))
    lines = _jsonl(result.stdout)
    assert [line["type"] for line in lines] == ["result"] * 4 + ["summary"]
    # Sorted by name at every level: nested/d-broken.json comes before nested/deeper/.
    assert [line["source"] for line in lines[:-1]] == [
        str(corpus / "a-clean.json"),
        str(corpus / "b-warning.json"),
        str(corpus / "nested" / "d-broken.json"),
        str(corpus / "nested" / "deeper" / "c-unbalanced.json"),
    ]
    assert result.returncode == 1


def test_summary_counts_on_a_mixed_folder(corpus: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    result = _run("validate", "--format", "json", str(corpus), missing, str(corpus / "empty"))
    document = json.loads(result.stdout)
    summary = document["summary"]
    assert document["version"] == summary["version"] == 1
    assert len(document["results"]) == summary["total"] == 6
    assert (summary["clean"], summary["warnings_only"], summary["errors"]) == (1, 1, 2)
    assert summary["unreadable"] == 2  # the missing file and the empty folder
    assert summary["codes"]["T3-1"] == 2 and summary["codes"]["json.syntax"] == 1
    assert summary["failing"] == 4
    assert result.returncode == 2  # unreadable inputs win over findings
    text = _run("validate", str(corpus), missing)
    assert (
        "Summary: 5 inputs checked: 1 clean, 1 with warnings only, 2 with errors, 1 unreadable"
        in text.stdout
    )
    assert "Most frequent: " in text.stdout and "T3-1 ×2" in text.stdout
    assert f"Failing (3):\n  {corpus / 'nested'}" in text.stdout
    assert f"  {missing}\n" in text.stdout
    zh = _run("validate", "--lang", "zh", str(corpus))
    assert "汇总：共检查 4 个输入：通过 1，仅有警告 1，有错误 2，无法读取 0" in zh.stdout
    assert "未通过（2）" in zh.stdout


def test_one_result_per_input_in_every_format(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    inputs = [str(SEED), missing, str(CITY)]
    for fmt in ("text", "json", "jsonl"):
        result = _run("validate", "--format", fmt, *inputs)
        assert result.returncode == 2, fmt
        assert "Traceback" not in result.stderr
        if fmt == "json":
            sources = [r["source"] for r in json.loads(result.stdout)["results"]]
        elif fmt == "jsonl":
            sources = [line.get("source") for line in _jsonl(result.stdout)][:-1]
        else:
            body = result.stdout.split("\n\nSummary: ")[0]
            sources = [line.split(":")[0] for line in body.splitlines() if line[:1] != " "]
        assert sources == inputs, fmt


def test_json_lines_file_with_a_broken_and_a_blank_line(tmp_path: Path) -> None:
    good = json.dumps(_doc(), ensure_ascii=False)
    bad = json.dumps(_unbalanced(), ensure_ascii=False)
    reports = tmp_path / "reports.jsonl"
    reports.write_text(f"{good}\n{{not json\n\n{bad}\n", encoding="utf-8")
    result = _run("validate", "--format", "jsonl", str(reports))
    lines = _jsonl(result.stdout)[:-1]
    assert [line["source"] for line in lines] == [f"{reports}:{n}" for n in (1, 2, 3, 4)]
    assert lines[0]["valid"] and not lines[1]["valid"]
    assert lines[1]["findings"][0]["code"].startswith("json.")
    assert lines[2]["findings"][0]["code"] == "json.empty"
    assert lines[3]["findings"][0]["pointer"] == "/requests/carried_forward/natural_person"
    assert result.returncode == 1
    text = _run("validate", str(reports))
    assert f"{reports}:4: 2 error(s)" in text.stdout


def test_standard_input(tmp_path: Path) -> None:
    result = _run("validate", "-", stdin=SEED.read_bytes())
    assert result.returncode == 0 and "<stdin>: OK" in result.stdout
    bad = _run("validate", "--format", "jsonl", "-", stdin=b"[]")
    assert bad.returncode == 1 and _jsonl(bad.stdout)[0]["source"] == "<stdin>"


def test_select_and_ignore(tmp_path: Path) -> None:
    doc = _unbalanced()
    doc["narrative"]["problems_and_improvements"] = ""
    path = str(_write(tmp_path / "both.json", doc))
    both = _jsonl(_run("validate", "--format", "jsonl", path).stdout)[0]
    assert {"T3-1", "N-2"} <= {f["code"] for f in both["findings"]}
    only_t3 = _run("validate", "--format", "jsonl", "--select", "T3", path)
    assert {f["code"] for f in _jsonl(only_t3.stdout)[0]["findings"]} == {"T3-1"}
    no_errors = _run("validate", "--ignore", "T3-1,T3-2", path)
    assert no_errors.returncode == 0  # applied before the exit code
    assert "[T3-1]" not in no_errors.stdout and "[N-2]" in no_errors.stdout
    summary = _jsonl(_run("validate", "--format", "jsonl", "--ignore", "N", path).stdout)[-1]
    assert "N-2" not in summary["codes"] and summary["errors"] == 1
    assert _run("validate", "--select", "T3-", "--ignore", "T3", path).returncode == 0


def test_capping_per_rule_and_quiet(tmp_path: Path) -> None:
    doc = _doc()
    for column in ("natural_person", "commercial_enterprise", "research_institution"):
        doc["requests"]["new_received"][column] += 1  # T3-1 and T3-2 fail several times
    path = str(_write(tmp_path / "many.json", doc))
    full = _jsonl(_run("validate", "--format", "jsonl", path).stdout)[0]["findings"]
    t31 = sum(1 for f in full if f["code"] == "T3-1")
    assert t31 >= 3
    capped = _run("validate", "--max-per-rule", "1", path)
    assert capped.stdout.count("[T3-1]") == 2  # one shown, then the count of the others
    assert f"… and {t31 - 1} more [T3-1]" in capped.stdout
    everything = _run("validate", "--max-per-rule", "0", path)
    assert everything.stdout.count("[T3-1]") == t31
    quiet = _run("validate", "--quiet", str(SEED), path)
    assert f"{SEED}: OK" not in quiet.stdout and "many.json" in quiet.stdout


def test_output_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    env.update(LANG="C", LC_ALL="C", PYTHONUTF8="0", PYTHONIOENCODING="ascii")
    path = str(_write(tmp_path / "中文.json", _unbalanced()))
    result = _run("validate", "--lang", "zh", path, env=env)
    assert result.returncode == 1
    assert "表三“自然人”列不平衡" in result.stdout and "中文.json" in result.stdout


def test_files_from_lists_that_are_odd(tmp_path: Path) -> None:
    odd_bytes = os.fsencode(str(tmp_path)) + b"/odd-\xff.json"
    Path(os.fsdecode(odd_bytes)).write_bytes(SEED.read_bytes())
    listing = tmp_path / "list.txt"
    listing.write_bytes(odd_bytes + b"\n" + os.fsencode(str(CITY)) + b"\nbad\0name.json\n")
    result = _run("validate", "--format", "jsonl", "--files-from", str(listing))
    lines = _jsonl(result.stdout)
    assert len(lines) == 4, result.stderr
    assert lines[0]["valid"] and lines[1]["valid"]  # a name that is not UTF-8 is still a name
    assert lines[2]["findings"][0]["code"] == "io.invalid_path"
    assert result.returncode == 2 and "Traceback" not in result.stderr
    nul = tmp_path / "list0"
    nul.write_bytes(os.fsencode(str(SEED)) + b"\0" + os.fsencode(str(CITY)) + b"\0")
    assert _run("validate", "-0", "--files-from", str(nul)).stdout.count(": OK") == 2
    empty = _run("validate", "--format", "jsonl", "--files-from", os.devnull)
    assert empty.returncode == 0 and _jsonl(empty.stdout)[-1]["total"] == 0
    fifo = tmp_path / "list.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"echo '{SEED}' > '{fifo}'"])
    try:
        piped = _run("validate", "--files-from", str(fifo))
        assert piped.returncode == 0 and f"{SEED}: OK" in piped.stdout
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait(timeout=20)
    folder = _run("validate", "--files-from", str(tmp_path))
    assert folder.returncode == 2 and "is a directory, not a list of files" in folder.stderr


def test_files_from_a_list_without_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(str(SEED), encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # running as root: permissions do not bind
            pytest.skip("cannot make an unreadable file as this user")
        denied = _run("validate", "--files-from", str(locked))
        assert denied.returncode == 2 and "cannot read the list of files" in denied.stderr
    finally:
        locked.chmod(0o644)


def test_devices_and_fifos_as_inputs_are_findings(tmp_path: Path) -> None:
    fifo = tmp_path / "nobody-writes.json"
    os.mkfifo(fifo)
    result = _run("validate", "--format", "jsonl", str(SEED), "/dev/zero", str(fifo))
    lines = _jsonl(result.stdout)
    assert lines[1]["findings"][0]["code"] == "io.not_a_file"
    assert lines[2]["findings"][0]["code"] == "json.empty"
    big = _run("validate", "--max-size", "1k", "--format", "jsonl", str(SEED))
    assert _jsonl(big.stdout)[0]["findings"][0]["code"] == "io.too_large"
    assert big.returncode == 2


_PATCHED = """
import os, sys
import disclosure_model.corpus as corpus
real = corpus.validate_document
def flaky(data, *, source=None, run_rules=True):
    if source.endswith("boom.json"):
        raise RuntimeError("simulated bug")
    if source.endswith("die.json"):
        os._exit(3)
    return real(data, source=source, run_rules=run_rules)
corpus.validate_document = flaky
from disclosure_model.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unexpected_exception_is_a_finding_and_the_run_goes_on(
    tmp_path: Path, jobs: str
) -> None:
    boom = _write(tmp_path / "boom.json", _doc())
    files = [str(SEED), str(boom), str(CITY)] * 3
    done = subprocess.run(
        [sys.executable, "-c", _PATCHED, "validate", "--jobs", jobs, "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    results = json.loads(done.stdout)["results"]
    assert [r["source"] for r in results] == files
    crashed = [r for r in results if r["source"] == str(boom)]
    assert all(r["findings"][0]["code"] == "internal.error" for r in crashed)
    assert "RuntimeError: simulated bug" in crashed[0]["findings"][0]["message"]["en"]
    assert done.returncode == 1


def test_a_dying_worker_loses_no_other_output(tmp_path: Path) -> None:
    die = _write(tmp_path / "die.json", _doc())
    files = [str(SEED)] * 40 + [str(die)] + [str(CITY)] * 40
    done = subprocess.run(
        [sys.executable, "-c", _PATCHED, "validate", "--jobs", "2", "--format", "jsonl", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = _jsonl(done.stdout)
    assert [line["source"] for line in lines[:-1]] == files
    assert [line["valid"] for line in lines[:-1]] == [True] * 40 + [False] + [True] * 40
    assert lines[40]["findings"][0]["code"] == "internal.worker_crashed"
    assert done.returncode == 1


def test_never_more_workers_than_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The worker processes a run starts, seen at the pool it makes: none for one input or
    for fewer than AUTO_PARALLEL_FROM without --jobs, at most one per input, one per CPU by
    default for a large corpus; the output is every input's either way."""
    import concurrent.futures

    from disclosure_model.cli import AUTO_PARALLEL_FROM, main

    pools: list[int] = []

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int | None = None, **kwargs: Any) -> None:
            pools.append(max_workers or 0)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    listing = tmp_path / "list.txt"

    def run(count: int, *jobs: str) -> list[int]:
        pools.clear()
        listing.write_text("".join(f"{tmp_path}/missing-{i}.json\n" for i in range(count)))
        code = main(["validate", "--format", "jsonl", "--files-from", str(listing), *jobs])
        lines = _jsonl(capsys.readouterr().out)
        assert code == 2 and len(lines) == count + 1  # every input, then the summary
        return list(pools)

    cpus = os.cpu_count() or 1
    assert run(1, "--jobs", "512") == []  # one input: checked in this process
    assert run(1, "--jobs", "0") == []
    assert run(3, "--jobs", "512") == [3]
    assert run(10, "--jobs", "3") == [3]
    assert run(AUTO_PARALLEL_FROM - 1) == []
    assert run(AUTO_PARALLEL_FROM + 5) == ([cpus] if cpus > 1 else [])


def test_jobs_give_the_same_output(corpus: Path) -> None:
    args = ("validate", "--format", "jsonl", str(corpus), str(corpus))
    assert _run(*args, "--jobs", "2").stdout == _run(*args, "--jobs", "1").stdout


def test_no_progress_when_stderr_is_not_a_terminal(corpus: Path) -> None:
    pytest.importorskip("tqdm")
    result = _run("validate", str(corpus))
    assert result.stderr == ""
    forced = _run("validate", "--progress", "--format", "jsonl", str(corpus))
    assert "4/4" in forced.stderr  # tqdm's count, forced onto a pipe
    assert _jsonl(forced.stdout)[-1]["total"] == 4


def test_progress_under_a_pseudo_terminal(corpus: Path) -> None:
    pty = pytest.importorskip("pty")
    pytest.importorskip("tqdm")
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "disclosure_model", "validate", str(corpus)],
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=120,
            check=False,
        )
        os.close(slave)
        slave = -1
        seen = b""
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    assert done.returncode == 1
    assert b"4/4" in seen and b"inputs" in seen
    assert b"4/4" not in done.stdout
    none = subprocess.run(
        [sys.executable, "-m", "disclosure_model", "validate", "--no-progress", str(corpus)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert none.stderr == b""


def test_a_closed_pipe_never_turns_a_failing_run_into_success(corpus: Path) -> None:
    files = [str(corpus)] * 30
    for _ in range(4):  # it used to pass in 1 of 4 tries
        producer = subprocess.Popen(
            [sys.executable, "-m", "disclosure_model", "validate", *files],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert producer.stdout is not None
        producer.stdout.read(1)
        producer.stdout.close()  # the reader goes away, as `| head -c 1` does
        _, err = producer.communicate(timeout=120)
        assert producer.returncode == 1
        assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_series_json_with_an_unreadable_input(tmp_path: Path) -> None:
    a = _write(tmp_path / "2023.json", _doc())
    missing = str(tmp_path / "missing.json")
    result = _run("series", "--format", "json", str(a), missing)
    document = json.loads(result.stdout)  # JSON in every case
    assert [r["source"] for r in document["results"]] == [missing, "series"]
    assert document["results"][0]["findings"][0]["code"] == "io.not_found"
    assert result.returncode == 2


def _year(doc: dict[str, Any], year: int) -> dict[str, Any]:
    doc = json.loads(json.dumps(doc))
    doc["year"] = year
    doc["published_on"] = f"{year + 1}-01-20"
    return doc


def test_series_reports_another_organ_and_a_repeated_year(tmp_path: Path) -> None:
    this = _write(tmp_path / "2023.json", _year(_doc(), 2023))
    other = _doc()
    other["organ"]["name"] = "另一个局"
    other_path = _write(tmp_path / "other-2022.json", _year(other, 2022))
    mixed = json.loads(_run("series", "--format", "json", str(this), str(other_path)).stdout)
    codes = [f["code"] for f in mixed["results"][0]["findings"]]
    assert codes == ["series.organ_mismatch"]  # and no cross-year rule that means nothing
    assert mixed["results"][0]["findings"][0]["document"] == str(other_path)
    again = _write(tmp_path / "again-2023.json", _year(_doc(), 2023))
    twice = json.loads(_run("series", "--format", "json", str(this), str(again)).stdout)
    finding = twice["results"][0]["findings"][0]
    assert finding["code"] == "series.duplicate_year" and finding["pointer"] == "/year"
    assert "2023" in finding["message"]["en"] and "2023" in finding["message"]["zh"]


def test_series_group_by_organ_over_folders(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for year in (2021, 2022, 2023):
        _write(root / "city" / f"{year}.json", _year(_doc(), year))
        other = _doc()
        other["organ"]["name"] = "某县人民政府"
        _write(root / "county" / f"{year}.json", _year(other, year))
    (root / "county" / "broken.json").write_bytes(b"{")
    result = _run("series", "--group-by", "organ", "--format", "json", str(root))
    document = json.loads(result.stdout)
    sources = [r["source"] for r in document["results"]]
    assert sources[0].endswith("broken.json")
    groups = document["results"][1:]
    assert len(groups) == 2 and document["summary"]["unit"] == "groups"
    assert {g["source"].split(" [")[0] for g in groups} == {_doc()["organ"]["name"], "某县人民政府"}
    for group in groups:
        assert group["rules"]["X-1"]["applied"] > 0  # each organ checked across its years
        assert not any(f["code"].startswith("series.") for f in group["findings"])
    text = _run("series", "--group-by", "organ", str(root))
    assert "Summary: 3 groups checked" in text.stdout


def test_a_bug_in_series_is_a_finding_not_a_usage_error(tmp_path: Path) -> None:
    a = _write(tmp_path / "2023.json", _year(_doc(), 2023))
    b = _write(tmp_path / "2022.json", _year(_doc(), 2022))
    patched = (
        "import sys\n"
        "import disclosure_model.corpus as corpus\n"
        "def broken(*args, **kwargs):\n"
        "    raise ValueError('a bug, not the user')\n"
        "corpus.check_series = broken\n"
        "from disclosure_model.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", patched, "series", "--format", "json", str(a), str(b)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr
    finding = json.loads(done.stdout)["results"][0]["findings"][0]
    assert finding["code"] == "internal.error"
    assert "ValueError: a bug, not the user" in finding["message"]["en"]
    assert done.returncode == 1  # not 2: nothing was wrong with how it was called


def test_a_fifo_list_nobody_writes_to_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    from disclosure_model import cli

    fifo = tmp_path / "list.fifo"
    os.mkfifo(fifo)
    monkeypatch.setattr(cli, "LIST_WRITER_TIMEOUT", 0.3)
    for command in ("validate", "series", "export", "stats"):
        start = time.monotonic()
        assert cli.main([command, "--files-from", str(fifo)]) == 2
        assert time.monotonic() - start < 10
        err = capsys.readouterr().err
        assert "a FIFO that no program wrote to in 0.3 s" in err, err
        assert "Traceback" not in err


def test_a_fifo_list_written_late_is_read(tmp_path: Path) -> None:
    # The writer opens the FIFO after the command does: the command waits for it.
    fifo = tmp_path / "list.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"sleep 1; echo '{SEED}' > '{fifo}'"])
    try:
        result = _run("validate", "--files-from", str(fifo))
        assert result.returncode == 0 and f"{SEED}: OK" in result.stdout, result.stderr
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait(timeout=20)


def test_a_device_as_the_list_is_a_usage_error() -> None:
    result = _run("validate", "--files-from", "/dev/zero")
    assert result.returncode == 2
    assert "/dev/zero: is a device or a socket, not a list of files" in result.stderr
    assert _run("validate", "--files-from", os.devnull).returncode == 0  # an empty list


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_named_in_a_list_is_checked_as_if_named_on_the_command_line(
    corpus: Path, tmp_path: Path, jobs: str
) -> None:
    # A listed path is looked at by the worker that reads it: a folder gives its files there.
    files = [str(SEED), str(corpus), str(tmp_path / "missing.json"), str(corpus / "empty")]
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
    listed = _run("validate", "--format", "jsonl", "--jobs", jobs, "--files-from", str(listing))
    named = _run("validate", "--format", "jsonl", "--jobs", "1", *files)
    assert listed.stdout == named.stdout and listed.returncode == named.returncode == 2
    sources = [line.get("source") for line in _jsonl(listed.stdout)[:-1]]
    assert sources[1:4] == [
        str(corpus / "a-clean.json"),
        str(corpus / "b-warning.json"),
        str(corpus / "nested" / "d-broken.json"),
    ]
    glob = _run("validate", "--format", "jsonl", "--glob", "*.txt", "--files-from", str(listing))
    assert str(corpus / "nested" / "notes.txt") in glob.stdout


def test_a_summary_merged_counts_as_the_outcomes_added_one_by_one() -> None:
    from disclosure_model.output import FAILING_SHOWN, Outcome, Status, Summary

    outcomes = [
        Outcome(
            source=f"r{i}.json",
            status=list(Status)[i % len(Status)],
            fails=i % 3 == 0,
            codes=(("T3-1", i % 2),) if i % 2 else (),
        )
        for i in range(4 * FAILING_SHOWN)
    ]
    one_by_one, merged = Summary(), Summary()
    for outcome in outcomes:
        one_by_one.add(outcome)
    for start in range(0, len(outcomes), 7):
        part = Summary()
        for outcome in outcomes[start : start + 7]:
            part.add(outcome)
        merged.merge(part)
    assert merged.to_dict() == one_by_one.to_dict() and merged.total == len(outcomes)
    assert len(merged.failing_names) == FAILING_SHOWN


def _square(n: int) -> int:
    return n * n


def _sum_run(values: list[int]) -> tuple[int, int]:
    return len(values), sum(values)


def _crash(n: int, exc: BaseException) -> int:
    return -1


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_map_combines_each_run_in_order(jobs: int) -> None:
    from disclosure_model.corpus import ordered_map

    runs = list(ordered_map(_square, range(1000), jobs=jobs, on_crash=_crash, combine=_sum_run))
    sizes = [n for n, _ in runs]
    # One job: each item a run of its own (out at once); several: runs that grow.
    assert sizes == ([1] * 1000 if jobs == 1 else [8, 16, 32, 64, 128, 256, 256, 240])
    assert sum(total for _, total in runs) == sum(n * n for n in range(1000))
    plain = list(ordered_map(_square, range(10), jobs=jobs, on_crash=_crash))
    assert plain == [n * n for n in range(10)]


def test_a_dying_worker_in_a_listed_folder_loses_only_its_own_file(tmp_path: Path) -> None:
    # A folder named in a list is expanded where the list is read, one input per file: a
    # worker that dies on one of them costs that file's result only.
    folder = tmp_path / "d"
    for name in ("a.json", "die.json", "z.json"):
        _write(folder / name, _doc())
    listing = tmp_path / "list.txt"
    listing.write_text(f"{folder}\n{SEED}\n", encoding="utf-8")
    command = [sys.executable, "-c", _PATCHED, "validate", "--jobs", "2", "--format", "jsonl"]
    done = subprocess.run(
        [*command, "--files-from", str(listing)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = _jsonl(done.stdout)
    assert [line["source"] for line in lines[:-1]] == [
        str(folder / "a.json"),
        str(folder / "die.json"),
        str(folder / "z.json"),
        str(SEED),
    ]
    assert [line["valid"] for line in lines[:-1]] == [True, False, True, True]
    assert lines[1]["findings"][0]["code"] == "internal.worker_crashed"
    assert lines[-1]["total"] == 4


def test_one_job_writes_each_result_as_soon_as_it_is_made(tmp_path: Path) -> None:
    # A list read as it is written (a program that finds reports one by one) gets each result
    # at once, not when a run of them is full.
    process = subprocess.Popen(
        [sys.executable, "-m", "disclosure_model", "validate", "--jobs", "1", "--files-from", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(f"{SEED}\n".encode())
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)  # the list is still open
        assert ready, "no result before the list ended"
        assert process.stdout.readline().decode().startswith(f"{SEED}: ")
    finally:
        process.stdin.close()
        process.stdout.read()
        process.wait(timeout=120)
    assert process.returncode == 0
