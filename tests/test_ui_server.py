"""The chat server end to end through its API (gradio_client), plus the UI's pure helpers."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from ui_server import ALL, CORPUS, Server, running_server

from assistant import messages

PARENT_QUESTION = "Детето ми заеква. Кой ще му помогне?"
UNCOVERED_QUESTION = "Колко струва таксата за детска градина?"
CYRILLIC = re.compile(r"[А-Яа-я]")
_SOURCE_BLOCK = re.compile(r'<details class="source" id="source-(\d+)"[^>]*>(.*?)</details>', re.S)
_FIELD = re.compile(r"<dt>(.*?)</dt><dd>(.*?)</dd>", re.S)


@pytest.fixture(scope="session")
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Server:
    return running_server(request, tmp_path_factory)


@pytest.fixture(scope="session")
def client(server: Server) -> Any:
    from gradio_client import Client

    return Client(server.url, verbose=False)


@pytest.fixture(scope="session")
def corpus_rows() -> dict[str, Any]:
    """Every row of the bundled plans, keyed by its source "file:start-end"."""
    from assistant.parse import load_corpus

    return {str(row.source): row for plan in load_corpus(CORPUS) for row in plan.rows}


@pytest.fixture(scope="session")
def institutions() -> list[str]:
    """The responsible institutions named in the bundled plans (what the retriever uses)."""
    from assistant.parse import load_corpus

    return sorted({name for plan in load_corpus(CORPUS) for row in plan.rows for name in row.responsible})


def ask(
    client: Any, question: str, year: str = ALL, institution: str = ALL
) -> tuple[str, str, str, list[Any]]:
    """(answer html, question box after asking, sources html, history) for one fresh question."""
    history, box, sources = client.predict(question, [], year, institution, api_name="/ask")
    assert [m["role"] for m in history] == ["user", "assistant"]
    return text_of(history[-1]), box, sources, history


def text_of(message: dict[str, Any]) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def source_blocks(sources: str) -> dict[int, dict[str, str]]:
    """{n: {field label: value}} for every row shown in the sources panel."""
    return {
        int(n): {html.unescape(label): html.unescape(value) for label, value in _FIELD.findall(body)}
        for n, body in _SOURCE_BLOCK.findall(sources)
    }


def test_parent_question_gets_cited_bulgarian_answer_and_full_source_rows(
    client: Any, corpus_rows: dict[str, Any]
) -> None:
    """A parent's question is answered in Bulgarian with [n] markers, and row 1 is shown in full."""
    answer, box, sources, history = ask(client, PARENT_QUESTION)
    assert html.unescape(text_of(history[0])) == PARENT_QUESTION  # shown literally (entities)
    assert box == ""  # the question box is cleared for the next question
    assert len(CYRILLIC.findall(answer)) > 50
    assert "Плановете не покриват" not in answer
    assert '<a class="cite" href="#source-1">&#91;1&#93;</a>' in answer
    assert 'id="source-1"' in sources

    blocks = source_blocks(sources)
    cited = {int(n) for n in re.findall(r'href="#source-(\d+)"', answer)}
    assert cited == set(blocks), "every marker has its row in the panel, and only cited rows are shown"
    first = blocks[1]
    for label in (messages.UI_FIELD_ACTIVITY, messages.UI_FIELD_DEADLINE, messages.UI_FIELD_RESPONSIBLE,
                  messages.UI_FIELD_RESULTS, messages.UI_FIELD_FUNDING, messages.UI_FIELD_SOURCE):  # fmt: skip
        assert first.get(label), f"source-1 lacks „{label}“: {first}"
    row = corpus_rows[first[messages.UI_FIELD_SOURCE]]  # the panel shows the plan's row verbatim
    assert first[messages.UI_FIELD_ACTIVITY] == row.activity
    assert first[messages.UI_FIELD_DEADLINE] == row.deadline
    assert first[messages.UI_FIELD_RESPONSIBLE] == ", ".join(row.responsible)
    assert first[messages.UI_FIELD_RESULTS] == row.results
    assert first[messages.UI_FIELD_FUNDING] == (row.funding or messages.FUNDING_EMPTY)
    line_of_1 = next(line for line in answer.split("<br>") if 'href="#source-1"' in line)
    assert f"„{row.activity}“" in html.unescape(line_of_1)  # [1] quotes that row's activity


