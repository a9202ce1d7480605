"""Retrieval stage 4a, sections: which operational goal or measure a question names by its words.

"цялата оперативна цел за сътрудничеството", "целта, свързана с кадрите", "мярката от първа цел,
която е за тормоза": a section described instead of numbered is found by the words its titles share
with the question, weighted by how few sections' titles have each; and the words that only describe
a section named by number ("мярка 3 към първата цел (за агресия и тормоз)") are no topic of their own.
Whole-plan questions (whole.py) read this; any plans' titles, no plan's wording.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from assistant.asking import asked_stems, word_pairs
from assistant.catalog import STEM, Catalog
from assistant.field_phrases import without_first_to_last
from assistant.text import words
from assistant.understand import Query, concept_words


def titles_of(catalog: Catalog, sections: tuple[tuple[int, int | None], ...]) -> str:
    """The goal titles (and the measure titles) of the sections a question describes."""
    return " ".join(title for section in sections for title in _section_titles(catalog, section))


def _section_titles(catalog: Catalog, section: tuple[int, int | None]) -> set[str]:
    """Every wording of a section's own title: a goal's (measure None) or a measure's."""
    goal, measure = section
    return catalog.sections.goal_titles.get(goal, set()) if measure is None else catalog.sections.measure_titles.get((goal, measure), set())


# one section as a container ("цялата оперативна цел за …", "мярката, която е за …"); plural "мерки
# за талантливите деца" asks about a topic
_SECTION_WORD = re.compile(r"(?<!\w)(?:оперативн\w*\s+цел(?:та)?|целта|м[яе]рка(?:та)?)(?!\w)")
_MEASURE_WORD = re.compile(r"(?<!\w)м[яе]рка(?:та)?(?!\w)")
MIN_DESCRIBED_SHARE = 1.0  # the best section must share this many title words (weighted by rarity) ...
DESCRIBED_MARGIN = 1.5  # ... and this many times the next best's
MIN_QUOTED_PAIRS = 3  # or its title's neighbouring words, this many pairs of them


def described_sections(catalog: Catalog, query: Query) -> tuple[tuple[int, int | None], ...]:
    """The goal or measure a question describes instead of numbering ("цялата оперативна цел за
    сътрудничеството", "целта, свързана с кадрите", "мярката от първа цел, която е за тормоза"): the
    one whose titles share clearly most of the question's words, each weighted by how few sections'
    titles have it; () when none stands out or the numbers are given."""
    if not _SECTION_WORD.search(query.text):
        return ()
    wants_measure = bool(_MEASURE_WORD.search(without_first_to_last(query.text)))
    goals = {goal for goal, measure in query.sections if measure is None}
    if query.sections and not (wants_measure and goals and len(goals) == len(query.sections)):
        return ()  # numbered ("мярка 1.3"), unless a measure of a numbered goal is described
    if wants_measure and (echoed := _measure_of_quoted_row(catalog, query.text, goals)):
        return (echoed,)
    asked = asked_stems(query)
    titles: dict[tuple[int, int | None], set[str]] = {}
    for (goal, measure), names in catalog.sections.measure_titles.items():
        if goals and goal not in goals:
            continue
        key = (goal, measure) if wants_measure else (goal, None)
        text = " ".join(names) if wants_measure else " ".join([*catalog.sections.goal_titles[goal], *names])
        titles.setdefault(key, set()).update(w[:STEM] for w in words(text))
    spread = {stem: sum(stem in stems for stems in titles.values()) for stem in asked}
    scores = sorted(((sum(1 / spread[t] for t in stems & asked), key) for key, stems in titles.items()), reverse=True)
    if _stands_out(scores, MIN_DESCRIBED_SHARE):
        return (scores[0][1],)
    # a title quoted, not only its words: "В целта за организационно развитие на институциите в
    # предучилищното и училищното образование …" (its words are in every goal's titles, its pairs are not)
    pairs = word_pairs(query.field_text)
    echoes = sorted(((len(pairs & _title_pairs(catalog, section)), section) for section in titles), reverse=True)
    return (echoes[0][1],) if _stands_out(echoes, MIN_QUOTED_PAIRS) else ()


