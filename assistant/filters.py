"""Retrieval stage 4, filter: which rows may answer (municipality, year, institution) and which the
question names.

A year or the UI's institution choice is a filter. What the question names of a row's fields is
a boost, so the rows that carry it come first: an institution, a goal or measure by its number
("мярка 3.4"), a deadline ("при нужда", "до декември") or a funding source ("от общинския бюджет").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

import numpy as np

from assistant.catalog import STEM, Catalog, ColumnValues, value_stems
from assistant.field_phrases import DEADLINE_WORDS, FUNDING_WORDS, NEITHER
from assistant.fields import MONTHS, deadline_date
from assistant.rows import Row
from assistant.understand import (
    ALTERNATIVE,
    EVERYDAY_BODIES,
    PlanAge,
    Query,
    QuestionKind,
    find_institutions,
    without_refused,
)

INSTITUTION_BONUS = 0.25  # added to a row whose responsible institutions the question names
EVERYDAY_BODY_WEIGHT = 0.4  # ... of it for the schools, kindergartens or municipality, named in nearly every question
FIELD_BONUS = 1.0  # a row whose deadline/funding/section is exactly what the question names
MIN_VALUE_SHARE = 0.5  # a column value matches when the question has this share of its words
# An institution responsible for at most this share of the rows is a topic of its own ("МКБППМН",
# "РУ на МВР"); schools and kindergartens, responsible for most rows, are not.
MAX_SPECIFIC_SHARE = 0.3


@dataclass(frozen=True)
class Filters:
    """Row masks and boosts for one search."""

    allowed: np.ndarray  # rows that may be shown (year and institution filters)
    named_institutions: frozenset[str]  # named in the question or chosen in the UI
    field_match: np.ndarray  # rows whose deadline/funding/section is what the question names
    bonus: np.ndarray  # added to the fused score
    specific_institution: bool = False  # the question names a body responsible for a few allowed rows

    @property
    def any_field_match(self) -> bool:
        return bool((self.field_match & self.allowed).any())


def apply_filters(
    catalog: Catalog, query: Query, year: int | None, institution: str | None, municipality: str | None = None
) -> Filters:
    """The masks and boosts of a search (`year`, `institution` and `municipality` come from the UI,
    the CLI or the question)."""
    allowed = np.ones(len(catalog.rows), dtype=bool) if year is None else catalog.years == year
    if municipality is not None:
        allowed = allowed & (catalog.municipalities == municipality)
    if year is None and query.plan_age is not None:  # "в миналогодишния план": each municipality's own
        aged = plans_of_age(catalog, allowed, query.plan_age)
        allowed = aged if aged.any() else allowed  # no earlier plan: the plans there are (answers name the year)
    named = frozenset(query.institutions) | ({institution} if institution else frozenset())
    field_match = field_matches(catalog, query)
    bonus = _institution_bonus(catalog, named) + FIELD_BONUS * field_match
    if institution:  # the UI's institution filter is a filter, not a boost
        allowed = allowed & catalog.responsible_mask({institution})
    return Filters(allowed, named, field_match, bonus.astype(np.float32),
                   _names_specific_institution(catalog, query, allowed))  # fmt: skip


def _institution_bonus(catalog: Catalog, named: frozenset[str]) -> np.ndarray:
    """The bonus of a row whose responsible bodies the question names: "момче, което краде … Могат ли
    от Центъра за обществена подкрепа да работят с него в училище?" lifts the centre's rows above the
    schools', which are nearly all rows."""
    everyday = {name for name in named if name.startswith(EVERYDAY_BODIES)}
    bonus = INSTITUTION_BONUS * catalog.responsible_mask(set(named) - everyday)
    return np.maximum(bonus, INSTITUTION_BONUS * EVERYDAY_BODY_WEIGHT * catalog.responsible_mask(everyday))


