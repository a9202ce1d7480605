"""A chat server whose start fails shows why, in Bulgarian, and keeps serving the page (issue 9).

The server is started for real with a corpus folder that does not exist; the page and the API are
checked, and the page in headless chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_server import ALL, CHROMIUM, Server, chromium_page, start_server, wait_for_page

from assistant import messages

FAILED_PREFIX = messages.UI_START_FAILED.split("{reason}")[0].strip()


@pytest.fixture(scope="module")
def missing_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("failing") / "няма-корпус"


@pytest.fixture(scope="module")
def failed_server(missing_corpus: Path) -> Iterator[Server]:
    folder = missing_corpus.parent
    server = start_server(folder, {"ASSISTANT_CORPUS": str(missing_corpus), "ASSISTANT_INDEX": str(folder / "index")})
    try:
        wait_for_page(server)
        yield server
    finally:
        server.stop()


def test_a_question_is_told_why_the_assistant_cannot_start(failed_server: Server, missing_corpus: Path) -> None:
    """Not "the index is still building" forever: the Bulgarian reason, naming the folder."""
    from gradio_client import Client

    client = Client(failed_server.url, verbose=False)
    with pytest.raises(Exception) as raised:
        client.predict("детето ми заеква", [], ALL, ALL, api_name="/ask")
    said = str(raised.value)
    assert FAILED_PREFIX in said and messages.CORPUS_MISSING.format(folder=missing_corpus) in said
    assert messages.UI_NOT_READY not in said
    assert failed_server.process.poll() is None  # still serving the page
    assert "the index could not be opened" in failed_server.logs()  # the English detail is in the log


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium")
def test_the_page_shows_the_start_failure_and_what_to_do(failed_server: Server, missing_corpus: Path) -> None:
    from playwright.sync_api import expect

    with chromium_page() as page:
        page.goto(failed_server.url + "/")
        status = page.locator("#status")
        expect(status).to_contain_text(FAILED_PREFIX, timeout=60_000)
        expect(status).to_contain_text(missing_corpus.name)
        expect(status).to_contain_text("рестартирайте")
        page.screenshot(path=str(Path(__file__).parent / "artifacts" / "start-failure.png"))