def test_uncovered_question_gets_plain_not_covered_answer_without_citations(client: Any) -> None:
    """A question the plans do not cover gets the plain "not covered" answer and no cited rows."""
    answer, _, sources, _ = ask(client, UNCOVERED_QUESTION)
    assert html.unescape(answer).startswith(messages.ANSWER_NOT_COVERED)
    assert "Плановете не покриват този въпрос" in answer
    assert 'class="cite"' not in answer and not re.search(r"\[\d+\]", answer)
    assert "source-" not in sources
    assert sources == f"<p>{html.escape(messages.UI_SOURCES_EMPTY)}</p>"


def test_year_filter_2023_answers_from_the_2023_plan(client: Any) -> None:
    """With the year filter on 2023 the answer cites only the 2023 plan."""
    unfiltered, _, _, _ = ask(client, PARENT_QUESTION)
    answer, _, sources, _ = ask(client, PARENT_QUESTION, year="2023")
    assert "плана на община Казанлък за 2024 г." in html.unescape(unfiltered)  # without the filter the latest plan leads
    assert "плана на община Казанлък за 2023 г." in html.unescape(answer)
    assert "2024 г." not in answer.split("<br>")[0]
    blocks = source_blocks(sources)
    assert blocks
    assert all(b[messages.UI_FIELD_SOURCE].startswith("kazanlak-2023") for b in blocks.values()), blocks
    assert "План 2024 г." not in sources


def test_institution_filter_keeps_only_that_institutions_rows(client: Any) -> None:
    """The institution filter (a custom value through the API) shows only that institution's rows."""
    _, _, sources, _ = ask(client, "какво има за талантливи деца", institution="Община Казанлък")
    blocks = source_blocks(sources)
    assert blocks
    assert all("Община Казанлък" in b[messages.UI_FIELD_RESPONSIBLE] for b in blocks.values()), blocks


def test_question_html_is_shown_as_text_in_the_chat(client: Any) -> None:
    """Markup typed into the question is escaped in the chat history, never rendered."""
    _, _, _, history = ask(client, "<img src=x onerror=alert(1)> кога е ваканцията")
    user = text_of(history[0])
    assert "<img" not in user
    assert html.unescape(user).startswith("<img src=x onerror=alert(1)>")  # shown as text


def test_empty_question_is_refused_with_bulgarian_message(client: Any) -> None:
    """An empty (or blank) question raises an error whose message is the Bulgarian hint."""
    from gradio_client.exceptions import AppError

    for blank in ("", "   \n "):
        with pytest.raises(AppError) as raised:
            client.predict(blank, [], ALL, ALL, api_name="/ask")
        assert messages.QUESTION_EMPTY in str(raised.value)


def test_too_long_question_is_refused_with_bulgarian_message(client: Any) -> None:
    """A question over the length limit is refused with the Bulgarian "too long" message."""
    from gradio_client.exceptions import AppError

    from assistant.understand import MAX_QUESTION_CHARS

    with pytest.raises(AppError) as raised:
        client.predict("а" * (MAX_QUESTION_CHARS + 1), [], ALL, ALL, api_name="/ask")
    too_long = messages.QUESTION_TOO_LONG.format(length=MAX_QUESTION_CHARS + 1, limit=MAX_QUESTION_CHARS)
    assert too_long in str(raised.value)


# --- follow-ups: the API carries no gr.State, so the chat's resolver is tested directly ---------


def test_follow_up_with_only_a_year_repeats_the_question_for_that_year(institutions: list[str]) -> None:
    """ "а за 2023?" after a question asks the same question of the 2023 plan."""
    from assistant.conversation import resolve

    first = resolve(PARENT_QUESTION, None, institutions)
    follow = resolve("а за 2023?", first, institutions)
    assert follow.question == PARENT_QUESTION
    assert follow.year == 2023
    assert follow.institution is None


def test_follow_up_about_this_keeps_the_previous_topic(institutions: list[str]) -> None:
    """ "кой отговаря за това?" is searched together with the previous question's topic."""
    from assistant.conversation import resolve

    first = resolve("какво има за талантливи деца", None, institutions)
    follow = resolve("кой отговаря за това?", first, institutions)
    assert "талантливи деца" in follow.question
    assert "кой отговаря" in follow.question


def test_follow_up_naming_kindergartens_filters_by_kindergartens(institutions: list[str]) -> None:
    """ "а за детските градини?" keeps the question and filters by the institution "Детски градини"."""
    from assistant.conversation import resolve

    first = resolve("какво има за талантливи деца", None, institutions)
    follow = resolve("а за детските градини?", first, institutions)
    assert follow.question == first.question
    assert follow.institution == "Детски градини"