def plans_of_age(catalog: Catalog, allowed: np.ndarray, age: PlanAge) -> np.ndarray:
    """Rows of each municipality's latest plan among the allowed rows, or of the plan before it."""
    codes = catalog.municipality_codes
    latest = np.full(len(catalog.municipality_names), -1)
    np.maximum.at(latest, codes[allowed], catalog.years[allowed])
    if age is PlanAge.PREVIOUS:
        earlier = allowed & (catalog.years < latest[codes])
        latest = np.full(len(catalog.municipality_names), -1)
        np.maximum.at(latest, codes[earlier], catalog.years[earlier])
    return allowed & (catalog.years == latest[codes])


def _names_specific_institution(catalog: Catalog, query: Query, allowed: np.ndarray) -> bool:
    """Whether the question names a body that is responsible for some, but few, allowed rows.

    All names the question matched count together: "детска градина" is both "ДГ" (a few rows)
    and "Детски градини" (most rows), so it is not specific.
    """
    if not query.institutions:
        return False
    share = (catalog.responsible_mask(set(query.institutions)) & allowed).sum() / max(allowed.sum(), 1)
    return bool(0 < share <= MAX_SPECIFIC_SHARE)


def field_matches(catalog: Catalog, query: Query) -> np.ndarray:
    """Rows whose deadline, funding or section (goal/measure number) is what the question names.

    "кои дейности са със срок при нужда", "кое се плаща от общинския бюджет", "мярка 3.4".
    """
    if query.empty_funding or query.unfunded:
        return funding_rows(catalog, query)
    mask = section_rows(catalog, query)
    # "кога трябва да сформираме екипите за всяко дете – в началото или в края на годината": a topic's
    # deadline asked, the values only guessed; its rows answer, not every row due then
    if not (QuestionKind.DEADLINE in query.asks and query.concepts and _GUESSED.search(query.field_text)):
        mask |= deadline_rows(catalog, query)
    # "базарите и концертите с какви пари се правят – от бюджета на училищата ли или има външна програма": a
    # topic's funding asked, the values only guessed; its rows answer, not every row with those values
    # ... and "кой плаща логопеда в училище", "от чий бюджет се плаща": a topic's source asked, none named
    guessed = ALTERNATIVE.search(query.field_text) or _SOURCE_ASKED.search(query.field_text)
    if QuestionKind.FUNDING in query.asks and not (query.concepts and guessed):
        mask |= funding_rows(catalog, query, not_sources=" ".join(bodies_not_paying(query)))
    return mask


_SOURCE_ASKED = re.compile(
    r"(?<!\w)(?:кой|коя|кое|чий|чия|чие|чии|откъде|(?:от|с)\s+какв\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:плащ\w*|плати\w*|финансир\w*|бюджет\w*|пари|парите|средства\w*|покрива\w*|поема\w*)(?!\w)"
    r"|(?<!\w)кои\s+(?:плащ|плати|финансир|покрива|поема)\w*"  # "кои плащат …" (not "кои дейности се финансират")
)


_GUESSED = re.compile(r"(?<!\w)или(?!\w)")
# money or paying, and the payer around it: "бюджета на училищата", "плаща общината", "се финансират от
# комисията", "Дава ли общината пари"
_PAYER = re.compile(
    r"(?:\w+\s+){0,2}(?<!\w)(?:бюджет\w*|средств\w*|сметк\w*|пари\w*|плащ\w*|плати\w*|финансир\w*|покрив\w*|поем\w*)"
    r"(?:\s+(?:на|от|чрез|се|ги|го|я))?(?:\s+\w+){1,3}"
)


def bodies_not_paying(query: Query) -> list[str]:
    """The bodies a question names other than as payers: "училищният психолог … поема ли го здравната
    каса?" and "допълнителни часове в училище, без да плащаме частни уроци" name no "бюджета на училищата"."""
    paying = " ".join(m.group(0) for m in _PAYER.finditer(query.field_text))
    return [name for name in query.institutions if not find_institutions(paying, [name])]


def section_rows(catalog: Catalog, query: Query) -> np.ndarray:
    """Rows of the goals and measures the question names by number ("мярка 3.4", "цел 2")."""
    mask = np.zeros(len(catalog.rows), dtype=bool)
    for goal, measure in query.sections:
        mask |= (catalog.goals == goal) & ((catalog.measures == measure) if measure is not None else True)
    return mask


