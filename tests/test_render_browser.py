"""The rendered form in a real headless browser (Chromium): drawn, coloured, printed on A4.

Chromium is driven over its DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON
messages on file descriptors 3 and 4), so no extra client library and no network port is needed.
The test skips, saying why, where no Chromium is installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from disclosure_model import validate_document

from .conftest import EXAMPLES

pytest.importorskip("jinja2", reason="rendering needs the 'render' extra (jinja2)")
Image = pytest.importorskip("PIL.Image", reason="reading screenshots needs pillow (test extra)")
pypdf = pytest.importorskip("pypdf", reason="counting PDF pages needs pypdf (test extra)")

from disclosure_model.render import render_html  # noqa: E402

BROWSER = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None
)
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium on this machine (apt-get install chromium; .ci/run installs it)",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


class Chromium:
    """A headless Chromium driven over the DevTools protocol on a pipe."""

    def __init__(self, executable: str, profile: str) -> None:
        to_browser, self._out = os.pipe()
        self._in, from_browser = os.pipe()

        def fds() -> None:  # the browser reads commands on fd 3 and answers on fd 4
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            preexec_fn=fds,  # noqa: PLW1509 - the fds must be 3 and 4; no threads run here
            pass_fds=(3, 4),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self._events: list[dict[str, Any]] = []

    def _message(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer")
            ready, _, _ = select.select([self._in], [], [], left)
            if ready:
                chunk = os.read(self._in, 1 << 20)
                if not chunk:
                    raise EOFError("Chromium closed its pipe")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        found: dict[str, Any] = json.loads(message)
        return found

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its result (events that arrive meanwhile are kept)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message(60)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result
            self._events.append(answer)

    def wait_for(self, event: str, timeout: float = 60) -> None:
        """Wait until ``event`` has arrived."""
        for index, seen in enumerate(self._events):
            if seen.get("method") == event:
                del self._events[index]
                return
        while self._message(timeout).get("method") != event:
            pass

    def close(self) -> None:
        """Close the browser and wait for it."""
        with contextlib.suppress(OSError, EOFError, TimeoutError, RuntimeError):
            self.call("Browser.close")
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(20)
        os.close(self._out)
        os.close(self._in)


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    assert BROWSER is not None
    profile = tempfile.mkdtemp(prefix="render-chromium-")
    chromium = Chromium(BROWSER, profile)
    try:
        yield chromium
    finally:
        chromium.close()
        shutil.rmtree(profile, ignore_errors=True)


class Page:
    """One rendered page loaded in a tab of a given width."""

    def __init__(self, browser: Chromium, path: Path, width: int) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = browser.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        browser.call("Page.enable", session=self.session)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session=self.session,
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        browser.call("Page.navigate", session=self.session, url=path.as_uri())
        browser.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page (DevTools, not a page script)."""
        found = self.browser.call(
            "Runtime.evaluate",
            session=self.session,
            expression=f"JSON.stringify({expression})",
            returnByValue=True,
        )
        return json.loads(found["result"]["value"])

    def screenshot(self) -> Any:
        """The whole page as a PIL image."""
        shot = self.browser.call(
            "Page.captureScreenshot", session=self.session, format="png", captureBeyondViewport=True
        )
        return Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")

    def pdf(self, scale: float = 1) -> bytes:
        """The page printed to PDF with its own @page size (A4), optionally magnified."""
        printed = self.browser.call(
            "Page.printToPDF",
            session=self.session,
            printBackground=True,
            preferCSSPageSize=True,
            scale=scale,
        )
        return base64.b64decode(printed["data"])


def _css_colour(name: str) -> tuple[int, int, int]:
    """A colour of the page's stylesheet, read from the CSS the renderer ships."""
    from importlib.resources import files

    css = (files("disclosure_model.render") / "templates" / "report.css").read_text("utf-8")
    match = re.search(rf"--{name}:\s*#([0-9a-f]{{6}})", css)
    assert match, name
    value = match.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _seed(tmp_path: Path) -> Path:
    text = (EXAMPLES / "zhuji-emergency-2020.json").read_bytes()
    result = validate_document(text)
    assert result.report is not None
    path = tmp_path / "seed.html"
    path.write_text(render_html(result.report, result.findings), encoding="utf-8")
    return path


BROKEN_CELL = "/requests/carried_forward/natural_person"
CLEAN_CELL = "/requests/new_received/natural_person"


def _broken(tmp_path: Path) -> Path:
    data = json.loads((EXAMPLES / "example-city-2023.json").read_text(encoding="utf-8"))
    data["requests"]["carried_forward"]["natural_person"] = 60  # R1 + R2 ≠ R3.7 + R4: T3-1
    result = validate_document(json.dumps(data, ensure_ascii=False))
    assert result.report is not None
    assert any(f.pointer == BROKEN_CELL and f.is_error for f in result.findings)
    path = tmp_path / "broken.html"
    path.write_text(render_html(result.report, result.findings), encoding="utf-8")
    return path


