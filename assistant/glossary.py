"""The reviewed glossary (everyday words -> plan terms), abbreviations, out-of-scope topics and the
English terms Bulgarian questions borrow.

Each is a data file in assistant/data/, one entry per line with a reviewer's comment, so a reviewer
can read and change them without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.text import collapse_spaces, nfc, words

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Concept:
    """Everyday phrasings of one idea and the words the plans use for it."""

    name: str  # the concept header in glossary.tsv, e.g. "speech"
    triggers: tuple[tuple[str, ...], ...]  # each trigger: word stems that must all occur
    terms: tuple[str, ...]  # plan wording added to the query
    # triggers written in quotes: their words side by side, in order ("живота на класа" is no "живота на
    # учителката пред класа"); the others' words may stand anywhere in the question
    phrases: frozenset[tuple[str, ...]] = frozenset()

    def fires(self, texts: Sequence[str], starts: frozenset[str] | None = None) -> bool:
        """Whether a trigger is named in one of these texts (lower case): a one-word trigger as the
        start of a word, a longer one as a phrase (its words in order, at most two others between, none when quoted):
        "прием в училище" is not "приемното ни дете … в … училището". `starts` (word_starts of the
        texts) spares recomputing them when many concepts are checked against the same texts."""
        starts = word_starts(texts) if starts is None else starts
        return any(
            all(stem in starts for stem in trigger)
            and (len(trigger) == 1 or any(trigger_phrase(trigger, 0 if trigger in self.phrases else 2).search(text) for text in texts))
            for trigger in self.triggers
        )


def word_starts(texts: Sequence[str]) -> frozenset[str]:
    """Every start of every word of the texts: "some word starts with this stem" in one lookup."""
    return frozenset(w[:i] for text in texts for w in set(words(text)) for i in range(1, len(w) + 1))


@lru_cache(maxsize=2048)
def trigger_phrase(trigger: tuple[str, ...], gap: int = 0) -> re.Pattern[str]:
    """A trigger's stems as a phrase: in order, each starting a word (a stem of one or two letters
    being the word), side by side (`gap` 0) or with at most `gap` other words between."""
    between = r"\s+" if gap == 0 else rf"(?:\W+\w+){{0,{gap}}}?\W+"
    # a stem of one or two letters is a word ("за обяд" is no "занималня след обяд")
    return re.compile(r"(?<!\w)" + between.join(re.escape(stem) + (r"(?!\w)" if len(stem) <= 2 else r"\w*") for stem in trigger))


@dataclass(frozen=True)
class Abbreviation:
    short: str  # "СОП"
    full: str  # "специални образователни потребности"


def _records(path: Path) -> list[tuple[str, list[str]]]:
    """(section, fields) for each data line; sections come from "# --- name ---" headers."""
    section = ""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = nfc(raw.rstrip())
        header = re.match(r"^#\s*-+\s*(.+?)\s*-+\s*$", line)
        if header:
            section = header.group(1)
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        out.append((section, [f for f in fields if f and not f.startswith("#")]))
    return out


def _alternatives(cell: str) -> list[str]:
    return [collapse_spaces(part) for part in cell.split("|") if part.strip()]


def _triggers(cell: str) -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[str, ...]]]:
    """A triggers cell's word stems, and those of its quoted alternatives (a phrase side by side)."""
    alternatives = _alternatives(cell.lower())
    phrases = frozenset(tuple(words(t)) for t in alternatives if t.startswith('"') and t.endswith('"'))
    return tuple(stems for t in alternatives if (stems := tuple(words(t)))), phrases


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    """The glossary: which everyday words call which plan terms."""
    found = []
    for section, fields in _records(DATA / "glossary.tsv"):
        triggers, phrases = _triggers(fields[0])
        found.append(Concept(section, triggers, tuple(_alternatives(fields[1])), phrases))
    return tuple(found)


@lru_cache(maxsize=1)
def trigger_stems() -> frozenset[str]:
    """Every word stem of every glossary trigger: what a question's words are looked up against."""
    return frozenset(stem for concept in concepts() for trigger in concept.triggers for stem in trigger)


