"""Stage 5: retrieved rows -> a short Bulgarian answer in which every statement cites its row.

No language model: the answer is assembled from the rows' own words. Plan text is always
quoted („…“) exactly; the only other words are the fixed frames in messages.py, so a verifier
(verify.py) can check every line against the rows it cites.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from assistant import messages
from assistant.decide import Decision
from assistant.glossary import abbreviations, concept_named
from assistant.retrieve import Hit, SearchResult
from assistant.rows import Row
from assistant.understand import QuestionKind
from assistant.whole import Selector

RELATIVE_FLOOR = 0.6  # a hit scoring under this share of the best one is not part of the answer
GLOSSARY_FLOOR = 0.3  # when the glossary understood the question, a row must use its plan terms
MAX_ITEMS = 6


class Audience(StrEnum):
    """Who reads the answer: the same facts and citations, led by what that reader needs."""

    ANY = "any"
    PARENT = "parent"  # what the child can get and whom to ask, in short lines
    TEACHER = "teacher"  # what must be done and by when
    STAFF = "staff"  # responsible bodies, funding, counts


@dataclass(frozen=True)
class Citation:
    number: int  # the [n] marker
    row: Row


@dataclass(frozen=True)
class Answer:
    """What the user reads, and the rows it cites (numbered as in the text)."""

    text: str  # Markdown; each line that states a fact ends with its citation markers
    abstained: bool
    citations: tuple[Citation, ...] = ()
    kind: QuestionKind | None = None  # what the answer leads with; None when not covered
    notes: tuple[str, ...] = field(default=())  # spelled-out abbreviations, for the verifier
    nearest: Row | None = None  # a not-covered answer's nearest row, when it names its institutions

    def to_dict(self) -> dict[str, object]:
        return {
            "answer": self.text,
            "abstained": self.abstained,
            "kind": self.kind.value if self.kind else "not_covered",
            "citations": [{"number": c.number, **c.row.to_dict()} for c in self.citations],
        }


def compose(result: SearchResult, audience: Audience = Audience.ANY) -> Answer:
    """Build the answer for one search result, for one kind of reader."""
    if result.changes is not None:
        return changes_answer(result)
    if result.whole is not None:
        return whole_plan_answer(result)
    if result.abstained or not result.hits:
        return not_covered(result)
    hits = _answer_hits(result)
    citations: list[Citation] = []

    def cite(row: Row) -> int:
        for c in citations:
            if c.row.row_id == row.row_id:
                return c.number
        citations.append(Citation(len(citations) + 1, row))
        return citations[-1].number

    kind = result.kind
    rows = [h.row for h in hits]
    # "who / until when / how funded" is answered for the best measure; the list shows the rest
    focus = rows if kind in (QuestionKind.EXISTS, QuestionKind.FILTER) else [h.row for h in _by_measure(hits)[0][1]]
    lines = [_opening(kind, focus, result, len(rows))]
    if kind in (QuestionKind.EXISTS, QuestionKind.FILTER) and audience is not Audience.ANY:
        lead = {Audience.PARENT: messages.OPEN_PARENT, Audience.TEACHER: messages.OPEN_TEACHER,
                Audience.STAFF: messages.OPEN_STAFF}[audience]  # fmt: skip
        lines = [lead.format(plans=_years_phrase(rows), count=activity_count(len(rows)))]
        if audience is Audience.STAFF:
            names = ", ".join(name for name, _ in Counter(n for r in rows for n in r.responsible).most_common())
            lines.append(messages.OPEN_RESPONSIBLE.format(plans=_years_phrase(rows), names=names))
    if result.decision is Decision.RELATED:  # honest about weak evidence instead of refusing
        part = result.evidence is not None and result.evidence.covered_question
        lines.insert(0, messages.ANSWER_PART_NOT_COVERED if part else messages.ANSWER_RELATED_CAVEAT)
    if result.unmet:  # a list no row meets in full: the nearest rows, said to be only that
        lines.insert(0, messages.ANSWER_LIST_NEAREST)
    spelled: set[str] = set()
    several_plans = len({(h.row.municipality, h.row.year) for h in hits}) > 1
    for (goal, measure), group in _by_measure(hits):
        first = group[0].row
        lines.append("")
        template = messages.ANSWER_MEASURE_OF_PLAN if several_plans else messages.ANSWER_MEASURE
        heading = template.format(goal=goal, measure=measure, title=first.measure_title,
                                  municipality=first.municipality, year=first.year)  # fmt: skip
        lines.append(heading + _spell(first.measure_title, spelled))
        for hit in group:
            row = hit.row
            number = cite(row)
            responsible = ", ".join(row.responsible)
            template = {Audience.PARENT: messages.ANSWER_ITEM_PARENT,
                        Audience.TEACHER: messages.ANSWER_ITEM_TEACHER}.get(audience, messages.ANSWER_ITEM)  # fmt: skip
            item = template.format(
                activity=row.activity, responsible=responsible, deadline=row.deadline,
                results=row.results, number=number,
            )  # fmt: skip
            if kind in (QuestionKind.FUNDING, QuestionKind.FILTER) or audience is Audience.STAFF:
                template = messages.ANSWER_ITEM_FUNDING if row.funding else messages.ANSWER_ITEM_FUNDING_EMPTY
                item += " " + template.format(funding=row.funding, number=number)
            lines.append(item + _spell(f"{row.activity} {responsible}", spelled))
            earlier = [r for r in hit.also_in if r.year != row.year]
            if earlier:
                markers = ", ".join(f"{r.year} г. [{cite(r)}]" for r in earlier)
                lines.append(messages.ANSWER_ALSO_IN.format(plans=markers))
    notes = tuple(sorted(spelled))
    return Answer("\n".join(lines).strip(), False, tuple(citations), kind, notes)


def changes_answer(result: SearchResult) -> Answer:
    """The changes between two plans, each with the wording before and after, both rows cited."""
    assert result.changes is not None
    citations: list[Citation] = []

    def cite(row: Row | None) -> int:
        assert row is not None
        for c in citations:
            if c.row.row_id == row.row_id:
                return c.number
        citations.append(Citation(len(citations) + 1, row))
        return citations[-1].number

    if not result.changes:
        fields = ", ".join(messages.DIFF_FIELDS[f] for f in result.query.changed_fields)
        if result.changes_of:  # none in the rows of the bodies asked about, whatever changed elsewhere
            text = messages.ANSWER_NO_CHANGES_OF.format(municipality=result.municipality_filter, fields=fields,
                                                        bodies=", ".join(result.changes_of))  # fmt: skip
        elif fields:
            text = messages.ANSWER_NO_CHANGES_IN.format(municipality=result.municipality_filter, fields=fields)
        else:
            text = messages.ANSWER_NO_CHANGES.format(municipality=result.municipality_filter)
        return Answer(text, False, (), QuestionKind.CHANGES)
    rows = [r for c in result.changes for r in (c.row_before, c.row_after) if r is not None]
    years = sorted({r.year for r in rows})
    lines = [messages.ANSWER_CHANGES.format(municipality=rows[0].municipality, before=years[0], after=years[-1])]
    for change in result.changes:
        where = messages.ANSWER_CHANGE_WHERE.format(goal=change.goal, measure=change.measure,
                                                    field=messages.DIFF_FIELDS[change.field],
                                                    kind=messages.DIFF_KINDS[change.kind])  # fmt: skip
        lines += ["", where]
        template_before, template_after = (
            (messages.ANSWER_CHANGE_BEFORE_NAMES, messages.ANSWER_CHANGE_AFTER_NAMES) if change.field == "responsible"
            else (messages.ANSWER_CHANGE_BEFORE, messages.ANSWER_CHANGE_AFTER)
        )  # fmt: skip
        if change.row_before is not None:
            lines.append(template_before.format(text=change.before, number=cite(change.row_before)))
        if change.row_after is not None:
            lines.append(template_after.format(text=change.after, number=cite(change.row_after)))
    return Answer("\n".join(lines), False, tuple(citations), QuestionKind.CHANGES)


def whole_plan_answer(result: SearchResult) -> Answer:
    """Every row a whole-plan question asks for, grouped by goal and measure, the count first
    when asked ("колко …") and always stated; each row cited."""
    rows = [h.row for h in result.hits]
    assert result.whole is not None
    plans = _years_phrase(rows)
    if result.whole.busiest:  # "коя институция отговаря за най-много дейности": the body first
        template = messages.OPEN_BUSIEST
    elif result.whole.every_meets is not None:  # "всички ли …": yes, or no and the rows that fail
        template = messages.OPEN_ALL_MEET if result.whole.every_meets else messages.OPEN_NOT_ALL
    elif result.whole.fields == (Selector.PLAN,):  # the whole plan, no condition to restate
        template = messages.OPEN_WHOLE_PLAN
    elif result.whole.funding_shown:  # "… и колко от тях се финансират от …": not all of them are
        template = messages.OPEN_FUNDING_BESIDE
    else:
        template = messages.OPEN_COUNT if result.whole.count_asked else messages.OPEN_LIST
    lines = [template.format(plans=plans, count=activity_count(len(rows)), names=", ".join(result.whole.busiest))]
    per_plan = Counter((r.municipality, r.year) for r in rows)
    several_plans = len(per_plan) > 1
    if several_plans:  # "колко през 2023 и колко през 2024": each plan's own count
        parts = [messages.PLAN_COUNT_PART.format(count=activity_count(n), municipality=m, year=y)
                 for (m, y), n in sorted(per_plan.items())]  # fmt: skip
        lines.append(messages.OPEN_PER_PLAN.format(parts="; ".join(parts)))
    with_funding = Selector.FUNDING in result.whole.fields or result.whole.funding_shown
    citations: list[Citation] = []
    for (goal, measure), group in _by_measure(result.hits):
        first = group[0].row
        heading = (messages.ANSWER_MEASURE_OF_PLAN if several_plans else messages.ANSWER_MEASURE).format(
            goal=goal, measure=measure, title=first.measure_title, municipality=first.municipality, year=first.year)
        lines += ["", heading]
        for hit in group:
            row = hit.row
            citations.append(Citation(len(citations) + 1, row))
            number = citations[-1].number
            item = messages.ANSWER_ITEM_SHORT.format(
                activity=row.activity, responsible=", ".join(row.responsible), deadline=row.deadline, number=number)
            if with_funding:
                funding = messages.ANSWER_ITEM_FUNDING if row.funding else messages.ANSWER_ITEM_FUNDING_EMPTY
                item += " " + funding.format(funding=row.funding, number=number)
            lines.append(item)
    return Answer("\n".join(lines), False, tuple(citations), QuestionKind.LIST)


def _answer_hits(result: SearchResult) -> list[Hit]:
    """The hits strong enough to answer with, at most MAX_ITEMS: never loosely related rows.

    When the glossary understood the question ("заеква" -> логопед), a row must carry the plan's
    terms for it; otherwise it must score close to the best row.
    """
    hits = result.hits
    best = hits[0].score
    if hits[0].evidence.field_match:  # a filter question: exactly the rows that meet the filter
        return [h for h in hits if h.evidence.field_match][:MAX_ITEMS]
    if result.query.concepts:
        chosen = [h for h in hits if h.evidence.glossary >= GLOSSARY_FLOOR and h.score >= 0.45 * best]
        if chosen:
            return chosen[:MAX_ITEMS]
    return [h for h in hits[:MAX_ITEMS] if h.score >= RELATIVE_FLOOR * best]


def _by_measure(hits: list[Hit]) -> list[tuple[tuple[int, int], list[Hit]]]:
    """Group hits by (goal, measure), keeping the order of each group's best hit."""
    groups: dict[tuple[str, int, int, int], list[Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.row.municipality, hit.row.year, hit.row.goal, hit.row.measure), []).append(hit)
    return [((g, m), items) for (_, _, g, m), items in groups.items()]


