"""The staff tab of the chat: upload a plan, see what was read, confirm; remove a plan.

Shown only when the operator sets a staff password (ASSISTANT_STAFF_PASSWORD); parents never
see it. Every action asks for the password. An upload is read and parsed first (nothing is
written), its rows and warnings are shown, and only "Добави" changes the corpus and the index;
the chat then answers from the new index (Backend.reload_if_changed), questions in flight from
the old one.
"""

from __future__ import annotations

import hmac
import html
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant import messages
from assistant.documents import MAX_BYTES
from assistant.errors import AssistantError
from assistant.library import add_plan, check_file_name, list_plans, read_plan, remove_plan
from assistant.parse import Plan

if TYPE_CHECKING:
    from assistant.ui import Backend

log = logging.getLogger(__name__)

PREVIEW_ROWS = 5  # rows shown in the preview, besides the counts per operational goal
ACCEPTED = [".docx", ".pdf", ".txt"]


def _staff_error(message: str) -> gr.Error:
    """Gradio shows an error's message as HTML: file names and plan text in it are escaped."""
    return gr.Error(html.escape(message), title=messages.UI_ERROR_TITLE, print_exception=False)


class PasswordGuard:
    """The staff password, checked in constant time; after MAX_WRONG wrong ones within WINDOW
    seconds every staff action is refused until the oldest of them is WINDOW old (guessing is
    slowed to MAX_WRONG tries a WINDOW, for every client together)."""

    MAX_WRONG = 5
    WINDOW = 60.0

    def __init__(self, expected: str | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.expected = expected
        self.clock = clock
        self._wrong: deque[float] = deque()
        self._lock = threading.Lock()

    def check(self, given: str | None) -> None:
        """Return when `given` is the password; raise a Bulgarian gr.Error otherwise."""
        now = self.clock()
        with self._lock:
            while self._wrong and now - self._wrong[0] >= self.WINDOW:
                self._wrong.popleft()
            if len(self._wrong) >= self.MAX_WRONG:
                wait = int(self.WINDOW - (now - self._wrong[0])) + 1
                log.warning("staff action refused: %d wrong passwords in %.0f s", len(self._wrong), self.WINDOW)
                raise _staff_error(messages.STAFF_TOO_MANY_TRIES.format(seconds=wait))
            right = bool(self.expected) and hmac.compare_digest((given or "").encode(), (self.expected or "").encode())
            if not right:
                self._wrong.append(now)
        if not right:
            log.warning("staff action refused: wrong password")
            raise _staff_error(messages.STAFF_WRONG_PASSWORD)


def _year(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise _staff_error(messages.STAFF_BAD_YEAR.format(value=text[:20]))
    return int(text)


def _uploaded(file: Any) -> tuple[str, bytes]:
    """The uploaded file's original name and bytes (size checked before reading)."""
    if not file:
        raise _staff_error(messages.STAFF_NO_FILE)
    path = Path(str(file))
    name = check_file_name(path.name)
    if path.stat().st_size > MAX_BYTES:
        raise _staff_error(messages.FILE_TOO_LARGE.format(
            file=name, size_mb=path.stat().st_size / 1e6, limit_mb=MAX_BYTES // 1_000_000))  # fmt: skip
    return name, path.read_bytes()


def render_preview(plan: Plan) -> str:
    """What was read: municipality, year, counts per goal, the first rows and the warnings (escaped)."""
    e = html.escape
    per_goal = Counter(row.goal for row in plan.rows)
    goals = "".join(
        f"<li>{e(messages.STAFF_GOAL_COUNT.format(goal=g, title=plan.goals.get(g, ''), count=n))}</li>"
        for g, n in sorted(per_goal.items())
    )
    rows = "".join(
        f"<tr><td>{row.goal}.{row.measure}</td><td>{e(row.activity)}</td><td>{e(row.deadline)}</td>"
        f"<td>{e(', '.join(row.responsible))}</td></tr>"
        for row in plan.rows[:PREVIEW_ROWS]
    )
    warnings = "".join(f"<li>{e(w)}</li>" for w in plan.warnings)
    head = "".join(f"<th>{e(h)}</th>" for h in messages.STAFF_PREVIEW_COLUMNS)
    summary = messages.STAFF_PREVIEW.format(municipality=plan.municipality, year=plan.year, rows=len(plan.rows))
    return (
        f'<div id="staff-preview"><p><strong>{e(summary)}</strong></p><ul>{goals}</ul>'
        f"<table><tr>{head}</tr>{rows}</table>"
        + (f"<p>{e(messages.STAFF_WARNINGS)}</p><ul class='warnings'>{warnings}</ul>" if warnings else "")
        + f"<p>{e(messages.STAFF_CONFIRM_HINT)}</p></div>"
    )


def _plan_choices(backend: Backend) -> list[str]:
    try:
        return [messages.STAFF_PLAN_CHOICE.format(municipality=p.municipality, year=p.year)
                for p in list_plans(backend.settings)]  # fmt: skip
    except AssistantError:
        return []


def build_staff_tab(backend: Backend) -> None:
    """The tab's components and handlers (inside the page's gr.Tabs)."""
    guard = PasswordGuard(backend.settings.staff_password)
    with gr.Tab(messages.STAFF_TAB, elem_id="staff-tab"):
        gr.Markdown(messages.STAFF_ABOUT)
        password = gr.Textbox(label=messages.STAFF_PASSWORD, type="password", elem_id="staff-password")
        with gr.Row():
            upload = gr.File(label=messages.STAFF_FILE, file_types=ACCEPTED, type="filepath", elem_id="staff-file")
            with gr.Column():
                municipality = gr.Textbox(label=messages.STAFF_MUNICIPALITY, elem_id="staff-municipality")
                year = gr.Textbox(label=messages.STAFF_YEAR, elem_id="staff-year")
                replace = gr.Checkbox(label=messages.STAFF_REPLACE, elem_id="staff-replace")
        with gr.Row():
            check = gr.Button(messages.STAFF_CHECK, elem_id="staff-check")
            confirm = gr.Button(messages.STAFF_ADD, variant="primary", interactive=False, elem_id="staff-add")
        preview = gr.HTML(elem_id="staff-result")
        gr.Markdown(f"### {messages.STAFF_REMOVE_TITLE}")
        with gr.Row():
            chosen = gr.Dropdown(choices=_plan_choices(backend), label=messages.STAFF_PLAN, elem_id="staff-plan")
            remove = gr.Button(messages.STAFF_REMOVE, variant="stop", elem_id="staff-remove")

        def on_check(given: str, file: Any, place: str, year_text: str) -> tuple[Any, ...]:
            guard.check(given)
            name, data = _uploaded(file)
            try:
                plan = read_plan(name, data, place.strip() or None, _year(year_text))
            except AssistantError as error:
                raise _staff_error(str(error)) from None
            return render_preview(plan), gr.Button(interactive=True)

        def on_add(given: str, file: Any, place: str, year_text: str, replacing: bool) -> tuple[Any, ...]:
            guard.check(given)
            name, data = _uploaded(file)
            try:
                change = add_plan(backend.settings, name, data, municipality=place.strip() or None,
                                  year=_year(year_text), replace=bool(replacing))  # fmt: skip
                backend.reload_if_changed()
            except AssistantError as error:
                raise _staff_error(str(error)) from None
            template = messages.CLI_REPLACED if change.replaced else messages.CLI_ADDED
            done = template.format(**change.plan.__dict__)
            return (f'<p id="staff-done">{html.escape(done)}</p>', gr.Button(interactive=False),
                    gr.Dropdown(choices=_plan_choices(backend)))  # fmt: skip

        def on_remove(given: str, choice: str | None) -> tuple[Any, ...]:
            guard.check(given)
            plans = {messages.STAFF_PLAN_CHOICE.format(municipality=p.municipality, year=p.year): p
                     for p in list_plans(backend.settings)}  # fmt: skip
            if not choice or choice not in plans:
                raise _staff_error(messages.STAFF_CHOOSE_PLAN)
            plan = plans[choice]
            try:
                change = remove_plan(backend.settings, plan.municipality, plan.year)
                backend.reload_if_changed()
            except AssistantError as error:
                raise _staff_error(str(error)) from None
            done = messages.CLI_REMOVED.format(**change.plan.__dict__)
            return f'<p id="staff-done">{html.escape(done)}</p>', gr.Dropdown(choices=_plan_choices(backend), value=None)

        check.click(on_check, [password, upload, municipality, year], [preview, confirm], api_visibility="private")
        confirm.click(on_add, [password, upload, municipality, year, replace], [preview, confirm, chosen],
                      api_visibility="private")  # fmt: skip
        remove.click(on_remove, [password, chosen], [preview, chosen], api_visibility="private")
        upload.change(lambda _: gr.Button(interactive=False), [upload], [confirm], api_visibility="private")