def deadline_rows(catalog: Catalog, query: Query) -> np.ndarray:
    """Rows whose deadline the question names: asked about ("срок при необходимост") or quoted in
    full with its preposition ("до декември", "в началото на учебната година")."""
    mask = np.zeros(len(catalog.rows), dtype=bool)
    text = query.field_text
    for phrase in catalog.deadlines.phrases:
        if phrase in text and (QuestionKind.DEADLINE in query.asks or " " in phrase or f"до {phrase}" in text):
            mask |= catalog.deadlines.rows_with(phrase)
    # "до септември": "началото на учебната 2024/2025" is 15 September ("тръгва на градина през септември" is no deadline)
    for month in _MONTH_NAMED.findall(text):
        by_then = re.search(rf"(?<!\w)до\s+(?:края\s+на\s+)?{month}", query.text)
        if not any(month in phrase for phrase in catalog.deadlines.phrases) and (QuestionKind.DEADLINE in query.asks or by_then):
            due = catalog.deadlines.rows_where(partial(_due_in, MONTHS[month]))
            if not due.any() and by_then and _DUE_ASKED.search(query.text):  # "какво трябва да е готово до края на октомври"
                due = np.array([_due_by(row, MONTHS[month]) for row in catalog.rows], dtype=bool)
            mask |= due
    return mask


# what is due is asked, not a date told in a story ("записан е на логопед до края на ноември"): none due that month, the
# rows due by then answer it
_DUE_ASKED = re.compile(r"(?<!\w)(?:готов\w*|направ\w*|изпълн\w*|свърш\w*|приключ\w*|сме\s+длъжни|срок\w*)(?!\w)")
_MONTH_NAMED = re.compile(rf"(?<!\w)({'|'.join(MONTHS)})(?!\w)")


def _due_by(row: Row, month: int) -> bool:
    """Whether a row's deadline falls by the end of the month in its plan's year."""
    iso = deadline_date(row.deadline)
    return iso is not None and iso[:7] <= f"{row.year}-{month:02d}"


def _due_in(month: int, deadline: str) -> bool:
    """Whether the date a deadline value names falls in the month."""
    iso = deadline_date(deadline)
    return iso is not None and int(iso[5:7]) == month


def funding_rows(catalog: Catalog, query: Query, every: bool = False, not_sources: str = "", sources: str = "") -> np.ndarray:
    """Rows whose funding the question names: none at all, a value quoted as the plans write it
    ("неприложимо"), none needed, or a source by its words (the best-matching values; with
    `every`, all values that match: "по проекти" is "проекти с външно финансиране" and
    "програми и проекти"). The words of `not_sources` (the bodies named as responsible, what the asker
    says about themselves) are not read as a source: "дейности на училищата … по проекти" is not "от
    бюджета на училища и МКБППМН", "ме интересува" is not "по ЕРС „Занимания по интереси“"; `sources`
    are the names of bodies the question says pay ("от бюджета на … комисията" is МКБППМН's)."""
    text = sources_asked(query.field_text)
    quoted = catalog.fundings.said(text)
    quoted = [phrase for phrase in quoted if not any(phrase != other and phrase in other for other in quoted)]
    if query.empty_funding or quoted:  # "„неприложимо“ или графата е празна": each value said
        mask = catalog.empty_funding.copy() if query.empty_funding else np.zeros(len(catalog.rows), dtype=bool)
        if query.empty_funding and query.unfunded:  # "не е нужно, или графата е празна": both
            mask |= catalog.unfunded
        for phrase in quoted:
            mask |= catalog.fundings.rows_with(phrase)
            text = text.replace(phrase, " ")
        if every and quoted:  # "външни проекти или програми и проекти": also what the rest names
            mask |= _best_value_rows(catalog.fundings, f"{text} {sources}", every, frozenset(value_stems(not_sources)))
        return mask
    if query.unfunded:  # "не изискват финансиране" is what the plan says, not a cell left blank
        return catalog.unfunded & ~catalog.empty_funding if query.funding_not_needed else catalog.unfunded.copy()
    return _best_value_rows(catalog.fundings, f"{text} {sources}", every, frozenset(value_stems(not_sources)))