def _years_phrase(rows: list[Row]) -> str:
    """Which plans the rows come from, each named by municipality and year."""
    years_of: dict[str, set[int]] = {}
    for row in rows:
        years_of.setdefault(row.municipality, set()).add(row.year)
    if len(years_of) == 1:
        (municipality, years), = years_of.items()
        ordered = sorted(years)
        if len(ordered) == 1:
            return messages.PLAN_OF_YEAR.format(municipality=municipality, year=ordered[0])
        return messages.PLANS_OF_YEARS.format(
            municipality=municipality, years=", ".join(map(str, ordered[:-1])), last=ordered[-1]
        )
    parts = [
        messages.PLANS_PART.format(municipality=m, years=", ".join(map(str, sorted(y))))
        for m, y in sorted(years_of.items())
    ]
    return messages.PLANS_OF_MUNICIPALITIES.format(parts=" и ".join(parts))


def activity_count(n: int) -> str:
    """The phrase for n activities: "1 дейност", "5 дейности"."""
    return messages.ONE_ACTIVITY if n == 1 else messages.N_ACTIVITIES.format(n=n)


def _opening(kind: QuestionKind, rows: list[Row], result: SearchResult, listed: int) -> str:
    """One sentence that answers the question's kind."""
    plans = _years_phrase(rows)
    if kind is QuestionKind.RESPONSIBLE:
        counts = Counter(name for r in rows for name in r.responsible)
        names = ", ".join(name for name, _ in counts.most_common())
        return messages.OPEN_RESPONSIBLE.format(plans=plans, names=names)
    if kind is QuestionKind.DEADLINE:
        deadlines = list(dict.fromkeys(r.deadline for r in rows))
        if len(deadlines) == 1:
            return messages.OPEN_DEADLINE_ONE.format(plans=plans, deadline=deadlines[0])
        return messages.OPEN_DEADLINE_MANY.format(plans=plans, deadlines="; ".join(f"„{d}“" for d in deadlines))
    if kind is QuestionKind.FUNDING:
        fundings = list(dict.fromkeys(f"„{r.funding}“" if r.funding else messages.FUNDING_EMPTY for r in rows))
        return messages.OPEN_FUNDING.format(plans=plans, funding="; ".join(fundings))
    if kind is QuestionKind.FILTER:
        return messages.OPEN_FILTER.format(plans=plans, count=activity_count(listed))
    topic = _topic(result, rows)
    if topic:
        return messages.OPEN_EXISTS_TOPIC.format(plans=plans, topic=topic, count=activity_count(listed))
    return messages.OPEN_EXISTS.format(plans=plans, count=activity_count(listed))


