"""What a hostile probe tried, each now a clear Bulgarian message or a correct answer (issue 9).

Every command runs as a user runs it (`python -m assistant …`): exit code 1, the message on
stderr, never a traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import run

from assistant import messages
from assistant.answer import compose
from assistant.settings import FUSION_CHOICES, LEXICAL_CHOICES
from assistant.understand import MAX_QUESTION_CHARS

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


def refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


# --- questions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["ask", "search"])
@pytest.mark.parametrize("question", ["", "   \t  ", "?!"])
def test_an_empty_question_is_refused_in_bulgarian(command, question):
    """`ask ""`, whitespace or punctuation only: the chat's message, exit 1, no FAISS crash."""
    refused(run(command, question), messages.QUESTION_EMPTY)


def test_a_question_over_the_limit_is_refused_before_any_work():
    """60,000 characters: refused with the chat's limit and message (100,000 took 10 s and 3 GB)."""
    done = run("ask", "дете " * 12_000)
    refused(done, messages.QUESTION_TOO_LONG.format(length=len(("дете " * 12_000).strip()), limit=MAX_QUESTION_CHARS))


@pytest.mark.parametrize(
    "question",
    ["Мой сын заикается, что делать?", "У него есть проблемы в школе, кто поможет?",
     "My son stutters, what does the plan offer?", "Мій син заїкається, що робити?"],
)  # fmt: skip
def test_a_question_in_another_language_gets_a_bulgarian_note_not_an_unrelated_topic(retriever, question):
    """Russian, English, Ukrainian: no row is cited; the answer says questions are answered in Bulgarian."""
    result = retriever.search(question)
    assert result.foreign_language and result.hits == []
    answer = compose(result)
    assert answer.text == messages.ANSWER_FOREIGN_LANGUAGE and not answer.citations


@pytest.mark.parametrize("question", ["detето mi zaekva", "Как да помогна на детето, което заеква?"])
def test_bulgarian_in_latin_or_cyrillic_is_not_taken_for_another_language(retriever, question):
    assert not retriever.search(question).foreign_language


# --- settings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "allowed"), [("ASSISTANT_LEXICAL", LEXICAL_CHOICES), ("ASSISTANT_FUSION", FUSION_CHOICES)]
)
@pytest.mark.parametrize("command", [("rows",), ("serve", "--port", "1")])
def test_an_unknown_setting_is_named_with_the_allowed_values(variable, allowed, command):
    """`ASSISTANT_LEXICAL=bogus`: one message from one place, for the CLI and the chat alike."""
    done = run(*command, env={variable: "bogus"})
    refused(done, messages.SETTING_NOT_ALLOWED.format(variable=variable, value="bogus", allowed=", ".join(allowed)))


# --- small ones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("двоичен.jsonl", bytes(range(256)) * 4),
     ("кирилица-1251.jsonl", '{"id": "q1", "question": "Детето ми заеква"}\n'.encode("cp1251"))],
)  # fmt: skip
def test_eval_on_a_binary_or_windows_1251_file_says_to_save_it_as_utf8(tmp_path, name, content):
    questions = tmp_path / name
    questions.write_bytes(content)
    refused(run("eval", "--questions", str(questions)), messages.QUESTIONS_NOT_UTF8.format(file=name))


def test_rows_never_send_terminal_escape_sequences_from_a_plan(tmp_path):
    """A plan cell holding "\\x1b[2J" (clear screen) is printed with the control character replaced."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    plan = next(p for p in corpus.glob("*.txt") if "README" not in p.name)
    text = plan.read_text(encoding="utf-8")
    marker = "Прилагане ефективни форми"
    assert marker in text
    plan.write_text(text.replace(marker, "\x1b[2J\x1b]0;pwned\x07" + marker, 1), encoding="utf-8")
    table, jsonl = run("--corpus", str(corpus), "rows"), run("--corpus", str(corpus), "rows", "--format", "jsonl")
    assert table.returncode == 0 and jsonl.returncode == 0, table.stderr
    for out in (table.stdout, jsonl.stdout):
        assert "\x1b" not in out and "\x07" not in out
    assert "\N{REPLACEMENT CHARACTER}[2J" in table.stdout
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert any(r["activity"].startswith("\x1b[2J") for r in rows)  # JSON keeps the cell exactly, escaped


def test_verbose_logs_never_hold_the_question_text(index_dir):
    """`-v`: a parent's question is logged as its length and a hash, never word for word."""
    question = "Синът ми Иван Петров плаче всяка сутрин и колко струва таксата"
    env = {"ASSISTANT_INDEX": str(index_dir), "ASSISTANT_CORPUS": str(CORPUS), "HF_HUB_OFFLINE": "1"}
    done = run("-v", "search", question, env=env)
    assert done.returncode == 0, done.stderr
    assert "chars #" in done.stderr  # the "not covered" log line names the question this way
    assert "Иван" not in done.stderr and "Петров" not in done.stderr
