"""The bundled plans become exact activity rows (issue 3)."""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import pytest

from assistant.parse import load_corpus, passages

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

MEASURES_PER_GOAL = {1: [3, 4, 9, 2, 5, 6], 2: [5, 2], 3: [1] * 9, 4: [1], 5: [1, 4, 1, 1, 4], 6: [3, 1, 1]}
YEARS = (2023, 2024)


def rows_of(plans, year, goal, measure):
    return [r for r in plans[year].rows if (r.goal, r.measure) == (goal, measure)]


def only(plans, year, goal, measure, position):
    return rows_of(plans, year, goal, measure)[position - 1]


@pytest.mark.parametrize("year", YEARS)
def test_each_plan_has_6_goals_26_measures_62_rows(plans, year):
    """Both layouts give the plan's full structure."""
    plan = plans[year]
    assert sorted(plan.goals) == [1, 2, 3, 4, 5, 6]
    assert len({(r.goal, r.measure) for r in plan.rows}) == 26
    assert len(plan.rows) == 62


@pytest.mark.parametrize("year", YEARS)
def test_rows_per_measure_match_the_document(plans, year):
    """3,4,9,2,5,6 | 5,2 | 1x9 | 1 | 1,4,1,1,4 | 3,1,1 activities per measure."""
    counts = Counter((r.goal, r.measure) for r in plans[year].rows)
    found = {g: [counts[(g, m)] for m in range(1, len(ms) + 1)] for g, ms in MEASURES_PER_GOAL.items()}
    assert found == MEASURES_PER_GOAL


@pytest.mark.parametrize("year", YEARS)
def test_row_ids_are_stable_and_unique(plans, year):
    """Same input, same ids: municipality/year/goal.measure.position."""
    ids = [r.row_id for r in plans[year].rows]
    assert len(set(ids)) == 62
    assert ids[0] == f"kazanlak/{year}/1.1.1" and ids[-1] == f"kazanlak/{year}/6.3.1"
    again = {p.year: p for p in load_corpus(CORPUS)}[year]
    assert [r.row_id for r in again.rows] == ids


@pytest.mark.parametrize("year", YEARS)
def test_plan_header_is_parsed(plans, year):
    """Title, adopting decision, strategic goal and introduction are plan metadata."""
    plan = plans[year]
    decision = {2023: "Решение №1040/27.07.2023 г.", 2024: "Решение №125/25.04.2024 г."}[year]
    assert plan.title.startswith("План на дейностите за подкрепа за личностно развитие")
    assert plan.title.endswith(f"в община Казанлък за {year} г.")
    assert plan.decision.startswith(decision) and plan.decision.endswith(("№59", "№12"))
    assert plan.municipality == "Казанлък" and plan.year == year
    assert plan.strategic_goal.startswith("Осигуряване на процес и среда на учене, които да осигурят")
    assert plan.strategic_goal.endswith("допълнителна подкрепа за личностно развитие.")
    assert plan.introduction.startswith("Планът на дейностите за подкрепа")
    assert plan.introduction.endswith("отворен за допълнения на нови инициативи, мероприятия и др.")


@pytest.mark.parametrize("year", YEARS)
def test_introduction_becomes_text_passages(plans, year):
    """The long introduction is split into passages no longer than the splitter's size."""
    found = passages(plans[year])
    intro = [p for p in found if p.kind == "introduction"]
    assert len(intro) >= 2 and all(len(p.text) <= 500 for p in intro)
    assert any(p.kind == "strategic_goal" for p in found)
    assert found[0].passage_id == f"kazanlak/{year}/introduction.1"


@pytest.mark.parametrize("year", YEARS)
def test_activities_hold_no_text_of_other_columns(plans, year):
    """No deadline, funding, page header or measure-title text leaks into an activity."""
    for row in plans[year].rows:
        for leak in ("Декември 20", "От бюджета", "стр.", "Мярка ", "Оперативна цел", "<p>", "\t"):
            assert leak not in row.activity, (row.row_id, leak)
        assert row.activity[0].isupper() and row.activity == row.activity.strip()
        assert not row.results.startswith(("Училища", "Детски градини", "МКБППМН"))


