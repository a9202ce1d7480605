"""Grammars of a plan's cells (headers, deadline, funding, institutions), shared by both layouts.

Every rule here is about how Bulgarian plans of this kind are written, never about one file:
deadlines are a month and a year, the start of a school year, or "при необходимост"; funding
starts with a source ("От бюджета …", "Проекти …") or says "Неприложимо"; institutions are
abbreviations (РУО, МКБППМН) or generic names (Училища, Детски градини, Община <place>).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from assistant.text import collapse_spaces

GOAL_HEADER = re.compile(r"^\s*(?:<p>)?\s*Оперативна\s+цел\s+(\d+)\s*[:.]?\s*", re.IGNORECASE)
# "Мярка 3:", "Мярка 3." and "Мярка 1.2." (goal 1, measure 2): group 1 is the measure's number.
MEASURE_HEADER = re.compile(r"^\s*(?:<p>)?\s*Мярка\s+(?:\d+\.)?(\d+)\s*[:.]\s*", re.IGNORECASE)
STRATEGIC_GOAL = re.compile(r"^\s*СТРАТЕГИЧЕСКА\s+ЦЕЛ\s*:?\s*", re.IGNORECASE)
# Running page headers/footers: "План на дейностите за 2024 г.- стр. 5", "Страница 3 от 9", "- 4 -"
PAGE_LINE = re.compile(
    r"^\s*(?:.{0,100}?(?:стр\.?|страница)\s*\d+(?:\s*от\s*\d+)?|[-–]?\s*\d{1,3}\s*[-–]?)\s*$",
    re.IGNORECASE,
)

MONTHS = {
    "януари": 1, "февруари": 2, "март": 3, "април": 4, "май": 5, "юни": 6, "юли": 7,
    "август": 8, "септември": 9, "октомври": 10, "ноември": 11, "декември": 12,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
_YEAR = r"20\d\d"
# A deadline as written in the "Срок" column. Whitespace may be newlines: PDF cells wrap.
DEADLINE = re.compile(
    rf"(?<!\w)(?:(?:до\s+|м\.\s*)?(?P<month>{_MONTH})\s+(?P<year>{_YEAR})(?:\s*г\.?(?!\w))?"
    rf"|(?:В\s+)?началото\s+на\s+учебната\s+(?P<school>{_YEAR})\s*/\s*{_YEAR}(?:\s*г\.?(?!\w))?"
    rf"|(?:През\s+)?учебната\s+(?P<school_year>{_YEAR})\s*/\s*{_YEAR}(?:\s*г(?:\.|одина)?)?"
    rf"|(?P<day>\d{{1,2}})\.(?P<dmonth>\d{{1,2}})\.(?P<dyear>{_YEAR})(?:\s*г\.?(?!\w))?"
    rf"|(?P<year_only>{_YEAR})\s*г(?:\.|одина)(?!\w)"
    r"|при\s+необходимост|постоянен|постоянно|текущ|ежегодно|ежемесечно|целогодишно)",
    re.IGNORECASE,
)
SCHOOL_YEAR_START = (9, 15)  # "началото на учебната" = 15 September, the first school day

# A funding cell names its source within its first few words.
_FUNDING_START = re.compile(
    r"^(?:\S+\s+){0,2}?(?:от\s+бюджета|бюджет|неприложимо|не\s+се\s+изисква|без\s+финансиране"
    r"|проект|програм|средства|собствени|европейск|национал|дарени|спонсор|ЕРС\b|ОП\b|НП\b)",
    re.IGNORECASE,
)
# Funding values that are complete in one word/phrase and may be glued to the next cell.
_FUNDING_CLOSED = re.compile(r"^(?:неприложимо|не\s+се\s+изисква|без\s+финансиране)", re.I)

# Words that begin a generic institution name (lower case, matched on the word's start).
INSTITUTION_HEADS = (
    "училищ", "детски", "детските", "община", "общински", "областн", "читалищ", "здравни",
    "библиотек", "министерств", "дирекция", "агенция", "комисия", "център", "центрове",
    "регионалн", "районн", "местн", "отдел", "неправителствен", "медиатор", "университет",
    "кметств",
)  # fmt: skip
_ABBREVIATION = re.compile(r"^[А-ЯA-Z][А-ЯA-Z\d]+(?:-[А-ЯA-Z][А-ЯA-Zа-я]*)?[,;]?$")
_CONNECTORS = {"и", "на", "в", "към", "при"}
_DASH_TOKENS = {"-", "–", "—"}


def is_page_line(line: str) -> bool:
    """A running header or footer line (page number), not plan content."""
    return bool(line.strip()) and bool(PAGE_LINE.match(line))


def deadline_date(deadline: str) -> str | None:
    """The ISO date a deadline names, or None ("При необходимост" names none).

    >>> deadline_date("Декември 2024 г."), deadline_date("Началото на учебната 2024/2025")
    ('2024-12-31', '2024-09-15')
    """
    m = DEADLINE.fullmatch(collapse_spaces(deadline))
    if not m:
        return None
    if m["month"]:
        year, month = int(m["year"]), MONTHS[m["month"].lower()]
        return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    if m["school"]:
        return date(int(m["school"]), *SCHOOL_YEAR_START).isoformat()
    if m["school_year"]:  # "през учебната 2024/2025": the school year ends on 30 June
        return date(int(m["school_year"]) + 1, 6, 30).isoformat()
    if m["dyear"]:
        return date(int(m["dyear"]), int(m["dmonth"]), int(m["day"])).isoformat()
    if m["year_only"]:
        return date(int(m["year_only"]), 12, 31).isoformat()
    return None


def starts_funding(text: str) -> bool:
    return bool(_FUNDING_START.match(text.strip()))


def split_closed_funding(text: str) -> tuple[str, str] | None:
    """("Неприложимо", rest) when text opens with a one-phrase funding value, else None."""
    m = _FUNDING_CLOSED.match(text.strip())
    if not m:
        return None
    return m.group(0), text.strip()[m.end() :].strip()


def _is_title(token: str) -> bool:
    return len(token) > 1 and token[0].isupper() and any(c.islower() for c in token[1:2])


def _starts_institution(token: str) -> bool:
    bare = token.strip(",;„“\"")
    if _ABBREVIATION.match(bare):
        return True
    return _is_title(bare) and bare.lower().startswith(INSTITUTION_HEADS)


def take_institutions(text: str) -> tuple[list[str], str]:
    """Split the leading institutions off a cell: (institutions, the text after them).

    Institutions in these tables are separated by line breaks or spaces, rarely by commas, so
    names are recognized by their shape: an abbreviation ("РУО"), a generic head word
    ("Училища", "Детски градини", "Здравни медиатори"), joined by connectors ("РУ на МВР",
    "ЦОП и ЦСРИ - Казанлък"), a place after "Община" or a dash ("РЦПППО – Стара Загора"),
    or a quoted name ("ОБ „Искра“"). The first word that fits none of these (the capitalised
    start of "Очаквани резултати" in the PDF layout) ends the institutions.

    >>> take_institutions("Училища МКБППМН Проведени мероприятия")
    (['Училища', 'МКБППМН'], 'Проведени мероприятия')
    """
    tokens = text.split()
    items: list[list[str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        current = items[-1] if items else None
        prev = current[-1] if current else ""
        bare = token.strip(",;")
        if current and prev.endswith((",", ";")):
            current = None  # a comma always separates institutions
        if current and prev.lower() in _CONNECTORS and (_ABBREVIATION.match(bare) or _is_title(bare)):
            current.append(token)  # "РУ на МВР", "ЦОП и ЦСРИ", "РЕПЛР в РЦПППО"
        elif current and (prev in _DASH_TOKENS or prev.endswith(("-", "–"))) and _is_title(bare):
            current.append(token)  # "РЦПППО – Стара Загора"
        elif current and _is_place_continuation(current, bare):
            current.append(token)  # "Община Казанлък", "Стара Загора"
        elif current and token.startswith("„"):
            current.append(token)  # "ОБ „Искра“": a quoted proper name
            while not current[-1].rstrip(",;").endswith("“") and i + 1 < len(tokens):
                i += 1
                current.append(tokens[i])
        elif current and (token in _DASH_TOKENS or token.lower() in _CONNECTORS):
            current.append(token)
        elif current and token[:1].islower():
            current.append(token)  # "Детски градини", "Здравни медиатори"
        elif _starts_institution(token):
            items.append([token])
        else:
            break
        i += 1
    rest = " ".join(tokens[i:])
    names = [collapse_spaces(" ".join(item)).strip(",; ") for item in items]
    # subtle: a trailing connector belongs to the next cell, not to the last name
    return [n for n in names if n], rest


def _is_place_continuation(current: list[str], token: str) -> bool:
    """A capitalised place name after "Община" or after a dash-joined place ("Стара Загора")."""
    if not _is_title(token) or _starts_institution(token):
        return False
    head = current[0].lower()
    after_dash = any(t in _DASH_TOKENS or t.endswith(("-", "–")) for t in current[:-1])
    return (head.startswith(("община", "общински", "областн")) and len(current) == 1) or (
        after_dash and _is_title(current[-1])
    )


def split_institutions(cell: str) -> list[str]:
    """All institutions of a "Отговорни институции" cell (table layout: the cell is only that)."""
    names: list[str] = []
    rest = cell
    while rest:
        found, rest = take_institutions(rest)
        names.extend(found)
        if rest:  # an unknown word: keep it whole up to the next recognizable name
            head, _, rest = rest.partition(" ")
            names.append(head)
    return names
