"""Retrieval stage 4b, whole plan: a question about every row with a field value, answered exactly.

"всички дейности на МКБППМН", "какво трябва да е готово в началото на учебната година", "колко
дейности нямат финансиране", "какво включва мярка 1.5": these want the full set of rows whose
institution, deadline, funding or section is what the question names, not a ranking.

A question is one when it names at least one field value and no topic. Not a topic: the frame of
such questions (data/frame_words.tsv), the words of the values named, what the asker says before
asking or about themselves ("учителка съм в детска градина", "Подготвям отчет. Покажи …"), and
words the rows never use ("очаква", "приключат"), unless a word fires a glossary concept or names
something out of scope. A topic word ("какво правят училищата при тормоз") makes it a topic
question, ranked with the named values as boosts. A body needs a word asking for a set ("кои",
"колко", "какво", "задачите на" …), and words the rows never use need the rows named ("дейности",
"какво" …): "до колко часа работи детската градина" stays a question.

Bodies combine: "заедно/съвместно с", "общи за" (every one responsible), "само" (no other body),
"без …", "в които X не участват" (X left out). A question telling one child's case (a parent's
"дъщеря ми …", or a story naming a glossary concept) never gets such a list. Every rule is about
Bulgarian wording and the field values of whatever plans are loaded; how the question is worded
(which sentence asks, what is context, a child's case) is read in asking.py, a goal or measure
described by its words in sections.py, the bodies it asks about in bodies.py, the rows chosen here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache, partial

import numpy as np

from assistant.asking import (
    ASKS_FOR_A_SET,
    LISTS_ROWS,
    NOT_PEOPLE_DOING,
    aside_words,
    asides,
    asking_text,
    asks_funding,
    content_stems,
    frame_stems,
    only_names,
    tells_a_case,
    told_after,
    told_and_introduced,
    without_plan_names,
)
from assistant.bodies import (
    APPOSITIVE,
    FUNDING_COLUMN_SAID,
    FUNDING_SOURCE_NAMES,
    IN_FUNDING,
    ONLY,
    RESTATED,
    WITHOUT,
    Bodies,
    asked_bodies,
    body_names,
    institution_mask,
)
from assistant.catalog import STEM, Catalog, value_phrase, value_stems
from assistant.field_phrases import (
    COUNT_WORDS,
    NEITHER,
    NOT_PAID_BY,
    ONLY_SOURCE_DENIED,
    Position,
    position_named,
    sections_named,
)
from assistant.fields import MONTHS, deadline_date
from assistant.filters import deadline_rows, funding_rows, plans_of_age, section_rows, sources_asked
from assistant.glossary import abbreviations, expansion_of, institution_names
from assistant.lexical import STOPWORDS
from assistant.rows import Row
from assistant.sections import described_sections, measure_describer, section_title_stems, titles_of
from assistant.text import sentences, words
from assistant.understand import (
    ROLES,
    PlanAge,
    Query,
    concept_words,
    find_institutions,
    named_trigger_stems,
    understand,
)

# children described: "за децата, които …", "за деца от …", "за учениците с …"
_CHILDREN_DESCRIBED = re.compile(
    r"(?<!\w)(?:за|на)\s+(?:децата|деца|детето|учениците|ученици|ученика|малките)(?:\s*,\s*|\s+)"
    r"(?:които|който|която|от|с|без|на|в)\s+([^.?!;]*)"
)
_QUOTE = re.compile(r"[„\"“]")  # a value quoted as the plans write it
MANY_UNKNOWN = 3  # this many words the rows never use: a whole-plan question must ask for a list outright
# of a section's rows: "От мярка 1.5 кое е без …?", "мярка 1.5 само тези, дето не са на общината"
_WHICH_ONES = re.compile(r"(?<!\w)(?:кои|кое|коя|(?:тези|онези)(?=\s*(?:,|дето|които|$)))(?!\w)")
_ACTIVITIES = re.compile(r"(?<!\w)(?:дейност\w*|мерки\w*|задачи\w*)(?!\w)")  # ... or name the rows
# a school or a kindergarten as the place where something happens, not as the body whose rows are asked for:
# "децата имат ли думата в училище да казват какво искат", "в училище вече нямам какво да науча", "колички да
# могат да влизат в училищата и градините"
_SCHOOL_AS_PLACE = r"(?:училище|училището|училища|училищата|(?:детска|детската|детски|детските)\s+градин\w*|градина|градината|градини|градините)"
_AT_SCHOOL = re.compile(rf"(?<!\w)(?:в|във)\s+{_SCHOOL_AS_PLACE}(?:\s+и\s+(?:(?:в|във)\s+)?{_SCHOOL_AS_PLACE})?(?!\w)")
# the rows themselves named: with words the rows never use, the question must ask for rows
_ROWS_NOUN = re.compile(
    r"(?<!\w)(?:дейност\w*|мероприят\w*|мерк\w*|задач\w*|неща\w*|нещо|ангажимент\w*|отговорност\w*|какво|всичко|кое|коя|кои|къде|пъти"
    r"|редове|редовете|(?<=колко\s)реда|(?<=\d\s)реда|(?<=кой\s)ред)(?!\w)"  # a spreadsheet's rows ("Какъв е редът за …" is a procedure)
)
# "без проекти", "без проекти, програми и други източници"
# ... and a source denied in brackets: "от бюджета на самата община (не от министерство и …)"
_WITHOUT_CLAUSE = re.compile(
    r"(?<!\w)(?:без|(?<=\()не\s+(?:от|чрез|на))\s+(?:\w+\s+като\s+)?(\w+(?:\s*,\s*\w+)*(?:\s+(?:и|или)\s+\w+(?:\s+\w+)?)?)"
)  # ... "без добавки като проекти или ЕРС": what follows "като" is left out
# money itself: "без финансиране" asks for the unfunded rows, not for leaving a funding value out
_MONEY_STEMS = frozenset(w[:STEM] for w in ("финансиране", "пари", "средства", "бюджет", "източник", "никакво", "неприложимо"))
# a question asking how ("Как комисията и училищата работят заедно?"), not which rows
# ... but how a body is written down asks for its rows: "Как е записан регионалният екип (РЕПЛР) като отговорен?"
_HOW = re.compile(
    r"(?:^|[.!?])\s*как(?:\s+точно)?\s+(?!се\s+казва|(?:е|са)\s+(?:записан|посочен|вписан|изписан)\w*)", re.IGNORECASE
)
# every row of a plan: "Колко дейности общо съдържа планът за 2023 г.?", "изброй всички дейности в плана"
_WHOLE_PLAN = re.compile(
    r"(?<!\w)(?:колко|всички|изброй\w*|списък)\s+(?:\w+\s+){0,2}?(?:дейност|мерки)\w*(?:\s+\w+){0,4}?\s+(?:план\w*|общо)(?!\w)"
    # "Покажи ми целия план", "всички дейности по всички цели", "колко дейности има по всяка оперативна цел"
    r"|(?<!\w)(?:целия|целият|цялия|цял)\s+план(?!\w)"
    r"|(?<!\w)(?:колко|всички|изброй\w*|списък)\s+(?:\w+\s+){0,2}?дейност\w*(?:\s+\w+){0,2}?\s+(?:по|за|във?)\s+(?:всяка|всички)"
    r"\s+(?:оперативн\w+\s+)?цел\w*(?!\w)"
    r"|(?P<difference>(?<!\w)разлик\w*\s+в\s+(?:броя|бройката)\s+на\s+дейност\w*)"  # "Има ли разлика в броя на дейностите …?"
)
_EVERY_ROW = re.compile(rf"(?<!\w)(?:всички{NOT_PEOPLE_DOING}|всичко|всичките|изброй\w*|списък)(?!\w)")
# a feeling about everything is no request for every row: "омръзна ми всичко", "всичко ми е писнало"
_FED_UP = re.compile(
    r"(?<!\w)(?:(?:омръзна|писна|дотегна|втръсна)\w*\s+(?:ми|му|ѝ|й|им|ни)\s+(?:от\s+)?всичко"
    r"|всичко\s+(?:ми|му|ѝ|й|им|ни)\s+(?:е\s+)?(?:омръз|писна|дотег|втръс|тежи|дойде)\w*)(?!\w)"
)
_COUNT = re.compile(r"(?<!\w)(?:колко|брой|броят)(?!\w)", re.IGNORECASE)
# a count within the rows asked for: "… и колко от тях се финансират от бюджета на …"
_OF_THEM = re.compile(r"(?<!\w)и\s+колко\s+от\s+(?:тях|тези|тия|въпросните)(?!\w)[^.;!?]*")
_FUNDING_WORDS = re.compile(r"(?<!\w)(?:финанс|бюджет|средств|пари|плаща|проект|програм)\w*")
_DEADLINE_WORDS = re.compile(
    r"(?<!\w)(?:до (?:края|началото|средата)|през (?:" + "|".join(MONTHS) + r")|"
    + "|".join(MONTHS) + r"|края на|началото на)(?!\w)"
)
# "в двата плана", and "в плановете" without a year: every year's plan
_EVERY_YEAR = re.compile(
    r"(?<!\w)(?:и\s+)?(?:в\s+)?(?:двата|двете|всички)\s+(?:плана|години|годишни)(?!\w)"
    r"|(?<!\w)разлик\w*\s+в\s+(?:броя|бройката)(?!\w)"  # a difference in number compares the plans
    r"|(?<!\w)(?:в|по|от|според)\s+плановете(?!\s+(?:за\s+|на\s+)?20\d\d)(?!\w)"
)
_NOT_DEADLINE = re.compile(
    r"(?<!\w)(?:(?:нямат|няма)\s+срок|(?:не са със|не е със|не е с|не са с)\s+(?:краен\s+)?срок|различ\w*\s+от"
    # "нямат краен срок декември" ("нямат краен срок, а са при необходимост" names the deadline asked about)
    r"|(?:нямат|няма)\s+краен\s+срок(?=\s+(?:до\s+|през\s+|в\s+)?(?:" + "|".join(MONTHS) + r"))"
    # ... "а не чак декември"; "…, а не до началото на учебната година" (the contrast only: "не е в началото
    # на учебната" may be a description)
    r"|(?:а\s+не|не\s+е|не\s+\w+|не)\s+(?:чак\s+|едва\s+)?(?:през\s+|до\s+|в\s+|към\s+|около\s+)?(?:края\s+на\s+|началото\s+на\s+)?(?:" + "|".join(MONTHS) + r")"
    r"|а\s+не\s+(?:до\s+|в\s+|със\s+|с\s+)?(?:срок\s+)?(?:до\s+)?(?:началото|старта|откриването)\s+на\s+учебната)"
)
# "някакъв друг срок", "различни срокове": a deadline other than the one named
_OTHER_DEADLINE = re.compile(r"(?<!\w)(?:друг|друга|други|различ\w*)\s+(?:\w+\s+)?срок\w*")
_SEAT = re.compile(r"\s[–—-]\s+(.+)$")  # "РЦПППО – Стара Загора": the town after the body
# the responsible column named: "сред отговорните институции", "като/са отговорна институция" is no
# funding value "От бюджета на отговорните институции"
_RESPONSIBLE_COLUMN = re.compile(
    r"(?<!\w)(?:сред|между|като|са|е|в\s+(?:колоната|графата)\s+(?:за\s+|на\s+)?|„)\s*отговорн\w*(?:\s+институци\w*)?"
)
# "освен тези с финансиране неприложимо", "без дейностите с източник проекти": those funding values left out
# "освен тези, които се финансират „от бюджета на …“" too
_EXCEPT_FUNDING = re.compile(
    r"(?<!\w)(?:без|освен)\s+(?:тези|онези|дейностите|всички)(?:\s+(?:с|със)(?:\s+(?:финансиране|източни\w*))?(?=\s+„)|\s+(?:с|със)\s+(?:финансиране|източни\w*)"
    r"|\s*,?\s+(?:които|що)\s+се\s+(?:финансира\w*|плащ\w*|покрива\w*)|\s*,?\s+които\s+са\s+(?=(?:от|чрез)\s)"
    r"|\s*,?\s+(?:финансиран\w*|платен\w*|покрит\w*)\s+(?:(?:изцяло|само|единствено)\s+)?(?=(?:от|чрез)\s)"  # "освен дейностите, финансирани (изцяло) от …"
    r"|\s*,?\s+(?:за|при)\s+които\s+(?:финансирането|източникът)\s+е\s+(?:(?:отбелязан|посочен|записан)\w*\s+)?(?:като\s+)?)"
    r"\s*([^,.;:!?()]+)"  # "… като изключите онези, за които финансирането е отбелязано като неприложимо"
)
# "финансиране, различно от стандартното „от бюджета на отговорните институции“": every row but those
# with exactly that value ("…; проекти с външно финансиране" is different)
_OTHER_THAN = re.compile(
    r"(?<!\w)(?:финансиране|финансирането|източни\w*)(?:\s+(?:им\s+)?(?:е|са))?\s*,?\s+(?:различ(?:ен|н)\w*|друг\w*)\s+от\s+(?:само\s+)?(?:(?:стандартн|обичайн|основн)\w*\s+)?"
    r"(?:(?:финансиране|източни\w*)\s+)?([^,.;:!?()]+)"
    # ... and a quoted value denied: "финансирането не е просто „от бюджета на …“", "финансирането им не е
    # „неприложимо“", "не са финансирани с формулата „от бюджета на …“"
    r"|(?<!\w)(?:финансирането|източникът)(?:\s+(?:им|му|й|ѝ))?\s+не\s+е\s+(?:просто\s+|само\s+)?(„[^“”\"]+[“”\"])"
    r"|(?<!\w)не\s+(?:са|е|се)\s+(?:финансира|плаща|покрива)\w*\s+(?:с|със|по)\s+(?:формулата|текста|записа|израза|думите)\s+(„[^“”\"]+[“”\"])"
    # ... "НЕ са с финансиране „неприложимо“", "имат във финансирането нещо различно от само „От бюджета на …“"
    r"|(?<!\w)не\s+(?:са|е)\s+(?:с|със)\s+(?:финансиране|източни\w*)\s+([„\"“][^“”\"]+[“”\"])"
    r"|(?<!\w)(?:във|в)\s+(?:финансирането|източни\w*)(?:\s+(?:си|на\s+финансиране))?\s+(?:нещо\s+)?(?:различно|друго)\s+от\s+(?:само\s+)?([„\"“][^“”\"]+[“”\"])"
    # ... and money from outside a budget: "с държавни средства извън собствените бюджети на институциите – …"
    r"|(?<!\w)извън\s+(?P<outside>(?:(?:собствени|самите|техни)\w*\s+)?(?:бюджет|средств)\w*\s+на\s+[^,.;:!?()–—]+)"
)
# how many bodies are responsible: "повече от четири отговорни институции", "поне 3 отговорни", "точно една институция"
_NUMBER = r"\d{1,2}|една|едно|един|две|два|три|четири|пет|шест|седем|осем|девет|десет"
# a bound before the number ("повече от четири", "поне 3") or after it ("шест или повече", "две и по-малко")
_BOUNDED_NUMBER = (
    rf"(?<!\w)(?P<negated>не\s+)?(?:(?P<before>повече\s+от|над|поне|най-малко|минимум|по-малко\s+от|под|точно|най-много|максимум)\s+"
    rf"(?P<number>{_NUMBER})|(?P<number_first>{_NUMBER})\s+(?:или|и)\s+(?P<after>повече|по-малко|нагоре|надолу))(?!\w)"
)  # "не повече от една" is at most one
_BODY_COUNT = re.compile(rf"(?<!\w){_BOUNDED_NUMBER}\s+(?:\w+\s+)?(?:отговорн\w*|институци\w*|партньор\w*)")
# "Кои мерки имат само по една дейност?", "мерките с повече от три дейности": the rows of such measures
_HOW_MANY = rf"[^.;!?]*?(?:(?:само|единствено)\s+(?:по\s+)?(?P<single>една)|{_BOUNDED_NUMBER})\s+(?:\w+\s+)?"
_MEASURE_SIZE = re.compile(rf"(?<!\w)мерк\w*{_HOW_MANY}дейност\w*")
# "Коя оперативна цел има само една мярка?", "целите с повече от пет мерки": the rows of such goals
_GOAL_SIZE = re.compile(rf"(?<!\w)(?:оперативн\w*\s+)?цел(?:и|ите|та)?(?!\w){_HOW_MANY}(?:мерк|мярк)\w*")
# "Кои мерки са изцяло в отговорност само на училищата?": measures (or goals) whose every row is asked, not the rows
# ("Кои дейности по петата цел са изцяло на училищата?", "цел 1 … изцяло" and "… дейности … изцяло" ask for rows)
_WHOLE_SECTIONS = re.compile(
    r"(?<!\w)(?:(?P<measure>мерк|мярк)\w*|цел(?:и|ите|та)?)(?!\w)(?!\s*\d)(?:(?!дейност)[^.;!?])*?(?<!\w)(?<!не\s)(?<!не\sса\s)(?<!не\sе\s)"
    r"(?:изцяло|изключително(?=\s+(?:на|в|за)\s)|всичките\s+им\s+дейности|всички\s+им\s+дейности)(?!\w)"
)
_ACTIVITIES_BEFORE = re.compile(r"(?<!\w)дейност\w*[^.;!?]*$")


def _within_bound(counts: np.ndarray, said: re.Match[str]) -> np.ndarray:
    """Where `counts` meets the bound a _BOUNDED_NUMBER match says ("повече от четири", "шест или повече");
    "не" before it turns it round ("не повече от една" is at most one)."""
    if said.groupdict().get("single"):
        return counts == 1
    meets = _meets_bound(counts, said)
    return ~meets if said.group("negated") else meets


def _meets_bound(counts: np.ndarray, said: re.Match[str]) -> np.ndarray:
    number = said.group("number") or said.group("number_first")
    n = int(number) if number.isdigit() else COUNT_WORDS[number]
    bound = (said.group("before") or said.group("after")).split()[0]
    if bound in ("повече", "над", "нагоре"):
        return counts > n if said.group("before") else counts >= n
    if bound in ("поне", "най-малко", "минимум"):
        return counts >= n
    if bound in ("по-малко", "под", "надолу"):
        return counts < n if said.group("before") else counts <= n
    if bound in ("най-много", "максимум"):
        return counts <= n
    return counts == n


def _another_body(catalog: Catalog, names: set[str]) -> np.ndarray:
    """Rows with a responsible body other than these."""
    return np.array([bool(set(r.responsible) - names) for r in catalog.rows])


_JOINED_BODIES = re.compile(r"(?<!\w)[А-Я]{2,}\s+и\s+(?=[А-Я]{2,}(?!\w))")  # "ЦОП и ЦСРИ - Казанлък": two bodies in one entry
_COUNTED_APART = re.compile(r"(?<!\w)(?:поотделно|отделно|като\s+две)(?!\w)")


def _rows_with_bodies(catalog: Catalog, said: re.Match[str]) -> np.ndarray:
    """Rows with as many responsible entries as `said` (a _BODY_COUNT match) asks; two abbreviations joined in
    one entry ("ЦОП и ЦСРИ - Казанлък") are two bodies when the question says to count them apart."""
    apart = bool(_COUNTED_APART.search(said.string))  # "(ЦОП и ЦСРИ да се броят поотделно)"
    counts = np.array([len(r.responsible) + apart * sum(len(_JOINED_BODIES.findall(name)) for name in r.responsible)
                       for r in catalog.rows])  # fmt: skip
    return _within_bound(counts, said)


# "Кои дейности имат най-много отговорни институции?", "дейностите с най-много партньори": no number, the most
# ("най-много отговорности" is a body's load: _BUSIEST)
_MOST_BODIES = re.compile(r"(?<!\w)най[\s-]+много\s+(?:отговорн(?:и|ите)|институци\w*|партньор\w*)(?!\w)")


def _rows_with_most_bodies(catalog: Catalog, in_plans: np.ndarray) -> np.ndarray:
    """Of these rows, each plan's rows with the most responsible entries (all that tie; an entry naming
    two bodies, "ЦОП и ЦСРИ", counts once)."""
    counts = np.array([len(r.responsible) for r in catalog.rows])
    kept = np.zeros(len(catalog.rows), dtype=bool)
    plans = zip(catalog.municipality_codes[in_plans].tolist(), catalog.years[in_plans].tolist(), strict=True)
    for code, year in set(plans):
        of_plan = in_plans & (catalog.municipality_codes == code) & (catalog.years == year)
        kept |= of_plan & (counts == counts[of_plan].max())
    return kept


def _rows_of_measures_sized(catalog: Catalog, said: re.Match[str]) -> np.ndarray:
    """The rows of the measures with as many activities as `said` (a _MEASURE_SIZE match) asks, each plan's
    measures counted in that plan."""
    sizes = Counter((r.municipality, r.year, r.goal, r.measure) for r in catalog.rows)
    return _within_bound(np.array([sizes[(r.municipality, r.year, r.goal, r.measure)] for r in catalog.rows]), said)


def _rows_of_goals_sized(catalog: Catalog, said: re.Match[str]) -> np.ndarray:
    """The rows of the operational goals with as many measures as `said` (a _GOAL_SIZE match) asks, in each plan."""
    measures = _measures_of_goals(catalog.rows)
    return _within_bound(np.array([measures[(r.municipality, r.year, r.goal)] for r in catalog.rows]), said)


def _whole_sections_only(catalog: Catalog, rows: np.ndarray, by_measure: bool) -> np.ndarray:
    """The selected rows of the measures (or goals) all of whose rows are selected: a measure "изцяло на училищата"
    has no row of another body."""
    def section(row: Row) -> tuple[str, int, int, int | None]:
        return (row.municipality, row.year, row.goal, row.measure if by_measure else None)

    partly_selected = {section(row) for row, selected in zip(catalog.rows, rows, strict=True) if not selected}
    return rows & np.array([section(row) not in partly_selected for row in catalog.rows])


def _measures_of_goals(rows: Iterable[Row]) -> Counter[tuple[str, int, int]]:
    """How many measures each plan's operational goals have among these rows."""
    return Counter((m, y, g) for m, y, g, _ in {(r.municipality, r.year, r.goal, r.measure) for r in rows})


