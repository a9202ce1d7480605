"""The Gradio chat: questions in, cited answers out, with the cited rows beside the chat."""

from __future__ import annotations

import base64
import contextlib
import html
import logging
import re
import threading
import time
from collections import Counter, deque
from typing import Any

import gradio as gr

from assistant import messages
from assistant.answer import Answer, Audience, activity_count, compose
from assistant.catalog import Catalog
from assistant.conversation import Turn, resolve
from assistant.diff import Change, diff_plans
from assistant.documents import MAX_BYTES
from assistant.errors import AssistantError, BrokenIndexError
from assistant.export import calendar, table_csv
from assistant.export import printable as printable_page
from assistant.fields import MONTHS
from assistant.filters import MAX_SPECIFIC_SHARE
from assistant.index import current_folder, load_index, open_index
from assistant.retrieve import Retriever
from assistant.rows import Row
from assistant.settings import Settings
from assistant.staff import build_staff_tab
from assistant.text import printable
from assistant.understand import QuestionKind, check_question

log = logging.getLogger(__name__)

ALL = "Всички"
_MARKER = re.compile(r"&#91;(\d+)&#93;")  # a citation marker [n], as literal() writes it
# a frame's bold lead at the start of a line ("**Оперативна цел 1, Мярка 5:**"): plan text never
# starts a line, and the lead holds no quote mark, so a plan cell cannot make itself bold
_HEADING = re.compile(r"\*\*([^„“*]+)\*\*")

CSS = """
#sources .source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px; margin-bottom: 8px; }
#sources .source.active { border-color: var(--color-accent); box-shadow: 0 0 0 2px var(--color-accent-soft); }
#sources dt { font-weight: 600; } #sources dd { margin: 0 0 4px 0; }
a.cite { color: var(--color-accent); text-decoration: none; font-weight: 600; cursor: pointer; }
a.cite:hover { text-decoration: underline; }
#sources { position: sticky; top: 8px; max-height: 85vh; overflow-y: auto; }
"""
# Clicking a marker [n] in the chat shows row n in the sources panel (event delegation, so it
# keeps working when Gradio re-renders the chat). The chat's HTML sanitizer drops data-*
# attributes, so the row is found from the link's href="#source-n".
HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.cite");
  if (!link) return;
  event.preventDefault();
  const id = (link.getAttribute("href") || "").replace(/^#/, "");
  document.querySelectorAll("#sources .source").forEach((el) => el.classList.remove("active"));
  const row = id ? document.getElementById(id) : null;
  if (row) { row.classList.add("active"); row.open = true; row.scrollIntoView({behavior: "smooth", block: "center"}); }
}, true);
</script>
"""


RELOAD_SECONDS = 5.0  # how often the server looks whether `add`/`remove` switched the index
TICK_SECONDS = 2.0  # how often a page asks for a new status (cheap: nothing is sent when unchanged)


class Backend:
    """The retriever, loaded (or built) in the background so the page opens at once, and swapped
    for a new one when the index changes (a plan added or removed, by the CLI or the staff tab).

    A search holds the retriever it started with, so questions in flight finish on the old index
    while new ones get the new; nothing is locked on the question path."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.retriever: Retriever | None = None
        self.status = messages.UI_STATUS_STARTING
        self.error: str | None = None
        self.ready = threading.Event()
        self.generation = 0  # bumped at every swap: pages refresh their filter choices
        self._swap_lock = threading.Lock()

    def start(self) -> None:
        threading.Thread(target=self._load, name="index-loader", daemon=True).start()

    def _load(self) -> None:
        from assistant.embedding import load_model

        try:
            index = open_index(self.settings, progress=self._progress)
            self._use(Retriever(index, load_model(self.settings.model), fusion=self.settings.fusion))
        except AssistantError as error:
            log.exception("the index could not be opened")
            self.fail(messages.UI_START_FAILED.format(reason=str(error)))
        except Exception:  # a bug or an unexpected system error: shown, logged, never a silent wait
            log.exception("start-up failed")
            self.fail(messages.UI_START_FAILED.format(reason=messages.UI_START_FAILED_UNEXPECTED))
        finally:
            self.ready.set()
        # watched even after a failed start: a plan added later (CLI or staff tab) brings the chat up
        threading.Thread(target=self._watch, name="index-watcher", daemon=True).start()

    def _use(self, retriever: Retriever) -> None:
        retriever.search("загряване")  # warm-up: the first real question is fast
        plans = sorted({(r.municipality, r.year) for r in retriever.index.rows})
        names = ", ".join(messages.UI_PLAN_NAME.format(municipality=m, year=y) for m, y in plans)
        self.retriever = retriever  # one assignment: a search sees the old or the new, never a mix
        self.generation += 1
        self.status = messages.UI_STATUS_READY.format(rows=len(retriever.index.rows), plans=names)

    def _watch(self) -> None:
        while True:
            time.sleep(RELOAD_SECONDS)
            try:
                self.reload_if_changed()
            except Exception:  # a half-written or broken index: keep serving the one we have
                log.exception("the changed index could not be loaded; the previous one stays in use")

    def reload_if_changed(self) -> bool:
        """Load the index CURRENT names when it is not the one in use; True when swapped."""
        from assistant.embedding import load_model

        with self._swap_lock:
            current = self.retriever
            try:
                name = current_folder(self.settings.index).name
            except BrokenIndexError:
                return False
            if current is not None and name == current.index.folder.name:
                return False
            index = load_index(self.settings.index)
            model = current.model if current is not None else load_model(self.settings.model)
            self._use(Retriever(index, model, fusion=self.settings.fusion))
            self.error = None
            log.info("now serving %s (%d rows)", index.folder.name, len(index.rows))
            return True

    def fail(self, message: str) -> None:
        """The page and every question show `message`; the process keeps serving the page."""
        self.error = message
        self.status = message

    def _progress(self, message: str) -> None:
        log.info("%s", message)
        self.status = message


