"""The chat page in headless Debian chromium (Playwright): a parent's session, step by step.

The steps share one page and run in file order; each keeps a screenshot in tests/artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_server import Server, running_server

from assistant import messages

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
STEP_TIMEOUT = 30_000  # ms

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian chromium is not installed at /usr/bin/chromium "
        "(apt-get install -y chromium); Playwright's own browser download is not used",
    ),  # fmt: skip
]


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Server:
    return running_server(request, tmp_path_factory)


@pytest.fixture(scope="module")
def page(server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="bg-BG")
        context.set_default_timeout(STEP_TIMEOUT)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(server.url + "/")
        yield tab
        context.close()
        browser.close()
        assert not errors, f"JavaScript errors on the page: {errors}"


def shot(page: Any, name: str, full_page: bool = False) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def ask(page: Any, question: str) -> Any:
    """Type a question, press „Попитай“ and return the new (last) bot message once it appears."""
    from playwright.sync_api import expect

    bots = page.locator("#chat [data-testid='bot']")
    before = bots.count()
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    expect(bots).to_have_count(before + 1, timeout=STEP_TIMEOUT)
    expect(page.locator("#question textarea")).to_have_value("", timeout=STEP_TIMEOUT)
    answer = bots.last
    # the chat stays where the reader left it (e.g. at [1] of an earlier answer), so bring the new
    # answer into view for the screenshot
    answer.evaluate("el => el.scrollIntoView({block: 'start'})")
    return answer


def test_page_opens_with_bulgarian_title_and_about_note(page: Any) -> None:
    """The page shows the Bulgarian title, the about note and, once loaded, the ready status."""
    from playwright.sync_api import expect

    try:
        expect(page).to_have_title(messages.UI_TITLE)
        expect(page.locator("#about h1")).to_have_text(messages.UI_TITLE)
        expect(page.locator("#about")).to_contain_text("плановете за подкрепа за личностно развитие")
        expect(page.locator("#about")).to_contain_text("Асистентът не дава съвети извън плановете")
        expect(page.locator("#status")).to_contain_text("Готово", timeout=STEP_TIMEOUT)
        # which plans are loaded comes from the corpus, not from the page's text
        expect(page.locator("#status")).to_contain_text("Казанлък 2023 г., Казанлък 2024 г.")
        expect(page.locator("#sources")).to_contain_text(messages.UI_SOURCES_EMPTY)
        expect(page.locator("#ask")).to_have_text(messages.UI_ASK)
    finally:
        shot(page, "01-page-open")


def test_parent_question_gets_answer_with_citation_links(page: Any) -> None:
    """A parent's question about gifted children is answered in the chat with clickable [n] links."""
    from playwright.sync_api import expect

    try:
        answer = ask(page, "какво има за талантливи деца")
        expect(answer).to_contain_text(re.compile("изявени дарби|талантливи"))
        expect(answer.locator("a.cite").first).to_have_text("[1]")
        expect(page.locator("#sources #source-1")).to_be_attached()
    finally:
        shot(page, "02-answer-with-citations")


def test_clicking_a_citation_highlights_its_source_row(page: Any) -> None:
    """Clicking [1] marks row 1 in the sources panel as active and shows its fields."""
    from playwright.sync_api import expect

    try:
        row = page.locator("#source-1")
        # the sources panel may still be re-rendered from the last answer (a busy machine): a click
        # before that is undone by it, as a user's would be, so click again as a user would
        for _ in range(3):
            page.locator("#chat a.cite").first.click()
            try:
                expect(row).to_have_class(re.compile(r"\bactive\b"), timeout=3000)
                break
            except AssertionError:
                continue
        expect(row).to_have_class(re.compile(r"\bactive\b"))
        expect(row).to_contain_text(messages.UI_FIELD_ACTIVITY)
        expect(row).to_contain_text(messages.UI_FIELD_RESPONSIBLE)
        expect(page.locator("#sources .source.active")).to_have_count(1)
        assert "#source-" not in page.url  # the click is handled on the page, not followed as a link
        second = page.locator("#chat a.cite", has_text="[2]").first
        if second.count():  # another marker moves the highlight
            second.click()
            expect(page.locator("#source-2")).to_have_class(re.compile(r"\bactive\b"))
            expect(row).not_to_have_class(re.compile(r"\bactive\b"))
            page.locator("#chat a.cite").first.click()
            expect(row).to_have_class(re.compile(r"\bactive\b"))
    finally:
        shot(page, "03-citation-clicked")


def test_year_filter_2023_makes_the_answer_cite_the_2023_plan(page: Any) -> None:
    """Choosing 2023 in the year dropdown and asking again answers from the 2023 plan."""
    from playwright.sync_api import expect

    try:
        page.locator("#year-filter input").click()
        page.get_by_role("option", name="2023", exact=True).click()
        expect(page.locator("#year-filter input")).to_have_value("2023")
        answer = ask(page, "какво има за талантливи деца")
        expect(answer).to_contain_text("плана на община Казанлък за 2023 г.")
        expect(page.locator("#sources")).not_to_contain_text("план 2024 г.")
    finally:
        shot(page, "04-year-2023")