# a source with another beside it: "смесено финансиране", "… плюс още някакъв източник", "не само от бюджета
# на …, а и от някакъв допълнителен източник"
# any funding at all, "неприложимо" none: "Вярно ли е, че всички дейности по цел 3 имат посочен източник на
# финансиране?", "Кои дейности имат някакво финансиране?" (a value after it is that value: "с финансиране от …")
_SOME_FUNDING = re.compile(
    r"(?<!\w)(?:имат|има|със?)\s+(?:посочен\w*|някакъв|някакво|осигурен\w*|реален|реално)\s+(?:източни\w*(?:\s+на\s+финансиране)?|финансиране)"
    r"(?=\s*(?:[?,.;!]|$|\s(?:и|или)\s))"
)
_MIXED_FUNDING = re.compile(
    r"(?<!\w)(?:смесен\w*|комбинирано|комбиниран\w*)\s+финансиране|(?<!\w)(?:плюс|и)\s+(?:от\s+)?(?:още\s+)?(?:някакъв|някой|друг|допълнителен)\s+(?:(?:друг|допълнителен)\s+)?"
    r"(?:източник|вид\s+финансиране)|(?<!\w)повече\s+от\s+един\s+източник"
)
# ("включете" reaches here as the plans' "включени": the dictionary lacks that imperative)
_INCLUDE_ALSO = re.compile(r"(?<!\w)(?:включете|включени|включи|включвайки|включително)\s+и\s+(?:онези|тези|такива|дейностите)[^.;!?]*")
_YES_NO = re.compile(r"(?<!\w)ли(?!\w)")
_SET_AGAINST = re.compile(r",\s*или\s+(?:всичко|всички|само|винаги|навсякъде)(?!\w)[^.;!?]*")
# alternatives ("или", "било от общинския бюджет, било от …", "(вкл. средства от министерство …)"), not between numbers ("2023 или 2024", "1.3 или 1.4")
_OR = re.compile(r"(?<![\d.]\s)(?<!\w)или(?!\s+\d)(?!\w)|(?<!\w)било\s+[^,.;:!?]+,\s*било(?!\w)|(?<!\w)(?:вкл\.|включително)")
# the source said instead of one denied: "не се финансират от …, а (изрично) от бюджета на общината"
_SOURCE_INSTEAD = re.compile(r"\s*,?\s*(?:а|но)\s+(?:изрично\s+|само\s+|директно\s+|единствено\s+)?(?:от|чрез)\s")
# subtle: "не само от бюджета" is no "only" (the lookbehind is "не" as a whole word: "финансиране само" is)
_EXPLICIT_SOURCE = re.compile(r"(?<!\w)изрично\s+(?:от|чрез)(?!\w)")  # "изрично от бюджета на общината": that value only
_FUNDING_ONLY = re.compile(
    r"(?<!\w)(?<!(?<!\w)не )(?:само|изцяло|единствено|точно)\s+„?(?:от|чрез)\s+(?:бюджет|средств)"
    r"|(?<!\w)без\s+(?:никакъв\s+)?(?:друг|други|допълнителн)\w*\s+(?:източни|финансир)\w*"  # "точно „…“, без друг източник"
)
# "без тези от оперативна цел 1", "освен дейностите по мярка 2.1", "извън цел 6", "не са в цел 1", "освен дейностите
# за даровитите деца по мярка 1.5" (a few words describing them): those sections left out
_EXCEPT_SECTION = re.compile(
    r"(?<!\w)(?:(?:без|освен)(?:\s+(?:тези|онези|дейностите|редовете)(?:\s+[^\s,.;:!?]+){0,4}?)?(?:\s+(?:от|в|във|по))?|извън"
    r"|не\s+(?:са|е|влизат|влиза|попадат|спадат)\s+(?:в|във|по|от|към))\s+"  # "колко дейности не са в първа оперативна цел"
    r"((?:оперативн\w*\s+|оп\.\s*)?(?:цел|мярка|мерки|цели)(?:та|те)?\s*(?:№\s*)?(?:от\s+)?\d+(?:\.\d+)?"
    r"(?:\s*(?:-|–|—|до|и|,)\s*(?:м[яе]рк\w*\s+)?\d+(?:\.\d+)?)*"  # "освен мерки 3.1 до 3.5"
    r"|(?:първ|втор|трет|четвърт|пет|шест|седм|осм)\w*\s+(?:оперативн\w*\s+)?цел)"  # "извън първата оперативна цел"
    r"(?:\s+(?:за|срещу|относно|свързан\w*\s+с)\s+[^,.;:!?]*)?"  # the words describing it ("мярка 1.3 за тормоза")
)
# "без мярката за тормоза", "освен кампаниите": what a clause leaves out, when it is no body, number or field value
# ... a clause of its own (after a comma, a dash, "но"/"а"/"и", at the start, or "без тези …" anywhere), up to
# the next one:
# "за деца без родители" describes children, it leaves nothing out
_LEFT_OUT = re.compile(
    r"(?:^|[,;:–—(]\s*|(?<!\w)(?:но|а|и)\s+|(?<!\w)(?=(?:без|освен)\s+(?:тези|онези)\s))(?:без|освен)\s+(?!да\s)(?:(?:тези|онези|дейностите)\s+(?:за|по|от|с)\s+)?"
    r"((?:(?!\s(?:и\s+|или\s+)?(?:без|освен)\s)[^,.;:!?()])+)"
)
_NOT_A_TOPIC = re.compile(r"\d|(?<!\w)(?:финансир|пари|средств|срок|бюджет|проект|нужда|друг|участ|отговор)")
_ITEMS = re.compile(r"\s+(?:и|или)\s+|\s*,\s*")  # "кампаниите и обученията": each left out
_NOT_WANTED = re.compile(r"(?<!\w)не\s+(?:ме|ни)\s+интересува\w*|(?<!\w)не\s+(?:ги\s+)?(?:искам|искаме|включвайте|броете)(?!\w)")
# who the asker is, in such a clause: never the topic ("инспектор съм в ДПС" is no question about inspections)
_SCHOOL_YEAR = re.compile(r"(20\d\d)\s*/\s*(20\d\d)")
# a claim about every row, then its exceptions asked for: "Вярно ли е, че всичко в плана е със срок декември?
# Кои дейности правят изключение?"
_EXCEPTIONS_ASKED = re.compile(
    r"(?<!\w)(?:всичко|всички)(?!\w)[^?]*\?[^?]*(?<!\w)(?:прав\w*\s+изключени\w*|(?:са|е)\s+изключени\w*|изключенията|изключението)(?!\w)"
)
# the asker saying what they mean ("Говоря за всички редове, където ги пише"): exact forms, as "говор" is a
# topic of the plans (speech)
_ASKER_SPEAKS = frozenset({"говоря", "говорим"})
_KIND_OF_BODY = re.compile(r"(?<!\w)(\w+)\s+(?:институци|организаци|органи|служби)\w*")
# a body in general, like "институции" (a frame word): "някой от социалните или здравните органи – ДСП, ЦОП …"; whole
# words, for a stem of five letters would cover "организиране" too
_BODY_NOUN = re.compile(r"орган(?:и|ите|а|ът)?|служб(?:а|ата|и|ите)")
_KIND_OF_SOURCE = re.compile(r"(?<!\w)((?:друг|допълнител|собствен|отделн|нов)\w*)\s+(?:източни|финансиран)\w*")


