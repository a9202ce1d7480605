"""Text from a plan or a question is shown as written: never Markdown, never a request (issue 9).

A plan cell and a question carrying an image, bold and a link in Markdown are shown through the
real server in headless chromium while a loopback listener counts every request the page makes to
the addresses they name: there must be none.
"""

from __future__ import annotations

import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_server import CHROMIUM, CORPUS, STARTUP_TIMEOUT, Server, chromium_page, start_server, wait_until_ready

ANCHOR = "Прилагане ефективни форми"  # the start of a 2023 activity the hostile text goes into

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
]


class Listener:
    """A loopback HTTP server that records every path requested from it."""

    def __init__(self) -> None:
        requested = self.requested = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                requested.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("markup")
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    plan = corpus / "kazanlak-2023.txt"
    hostile = f"![x]({listener.url}/plan.png) **жирно** [връзка]({listener.url}/link) <{listener.url}/auto> "
    text = plan.read_text(encoding="utf-8")
    assert ANCHOR in text
    plan.write_text(text.replace(ANCHOR, hostile + ANCHOR, 1), encoding="utf-8")
    server = start_server(folder, {"ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(folder / "index")})
    try:
        wait_until_ready(server, time.monotonic() + STARTUP_TIMEOUT)
        yield server
    finally:
        server.stop()


def test_markdown_in_a_plan_cell_and_in_a_question_is_shown_literally_and_fetches_nothing(
    hostile_server: Server, listener: Listener
) -> None:
    from playwright.sync_api import expect

    question = f"**важно** ![q]({listener.url}/question.png) комуникация между училището и семейството 2023"
    with chromium_page() as page:
        page.goto(hostile_server.url + "/")
        page.locator("#question textarea").fill(question)
        page.locator("#ask").click()
        bot = page.locator("#chat [data-testid='bot']").last
        expect(bot).to_contain_text("[1]", timeout=60_000)
        expect(bot).to_contain_text(f"![x]({listener.url}/plan.png)")
        expect(bot).to_contain_text("**жирно**")
        user = page.locator("#chat [data-testid='user']").last
        expect(user).to_contain_text(f"**важно** ![q]({listener.url}/question.png)")
        chat = page.locator("#chat")
        assert chat.locator("img").count() == 0
        assert chat.locator(f"a[href^='{listener.url}']").count() == 0
        assert chat.locator("strong", has_text="жирно").count() == 0
        assert chat.locator("strong", has_text="важно").count() == 0
        page.wait_for_timeout(1500)  # give any image or prefetch the time to leave
        page.screenshot(path=str(Path(__file__).parent / "artifacts" / "markup-literal.png"))
    assert listener.requested == [], f"the page fetched {listener.requested}"
