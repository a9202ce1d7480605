"""Bulgarian text normalization, shared by parsing, indexing and querying."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Dash-like characters the eval format treats as one: hyphen, non-breaking hyphen, en dash...
_DASHES = "\u2010\u2011\u2012\u2013\u2014-"
_DASH_AND_SPACE = re.compile(f"[{_DASHES}]\\s*")
SOFT_HYPHEN = "\u00ad"


# C0/C1 control characters but tab and newline (a plan cell holding "\x1b[2J" must not drive a
# terminal), and the bidirectional embeddings, overrides and isolates (U+202E would show the rest
# of a line reversed, so a cell could change how the next cells read).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """The text with control and direction-override characters shown as "\N{REPLACEMENT CHARACTER}"."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def nfc(text: str) -> str:
    """Unicode NFC; every text entering the system passes here once."""
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """One space for every run of whitespace, none at the ends."""
    return _SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Letter-only words, lower-cased (digits and punctuation dropped)."""
    return [w.lower() for w in _WORD.findall(text)]


# words shortened with a full stop inside a sentence ("РЦПППО Ст. Загора", "в гр. Казанлък", "чл. 5",
# "т.е. само …"), never an end; "г.", "лв.", "др.", "т.н." often end one ("… 2024 г. Кои …")
_INNER_ABBREVIATIONS = frozenset({"ст", "гр", "с", "ул", "бул", "кв", "обл", "общ", "ген", "св", "проф", "доц",
                                   "акад", "инж", "напр", "вкл", "т.е", "т.нар", "чл", "ал", "бл", "вх", "ет", "ап"})  # fmt: skip
# ... unless the sentence plainly goes on: "колко дейности от плана за 2024 г. са с отговорност на …"
_OFTEN_ENDING = frozenset({"г", "лв", "др", "т.н"})
# (verbs and relatives only: "… за 2024 г. В кои дейности …" starts a question, and the text is lower case by then)
_GOING_ON = frozenset({"са", "е", "бяха", "беше", "ще", "се", "ли", "които", "който", "която", "което", "когато"})
_NEXT_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
_LAST_TOKEN = re.compile(r"(?:^|\s)([^\s]+)\.$")


def sentences(text: str, ends: str = ".!?") -> list[str]:
    """The sentences of a text, split after any of `ends` and a space; a full stop after a
    shortened word ("Ст. Загора", "гр. Казанлък") ends nothing, nor one after "г." that the sentence goes on from
    ("… за 2024 г. са …"; `text` lower case there, as the words compared are)."""
    parts: list[str] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        before = text[start : boundary.start()]
        if before[-1:] not in ends:
            continue
        last = _LAST_TOKEN.search(before) if before.endswith(".") else None
        shortened = last.group(1).lower() if last else ""
        if shortened in _INNER_ABBREVIATIONS:
            continue
        if shortened in _OFTEN_ENDING and (following := _NEXT_WORD.match(text, boundary.end())) and following.group(0) in _GOING_ON:
            continue
        parts.append(before)
        start = boundary.end()
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def vocabulary(texts: Iterable[str]) -> set[str]:
    """The lower-cased words of a document: its own dictionary for hyphen decisions."""
    found: set[str] = set()
    for text in texts:
        found.update(words(text))
    return found


def match_key(text: str) -> str:
    """Normalize as the eval format says, so "обра-\\nзователни" == "образователни".

    Lower case; a dash-like character is removed with the whitespace after it; soft hyphens
    removed; whitespace runs made one space.
    """
    text = nfc(text).replace(SOFT_HYPHEN, "").lower()
    text = _DASH_AND_SPACE.sub("", text)
    return collapse_spaces(text)


# The official Bulgarian streamlined transliteration (Закон за транслитерацията, 2009).
_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    }
)  # fmt: skip


def to_latin(text: str) -> str:
    """Bulgarian in Latin letters, lower case: "Казанлък" -> "kazanlak"."""
    return nfc(text).lower().translate(_TO_LATIN)


def slug(text: str) -> str:
    """A stable ASCII id part: "Стара Загора" -> "stara-zagora"."""
    return re.sub(r"[^a-z0-9]+", "-", to_latin(text)).strip("-")