def corpus_examples(catalog: Catalog) -> dict[str, list[str]]:
    """Teachers' and staff's example questions with values of the loaded plans (the body
    responsible for most rows, a month and an open deadline, a body with a few rows of its own);
    an example whose value the plans lack is left out."""
    counts = Counter(name for row in catalog.rows for name in row.responsible)
    total = max(len(catalog.rows), 1)

    def most_rows(phrases: list[str]) -> str | None:
        return max(phrases, key=lambda p: int(catalog.deadlines.rows_with(p).sum()), default=None)

    months = [p for p in catalog.deadlines.phrases if p.split()[-1] in MONTHS]
    values: dict[str, str | None] = {
        "most_responsible": counts.most_common(1)[0][0] if counts else None,
        "specific": next((n for n, c in counts.most_common() if c / total <= MAX_SPECIFIC_SHARE and c > 1), None),
        "month": most_rows(months),
        "open_deadline": most_rows([p for p in catalog.deadlines.phrases if p not in months and not any(ch.isdigit() for ch in p)]),
    }  # fmt: skip
    found = {}
    for label, templates in messages.UI_EXAMPLE_TEMPLATES.items():
        found[label] = [
            template.format(**values)
            for template, needs in templates
            if all(values.get(name) for name in needs)
        ]
    return found


def literal(text: str) -> str:
    """Text shown exactly as written where Markdown and HTML are rendered (the chat, the status):
    HTML escaped, and every character Markdown gives a meaning written as an entity, so a plan cell
    or a question holding `![x](http://…)`, `**…**` or a link shows those characters, fetches nothing
    and formats nothing."""
    return printable(text).translate(_ENTITIES)


# one pass, so nothing is escaped twice: HTML's own characters and every Markdown character
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in "&<>\"'\\`*_{}[]()#+-.!|~:=$%^@"}


COLLAPSE_ABOVE = 8  # a list of more rows shows each measure's rows folded under its heading


def render_answer(answer: Answer) -> str:
    """The answer as safe HTML: all of its text literal; the only formatting is the frames' own (a
    bold measure heading at the start of a line, a bullet), the clickable citation markers and, in
    a long list, each measure's rows folded under its heading and count (the first group open)."""
    if answer.kind is not QuestionKind.LIST or len(answer.citations) <= COLLAPSE_ABOVE:
        return "<br>".join(_render_line(line) for line in answer.text.split("\n"))
    intro, *groups = answer.text.split("\n\n")
    out = ["<br>".join(_render_line(line) for line in intro.split("\n"))]
    for number, group in enumerate(groups):
        heading, *items = group.split("\n")
        count = literal(activity_count(len(items)))
        opened = " open" if number == 0 else ""
        out.append(f'<details class="group"{opened}><summary>{_render_line(heading)} ({count})</summary>'
                   + "<br>".join(_render_line(item) for item in items) + "</details>")  # fmt: skip
    return "".join(out)