def test_unrelated_new_question_starts_a_new_topic(institutions: list[str]) -> None:
    """A full new question is not glued to the previous one."""
    from assistant.conversation import resolve

    first = resolve(PARENT_QUESTION, None, institutions)
    assert (
        resolve("какво има за талантливи деца", first, institutions).question
        == "какво има за талантливи деца"
    )


# --- escaping: plan text never becomes markup ------------------------------------------------------


def _hostile_answer() -> Any:
    from assistant.answer import Answer, Citation
    from assistant.rows import Row, Source

    row = Row(
        row_id="kazanlak/2024/1.1.1", municipality="Казанлък", year=2024, goal=1, goal_title="Цел <b>",
        measure=1, measure_title="Мярка & <i>", activity="Обучение <script>alert(1)</script>",
        deadline="Декември 2024 г.", deadline_date="2024-12-31", funding="<img src=x onerror=alert(2)>",
        responsible=("Училища",), results="Резултат <script>alert(3)</script>",
        source=Source(file="kazanlak-2024.txt", line_start=1, line_end=2),
    )  # fmt: skip
    text = "По плана за 2024 г. намерих 1 дейност:\n" + messages.ANSWER_ITEM.format(
        activity=row.activity, responsible="Училища", deadline=row.deadline, results=row.results, number=1
    )
    return Answer(text, False, (Citation(1, row),))


def test_plan_text_is_escaped_in_answer_and_sources() -> None:
    """Markup inside plan text is escaped by render_answer and render_sources, markers stay links."""
    from assistant.ui import render_answer, render_sources

    answer = _hostile_answer()
    rendered, sources = render_answer(answer), render_sources(answer)
    for out in (rendered, sources):
        assert "<script" not in out
        assert "<script>alert(1)</script>" in html.unescape(out)  # shown as text
    assert "<img" not in sources and "&lt;img src=x onerror=alert(2)&gt;" in sources
    assert "<b>" not in sources and "<i>" not in sources
    assert '<a class="cite" href="#source-1">&#91;1&#93;</a>' in rendered
    assert 'id="source-1"' in sources


# --- issue 9: a bounded server with only the routes the chat needs ------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/gradio_api/upload"), ("GET", "/monitoring"), ("GET", "/gradio_api/monitoring"),
     ("GET", "/gradio_api/file=/etc/passwd"), ("GET", "/gradio_api/run-history/buckets"), ("GET", "/gradio_api/proxy=x")],
)  # fmt: skip
def test_routes_the_chat_does_not_need_answer_404(server: Server, method: str, path: str) -> None:
    """No anonymous upload, no monitoring dashboard, no file serving: only the page and /ask."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(server.url + path, data=b"x" if method == "POST" else None, method=method)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 404


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(server: Server) -> None:
    """A declared body over the limit gets 413 at once: the server does not wait to read it."""
    import http.client
    from urllib.parse import urlsplit

    from assistant.ui import MAX_REQUEST_BYTES

    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.putrequest("POST", "/gradio_api/call/ask")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(MAX_REQUEST_BYTES + 1))
    connection.endheaders()  # not one byte of the body is sent
    assert connection.getresponse().status == 413
    connection.close()


@pytest.mark.parametrize(("year", "institution"), [(ALL, "x" * 5000), ("1999", ALL), ("2024; DROP", ALL)])
def test_a_year_or_institution_not_in_the_lists_is_refused(client: Any, year: str, institution: str) -> None:
    """The dropdowns accept only the corpus's years and institutions; a custom value is an error."""
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as raised:
        client.predict(PARENT_QUESTION, [], year, institution, api_name="/ask")
    assert messages.UI_UNKNOWN_CHOICE.split("„")[0] in str(raised.value)


def test_the_chat_history_sent_back_is_kept_to_its_last_messages(client: Any) -> None:
    """A client sending 200 old messages gets back only the recent ones plus the new answer."""
    from assistant.ui import MAX_HISTORY_MESSAGES

    old = [{"role": "user" if i % 2 == 0 else "assistant", "content": [{"type": "text", "text": f"стар {i}"}]}
           for i in range(200)]  # fmt: skip
    history, _, _ = client.predict(PARENT_QUESTION, old, ALL, ALL, api_name="/ask")
    assert len(history) == MAX_HISTORY_MESSAGES + 2
    assert html.unescape(text_of(history[-2])) == PARENT_QUESTION
    assert "стар 199" in text_of(history[-3]) and "стар 179" not in str(history)