@lru_cache(maxsize=1)
def phrase_only_short_stems() -> frozenset[str]:
    """Short words (three letters or fewer) that occur only inside quoted triggers ("над нивото"): they
    stand for their phrase, not for every word they begin ("над" of "надбавки")."""
    quoted = {stem for c in concepts() for t in c.triggers if t in c.phrases for stem in t if len(stem) <= 3}
    loose = {stem for c in concepts() for t in c.triggers if t not in c.phrases for stem in t}
    return frozenset(quoted - loose)


@lru_cache(maxsize=1)
def concept_named() -> dict[str, Concept]:
    """Glossary concepts by their name."""
    return {c.name: c for c in concepts()}


@lru_cache(maxsize=1)
def concept_layers() -> dict[str, tuple[str, ...]]:
    """The reviewed concept layer: concept -> the broader concepts it implies (concept_layers.tsv)."""
    return {fields[0]: tuple(_alternatives(fields[1])) for _, fields in _records(DATA / "concept_layers.tsv")}


def implied_concepts(names: list[str]) -> list[str]:
    """Every broader concept the named ones imply (transitively), not counting the named ones.

    >>> implied_concepts(["autism"])[:2]
    ['special educational needs and additional support', "resource teacher and teacher's assistant"]
    """
    layers = concept_layers()
    found: dict[str, None] = {}
    frontier = list(names)
    while frontier:
        for broader in layers.get(frontier.pop(0), ()):
            if broader not in found and broader not in names:
                found[broader] = None
                frontier.append(broader)
    return list(found)


@lru_cache(maxsize=1)
def abbreviations() -> tuple[Abbreviation, ...]:
    """Abbreviations the plans use, with their expansions."""
    return tuple(Abbreviation(f[0], f[1]) for _, f in _records(DATA / "abbreviations.tsv"))


# how Bulgarian letters are said (a voice-typed "о де ка" is "ОДК"): the letter itself, or its name
_LETTER_NAMES = {"б": "бъ|бе", "в": "въ|ве", "г": "гъ|ге", "д": "дъ|де", "ж": "жъ|же", "з": "зъ|зе", "к": "къ|ка",
                 "л": "лъ|ел|ле", "м": "мъ|ем|ме", "н": "нъ|ен|не", "п": "пъ|пе", "р": "ръ|ер|ре", "с": "съ|ес|се",
                 "т": "тъ|те", "ф": "фъ|еф|фе", "х": "хъ|ха", "ц": "цъ|це", "ч": "чъ|че", "ш": "шъ|ша", "щ": "щъ"}  # fmt: skip
SPOKEN_LETTERS = 3  # shorter ones said letter by letter are everyday words ("о бе", "у нас") ...
_VOWELS = set("аъоуеиюя")  # ... unless each letter is said by its name: "ер це" is "РЦ"
_EVERYDAY_NAMES = {"бе", "де", "ле", "ме", "не", "се", "те"}  # letter names that are words ("ме се", "не те")


def _said_by_names(short: str) -> bool:
    return len(short) >= SPOKEN_LETTERS or (len(short) == 2 and not _VOWELS & set(short))


def _letter_said(letter: str, everyday_kept: bool) -> str:
    """How a letter is said: its names (without those that are words, in a two-letter abbreviation), or itself."""
    names = _LETTER_NAMES.get(letter, re.escape(letter)).split("|")
    return "|".join(n for n in names if everyday_kept or n not in _EVERYDAY_NAMES)


@lru_cache(maxsize=1)
def _spoken_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    forms = []
    # the plans' abbreviations and the everyday ones of bodies ("рц" for the regional centre)
    shorts = {a.short.lower() for a in abbreviations()} | {t[0] for n in institution_names() for t in n.triggers
                                                            if len(t) == 1 and t[0].isalpha() and len(t[0]) <= 3}  # fmt: skip
    for short in sorted({s for s in shorts if _said_by_names(s)}, key=len, reverse=True):
        letters = [f"(?:{_letter_said(letter, everyday_kept=len(short) > 2)})" for letter in short]
        forms.append((re.compile(r"(?<!\w)" + r"[\s-]+".join(letters) + r"(?!\w)"), short))
    return tuple(forms)


def spoken_abbreviations(text: str) -> str:
    """A lower-case text with the plans' abbreviations said letter by letter written as one word:
    "о де ка в казанлък" -> "одк в казанлък", "ре у о" -> "руо"."""
    for spoken, short in _spoken_forms():
        text = spoken.sub(short, text)
    return text