class Selector(StrEnum):
    """What selected a whole-plan question's rows."""

    INSTITUTION = "institution"  # a responsible body ("всички дейности на МКБППМН")
    SECTION = "section"  # an operational goal or measure, by number or described
    DEADLINE = "deadline"  # a deadline value ("в началото на учебната година")
    FUNDING = "funding"  # a funding value ("неприложимо", "от бюджета на общината")
    PLAN = "plan"  # the whole plan, no condition ("Колко дейности има планът?")
    TOPIC = "topic"  # rows whose activity names a topic left out ("освен кампаниите")
    RESULTS = "results"  # rows whose expected results name a topic ("с очакван резултат повишена квалификация")


@dataclass(frozen=True)
class WholePlan:
    """All rows a whole-plan question asks for (within the allowed rows), and how it asked."""

    rows: np.ndarray  # bool mask over the catalog's rows
    count_asked: bool  # "колко …": the answer leads with the number
    fields: tuple[Selector, ...]  # which values selected them
    busiest: tuple[str, ...] = ()  # "коя институция отговаря за най-много дейности": the body (bodies, if tied)
    funding_shown: bool = False  # "… и колко от тях се финансират от …": each row's funding beside it
    # no row meets the question, but the bodies' rows without "само" do ("Има ли дейности, за които отговаря само
    # РУО?"): shown as the nearest, said to be only that
    nearest: np.ndarray | None = None
    # "Всички ли дейности по цел 3 се финансират от …?": whether every row the first part names meets the rest (the rows
    # are then all of them; else those that fail it); None when not asked so
    every_meets: bool | None = None


# two conditions joined by "или" as clauses, each with its verb ("Кои дейности или се финансират по проекти, или в
# тях участват НПО?", "… са само на детските градини или са със срок началото на учебната година?")
_CLAUSE_START = r"(?:са|е|се|имат|има|в\s+тях|в\s+които|при\s+тях)\s"
_EITHER_CLAUSE = re.compile(
    r"^(?P<head>[^?]*?(?:дейност|редове|редовете)\w*)\s+(?:или\s+)?(?P<first>" + _CLAUSE_START + r"[^?]*?),?\s+или\s+"
    r"(?P<second>" + _CLAUSE_START + r"[^?]*?)\s*[?.!]*\s*$"
)


def _either_of_two(catalog: Catalog, query: Query, allowed: np.ndarray) -> WholePlan | None:
    """The rows of either condition, when two clauses joined by "или" each select by another column (values of one
    column, "на училищата или на градините", are read as any of them already)."""
    said = _EITHER_CLAUSE.match(query.text)
    if not said:
        return None
    found = []
    for clause in (said.group("first"), said.group("second")):
        asked = understand(f"{said.group('head')} {clause}?", catalog.vocabulary, catalog.institutions)
        rows = whole_plan(catalog, asked, allowed)
        if rows is None or not rows.rows.any():
            return None
        found.append(rows)
    first, second = found
    if set(first.fields) & set(second.fields):
        return None
    return WholePlan(first.rows | second.rows, bool(_COUNT.search(query.text)), tuple(dict.fromkeys((*first.fields, *second.fields))))


# "Всички ли дейности по цел 3 се финансират от …?", "Вярно ли е, че всички дейности, за които отговаря РУО, са със
# срок …": the rows named before the verb (a relative clause between commas belongs to them), then what they should meet
_EVERY_ASKED = re.compile(
    r"(?<!\w)(?:(?:всички|всичките)\s+ли|(?:дали|че)\s+(?:всички|всичките))\s+"
    r"(?P<subject>(?:дейност|мерк|ред)\w*(?:,[^,?]*,|[^,?])*?)\s*,?\s+(?P<rest>(?:се|са|е|имат|има|отговаря\w*|трябва)\s[^?]*)",
    re.IGNORECASE,
)
# a body in every row of a set: "Участва ли общината във всички дейности по цел 6?", "Вярно ли е, че детските градини
# участват във всички дейности по мярка 1.3?"
_TAKES_PART = r"(?:участва\w*|отговаря\w*|присъства\w*|(?:е|са)\s+включен\w*|фигурира\w*)"
_BODY_START = r"(?:^|(?<=[,.;:!?])\s*|(?<!\w)(?:че|дали)\s+)"
_BODY_IN_EVERY = re.compile(
    rf"(?:{_BODY_START}(?P<body>[^,.;:!?]+?)\s+{_TAKES_PART}(?:\s+ли)?|(?<!\w){_TAKES_PART}\s+ли\s+(?P<body_after>[^,.;:!?]+?))"
    r"\s+(?:във|в)\s+(?:всички|всичките)(?:\s+(?:от\s+)?(?:те|тях))?\s+(?P<subject>(?:дейност|мерк)\w*[^?]*)",
    re.IGNORECASE,
)
# a body's rows all in one place, or all with one partner: "… РЦПППО участва само в дейности по оперативна цел 2?",
# "… РУ на МВР винаги отговаря заедно с Дирекция „Социално подпомагане“?"
_BODY_ONLY_IN = re.compile(
    rf"{_BODY_START}(?P<body>[^,.;:!?]+?)\s+{_TAKES_PART}\s+само\s+(?:в|във|по|за)\s+(?P<where>(?:дейност|мерк|цел|оперативн)\w*[^?]*)",
    re.IGNORECASE,
)
_ALWAYS_WITH = re.compile(
    rf"{_BODY_START}(?P<body>[^,.;:!?]+?)\s+винаги\s+(?:{_TAKES_PART}|работи\w*|е)\s+(?:заедно\s+|съвместно\s+)?(?:с|със)\s+(?P<partner>[^?]*)",
    re.IGNORECASE,
)

# no row without a body, said with two negations: "Никоя ли дейност по цел 2 не минава без участието на училищата?"
_NONE_WITHOUT = re.compile(
    r"(?<!\w)(?:никоя|нито\s+една)(?:\s+ли)?\s+(?P<subject>(?:дейност|мярк|мерк)\w*[^?]*?)\s+(?:ли\s+)?не\s+(?:\w+\s+){0,2}?"
    r"без\s+(?:да\s+участва\w*|участие(?:то)?\s+на)\s+(?P<body>[^?.!;]+)",
    re.IGNORECASE,
)
# bodies that take part together, when every row is checked: "… са с участието на ДГ и училищата" is both of them
_WITH_BODIES = re.compile(r"(?:са|е)\s+(?:с\s+участието\s+на|възложен\w*\s+на)\s+(?P<bodies>[^?.!;]+\s(?:и|със?)\s[^?.!;]+)", re.IGNORECASE)


def _rows_of(bodies: str) -> str:
    """A whole-plan question for the rows of bodies said together ("училищата и детските градини": both of them)."""
    return f"Кои са всички дейности, общи за {bodies}?" if re.search(r"\s(?:и|със?)\s", bodies) else f"Кои са всички дейности на {bodies}?"


def _every_row_asked(text: str) -> tuple[str, str, str | None] | None:
    """A question whether every row of a set meets a condition, as whole-plan questions: (the rows checked, the rows
    that meet it, and the condition alone when the second repeats the first's: it must select rows by itself)."""
    if said := _EVERY_ASKED.search(text):
        subject, rest = said.group("subject"), said.group("rest")
        if together := _WITH_BODIES.fullmatch(rest.strip()):
            return f"Кои са всички {subject}?", _rows_of(together.group("bodies")), None
        return f"Кои са всички {subject}?", f"Кои {subject} {rest}?", f"Кои са всички дейности, които {rest}?"
    if said := _NONE_WITHOUT.search(text):
        return f"Кои са всички {said.group('subject')}?", _rows_of(said.group("body")), None
    if said := _BODY_IN_EVERY.search(text):
        return f"Кои са всички {said.group('subject')}?", _rows_of(said.group("body") or said.group("body_after")), None
    if said := _BODY_ONLY_IN.search(text):
        return _rows_of(said.group("body")), f"Кои са всички {said.group('where')}?", None
    if said := _ALWAYS_WITH.search(text):
        return _rows_of(said.group("body")), _rows_of(said.group("partner")), None
    return None


def _every_row_check(catalog: Catalog, query: Query, allowed: np.ndarray) -> WholePlan | None:
    """A question whether every row of a set meets a condition: the rows that do not (or, when all do, all of them).
    None when either part alone is no whole-plan question, or the condition alone selects no rows. The plans the
    question names are each part's ("… и в двата плана")."""
    asked = _every_row_asked(query.text)
    if asked is None:
        return None
    plans = " ".join(m.group(0) for m in _EVERY_YEAR.finditer(query.text)) or " ".join(f"{year} г." for year in query.years)

    def read(text: str) -> WholePlan | None:
        return whole_plan(catalog, understand(f"{text[:-1]} {plans}?" if plans else text, catalog.vocabulary, catalog.institutions), allowed)

    checked_text, meeting_text, condition = asked
    checked, meeting = read(checked_text), read(meeting_text)
    if checked is None or meeting is None or not checked.rows.any() or Selector.PLAN in meeting.fields:
        return None
    if condition is not None and ((alone := read(condition)) is None or not alone.rows.any() or Selector.PLAN in alone.fields):
        return None
    failing = checked.rows & ~meeting.rows
    return WholePlan(failing if failing.any() else checked.rows, bool(_COUNT.search(query.text)),
                     tuple(dict.fromkeys((*checked.fields, *meeting.fields))), every_meets=not failing.any())  # fmt: skip


def latest_plan_meant(query: Query) -> bool:
    """A question naming no year and not every plan ("в двата плана") asks about the latest plan."""
    return not query.years and not _EVERY_YEAR.search(query.text)


_SECTION_WORDS = ("цел", "мярк", "оперативн")


def _only_sections_and(query: Query, bodies: set[str]) -> bool:
    """Whether the question is nothing but sections and the bodies' names: "цел 5 без МКБППМН"."""
    rest = " ".join(w for w in words(query.text) if not (w.isdigit() or w.startswith(_SECTION_WORDS)))
    return only_names(replace(query, text=rest), bodies)


