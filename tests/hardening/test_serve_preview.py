"""``make serve`` for an editor: live reload, and an invalid record's error at once (issue 20, item 10).

``mkdocs serve`` runs on a free loopback port over a temporary copy of the project. In Chromium:
the page's Content-Security-Policy lets the server's live-reload script run (it logs "Enabled
live reload"); saving a changed record reloads the open page with the change; saving an invalid
record reloads it onto a page with the error (file, line, field), and every other page answers
at once with the same error instead of waiting for a rebuild that cannot succeed; fixing the
record brings the site back. Every wait is for a condition, bounded (a full rebuild takes from
half a minute to a few minutes on a loaded machine).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.project import copy_project

pytestmark = pytest.mark.browser

BUILD_WAIT_S = 900  # bound for one full build of the real records on a busy machine
RECORD = "data/documents/2018/qzf-15.yaml"
TITLE = "title: 衢州市人民政府关于开展第四次经济普查的通知\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    tmp = tmp_path_factory.mktemp("serve")
    project = copy_project(tmp / "project")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    log = (tmp / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + BUILD_WAIT_S
        while True:
            assert server.poll() is None, (tmp / "serve.log").read_text(encoding="utf-8")
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(1)  # polling a starting server; the wait itself is bounded by the deadline
        yield project, url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _edit(project: Path, old: str, new: str) -> None:
    path = project / RECORD
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_live_reload_and_errors_in_the_browser(serve: tuple[Path, str], chromium) -> None:
    project, url = serve
    page = chromium.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    # the inline reload script the server injects runs under the page's CSP
    with page.expect_console_message(lambda message: "Enabled live reload" in message.text, timeout=60_000):
        page.goto(url + "2018/qzf-15/")
    assert not [m for m in console if "Content Security Policy" in m]

    # a saved change reloads the open page by itself
    _edit(project, TITLE, TITLE.replace("通知", "通知（修订稿）"))
    page.wait_for_function("() => document.title.includes('（修订稿）')", timeout=BUILD_WAIT_S * 1000)

    # an invalid record: the open page reloads onto the error, other pages answer at once
    _edit(project, "date: 2018-05-04\n", "date: 1525392000\n")
    page.wait_for_function("() => !!document.body && document.body.innerText.includes('记录有误')", timeout=BUILD_WAIT_S * 1000)
    text = page.inner_text("body")
    assert "data/documents/2018/qzf-15.yaml" in text and "date" in text and "YYYY-MM-DD" in text
    with urllib.request.urlopen(url + "2018/qzbf-33/", timeout=30) as response:
        assert "记录有误" in response.read().decode("utf-8")
    try:
        urllib.request.urlopen(url + "no/such/page/", timeout=30)
    except urllib.error.HTTPError as missing:
        assert missing.code == 404 and "记录有误" in missing.read().decode("utf-8")

    # fixed: the site comes back in the same tab
    _edit(project, "date: 1525392000\n", "date: 2018-05-04\n")
    page.wait_for_function("() => !!document.body && !document.body.innerText.includes('记录有误') && document.title.includes('（修订稿）')",
                           timeout=BUILD_WAIT_S * 1000)
    page.close()