@lru_cache(maxsize=1)
def english_terms() -> tuple[tuple[str, str], ...]:
    """(English term, everyday Bulgarian) from english_terms.tsv, longest term first: "learning by doing"
    is read before "doing" could be."""
    pairs = [(term, fields[1]) for _, fields in _records(DATA / "english_terms.tsv") for term in _alternatives(fields[0])]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def _joined(term: str) -> str:
    return re.sub(r"[\s-]+", "", term)


@lru_cache(maxsize=1)
def _english_reading() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of every English term, and the Bulgarian of each term written without separators."""
    # words joined by a space, a hyphen or nothing ("after-school", "after school", "afterschool"); an
    # English plural; a Bulgarian ending glued by a hyphen ("bullying-ът", "drop-не") goes with the term
    terms = ["[\\s-]?".join(map(re.escape, re.split(r"[\s-]+", term))) for term, _ in english_terms()]
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(terms) + r")(?:e?s)?(?:-[а-яѝ]+)?(?![a-z0-9])")
    return pattern, {_joined(term): bulgarian for term, bulgarian in english_terms()}


def english_in_bulgarian(text: str) -> str:
    """A lower-case Bulgarian question with its English terms in Bulgarian: "детето ми има anxiety" ->
    "детето ми има тревожност" (parents back from abroad write so; no Bulgarian in Latin letters is touched)."""
    pattern, bulgarian = _english_reading()
    return pattern.sub(lambda m: bulgarian[_joined(m.group(1))], text)


def _whole_word_terms(name: str) -> dict[str, str]:
    """Foreign word -> its Bulgarian, from a terms file of whole words (russian_terms.tsv, turkish_terms.tsv)."""
    return {term: fields[1] for _, fields in _records(DATA / name) for term in _alternatives(fields[0])}


def _whole_word_pattern(terms: dict[str, str]) -> re.Pattern[str]:
    """Any of these words, as a whole word, the longest first."""
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(terms, key=len, reverse=True))) + r")(?!\w)")


@lru_cache(maxsize=1)
def russian_terms() -> dict[str, str]:
    """Russian word -> its Bulgarian, from russian_terms.tsv."""
    return _whole_word_terms("russian_terms.tsv")


@lru_cache(maxsize=1)
def turkish_terms() -> dict[str, str]:
    """Turkish word -> its Bulgarian, from turkish_terms.tsv."""
    return _whole_word_terms("turkish_terms.tsv")


@lru_cache(maxsize=1)
def _russian_reading() -> re.Pattern[str]:
    """Any Russian word of russian_terms.tsv, as a whole word."""
    return _whole_word_pattern(russian_terms())


@lru_cache(maxsize=1)
def _turkish_reading() -> re.Pattern[str]:
    """Any Turkish word of turkish_terms.tsv, as a whole word."""
    return _whole_word_pattern(turkish_terms())


_AS_BULGARIAN_LETTERS = str.maketrans("ыэё", "иее")  # the letters Bulgarian lacks, read as its own


def russian_in_bulgarian(text: str) -> str:
    """A lower-case Bulgarian question with its Russian words in Bulgarian: "ребёнок очень способный" ->
    "дете много способен" (Russian-speaking parents write so), and the letters Bulgarian lacks read as its own."""
    bulgarian = russian_terms()
    return _russian_reading().sub(lambda m: bulgarian[m.group(1)], text).translate(_AS_BULGARIAN_LETTERS)


def turkish_in_bulgarian(text: str) -> str:
    """A lower-case Bulgarian question with its Turkish words in Bulgarian: "oglım ne hodi" -> "синът ми ne hodi"
    (Turkish-speaking families write so; the rest, typed the Turkish way, is chat Latin's to read)."""
    bulgarian = turkish_terms()
    return _turkish_reading().sub(lambda m: bulgarian[m.group(1)], text)


@lru_cache(maxsize=1)
def _diagnosis_names() -> dict[str, str]:
    """ICD-10 code ("F84", "F98.5") -> the condition's everyday name, from diagnosis_codes.tsv."""
    return {fields[0].lower(): fields[1].lower() for _, fields in _records(DATA / "diagnosis_codes.tsv")}


# a code as copied from a medical report, in either alphabet: "F80.1", "Ф84.0", "f90" ("ф" and "г" typed for F, G)
_DIAGNOSIS_CODE = re.compile(r"(?<![\w.])([fgqhфгх])(\d\d)(?:\.(\d{1,2}))?(?![\w]|\.\d)")  # "4 г 40 деца" is no G40
_LATIN_OF_CODE = str.maketrans("фгх", "fgh")


def diagnoses_named(text: str) -> str:
    """A lower-case question with each diagnosis code followed by its condition's name: "с f80.1 –" -> "с f80.1
    (говорно-езиково нарушение) –", so that a code copied from a report reads as the condition it names."""
    names = _diagnosis_names()

    def named(match: re.Match[str]) -> str:
        code = match.group(1).translate(_LATIN_OF_CODE) + match.group(2)
        name = names.get(f"{code}.{match.group(3)}") or names.get(code)
        return f"{match.group(0)} ({name})" if name else match.group(0)

    return _DIAGNOSIS_CODE.sub(named, text)


@dataclass(frozen=True)
class UncoveredTopic(Concept):
    """A topic these plans do not cover, unless it is asked as part of a concept they do."""

    part_of: frozenset[str] = frozenset()  # concepts that, fired too, make it theirs ("*": any concept)

    def yields_to(self, fired: Iterable[str]) -> bool:
        """Whether the question's fired concepts make this topic theirs: a repair for a wheelchair is the
        accessible environment the plans provide, a free speech therapist a service they name."""
        fired = set(fired)
        return bool(fired) and ("*" in self.part_of or bool(self.part_of & fired))


_PART_OF = "part of:"


@lru_cache(maxsize=1)
def out_of_scope() -> tuple[UncoveredTopic, ...]:
    """Topics these plans do not cover (fees, admission, food …): triggers, and the concepts they may be part of."""
    found = []
    for section, fields in _records(DATA / "out_of_scope.tsv"):
        triggers, phrases = _triggers(fields[0])
        part_of = next((f.removeprefix(_PART_OF) for f in fields[1:] if f.startswith(_PART_OF)), "")
        found.append(UncoveredTopic(section, triggers, (), phrases, frozenset(filter(None, map(str.strip, part_of.split(";"))))))
    return tuple(found)


@dataclass(frozen=True)
class InstitutionName:
    """An everyday name of a responsible body and how plans write it (institution_names.tsv)."""

    triggers: tuple[tuple[str, ...], ...]  # alternatives; each a tuple of word stems that must all occur
    names: tuple[str, ...]  # an abbreviation (a word of the institution's name) or a name's start

    def means(self, institution: str) -> bool:
        """Whether a responsible institution, as a plan writes it, is one this name means."""
        return any(n in institution.split() or (not n.isupper() and institution.startswith(n)) for n in self.names)


@lru_cache(maxsize=1)
def institution_names() -> tuple[InstitutionName, ...]:
    """Everyday names of responsible bodies ("полицията" -> МВР, "местната комисия" -> МКБППМН)."""
    found = []
    for _, fields in _records(DATA / "institution_names.tsv"):
        triggers = tuple(tuple(words(t)) for t in _alternatives(fields[0].lower()))
        found.append(InstitutionName(tuple(t for t in triggers if t), tuple(_alternatives(fields[1]))))
    return tuple(found)


@lru_cache(maxsize=1)
def frame_words() -> tuple[str, ...]:
    """Words of whole-plan questions that name no topic ("кои", "дейности", "отговаря", "срок" …)."""
    return tuple(word for _, fields in _records(DATA / "frame_words.tsv") for word in fields[0].split())


def expand_abbreviations(text: str) -> str:
    """Spell abbreviations out beside themselves: "СОП" -> "СОП (специални образователни потребности)"."""
    return _abbreviation_pattern().sub(lambda m: f"{m.group(0)} ({expansion_of()[m.group(0)]})", text)


@lru_cache(maxsize=1)
def expansion_of() -> dict[str, str]:
    """Each abbreviation's spelled-out form, by the abbreviation ("СОП" -> "специални образователни потребности")."""
    return {a.short: a.full for a in abbreviations()}


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    shorts = sorted(expansion_of(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, shorts)) + r")(?![\w-])")