def whole_plan(catalog: Catalog, query: Query, allowed: np.ndarray) -> WholePlan | None:
    """The rows of a whole-plan question, or None when the question is not one.

    Without a year in the question (or the filters), each municipality's latest plan answers:
    listing a repeated activity once per year would double every count."""
    if either := _either_of_two(catalog, query, allowed):
        return either
    if every := _every_row_check(catalog, query, allowed):
        return every
    asks_for_a_set = bool(ASKS_FOR_A_SET.search(query.text))
    case_told = tells_a_case(query.text)  # before anything is set aside: "…, тъй като синът ми е бит в час?"
    query = _asked_part(catalog, query)  # without "тъй като …", "…, като за всяка от тях посочите …"
    query = _without_said(query, [m.group(0) for m in _LAYOUT.finditer(query.field_text)])  # "групирани по цели", "за принтиране"
    # "Колко дейности има по цел 5 и колко от тях се финансират от …?": the rows of the first part, each with the
    # value the second part counts by shown beside it
    of_them = _OF_THEM.search(query.field_text)
    if of_them and not _FUNDING_WORDS.search(of_them.group(0)):
        of_them = None  # "… и колко от тях са на училищата": a condition like any other
    if of_them:
        query = replace(query, text=_OF_THEM.sub(" ", query.text), field_text=_OF_THEM.sub(" ", query.field_text))
    query, left_out_rows = _leave_out(catalog, query)  # "освен кампаниите", "без мярката за тормоза"
    if extreme := _SECTION_EXTREME.search(query.text):  # the largest or smallest goal or measure, not a body
        # ... of a section, a body or what is left out when the question names them ("В коя мярка общината има
        # най-много дейности?", "Коя мярка в цел 2 …")
        in_plans = _plans_asked_in_section(catalog, query, allowed)
        if (bodies := asked_bodies(catalog, query, False)).asked:
            in_plans &= institution_mask(catalog, query, bodies)
        for _, keep in left_out_rows:
            in_plans &= keep
        rows = _rows_of_extreme_sections(catalog, in_plans, extreme)
        return WholePlan(rows, bool(_COUNT.search(query.text)), (Selector.SECTION,))
    if _BUSIEST.search(query.text):
        return _busiest_body(catalog, query, allowed)
    described = described_sections(catalog, query)
    if described:  # "цялата оперативна цел за сътрудничеството": as if named by number
        query = replace(query, sections=described)
    # "освен тези с финансиране „неприложимо“", "кои не се финансират от бюджета на комисията"
    excepted = _EXCEPT_FUNDING.search(query.field_text) or NOT_PAID_BY.search(query.field_text) or _OTHER_THAN.search(query.field_text)
    asked = query
    if excepted:  # the bodies of a funding value left out pay for the rows left out: they are not asked about
        # ... nor those of the sources denied beside it ("не е бюджетът на общината (нито пряко, нито чрез общината)")
        rest = NEITHER.sub(" ", excepted.re.sub(" ", query.field_text))
        still = find_institutions(rest, catalog.institutions)
        asked = replace(query, text=NEITHER.sub(" ", excepted.re.sub(" ", query.text)), field_text=rest,
                        institutions=tuple(name for name in query.institutions if name in still))  # fmt: skip
    bodies = asked_bodies(catalog, _without_leaving_school(catalog, asked), bool(described))
    # "… без детските градини, т.е. само с училищата и други": the restatement adds nothing
    query, asked = _up_to_restatement(query), _up_to_restatement(asked)
    named: list[tuple[Selector, np.ndarray]] = []
    with_others = None  # the bodies' rows with others too, when "само" asks for theirs alone
    # "Има ли мярка без нито една дейност на детските градини?", "Кои мерки нямат дейности на общината?": whole measures
    # none of whose rows is theirs
    whole_measures = _MEASURE_WITHOUT.search(query.field_text)
    if whole_measures and (absent := body_names(catalog, find_institutions(query.field_text[whole_measures.end() :], catalog.institutions))):
        named.append((Selector.INSTITUTION, _measures_without(catalog, absent)))
        query = _without_said(query, [whole_measures.group(0)])
    elif bodies.asked:
        mask = institution_mask(catalog, asked, bodies)
        if _mentions_asked(query.text):  # "изобщо се споменава МВР – … било в самото описание на дейността"
            mask |= _activities_naming(catalog, bodies.asked)
        named.append((Selector.INSTITUTION, mask))
        if ONLY.search(asked.field_text):
            with_others = institution_mask(catalog, _without_said(asked, [m.group(0) for m in ONLY.finditer(asked.field_text)]), bodies)
    elif bodies.others_of:  # "в кои дейности освен училищата има и други отговорни институции?"
        others = catalog.responsible_mask(bodies.others_of) & _another_body(catalog, bodies.others_of)
        named.append((Selector.INSTITUTION, others & ~catalog.responsible_mask(bodies.excluded) if bodies.excluded else others))
    elif bodies.excluded and (LISTS_ROWS.search(query.text.lower()) or (query.sections or asks_for_a_set)
                              and (_ACTIVITIES.search(query.text) or _WHICH_ONES.search(query.text)
                                   or _only_sections_and(asked, bodies.excluded))):
        # "Колко дейности са без училищата …?", "От мярка 1.5 кое е без участие на общината?", "В цел 6 има ли
        # дейности, в които общината не участва?", "цел 5 без МКБППМН" (a section and the body left out, nothing else),
        # "Има ли дейности, за които не отговарят нито училищата, нито детските градини? Кои са?"
        named.append((Selector.INSTITUTION, ~catalog.responsible_mask(bodies.excluded)))
    if bodies.beyond:  # "поне една институция, различна от училищата и детските градини"
        # ... other than the bodies asked about too: "дейностите на ДГ с други институции освен училищата"
        named.append((Selector.INSTITUTION, _another_body(catalog, bodies.beyond | bodies.asked)))
    if bodies.not_alone:  # "освен тези, в които участват само училищата": rows with another body too
        named.append((Selector.INSTITUTION, _another_body(catalog, bodies.not_alone)))
    if how_many_bodies := _BODY_COUNT.search(query.field_text):  # "с повече от четири отговорни институции"
        named.append((Selector.INSTITUTION, _rows_with_bodies(catalog, how_many_bodies)))
    elif _MOST_BODIES.search(query.field_text):  # "Кои дейности по цел 3 имат най-много отговорни институции?"
        named.append((Selector.INSTITUTION, _rows_with_most_bodies(catalog, _plans_asked_in_section(catalog, query, allowed))))
    if measure_size := _MEASURE_SIZE.search(query.field_text):  # "Кои мерки имат само по една дейност?"
        named.append((Selector.SECTION, _rows_of_measures_sized(catalog, measure_size)))
    elif goal_size := _GOAL_SIZE.search(query.field_text):  # "Коя оперативна цел има само една мярка?"
        named.append((Selector.SECTION, _rows_of_goals_sized(catalog, goal_size)))
    left_out = _EXCEPT_SECTION.search(query.field_text)
    if left_out:  # "… без тези от оперативна цел 1": every row but that section's
        clause, kept = left_out.group(1), sections_named(query.field_text.replace(left_out.group(0), " "))
        sections = sections_named(clause)
        if not sections and len(goals := [goal for goal, measure in kept if measure is None]) == 1:
            sections = sections_named(clause, in_goal=goals[0])  # "по цел 1 …, с изключение на тези по мярка 5"
        query = replace(query, sections=tuple(s for s in dict.fromkeys((*query.sections, *kept)) if s not in sections),
                        field_text=_EXCEPT_SECTION.sub(" ", query.field_text))  # fmt: skip
        named.append((Selector.SECTION, ~section_rows(catalog, replace(query, sections=sections))))
    named += left_out_rows
    if beyond := _BEYOND_MEASURE.search(query.field_text):  # "всички дейности след мярка 3.5 (до края на цел 3)"
        goal, measure = int(beyond.group("goal")), int(beyond.group("measure"))
        order, pivot = catalog.goals * 100 + catalog.measures, goal * 100 + measure  # the plan's order of measures
        side = order < pivot if beyond.group("side") == "преди" else order > pivot
        end_goal = int(beyond.group("end_goal") or goal) if beyond.group("to_end") else None
        if end_goal is not None:
            side &= catalog.goals <= end_goal
        elif _NEXT_ONE.search(query.field_text) and side.any():  # "Коя мярка идва след мярка 2.1?": the next one only
            side &= order == (order[side].min() if beyond.group("side") != "преди" else order[side].max())
        named.append((Selector.SECTION, side))
        read = ((goal, measure), (end_goal, None))
        query = _without_said(replace(query, sections=tuple(s for s in query.sections if s not in read)), [beyond.group(0)])
    # "Коя е първата дейност по мярка 1.3?", "последната мярка на цел 5", "последната мярка на цел 1 и първата ѝ дейност"
    positions: list[Position] = []
    while len(positions) < MAX_PLACES and (position := position_named(query.field_text)):
        positions.append(position)
        query = _without_said(query, [position.phrase])  # "от първата до третата мярка на цел 1" names goal 1 only
    if positions:  # counted among the rows the rest selects (below); the places alone select nothing
        # ... with the sections the rest names or describes ("първата мярка, която се прилага при тормоз": that measure)
        query = replace(query, sections=tuple(dict.fromkeys((*sections_named(query.field_text, query.text), *described))))
        named.append((Selector.SECTION, np.ones(len(catalog.rows), dtype=bool)))
    for field, mask in ((Selector.SECTION, section_rows(catalog, query)), (Selector.DEADLINE, _deadline_mask(catalog, query))):
        if not mask.any():
            continue
        if field is Selector.DEADLINE and _EXCEPTIONS_ASKED.search(query.field_text):
            mask = ~mask  # "всичко … е със срок декември? Кои дейности правят изключение?": the rows that do not
        named.append((field, mask))
    if excepted:  # "… освен тези с финансиране неприложимо": every row but those
        said = next(part for part in excepted.groups() if part)  # the value or source the clause names
        # "не се финансират от бюджета на комисията", "освен онези, които се финансират от бюджета на училищата":
        # a source, its body by any name
        source_denied = excepted.re is NOT_PAID_BY or bool(find_institutions(said, catalog.institutions))
        paid = _rows_paid_by(catalog, query, said) if source_denied else _rows_with_funding(catalog, said)
        # paid by it alone ("не се финансират единствено от …", "освен тези, финансирани изцяло от бюджета на …")
        alone = ONLY_SOURCE_DENIED.search(query.field_text[excepted.start() : excepted.start(1)])
        if alone or excepted.re is _OTHER_THAN:
            # paid by it alone, or any value but it alone: a value that holds no other of its values ("… институции;
            # проекти …" holds "… институции")
            values = catalog.fundings.values_of(paid)
            paid &= catalog.fundings.rows_where(lambda value: value in values and not any(o != value and o in value for o in values))
        named.append((Selector.FUNDING, ~paid))
        # ... and a source the rest still asks for: "… или от бюджета на министерство, но чрез общината?
        # Изключете всички, които са от бюджета на самите отговорни институции."
        rest_said = replace(asked, unfunded=False, empty_funding=False, funding_not_needed=False)  # what the rest says
        outside = excepted.re is _OTHER_THAN and excepted.group("outside")  # "извън бюджета на …, от …"
        # ... or said instead of the denied one: "не се финансират от бюджета на отговорните институции, а от бюджета на
        # общината" (not "…, а имат друг източник" nor "…, а от проекти или изобщо без средства": any other)
        source_instead = _SOURCE_INSTEAD.match(query.field_text, excepted.end()) if excepted.re is NOT_PAID_BY else None
        instead = source_instead is not None and not WITHOUT.search(sentences(query.field_text[source_instead.end() :])[0])
        if (excepted.re is _EXCEPT_FUNDING or instead or outside) and asks_funding(rest_said) and (funding := _funding_mask(catalog, rest_said, bodies)).any():
            named.append((Selector.FUNDING, funding))
    elif asks_funding(query):
        describing = titles_of(catalog, described or _numbered_sections_beside_a_quote(query))
        funding = _funding_mask(catalog, query, bodies, describing) & ~_funding_left_out(catalog, query)
        if _MIXED_FUNDING.search(query.field_text):  # "смесено финансиране – бюджет … плюс още някакъв източник"
            funding &= catalog.fundings.rows_where(lambda value: ";" in value or any(o and o != value and o in value for o in catalog.fundings.distinct))
        if funding.any():
            named.append((Selector.FUNDING, funding))
        elif _SOME_FUNDING.search(query.field_text):  # "имат посочен източник на финансиране": any but none
            named.append((Selector.FUNDING, ~catalog.unfunded))
    # "В колко дейности се споменават родителите?", "Колко кампании предвижда планът?"; with a body too when the words
    # are no body's name ("в чието описание се споменават родителите, са с отговорност и на общината")
    mentioned = _word_mentioned(catalog, query)
    if bodies.asked:
        mentioned = mentioned if mentioned and not find_institutions(mentioned[0][0], catalog.institutions) else None
    else:
        mentioned = mentioned or _kind_asked(catalog, query)
    if mentioned:
        named.append((Selector.TOPIC, mentioned[1]))
        query = _without_said(query, mentioned[0])
    if results := _results_asked(catalog, query):  # "Кои дейности имат за очакван резултат повишена квалификация?"
        named.append((Selector.RESULTS, results[1]))
        query = _without_said(query, results[0])
    topics, unknown = _content_words(catalog, query, values=_named_values(catalog, query, named, described))
    if not described and topics:  # a measure named by number: its topic words describe it
        describes = measure_describer(catalog, query)
        topics = [w for w in topics if not describes(w)]
    asking = asking_text(query.text).lower()
    # one body's rows on one topic, the rows asked for outright: "Кои дейности на общината са за даровитите деца?", "В
    # колко дейности срещу отпадането участва РУО?" (the topic words all a concept's: the rows that speak of it in their
    # activity or measure; "Какво правят училищата срещу тормоза?" is ranked, as a parent's story naming a school is)
    rows_asked = bool(_COUNT.search(asking) or LISTS_ROWS.search(asking) or _WHICH_ONES.search(asking) and _ACTIVITIES.search(asking))
    if (topics and not unknown and rows_asked and not case_told and bodies.asked and {field for field, _ in named} == {Selector.INSTITUTION}
            and set(query.institutions) <= set(find_institutions(_AT_SCHOOL.sub(" ", query.field_text), catalog.institutions))  # "тормоза в училище": a place
            and (on := _on_topic(catalog, topics)) is not None):  # fmt: skip
        named.append((Selector.TOPIC, on))
        topics = []
    if _HOW.search(asking) and not _EVERY_ROW.search(query.text) and not LISTS_ROWS.search(asking):
        return None  # "Как комисията и училищата работят заедно …?" asks how, not for every row
    # "Колко дейности има планът?", "Има ли разлика в броя на дейностите …?" (its words unknown to the rows)
    whole_said = _WHOLE_PLAN.search(query.text)
    said_unknown = not unknown or whole_said is not None and whole_said.group("difference") is not None and set(unknown) <= set(words(whole_said.group(0)))
    if not named and not topics and whole_said and said_unknown:
        named.append((Selector.PLAN, allowed.copy()))
    # ... asked for in the question, not said in the story: "омръзна ми всичко … някой ще ме търси ли", nor
    # the alternative set against it: "Прави ли общината нещо срещу това, или всички си затварят очите?"
    if not named or topics or case_told and not _EVERY_ROW.search(_SET_AGAINST.sub(" ", _FED_UP.sub(" ", query.text))):
        return None
    if unknown and not _ROWS_NOUN.search(asking):  # "до колко часа работи детската градина"
        return None
    fields = [field for field, _ in named]
    if unknown and fields == [Selector.INSTITUTION] and not LISTS_ROWS.search(asking) and not (
            find_institutions(_AT_SCHOOL.sub(" ", query.field_text), catalog.institutions)):  # fmt: skip
        return None  # the body only the place of the story, and words the rows never use: what happens there is asked
    if any(w in unknown for m in _CHILDREN_DESCRIBED.finditer(query.text) for w in words(m.group(1))):
        return None  # "Какво правят училищата за децата, които не ходят редовно?": which children is a topic
    if query.out_of_scope and not _ACTIVITIES.search(query.text):  # "Колко деца са записани в училищата?"
        return None
    # many words the rows never use, and no list asked for: "от училище ме викат само като е станало нещо
    # лошо. може ли да се чуваме по-често с класната …" is no request for the schools' rows
    if len(unknown) >= MANY_UNKNOWN and not LISTS_ROWS.search(query.text.lower()) and not _ACTIVITIES.search(query.text):
        return None
    # a deadline named but matching no row's deadline: not a list of the body's rows (one told before the question
    # is when the asker meets someone: "В края на месеца ще имаме среща с … Моля, изброете всички дейности …")
    if Selector.DEADLINE not in fields and _DEADLINE_WORDS.search(asking_text(query.field_text)):
        return None
    # a question that is only a section, a deadline or a funding value ("мярка 1.5", "срок при
    # необходимост") asks for its rows; naming only a body ("детските градини") needs "кои …"
    if not asks_for_a_set and fields == [Selector.INSTITUTION] and not only_names(query, bodies.asked):
        return None  # "РУО?" alone still asks what РУО does
    rows = _plans_asked(catalog, query, allowed)
    for _, mask in named:
        rows &= mask
    if positions:  # "Коя е първата дейност, за която отговаря РУО?": the first of RUO's rows
        rows = _at_places(catalog, query, rows, positions)
    if (whole_sections := _WHOLE_SECTIONS.search(query.field_text)) and not _ACTIVITIES_BEFORE.search(query.field_text[: whole_sections.start()]):
        rows = _whole_sections_only(catalog, rows, by_measure=bool(whole_sections.group("measure")))
    funding_shown = bool(of_them and _FUNDING_WORDS.search(of_them.group(0)))
    nearest = None
    if not rows.any() and with_others is not None:
        nearest = _plans_asked(catalog, query, allowed) & with_others
        for _, mask in named[1:]:  # the first is the bodies' mask with "само"
            nearest &= mask
    return WholePlan(rows, bool(_COUNT.search(query.text)), tuple(dict.fromkeys(field for field, _ in named)),
                     funding_shown=funding_shown, nearest=nearest)  # fmt: skip


