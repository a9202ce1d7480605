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
from assistant.verify import verify

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
     "My son stutters, what does the plan offer?", "Мій син заїкається, що робити?",
     "Дитина не хоче ходити до школи, що робити? Допоможіть будь ласка"],
)  # fmt: skip
def test_a_question_in_another_language_gets_a_bulgarian_note_not_an_unrelated_topic(retriever, question):
    """Russian, English, Ukrainian: no row is cited; the answer says questions are answered in Bulgarian."""
    result = retriever.search(question)
    assert result.foreign_language and result.hits == []
    answer = compose(result)
    assert answer.text == messages.ANSWER_FOREIGN_LANGUAGE and not answer.citations
    assert verify(answer) == []  # its example question is no quote of a plan


@pytest.mark.parametrize("question", ["detето mi zaekva", "Как да помогна на детето, което заеква?",
                                      "my son has ADHD ама в училище не знаят как да работят с него",
                                      "Кызым е агресивна и удря брат си. Има ли терапия с рисуване?",
                                      "Мы из Украины, ребёнок в детската градина нищо не разбира на български. "
                                      "Ще има ли за него допълнителни часове по езика?",
                                      "Сын хочет быть в ученическия съвет. Подкрепя ли това общината?",
                                      # Russian words read as the Bulgarian they mean leave it Bulgarian, with a word
                                      # only Bulgarian has ("знам", "решава")
                                      "Дочка очень любит рисовать, а я не знам къде да я запиша. Кто может посоветовать?",
                                      "Кто в школе решава дали моему ребёнку нужна дополнительная помощь?"])
def test_bulgarian_in_latin_or_cyrillic_is_not_taken_for_another_language(retriever, question):
    """Turkish, English or Russian words in a Bulgarian question ("ребёнок", "школе") leave it Bulgarian:
    more of its words are Bulgarian than of any other language."""
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


# --- a second hostile probe --------------------------------------------------------------------


def test_direction_overrides_and_quotes_in_plan_text_are_shown_as_written():
    """U+202E would draw the rest of a line reversed; an apostrophe must not show as "&#x27;"."""
    import html

    from assistant.text import printable
    from assistant.ui import literal

    hostile = "Училища\u202eRTL 'р' и \u2066изолирано\u2069"
    assert "\u202e" not in printable(hostile) and "\u2066" not in printable(hostile)
    shown = literal(hostile)
    assert "\u202e" not in shown and "&#x27;" not in shown and "#x27" not in html.unescape(shown)
    assert html.unescape(shown) == printable(hostile)


@pytest.mark.parametrize(("args", "message"), [(("search", "логопед", "--k", "0"), "--k"),
                                               (("search", "логопед", "--k", "-5"), "--k"),
                                               (("search", "логопед", "--k", "100000000"), "--k")])  # fmt: skip
def test_k_outside_one_to_fifty_is_refused(args, message):
    done = run(*args)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_rows_for_year_zero_lists_nothing_instead_of_everything():
    done = run("rows", "--year", "0")
    assert done.returncode == 0 and messages.CLI_NO_ROWS in done.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("празен.jsonl", b"", "празен"), ("вложен.jsonl", b"[" * 100_000 + b"]" * 100_000, "ред 1")],
)  # fmt: skip
def test_eval_on_an_empty_or_deeply_nested_file_is_a_message(tmp_path, name, content, message):
    questions = tmp_path / name
    questions.write_bytes(content)
    done = run("eval", "--questions", str(questions))
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_eval_on_a_device_is_refused_without_reading_it():
    """`--questions /dev/zero` would be read forever: it is not a regular file."""
    done = run("eval", "--questions", "/dev/zero")
    refused(done, messages.QUESTIONS_NOT_A_SET.format(file="/dev/zero", limit_mb=10))


def test_a_fifo_named_as_a_plan_is_refused_instead_of_blocking(tmp_path):
    import os as _os

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    _os.mkfifo(corpus / "канал.txt")
    manifest["plans"][0]["file"] = "канал.txt"
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([*run_command(), "--corpus", str(corpus), "rows"], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, cwd=REPO)  # fmt: skip
    refused(done, "не е обикновен файл")


@pytest.mark.parametrize("manifest", ['{"plans": ' + "[" * 100_000 + "]" * 100_000 + "}",
                                      '{"plans": [{"file": "kaz\\u0000.txt"}]}',
                                      '{"plans": [{"file": "' + "я" * 5000 + '.txt"}]}'])  # fmt: skip
def test_a_manifest_built_to_crash_the_reader_gets_a_message(tmp_path, manifest):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "manifest.json").write_text(manifest, encoding="utf-8")
    done = run("--corpus", str(corpus), "rows")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "„" in done.stderr, done.stderr


def run_command() -> list[str]:
    import sys

    return [sys.executable, "-m", "assistant"]
