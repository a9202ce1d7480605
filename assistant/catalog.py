"""What a loaded corpus contains, derived once at start-up: the facts every retrieval stage reads.

Nothing here is about one municipality or year: the vocabulary, the institutions, the values of
the deadline and funding columns and the alignment of activities across years all come from the
rows of whatever plans the index holds.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from assistant.fields import split_closed_funding
from assistant.glossary import abbreviations, trigger_stems
from assistant.index import Index
from assistant.lexical import STOPWORDS, lemma
from assistant.rows import Row
from assistant.spelling import Vocabulary, articled_forms
from assistant.text import slug, to_latin, words

STEM = 5  # letters of a word compared when matching a column value ("бюджета" ~ "бюджет")
MASK_CACHE_SIZE = 256  # institution masks kept (a UI filter or a question names one institution)

ActivityKey = tuple[str, int, int, int]  # (municipality, goal, measure, position in the measure)
MeasureKey = tuple[str, int, int, int]  # (municipality, year, goal, measure)


EVERYDAY_WORD_LETTERS = 5  # shorter words are one slip from too many others


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """The glossary's trigger words ("изостава", "говори", "сиромаси"): words people use for the plans' topics,
    never a typo, and (those the dictionary knows) what a slip in a parent's own words is corrected towards."""
    return frozenset(stem for stem in trigger_stems() if len(stem) >= EVERYDAY_WORD_LETTERS and stem.isalpha())


def _one_word_inside(short: list[str], long: list[str]) -> bool:
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1 :] == short for i in range(1, len(long) - 1))


def row_text(row: Row) -> str:
    """The words of a row a question may use: activity, measure title, results and institutions."""
    return f"{row.activity} {row.measure_title} {row.results} {' '.join(row.responsible)}"


def activity_key(row: Row) -> ActivityKey:
    return (row.municipality, row.goal, row.measure, row.position)


def measure_key(row: Row) -> MeasureKey:
    return (row.municipality, row.year, row.goal, row.measure)


@dataclass(frozen=True)
class ColumnValues:
    """One column's values per row (lower case) and the distinct phrases a user may quote."""

    per_row: list[str]
    phrases: list[str]  # longest first: "началото на учебната", "декември", "при необходимост"
    distinctive: dict[str, frozenset[str]]  # phrase -> stems of its words that tell it from most others
    # values repeat (a corpus has a few dozen, however many rows): each row's value as its place in `distinct`
    distinct: list[str]
    codes: np.ndarray

    @classmethod
    def of(cls, per_row: list[str], values: set[str], places: frozenset[str] = frozenset()) -> ColumnValues:
        phrases = _phrases(values)
        distinct = sorted(set(per_row))
        place = {value: code for code, value in enumerate(distinct)}
        codes = np.fromiter((place[value] for value in per_row), dtype=np.int64, count=len(per_row))
        return cls(per_row, phrases, distinctive_stems(phrases, places), distinct, codes)

    def rows_where(self, holds: Callable[[str], bool]) -> np.ndarray:
        """Rows whose value `holds`: asked once per distinct value, not once per row."""
        return np.array([holds(value) for value in self.distinct], dtype=bool)[self.codes]

    def rows_with(self, phrase: str) -> np.ndarray:
        return self.rows_where(lambda value: phrase in value)

    def said(self, text: str) -> list[str]:
        """The phrases written out in a text, and each one that says the same with one word more inside it: "от
        бюджета на институциите" is also "от бюджета на отговорните институции" (a word at either end changes what
        is said: "проекти" is no "проекти с външно финансиране")."""
        written = [phrase for phrase in self.phrases if phrase in text]
        stems = {phrase: [w[:STEM] for w in phrase.split()] for phrase in self.phrases}
        return written + [other for other in self.phrases if other not in written and any(
            _one_word_inside(stems[phrase], stems[other]) for phrase in written)]  # fmt: skip

    def values_of(self, rows: np.ndarray) -> set[str]:
        """The distinct values of the rows in a mask."""
        return {self.distinct[code] for code in np.unique(self.codes[rows])}


# the words every plan of this kind is built of, whatever a corpus's rows say: a typo is corrected
# towards them ("мярака" -> "мярка"), and "оперативна" is no slip of "оперативни"
PLAN_STRUCTURE_WORDS = ("мярка", "мярката", "мерки", "мерките", "оперативна", "оперативната", "оперативни", "цел", "целта",
                        "цели", "целите")  # fmt: skip