# a body mentioned anywhere, not only among the responsible: "В кои дейности се споменава МВР?"
_NAMED_IN_TEXT = re.compile(
    r"(?<!\w)(?:спомена\w*|споменат\w*)(?!\w)|(?<!\w)(?:в|във)\s+(?:самото\s+|самия\s+)?(?:описание\w*|текста|формулировка\w*)(?!\w)"
)


# a word asked for in the activities' wording: "В колко дейности изрично се споменават родителите (родители, …) в
# самата дейност?", "Къде фигурира думата „медиатор“?"
_WORD_MENTIONED = re.compile(
    r"(?<!\w)(?:спом(?:е)?на\w*|фигурира\w*|срещ\w*\s+(?=думата|думите))\s+(?:думата\s+|думите\s+)?„?([^?.;:!(),„“]+?)"
    r"(?=\s*[(?.;:!,“]|\s+и\s+|\s+(?:в|във)\s+(?:самата|самия|самото|текста|описание|дейност|формулиров)|$)"
)


# ... or said before the verb: "В кои дейности родителите са изрично споменати в самата дейност?"
_WORD_MENTIONED_BEFORE = re.compile(
    r"(?<!\w)(?:дейност\w*|където|които)\s+(?!(?:в|във|по|от|на|за)\s)([^?.;:!(),„“]+?)\s+(?:са|е|се)\s+(?:изрично\s+)?(?:спом(?:е)?на\w*)"
)

# ... or said after the word, mentioned in the wording: "Колко дейности засягат родителите – споменати в описанието на
# дейността …?", "Колко дейности с родители (споменати в описанието на дейността) има …?"
_WORD_MENTIONED_AFTER = re.compile(
    r"(?<!\w)(?:засяга\w*|касая\w*|с|със|за)\s+([^\W\d][^?.;:!(),„“–]*?)\s*[–(]?\s*(?:са\s+|е\s+)?(?:изрично\s+)?"
    r"спом(?:е)?нат\w*\s+(?:в|във)\s+(?:самата|самия|самото|текста|описани|дейност|формулиров)"
)


# the expected results asked about: "имат за (очакван) резултат …", "очакваният резултат засяга …", "в резултата се
# говори за …", "водят до …" (what follows, up to a clause's end, names the topic)
_RESULTS_SAID = re.compile(
    r"(?<!\w)(?:(?:(?:за|като)\s+|(?<=имат\s)|(?<=има\s))(?:очакван\w*\s+)?резултат\w*(?:,?\s+в\s+кой(?:то)?\s+(?:изрично\s+)?се\s+(?:споменава\w*|говори\s+за))?"
    r"|очакван\w*\s+резултат\w*(?:\s+(?:е|са|засяга\w*|включва\w*))?"
    r"|(?:в|във)\s+(?:очаквания\s+|(?:чиито|чиите|техните)\s+(?:очаквани\s+)?)?резултат\w*\s+(?:изрично\s+)?(?:се\s+)?(?:говори|споменава\w*|пише)(?:\s+за)?|водят\s+до"
    # "Кои дейности очакват (като резултат) обучени кадри?", "… имат очаквани резултати, свързани с родителите"
    r"|очакват?(?:\s+(?:като|за)\s+(?:очакван\w*\s+)?резултат\w*)?|резултат\w*\s*,?\s+свързан\w*\s+(?:с|със))"
    # the results, a list of them too ("агресия, агресивно поведение или тормоз"), up to a clause of its own
    r"\s+(?!(?:от|на)\s)((?:(?!\s[–—-]\s|\s+и\s+(?:какъв|каква|какви|кой|кога)\s"
    r"|,\s*(?:с\s+изключение|в\s+които|които|където|без|освен|като|но|а|ако|и|т\.\s*е|тоест|сиреч)(?!\w))[^?.;:!()])+)"  # not "резултатът от мярка …"
)
_WHAT_RESULT = re.compile(r"(?<!\w)(?:какъв|каква|какви|какво)(?!\w)[^.;!?]*$")
# any of several results: "… или …", "агресия и тормоз", and a list "информирани родители, ученици или общност" (a
# comma with no "или"/"и" after it is an apposition: "подкрепа на деца, жертви на насилие" is one result)
_OR_BETWEEN_WORDS = re.compile(r"\s+(?:или|и/или|и)\s+|\s*/\s*")
_FOR_THE_CHILDREN = re.compile(r"\s+за\s+(?:децата|деца|учениците|ученици|тях)\s*$")
_LISTED = re.compile(r",[^,]*\s(?:или|и)\s")
# ... said again in other words: "повишена квалификация, т.е. обучени специалисти или обучени лица", "обучени кадри –
# обучени педагогически специалисти или …"
_RESTATED = re.compile(r",?\s*(?:т\.\s*е\.|тоест|сиреч)\s+([^?.;:!()]+)|\s+[–—-]\s+([^?.;:!()–—]+)")


def _results_asked(catalog: Catalog, query: Query) -> tuple[list[str], np.ndarray] | None:
    """The phrases naming the expected results asked about, and the rows whose results name any of them ("… или …",
    "…, т.е. …"), or None when the question asks no such thing or no row's results have those words."""
    said, alternatives = [], []
    for found in _RESULTS_SAID.finditer(query.field_text):
        before = query.field_text[: found.start()]
        # rows asked for by their results ("Кои дейности …"), not what a result is ("Какъв очакван резултат е …") nor
        # where a child is taken ("го водят до училище")
        if not _ACTIVITIES_BEFORE.search(before) or _WHAT_RESULT.search(before):
            continue
        said.append(found.group(0))
        alternatives += _alternatives(found.group(1))
        if restated := _RESTATED.match(query.field_text, found.end()):
            # after a dash, results of their own ("обучени кадри – обучени педагогически специалисти или …"); what
            # narrows the first ("информираност – на общността, на родителите …") stays a topic: the rows are ranked
            again = _alternatives(restated.group(1) or restated.group(2))
            again = again if restated.group(1) else [a for a in again if len(content_stems(a)) >= 2]
            if again:
                said.append(restated.group(0))
                alternatives += again
    naming = np.zeros(len(catalog.rows), dtype=bool)
    for alternative in alternatives:
        # one word of three or more the results never use may go ("сключени договори със специалисти": "сключени договори")
        stems = content_stems(alternative)
        used = {stem for stem in stems if catalog.results_use(stem)}
        if len(used) >= min(2, len(stems)) and len(stems) - len(used) <= 1 and all(catalog.speaks_of(stem) for stem in used):
            naming |= catalog.results_naming(used)
    return (said, naming) if naming.any() else None


def _alternatives(phrase: str) -> list[list[str]]:
    """The words of each alternative of "… или …", a lone word sharing the other's rest: "подпомогнати деца или
    ученици" is "подпомогнати деца" or "подпомогнати ученици", "проведени или организирани мероприятия" likewise."""
    phrase = _FOR_THE_CHILDREN.sub("", phrase)  # "награди за децата": the results say "награди"
    comma_list = bool(_LISTED.search(phrase))
    listed = [part for item in phrase.split(",") for part in _OR_BETWEEN_WORDS.split(item)] if comma_list else _OR_BETWEEN_WORDS.split(phrase)
    parts = [words(part) for part in listed if words(part)]
    for i, part in enumerate(parts):
        if len(part) == 1 and i > 0 and len(parts[i - 1]) > 1:
            parts[i] = parts[i - 1][:-1] + part
        elif len(part) == 1 and i + 1 < len(parts) and len(parts[i + 1]) > 1 and not comma_list:  # "стипендии, финансово
            parts[i] = part + parts[i + 1][1:]  # подпомагане или награди": each a result of its own
    return parts


_IN_FUNDING_BEFORE = re.compile(rf"(?<!\w)(?:{FUNDING_COLUMN_SAID})[^,.;:!?]*$")


def _without_said(query: Query, phrases: Iterable[str]) -> Query:
    """The query without the phrases a selector has read, so that their words are no topic of their own."""
    for said in phrases:
        query = replace(query, text=query.text.replace(said, " "), field_text=query.field_text.replace(said, " "))
    return query


def _word_mentioned(catalog: Catalog, query: Query) -> tuple[tuple[str, ...], np.ndarray] | None:
    """The words asked for in the activities' wording and the rows whose activity has each of them (by stem; words
    joined by "или" are each enough: "родителите или семейството"), or None when the question asks no such thing or
    the rows never use those words."""
    for pattern in (_WORD_MENTIONED, _WORD_MENTIONED_BEFORE, _WORD_MENTIONED_AFTER):
        if not (found := pattern.search(query.field_text)) or _IN_FUNDING_BEFORE.search(query.field_text[: found.start()]):
            continue  # "във финансирането е спомената Община X" names a funding value, not the activity's words
        alternatives = [content_stems(words(part)) for part in re.split(r"\s+или\s+", found.group(1))]
        if all(alternatives) and all(catalog.speaks_of(stem) for stems in alternatives for stem in stems):
            break
    else:
        return None
    naming = np.logical_or.reduce([catalog.activities_naming(stems) for stems in alternatives])
    # ... with its other forms in brackets after it: "родителите (родители, родителски общности)"
    forms = re.match(r"\s*\([^)]*\)", query.field_text[found.end(1) :])
    return ((found.group(1) + (forms.group(0) if forms else ""),), naming) if naming.any() else None


