"""Plans added and removed while the chat runs: by the CLI and in the staff tab (issue 10).

A server of its own, on a copy of the corpus, with a staff password. The staff tab is driven in
headless Debian chromium; its screenshots are kept in tests/artifacts/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from plan_documents import write_docx
from ui_server import ALL, CHROMIUM, STARTUP_TIMEOUT, Server, running_server, start_server, wait_until_ready

from assistant import messages

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "тайна-парола-42"
SWAP_DEADLINE = 60.0  # seconds from `add` returning to the chat answering from the new plan
TRYAVNA_QUESTION = "има ли логопед за децата в Трявна"


@pytest.fixture(scope="module")
def staff_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("staff-server")
    shutil.copytree(REPO / "corpus", folder / "corpus")
    settings = {
        "ASSISTANT_CORPUS": str(folder / "corpus"), "ASSISTANT_INDEX": str(folder / "index"),
        "ASSISTANT_STAFF_PASSWORD": PASSWORD,
    }  # fmt: skip
    server = start_server(folder, settings)
    request.addfinalizer(server.stop)
    wait_until_ready(server, time.monotonic() + STARTUP_TIMEOUT)
    server.settings = settings  # type: ignore[attr-defined]
    yield server


@pytest.fixture(scope="module")
def tryavna_docx(plans, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tryavna-ui")
    return write_docx(folder / "tryavna-2026.docx", plans[2024].rows, "Трявна", 2026, "merged-rows")


def answer_text(server: Server, question: str) -> str:
    from gradio_client import Client

    history, _, _ = Client(server.url, verbose=False).predict(question, [], ALL, ALL, api_name="/ask")
    content = history[-1]["content"]
    return str(content[0]["text"] if isinstance(content, list) else content)


def cli(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **server.settings, "HF_HUB_OFFLINE": "1"}  # type: ignore[attr-defined]
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)  # fmt: skip


def test_a_plan_added_by_the_cli_is_answered_without_a_restart(staff_server, tryavna_docx):
    """While four users keep asking, `add` runs; within a minute the chat answers from the new plan,
    and every question asked meanwhile got an answer."""
    from gradio_client import Client

    failures: list[str] = []
    answered = [0]
    stop = threading.Event()

    def keep_asking() -> None:
        client = Client(staff_server.url, verbose=False)
        while not stop.is_set():
            try:
                client.predict("какво има за талантливи деца", [], ALL, ALL, api_name="/ask")
                answered[0] += 1
            except Exception as error:  # every failure is reported
                failures.append(repr(error))

    users = [threading.Thread(target=keep_asking) for _ in range(4)]
    for user in users:
        user.start()
    try:
        assert "община Трявна" not in answer_text(staff_server, TRYAVNA_QUESTION)
        done = cli(staff_server, "add", str(tryavna_docx))
        assert done.returncode == 0, done.stderr
        added = time.monotonic()
        while "община Трявна" not in answer_text(staff_server, TRYAVNA_QUESTION):
            assert time.monotonic() - added < SWAP_DEADLINE, "the running chat did not see the new plan"
            time.sleep(1.0)
    finally:
        stop.set()
        for user in users:
            user.join(timeout=120)
    assert not failures and answered[0] > 0
    removed = cli(staff_server, "remove", "--municipality", "Трявна", "--year", "2026")
    assert removed.returncode == 0, removed.stderr
    gone = time.monotonic()
    while "община Трявна" in answer_text(staff_server, TRYAVNA_QUESTION):
        assert time.monotonic() - gone < SWAP_DEADLINE, "the running chat still answers from a removed plan"
        time.sleep(1.0)


@pytest.fixture(scope="module")
def staff_page(staff_server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="bg-BG")
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(staff_server.url + "/")
        yield page
        context.close()
        browser.close()


@pytest.mark.browser
def test_staff_upload_preview_add_ask_and_remove_in_the_browser(staff_page, tryavna_docx, plans):
    from playwright.sync_api import expect

    page = staff_page
    page.get_by_role("tab", name=messages.STAFF_TAB).click()
    page.locator("#staff-password input").fill("грешна")
    page.locator("#staff-file input[type=file]").set_input_files(str(tryavna_docx))
    page.locator("#staff-check").click()
    expect(page.get_by_text(messages.STAFF_WRONG_PASSWORD).first).to_be_visible()
    page.locator("#staff-password input").fill(PASSWORD)
    page.locator("#staff-check").click()
    preview = page.locator("#staff-preview")
    expect(preview).to_contain_text(f"Община Трявна, план за 2026 г.: намерени {len(plans[2024].rows)} дейности.")
    page.screenshot(path=str(ARTIFACTS / "staff-1-preview.png"), full_page=True)
    page.locator("#staff-add").click()
    expect(page.locator("#staff-done")).to_contain_text("Добавен: план на община Трявна за 2026 г.")
    page.screenshot(path=str(ARTIFACTS / "staff-2-added.png"), full_page=True)

    page.get_by_role("tab", name=messages.UI_CHAT_TAB).click()
    bots = page.locator("#chat [data-testid='bot']")
    page.locator("#question textarea").fill(TRYAVNA_QUESTION)
    page.locator("#ask").click()
    expect(bots).to_have_count(1)
    expect(bots.last).to_contain_text("община Трявна за 2026 г.")
    page.screenshot(path=str(ARTIFACTS / "staff-3-answered.png"), full_page=True)

    page.get_by_role("tab", name=messages.STAFF_TAB).click()
    page.locator("#staff-plan input").click()
    page.get_by_role("option", name="Трявна 2026 г.").click()
    page.locator("#staff-remove").click()
    expect(page.locator("#staff-done")).to_contain_text("Премахнат: план на община Трявна за 2026 г.")
    page.screenshot(path=str(ARTIFACTS / "staff-4-removed.png"), full_page=True)


def test_parents_see_no_staff_tab(request, tmp_path_factory):
    """Without a staff password the page has no tabs and the upload route does not exist."""
    import urllib.error
    import urllib.request

    server = running_server(request, tmp_path_factory)
    with urllib.request.urlopen(server.url + "/config", timeout=10) as response:
        config = response.read().decode("utf-8")
    assert messages.STAFF_TAB not in config
    upload = urllib.request.Request(server.url + "/gradio_api/upload", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(upload, timeout=10)
    assert caught.value.code == 404


def test_wrong_staff_passwords_lock_the_staff_actions_for_a_while():
    """Five wrong passwords in a minute: every staff action refused (the right password too) until
    the oldest is a minute old."""
    import gradio as gr

    from assistant.staff import PasswordGuard

    now = [0.0]
    guard = PasswordGuard(PASSWORD, clock=lambda: now[0])
    guard.check(PASSWORD)
    for _ in range(PasswordGuard.MAX_WRONG):
        with pytest.raises(gr.Error, match="Грешна парола"):
            guard.check("не е тя")
        now[0] += 1.0
    with pytest.raises(gr.Error, match="Твърде много грешни пароли"):
        guard.check(PASSWORD)
    now[0] = PasswordGuard.WINDOW + 0.5
    guard.check(PASSWORD)


def test_uploads_are_limited_per_minute(staff_server):
    """The upload route (open to anyone when the staff tab is on) takes at most MAX_UPLOADS a minute.
    Last in this module: the limit it reaches would refuse the browser test's upload."""
    import urllib.error
    import urllib.request

    from assistant.ui import MinimalSurface

    codes = []
    for _ in range(MinimalSurface.MAX_UPLOADS + 1):
        upload = urllib.request.Request(staff_server.url + "/gradio_api/upload", data=b"x", method="POST")
        try:
            with urllib.request.urlopen(upload, timeout=10) as response:
                codes.append(response.status)
        except urllib.error.HTTPError as error:
            codes.append(error.code)
    first_refused = codes.index(429)  # the browser test's uploads of this minute count too
    assert first_refused > MinimalSurface.MAX_UPLOADS // 2 and set(codes[first_refused:]) == {429}