def _render_line(line: str) -> str:
    heading = _HEADING.match(line)
    if heading:
        safe = f"<strong>{literal(heading.group(1))}</strong>" + literal(line[heading.end() :])
    elif line.startswith("- "):
        safe = "• " + literal(line[2:])
    else:
        safe = literal(line)
    return _MARKER.sub(r'<a class="cite" href="#source-\1">&#91;\1&#93;</a>', safe)


def render_sources(answer: Answer | None) -> str:
    """Every cited row in full, escaped; row n has the id source-n; then the rows as downloads."""
    if answer is None or not answer.citations:
        return f"<p>{html.escape(messages.UI_SOURCES_EMPTY)}</p>"
    rows = [c.row for c in answer.citations]
    return "\n".join([*(_source_html(c.number, c.row) for c in answer.citations), render_downloads(rows)])


def _data_link(text: str, mime: str, filename: str, label: str, element: str) -> str:
    """A download link carrying the file in a data: URL (no file is stored or served)."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f'<a class="download" id="{element}" download="{html.escape(filename)}" '
            f'href="data:{mime};charset=utf-8;base64,{encoded}">{html.escape(label)}</a>')  # fmt: skip


def render_downloads(rows: list[Row]) -> str:
    """The answer's rows as CSV, a printable page and (dated deadlines) a calendar."""
    title = messages.UI_EXPORT_TITLE
    links = [
        _data_link(table_csv(rows), "text/csv", "plan-rows.csv", messages.UI_DOWNLOAD_CSV, "download-csv"),
        _data_link(printable_page(rows, title), "text/html", "plan-rows.html", messages.UI_DOWNLOAD_PRINT, "download-print"),
    ]
    if any(r.deadline_date for r in rows):
        links.append(_data_link(calendar(rows, title), "text/calendar", "plan-deadlines.ics",
                                messages.UI_DOWNLOAD_ICS, "download-ics"))  # fmt: skip
    return f'<p class="downloads">{" · ".join(links)}</p>'


def render_changes(changes: list[Change]) -> str:
    """A staff view of what changed between two plans: where, which field, before and after."""
    e = html.escape
    if not changes:
        return f"<p>{e(messages.UI_CHANGES_NONE)}</p>"
    head = "".join(f"<th>{e(h)}</th>" for h in messages.UI_CHANGES_COLUMNS)
    body = "".join(
        f"<tr><td>{c.goal}.{c.measure}</td><td>{e(messages.DIFF_FIELDS[c.field])}</td>"
        f"<td>{e(messages.DIFF_KINDS[c.kind])}</td><td>{e(c.before)}</td><td>{e(c.after)}</td></tr>"
        for c in changes
    )
    count = e(messages.UI_CHANGES_COUNT.format(count=len(changes)))
    return f'<div id="changes-table"><p>{count}</p><table><tr>{head}</tr>{body}</table></div>'


def render_timeline(rows: list[Row], title: str) -> str:
    """What is due by which date, earliest first; undated deadlines last; and the .ics link."""
    if not rows:
        return f"<p>{html.escape(messages.UI_TIMELINE_EMPTY)}</p>"
    e = html.escape
    ordered = sorted(rows, key=lambda r: (r.deadline_date or "9999", r.goal, r.measure, r.position))
    body = "".join(
        f"<tr><td>{e(r.deadline_date or '—')}</td><td>{e(r.deadline)}</td><td>{e(r.activity)}</td>"
        f"<td>{e(', '.join(r.responsible))}</td></tr>" for r in ordered
    )
    head = "".join(f"<th>{e(h)}</th>" for h in messages.UI_TIMELINE_COLUMNS)
    link = _data_link(calendar(rows, title), "text/calendar", "plan-deadlines.ics", messages.UI_DOWNLOAD_ICS, "timeline-ics")
    return f'<div id="timeline-table"><p>{link}</p><table><tr>{head}</tr>{body}</table></div>'