# every activity of one kind, by the noun the activities are worded with: "Колко кампании предвижда планът?", "Кои
# дейности са проучвания или анализи?", "всички обучения в плана", "дейностите, които са провеждане на кампании" (plural
# nouns, no preposition first: "кои дейности са за даровитите деца" names a topic, not a kind); what follows the kind
# ("срещи или консултации с родители") narrows it to the rows that also say that
_ACTIVITY_KIND = re.compile(
    r"(?<!\w)(?:дейност\w*\s*,?\s*(?:които|що)\s+(?:са|представляват)\s+(?:провеждане\s+на\s+|организиране\s+на\s+)?"
    r"|кои\s+(?:от\s+)?дейност\w*\s+(?:в\s+плана\s+)?(?:са|представляват)\s+(?:провеждане\s+на\s+|организиране\s+на\s+)?"
    r"|колко\s+(?=[^\W\d]+(?:\s+[^?.;:!]{0,40}?)?\s+(?:предвижда|има|съдържа|включва)\s+(?:в\s+)?план\w*)"
    r"|всички(?:те)?\s+(?=[^\W\d]+\s+(?:в|по)\s+план\w*))"
    r"(?!(?:за|на|с|със|по|от|в|във|до|без|при|към|само|общо|свързани|насочени)\s)"
    r"(?P<kind>[^\W\d]+(?:\s*(?:,|или|и)\s*[^\W\d]+){0,4}?)"
    r"(?:\s+(?P<about>(?:с|със|за|на)\s+[^?.;:!]+?))?"
    r"(?=\s*[?.;:!]|\s+(?:в|по)\s+план\w*|\s+(?:предвижда|има|съдържа|включва)\s|$)"
)
# the kinds of activity plans of this kind are made of, as stems: an adjective ("подходящи", "психологически") or a
# body of people ("специалисти") is no kind, and neither are "проекти", "програми" (a funding source's words)
_ACTIVITY_KINDS = ("кампани", "обучени", "срещ", "консултац", "проучван", "анализ", "конкурс", "състезани", "празни",
                   "изяв", "концерт", "изложб", "тренинг", "семинар", "беседи", "лекци", "форум", "акци", "инициатив")  # fmt: skip
_ANY_OTHER = frozenset(("други", "разни", "всякакви", "всички", "подобни"))  # "състезания, празници и други изяви"


def _kind_asked(catalog: Catalog, query: Query) -> tuple[tuple[str, ...], np.ndarray] | None:
    """Where the kind of activity is asked for ("Колко кампании …? Изброй всички дейности, които са провеждане на
    кампании.": both) and the rows whose activity is worded with it ("проучвания или анализи": either the plans use), or
    None when the question asks for no kind, or the activities never use its words."""
    asked = list(_ACTIVITY_KIND.finditer(query.field_text))
    if not asked:
        return None
    found = asked[0]
    kinds = [k for k in re.split(r"\s*,\s*|\s+(?:или|и)\s+", found.group("kind")) if k and k not in _ANY_OTHER]
    if not kinds or not all(kind.startswith(_ACTIVITY_KINDS) for kind in kinds):
        return None
    spoken = [stems for kind in kinds if (stems := content_stems([kind])) and all(catalog.speaks_of(s) for s in stems)]
    if not spoken:
        return None
    naming = np.logical_or.reduce([catalog.activities_naming(stems) for stems in spoken])
    if found.group("about") and (about := content_stems(words(found.group("about")))):
        naming &= np.logical_or.reduce([catalog.activities_naming({stem}) for stem in about])
    # ... "колко" stays in the question: the count is asked
    return (tuple(_HOW_MANY_FIRST.sub("", m.group(0)) for m in asked), naming) if naming.any() else None


_HOW_MANY_FIRST = re.compile(r"^колко\s+")


def _mentions_asked(text: str) -> bool:
    """Whether the question asks for the rows that only mention a body too: not when it denies them ("само тези,
    където сме записани като отговорни, не където просто се споменава МВР в текста")."""
    return any(not _DENIED_BEFORE.search(text[: found.start()]) for found in _NAMED_IN_TEXT.finditer(text))


_DENIED_BEFORE = re.compile(r"(?<!\w)(?:не|без|освен)(?!\w)[^,.;:!?]{0,40}$")


def _activities_naming(catalog: Catalog, names: set[str]) -> np.ndarray:
    """Rows whose activity's wording names one of these bodies ("… представители на МВР …"): only the
    rows whose activity has one of their abbreviations or their longest word (the catalog's index of
    activity words) are read in full."""
    hints = {token.lower()[:STEM] for name in names for token in name.split() if token.isupper() and len(token) > 1}
    hints |= {max(words(name.lower()), key=len)[:STEM] for name in names if words(name)}
    mask = np.logical_or.reduce([catalog.activities_naming({hint}) for hint in hints]) if hints else np.zeros(len(catalog.rows), bool)
    for position in np.flatnonzero(mask):
        mask[position] = bool(find_institutions(catalog.rows[position].activity, sorted(names)))
    return mask


# leaving school is a topic, the school no body asked about: "В колко дейности срещу отпадането от училище участва РУО?"
_LEAVING_SCHOOL = re.compile(
    r"(?<!\w)(?:отпад|напуск|напусн)\w*\s+(?:на\s+(?:учениците|децата|ученици|деца)\s+)?(?:на\s+|от\s+)?(?:(?:детск\w+\s+)?градин\w*\s+и\s+)?"
    r"(?:училище|училището|училищата|училища|градина|градината|градините)(?!\w)"
)


def _without_leaving_school(catalog: Catalog, query: Query) -> Query:
    """The query without the bodies named only in "отпадане от училище" and the like, when another body is asked about
    ("… за предотвратяване напускането на детска градина и училище" alone describes a measure, and is read as before)."""
    rest = _LEAVING_SCHOOL.sub(" ", query.field_text)
    still = find_institutions(rest, catalog.institutions) if rest != query.field_text else []
    if not still:
        return query
    return replace(query, institutions=tuple(name for name in query.institutions if name in still))


def _on_topic(catalog: Catalog, topics: list[str]) -> np.ndarray | None:
    """The rows whose activity or measure title speaks of the concepts the topic words name, when every topic word is
    a concept's; None when one is not (a topic the glossary does not know is ranked, not listed)."""
    stems = named_trigger_stems(topics)
    fired = concept_words(topics)
    if not fired or any(not any(w.startswith(stem) for stem in stems) for w in topics):
        return None
    terms = [term.lower() for concept in fired for term in concept.terms]
    texts = (f"{r.activity} {r.measure_title}".lower() for r in catalog.rows)
    return np.array([any(term in text for term in terms) for text in texts], dtype=bool)


_NEXT_ONE = re.compile(r"(?<!\w)(?:коя|каква)\s+(?:\w+\s+)?мярка|(?<!\w)какво\s+(?:следва|идва)|(?<!\w)(?:следващата|предишната)\s+мярка")
_BEYOND_MEASURE = re.compile(
    r"(?<!\w)(?P<side>след|после|преди)\s+мярка(?:та)?\s+(?P<goal>\d{1,2})\.(?P<measure>\d{1,2})(?!\d)"
    r"(?P<to_end>\s+(?:и\s+)?до\s+края\s+на\s+(?:оперативн\w*\s+)?цел(?:та)?(?:\s*(?P<end_goal>\d{1,2})(?!\d))?)?"
)  # "… до края на цел 3": within that goal


_MEASURE_WITHOUT = re.compile(
    r"(?<!\w)(?:мярк|мерк)\w*(?:\s+(?:по|в|от|на)\s+(?:оперативн\w*\s+)?цел(?:та)?\s*\d{1,2})?\s*,?\s+(?:са\s+|е\s+)?"
    r"(?:без|(?:в\s+)?(?:която|които|където)\s+(?:няма|нямат|не\s+участва\w*)|нямат|няма)\s+(?:нито\s+)?(?:една\s+|един\s+)?"
    r"(?:дейност\w*\s+|участие\s+)?(?=(?:на|за|с|със)\s)"
)


def _measures_without(catalog: Catalog, bodies: set[str]) -> np.ndarray:
    """The rows of every measure none of whose rows names these bodies among the responsible (each plan on its own)."""
    theirs = catalog.responsible_mask(bodies)
    touched = {(r.municipality, r.year, r.goal, r.measure) for r, mine in zip(catalog.rows, theirs, strict=True) if mine}
    return np.array([(r.municipality, r.year, r.goal, r.measure) not in touched for r in catalog.rows], dtype=bool)


MAX_PLACES = 3  # places read in one question ("последната мярка на цел 1 и първата ѝ дейност": two)
_EVERY_MEASURE = re.compile(r"(?<!\w)(?:всяка|всички|всичките)\s+(?:от\s+)?м[яе]рк\w*|(?<!\w)(?:на|от|в|във)\s+м[яе]рките(?!\w)")
_EVERY_GOAL = re.compile(r"(?<!\w)(?:всяка|всички|всичките)\s+(?:от\s+)?(?:оперативн\w*\s+)?цел\w*|(?<!\w)(?:на|от|в|във)\s+целите(?!\w)")


def _at_places(catalog: Catalog, query: Query, selected: np.ndarray, positions: list[Position]) -> np.ndarray:
    """The selected rows at the places asked for: measures' places first (any of them: "първите две мерки на цел 1 и
    последната на цел 5"), then activities' places within what remains (any of them; in each measure chosen:
    "последната мярка на цел 1 и първата ѝ дейност")."""
    measures = [p for p in positions if p.unit == "measure"]
    activities = [p for p in positions if p.unit == "activity"]
    per_goal = bool(query.sections) or bool(_EVERY_GOAL.search(query.field_text))
    per_measure = bool(measures) or bool(_EVERY_MEASURE.search(query.field_text)) or any(m is not None for _, m in query.sections)
    kept = selected
    if measures:
        kept = np.logical_or.reduce([_rows_at(catalog, kept, p, per_goal) for p in measures])
    if activities:
        kept = np.logical_or.reduce([_rows_at(catalog, kept, p, per_goal, per_measure) for p in activities])
    return kept


def _rows_at(catalog: Catalog, selected: np.ndarray, position: Position, per_goal: bool, per_measure: bool = False) -> np.ndarray:
    """The selected rows at a place: an activity's place among the selected rows of its measure (`per_measure`), else
    of its goal (`per_goal`), else of its plan; a measure's place among the measures of its goal or its plan (each plan
    of the corpus counted on its own)."""
    members: dict[tuple[object, ...], list[object]] = {}
    member_of: dict[int, tuple[tuple[object, ...], object]] = {}
    for index in np.flatnonzero(selected):
        row = catalog.rows[index]
        plan: tuple[object, ...] = (row.municipality, row.year)
        if position.unit == "activity":
            group = (*plan, row.goal, row.measure) if per_measure else (*plan, row.goal) if per_goal else plan
            member: object = int(index)
        else:
            group, member = ((*plan, row.goal) if per_goal else plan), (row.goal, row.measure)
        if member not in (listed := members.setdefault(group, [])):
            listed.append(member)
        member_of[int(index)] = (group, member)
    chosen = {(group, member) for group, listed in members.items() for member in position.of(listed)}
    kept = np.zeros(len(catalog.rows), dtype=bool)
    kept[[index for index, pair in member_of.items() if pair in chosen]] = True
    return kept


def _plans_asked_in_section(catalog: Catalog, query: Query, allowed: np.ndarray) -> np.ndarray:
    """The allowed rows of the plans asked about, of the section named if one is: where "the most" is counted."""
    rows = _plans_asked(catalog, query, allowed)
    return rows & section_rows(catalog, query) if query.sections else rows


def _plans_asked(catalog: Catalog, query: Query, allowed: np.ndarray) -> np.ndarray:
    """The allowed rows of the plans a question asks about: the years it names (a year without a
    plan adds nothing), else each municipality's latest plan unless it asks about every plan."""
    if query.years:
        return allowed & np.isin(catalog.years, query.years)
    return allowed & plans_of_age(catalog, allowed, PlanAge.LATEST) if latest_plan_meant(query) else allowed.copy()


# "Коя мярка обхваща най-голям брой дейности?", "Коя оперативна цел в плана съдържа най-малко дейности?"
_SECTION_EXTREME = re.compile(
    r"(?<!\w)(?:коя|кои|която|които)\s+(?:(?P<goal>(?:оперативн\w+\s+)?цел(?:и|ите|та)?(?!\w))|мярк\w*|мерки\w*)(?:\s+[\w./]+){0,6}?\s+"  # "… цел в плана за 2023 г. има …"
    r"най[\s-]+(?:(?P<most>много|голям)|малко|малък)(?:\s+брой)?\s+(?P<unit>дейност|мерк|мярк)"
)  # "Коя цел има най-много мерки?": a goal's measures counted


def _rows_of_extreme_sections(catalog: Catalog, in_plans: np.ndarray, said: re.Match[str]) -> np.ndarray:
    """Of these rows, each plan's operational goals (or measures) with the most or the fewest of them, every
    section that ties."""
    positions = np.flatnonzero(in_plans)
    of_goal = bool(said.group("goal"))
    rows = [catalog.rows[p] for p in positions]
    sections: list[tuple[str, int, int, int | None]] = [(r.municipality, r.year, r.goal, None if of_goal else r.measure) for r in rows]
    sizes: Counter[tuple[str, int, int, int | None]]
    if of_goal and said.group("unit") != "дейност":  # its measures, not its activities
        sizes = Counter({(*goal, None): n for goal, n in _measures_of_goals(rows).items()})
    else:
        sizes = Counter(sections)
    chosen = set()
    for plan in {key[:2] for key in sizes}:
        of_plan = {key: n for key, n in sizes.items() if key[:2] == plan}
        extreme = (max if said.group("most") else min)(of_plan.values())
        chosen |= {key for key, n in of_plan.items() if n == extreme}
    kept = np.zeros(len(catalog.rows), dtype=bool)
    kept[[p for p, key in zip(positions, sections, strict=True) if key in chosen]] = True
    return kept


# "Коя институция е отговорна за най-много дейности?", "кой участва в най-много дейности", "коя е най-натоварена",
# "коя институция се среща най-често"
_BUSIEST = re.compile(
    r"(?<!\w)(?:коя|кой|кои|която)(?:\s+\w+){0,4}?\s+(?:(?:в|за|по|с)\s+)?(?:най[\s-]+много\s+(?:дейност|задач|ангажимент)|най[\s-]+натоварен)\w*"
    r"|(?<!\w)(?:коя|кой|кои)\s+(?:институци|орган|организаци)\w*(?:[\s,]+\w+){0,6}?[\s,]+(?:се\s+)?(?:среща|срещат|появява|появяват)\s+най[\s-]+често"
)


