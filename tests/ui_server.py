"""The real chat server for UI tests: `python -m assistant serve` in a subprocess, one per session.

Not a conftest (others edit that): test modules call `running_server(request, tmp_path_factory)`
from a session-scoped fixture. The server is started once and shared by every module that asks
for it, and stopped when the pytest session ends.
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright's own browser download is not used
STARTUP_TIMEOUT = 180.0  # the index builds in ~5 s; the model load and imports take the rest
ALL = "Всички"  # the filters' "no filter" choice (assistant.ui.ALL)


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path

    def logs(self) -> str:
        out = self.stdout.read_text(encoding="utf-8", errors="replace") if self.stdout.exists() else ""
        err = self.stderr.read_text(encoding="utf-8", errors="replace") if self.stderr.exists() else ""
        return f"--- server stdout ---\n{out[-5000:]}\n--- server stderr ---\n{err[-10000:]}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


_server: Server | None = None
_failure: str | None = None  # a failed start is reported to every later test, not retried


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fail(server: Server, why: str) -> None:
    global _failure
    server.stop()
    _failure = f"{why}\n{server.logs()}"
    pytest.fail(_failure, pytrace=False)


def _page_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/", timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def wait_until_ready(server: Server, deadline: float) -> None:
    """GET / answers 200, then one real question through /ask returns an answer."""
    from gradio_client import Client

    while not _page_answers(server.url):
        if server.process.poll() is not None:
            _fail(server, f"the server exited with code {server.process.returncode} before serving /")
        if time.monotonic() > deadline:
            _fail(server, f"the server did not answer GET / within {STARTUP_TIMEOUT:.0f} s")
        time.sleep(0.3)
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            _fail(server, f"the server exited with code {server.process.returncode} while loading the index")
        try:
            client = Client(server.url, verbose=False)
            # /ask waits for the index itself (up to 120 s), so one call usually suffices
            job = client.submit("какво има за талантливи деца", [], ALL, ALL, api_name="/ask")
            job.result(timeout=max(1.0, deadline - time.monotonic()))
            return
        except Exception as error:  # not ready yet ("Индексът още се изгражда"), or a restart
            last_error = error
            time.sleep(1.0)
    _fail(server, f"/ask did not answer within {STARTUP_TIMEOUT:.0f} s (last error: {last_error!r})")


def running_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Server:
    """The shared server, started on first use with its own index folder."""
    global _server
    if _failure is not None:
        pytest.fail(_failure, pytrace=False)
    if _server is not None:
        if _server.process.poll() is not None:
            pytest.fail(f"the UI server died during the session\n{_server.logs()}", pytrace=False)
        return _server
    folder = tmp_path_factory.mktemp("ui-server")
    server = start_server(folder, {"ASSISTANT_INDEX": str(folder / "index"), "ASSISTANT_CORPUS": str(CORPUS)})
    request.config.add_cleanup(server.stop)
    wait_until_ready(server, time.monotonic() + STARTUP_TIMEOUT)
    _server = server
    return server


def start_server(folder: Path, settings: dict[str, str]) -> Server:
    """`python -m assistant serve` on a free port with `settings` (ASSISTANT_* variables); logs in `folder`.

    Returns at once: the caller waits for what it needs (see `wait_for_page`)."""
    env = {
        **os.environ, **settings, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1",
    }  # fmt: skip
    port = _free_port()
    stdout, stderr = folder / "stdout.log", folder / "stderr.log"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=REPO, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    return Server(f"http://127.0.0.1:{port}", process, stdout, stderr)


def wait_for_page(server: Server, timeout: float = STARTUP_TIMEOUT) -> None:
    """Until GET / answers 200 (the page is served while the index loads, or after it failed)."""
    deadline = time.monotonic() + timeout
    while not _page_answers(server.url):
        if server.process.poll() is not None:
            pytest.fail(f"the server exited with code {server.process.returncode}\n{server.logs()}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"the server did not answer GET / within {timeout:.0f} s\n{server.logs()}", pytrace=False)
        time.sleep(0.3)


@contextmanager
def chromium_page() -> Iterator[Any]:
    """A page of headless Debian chromium (Playwright), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        try:
            yield browser.new_page(locale="bg-BG")
        finally:
            browser.close()