def _source_html(number: int, row: Row) -> str:
    e = html.escape
    fields = [
        (messages.UI_FIELD_GOAL, f"{row.goal}. {row.goal_title}"),
        (messages.UI_FIELD_MEASURE, f"{row.measure}. {row.measure_title}"),
        (messages.UI_FIELD_ACTIVITY, row.activity),
        (messages.UI_FIELD_RESPONSIBLE, ", ".join(row.responsible)),
        (messages.UI_FIELD_DEADLINE, row.deadline),
        (messages.UI_FIELD_FUNDING, row.funding or messages.FUNDING_EMPTY),
        (messages.UI_FIELD_RESULTS, row.results),
        (messages.UI_FIELD_SOURCE, str(row.source)),
    ]
    body = "".join(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in fields)
    title = e(messages.UI_SOURCE_TITLE.format(number=number, municipality=row.municipality, year=row.year, goal=row.goal, measure=row.measure))
    opened = " open" if number == 1 else ""  # the others open when their marker is clicked
    return f'<details class="source" id="source-{number}"{opened}><summary>{title}</summary><dl>{body}</dl></details>'


def refusal(message: str) -> gr.Error:
    """A Bulgarian message shown on the page (with a Bulgarian title), its traceback not logged."""
    return gr.Error(message, title=messages.UI_ERROR_TITLE, print_exception=False)


MAX_HISTORY_MESSAGES = 20  # the chat keeps the last ten questions and answers; older ones scroll away


def recent(history: Any) -> list[dict[str, Any]]:
    """The last messages of the chat the page sent back (anything that is not a chat is dropped)."""
    if not isinstance(history, list):
        return []
    return [m for m in history[-MAX_HISTORY_MESSAGES:] if isinstance(m, dict) and m.get("role") in ("user", "assistant")]


