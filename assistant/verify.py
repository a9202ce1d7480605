"""Checks that an answer states nothing its cited rows do not say.

Line by line: the rows in scope are those the line cites ([n]); a line without markers (the
opening sentence, a measure heading) may use any cited row. Then:
- every quoted span „…“ is exact text of a field of a row in scope;
- every institution after "отговорни" is one of the rows' institutions;
- every municipality after "община" is the municipality of a row in scope;
- every number is a year, goal or measure number of a row in scope, a citation, the count
  of listed activities, or one plan's count of its cited rows;
- every abbreviation note "(СОП — …)" is the reviewed expansion of an abbreviation the rows use;
- every other word belongs to the fixed answer frames in messages.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant import messages
from assistant.answer import Answer
from assistant.glossary import abbreviations
from assistant.rows import Row
from assistant.text import words

_MARKER = re.compile(r"\[(\d+)\]")
_NOTE = re.compile(r"\(((?:[А-ЯA-Z][А-ЯA-Zа-я]+ — [^;()]+(?:; )?)+)\)")
_RESPONSIBLE = re.compile(r"(?:отговор\w+(?: са)?|отговарят): ([^;.\n]+)")
_GOAL_MEASURE = re.compile(r"Оперативна цел (\d+), Мярка (\d+)")
_YEAR = re.compile(r"\b(20\d\d)\b")
_COUNT = re.compile(r"\b(\d+) дейност")
# one plan's count in a whole-plan answer over several plans: "62 дейности в плана на община X за 2023 г."
_PLAN_COUNT = re.compile(r"\b(\d+) дейност\w* в плана на община (.+?) за (20\d\d) г\.")


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based line of the answer text
    text: str  # what failed (English, for logs and test messages)


@lru_cache(maxsize=1)
def frame_words() -> frozenset[str]:
    """Every word of the answer frames (templates) in messages.py."""
    found: set[str] = set()
    for name in dir(messages):
        if name.startswith(("ANSWER_", "OPEN_", "PLAN", "ONE_", "N_ACTIVITIES", "FUNDING_EMPTY", "DIFF_")):
            value = getattr(messages, name)
            texts = value.values() if isinstance(value, dict) else [value]  # DIFF_FIELDS, DIFF_KINDS
            for text in texts:
                found.update(words(re.sub(r"\{\w+\}", " ", text)))
    return frozenset(found)


def _fields(row: Row) -> list[str]:
    return [row.activity, row.measure_title, row.goal_title, row.results, row.deadline, row.funding]


def verify(answer: Answer) -> list[Problem]:
    """All problems of an answer (empty when every line is supported by its cited rows)."""
    by_number = {c.number: c.row for c in answer.citations}
    everything = list(by_number.values()) or ([answer.nearest] if answer.nearest else [])
    items = sum(1 for line in answer.text.splitlines() if line.startswith("- "))
    problems: list[Problem] = []
    for number, line in enumerate(answer.text.splitlines(), 1):
        markers = [int(m) for m in _MARKER.findall(line)]
        unknown = [m for m in markers if m not in by_number]
        if unknown:
            problems.append(Problem(number, f"citation {unknown} does not exist"))
        scope = [by_number[m] for m in markers if m in by_number] or everything
        problems.extend(Problem(number, p) for p in _check_line(line, scope, items))
    if answer.abstained and answer.citations:
        problems.append(Problem(0, "a not-covered answer cites rows"))
    return problems


def _hide_quotes(line: str) -> tuple[str, list[str]]:
    """Replace each top-level „…“ (which may hold nested „…“) by a placeholder ⟦n⟧."""
    out: list[str] = []
    spans: list[str] = []
    depth = start = 0
    for i, char in enumerate(line):
        if char == "„":
            if depth == 0:
                start = i
            depth += 1
        elif char == "“" and depth:
            depth -= 1
            if depth == 0:
                out.append(f"⟦{len(spans)}⟧")
                spans.append(line[start + 1 : i])
            continue
        if depth == 0 and char != "“":
            out.append(char)
    return "".join(out), spans


def _show(text: str, spans: list[str]) -> str:
    return re.sub(r"⟦(\d+)⟧", lambda m: f"„{spans[int(m.group(1))]}“", text)


def _check_line(line: str, scope: list[Row], items: int) -> list[str]:
    problems = []
    rest, spans = _hide_quotes(line)
    for note in _NOTE.findall(rest):
        for part in note.split("; "):
            short, _, full = _show(part, spans).partition(" — ")
            known = {a.short: a.full for a in abbreviations()}
            used = any(re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", " ".join(_fields(r) + list(r.responsible)))
                       for r in scope)  # fmt: skip
            if known.get(short) != full or not used:
                problems.append(f"abbreviation note not supported: {part!r}")
    rest = _NOTE.sub(" ", rest)
    institutions = {name for row in scope for name in row.responsible}
    for listed in _RESPONSIBLE.findall(rest):
        for name in (_show(n, spans).strip() for n in listed.split(", ")):
            if name not in institutions:
                problems.append(f"institution not in cited rows: {name!r}")
        rest = rest.replace(listed, " ", 1)
    for placeholder in re.findall(r"⟦(\d+)⟧", rest):
        quoted = spans[int(placeholder)]
        if not any(quoted in field for row in scope for field in _fields(row)):
            problems.append(f"quoted text not in cited rows: {quoted!r}")
    rest = re.sub(r"⟦\d+⟧", " ", rest)
    for plan_count in _PLAN_COUNT.finditer(rest):  # each plan's count: its own rows among those in scope
        count, municipality, year = int(plan_count.group(1)), plan_count.group(2), int(plan_count.group(3))
        if count != sum(row.municipality == municipality and row.year == year for row in scope):
            problems.append(f"count {count} is not the number of cited rows of {municipality} {year}")
    rest = _PLAN_COUNT.sub(lambda m: m.group(0).replace(m.group(1), " ", 1), rest)
    for municipality in {row.municipality for row in scope}:  # "на община Трявна": a plan named by its rows
        rest = rest.replace(f"община {municipality}", "община ")
    for goal, measure in _GOAL_MEASURE.findall(rest):
        if not any((row.goal, row.measure) == (int(goal), int(measure)) for row in scope):
            problems.append(f"goal/measure {goal}.{measure} not in cited rows")
    rest = _GOAL_MEASURE.sub(" ", rest)
    for year in _YEAR.findall(rest):
        if scope and not any(row.year == int(year) for row in scope):  # no rows: the question's year
            problems.append(f"year {year} not in cited rows")
    for count in _COUNT.findall(rest):
        if int(count) != items:
            problems.append(f"count {count} but {items} activities listed")
    rest = _MARKER.sub(" ", rest)
    leftover = [w for w in words(rest) if w not in frame_words()]
    if leftover:
        problems.append(f"words outside the answer frames: {leftover}")
    if re.search(r"\d", re.sub(r"\b20\d\d\b|\b\d+ дейност", " ", rest)):
        digits = re.findall(r"\d+", re.sub(r"\b20\d\d\b|\b\d+ дейност", " ", rest))
        problems.append(f"numbers without a source: {digits}")
    return problems


def faithful(answer: Answer) -> bool:
    return not verify(answer)