_QUOTED = re.compile(r"[„“\"]([^„“”\"]{20,})[“”\"]")  # a row pasted in quotes


def _measure_of_quoted_row(catalog: Catalog, text: str, goals: set[int]) -> tuple[int, int] | None:
    """The measure of a row the question quotes ("Имам ред „Осигуряване на ресурсни учители …“. Дайте
    ми всички дейности от същата мярка"): the one row sharing clearly most neighbouring words with it."""
    for quoted in _QUOTED.findall(text):
        pairs = word_pairs(quoted)
        if len(pairs) < MIN_QUOTED_PAIRS or any(len(pairs & _title_pairs(catalog, section)) >= MIN_QUOTED_PAIRS
                                                for section in catalog.sections.measure_titles):  # fmt: skip
            continue  # too short, or a measure's title quoted ("мярката „Предотвратяване на напускането …“")
        echoes = sorted(
            ((max(len(pairs & word_pairs(row)) for row in rows), section)
             for section, rows in catalog.sections.measure_texts.items() if not goals or section[0] in goals),
            reverse=True,
        )  # fmt: skip
        if _stands_out(echoes, MIN_QUOTED_PAIRS):
            return echoes[0][1]
    return None


def _stands_out(scores: Sequence[tuple[float, tuple[int, int | None]]], least: float) -> bool:
    best = scores[0][0] if scores else 0.0
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    return best >= least and best >= DESCRIBED_MARGIN * runner_up


def _title_pairs(catalog: Catalog, section: tuple[int, int | None]) -> set[tuple[str, str]]:
    """The neighbouring words of a section's own titles (every wording it has), title by title."""
    return set().union(*(word_pairs(title) for title in _section_titles(catalog, section)))


def section_title_stems(catalog: Catalog, query: Query) -> set[str]:
    """The title words that describe the sections named ("мярка 3 към първата цел (за агресия и
    тормоз)", "оперативна цел 2 за специалистите и квалификацията"); a goal's measure titles only
    when the question's words reach every measure of it: "мерките срещу отпадането по цел 5" asks
    about one measure of goal 5, a topic within it; a word of at least half of them describes the goal
    ("оперативна цел 3 за децата със СОП")."""
    asked = asked_stems(query)
    stems: set[str] = set()
    for goal, measure in query.sections:
        titles = {m: {w[:STEM] for w in words(" ".join(names))}
                  for (g, m), names in catalog.sections.measure_titles.items() if g == goal and measure in (None, m)}  # fmt: skip
        stems.update(w[:STEM] for title in catalog.sections.goal_titles.get(goal, ()) for w in words(title))
        if measure is not None or all(title & asked for title in titles.values()):
            stems.update(*titles.values())
        elif titles:  # ... or a word of at least half its measures' titles: "оперативна цел 3 за децата със СОП"
            spread = Counter(stem for title in titles.values() for stem in title)
            stems.update(stem for stem, count in spread.items() if 2 * count >= len(titles))
    return stems


def measure_describer(catalog: Catalog, query: Query) -> Callable[[str], bool]:
    """Whether a topic word only describes a measure named by number ("по мярка 1.5 за надарените
    деца"): its stem is in the measure's rows, or it fires a concept whose plan terms are. A goal
    is too broad for this: "срещу отпадането по цел 5" asks about one of its measures."""
    measures = [(goal, measure) for goal, measure in query.sections if measure is not None]
    text = " ".join([*(t for m in measures for t in catalog.sections.measure_titles.get(m, ())),
                     *(t for m in measures for t in catalog.sections.measure_texts.get(m, ()))]).lower()  # fmt: skip
    stems = {w[:STEM] for w in words(text)}

    def describes(word: str) -> bool:
        if word[:STEM] in stems:
            return True
        return any(term.lower() in text for concept in concept_words([word]) for term in concept.terms)

    return describes