def _variety(image: Any) -> tuple[int, float]:
    """Distinct colours, and the share of pixels that are not white."""
    small = image.resize((image.width // 4 or 1, image.height // 4 or 1))
    counts = small.getcolors(maxcolors=small.width * small.height)
    white = sum(n for n, colour in counts if colour == (255, 255, 255))
    return len(counts), 1 - white / (small.width * small.height)


def _pages_holding(pdf: bytes, texts: list[str]) -> list[set[int]]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]
    return [{i for i, page in enumerate(pages) if text in page} for text in texts]


def test_seed_report_is_drawn_and_prints_on_a4(browser: Chromium, tmp_path: Path) -> None:
    page = Page(browser, _seed(tmp_path), 1000)
    image = page.screenshot()
    image.save(tmp_path / "seed.png")
    colours, inked = _variety(image)
    assert colours > 50 and inked > 0.05, (colours, inked)  # not blank: text, rules, headers
    # the page is as wide as the window: nothing pushes it sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 1000
    pdf = page.pdf()
    (tmp_path / "seed.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    # The seed (a long 总体情况, the 2019 tables) prints on 4 A4 pages: the title block and
    # 总体情况 on page 1, Table 二 whole on page 2 (it does not fit below the prose, so it is
    # moved, not split), Tables 三 and 四 on page 3, sections 五, 六 and the findings on page 4.
    assert len(reader.pages) == 4
    (table_2,) = _pages_holding(pdf, ["第二十条第（九）项"])
    (table_3,) = _pages_holding(pdf, ["（本列数据的勾稽关系为"])
    assert (table_2, table_3) == ({1}, {2})
    first, last = _pages_holding(pdf, ["第二十条第（一）项", "政府集中采购"])
    assert first == last and len(first) == 1, "Table 二 split over pages"
    first, last = _pages_holding(pdf, ["申请人情况", "四、结转下年度继续办理"])
    assert first == last and len(first) == 1, "Table 三 split over pages"
    first, last = _pages_holding(pdf, ["未经复议直接起诉", "复议后起诉"])
    assert first == last and len(first) == 1, "Table 四 split over pages"


def test_flagged_cell_has_its_severity_colour(browser: Chromium, tmp_path: Path) -> None:
    page = Page(browser, _broken(tmp_path), 1000)
    image = page.screenshot()
    image.save(tmp_path / "broken.png")
    error = _css_colour("error")
    for pointer, colour in ((BROKEN_CELL, error), (CLEAN_CELL, (255, 255, 255))):
        box = page.evaluate(
            f"document.querySelector('[data-pointer=\"{pointer}\"]').getBoundingClientRect()"
            ".toJSON()"
        )
        style = page.evaluate(
            f"getComputedStyle(document.querySelector('[data-pointer=\"{pointer}\"]'))"
            ".backgroundColor"
        )
        if colour != (255, 255, 255):
            assert style == "rgb({}, {}, {})".format(*colour)
        # a pixel inside the cell, left of its right-aligned number and inside its edge
        x = int(box["left"] + 6)
        y = int(box["top"] + box["height"] / 2)
        assert image.getpixel((x, y)) == colour, (pointer, box)
    # the flagged cell's edge is drawn in the severity's edge colour
    box = page.evaluate(
        f"document.querySelector('[data-pointer=\"{BROKEN_CELL}\"]').getBoundingClientRect()"
        ".toJSON()"
    )
    edge = image.getpixel((int(box["left"] + 1), int(box["top"] + box["height"] / 2)))
    assert edge == _css_colour("error-edge"), edge
    # under the wrong value, what it should be (drawn by CSS from data-expected)
    hint = page.evaluate(
        f"getComputedStyle(document.querySelector('[data-pointer=\"{BROKEN_CELL}\"]'), '::after')"
        ".content"
    )
    assert hint == '"应为 6"', hint
    pdf = page.pdf()
    (tmp_path / "broken.pdf").write_bytes(pdf)
    # Short prose and the 2021 tables: the title block, 一 and Table 二 on page 1, Table 三
    # whole on page 2, Table 四, 五, 六 and the two findings on page 3.
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 3
    (table_3,) = _pages_holding(pdf, ["（本列数据的勾稽关系为"])
    (findings,) = _pages_holding(pdf, ["表三“自然人”列不平衡"])
    assert (table_3, findings) == ({1}, {2})


def test_tables_scroll_sideways_on_a_phone(browser: Chromium, tmp_path: Path) -> None:
    page = Page(browser, _broken(tmp_path), 375)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the page does not
    widths = page.evaluate(
        "[...document.querySelectorAll('.table-wrap')].map(e => [e.scrollWidth, e.clientWidth])"
    )
    assert widths and all(client <= 375 for _, client in widths)
    assert any(scroll > client for scroll, client in widths)  # the tables do


def test_a_table_longer_than_a_page_repeats_its_headers(browser: Chromium, tmp_path: Path) -> None:
    """Printed at 1.6 times the size, Table 三 cannot fit a page: it breaks, and its header rows
    (申请人情况 …) are printed again at the top of every page it runs over."""
    page = Page(browser, _seed(tmp_path), 1000)
    pdf = page.pdf(scale=1.6)
    header, first_row, last_row = _pages_holding(
        pdf, ["申请人情况", "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理"]
    )
    (first,) = first_row
    (last,) = last_row
    assert last > first, "Table 三 fits a page even magnified"
    assert set(range(first, last + 1)) <= header