def sources_asked(text: str) -> str:
    """The text without the sources it denies ("не само от собствените средства", "нито „неприложимо“", "не
    става дума за „неприложимо“")."""
    return NEITHER.sub(" ", _NOT_ONLY.sub(" ", without_refused(text)))


# "не само от собствените средства", "освен на бюджета на институциите и на проекти", "а не от бюджета на
# отговорните институции": not the source asked about
_NOT_ONLY = re.compile(
    r"(?<!\w)не само[^,.;:!?]*|(?<!\w)освен\s+(?:на|от)\s+[^,.;:!?]*?(?=\s+и\s+|[,.;:!?]|$)"
    # "(а не просто „от бюджета на …“)", "…, а не бюджетът на отговорните институции"
    r"|(?<!\w)(?:а|но)\s+не\s+(?:просто\s+|общо\s+|само\s+)?„?(?:(?:от|чрез|по)\s+|(?:бюджет|средств)\w*\s+на\s+)[^,.;:!?]*"
    r"|,\s*не\s+(?!само(?!\w)|и\s)[^,.;:!?()]*"  # "(самата община, не министерство чрез нея)"
)


def _column_word(stem: str) -> bool:
    return any(w.startswith(stem) or stem.startswith(w) for w in (*FUNDING_WORDS, *DEADLINE_WORDS))


def _best_value_rows(column: ColumnValues, text: str, every: bool = False, ignore: frozenset[str] = frozenset()) -> np.ndarray:
    """Rows with the column values that share most of their words with the question (by stem).

    "от общинския бюджет" -> "от бюджета на община Х" (1 of its 2 distinctive words), not "от
    бюджета на отговорните институции" (0 of 2); "по проекти" -> "програми и проекти" (1 of 2). A
    full-length word only one value has names that value: "от министерство" is "от бюджета на
    съответното министерство чрез община Х", although it says one of its four words. With `every`,
    also each value that has any such word of the question ("от общинския бюджет": also "…
    министерство чрез община Х", whose money passes through the municipality).
    """
    # "отговорник", "отговорни" name the responsible column, not the value "… на отговорните институции"
    asked = {stem for stem in value_stems(text) - ignore if not stem.startswith("отгов")}
    # the distinctive stems are derived once per corpus (catalog.distinctive_stems)
    shares = {phrase: len(stems & asked) / len(stems) for phrase, stems in column.distinctive.items() if stems}
    # (not the column's own words: "финансират" names no source)
    said = {phrase: {s for s in stems & asked if len(s) == STEM and not _column_word(s)}
            for phrase, stems in column.distinctive.items()}  # fmt: skip
    for phrase, stems in said.items():
        if any(sum(stem in other for other in column.distinctive.values()) == 1 for stem in stems):
            shares[phrase] = max(shares[phrase], MIN_VALUE_SHARE)
    best = max(shares.values(), default=0.0)
    mask = np.zeros(len(column.per_row), dtype=bool)
    if best >= MIN_VALUE_SHARE:
        # with `every`, not a value whose words asked are fewer than a best one's: "външни проекти" is
        # "проекти с външно финансиране", not also "програми и проекти" (but "проекти или външно …" is)
        hits = {phrase: {s for s in column.distinctive[phrase] & asked if not _column_word(s)} for phrase in shares}
        best_hits = [hits[phrase] for phrase, share in shares.items() if share == best]
        alternatives = bool(re.search(r"(?<!\w)или(?!\w)", text))
        for phrase, share in shares.items():
            narrower = not alternatives and any(hits[phrase] < wider for wider in best_hits)
            if share == best or (every and (share >= MIN_VALUE_SHARE or said[phrase]) and not narrower):
                mask |= column.rows_with(phrase)
    return mask