def test_uncovered_question_says_the_plans_do_not_cover_it(page: Any) -> None:
    """A question outside the plans gets the plain "not covered" answer and an empty sources panel."""
    from playwright.sync_api import expect

    try:
        answer = ask(page, "кога е пролетната ваканция")
        expect(answer).to_contain_text("Плановете не покриват този въпрос")
        expect(answer.locator("a.cite")).to_have_count(0)
        expect(page.locator("#sources")).to_contain_text(messages.UI_SOURCES_EMPTY)
    finally:
        shot(page, "05-not-covered")


def test_clear_empties_the_chat_and_sources(page: Any) -> None:
    """„Изчисти“ removes the conversation and the cited rows."""
    from playwright.sync_api import expect

    try:
        page.locator("#clear").click()
        expect(page.locator("#chat [data-testid='bot']")).to_have_count(0)
        expect(page.locator("#sources")).to_contain_text(messages.UI_SOURCES_EMPTY)
    finally:
        shot(page, "06-cleared")


def test_a_whole_plan_answer_lists_every_row_with_downloads(page: Any, plans) -> None:
    """„всички дейности на МКБППМН“: every row, the count, and the rows as CSV, print page and .ics."""
    import base64

    from playwright.sync_api import expect

    wanted = [r for r in plans[max(plans)].rows if "МКБППМН" in r.responsible]
    try:
        answer = ask(page, "всички дейности на МКБППМН")
        expect(answer).to_contain_text(f"{len(wanted)} дейности")
        expect(answer.locator("a.cite")).to_have_count(len(wanted))
        csv_link = page.locator("#sources #download-csv")
        expect(csv_link).to_have_attribute("download", "plan-rows.csv")
        data = csv_link.get_attribute("href") or ""
        text = base64.b64decode(data.split("base64,", 1)[1]).decode("utf-8")
        assert text.startswith("\ufeffОбщина") and len(text.strip().splitlines()) == len(wanted) + 1
        expect(page.locator("#sources #download-ics")).to_have_attribute("download", "plan-deadlines.ics")
        expect(page.locator("#sources #download-print")).to_be_visible()
    finally:
        shot(page, "07-whole-plan", full_page=True)


def test_a_long_list_shows_each_measure_folded_under_its_heading(page: Any, plans) -> None:
    """„какви дейности има по оперативна цел 1“: one fold per measure with its count, the first
    open; opening another shows its rows and their citation links."""
    from playwright.sync_api import expect

    measures = sorted({r.measure for r in plans[max(plans)].rows if r.goal == 1})
    try:
        answer = ask(page, "какви дейности има по оперативна цел 1")
        groups = answer.locator("details.group")
        expect(groups).to_have_count(len(measures))
        expect(groups.first).to_have_attribute("open", "")
        second = groups.nth(1)
        expect(second.locator("a.cite").first).to_be_hidden()
        second.locator("summary").click()
        expect(second.locator("a.cite").first).to_be_visible()
    finally:
        shot(page, "07b-long-list-folded")


def test_the_timeline_shows_what_is_due_when_with_a_calendar_file(page: Any) -> None:
    from playwright.sync_api import expect

    try:
        page.locator("#timeline").get_by_text(messages.UI_TIMELINE).click()
        page.locator("#timeline-plan input").click()
        page.get_by_role("option", name="Казанлък 2024 г.").click()
        table = page.locator("#timeline-table")
        expect(table).to_contain_text("2024-12-31")
        expect(page.locator("#timeline-ics")).to_have_attribute("download", "plan-deadlines.ics")
        assert (page.locator("#timeline-ics").get_attribute("href") or "").startswith("data:text/calendar")
    finally:
        shot(page, "08-timeline", full_page=True)


def test_a_parent_gets_short_lines_and_whom_to_ask(page: Any) -> None:
    """Choosing „родител“ leads with what the child can get and whom to ask; the rows stay cited."""
    from playwright.sync_api import expect

    try:
        page.locator("#audience").get_by_text("родител", exact=True).click()
        answer = ask(page, "какво има за талантливи деца")
        expect(answer).to_contain_text("Какво може да получи детето")
        expect(answer).to_contain_text("За помощ се обърнете към тези, които отговарят")
        expect(answer.locator("a.cite").first).to_be_visible()
    finally:
        shot(page, "09-parent-mode")
        page.locator("#audience").get_by_text("без значение", exact=True).click()


def test_staff_see_what_changed_between_two_years(page: Any) -> None:
    from playwright.sync_api import expect

    try:
        page.locator("#changes").get_by_text(messages.UI_CHANGES).click()
        page.locator("#changes-before input").click()
        page.get_by_role("option", name="Казанлък 2023 г.").last.click()
        page.locator("#changes-after input").click()
        page.get_by_role("option", name="Казанлък 2024 г.").last.click()  # the list just opened
        table = page.locator("#changes-table")
        expect(table).to_contain_text("Промени: 11.")
        expect(table).to_contain_text("Организирани мероприятия")
    finally:
        shot(page, "10-changes", full_page=True)