SECTION_TEXT_ROWS = 50  # rows of a section whose wording tells what the section is about


@dataclass(frozen=True)
class SectionWording:
    """What the sections of the corpus say: titles repeat, so 200k rows add little."""

    goal_titles: dict[int, set[str]]
    measure_titles: dict[tuple[int, int], set[str]]
    measure_texts: dict[tuple[int, int], list[str]]  # the text of each measure's first rows


class Catalog:
    """Facts about the corpus behind one index (vocabulary, institutions, columns, years)."""

    def __init__(self, index: Index) -> None:
        rows = index.rows
        self.rows = rows
        # the bodies' full names, with their articles ("прокоратурата" is corrected to "прокуратурата")
        extra = [form for a in abbreviations() for w in a.full.lower().split() for form in (w, *articled_forms(w))]
        extra += list(PLAN_STRUCTURE_WORDS)
        # subtle: the first 5000 rows hold a corpus's vocabulary; reading 200k rows adds only startup time
        texts = [row_text(r) for r in rows[:5000]] + [p.text for p in index.passages]
        self.vocabulary = Vocabulary(texts, extra, everyday_words())
        self.institutions = sorted({name for r in rows for name in r.responsible})
        # what the rows speak of (their wording, not their field values), by lemma and by stem
        content = {w for r in rows[:5000] for w in words(f"{r.goal_title} {r.measure_title} {r.activity} {r.results}")}
        self._content = {lemma(w) for w in content} | {w[:STEM] for w in content}
        self.years = np.array([r.year for r in rows])
        self.municipalities = np.array([r.municipality for r in rows])
        self.municipality_names = sorted(set(self.municipalities.tolist()))
        # each row's municipality as a number (its place in municipality_names): per-municipality sums in one pass
        self.municipality_codes = np.searchsorted(self.municipality_names, self.municipalities)
        # "в Трявна", "trjavna", "стара загора": a name as a whole word, in Cyrillic or Latin letters
        self._municipality_patterns = [
            (name, re.compile(rf"(?<!\w)(?:{re.escape(name.lower())}|{re.escape(to_latin(name))})(?!\w)"))
            for name in self.municipality_names
        ]
        self.plan_years = sorted({int(y) for y in np.unique(self.years)}, reverse=True)  # latest first
        self.goals = np.array([r.goal for r in rows])
        self.measures = np.array([r.measure for r in rows])
        self.empty_funding = np.array([not r.funding for r in rows])
        # blank, or a value that says there is none ("Неприложимо", "Не се изисква")
        self.unfunded = self.empty_funding | np.array([split_closed_funding(r.funding) is not None for r in rows])
        deadlines = [r.deadline.lower() for r in rows]
        fundings = [r.funding.lower() for r in rows]
        self.deadlines = ColumnValues.of(deadlines, set(deadlines))
        # a funding source is told by its kind ("министерство", "проекти"), not by the town's name
        places = frozenset(stem for name in self.municipality_names for stem in value_stems(name))
        self.fundings = ColumnValues.of(fundings, {part for f in set(fundings) for part in f.split(";")}, places)
        # The same activity across years: same municipality and goal.measure.position.
        self.siblings: dict[ActivityKey, list[int]] = {}
        for position, row in enumerate(rows):
            self.siblings.setdefault(activity_key(row), []).append(position)
        self._by_institution: OrderedDict[str, np.ndarray] = OrderedDict()

    @cached_property
    def sections(self) -> SectionWording:
        """Each goal's and measure's wording, read once, on the first question that names or
        describes a section (most questions never do, so start-up does not pay for it)."""
        wording = SectionWording({}, {}, {})
        for row in self.rows:
            section = (row.goal, row.measure)
            wording.goal_titles.setdefault(row.goal, set()).add(row.goal_title)
            wording.measure_titles.setdefault(section, set()).add(row.measure_title)
            texts = wording.measure_texts.setdefault(section, [])
            if len(texts) < SECTION_TEXT_ROWS:
                texts.append(f"{row.activity} {row.results}".lower())
        return wording

    @cached_property
    def _activities_by_stem(self) -> dict[str, np.ndarray]:
        """Each stem of an activity's words, with the rows whose activity has it: read once, on the
        first question that leaves rows out by a topic."""
        return self._by_stem([row.activity for row in self.rows])

    @cached_property
    def _results_by_stem(self) -> dict[str, np.ndarray]:
        """Each stem of the expected results' words, with the rows whose results have it."""
        return self._by_stem([row.results for row in self.rows])

    @staticmethod
    def _by_stem(texts: list[str]) -> dict[str, np.ndarray]:
        by_stem: dict[str, list[int]] = {}
        for position, text in enumerate(texts):
            for stem in {w[:STEM] for w in words(text.lower())}:
                by_stem.setdefault(stem, []).append(position)
        return {stem: np.array(positions, dtype=np.int64) for stem, positions in by_stem.items()}

    def activities_naming(self, stems: set[str]) -> np.ndarray:
        """Rows whose activity has a word with each of these stems (bool mask)."""
        return self._naming(self._activities_by_stem, stems)

    def results_naming(self, stems: set[str]) -> np.ndarray:
        """Rows whose expected results have a word with each of these stems (bool mask)."""
        return self._naming(self._results_by_stem, stems)

    def results_use(self, stem: str) -> bool:
        """Whether some row's expected results have a word with this stem."""
        return stem in self._results_by_stem

    def _naming(self, by_stem: dict[str, np.ndarray], stems: set[str]) -> np.ndarray:
        named = np.zeros(len(self.rows), dtype=np.int64)  # how many of the stems each row's text has
        for stem in stems:
            named[by_stem.get(stem, [])] += 1
        return (named == len(stems)) & bool(stems)

    def speaks_of(self, word: str) -> bool:
        """Whether the rows' own wording has this word, another form of it or its stem."""
        return lemma(word) in self._content or word[:STEM] in self._content

    def has_year(self, year: int) -> bool:
        return bool((self.years == year).any())

    def has_municipality(self, name: str) -> bool:
        return name in self.municipality_names

    def find_municipality(self, name: str) -> str | None:
        """The corpus's spelling of a municipality given in any case or in Latin letters."""
        wanted = slug(name)
        return next((m for m in self.municipality_names if slug(m) == wanted), None)

    def named_municipality(self, question: str) -> str | None:
        """The one municipality of the corpus a question names ("какво има в Трявна"), if any."""
        text = question.lower()
        named = [name for name, pattern in self._municipality_patterns if pattern.search(text)]
        return named[0] if len(named) == 1 else None

    def responsible_mask(self, names: set[str]) -> np.ndarray:
        """Rows where any of `names` is among the responsible institutions (a bounded cache per name)."""
        mask = np.zeros(len(self.rows), dtype=bool)
        for name in names:
            if name in self._by_institution:
                self._by_institution.move_to_end(name)
            else:
                self._by_institution[name] = np.array([name in r.responsible for r in self.rows])
                if len(self._by_institution) > MASK_CACHE_SIZE:
                    self._by_institution.popitem(last=False)
            mask |= self._by_institution[name]
        return mask