def _busiest_body(catalog: Catalog, query: Query, allowed: np.ndarray) -> WholePlan | None:
    """The rows of the body responsible for most rows of the plans asked about (of a section, when
    one is named), as the plans write its name; every body tied for most, bodies left out not counted."""
    rows = _plans_asked_in_section(catalog, query, allowed)
    bodies = asked_bodies(catalog, query, False)
    left_out = bodies.excluded | bodies.beyond  # "коя институция извън училищата и детските градини се среща най-често"
    counts = Counter(name for position in np.flatnonzero(rows) for name in catalog.rows[position].responsible
                     if name not in left_out)  # fmt: skip
    if not counts:
        return None
    most = max(counts.values())
    busiest = tuple(sorted(name for name, count in counts.items() if count == most))
    return WholePlan(rows & catalog.responsible_mask(set(busiest)), True, (Selector.INSTITUTION,), busiest)


# a clause after the list asked for that asks about each listed row, pointing back at them: "…, като за
# всяка от тях уточните към коя мярка се отнася", "…, и повтарят ли се тези дейности в двата плана", "…, и как
# общината смята да ги осъществи", "…, и в кои мерки попадат те" ("…, и в кои от тях участва общината" narrows)
_FOLLOW_UP = re.compile(
    r",?\s*(?:,\s*(?:[–—]\s*)?(?:като|и)|\s(?:като|и)(?=\s+(?:да|дали|как|какв\w*|кои|кой|коя|колко|повтаря\w*|за\s+всяка)(?!\w)))\s+"
    r"[^.;!?]*?(?<!\w)(?:тях|тези\s+дейности|ги|те|всяка\s+от\s+тях)(?!\w)[^.;!?]*",
    re.IGNORECASE,
)
_NARROWS = re.compile(r"(?<!всяка\s)(?<!\w)от\s+тях(?!\w)", re.IGNORECASE)
# what a follow-up asks of each listed row: its measure, result, funding, bodies, whether it repeats, what was done
_ABOUT_THE_ROWS = re.compile(
    r"(?<!\w)(?:мярк|мерк|цел|резултат|финансир|източни|институци|отговар|повтаря|поотделно|изброи|посоч|уточн|поясн"
    r"|предприе|осъществ|действия)\w*",
    re.IGNORECASE,
)


# how the list is to be laid out, no condition on its rows: "групирани по оперативни цели и мерки", "за принтиране",
# "дай броя на дейностите по цел"
_LAYOUT = re.compile(
    r"(?<!\w)(?:групиран|подреден|разделен|разбит|сортиран|разпределен)\w*\s+по\s+(?:оперативн\w*\s+)?(?:цел|мерк|мярк)\w*"
    r"(?:\s+и\s+(?:мерк|мярк)\w*)?(?![\w\s]*\d)"
    r"|(?<!\w)(?:за|да\s+(?:го|ги)|и\s+(?:го|ги))\s+(?:принтира|разпечата|отпечата|печата|разпечатв)\w*"
    r"|(?<!\w)(?:броя|бройката|разбивка\w*)\s+(?:на\s+дейностите\s+)?по\s+(?:оперативн\w*\s+)?(?:цел|мерк|мярк)\w*(?!\s*\d)"
    # each plan's count is stated, so the difference in number is read off it: "… – има ли разлика в броя?"
    r"|(?<!\w)(?:има\s+ли\s+)?разлик\w*\s+в\s+(?:броя|бройката)(?:\s+им)?(?!\s+на\s+\w)"
)


def _asked_part(catalog: Catalog, query: Query) -> Query:
    """The question without what it adds to a list it asks for: the reason given ("тъй като …", "с оглед
    на …"), what does not matter ("независимо от мярката"), and the follow-ups about each listed row's
    fields (its measure, result, funding, whether it repeats: every cited row shows them) that name no new
    body, concept, value or section and do not narrow ("от тях")."""
    if not LISTS_ROWS.search(query.field_text):
        return query

    def asked(text: str) -> str:
        said = asides(text)
        for follow_up in _FOLLOW_UP.finditer(text):
            before = text[: follow_up.start()]
            named_before = set(find_institutions(before, catalog.institutions))
            clause = follow_up.group(0)
            # "…, и как те ще помогнат на сина ми с аутизъм" has a topic; "…, като те трябва да са със срок до
            # декември" a condition: neither is set aside
            if (LISTS_ROWS.search(before.lower()) and _ABOUT_THE_ROWS.search(clause) and not _NARROWS.search(clause)
                    and set(find_institutions(clause, catalog.institutions)) <= named_before
                    and not concept_words(words(clause)) and not _quotes_a_value(catalog, clause.lower())
                    and not sections_named(clause.lower())):  # fmt: skip
                said.append(clause)
        for clause in said:
            text = text.replace(clause, " ")
        return text

    text, field_text = asked(query.text), asked(query.field_text)
    if field_text == query.field_text:
        return query
    # a body named only in what was set aside is not asked about
    still = {*find_institutions(text, catalog.institutions), *find_institutions(field_text, catalog.institutions)}
    return replace(query, text=text, field_text=field_text, institutions=tuple(name for name in query.institutions if name in still))


def _up_to_restatement(query: Query) -> Query:
    restated = RESTATED.search(query.text)
    return replace(query, text=query.text[: restated.start()]) if restated else query


def _leave_out(catalog: Catalog, query: Query) -> tuple[Query, list[tuple[Selector, np.ndarray]]]:
    """The question without the clauses that leave rows out by what they are about, and those rows'
    masks: a measure or goal described ("… по първата цел, но без мярката за тормоза и агресията")
    or a topic of the activities ("всички дейности на МКБППМН, освен кампаниите"), in a question
    asking for a list. A clause naming a body, a number or a field value ("без училищата", "без тези
    от цел 1", "без финансиране", "без тези по „Занимания по интереси“") is read where those are."""
    if not (LISTS_ROWS.search(query.field_text) or _EVERY_ROW.search(query.field_text)):
        return query, []
    goals = tuple(s for s in query.sections if s[1] is None)
    left_out: list[tuple[Selector, np.ndarray]] = []
    for clause in _LEFT_OUT.finditer(query.field_text):
        said = clause.group(1).strip()
        if _NOT_A_TOPIC.search(said) or find_institutions(said, catalog.institutions) or _names_a_value(catalog, said):
            continue
        described = described_sections(catalog, replace(query, text=said, field_text=said, sections=goals))
        if described:
            left_out.append((Selector.SECTION, ~section_rows(catalog, replace(query, sections=described))))
        else:  # each item ("кампаниите за родители и обученията") leaves out the rows naming all its words
            items = [content_stems(words(item)) for item in _ITEMS.split(said)]  # fmt: skip
            if not all(stems and all(catalog.speaks_of(stem) for stem in stems) for stems in items):
                continue  # words the rows never use: no topic of theirs to leave out
            naming = np.logical_or.reduce([catalog.activities_naming(stems) for stems in items])
            if naming.any():
                left_out.append((Selector.TOPIC, ~naming))
        query = replace(query, text=query.text.replace(said, " "), field_text=query.field_text.replace(said, " "))
    return query, left_out


def _quotes_a_value(catalog: Catalog, said: str) -> bool:
    """Whether lower-case words hold a deadline or funding value as the plans write it ("до декември")."""
    return any(phrase in said for phrase in (*catalog.deadlines.phrases, *catalog.fundings.phrases))


def _names_a_value(catalog: Catalog, said: str) -> bool:
    """Whether words name a deadline or funding value of the plans ("по „Занимания по интереси“")."""
    stems = value_stems(said)
    return any(stems & value_stems(value) for value in (*catalog.fundings.phrases, *catalog.deadlines.phrases))


def _deadline_mask(catalog: Catalog, query: Query) -> np.ndarray:
    """Rows whose deadline the question names, or denies ("нямат срок декември", "със старта на
    учебната година, а не до декември"), within a school year it names ("учебната 2024/2025")."""
    # the deadline asked for, not one told before it ("… при повечето дейности срокът е краят на годината. Бихте ли
    # посочили всички дейности, чийто срок е „при необходимост“?")
    # (told before a question that names none filters nothing, unless the question asks for the other deadlines: "Повечето
    # дейности са със срок декември. Моля, изброете всички дейности на училищата." is every row of the schools)
    asking = asking_text(query.field_text)
    asked = deadline_rows(catalog, replace(query, field_text=asking))
    told_only = asking != query.field_text.strip() and not _OTHER_DEADLINE.search(asking)
    deadline = asked if asked.any() or told_only else deadline_rows(catalog, query)
    # "Тези със срок в началото на учебната година не ме интересуват.": a sentence's deadlines unwanted
    # "… срок точно „Декември 2024 г.“ – без тези за началото на учебната година": the ones after "без" too
    parts = sentences(query.field_text)
    unwanted = [s for s in parts if _NOT_WANTED.search(s)]
    wanted = " ".join(s for s in parts if s not in unwanted)
    if without := WITHOUT.search(wanted):
        unwanted.append(wanted[without.start() :])
        wanted = wanted[: without.start()]
    if deadline.any() and unwanted:
        not_due = deadline_rows(catalog, replace(query, field_text=" ".join(unwanted)))
        due = deadline_rows(catalog, replace(query, field_text=wanted))
        if not_due.any() and due.any():
            return due & ~not_due
        # "дейностите им без тези със срок декември": every deadline but that one ("без твърд срок, които се
        # правят само ако се наложи" leaves out no deadline: what follows the comma is the one asked for)
        left_out = re.split(r"[,;(]|(?<!\w)(?:които|който|която|където)(?!\w)", " ".join(unwanted))[0]
        not_due = deadline_rows(catalog, replace(query, field_text=left_out))
        if not due.any() and not_due.any():
            return ~not_due
    # "Повечето срокове са „декември“. Колко дейности имат друг срок?": every row but those, when the
    # asking sentence names no deadline itself ("Кои са със срок декември? А с друг срок?" asks for both)
    if deadline.any() and _OTHER_DEADLINE.search(asking) and not asked.any():
        return ~deadline
    denial = _NOT_DEADLINE.search(query.field_text)
    if deadline.any() and denial:
        # the denied value only, not the examples after it ("различен от декември – например в началото …")
        denied = re.split(r"\s[–—-]\s|[,;:(]|(?<!\w)например(?!\w)", query.field_text[denial.start() :])[0]
        not_due = deadline_rows(catalog, replace(query, field_text=denied))
        contrast = denial.group(0).startswith("а ")  # "X, а не Y": X's rows without Y's; else all but Y's
        due = deadline_rows(catalog, replace(query, field_text=query.field_text[: denial.start()])) if contrast else not_due
        deadline = due & ~not_due if contrast and due.any() else ~not_due
    for school_year in _SCHOOL_YEAR.finditer(query.field_text):  # "началото на учебната 2024/2025": that one
        within = catalog.deadlines.rows_with("/".join(school_year.groups()))
        if deadline.any():  # ... or a date in it: "до декември на учебната 2024/2025" is December 2024
            within |= catalog.deadlines.rows_where(partial(_dated_within, f"{school_year.group(1)}-09-01", f"{school_year.group(2)}-08-31"))
        deadline = deadline & within if deadline.any() else within  # "срок по учебната 2024/25" alone
    return deadline


def _dated_within(first: str, last: str, deadline: str) -> bool:
    """Whether the date a deadline value names falls between two ISO dates."""
    return first <= (deadline_date(deadline) or "") <= last


# "освен бюджета на институциите като източник … са посочени и проекти": rows with that source and the other
_WHOSE_SOURCE = r"(?:бюджет|средств|финансиран|парите|източни)\w*\s+на\s+[^,.;:!?()–—]+?"  # whose ("освен бюджета" alone is every row)
_BESIDES_SOURCE = re.compile(
    rf"(?P<clause>(?<!\w)освен\s+(?P<source>{_WHOSE_SOURCE}))"
    r"(?=,?\s+(?:(?:при|в|за)\s+кои(?:\s+дейности)?\s+)?(?:като|са|е|има|се)\s[^.;!?]*?\s(?:и|също)\s)"  # ", при кои дейности са … и"
    # ... or said after the source asked for: "… са посочени и проекти, освен бюджета на институциите?"
    rf"|(?<=\s)(?:и|също)\s[^.;!?]*?(?P<after>,?\s+освен\s+(?P<source_after>{_WHOSE_SOURCE}))\s*[?.!]*\s*$"
)