def test_pdf_cells_glued_on_one_line_are_separated(plans):
    """ "Детски градини Извършена оценка." is an institution and a result."""
    row = only(plans, 2024, 1, 1, 2)
    assert row.responsible == ("Детски градини",) and row.results == "Извършена оценка."
    row = only(plans, 2024, 1, 3, 2)
    assert row.responsible == ("Училища", "МКБППМН") and row.results == "Проведени мероприятия"
    row = only(plans, 2024, 1, 6, 4)
    assert row.responsible == ("Училища",) and row.results == "Допълнителни занимания в училищата"


def test_pdf_deadline_glued_to_funding_is_separated(plans):
    """ "Декември \\n2024 г.  Неприложимо Детски градини" is three cells."""
    row = only(plans, 2024, 1, 1, 3)
    assert (row.deadline, row.funding, row.responsible) == ("Декември 2024 г.", "Неприложимо", ("Детски градини",))
    row = only(plans, 2024, 3, 1, 1)
    assert row.activity.endswith("учениците със СОП.")  # "Декември" stood at the end of this line
    assert (row.deadline, row.funding) == ("Декември 2024 г.", "Неприложимо")
    assert row.responsible == ("Детски градини", "Училища")


def test_page_headers_are_dropped(plans):
    """ "План на дейностите за 2024 г.- стр. 5" is not part of any cell."""
    for row in plans[2024].rows:
        assert "стр. 5" not in row.results + row.measure_title + row.activity


@pytest.mark.parametrize("year", YEARS)
def test_split_measure_titles_are_joined(plans, year):
    """Goal 5 measure 2 and goal 2 measure 2 titles are whole, in every row of the measure."""
    for row in rows_of(plans, year, 5, 2):
        assert row.measure_title.endswith(
            "по отношение на работата с децата в риск и деца, жертви на насилие"
        )
    for row in rows_of(plans, year, 2, 2):
        assert row.measure_title.endswith(
            "чрез провеждане на обучения за учители, педагогически съветници и други специалисти, "
            "работещи с деца и ученици, по теми, свързани с приобщаващото образование"
        )
    second = only(plans, year, 5, 2, 2)
    assert second.activity == (
        "Прилагане на Механизъм за противодействие на училищния тормоз между децата и учениците в училище."
    )


def test_goal_title_on_its_own_line_is_joined(plans):
    """ "Оперативна цел 4:" and its text on separate lines (table layout)."""
    assert plans[2023].goals[4].startswith("Подобряване на материалните условия и достъпност")
    assert plans[2023].goals[4] == plans[2024].goals[4]


def test_table_rows_that_lost_their_first_tab_stay_in_their_measure(plans):
    """The 7 rows after "Провеждане на превантивни кампании…" keep goal 1, measure 3."""
    rows = rows_of(plans, 2023, 1, 3)
    assert len(rows) == 9
    assert rows[2].activity.startswith("Организиране на спортни събития")
    assert rows[2].deadline == "Декември 2023 г."
    assert rows[2].funding == "От бюджета на училища и МКБППМН"
    assert rows[8].activity.startswith("Използване на възможностите на програмите")


def test_paragraph_tags_are_removed(plans):
    """`<p>…</p>` around table cells is markup, not text."""
    row = only(plans, 2023, 3, 3, 1)
    assert row.deadline == "Декември 2023 г." and row.results == "Обезпечена допълнителна подкрепа за личностно развитие"
    assert row.responsible == ("Детски градини", "Училища", "РЕПЛР", "РЦПППО")


@pytest.mark.parametrize("year", YEARS)
def test_the_one_empty_funding_cell_stays_empty(plans, year):
    """Goal 6 measure 1 "Работа с родителските общности…" has no funding; no other row lacks it."""
    empty = [r for r in plans[year].rows if r.funding == ""]
    assert [r.row_id for r in empty] == [f"kazanlak/{year}/6.1.2"]
    assert empty[0].activity.startswith("Работа с родителските общности")