def value_stems(text: str) -> set[str]:
    """The STEM-letter beginnings of a text's content words."""
    return {w[:STEM] for w in words(text) if w not in STOPWORDS and len(w) > 2}


def distinctive_stems(phrases: list[str], ignore: frozenset[str] = frozenset()) -> dict[str, frozenset[str]]:
    """Each phrase's stems, without those most phrases share ("бюджета" tells no funding source
    apart) and without `ignore` (a place name)."""
    stems_of = {phrase: value_stems(phrase) - ignore or value_stems(phrase) for phrase in phrases}
    common = {s for s in set().union(*stems_of.values()) if sum(s in v for v in stems_of.values()) * 2 > len(stems_of)}
    return {phrase: frozenset(stems - common or stems) for phrase, stems in stems_of.items()}


def _phrases(values: set[str]) -> list[str]:
    return sorted({value_phrase(v) for v in values} - {""}, key=len, reverse=True)


def value_phrase(value: str) -> str:
    """A column value as a user would quote it: no years, no "г.", lower case."""
    phrase = re.sub(r"\b20\d\d(/20\d\d)?\b|\bг\.?(?!\w)", " ", value.lower())
    phrase = " ".join(phrase.split()).strip(" .")
    return phrase if len(phrase) >= 6 else ""