def build_app(backend: Backend) -> gr.Blocks:
    """The chat page; handlers are thin and call answer.py."""
    staff = bool(backend.settings.staff_password)
    # with the staff tab on, uploads land in Gradio's cache: remove them after an hour
    with gr.Blocks(title=messages.UI_TITLE, analytics_enabled=False, delete_cache=(600, 3600) if staff else None) as app:
        gr.Markdown(f"# {messages.UI_TITLE}\n{messages.UI_ABOUT}", elem_id="about")
        status = gr.Markdown(literal(backend.status), elem_id="status")
        turn = gr.State(None)
        # parents see no tabs at all; staff see the chat and their own tab (components are placed
        # where they are created, so each Tab is created inside the Tabs)
        with gr.Tabs() if staff else contextlib.nullcontext():
            with gr.Tab(messages.UI_CHAT_TAB, elem_id="chat-tab") if staff else contextlib.nullcontext(), gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label=messages.UI_CHAT_LABEL, elem_id="chat", height=520,
                                      feedback_options=None, placeholder=messages.UI_CHAT_PLACEHOLDER)  # fmt: skip
                    with gr.Row():
                        question = gr.Textbox(placeholder=messages.UI_QUESTION_PLACEHOLDER, show_label=False,
                                              elem_id="question", scale=5, autofocus=True)  # fmt: skip
                        ask = gr.Button(messages.UI_ASK, variant="primary", elem_id="ask", scale=1)
                        clear = gr.Button(messages.UI_CLEAR, elem_id="clear", scale=1)
                    audience = gr.Radio([(label, value) for value, label in messages.UI_AUDIENCES.items()],
                                        value=Audience.ANY.value, label=messages.UI_AUDIENCE, elem_id="audience")  # fmt: skip
                    with gr.Row():
                        municipality = gr.Dropdown([ALL], value=ALL, label=messages.UI_MUNICIPALITY_FILTER,
                                                   elem_id="municipality-filter", allow_custom_value=True)  # fmt: skip
                        year = gr.Dropdown([ALL], value=ALL, label=messages.UI_YEAR_FILTER, elem_id="year-filter",
                                           allow_custom_value=True)  # fmt: skip
                        institution = gr.Dropdown([ALL], value=ALL, label=messages.UI_INSTITUTION_FILTER,
                                                  elem_id="institution-filter", allow_custom_value=True)  # fmt: skip
                    example_sets = [
                        gr.Examples(examples=[[q] for q in questions or [""]], inputs=[question], label=label).dataset
                        for label, questions in messages.UI_EXAMPLES.items()
                    ]
                    with gr.Accordion(messages.UI_TIMELINE, open=False, elem_id="timeline"):
                        with gr.Row():
                            timeline_plan = gr.Dropdown([], label=messages.UI_TIMELINE_PLAN, elem_id="timeline-plan")
                            timeline_institution = gr.Dropdown([ALL], value=ALL, label=messages.UI_INSTITUTION_FILTER,
                                                               elem_id="timeline-institution")  # fmt: skip
                        timeline = gr.HTML(f"<p>{html.escape(messages.UI_TIMELINE_EMPTY)}</p>", elem_id="timeline-view")
                    with gr.Accordion(messages.UI_CHANGES, open=False, elem_id="changes"):
                        with gr.Row():
                            changes_before = gr.Dropdown([], label=messages.UI_CHANGES_BEFORE, elem_id="changes-before")
                            changes_after = gr.Dropdown([], label=messages.UI_CHANGES_AFTER, elem_id="changes-after")
                        changes_view = gr.HTML(f"<p>{html.escape(messages.UI_CHANGES_EMPTY)}</p>", elem_id="changes-view")
                with gr.Column(scale=2):
                    gr.Markdown(f"### {messages.UI_SOURCES}")
                    sources = gr.HTML(render_sources(None), elem_id="sources")
            if staff:
                build_staff_tab(backend)

        def on_ask(message: str, history: list[dict[str, Any]], previous: Turn | None, year_choice: str,
                   institution_choice: str, municipality_choice: str = ALL,
                   audience_choice: str = Audience.ANY.value) -> tuple[Any, ...]:  # fmt: skip
            try:
                message = check_question(message)
            except AssistantError as error:
                raise refusal(str(error)) from None
            if not backend.ready.wait(timeout=120) or backend.retriever is None:
                raise refusal(backend.error or messages.UI_NOT_READY)
            retriever = backend.retriever
            # every input is bounded here: the page sends only known values, anything else is refused
            if year_choice not in year_choices():
                raise refusal(messages.UI_UNKNOWN_CHOICE.format(what=messages.UI_YEAR_FILTER))
            if institution_choice not in institution_choices():
                raise refusal(messages.UI_UNKNOWN_CHOICE.format(what=messages.UI_INSTITUTION_FILTER))
            if municipality_choice not in municipality_choices():
                raise refusal(messages.UI_UNKNOWN_CHOICE.format(what=messages.UI_MUNICIPALITY_FILTER))
            chosen_municipality = municipality_choice if municipality_choice != ALL else None
            if audience_choice not in messages.UI_AUDIENCES:
                raise refusal(messages.UI_UNKNOWN_CHOICE.format(what=messages.UI_AUDIENCE))
            history = recent(history)
            current = resolve(message, previous, retriever.institutions)
            chosen_year = int(year_choice) if year_choice != ALL else current.year
            chosen_institution = institution_choice if institution_choice != ALL else current.institution
            try:
                result = retriever.search(current.question, k=8, year=chosen_year, institution=chosen_institution,
                                          municipality=chosen_municipality)  # fmt: skip
            except AssistantError as error:
                raise refusal(str(error)) from error
            answer = compose(result, Audience(audience_choice))
            history = [*history, {"role": "user", "content": literal(message)},
                       {"role": "assistant", "content": render_answer(answer)}]  # fmt: skip
            return history, "", current, render_sources(answer)

        def on_clear() -> tuple[Any, ...]:
            return [], "", None, render_sources(None), ALL, ALL, ALL

        def municipality_choices() -> list[str]:
            return [ALL, *(backend.retriever.municipalities if backend.retriever is not None else [])]

        def institution_choices() -> list[str]:
            return [ALL, *(backend.retriever.institutions if backend.retriever is not None else [])]

        def year_choices() -> list[str]:
            return [ALL, *(str(y) for y in (backend.retriever.years if backend.retriever is not None else []))]

        def examples() -> list[Any]:
            found = corpus_examples(backend.retriever.catalog) if backend.retriever is not None else {}
            return [gr.Dataset(samples=[[q] for q in questions], visible=bool(questions))
                    for questions in (found.get(label, fixed) for label, fixed in messages.UI_EXAMPLES.items())]  # fmt: skip

        def plan_rows() -> dict[str, list[Row]]:
            """Each loaded plan's name ("Казанлък 2024 г."), latest first per municipality -> its rows."""
            if backend.retriever is None:
                return {}
            plans: dict[str, list[Row]] = {}
            for row in sorted(backend.retriever.index.rows, key=lambda r: (r.municipality, -r.year)):
                plans.setdefault(messages.UI_PLAN_NAME.format(municipality=row.municipality, year=row.year), []).append(row)
            return plans

        def plan_choices() -> list[str]:
            return list(plan_rows())

        def on_timeline(plan_choice: str | None, institution_choice: str | None) -> str:
            plans = plan_rows()
            if not plans or not plan_choice:
                return f"<p>{html.escape(messages.UI_TIMELINE_EMPTY)}</p>"
            if plan_choice not in plans or (institution_choice or ALL) not in institution_choices():
                raise refusal(messages.UI_UNKNOWN_CHOICE.format(what=messages.UI_TIMELINE_PLAN))
            rows = [r for r in plans[plan_choice] if institution_choice in (None, ALL) or institution_choice in r.responsible]
            return render_timeline(rows, plan_choice)

        def on_changes(before_choice: str | None, after_choice: str | None) -> str:
            plans = plan_rows()
            if not plans or not before_choice or not after_choice:
                return f"<p>{html.escape(messages.UI_CHANGES_EMPTY)}</p>"
            if before_choice not in plans or after_choice not in plans:
                raise refusal(messages.UI_UNKNOWN_CHOICE.format(what=messages.UI_TIMELINE_PLAN))
            before, after = plans[before_choice], plans[after_choice]
            if before[0].municipality != after[0].municipality or before[0].year >= after[0].year:
                return f"<p>{html.escape(messages.UI_CHANGES_PICK)}</p>"
            return render_changes(diff_plans(before, after))

        def on_load() -> tuple[Any, ...]:
            return (literal(backend.status), gr.Dropdown(choices=year_choices(), value=ALL),
                    gr.Dropdown(choices=institution_choices(), value=ALL),
                    gr.Dropdown(choices=municipality_choices(), value=ALL), gr.Dropdown(choices=plan_choices()),
                    gr.Dropdown(choices=institution_choices(), value=ALL), gr.Dropdown(choices=plan_choices()),
                    gr.Dropdown(choices=plan_choices()), backend.generation, *examples())  # fmt: skip

        def on_tick(seen: int) -> tuple[Any, ...]:
            # a page opened while the index was loading, or before a plan was added or removed,
            # gets the new status, filter choices and examples; otherwise nothing is sent
            if not backend.ready.is_set() or seen == backend.generation:
                return literal(backend.status), *(gr.skip() for _ in range(8 + len(example_sets)))
            return (literal(backend.status), gr.Dropdown(choices=year_choices()),
                    gr.Dropdown(choices=institution_choices()), gr.Dropdown(choices=municipality_choices()),
                    gr.Dropdown(choices=plan_choices()), gr.Dropdown(choices=institution_choices()),
                    gr.Dropdown(choices=plan_choices()), gr.Dropdown(choices=plan_choices()),
                    backend.generation, *examples())  # fmt: skip

        generation = gr.State(-1)
        inputs = [question, chat, turn, year, institution, municipality, audience]
        outputs = [chat, question, turn, sources]
        ask.click(on_ask, inputs, outputs, api_name="ask")
        question.submit(on_ask, inputs, outputs, api_visibility="private")
        clear.click(on_clear, None, [*outputs, year, institution, municipality], api_visibility="private")
        timer = gr.Timer(TICK_SECONDS)
        filters = [status, year, institution, municipality, timeline_plan, timeline_institution, changes_before,
                   changes_after, generation, *example_sets]  # fmt: skip
        timer.tick(on_tick, [generation], filters, api_visibility="private")
        app.load(on_load, None, filters, api_visibility="private")
        for control in (timeline_plan, timeline_institution):
            control.change(on_timeline, [timeline_plan, timeline_institution], timeline, api_visibility="private")
        for control in (changes_before, changes_after):
            control.change(on_changes, [changes_before, changes_after], changes_view, api_visibility="private")
        backend.ready.wait(timeout=0)  # the page works while the index is still being built
    return app