def _funding_mask(catalog: Catalog, query: Query, bodies: Bodies, described: str = "") -> np.ndarray:
    """Rows with the funding the question names: every matching source, unless "само"/"директно"
    ("директно от общинския бюджет" is that one); the bodies paying are sources, the bodies
    responsible, the asker's context, the words describing a section (`described`: "целта за
    развитие на институциите" is no "бюджета на отговорните институции") and the verb of interest
    are not ("Интересуват ме и двата плана" is not "… занимания по интереси")."""
    # "Включете и онези, при които външното финансиране е в комбинация с бюджета на …": the rows asked
    # for, described; the source they combine with is no source asked
    query = replace(query, field_text=_INCLUDE_ALSO.sub(" ", query.field_text))
    if besides := _BESIDES_SOURCE.search(query.field_text):
        clause, source = besides.group("clause") or besides.group("after"), besides.group("source") or besides.group("source_after")
        rest = replace(query, field_text=query.field_text.replace(clause, " "))
        if (also := _funding_mask(catalog, rest, bodies, described)).any():
            return also & _funding_mask(catalog, replace(query, field_text=source), bodies, described)
    interest = [w for w in words(query.field_text) if w.startswith("интересув")]
    interest += [m.group(0) for m in _RESPONSIBLE_COLUMN.finditer(query.field_text)]  # "сред отговорните институции"
    # a value quoted or written out: the words told before the question name none ("Справка за проектно
    # финансиране: … „проекти с външно финансиране“", "Ние пишем проекти. … проекти с външно финансиране?" are
    # not also "програми и проекти")
    asked_sources = sources_asked(asking_text(query.field_text))
    written_out = any(phrase in asked_sources for phrase in catalog.fundings.phrases)
    told = told_and_introduced(query.field_text)[0] if _QUOTE.search(query.field_text) or written_out else []
    not_sources = " ".join([*(bodies.asked - bodies.paying), *bodies.denied, *aside_words(query.field_text), *interest,
                            described, *told])  # fmt: skip
    # "Плаща ли общината или някое министерство пряко …, или всичко е от бюджетите на институциите?":
    # the alternative a yes/no question sets against its own is not asked; sources joined by "или" are each asked
    if _YES_NO.search(query.field_text):
        query = replace(query, field_text=_SET_AGAINST.sub(" ", query.field_text))
    alternatives = bool(_OR.search(_WITHOUT_CLAUSE.sub(" ", query.field_text)))  # sources joined by "или", not "без X или Y"
    every = not (ONLY.search(query.text) or _EXPLICIT_SOURCE.search(query.text)) or alternatives
    # a payer inside a value said as the plans write it adds nothing: "от бюджета на Община X" is that value
    # only (unless others are offered beside it: "… или със средства, които минават през общината")
    quoted = catalog.fundings.said(query.field_text)
    in_value = set() if alternatives else {body for body in bodies.paying if any(body.lower() in phrase for phrase in quoted)}
    in_value |= set() if alternatives else _channels(catalog, query.field_text)
    mask = funding_rows(catalog, query, every=every, not_sources=" ".join([not_sources, *in_value]),
                        sources=" ".join(bodies.paying - in_value))  # fmt: skip
    # "единствено от бюджета на отговорните институции": rows with no other source beside the one said
    if quoted and not alternatives and _FUNDING_ONLY.search(query.field_text):
        mask &= catalog.fundings.rows_where(lambda value: all(value_phrase(part) in quoted for part in value.split(";")))
    # "от общинския бюджет" is the municipality's own money: not "от бюджета на … министерство чрез Община X",
    # unless the question speaks of money passing through it ("през общината", "минават", "чрез") or of where
    # the name is written ("в графата за финансиране е посочена Община X")
    if not _THROUGH.search(query.field_text):
        asked = value_stems(query.field_text) - _MONEY_STEMS
        mask &= ~catalog.fundings.rows_where(lambda value: _named_only_as_channel(value, asked))
    return mask


_THROUGH = re.compile(
    rf"(?<!\w)(?:чрез|през|минава\w*|минаващ\w*|превежда\w*)(?!\w)|(?<!\w)(?:граф|колон)\w*|(?<!\w){IN_FUNDING}(?!\w)|(?<!\w)посредни\w*"
    r"|(?<!\w)като\s+(?:източни|финансир)\w*"  # "като източник на финансиране е посочена Община X": where it is written
    rf"|(?<!\w){FUNDING_SOURCE_NAMES}"  # "източникът на финансиране посочва Община X" too
)


def _named_only_as_channel(value: str, asked: set[str]) -> bool:
    """Whether the question's words name only the body money passes through in this funding value
    ("… министерство чрез Община X"), not its source."""
    source, through, channel = value.lower().partition(" чрез ")
    return bool(through) and not (value_stems(source) - _MONEY_STEMS) & asked and bool(value_stems(channel) & asked)


# "от министерство през общината", "от министерство, но парите минават през общината", "(минават през общината)",
# "пари на министерство, минаващи през общината", "… от министерството, дето минават през общината"
_CHANNEL = re.compile(
    r"(\w+)\s*[,(]?\s*(?:(?:но|а|като|които|дето)\s+)?(?:(?:парите|средствата)\s+)?(?:(?:минава(?:т|щи)|идва(?:т|щи)|отиват|се\s+превеждат)\s+)?"
    r"(?:през|чрез)\s+([^,.;:!?]+)"
)
# ... the body after the source, passing the money on: "парите идват от министерство, а общината само ги превежда"
_CHANNEL_AFTER = re.compile(r"(\w+)\s*,?\s+(?:а|но|като)\s+([^,.;:!?]+?)\s+(?:само\s+)?(?:ги\s+|го\s+)?(?:превежда|разпределя)\w*")


def _channels(catalog: Catalog, text: str) -> set[str]:
    """The bodies money passes through, said after a source a funding value names ("от министерство
    през общината" is "… министерство чрез Община X", not also the municipality's own budget); money
    that "минава през общината" names no other source, so the municipality stays its payer."""
    value_words = set().union(*(value_stems(phrase) for phrase in catalog.fundings.phrases)) - _MONEY_STEMS
    found = [*_CHANNEL.finditer(text), *_CHANNEL_AFTER.finditer(text)]
    return {body for said in found if said.group(1).lower()[:STEM] in value_words
            for body in body_names(catalog, find_institutions(said.group(2), catalog.institutions))}  # fmt: skip


def _numbered_sections_beside_a_quote(query: Query) -> tuple[tuple[int, int | None], ...]:
    """The sections named by number in a question that quotes its funding value: the words beside
    the number describe the section ("В цел 3 за организационното развитие на институциите … с
    финансиране „неприложимо“" is no "бюджета на отговорните институции")."""
    return query.sections if _QUOTE.search(query.field_text) else ()


def _funding_left_out(catalog: Catalog, query: Query) -> np.ndarray:
    """Rows whose funding has what the question leaves out: "само от бюджета на институциите, без
    проекти и програми" (the words after "без" that some funding value has, but not money itself:
    "без финансиране" asks for the unfunded rows)."""
    left_out = {stem for m in _WITHOUT_CLAUSE.finditer(query.text) for stem in value_stems(m.group(1))} - _MONEY_STEMS
    return _funding_sharing(catalog, left_out)


def _rows_with_funding(catalog: Catalog, said: str) -> np.ndarray:
    """Rows whose funding is what `said` names: the values quoted in it, else the values sharing its words
    (not money itself: "от бюджета на самите отговорни институции" is not every "От бюджета на …")."""
    quoted = catalog.fundings.said(said)
    if quoted:
        return np.logical_or.reduce([catalog.fundings.rows_with(phrase) for phrase in quoted])
    return _funding_sharing(catalog, (value_stems(said) - _MONEY_STEMS) or value_stems(said))


def _rows_paid_by(catalog: Catalog, query: Query, said: str) -> np.ndarray:
    """Rows whose funding is the source `said` names, its bodies by any name: "от бюджета на
    комисията" is "От бюджета на училища и МКБППМН", "от общината" the municipality's budget."""
    payers = body_names(catalog, find_institutions(said, catalog.institutions))
    # "комисията" points back at a body the question named: a word of its full name
    payers |= {body for body in body_names(catalog, list(query.institutions))
               if value_stems(said) & value_stems(expansion_of().get(body, body))}  # fmt: skip
    source = replace(query, field_text=said, unfunded=False, empty_funding=False, funding_not_needed=False)
    return funding_rows(catalog, source, every=True, sources=" ".join(payers))


def _funding_sharing(catalog: Catalog, stems: set[str]) -> np.ndarray:
    """Rows whose funding value has one of these stems."""
    if not stems:
        return np.zeros(len(catalog.rows), dtype=bool)
    return catalog.fundings.rows_where(lambda value: bool(stems & value_stems(value)))


def _named_values(catalog: Catalog, query: Query, named: list[tuple[Selector, np.ndarray]],
                  described: tuple[tuple[int, int | None], ...]) -> str:  # fmt: skip
    """Text whose words are no topic: the funding values selected ("по ЕРС „Занимания по интереси“"),
    a described section's rows, and a numbered section's appositive ("цел 3 – онази за …")."""
    funding = dict(named).get(Selector.FUNDING)
    values = catalog.fundings.values_of(funding) if funding is not None else set()
    if described:
        values |= {text for (goal, measure), texts in catalog.sections.measure_texts.items() for text in texts
                   if any(goal == g and m in (None, measure) for g, m in described)}  # fmt: skip
    aside = " ".join(m.group(0) for m in APPOSITIVE.finditer(query.text)) if query.sections else ""
    return " ".join([*values, aside, *(m.group(0) for pattern in (_BODY_COUNT, _MEASURE_SIZE) for m in pattern.finditer(query.field_text))])


@lru_cache(maxsize=8192)
def _names_concept(word: str) -> bool:
    return bool(concept_words([word]))


def topic_words(catalog: Catalog, query: Query, frame: tuple[str, ...] = ()) -> list[str]:
    """Content words of the question that are neither frame words (with `frame`) nor words of the
    values it names (institution names and their spelled-out abbreviations, deadline and funding
    phrases, municipality names), nor words of the asker introducing themselves ("учителка съм в
    детска градина", "работя в ЦОП") unless they name a concept of the glossary.

    A word the rows never use ("очаква", "приключат", "възлагат") names no topic of the plans,
    unless it fires a glossary concept ("спре да ходи") or the question names something the plans
    do not cover (an out-of-scope concept: "колко е таксата за детската градина")."""
    return _content_words(catalog, query, frame)[0]


# the asked sentence points back at the story's thing: "… ученически парламент. Във всички училища ли има такъв?"
_SUCH_A_THING = re.compile(r"(?<!\w)(?:има|имат|няма)\s+(?:ли\s+)?(?:и\s+)?(?:такава|такъв|такова|такива)(?!\w)|(?<!\w)(?:такава|такъв|такова|такива)\s+(?:ли\s+)?(?:има|имат)(?!\w)")


def _content_words(catalog: Catalog, query: Query, frame: tuple[str, ...] = (), values: str = "") -> tuple[list[str], list[str]]:
    """(topic words, words the rows never use) of the question, as topic_words() tells them; the
    words of `values` (the field values the question selected) are no topic either."""
    covered = set(frame_stems()) | {w[:STEM] for w in (*frame, *words(values))}  # data/frame_words.tsv
    full_of = {a.short.lower(): a.full for a in abbreviations()}
    for everyday in institution_names():  # "полицията" named "РУ на МВР"
        if any(everyday.means(name) for name in query.institutions):
            covered.update(stem[:STEM] for trigger in everyday.triggers for stem in trigger)
    for name in query.institutions:
        for word in words(name):
            covered.add(word[:STEM])
            covered.update(w[:STEM] for w in words(full_of.get(word, "")))
    # a body's seat, as the plans write it after a dash ("РЦПППО – Стара Загора"): "РУО – Стара Загора" too
    covered.update(w[:STEM] for name in catalog.institutions for seat in _SEAT.findall(name) for w in words(seat))
    for phrase in (*catalog.deadlines.phrases, *catalog.fundings.phrases, *catalog.municipality_names):
        if phrase.lower() in query.field_text:
            covered.update(w[:STEM] for w in words(phrase))
    covered |= section_title_stems(catalog, query)
    # a kind of body ("културните институции", "социалните организации") describes the bodies asked about
    covered.update(kind[:STEM] for kind in _KIND_OF_BODY.findall(query.field_text))
    covered.update(kind[:STEM] for kind in _KIND_OF_SOURCE.findall(query.field_text))  # "друг или допълнителен източник"
    context, introductions = told_and_introduced(query.field_text)
    # the story before a question that asks for rows is context, concept words too ("Пиша материал за
    # превенцията на детската престъпност. Колко дейности … има Местната комисия …?")
    asked_sentence = asking_text(query.field_text, context)
    asks_rows = bool(context) and bool(LISTS_ROWS.search(asked_sentence)) and not _SUCH_A_THING.search(asked_sentence)
    covered.update(w[:STEM] for part in context for w in words(part) if asks_rows or not _names_concept(w))
    # ... and a statement after it, unless a concept ("Кои дейности влизат в мярка 1.3? Подготвяме се за
    # педагогическия съвет."; "Колко психолози има в училищата? В нашето психолошката идва веднъж седмично")
    after, asking = told_after(query.field_text), query.field_text
    for part in after:
        asking = asking.replace(part, " ")
    asked = {w[:STEM] for w in words(asking)}
    covered.update(w[:STEM] for part in after for w in words(part) if not _names_concept(w) and w[:STEM] not in asked)
    covered.update(w[:STEM] for part in introductions for w in words(part) if w.startswith(ROLES) or not _names_concept(w))
    # a frame word or a value's word shorter than a stem covers its forms ("срок": "срокът", "хора":
    # "хората"); a context word does not ("жени" is no "женитби")
    short = tuple(stem for stem in (*frame_stems(), *(w[:STEM] for w in words(values))) if 3 < len(stem) < STEM)
    candidates = [
        w for w in words(without_plan_names(query.field_text))
        if len(w) > 2 and w not in STOPWORDS and w not in _ASKER_SPEAKS and not w.isdigit() and w[:STEM] not in covered
        and not w.startswith(short) and not _BODY_NOUN.fullmatch(w)
    ]  # fmt: skip
    concept_stems = {stem for c in concept_words(candidates) for trigger in c.triggers for stem in trigger}
    concept_stems |= named_trigger_stems(words(query.field_text))
    topics, unknown = [], []
    for w in candidates:
        if catalog.speaks_of(w) or query.out_of_scope or any(w.startswith(stem) for stem in concept_stems):
            topics.append(w)
        else:
            unknown.append(w)
    return topics, unknown
