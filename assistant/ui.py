"""The Gradio chat: questions in, cited answers out, with the cited rows beside the chat."""

from __future__ import annotations

import html
import logging
import re
import threading
from typing import Any

import gradio as gr

from assistant import messages
from assistant.answer import Answer, compose
from assistant.conversation import Turn, resolve
from assistant.errors import AssistantError
from assistant.index import open_index
from assistant.retrieve import Retriever
from assistant.rows import Row
from assistant.settings import Settings
from assistant.text import printable
from assistant.understand import check_question

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


class Backend:
    """The retriever, loaded (or built) in the background so the page opens at once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.retriever: Retriever | None = None
        self.status = messages.UI_STATUS_STARTING
        self.error: str | None = None
        self.ready = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._load, name="index-loader", daemon=True).start()

    def _load(self) -> None:
        from assistant.embedding import load_model

        try:
            index = open_index(self.settings, progress=self._progress)
            self.retriever = Retriever(index, load_model(self.settings.model), fusion=self.settings.fusion)
            self.retriever.search("загряване")  # warm-up: the first real question is fast
            plans = sorted({(r.municipality, r.year) for r in index.rows})
            names = ", ".join(messages.UI_PLAN_NAME.format(municipality=m, year=y) for m, y in plans)
            self.status = messages.UI_STATUS_READY.format(rows=len(index.rows), plans=names)
        except AssistantError as error:
            log.exception("the index could not be opened")
            self.fail(messages.UI_START_FAILED.format(reason=str(error)))
        except Exception:  # a bug or an unexpected system error: shown, logged, never a silent wait
            log.exception("start-up failed")
            self.fail(messages.UI_START_FAILED.format(reason=messages.UI_START_FAILED_UNEXPECTED))
        finally:
            self.ready.set()

    def fail(self, message: str) -> None:
        """The page and every question show `message`; the process keeps serving the page."""
        self.error = message
        self.status = message

    def _progress(self, message: str) -> None:
        log.info("%s", message)
        self.status = message


def literal(text: str) -> str:
    """Text shown exactly as written where Markdown and HTML are rendered (the chat, the status):
    HTML escaped, and every character Markdown gives a meaning written as an entity, so a plan cell
    or a question holding `![x](http://…)`, `**…**` or a link shows those characters, fetches nothing
    and formats nothing."""
    return printable(text).translate(_ENTITIES)


# one pass, so nothing is escaped twice: HTML's own characters and every Markdown character
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in "&<>\"'\\`*_{}[]()#+-.!|~:=$%^@"}


def render_answer(answer: Answer) -> str:
    """The answer as safe HTML: all of its text literal; the only formatting is the frames' own (a
    bold measure heading at the start of a line, a bullet) and the clickable citation markers."""
    out = []
    for line in answer.text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            safe = f"<strong>{literal(heading.group(1))}</strong>" + literal(line[heading.end() :])
        elif line.startswith("- "):
            safe = "• " + literal(line[2:])
        else:
            safe = literal(line)
        out.append(_MARKER.sub(r'<a class="cite" href="#source-\1">&#91;\1&#93;</a>', safe))
    return "<br>".join(out)


def render_sources(answer: Answer | None) -> str:
    """Every cited row in full, escaped; row n has the id source-n."""
    if answer is None or not answer.citations:
        return f"<p>{html.escape(messages.UI_SOURCES_EMPTY)}</p>"
    return "\n".join(_source_html(c.number, c.row) for c in answer.citations)


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
    title = e(messages.UI_SOURCE_TITLE.format(number=number, year=row.year, goal=row.goal, measure=row.measure))
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
    with gr.Blocks(title=messages.UI_TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"# {messages.UI_TITLE}\n{messages.UI_ABOUT}", elem_id="about")
        status = gr.Markdown(literal(backend.status), elem_id="status")
        turn = gr.State(None)
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label=messages.UI_CHAT_LABEL, elem_id="chat", height=520,
                                  feedback_options=None, placeholder=messages.UI_CHAT_PLACEHOLDER)  # fmt: skip
                with gr.Row():
                    question = gr.Textbox(placeholder=messages.UI_QUESTION_PLACEHOLDER, show_label=False,
                                          elem_id="question", scale=5, autofocus=True)  # fmt: skip
                    ask = gr.Button(messages.UI_ASK, variant="primary", elem_id="ask", scale=1)
                    clear = gr.Button(messages.UI_CLEAR, elem_id="clear", scale=1)
                with gr.Row():
                    year = gr.Dropdown([ALL], value=ALL, label=messages.UI_YEAR_FILTER, elem_id="year-filter",
                                       allow_custom_value=True)  # fmt: skip
                    institution = gr.Dropdown([ALL], value=ALL, label=messages.UI_INSTITUTION_FILTER,
                                              elem_id="institution-filter", allow_custom_value=True)  # fmt: skip
                for label, examples in messages.UI_EXAMPLES.items():
                    gr.Examples(examples=[[q] for q in examples], inputs=[question], label=label)
            with gr.Column(scale=2):
                gr.Markdown(f"### {messages.UI_SOURCES}")
                sources = gr.HTML(render_sources(None), elem_id="sources")

        def on_ask(message: str, history: list[dict[str, Any]], previous: Turn | None, year_choice: str,
                   institution_choice: str) -> tuple[Any, ...]:  # fmt: skip
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
            history = recent(history)
            current = resolve(message, previous, retriever.institutions)
            chosen_year = int(year_choice) if year_choice != ALL else current.year
            chosen_institution = institution_choice if institution_choice != ALL else current.institution
            try:
                result = retriever.search(current.question, k=8, year=chosen_year, institution=chosen_institution)
            except AssistantError as error:
                raise refusal(str(error)) from error
            answer = compose(result)
            history = [*history, {"role": "user", "content": literal(message)},
                       {"role": "assistant", "content": render_answer(answer)}]  # fmt: skip
            return history, "", current, render_sources(answer)

        def on_clear() -> tuple[Any, ...]:
            return [], "", None, render_sources(None), ALL, ALL

        def institution_choices() -> list[str]:
            return [ALL, *(backend.retriever.institutions if backend.retriever is not None else [])]

        def year_choices() -> list[str]:
            return [ALL, *(str(y) for y in (backend.retriever.years if backend.retriever is not None else []))]

        def on_load() -> tuple[Any, ...]:
            return (literal(backend.status), gr.Dropdown(choices=year_choices(), value=ALL),
                    gr.Dropdown(choices=institution_choices(), value=ALL))  # fmt: skip

        def on_tick() -> tuple[Any, ...]:
            # a page opened while the index was loading gets the years and institutions once it is
            # ready; then the timer stops (the status no longer changes)
            if not backend.ready.is_set():
                return literal(backend.status), gr.skip(), gr.skip(), gr.skip()
            return (literal(backend.status), gr.Dropdown(choices=year_choices()),
                    gr.Dropdown(choices=institution_choices()), gr.Timer(active=False))  # fmt: skip

        inputs = [question, chat, turn, year, institution]
        outputs = [chat, question, turn, sources]
        ask.click(on_ask, inputs, outputs, api_name="ask")
        question.submit(on_ask, inputs, outputs, api_visibility="private")
        clear.click(on_clear, None, [*outputs, year, institution], api_visibility="private")
        timer = gr.Timer(1.0)
        timer.tick(on_tick, None, [status, year, institution, timer], api_visibility="private")
        app.load(on_load, None, [status, year, institution], api_visibility="private")
        backend.ready.wait(timeout=0)  # the page works while the index is still being built
    return app



def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Start loading the index and serve the chat until interrupted."""
    from starlette.middleware import Middleware

    backend = Backend(settings)
    app = build_app(backend)
    app.queue(max_size=QUEUE_SIZE).launch(
        server_name=host, server_port=port, css=CSS, head=HEAD, show_error=True, footer_links=[], quiet=True,
        enable_monitoring=False, max_file_size=0, mcp_server=False, pwa=False, prevent_thread_lock=True,
        app_kwargs={"middleware": [Middleware(MinimalSurface)]},
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


class MinimalSurface:
    """ASGI middleware: only the routes the chat needs, and no request body over MAX_REQUEST_BYTES."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not _ALLOWED_PATHS.match(scope["path"]):
            log.info("refused a request to %s", scope["path"][:100])
            await _plain_response(send, 404, "Not Found")
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_REQUEST_BYTES):
            await _plain_response(send, 413, "Request Entity Too Large")
            return
        received = 0

        async def bounded_receive() -> dict[str, Any]:
            nonlocal received
            message: dict[str, Any] = await receive()
            received += len(message.get("body", b""))
            if received > MAX_REQUEST_BYTES:  # a chunked body without a length: cut it off
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