@pytest.mark.parametrize("year", YEARS)
def test_institutions_are_split_correctly(plans, year):
    """Compound names stay whole; "ДГ, Училища" and "РП, Училища" split."""
    assert only(plans, year, 2, 1, 4).responsible == (
        "Училища", "Детски градини", "РЦПППО – Стара Загора", "ЦОП и ЦСРИ - Казанлък",
    )  # fmt: skip
    assert only(plans, year, 1, 6, 2).responsible == (
        "Училища", "Детски градини", "Община Казанлък", "РУО", "РУ на МВР", "ДСП",
    )  # fmt: skip
    assert only(plans, year, 5, 2, 4).responsible == ("ДГ", "Училища", "МКБППМН")
    assert only(plans, year, 5, 2, 1).responsible == (
        "РУ на МВР", "ДСП", "Община Казанлък", "РП", "Училища", "Детски градини",
    )  # fmt: skip
    assert only(plans, year, 5, 5, 4).responsible == ("Училища", "Детски градини", "ОБ „Искра“", "Читалища")
    assert only(plans, year, 1, 6, 5).responsible == ("Училища", "МКБППМН", "Здравни медиатори")
    assert only(plans, year, 6, 1, 1).responsible == ("ЦОП", "ЦСРИ", "Детски градини", "Училища")


@pytest.mark.parametrize("year", YEARS)
def test_deadlines_are_read_as_written_and_as_dates(plans, year):
    """ "Декември Y г." -> Y-12-31; "Началото на учебната Y/Y+1" -> Y-09-15; "При необходимост" -> None."""
    by_deadline = Counter(r.deadline_date for r in plans[year].rows)
    assert by_deadline == {f"{year}-12-31": 58, f"{year}-09-15": 3, None: 1}
    assert only(plans, year, 2, 1, 5).deadline == "При необходимост"
    assert only(plans, year, 2, 1, 2).deadline.startswith(f"Началото на учебната {year}/{year + 1}")


def test_line_end_hyphens_join_soft_breaks(plans):
    """ "обра-\\nзователни", "инсти-\\nтуции", "необхо-\\nдимост" are one word again."""
    assert only(plans, 2024, 3, 5, 1).measure_title.startswith(
        "Използване на разнообразни образователни стратегии"
    )
    assert "иновативни дидактически" in only(plans, 2024, 3, 5, 1).measure_title
    assert "образователни институции, които нямат" in only(plans, 2024, 3, 3, 1).measure_title
    assert "Оказано съдействие" in only(plans, 2024, 5, 2, 1).results


def test_line_end_hyphens_keep_real_hyphens(plans):
    """ "6-\\nгодишна", "културно-\\nисторически", "психо-\\nфизическите", "арт-\\nтерапия" keep theirs."""
    assert "5 и 6-годишна възраст" in only(plans, 2024, 1, 1, 2).activity
    assert "културно-исторически и природно-научни" in only(plans, 2024, 1, 4, 2).activity
    assert "психо-физическите особености" in only(plans, 2024, 3, 4, 1).activity
    assert only(plans, 2024, 3, 7, 1).measure_title == "Прилагане на арт-терапия и арт-педагогика за ученици със СОП"


def test_official_typos_are_kept(plans):
    """The plan's own wording, typos included, is never "corrected"."""
    assert only(plans, 2023, 1, 4, 1).results == "Организиран мероприятия"
    assert only(plans, 2023, 1, 5, 3).activity.startswith("Подкрепа на таланти деца")
    assert only(plans, 2024, 1, 5, 3).activity.startswith("Подкрепа на талантливи деца")


def test_the_two_years_are_aligned_by_goal_measure_position(plans):
    """The same goal/measure/position is the same activity in both years; wording differences kept."""
    old = {r.row_id.split("/")[-1]: r for r in plans[2023].rows}
    new = {r.row_id.split("/")[-1]: r for r in plans[2024].rows}
    assert old.keys() == new.keys()
    for key in old:
        ratio = difflib.SequenceMatcher(None, old[key].activity, new[key].activity).ratio()
        assert ratio > 0.9, (key, old[key].activity, new[key].activity)
    assert old["1.3.4"].activity.startswith("Формиране умения") and new["1.3.4"].activity.startswith("Формиране на умения")


@pytest.mark.parametrize("year", YEARS)
def test_rows_cite_their_source_lines(plans, year):
    """Every row names its file and a line span that contains its activity's first words."""
    lines = (CORPUS / f"kazanlak-{year}.txt").read_text(encoding="utf-8").split("\n")
    for row in plans[year].rows:
        assert row.source.file == f"kazanlak-{year}.txt"
        span = " ".join(lines[row.source.line_start - 1 : row.source.line_end])
        assert row.activity.split()[0] in span, row.row_id