def _topic(result: SearchResult, rows: list[Row]) -> str | None:
    """The plan's own term for what was asked (from the glossary), if the cited rows use it."""
    text = " ".join(f"{r.activity} {r.measure_title}" for r in rows)
    for name in result.query.concepts:
        for term in concept_named()[name].terms:
            if term in text:
                return term
    return None


def _spell(text: str, spelled: set[str]) -> str:
    """ " (СОП — специални образователни потребности)" for abbreviations not yet spelled out."""
    notes = []
    for abbreviation in abbreviations():
        if abbreviation.short in spelled:
            continue
        if re.search(rf"(?<![\w-]){re.escape(abbreviation.short)}(?![\w-])", text):
            spelled.add(abbreviation.short)
            notes.append(f"{abbreviation.short} — {abbreviation.full}")
    return f" ({'; '.join(notes)})" if notes else ""


def not_covered(result: SearchResult) -> Answer:
    """The plain "not covered" answer; names who deals with the nearest topic when it can."""
    if result.missing_municipality is not None:
        template = messages.ANSWER_NO_PLAN_OF_MUNICIPALITY_YEAR if result.missing_year else messages.ANSWER_NO_PLAN_OF_MUNICIPALITY
        return Answer(template.format(municipality=result.missing_municipality, year=result.missing_year), True)
    if result.missing_institution is not None:
        return Answer(messages.ANSWER_NO_ROWS_OF_INSTITUTION.format(institution=result.missing_institution), True)
    if result.missing_year is not None:
        return Answer(messages.ANSWER_NO_PLAN_FOR_YEAR.format(year=result.missing_year), True)
    if result.foreign_language:
        return Answer(messages.ANSWER_FOREIGN_LANGUAGE, True)
    if result.unmet:
        return Answer(messages.ANSWER_LIST_NONE, True)
    text = messages.ANSWER_NOT_COVERED
    nearest = result.nearest
    named = None
    near_enough = (
        nearest is not None and result.evidence is not None and nearest.evidence.dense >= NEAREST_MIN_DENSE
        and result.evidence.coverage >= NEAREST_MIN_COVERAGE and not result.query.out_of_scope
    )  # fmt: skip
    if nearest is not None and near_enough:
        named = nearest.row
        text += " " + messages.ANSWER_NEAREST.format(title=named.measure_title, names=", ".join(named.responsible))
    return Answer(text + "\n\n" + messages.ANSWER_REPHRASE, True, (), None, (), named)


NEAREST_MIN_DENSE = 0.3  # below this the "nearest topic" is not near enough to mention ...
NEAREST_MIN_COVERAGE = 0.25  # ... nor when the plans share too few of the question's words