def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Start loading the index and serve the chat until interrupted."""
    from starlette.middleware import Middleware

    backend = Backend(settings)
    app = build_app(backend)
    staff = bool(settings.staff_password)  # uploads exist only for the staff tab
    surface = Middleware(MinimalSurface, uploads=staff)
    app.queue(max_size=QUEUE_SIZE).launch(
        server_name=host, server_port=port, css=CSS, head=HEAD, show_error=True, footer_links=[], quiet=True,
        enable_monitoring=False, max_file_size=MAX_BYTES if staff else 0, mcp_server=False, pwa=False,
        prevent_thread_lock=True, app_kwargs={"middleware": [surface]},
    )  # fmt: skip
    # subtle: the index and the model load only once the page is served; started earlier, their
    # imports compete with the server's own start-up for the interpreter and both come later
    backend.start()
    print(messages.UI_STARTED.format(url=f"http://{host}:{port}"), flush=True)  # noqa: T201
    app.block_thread()


QUEUE_SIZE = 64  # questions waiting beyond this are told the server is busy, not kept in memory
MAX_REQUEST_BYTES = 512 * 1024  # a question, the filters and the last messages of the chat fit easily
# What the page and the documented API (/ask) use; every other Gradio route (uploads, files,
# monitoring, run history, proxies, ...) answers 404. Paths may carry Gradio's /gradio_api prefix.
_ALLOWED_PATHS = re.compile(
    r"^(?:/gradio_api)?(?:/|/config/?|/info/?|/app_id/?|/startup-events|/theme\.css|/favicon\.ico|/robots\.txt"
    r"|/manifest\.json|/(?:assets|static|svelte)/.*|/queue/(?:join|data|status)|/heartbeat/[\w-]+"
    r"|/call/ask/?(?:[\w-]+)?|/cancel|/reset/?)$"
)


_UPLOAD_PATHS = re.compile(r"^(?:/gradio_api)?(?:/upload/?|/upload_progress/?|/file=.*)$")


class MinimalSurface:
    """ASGI middleware: only the routes the chat needs, and no request body over MAX_REQUEST_BYTES
    (with the staff tab on, also uploads, bounded by the plan size limit)."""

    MAX_UPLOADS = 30  # uploads accepted per UPLOAD_WINDOW seconds (all clients): the cache cannot be flooded
    UPLOAD_WINDOW = 60.0

    def __init__(self, app: Any, uploads: bool = False) -> None:
        self.app = app
        self.uploads = uploads
        self._recent_uploads: deque[float] = deque()

    def _upload_allowed(self) -> bool:
        now = time.monotonic()
        while self._recent_uploads and now - self._recent_uploads[0] >= self.UPLOAD_WINDOW:
            self._recent_uploads.popleft()
        if len(self._recent_uploads) >= self.MAX_UPLOADS:
            return False
        self._recent_uploads.append(now)
        return True

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = self.uploads and bool(_UPLOAD_PATHS.match(scope["path"]))
        if not upload and not _ALLOWED_PATHS.match(scope["path"]):
            log.info("refused a request to %s", scope["path"][:100])
            await _plain_response(send, 404, "Not Found")
            return
        if upload and scope.get("method") == "POST" and not self._upload_allowed():
            log.warning("refused an upload: more than %d in %.0f s", self.MAX_UPLOADS, self.UPLOAD_WINDOW)
            await _plain_response(send, 429, "Too Many Requests")
            return
        limit = MAX_BYTES + MAX_REQUEST_BYTES if upload else MAX_REQUEST_BYTES
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _plain_response(send, 413, "Request Entity Too Large")
            return
        received = 0

        async def bounded_receive() -> dict[str, Any]:
            nonlocal received
            message: dict[str, Any] = await receive()
            received += len(message.get("body", b""))
            if received > limit:  # a chunked body without a length: cut it off
                raise _TooLarge
            return message

        try:
            await self.app(scope, bounded_receive, send)
        except _TooLarge:
            await _plain_response(send, 413, "Request Entity Too Large")


class _TooLarge(Exception):
    pass


async def _plain_response(send: Any, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})  # fmt: skip
    await send({"type": "http.response.body", "body": text.encode()})
