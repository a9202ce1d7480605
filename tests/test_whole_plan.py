"""Questions about the whole plan: every row of a body, a deadline, a funding source or a section,
with the count (issue 11). The expected rows are chosen by plain predicates over the parsed plans."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from ui_server import ALL, running_server

from assistant import messages
from assistant.answer import activity_count, compose
from assistant.rows import Row
from assistant.verify import verify
from assistant.whole import Selector

REPO = Path(__file__).resolve().parent.parent


def has(name: str) -> Callable[[Row], bool]:
    return lambda r: any(name in i.split() or i.startswith(name) for i in r.responsible)


def municipality_body(rows: Iterable[Row]) -> str:
    """The municipality as the plan names it among the responsible ("Община …"), whatever the town."""
    return next(name for r in rows for name in r.responsible if name.startswith("Община"))


def kindergartens(row: Row) -> bool:
    return has("Детски")(row) or has("ДГ")(row)


def cited_rows(retriever, question: str) -> set[str]:
    return {c.row.row_id for c in compose(retriever.search(question, k=8)).citations}


def goal_lacking(rows: list[Row], body: str) -> int:
    """The first goal with a row the body is not responsible for."""
    return next(g for g in sorted({r.goal for r in rows}) if any(body not in r.responsible for r in rows if r.goal == g))


CASES: list[tuple[str, int | None, Callable[[Row], bool]]] = [
    ("всички дейности на МКБППМН", None, has("МКБППМН")),
    ("Какви ангажименти има местната комисия за борба с противообществените прояви?", None, has("МКБППМН")),
    ("кои са задачите на полицията", None, has("МВР")),
    ("какво трябва да е готово в началото на учебната година", None,
     lambda r: r.deadline.lower().startswith("началото на учебната")),
    # holidays and terms said for a deadline: "до Коледа" is December, the first term's start the school year's
    ("Какво трябва да е готово до Коледа?", None, lambda r: r.deadline.lower().startswith("декември")),
    ("Какво трябва да е готово до края на първия срок?", None,
     lambda r: r.deadline.lower().startswith(("декември", "януари"))),
    # every activity of one kind, by the noun the activities are worded with; what follows the kind narrows it
    ("Колко кампании предвижда планът?", None, lambda r: "кампани" in r.activity.lower()),
    ("Кои дейности са срещи или консултации с родители?", None,
     lambda r: ("срещ" in r.activity.lower() or "консулт" in r.activity.lower()) and "родител" in r.activity.lower()),
    ("Коко дейности имат за отговорник детските градини?", None, lambda r: has("Детски")(r) or has("ДГ")(r)),
    # a body written in the funding column, said as "в източника на финансиране": the rows it pays for
    ("В кои дейности общината е посочена в източника на финансиране?", None,
     lambda r: "Община" in r.funding),
    # a section or a shared body denied: "не са в първа оперативна цел", "не са съвместни с училищата"
    ("Колко дейности не са в първа оперативна цел?", None, lambda r: r.goal != 1),
    ("Кои дейности на детските градини не са съвместни с училищата?", None,
     lambda r: (has("Детски")(r) or has("ДГ")(r)) and not has("Училища")(r)),
    # "Какво общо има X с Y": the rows both are responsible for
    ("Какво общо има МКБППМН с училищата?", None, lambda r: has("МКБППМН")(r) and has("Училища")(r)),
    # a span of months is every month in it; a calendar half-year with its year is its six months
    ("Кои дейности са с краен срок през второто полугодие на 2024 г.?", 2024,
     lambda r: r.deadline.lower().startswith(("декември", "началото на учебната 2024"))),
    ("Какво трябва да е готово между юли и декември?", None,
     lambda r: r.deadline.lower().startswith(("декември", "началото на учебната"))),
    ("След септември какво остава на детските градини до края на годината?", None,
     lambda r: (has("Детски градини")(r) or has("ДГ")(r)) and r.deadline.lower().startswith("декември")),
    ("Какво по оперативна цел 3 трябва да е свършено в самото начало на първия срок?", None,
     lambda r: r.goal == 3 and r.deadline.lower().startswith("началото на учебната")),
    ("кои дейности нямат финансиране", None, lambda r: r.funding.strip().lower() in ("", "неприложимо")),
    ("всички дейности с неприложимо финансиране", None, lambda r: r.funding.strip().lower() == "неприложимо"),
    ("какво включва мярка 1.5", None, lambda r: (r.goal, r.measure) == (1, 5)),
    ("какви дейности има по оперативна цел 3", None, lambda r: r.goal == 3),
    ("кои дейности в плана за 2023 са на ОДК", 2023, has("ОДК")),
    ("какво трябва да направят училищата до началото на учебната 2024/2025", None,
     lambda r: has("Училища")(r) and r.deadline.lower().startswith("началото на учебната")),
    ("Кои дейности са само за детските градини, без училищата?", None,
     lambda r: set(r.responsible) <= {"Детски градини", "ДГ"}),
    ("Колко дейности нямат никакво финансиране?", None, lambda r: r.funding.strip().lower() in ("", "неприложимо")),
    ("Кои дейности на общината са без финансиране – неприложимо или непосочено?", None,
     lambda r: has("Община")(r) and r.funding.strip().lower() in ("", "неприложимо")),
    ("Кои дейности могат да се финансират по програми или проекти?", None, lambda r: "проекти" in r.funding),
    ("колко дейности са възложени на рцпппо?", None,
     lambda r: any("РЦПППО" in name.split() or name.startswith("РЦПППО") for name in r.responsible)),
    # two bodies "заедно с"/"партнира": the rows where both are responsible; "общината" is its Община
    ("В кои дейности ОДК работи заедно с общината?", None, lambda r: has("ОДК")(r) and has("Община")(r)),
    ("С кои НПО си партнира общината и в какви дейности?", None, lambda r: has("НПО")(r) and has("Община")(r)),
    ("Има ли нещо за работа на училищата с НПО?", None, lambda r: has("НПО")(r) and has("Училища")(r)),
    ("Кои дейности общината изпълнява съвместно с училищата?", None,
     lambda r: has("Училища")(r) and has("Община")(r)),
    ("Кои дейности на МКБППМН са съвместни и с детските градини?", None,
     lambda r: has("МКБППМН")(r) and (has("Детски")(r) or has("ДГ")(r))),
    ("здравните медиатори в какво участват с училищата?", None, lambda r: has("Здравни")(r) and has("Училища")(r)),
    # a body's long name misspelled one letter off ("неправителствнте"), "соц." for social
    ("За какво отговарят неправителствнте организации?", None, has("НПО")),
    ("В кои дейности отговорни са само училищата и МКБППМН, без никоя друга институция?", None,
     lambda r: set(r.responsible) == {"Училища", "МКБППМН"}),
    ("В кои дейности е включена прокуратурата (РП) заедно с полицията и соц. подпомагане?", None,
     lambda r: has("РП")(r) and has("МВР")(r) and has("ДСП")(r)),
    # a body's duties asked for by a noun, not "кои …"
    ("Задачите на полицията по плана", None, has("МВР")),
    ("ролята на РУО", None, has("РУО")),
    ("Дейности на МКБППМН", None, has("МКБППМН")),
    # the frame said in everyday words: "поел", "се пада", "неща попадат", "когато започне", "ако е необходимо"
    ("Какво е поел регионалният център за подкрепа на процеса на приобщаващото образование?", None,
     lambda r: any("РЦПППО" in name.split() for name in r.responsible)),
    ("Какво се пада на полицията?", None, has("МВР")),
    ("Колко неща попадат в мярка 2.1?", None, lambda r: (r.goal, r.measure) == (2, 1)),
    ("Какво трябва да е направено, когато започне учебната година?", None,
     lambda r: r.deadline.lower().startswith("началото на учебната")),
    ("Кои дейности се правят само ако е необходимо?", None, lambda r: r.deadline.lower().startswith("при необходимост")),
    ("kakvo se finansira ot ministerstvoto", None, lambda r: "министерство" in r.funding),
    # the asker introducing themselves, words the rows never use, "до края на декември", "не само",
    # "без тези, в които …", "ресурсния център"
    ("Работя в ЦОП. Какво се очаква от нас?", None, has("ЦОП")),
    ("Аз съм служител в детска педагогическа стая, в кои дейности участваме?", None, has("МВР")),
    ("колко от дейностите трябва да приключат до края на декември?", None, lambda r: r.deadline.lower().startswith("декември")),
    ("Дай ми дейностите на училищата, но без тези, в които е посочена и МКБППМН.", None,
     lambda r: has("Училища")(r) and not has("МКБППМН")(r)),
    ("Кои дейности ще търсят пари и от проекти, не само от бюджета на институциите?", None, lambda r: "проекти" in r.funding),
    ("Какво е записано в плана за ресурсния център?", None, lambda r: any("РЦПППО" in n.split() for n in r.responsible)),
    # bodies together ("заедно", "общи за"), bodies left out ("в които … не участват"), context before
    # the question, a deadline denied, funding the plan says is not needed vs a blank cell, Latin "j" as "ж"
    ("Кои дейности правят заедно училищата и МКБППМН?", None, lambda r: has("Училища")(r) and has("МКБППМН")(r)),
    ("Кои дейности са общи за ОДК и общината?", None, lambda r: has("ОДК")(r) and has("Община")(r)),
    ("Покажи дейностите на общината, в които училищата не участват.", None,
     lambda r: has("Община")(r) and not has("Училища")(r)),
    ("Подготвям доклад за кмета. Изброй всички дейности на РУО.", None, has("РУО")),
    ("Колко дейности нямат срок декември?", None, lambda r: not r.deadline.lower().startswith("декември")),
    ("Кои дейности не изискват финансиране?", None, lambda r: r.funding.strip().lower() == "неприложимо"),
    ("Има ли дейност, при която не е написано откъде са парите?", None, lambda r: not r.funding.strip()),
    ("koi dejnosti sa pri nujda", None, lambda r: r.deadline.lower().startswith("при необходимост")),
    # "едновременно", "първия учебен ден", "като … ме интересува", "не се нуждаят от финансиране", a
    # body's name is not read as a funding source
    ("Кои дейности са поети едновременно от ОДК и от училищата?", None, lambda r: has("ОДК")(r) and has("Училища")(r)),
    ("Какво трябва да е готово до първия учебен ден?", None, lambda r: r.deadline.lower().startswith("началото на учебната")),
    ("Като директор ме интересува: кои дейности се финансират по проекти?", None, lambda r: "проекти" in r.funding),
    ("Колко от дейностите на училищата не се нуждаят от финансиране?", None,
     lambda r: has("Училища")(r) and r.funding.strip().lower() == "неприложимо"),
    ("кои дейности на училищата се финансират и по проекти", None, lambda r: has("Училища")(r) and "проекти" in r.funding),
    # a colon's context, Latin "sum", "без градини", "срок по учебната 2024/25", "до края на 2023",
    # "пари отвън", "различен от декември"
    ("Пиша материал за местен сайт: колко дейности ще се правят с пари отвън?", None, lambda r: "външно" in r.funding),
    ("uchitel sum, koi deinosti sa na RUO", None, has("РУО")),
    ("Кои дейности са изцяло на училищата – без градини или община до тях?", None,
     lambda r: set(r.responsible) == {"Училища"}),
    ("Кои дейности имат срок по учебната 2024/25?", None, lambda r: "2024/2025" in r.deadline),
    ("Какво трябваше да е свършило РУО до края на 2023 г.?", 2023,
     lambda r: has("РУО")(r) and r.deadline.lower().startswith("декември")),
    ("Колко дейности имат срок, различен от декември?", None, lambda r: not r.deadline.lower().startswith("декември")),
    # "но … не са включени", "а не декември", "не струват нищо", "колко пъти … фигурира"
    ("Кои дейности са за училищата, но детските градини не са включени в тях?", None,
     lambda r: has("Училища")(r) and not has("Детски градини")(r) and not has("ДГ")(r)),
    ("Кои дейности за градините са с друг срок, а не декември?", None,
     lambda r: (has("Детски градини")(r) or has("ДГ")(r)) and not r.deadline.lower().startswith("декември")),
    ("Кои дейности не струват нищо?", None, lambda r: r.funding.strip().lower() == "неприложимо"),
    ("Колко пъти ОДК фигурира като отговорник?", None, has("ОДК")),
    # "бюджета на общината" is money, not the body: its own, not the ministry's paid through it
    ("Кои дейности се финансират от бюджета на общината?", None, lambda r: "бюджета на Община" in r.funding),
    ("Кои дейности се финансират от бюджета на общината или от министерство чрез общината?", None,
     lambda r: "Община" in r.funding),
    # bodies named as the money's source pay, they are not responsible ("а не от …" denies one); what
    # follows the question is no context; a named section's title describes it; "не включват X"
    # leaves X out; "ДГ-тата" is also "Детски градини"; "социалните услуги" are ЦОП and ЦСРИ
    ("Кои дейности на МКБППМН се плащат от бюджета на училищата и на комисията?", None,
     lambda r: has("МКБППМН")(r) and "МКБППМН" in r.funding),
    ("Кои дейности се финансират от министерството, а не от самите училища?", None, lambda r: "министерство" in r.funding),
    ("Какво се плаща директно от общинския бюджет, а не от градините?", None,
     lambda r: r.funding.startswith("От бюджета на Община")),
    ("Кои дейности могат да вземат пари от проекти? Искам всички.", None, lambda r: "проекти" in r.funding),
    ("колко дейности има в мярката за агресия и тормоз (мярка 3 от първата цел)? изброй ги", None,
     lambda r: (r.goal, r.measure) == (1, 3)),
    ("Кои дейности на общината не включват училищата като отговорни?", None,
     lambda r: has("Община")(r) and not has("Училища")(r)),
    ("Кои дейности са само за ДГ-тата?", None, lambda r: set(r.responsible) <= {"Детски градини", "ДГ"}),
    ("Изброй дейностите, в които участват социалните услуги.", None, lambda r: has("ЦОП")(r) or has("ЦСРИ")(r)),
    # "срокът НЕ е декември"; each funding value said ("„неприложимо“ или празна графа", "външни проекти
    # или програми и проекти"); a parent asking for "всичко"; the words of the value selected ("по
    # единния разходен стандарт за занимания по интереси"); a goal described, not numbered; "и трите"
    ("Има ли дейности, чийто срок НЕ е декември? Изброй ги.", None, lambda r: not r.deadline.lower().startswith("декември")),
    ("Кои дейности на общината са без финансиране – „неприложимо“ или празна графа?", None,
     lambda r: has("Община")(r) and r.funding.strip().lower() in ("", "неприложимо")),
    ("Кои дейности разчитат на проектно финансиране – външни проекти или програми и проекти?", None,
     lambda r: "проекти" in r.funding),
    ("Детето ми ходи в ЦОП. Какво са задължени да правят в ЦОП? Искам всичко.", None, has("ЦОП")),
    ("Кои дейности се финансират по единния разходен стандарт за занимания по интереси?", None, lambda r: "ЕРС" in r.funding),
    ("Колко дейности има по целта за кадрите – назначаване на специалисти и квалификация на учителите?", None,
     lambda r: r.goal == 2),
    ("Кои дейности трябва да са готови със старта на учебната година, а не до края на декември?", None,
     lambda r: r.deadline.lower().startswith("началото на учебната")),
    # "кой" typed for "кои" before a plural noun; "…, а не до началото на учебната година" leaves those out
    ("В кой дейности отговарят ЦОП и ЦСРИ?", None, lambda r: has("ЦОП")(r) or has("ЦСРИ")(r)),
    # the funding column said before the body written in it: the rows naming it there, directly or as the channel
    ("В кои дейности като източник на финансиране е посочена Община Казанлък?", None, lambda r: "Община Казанлък" in r.funding),
    ("В кои дейности източникът на финансиране изрично посочва Община Казанлък?", None, lambda r: "Община Казанлък" in r.funding),
    ("В кои дейности като източник на финансиране изрично е посочена Община Казанлък (собствен бюджет или средства през "
     "общината)?", None, lambda r: "Община Казанлък" in r.funding),
    # a source denied "единствено" with the value quoted: the rows paid by something else too
    ("Кои дейности на общината не се финансират единствено „от бюджета на отговорните институции“?", None,
     lambda r: has("Община Казанлък")(r) and r.funding.strip() != "От бюджета на отговорните институции"),
    ("Кои дейности на РЦППО са със срок до декември, а не до началото на учебната година?", None,
     lambda r: any("РЦПППО" in n.split() for n in r.responsible) and r.deadline.lower().startswith("декември")),
    # "дейностите на училищата са с МКБППМН": both bodies' rows ("са с финансиране" stays a field, "са с участието
    # на" names one body)
    ("Кои дейности на училищата са с МКБППМН, но без участие на детските градини?", None,
     lambda r: has("Училища")(r) and has("МКБППМН")(r) and not (has("Детски градини")(r) or has("ДГ")(r))),
    ("От дейностите на общината кои не са с участието на училищата?", None,
     lambda r: has("Община Казанлък")(r) and not has("Училища")(r)),
    ("Кои дейности са едновременно на РУО, полицията и социалното подпомагане – и трите заедно?", None,
     lambda r: has("РУО")(r) and has("РУ на МВР")(r) and has("ДСП")(r)),
    # "а РУО – не"; a body told before the question counts when the question points back at it ("…
    # комисията", "сме"), not otherwise ("плана на нашата детска градина: кои дейности …"); "самата
    # община"; money "през общината" and "финансово от"; a goal's appositive ("цел 3 – онази за …") and
    # a numbered measure's topic ("мярка 1.5 за надарените деца") describe it; "външни проекти" is the
    # external value only, "отговорник" no funding word
    ("Кои са дейностите, в които ДСП е сред отговорниците, а РУО – не?", None, lambda r: has("ДСП")(r) and not has("РУО")(r)),
    ("Пиша отчет за Местната комисия за борба с противообществените прояви. Дай ми дейностите, в които комисията е отговорна.",
     None, has("МКБППМН")),
    ("От РУО сме. В кои дейности сме записани като отговорни?", None, has("РУО")),
    ("Подготвям плана на нашата детска градина и трябва да знам: кои дейности не се нуждаят от финансиране?", None,
     lambda r: r.funding.strip().lower() == "неприложимо"),
    ("Детето ми посещава ЦСРИ. За какво отговарят ЦОП и ЦСРИ според плана?", None, lambda r: has("ЦОП")(r) or has("ЦСРИ")(r)),
    ("В колко дейности самата община е посочена като отговорна? Изброй ги.", None, has("Община")),
    ("Провери кои дейности не приключват през декември.", None, lambda r: not r.deadline.lower().startswith("декември")),
    ("Кои дейности се финансират през общината – от общинския бюджет или с министерски средства?", None,
     lambda r: "Община" in r.funding),
    ("Кои дейности се поемат финансово от училищата заедно с МКБППМН?", None, lambda r: "МКБППМН" in r.funding),
    ("Изброй всичко по цел 3 – онази за подкрепата в детските градини и училищата.", None, lambda r: r.goal == 3),
    ("Какво включва мярка 1.5 за надарените деца?", None, lambda r: (r.goal, r.measure) == (1, 5)),
    ("Има ли дейност, в която Община Казанлък е отговорник, а за финансирането се разчита и на външни проекти?", None,
     lambda r: has("Община")(r) and "външно" in r.funding),
    # a body's name alone; politeness ("Бихте ли ми изпратили"); the first sentence that asks; "зависят
    # от"; "освен на бюджета на институциите и на проекти"; "не е нужно, или графата е празна";
    # "мероприятия"; "ОЦ2"; a restatement ("т.е. само с училищата и други"); "участват ли в нещо"; "не е
    # краят на 2024 г."; a measure described with bodies in its title
    ("РУО?", None, has("РУО")),
    ("Здравейте! Бихте ли ми изпратили всички дейности, в които полицията е отговорна, и колко са?", None, has("МВР")),
    ("Колеги от ДСП питат в кои дейности са записани като отговорни. Може ли списък?", None, has("ДСП")),
    ("Кои дейности зависят от РЦПППО?", None, lambda r: any("РЦПППО" in n.split() for n in r.responsible)),
    ("Кои дейности разчитат освен на бюджета на институциите и на проекти?", None, lambda r: "проекти" in r.funding),
    ("Има ли дейности, при които не е предвидено финансиране – не е нужно, или графата е празна?", None,
     lambda r: r.funding.strip().lower() in ("", "неприложимо")),
    ("Кои мероприятия се покриват съвместно от училищата и от МКБППМН като източник на средства?", None,
     lambda r: "МКБППМН" in r.funding),
    ("ОЦ2 – списък с дейностите, моля", None, lambda r: r.goal == 2),
    ("Кои от дейностите на МКБППМН са без детските градини, т.е. само с училищата и други институции?", None,
     lambda r: has("МКБППМН")(r) and not has("Детски градини")(r) and not has("ДГ")(r)),
    ("Читалищата участват ли изобщо в нещо по плана?", None, has("Читалища")),
    ("ЦОП – има ли дейности с негово участие, чийто срок не е краят на годината?", None,
     lambda r: has("ЦОП")(r) and not r.deadline.lower().startswith("декември")),
    ("Мярката срещу отпадането от детска градина и училище – какви дейности има в нея?", None,
     lambda r: (r.goal, r.measure) == (1, 6)),
    # typed in a hurry: "полицаите", "комисята за малолетнте", "изброи", "когато потрябва", "цел
    # шестата", "цел три", "никой друг не отговаря"
    ("полицаите къде са вкарани като отговорни кои са им дейностите", None, has("МВР")),
    ("абе какво ще прави комисята за малолетнте изброи всичко", None, has("МКБППМН")),
    ("кои дейности нямат краен срок ами са само когато потрябва", None,
     lambda r: r.deadline.lower().startswith("при необходимост")),
    ("последната цел шестата там какви дейности има", None, lambda r: r.goal == 6),
    ("оперативна цел три – изброй всички дейности в нея", None, lambda r: r.goal == 3),
    ("кои са само на училищата никой друг не отговаря за тях", None, lambda r: set(r.responsible) == {"Училища"}),
    # a lead-in ending in ":"; "Като общински съветник"; "м. 5.2"; "изключенията"; "не засягат X"; "без … да са
    # включени и X"; "РЦ"; "в плана на община X" (whose plan, not a body); a reporter's story before "Колко дейности"
    ("Подготвям годишния доклад на училището и ми трябва пълен списък: кои дейности от плана са възложени единствено на "
     "училищата, без да участва друга институция?", None, lambda r: set(r.responsible) == {"Училища"}),
    ("Като общински съветник искам да видя всички дейности, в които самата Община е посочена като отговорна институция.",
     None, has("Община")),
    ("м. 5.2 — дейностите, моля", None, lambda r: (r.goal, r.measure) == (5, 2)),
    ("Колко от дейностите в плана нямат срок „декември 2024“? Интересуват ме точно изключенията.", None,
     lambda r: not r.deadline.lower().startswith("декември")),
    ("Кои дейности в плана са за училищтата, но не засягат детските градини?", None,
     lambda r: has("Училища")(r) and not has("Детски градини")(r) and not has("ДГ")(r)),
    ("Колко дейности от плана изобщо не касаят детските градини?", None,
     lambda r: not has("Детски градини")(r) and not has("ДГ")(r)),
    ("Къде е отговорна Общината, без в същата дейност да са включени и детските градини?", None,
     lambda r: has("Община")(r) and not has("Детски градини")(r) and not has("ДГ")(r)),
    ("Кои дейности с участие на РЦ в Стара Загора са със срок декември 2024?", None,
     lambda r: any("РЦПППО" in n.split() for n in r.responsible) and r.deadline.lower().startswith("декември")),
    ("Пиша материал за превенцията на детската престъпност. Колко дейности в плана на община Казанлък имат за "
     "отговорник Местната комисия за борба с противообществените прояви на малолетните и непълнолетните?", None,
     has("МКБППМН")),
    # a statement with a question word before the question that asks for rows; "не са сред отговорните";
    # a long abbreviation typed one letter off
    ("Координирам младежка организация и търсим къде можем да се включим с проекти. Кои дейности предвиждат "
     "финансиране и чрез проекти или програми, а не само от бюджета на институциите?", None, lambda r: "проекти" in r.funding),
    ("В кои дейности участва МКБППН, но детските градини не са сред отговорните?", None,
     lambda r: has("МКБППМН")(r) and not has("Детски градини")(r) and not has("ДГ")(r)),
    # "социалните" said for the social assistance office
    ("Социалните в кои дейности участват?", None, has("ДСП")),
    # the plans' own name is no topic; "нито „неприложимо“" rules that value out
    ("Работя в Общинския детски комплекс. Кои дейности от плана за подкрепа на личностното развитие са и за нас?", None,
     has("ОДК")),
    # "е записано" is no "не е записан"; "няма попълнен източник" is a blank cell
    ("Трябва ми справка за дейностите от плана за 2023 г., при които за финансиране е записано „неприложимо“.", 2023,
     lambda r: r.funding.strip().lower() == "неприложимо"),
    ("Забелязах, че при някои дейности няма попълнен източник на финансиране. Можете ли да ми кажете кои са те?", None,
     lambda r: not r.funding.strip()),
    ("При кои дейности не се предвиждат никакви средства или изобщо не е попълнен източник?", None,
     lambda r: r.funding.strip().lower() in ("", "неприложимо")),
    ("Има ли дейност, за която изобщо не е попълнено финансиране (нито бюджет, нито \"неприложимо\")?", None,
     lambda r: not r.funding.strip()),
    # a source denied ("не се финансират от бюджета на комисията", the body named before) is no "unfunded";
    # "от никого" is; a yes/no question's sources joined by "или" are each asked, not the alternative set against them
    ("От дейностите, в които отговаря МКБППМН, кои не се финансират от бюджета на комисията?", None,
     lambda r: has("МКБППМН")(r) and "МКБППМН" not in r.funding),
    ("Кои дейности на училищата не се финансират от общината?", None,
     lambda r: has("Училища")(r) and "Община" not in r.funding),
    ("Кои дейности не се финансират от никого?", None, lambda r: r.funding.strip().lower() in ("", "неприложимо")),
    ("Плаща ли общината или някое министерство пряко за някоя от дейностите, или всичко е от бюджетите на отговорните институции?",
     None, lambda r: "Община" in r.funding),
    # "местните" qualifies the body; "имаха" is no topic; a body's name in Latin letters with its article
    ("Пиша писмо до местните неправителствени организации и искам да им изброя всичко от плана, където са записани като "
     "отговорни. Кои са тези дейности?", None, has("НПО")),
    ("В миналогодишния план кои дейности имаха срок началото на учебната 2023/2024 година?", 2023,
     lambda r: r.deadline.lower().startswith("началото на учебната")),
    ("v koi deinosti ot plana e otgovoren Centarat za obshtestvena podkrepa?", None, has("ЦОП")),
    # a measure by its ordinal ("петата мярка на първата оперативна цел"); funding "единствено" from a value
    # named as the plans write it: no other source beside it ("… и по ЕРС" is another)
    ("Кои дейности в предишния план бяха към петата мярка на първата оперативна цел?", 2023,
     lambda r: (r.goal, r.measure) == (1, 5)),
    ("От дейностите, за които отговаря Община Казанлък, кои се финансират единствено от бюджета на отговорните институции, "
     "без проекти или други източници?", None,
     lambda r: has("Община")(r) and r.funding == "От бюджета на отговорните институции"),
    # chat style: context, then the question; "Кои … не са на X", "в тях не участва X", "по нея" (the goal told);
    # "било X, било Y"; a typo in "мярка"; "не е посочен бюджетът на X като източник"; "само" in the context
    ("Утре имаме среща с регионалното управление на образованието. Какво трябва да свърши РУО по плана?", None, has("РУО")),
    ("Имаме деца, които ходят и в ЦОП, и в ЦСРИ. Покажи само дейностите, в които участват тези социални услуги.", None,
     lambda r: has("ЦОП")(r) or has("ЦСРИ")(r)),
    ("Правим бюджета за следващата година. Кои дейности минават през парите на общината, било от общинския бюджет, "
     "било от министерството чрез общината?", None, lambda r: "Община" in r.funding),
    ("Имаме проблеми с агресията в класа. Какво включва мярака 3 на оперативна цел 1?", None,
     lambda r: (r.goal, r.measure) == (1, 3)),
    ("Аз съм учител и ме интересува къде нямаме ангажимент. Кои дейности не са на училищата?", None,
     lambda r: not has("Училища")(r)),
    ("Работя в детскта градина. Покажи само дейностите, които са на детските градини, но в тях не участват училищата.",
     None, lambda r: (has("Детски градини")(r) or has("ДГ")(r)) and not has("Училища")(r)),
    ("Гледам оперативна цел 5 за взаимодействието между институциите. В кои дейности по нея не участва общината?", None,
     lambda r: r.goal == 5 and not has("Община")(r)),
    ("Комисията за малолетните има собствен бюджет само за някои неща. Кои дейности на МКБППМН не се финансират от "
     "бюджета на училищата и МКБППМН?", None, lambda r: has("МКБППМН")(r) and "МКБППМН" not in r.funding),
    ("Общината участва в доста дейности. В кои от тях изобщо не е посочен бюджетът на отговорните институции като "
     "източник?", None, lambda r: has("Община")(r) and "отговорните институции" not in r.funding),
    # five measures are no fifth measure; "кой плаща за …" names no payer
    ("Кои са петте мерки на първата оперативна цел?", None, lambda r: r.goal == 1),
    ("Кой плаща за дейностите на детските градини?", None, lambda r: has("Детски градини")(r) or has("ДГ")(r)),
    # the bodies a body works for are not asked about; "нямат … нито X, нито Y" leaves both out
    ("Какво всъщност прави РЦПППО – Стара Загора за градините и училищата?", None, has("РЦПППО")),
    ("Колко дейности нямат сред отговорните институции нито училища, нито детски градини?", None,
     lambda r: not (has("Училища")(r) or has("Детски градини")(r) or has("ДГ")(r))),
    # a body denied by any verb of taking part ("не са възложени на", "не фигурират", "не са с участието на");
    # "Изведете дейностите …" asks for a list; "определен като" and "предоставени чрез" are no topic
    ("Кои дейности в плана не са възложени на училищата?", None, lambda r: not has("Училища")(r)),
    ("Изведете дейностите, в които градините не фигурират сред отговорните институции.", None,
     lambda r: not (has("Детски градини")(r) or has("ДГ")(r))),
    ("От дейностите на общината кои не са с участието на училищата?", None, lambda r: has("Община")(r) and not has("Училища")(r)),
    ("Посочете дейностите, за които ОДК е определен като отговорна институция.", None, has("ОДК")),
    ("Кои дейности се финансират чрез общината – било от общинския бюджет, било със средства на министерство, "
     "предоставени чрез общината?", None, lambda r: "Община" in r.funding),
    # a goal in Roman numerals ending the sentence; a measure's ordinal after "мярка"
    ("Изведете всички дейности, планирани по Оперативна цел III.", None, lambda r: r.goal == 3),
    ("цел 5 мярка пета - кои дейности влизат в нея?", None, lambda r: (r.goal, r.measure) == (5, 5)),
    # "са отговорна институция" names the column, not the funding value "… на отговорните институции"
    ("Кои дейности, по които детските градини са отговорна институция, нямат източник на финансиране?", None,
     lambda r: (has("Детски градини")(r) or has("ДГ")(r)) and r.funding.strip().lower() in ("", "неприложимо")),
    # "не е бюджетът на X (нито пряко, нито чрез X)": a source denied; X still the responsible body asked about
    ("Посочете дейностите на общината като отговорна институция, чийто източник на финансиране не е бюджетът на "
     "общината (нито пряко, нито чрез общината).", None, lambda r: has("Община")(r) and "Община" not in r.funding),
    # what the asker does, told before a dash, is context; the question after it may point back at its body
    ("Готвя статия за държавните пари в образованието – кои дейности се финансират от министерство?", None,
     lambda r: "министерство" in r.funding),
    ("Видях, че общината фигурира в доста дейности – а колко от тях са и със социалното подпомагане (ДСП)?", None,
     lambda r: has("Община")(r) and has("ДСП")(r)),
    # a body named only in a statement after the question is a place, not asked about
    ("здравните медиатори в коя дейност по плана участват? питат дали да ги викаме в училището", None,
     has("Здравни медиатори")),
    # a councillor's request: the address, the reason given ("тъй като …", "с оглед на …"), what does not matter
    # ("независимо от мярката …") and follow-ups about each listed row ("като за всяка от тях посочите …", "и
    # повтарят ли се тези дейности") are no topic; "… и в кои от тях участва и общината" narrows
    ("Уважаеми господин кмете, тъй като Общинският детски комплекс е основното звено за извънучилищни дейности, моля "
     "да изброите всички дейности, за които ОДК носи отговорност, като за всяка от тях посочите и мярката.", None, has("ОДК")),
    ("Уважаеми колеги, отправям въпрос към кмета: кои са всички дейности, в които полицията фигурира сред отговорните "
     "институции, и повтарят ли се тези дейности от година на година?", None, has("РУ на МВР")),
    ("Господин кмете, в рамките на първата оперативна цел моля да изброите всички дейности, в които общината е сред "
     "отговорните институции, независимо от мярката, към която принадлежат.", None, lambda r: r.goal == 1 and has("Община")(r)),
    ("Кои дейности са на училищата, и в кои от тях участва и общината?", None, lambda r: has("Училища")(r) and has("Община")(r)),
    ("Моля кметът да посочи всички дейности по шеста оперативна цел – сътрудничеството с гражданското общество и "
     "повишаването на информираността – в плана.", None, lambda r: r.goal == 6),
    ("Моля да изброите дейностите по трета оперативна цел, като изключите онези, за които финансирането е отбелязано "
     "като неприложимо.", None, lambda r: r.goal == 3 and r.funding.strip().lower() != "неприложимо"),
    ("Кои дейности се плащат от бюджета на Община Казанлък (самата община, не министерство чрез нея)?", None,
     lambda r: r.funding.strip().lower().startswith("от бюджета на община")),
    ("Кои дейности влизат в третата мярка на първата оперативна цел? Подготвяме се за педагогическия съвет.", None,
     lambda r: (r.goal, r.measure) == (1, 3)),
    ("Като училище планираме съвместната работа с Местната комисия за борба с противообществените прояви – в кои "
     "дейности комисията е посочена като отговорна институция?", None, has("МКБППМН")),
    ("Кои дейности трябва да бъдат изпълнени в началото на съответната учебна година, а не в края на календарната?", None,
     lambda r: r.deadline.lower().startswith("началото на учебната")),
    # a follow-up that is a condition stays one; "за които финансирането е X" without "като"; "мярка 1.3" by name
    ("Кои дейности са на училищата, като те трябва да са със срок до декември?", None,
     lambda r: has("Училища")(r) and r.deadline.lower().startswith("декември")),
    ("Колко дейности са на училищата, освен онези, за които финансирането е неприложимо?", None,
     lambda r: has("Училища")(r) and r.funding.strip().lower() != "неприложимо"),
    ("Как се казва мярка 1.3?", None, lambda r: (r.goal, r.measure) == (1, 3)),
    # a sentence after the question that adds a body adds it
    ("Кои дейности са на РУО? Интересуват ме и училищата.", None, lambda r: has("РУО")(r) or has("Училища")(r)),
    # a formal request's purpose ("за да мога да изискам …"), a kind of body before the bodies ("културните
    # институции – … библиотеката и читалищата"), "между институциите", "и на никой друг", a telling before
    # a dash that mentions "някои дейности", "дори без „неприложимо“", a deadline left out with nothing else named
    ("Моля да ми посочите всички дейности, в изпълнението на които е ангажиран Общинският детски комплекс, за да "
     "мога да изискам информация от ръководството му.", None, has("ОДК")),
    ("При подготовката на отчета трябва да включим и културните институции – по кои дейности са ангажирани читалищата?",
     None, has("Читалища")),
    ("За разпределението на задълженията между институциите: колко дейности са възложени единствено на училищата?",
     None, lambda r: set(r.responsible) == {"Училища"}),
    ("Колко дейности са възложени съвместно на училищата и детските градини и на никой друг?", None,
     lambda r: set(r.responsible) == {"Училища", "Детски градини"}),
    ("При проверката забелязах, че за някои дейности графата за финансиране е оставена празна (дори без "
     "„неприложимо“) – кои са тези дейности?", None, lambda r: not r.funding.strip()),
    ("детските градини - дейностите им без тези със срок декември", None,
     lambda r: has("Детски градини")(r) and not r.deadline.lower().startswith("декември")),
    # a month no deadline names, but the date of one does: "началото на учебната" is 15 September
    ("А до септември какво трябва да сме направили?", None, lambda r: r.deadline.lower().startswith("началото на учебната")),
    ("какво трябва да направят училищата до септември", None,
     lambda r: has("Училища")(r) and r.deadline.lower().startswith("началото на учебната")),
    # why the asker asks ("защото …", "за да знам …") is no topic of the list
    ("Какво е възложено на Общинския детски комплекс в плана? Търся всички дейности, където ОДК е отговорен, "
     "защото искам да си координираме изявите и работата с даровитите деца.", None, has("ОДК")),
    ("В кои дейности участват полицията и социалните служби заедно с училищата? Искам целия списък, за да знам "
     "с кого да се свържа.", None, lambda r: has("МВР")(r) and has("ДСП")(r) and has("Училища")(r)),
    # "едновремнно" typed with a slip is still both bodies in one row
    ("Кои дейности за 2024 са общо за ОДК и общината едновремнно?", 2024, lambda r: has("ОДК")(r) and has("Община")(r)),
    # "какви общи дейности има X с Y": both in one row; "за да ги съгласуваме с училищата" is the asker's purpose
    ("Какви общи дейности има ОДК с училищата?", None, lambda r: has("ОДК")(r) and has("Училища")(r)),
    ("Кои дейности за 2024 са с участие на местната комисия, за да ги съгласуваме с училищата?", 2024, has("МКБППМН")),
    ("Какво трябва да правят училищата сами, без други институции?", None, lambda r: set(r.responsible) == {"Училища"}),
    ("Колко дейности са възложени и на двете – и на училищата, и на детските градини?", None,
     lambda r: has("Училища")(r) and (has("Детски градини")(r) or has("ДГ")(r))),
    ("В какви дейности по плана участва полицаята?", None, has("МВР")),
    # a word of at least half a goal's measure titles describes the goal, it does not narrow it
    ("Колко дейности има в оперативна цел 3 за децата със СОП?", None, lambda r: r.goal == 3),
    ("Моля, представете всички дейности по оперативна цел 3 от плана.", None, lambda r: r.goal == 3),
    # "поверено на" is "възложено на"
    ("Какво е поверено на регионалния център за подкрепа в Стара Загора?", None,
     lambda r: any("РЦПППО" in name.split() or name.startswith("РЦПППО") for name in r.responsible)),
    # "дай ми" asks for the list, as "покажи" does
    ("Дай ми пълния списък на дейностите в плана за 2023 г.", 2023, lambda r: True),
    # a measure's number in brackets after its topic ("мярката за тормоза (1.3)", "частта за … (1.5)"); "кое е без
    # участие на X" of a section's rows; "нямат никакво попълнено финансиране" is a blank cell
    ("В мярката за тормоза (1.3) кои дейности са без детските градини?", None,
     lambda r: (r.goal, r.measure) == (1, 3) and not has("Детски градини")(r) and not has("ДГ")(r)),
    ("От частта за даровитите деца (1.5) кое е без участие на общината?", None,
     lambda r: (r.goal, r.measure) == (1, 5) and not has("Община")(r)),
    ("Кои дейности нямат никакво попълнено финансиране?", None, lambda r: not r.funding.strip()),
    # a goal's description after a hyphen ("- всичко за …") or a comma ("…, за взаимодействието между …") only says
    # which goal it is
    ("Какво има в оперативна цел 3 - всичко за децата със специални образователни потребности?", None,
     lambda r: r.goal == 3),
    ("Кое всичко е по оперативна цел 5, за сътрудничеството между родители, учители и институции?", None,
     lambda r: r.goal == 5),
    # how the list is laid out is no condition; "цел 4 и 6" is two goals
    ("Трябва ми целият план за принтиране – всички дейности, групирани по оперативни цели и мерки.", None, lambda r: True),
    ("Колко дейности общо съдържа планът? Дай броя на дейностите по цел.", None, lambda r: True),
    ("Какви дейности съдържа планът по оперативна цел 4 и 6?", None, lambda r: r.goal in (4, 6)),
    # "Освен X и Y, кой друг отговаря …": the rows with another body beside them
    ("Освен детските градини и училищата, кой друг отговаря за дейностите по оперативна цел 2? Изброй тези дейности.", None,
     lambda r: r.goal == 2 and any(not name.startswith(("Училища", "Детски градини", "ДГ")) for name in r.responsible)),
    # one body's rows on one topic, asked for outright: the rows whose activity or measure speaks of it; leaving school
    # is a topic, no school asked about
    ("Кои дейности на общината са за даровитите деца?", None,
     lambda r: has("Община")(r) and any(w in f"{r.activity} {r.measure_title}".lower() for w in ("дарб", "талант", "даров"))),
    ("В колко дейности срещу отпадането от училище участва РУО?", None,
     lambda r: has("РУО")(r) and any(w in f"{r.activity} {r.measure_title}".lower() for w in ("отпад", "напуска"))),
    # rows by their expected results: "очакват …", a list after a dash
    ("Колко дейности в плана очакват като резултат обучени кадри – обучени педагогически специалисти или обучени помощник-учители?",
     None, lambda r: r.results.lower().startswith("обучени")),
    # a quoted funding value denied
    ("Кои дейности по оперативна цел 3 НЕ са с финансиране „неприложимо“?", None,
     lambda r: r.goal == 3 and r.funding.strip(" .").lower() != "неприложимо"),
    ("Кои дейности по оперативна цел 1 имат във финансирането нещо различно от само „От бюджета на отговорните институции“?",
     None, lambda r: r.goal == 1 and r.funding.strip(" .").lower() != "от бюджета на отговорните институции"),
]  # fmt: skip


def expected(plans, year: int | None, predicate: Callable[[Row], bool]) -> set[str]:
    return {r.row_id for r in plans[year or max(plans)].rows if predicate(r)}


@pytest.mark.parametrize(("question", "year", "predicate"), CASES, ids=[c[0][:40] for c in CASES])
def test_a_whole_plan_question_cites_exactly_its_rows_and_says_how_many(retriever, plans, question, year, predicate):
    answer = compose(retriever.search(question, k=8))
    wanted = expected(plans, year, predicate)
    assert {c.row.row_id for c in answer.citations} == wanted
    count = "1 дейност" if len(wanted) == 1 else f"{len(wanted)} дейности"
    assert count in answer.text.splitlines()[0]
    assert answer.kind == "list" and not verify(answer)


def test_a_month_within_a_school_year_is_that_months_deadline(retriever, plans):
    """ "до края на първия срок на учебната Y/Y+1": the first term ends after December Y, so the rows due in December Y."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if r.goal == 1 and r.deadline.lower().startswith("декември")}
    result = retriever.search(f"Колко дейности по оперативна цел 1 трябва да са изпълнени до края на първия срок на учебната "
                              f"{latest.year}/{latest.year + 1} г.?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_a_month_no_deadline_falls_in_selects_no_rows(retriever):
    result = retriever.search("кои дейности са със срок октомври")
    assert result.whole is None or not result.whole.rows.any()


def test_an_adjective_or_a_body_of_people_is_no_kind_of_activity(retriever):
    """ "подходящи за даровити деца" asks for a topic (ranked), "специалисти" are people: no list of rows worded so."""
    for question in ("Кои дейности са подходящи за даровити деца?", "Колко специалисти предвижда планът?"):
        result = retriever.search(question)
        assert result.whole is None or result.whole.fields != (Selector.TOPIC,)


def test_how_many_of_a_kind_leads_with_the_number(retriever):
    answer = compose(retriever.search("Колко кампании предвижда планът?", k=8))
    assert retriever.search("Колко кампании предвижда планът?").whole.count_asked and answer.citations


def test_a_span_of_months_over_the_new_year_is_every_month_in_it():
    from assistant.field_phrases import deadline_wording

    assert deadline_wording("от ноември до февруари") == "до ноември, до декември, до януари, до февруари"


def test_a_month_told_about_the_child_is_no_deadline(retriever):
    """ "Малката тръгва на градина през септември": when she starts, not what is due by September."""
    result = retriever.search("Малката ми тръгва на градина през септември, тъкмо ще е навършила три. Чух, че в началото ги "
                              "„тестват“ – вярно ли е и какво точно гледат при толкова малки?")
    assert result.whole is None and "Ранно оценяване" in result.hits[0].row.activity


def test_how_many_is_answered_with_the_number_first(retriever, plans):
    answer = compose(retriever.search("колко дейности са със срок при необходимост"))
    wanted = expected(plans, None, lambda r: r.deadline.lower() == "при необходимост")
    count = "1 дейност" if len(wanted) == 1 else f"{len(wanted)} дейности"
    assert answer.text.startswith(count)


def test_a_topic_question_naming_a_body_is_still_ranked(retriever):
    """ "какво правят училищата при тормоз" is about bullying, not every row of the schools."""
    result = retriever.search("Какво трябва да направи училището при тормоз?")
    assert result.whole is None and 0 < len(result.hits) <= 8


def test_conditions_that_no_row_meets_together_are_said_so_with_the_nearest_rows(retriever):
    """No row meets both: said first, then the nearest rows (the reading may be wrong, and a wrong
    "not covered" is worse than related rows said to be only that)."""
    answer = compose(retriever.search("кои дейности на читалищата са по мярка 3.4"))
    assert not answer.abstained and answer.text.startswith("В плановете няма дейност") and "всички условия" in answer.text
    assert answer.citations and all((c.row.goal, c.row.measure) == (3, 4) for c in answer.citations)
    assert not verify(answer)


def test_ask_json_lists_every_cited_row():
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "кои дейности са на детските градини по мярка 1.1", "--format", "json"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300, env={**os.environ},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["kind"] == "list" and data["citations"]
    assert all(c["goal"] == 1 and c["measure"] == 1 for c in data["citations"])
    assert f"{len(data['citations'])} дейност" in data["answer"]


@pytest.mark.parametrize("question", ["всички дейности на МКБППМН", "колко дейности нямат финансиране", "мярка 2.1"])
def test_whole_plan_questions_through_the_real_server(request, tmp_path_factory, question):
    from gradio_client import Client

    server = running_server(request, tmp_path_factory)
    history, _, sources = Client(server.url, verbose=False).predict(question, [], ALL, ALL, api_name="/ask")
    content = history[-1]["content"]
    text = str(content[0]["text"] if isinstance(content, list) else content)
    assert "дейност" in text and "[1]" in text.replace("&#91;", "[").replace("&#93;", "]")
    assert "source-1" in sources


@pytest.mark.parametrize(
    "question",
    [
        "Какво трябва да направят училищата до края на учебната година?",  # a deadline no row has
        "Кои дейности са за социалните мрежи?",  # "социалните" before a noun is not the social-assistance body
        "кога е записването за детска градина",  # a body named, but the question is not for its rows
        "До колко часа работи детската градина?",  # words the rows never use, and no rows asked for
        "Колко е таксата за детска градина?",  # something the plans do not cover
        "Какви мерки има за талантливите деца?",  # a topic, not a measure described to list it whole
        "Мерките срещу отпадането по оперативна цел 5 – кои отговарят за тях?",  # a topic within goal 5
        # "жени" before the question does not make "женитби" a word of no topic
        "Племенницата ми е на 14 и семейството иска да я жени. Прави ли нещо общината срещу такива женитби?",
        "Има ли мярка срещу предразсъдъци към ромите?",  # a topic, though one measure is about it
        "Синът ми е с аутизъм. Какво правят училищата?",  # the context names the topic
        # a parent about their own child: what fits the child, never every row of the school
        "Дъщеря ми е в десети клас и иска да участва в решенията в училището. Къде може да се включи?",
        # a case told before a question that names no rows: what fits it, never every row of the body
        "голямата на 15 каза че няма да ходи на училище. аз не знам какво да ѝ кажа. има ли някой в училището дето "
        "работи с такива деца",
        "Дъщеря ми е на 14, родата на приятеля й искат да я взимат за снаха. Училището може ли да направи нещо?",
        "От две седмици не иска да ходи на училище, все го боли коремът. Какво ще направят в училището?",
        # the question points back at the case ("такива деца", "срещу това"); "което" is no "кое"
        "Синът ми е много буен, не може да стои на едно място. Какво предвижда общината за такива деца?",
        "Племенницата ми е на 14 и семейството иска да я жени. Има ли нещо, което общината прави срещу това?",
        # "как" asks how, not for every row of the bodies named
        "Инспектор в детска педагогическа стая съм. Как точно местната комисия и училищата работят заедно по децата, "
        "които вече имат прояви?",
        # what the asker heard is the topic, not a self-introduction
        "Чувала съм, че ученици могат да помагат да се разрешават скарванията между децата. Има ли такова нещо в училищата?",
        # a concept ("спре да ходи на училище": dropping out) is a topic, even in words the rows never use
        "Социалният работник от Дирекция социално подпомагане има ли роля, ако детето ми спре да ходи на училище?",
        # a follow-up with a topic of its own, a child's story in a reason or before a dash (review of 894baed)
        "Кои дейности имат училищата, и как те ще помогнат на сина ми с аутизъм?",
        "Кои са дейностите на училищата, тъй като синът ми е бит в час?",
        "Видях, че бият детето ми – кои дейности имат училищата?",
        # "с кои институции се свързва" asks who steps in on the case told, not for rows
        "Ученичка от 6 клас не е идвала вече месец, родителите не отговарят. Какво прави училището и с кои институции се свързва?",
    ],
)
def test_questions_that_are_not_whole_plan_lists(retriever, question):
    assert retriever.search(question, k=8).whole is None


def test_the_body_asked_about_is_not_the_one_excluded(retriever):
    """ "без финансиране" is about money: the police stay a condition, and as none of their rows is
    unfunded, no row meets both (were the police left out, every other unfunded row would)."""
    result = retriever.search("Кои дейности без финансиране има РУ на МВР?", k=8)
    assert result.unmet and result.hits


def test_years_named_restrict_the_list_to_their_plans(retriever):
    result = retriever.search("Кои са дейностите на училищата в плановете за 2024 и 2025?", k=8)
    assert result.whole is not None and {h.row.year for h in result.hits} == {2024}


@pytest.mark.parametrize(
    ("question", "age"),
    [
        ("Колко дейности имаше по оперативна цел 3 в миналогодишния план?", "previous"),
        ("В предишния план кои дейности на училищата са с финансиране „неприложимо“?", "previous"),
        ("В миналогодишния плн по оперативна цел 3 кои дейности са с финансиране „неприложимо“?", "previous"),  # a typo
        ("Колко дейности в новия план са записани на ДСП?", "latest"),
        ("Кои дейности от плана за тази година са на полицията?", "latest"),
    ],
)
def test_a_plan_named_by_its_age_is_that_plan(retriever, plans, question, age):
    """Years are the plans' own: "миналогодишния план" is the plan before the latest, whatever the date."""
    latest, previous = sorted(plans)[-1], sorted(plans)[-2]
    result = retriever.search(question, k=8)
    assert result.whole is not None and {h.row.year for h in result.hits} == {latest if age == "latest" else previous}


def test_the_plans_in_plural_without_a_year_are_every_plan(retriever, plans):
    result = retriever.search("Кои дейности в плановете са възложени на ОДК?", k=8)
    assert result.whole is not None and {h.row.year for h in result.hits} == set(plans)
    single = retriever.search("Кои дейности в плана са възложени на ОДК?", k=8)
    assert {h.row.year for h in single.hits} == {max(plans)}


def test_the_whole_plan_counted_or_listed(retriever, plans):
    year = min(plans)
    answer = compose(retriever.search(f"Пиша материал за вестник. Колко дейности общо съдържа планът за {year} г.?", k=8))
    assert len(answer.citations) == len(plans[year].rows)
    assert answer.text.startswith(f"{len(plans[year].rows)} дейности")


def test_which_are_they_asks_for_the_rows_not_for_the_asker(retriever, plans):
    """ "От РУО сме. Колко дейности … и кои са те?": "те" are the rows; РУО only introduces the asker."""
    result = retriever.search("От РУО сме. Колко дейности трябва да са изпълнени в началото на учебната година и кои са те?", k=8)
    assert result.whole is not None and "institution" not in result.whole.fields


def test_a_goal_described_by_quoting_its_title(retriever, plans):
    """Its words are in every goal's titles; its neighbouring words are only in its own. The words
    describing it are no funding value ("институциите" is not "бюджета на отговорните институции")."""
    latest = plans[max(plans)]
    goal = next(r for r in latest.rows if r.goal_title.startswith("Организационно развитие на институциите"))
    result = retriever.search("В целта за организационно развитие на институциите в предучилищното и училищното "
                              "образование кои дейности са с финансиране „неприложимо“?", k=8)  # fmt: skip
    wanted = {r.row_id for r in latest.rows if r.goal == goal.goal and r.funding.strip().lower() == "неприложимо"}
    assert result.whole is not None and {h.row.row_id for h in result.hits} == wanted


def test_a_funding_left_out_with_without(retriever, plans):
    """ "само от бюджета на отговорните институции, без проекти и програми": not the rows also
    funded by projects; "без финансиране" still asks for the unfunded rows."""
    result = retriever.search("Кои дейности се финансират само от бюджета на отговорните институции, без проекти и програми?", k=8)
    assert result.whole is not None and result.hits
    assert not [h for h in result.hits if "проект" in h.row.funding.lower()]
    unfunded = retriever.search("Кои дейности на детските градини са без финансиране (неприложимо)?", k=8)
    assert unfunded.whole is not None and {h.row.funding.strip().lower() for h in unfunded.hits} == {"неприложимо"}


def test_funding_other_than_a_value_mixed_or_by_projects(retriever, plans):
    """ "финансиране, различно от стандартното „X“" is every value but X alone; "смесено финансиране – X плюс
    още някакъв източник" the values holding X and another; "разчита и на външни проекти" asks about the money."""
    latest = plans[max(plans)]
    usual = Counter(r.funding for r in latest.rows).most_common(1)[0][0]
    other = {r.row_id for r in latest.rows if r.goal == 1 and r.funding != usual}
    question = f"В оперативна цел 1 кои дейности имат финансиране, различно от стандартното „{usual.lower()}“?"
    assert other and {h.row.row_id for h in retriever.search(question, k=12).hits} == other
    mixed = {r.row_id for r in latest.rows if usual.lower() in r.funding.lower() and r.funding != usual}
    question = f"Колко дейности имат смесено финансиране – {usual.lower()} плюс още някакъв източник?"
    assert mixed and {h.row.row_id for h in retriever.search(question, k=12).hits} == mixed
    ngo_projects = {r.row_id for r in latest.rows if has("НПО")(r) and "проект" in r.funding.lower()}
    question = "При кои дейности с участие на неправителствени организации се разчита и на външни проекти?"
    assert ngo_projects and {h.row.row_id for h in retriever.search(question, k=8).hits} == ngo_projects


def test_how_many_bodies_are_responsible(retriever, plans):
    """ "повече от четири отговорни институции", "поне 3 отговорни" count a row's responsible bodies."""
    latest = plans[max(plans)]
    many = {r.row_id for r in latest.rows if len(r.responsible) > 4}
    assert many and {h.row.row_id for h in retriever.search("Колко дейности имат повече от четири отговорни институции?", k=8).hits} == many
    schools = {r.row_id for r in latest.rows if has("Училища")(r) and len(r.responsible) >= 3}
    result = retriever.search("Кои дейности на училищата имат поне 3 отговорни институции?", k=8)
    assert schools and {h.row.row_id for h in result.hits} == schools
    six_or_more = {r.row_id for r in latest.rows if len(r.responsible) >= 6}
    assert six_or_more and {h.row.row_id for h in retriever.search("Колко дейности имат шест или повече отговорни институции?", k=8).hits} == six_or_more


def test_measures_with_one_activity_or_more(retriever, plans):
    """ "Кои мерки имат само по една дейност?", "мерките с повече от три дейности": the rows of such measures."""
    latest = plans[max(plans)]
    sizes = Counter((r.goal, r.measure) for r in latest.rows)
    single = {r.row_id for r in latest.rows if sizes[(r.goal, r.measure)] == 1}
    result = retriever.search("Кои мерки в плана имат само по една дейност и кои са тези дейности?", k=8)
    assert single and {h.row.row_id for h in result.hits} == single
    large = {r.row_id for r in latest.rows if sizes[(r.goal, r.measure)] > 3}
    assert large and {h.row.row_id for h in retriever.search("Изброй дейностите на мерките с повече от три дейности.", k=8).hits} == large
    at_most_one = {h.row.row_id for h in retriever.search("Кои мерки имат не повече от една дейност?", k=8).hits}
    assert at_most_one == single  # "не" turns the bound round


def test_bodies_also_included_and_activities_asked_with_is_there(retriever, plans):
    """ "дейности на МКБППМН, в които са включени и детските градини" are both bodies' rows; "има ли
    дейности с читалищата или с библиотеката" lists the rows of either."""
    latest = plans[max(plans)]
    both = {r.row_id for r in latest.rows if has("МКБППМН")(r) and (has("Детски градини")(r) or has("ДГ")(r))}
    question = "дейности на комисията за малолетни и непълнолетни (МКБППМН), в които са включени и детските градини?"
    assert both and {h.row.row_id for h in retriever.search(question, k=8).hits} == both
    library = next(name for r in latest.rows for name in r.responsible if name.startswith("ОБ"))
    either = {r.row_id for r in latest.rows if has(library)(r) or has("Читалища")(r)}
    result = retriever.search("има ли дейности с читалищата или с библиотеката Искра", k=8)
    assert either and result.whole is not None and {h.row.row_id for h in result.hits} == either


def test_money_through_a_body_in_brackets_and_a_told_word_of_a_value(retriever, plans):
    """ "пари от министерство (минават през общината)" is the ministry's value only; "Ние пишем проекти."
    told before "… проекти с външно финансиране?" is not also "програми и проекти"."""
    both_years = [r for year in plans for r in plans[year].rows]
    through = {r.row_id for r in both_years if "министерство" in r.funding.lower()}
    question = "И в двете години кои дейности се финансират с пари от министерство (минават през общината)?"
    assert through and {h.row.row_id for h in retriever.search(question, k=8).hits} == through
    latest = plans[max(plans)]
    external = {r.row_id for r in latest.rows if "външно финансиране" in r.funding.lower()}
    question = "Ние пишем проекти. Къде в плана изрично е посочено финансиране чрез проекти с външно финансиране?"
    assert external and {h.row.row_id for h in retriever.search(question, k=8).hits} == external


def test_rows_left_out_by_a_participle_or_by_not_counting_them(retriever, plans):
    """ "С изключение на дейностите, финансирани от бюджета на училищата и МКБППМН, в кои други …", "Къде
    участва общината, като не броим нещата заедно с неправителствените организации?", "Кое се плаща направо
    от бюджета на общината, не на училищата?", "… – навсякъде, където е отговорна"."""
    latest = plans[max(plans)]
    commission = {r.row_id for r in latest.rows if has("МКБППМН")(r)}
    own_budget = {r.row_id for r in latest.rows if "МКБППМН" in r.funding}
    question = ("С изключение на дейностите, финансирани от бюджета на училищата и МКБППМН, в кои други дейности участва "
                "Местната комисия за борба с противообществените прояви?")  # fmt: skip
    assert own_budget and {h.row.row_id for h in retriever.search(question, k=8).hits} == commission - own_budget
    municipality = municipality_body(latest.rows)
    without_ngos = {r.row_id for r in latest.rows if has(municipality)(r) and not has("НПО")(r)}
    question = "Къде участва общината, като не броим нещата заедно с неправителствените организации?"
    assert without_ngos and {h.row.row_id for h in retriever.search(question, k=20).hits} == without_ngos
    own = {r.row_id for r in latest.rows if r.funding.lower() == f"от бюджета на {municipality.lower()}"}
    question = "Кое се плаща направо от бюджета на общината, не на училищата?"
    assert own and {h.row.row_id for h in retriever.search(question, k=8).hits} == own
    question = "Комисията за малолетни и непълнолетни – навсякъде, където е отговорна по плана"
    assert {h.row.row_id for h in retriever.search(question, k=8).hits} == commission


def test_a_goal_named_only_to_locate_its_measure(retriever, plans):
    """ "мярка 2.1 (към втората оперативна цел)" is that measure, not the whole goal."""
    latest = plans[max(plans)]
    measure = {r.row_id for r in latest.rows if (r.goal, r.measure) == (2, 1)}
    result = retriever.search("Изброй всички дейности по мярка 2.1 (към втората оперативна цел).", k=12)
    assert measure and {h.row.row_id for h in result.hits} == measure


def test_an_email_with_greeting_context_and_signature_is_still_a_list(retriever, plans):
    """The greeting, the council meeting it is for and the signature name no topic."""
    latest = plans[max(plans)]
    body = next(r.responsible[0] for r in latest.rows if r.responsible and r.responsible[0].startswith("Община"))
    question = (f"Здравейте, подготвям информация за заседание на Общинския съвет и ми трябват всички дейности, за които "
                f"{body} е посочена като отговорник. Моля, изпратете пълния списък, без да пропускате нищо.\n"
                "Поздрави, Д. Петкова, дирекция „Хуманитарни дейности“")  # fmt: skip
    result = retriever.search(question, k=8)
    assert result.whole is not None
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if body in r.responsible}


def test_a_formal_address_and_a_request_for_information_name_no_topic(retriever, plans):
    latest = plans[max(plans)]
    question = f"Уважаеми колеги, моля за информация в кои дейности от плана за {latest.year} г. е посочен ЦОП."
    result = retriever.search(question, k=8)
    assert result.whole is not None
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if "ЦОП" in " ".join(r.responsible)}


def _rows_of_body(plans, body, years):
    return {r.row_id for year in years for r in plans[year].rows if any(body in name.split() for name in r.responsible)}


def test_a_bodys_seat_after_a_dash_is_no_topic(retriever, plans):
    """ "РУО – Стара Загора": the town after a body, as the plans write seats ("РЦПППО – Стара Загора")."""
    latest = plans[max(plans)]
    seat = next(name.split(" – ")[1] for r in latest.rows for name in r.responsible if " – " in name)
    body = next(name for r in latest.rows for name in r.responsible if name.isupper() and " " not in name)
    result = retriever.search(f"Колко дейности в двата плана са с участието на {body} – {seat}?", k=8)
    assert result.whole is not None and {h.row.row_id for h in result.hits} == _rows_of_body(plans, body, plans)


def test_the_meeting_prepared_for_and_the_ordering_asked_name_no_topic(retriever, plans):
    """ "Във връзка с предстоящата работна среща с …" (or "… с планирането на …") and "изброете ги по цели и
    мерки" frame the request."""
    latest = plans[max(plans)]
    body = next(name for r in latest.rows for name in r.responsible if name.isupper() and " " not in name)
    question = (f"Здравейте, колеги!\nВъв връзка с предстоящата работна среща с {body} бих искала да знам в колко "
                f"дейности от плана {body} е сред отговорните институции. Моля, изброете ги по цели и мерки.\nБлагодаря!")
    result = retriever.search(question, k=8)
    assert result.whole is not None and {h.row.row_id for h in result.hits} == _rows_of_body(plans, body, [latest.year])
    # ... and the work it is planned for: "Във връзка с планирането на извънкласната работа Ви моля за пълен списък"
    question = f"Във връзка с планирането на извънкласната работа Ви моля за пълен списък на дейностите, в които е ангажиран {body}."
    result = retriever.search(question, k=8)
    assert result.whole is not None and {h.row.row_id for h in result.hits} == _rows_of_body(plans, body, [latest.year])


def test_a_body_told_before_a_passive_question_is_its_subject(retriever, plans):
    """ "… виждам съкращението НПО. В кои дейности са посочени?" asks for that body's rows."""
    latest = plans[max(plans)]
    body = next(name for r in latest.rows for name in r.responsible if name.isupper() and " " not in name)
    result = retriever.search(f"Сред отговорните институции виждам съкращението {body}. В кои дейности са посочени?", k=8)
    assert result.whole is not None and {h.row.row_id for h in result.hits} == _rows_of_body(plans, body, [latest.year])


def test_a_source_besides_another_is_the_rows_with_both_and_a_source_denied_after_a_is_left_out(retriever, plans):
    """ "освен бюджета на отговорните институции … са посочени и проекти" is the rows whose funding names both
    ("освен бюджета" alone names no source); "…, а не бюджетът на отговорните институции" is no source asked."""
    latest = plans[max(plans)]
    both = {r.row_id for r in latest.rows if "отговорните институции" in r.funding and "проект" in r.funding.lower()}
    for question in ("В кои дейности освен бюджета на отговорните институции са посочени и проекти?",
                     # the source besides said after the one asked for, or before it with a comma
                     "В кои дейности като източник на финансиране са посочени и проекти, освен бюджета на институциите?",
                     "Освен бюджета на отговорните институции, при кои дейности са посочени и проекти?"):
        result = retriever.search(question, k=8)
        assert result.whole is not None and {h.row.row_id for h in result.hits} == both, question
    result = retriever.search("В кои дейности е посочен бюджетът на министерство, а не бюджетът на отговорните институции?", k=8)
    assert result.whole is not None
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if "министерство" in r.funding}


def test_only_two_bodies_joined_by_and_are_their_shared_rows_alone(retriever, plans):
    """ "само на училищата и МКБППМН" is the rows of both and no other body, not each one's own."""
    latest = plans[max(plans)]
    result = retriever.search("Кои дейности са само на училищата и МКБППМН?", k=8)
    assert result.whole is not None
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if set(r.responsible) == {"Училища", "МКБППМН"}}


def test_a_body_named_in_the_funding_column_pays(retriever, plans):
    """ "в графата за финансиране е посочена Община X": the rows whose funding names it, not its rows as responsible."""
    latest = plans[max(plans)]
    municipality = municipality_body(latest.rows)
    result = retriever.search(f"При кои дейности в графата за финансиране изрично е посочена {municipality}?", k=8)
    assert result.whole is not None and "institution" not in result.whole.fields
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if municipality in r.funding}


def test_how_many_in_other_words_and_blank_funding_said_as_no_source(retriever, plans):
    latest = plans[max(plans)]
    counted = compose(retriever.search("Какъв брой дейности има за ЦОП?", k=8))
    assert counted.text.startswith(f"{sum('ЦОП' in ' '.join(r.responsible) for r in latest.rows)} дейност")
    result = retriever.search("Колко дейности нямат нужда от финансиране – с „неприложимо“ или без посочен източник?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows
                                                   if r.funding.strip().lower() in ("", "неприложимо")}  # fmt: skip


def test_how_to_find_which_rows_still_asks_for_the_rows(retriever):
    """ "Как да разбера кои дейности са на ЦОП?" asks for the rows, though it starts with "как"."""
    assert retriever.search("Как да разбера кои дейности са на ЦОП?", k=8).whole is not None


def test_the_askers_own_body_with_duties_towards_others(retriever, plans):
    """ "От РЦПППО съм. Какви задачи имаме към училищата и градините?": РЦПППО's rows, not the schools'."""
    result = retriever.search("От РЦПППО – Стара Загора съм. Какви задачи имаме към училищата и градините по плана?", k=8)
    assert result.whole is not None and result.hits
    assert all(any("РЦПППО" in body for body in h.row.responsible) for h in result.hits)


def test_a_deadline_other_than_a_month_is_no_change_between_plans(retriever, plans):
    """ "срок, различен от декември" names deadlines; "предишния план" the plan before the latest."""
    previous = sorted(plans)[-2]
    result = retriever.search("Колко дейности в предишния план бяха със срок, различен от декември?", k=8)
    assert not result.changes and result.whole is not None
    assert {h.row.year for h in result.hits} == {previous}
    assert all("декември" not in h.row.deadline.lower() for h in result.hits)


def test_the_last_goal_described_and_counted(retriever, plans):
    latest = plans[max(plans)]
    last = max(r.goal for r in latest.rows)
    answer = compose(retriever.search("Какъв е броят на дейностите в последната оперативна цел – тази за "
                                      "сътрудничеството с гражданското общество?", k=8))  # fmt: skip
    assert {c.row.goal for c in answer.citations} == {last}
    assert answer.text.startswith(f"{sum(r.goal == last for r in latest.rows)} дейности")


def test_a_long_list_is_folded_by_measure_in_the_chat(retriever, plans):
    """Over COLLAPSE_ABOVE rows: each measure's rows under its heading and count, the first open."""
    from assistant.ui import COLLAPSE_ABOVE, render_answer

    answer = compose(retriever.search("какви дейности има по оперативна цел 1"))
    measures = {r.measure for r in plans[max(plans)].rows if r.goal == 1}
    assert len(answer.citations) > COLLAPSE_ABOVE
    shown = render_answer(answer)
    assert shown.count('<details class="group"') == len(measures) and shown.count(" open>") == 1
    assert shown.count('class="cite"') == len(answer.citations)
    short = compose(retriever.search("всички дейности на МКБППМН"))
    assert len(short.citations) <= COLLAPSE_ABOVE and "<details" not in render_answer(short)


def test_both_plans_named_as_such_lists_the_rows_of_every_year(retriever, plans):
    """ "в двата плана" without the years: both years' rows, not only the latest plan's."""
    answer = compose(retriever.search("Има ли в двата плана дейност с празна графа за финансиране?", k=8))
    assert {c.row.row_id for c in answer.citations} == {r.row_id for p in plans.values() for r in p.rows if not r.funding.strip()}


def test_only_those_rows_where_a_body_is_responsible_is_no_only_that_body(retriever, plans):
    """ "Интересуват ме само тези, където сме записани като отговорни" picks rows, not rows of that body alone."""
    latest = plans[max(plans)]
    body = "РУ на МВР"
    question = (f"Кои дейности имат {body} в колоната за отговорни институции? Интересуват ме само тези, където сме "
                "записани като отговорни, не където просто се споменава в текста.")
    result = retriever.search(question, k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if body in r.responsible}


def test_deadlines_said_unwanted_in_their_own_sentence_are_left_out(retriever, plans):
    latest = plans[max(plans)]
    question = ("Кои дейности са със срок до края на годината (декември)? Тези със срок в началото на учебната година "
                "или „при необходимост“ не ме интересуват.")
    result = retriever.search(question, k=8)
    assert result.whole is not None and result.hits
    assert all("декември" in h.row.deadline.lower() and h.row.year == latest.year for h in result.hits)


def test_a_deadline_other_than_a_month_with_examples_after_it(retriever, plans):
    """ "различен от декември – например в началото на учебната година": the month is denied, not the examples."""
    result = retriever.search("Колко дейности в двата плана имат срок, различен от декември – например в началото "
                              "на учебната година или при необходимост?", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {r.row_id for p in plans.values() for r in p.rows
                                                   if "декември" not in r.deadline.lower()}  # fmt: skip


def test_the_responsible_column_named_is_no_funding_value(retriever, plans):
    """ "училищата са сред отговорните институции" is no "От бюджета на отговорните институции"."""
    latest = plans[max(plans)]
    question = ("Кои дейности в плана отговарят на трите условия: училищата са сред отговорните институции, "
                "финансирането е „неприложимо“ и срокът е декември?")
    result = retriever.search(question, k=8)
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows
        if "Училища" in r.responsible and r.funding.lower() == "неприложимо" and "декември" in r.deadline.lower()}


def test_rows_without_a_body_counted(retriever, plans):
    latest = plans[max(plans)]
    answer = compose(retriever.search("Колко дейности в плана са без училищата в колоната „Отговорни институции“?", k=8))
    without = [r for r in latest.rows if "Училища" not in r.responsible]
    assert answer.text.startswith(activity_count(len(without)))
    assert {c.row.row_id for c in answer.citations} == {r.row_id for r in without}


def test_except_a_body_in_a_parents_story_is_no_list(retriever):
    """ "Малкият ми син избяга … Към кого да се обърна освен към полицията?" asks for help, not for every row without the police."""
    result = retriever.search("Четиринайсетгодишният ми син два пъти избяга от вкъщи и нощува кой знае къде. "
                              "Към кого да се обърна освен към полицията?")  # fmt: skip
    assert result.whole is None


def test_a_signature_after_we_thank_you_is_no_topic(retriever, plans):
    latest = plans[max(plans)]
    body = municipality_body(latest.rows)
    question = (f"Здравейте,\nКолко дейности по първата оперативна цел са с {body} като отговорна институция? "
                "Избройте ги, ако обичате.\nБлагодарим,\nекипът на отдел „Образование“")
    result = retriever.search(question, k=8)
    assert result.whole is not None
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if r.goal == 1 and body in r.responsible}


def test_the_askers_own_body_with_the_bodies_that_rely_on_it(retriever, plans):
    """ "Работя в РЦПППО. За какво разчитат на нас училищата и градините?" is the centre's rows with them,
    not every row of the schools and kindergartens; "на нас или на ЦСРИ" is either."""
    latest = plans[max(plans)]
    centre = next(name for r in latest.rows for name in r.responsible if name.startswith("РЦПППО"))
    result = retriever.search(f"Работя в {centre}. За какво разчитат на нас училищата и градините според плана?", k=8)
    assert result.whole is not None
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows
        if any("РЦПППО" in name for name in r.responsible) and {"Училища", "Детски градини"} & set(r.responsible)}


@pytest.mark.parametrize(
    ("question", "ours", "theirs"),
    [("Какво общо имаме ние като детска градина с комисията за противообществени прояви?", ("Детски градини", "ДГ"), "МКБППМН"),
     ("Като училище какво правим с полицията?", ("Училища",), "МВР")],
)  # fmt: skip
def test_the_askers_own_body_said_in_the_question_is_the_rows_shared_with_the_other(retriever, plans, question, ours, theirs):
    """ "ние като детска градина", "Като училище …" name the asker: the rows of that body with the other one,
    not every row of either ("ДГ" is the kindergartens too)."""
    latest = plans[max(plans)]
    result = retriever.search(question, k=8)
    assert result.whole is not None
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows if set(ours) & set(r.responsible) and any(theirs in name for name in r.responsible)}


def test_school_types_by_abbreviation_are_the_schools(retriever, plans):
    """ "ОУ и СУ-тата" (основно, средно училище) are the schools; a spelled-out abbreviation's words
    never join the question's ("Социален работник съм в ЦОП … ЦСРИ" names no social assistance office)."""
    latest = plans[max(plans)]
    result = retriever.search("Колко дейности в плана са само за ОУ и СУ-тата, без никакви други отговорни институции?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if set(r.responsible) == {"Училища"}}
    assert "ДСП" not in retriever.understand("Социален работник съм в ЦОП. В кои дейности участват ЦОП и ЦСРИ?").institutions


def test_the_rows_with_most_bodies_are_the_plans_rows_with_most_responsible(retriever, plans):
    """ "Кои дейности имат най-много отговорни институции?": no number, the most of the plan asked about."""
    latest = plans[max(plans)]
    most = max(len(r.responsible) for r in latest.rows)
    result = retriever.search("Кои дейности имат най-много отговорни институции?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if len(r.responsible) == most}
    in_goal = max(len(r.responsible) for r in latest.rows if r.goal == 3)  # the most of that goal
    result = retriever.search("Кои дейности по оперативна цел 3 имат най-много отговорни институции?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows
                                                   if r.goal == 3 and len(r.responsible) == in_goal}  # fmt: skip


def test_taking_part_with_children_or_money_is_no_second_body(retriever, plans):
    """ "участват с деца", "със средства": what they take part with, not a body they share rows with."""
    from assistant.bodies import _together_span

    assert _together_span("в кои дейности училищата и градините участват с деца от уязвими групи?") is None
    assert _together_span("здравните медиатори в какво участват с училищата?") is not None


def test_alongside_is_together(retriever, plans):
    """ "наред с училищата е посочено и РУ на МВР": rows of both."""
    latest = plans[max(plans)]
    result = retriever.search("Избройте всички дейности, в които сред отговорните институции наред с училищата е "
                              "посочено и РУ на МВР.", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows
                                                   if {"Училища", "РУ на МВР"} <= set(r.responsible)}  # fmt: skip


def test_a_deadline_asked_without_others_after_it(retriever, plans):
    """ "със срок точно декември – без тези за началото на учебната година и без „при необходимост“"."""
    latest = plans[max(plans)]
    result = retriever.search("Кои дейности по оперативна цел 2 са за училищата със срок декември – без тези за "
                              "началото на учебната година и без „при необходимост“?", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows if r.goal == 2 and "Училища" in r.responsible and "декември" in r.deadline.lower()}


def test_a_goal_by_number_word_and_only_with_a_typo(retriever, plans):
    """ "цел номер 5" is goal 5 (no telephone number); "единствемо" is "единствено"."""
    latest = plans[max(plans)]
    result = retriever.search("В цел номер 5 на плана в кои дейности детските градини са сред отговорните институции?", k=8)
    assert not result.abstained and result.whole is not None
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows
                                                   if r.goal == 5 and any(n in ("Детски градини", "ДГ") for n in r.responsible)}  # fmt: skip
    only = retriever.search("Колко дейности в плана са възложени единствемо на училищата?", k=8)
    assert {h.row.row_id for h in only.hits} == {r.row_id for r in latest.rows if set(r.responsible) == {"Училища"}}


def test_besides_a_body_other_bodies_too(retriever, plans):
    """ "в кои дейности освен училищата има и други отговорни институции": the schools' rows shared with others."""
    latest = plans[max(plans)]
    result = retriever.search("По мярка 5.5 в плана – в кои дейности освен училищата има и други отговорни институции?", k=8)
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows
        if (r.goal, r.measure) == (5, 5) and "Училища" in r.responsible and set(r.responsible) - {"Училища"}}


def test_chat_abbreviations_of_the_municipality_and_a_measure(retriever, plans):
    """ "общ. Казанлък", "ОЦ5 м.2", "оп. цел 1": as people type on a phone."""
    latest, previous = plans[max(plans)], plans[min(plans)]
    municipality = municipality_body(latest.rows)
    town = municipality.split(" ", 1)[1]
    result = retriever.search(f"дай ми дейностите по оп. цел 1 в плана, в които общ. {town} е отговорна институция", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if r.goal == 1 and municipality in r.responsible}
    section = retriever.search(f"за {previous.year} какво има в ОЦ5 м.2 всички дейности", k=8)
    assert {h.row.row_id for h in section.hits} == {r.row_id for r in previous.rows if (r.goal, r.measure) == (5, 2)}


def test_only_in_a_section_is_no_only_that_body(retriever, plans):
    result = retriever.search("за двете години изкарай дейностите на МКБППМН (като отговорна) само в оперативна цел 5", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for p in plans.values() for r in p.rows
                                                   if r.goal == 5 and "МКБППМН" in r.responsible}  # fmt: skip


def test_rows_except_a_funding_value(retriever, plans):
    """ "… освен тези с финансиране неприложимо": every row of the condition but those."""
    latest = plans[max(plans)]
    result = retriever.search(f"всички дейности на детските градини в оп. цел 3 за {latest.year} освен тези с финансиране "
                              "неприложимо", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows
        if r.goal == 3 and "Детски градини" in r.responsible and r.funding.strip().lower() != "неприложимо"}


def test_a_value_the_asker_says_they_do_not_mean(retriever, plans):
    """ "празна колона за финансиране (… не говоря за неприложимо)": the blank cell only."""
    latest = plans[max(plans)]
    answer = compose(retriever.search("в плана коя дейност е с празна колона за финансиране (изобщо не е посочен "
                                      "източник, не говоря за неприложимо)", k=8))  # fmt: skip
    assert {c.row.row_id for c in answer.citations} == {r.row_id for r in latest.rows if not r.funding.strip()}


def test_a_filter_answer_is_the_latest_plan_unless_both_are_asked(retriever, plans):
    """A named value without a year answers from the latest plan, like a whole-plan list: its copy in
    the earlier plan is not cited beside it; "в двата плана" cites both."""
    question = "коя дейност е с празна колона за финансиране (не говоря за неприложимо)"
    latest = compose(retriever.search(f"в плана {question}", k=8))
    assert {c.row.year for c in latest.citations} == {max(plans)}
    both = compose(retriever.search(f"в двата плана {question}", k=8))
    assert {c.row.year for c in both.citations} == set(plans)


def test_a_body_without_one_operational_goal(retriever, plans):
    """ "… общината, без тези от оперативна цел 1": the body's rows of every other goal."""
    latest = plans[max(plans)]
    result = retriever.search("Кои дейности са с отговорна институция общината, без тези от оперативна цел 1?", k=8)
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows if r.goal != 1 and any(n.startswith("Община ") for n in r.responsible)}


def test_a_body_without_a_measure_described_before_its_number(retriever, plans):
    """ "Освен дейностите за даровитите деца по мярка 1.5, в кои други участва ОДК?": the words
    describing the measure left out do not keep it in."""
    latest = plans[max(plans)]
    result = retriever.search("Освен дейностите за даровитите деца по мярка 1.5, в кои други дейности участва "
                              "Общинският детски комплекс?", k=8)  # fmt: skip
    wanted = {r.row_id for r in latest.rows if (r.goal, r.measure) != (1, 5) and any("ОДК" in n for n in r.responsible)}
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_a_body_denied_right_before_the_denial(retriever, plans):
    """ "В колко дейности детските градини не са сред отговорните институции?": the rows without them;
    "никой друг не отговаря" denies no body."""
    latest = plans[max(plans)]
    result = retriever.search("В колко дейности от плана детските градини не са сред отговорните институции? Изброй ги.", k=8)
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows if not {"Детски градини", "ДГ"} & set(r.responsible)}
    only = retriever.search("кои са само на училищата никой друг не отговаря за тях", k=8)
    assert {h.row.row_id for h in only.hits} == {r.row_id for r in latest.rows if len(r.responsible) == 1 and has("Училища")(r)}


def test_not_due_by_a_final_deadline(retriever, plans):
    """ "не са с краен срок декември": every row but December's; "нямат краен срок" is a deadline of its own."""
    latest = plans[max(plans)]
    result = retriever.search("Колко дейности в плана не са с краен срок декември? и кои са те", k=8)
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows if not r.deadline.lower().startswith("декември")}


@pytest.mark.parametrize("question, body", [
    ("С кои дейности е ангажиран общинският комплекс за деца според плана?", "ОДК"),
    ("Какво трябва да прави центърът за приобщаващо образование в Стара Загора според плана? Всички дейности.", "РЦПППО"),
])  # fmt: skip
def test_a_body_by_a_description_of_it(retriever, plans, question, body):
    latest = plans[max(plans)]
    result = retriever.search(question, k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if has(body)(r)}


def test_a_body_in_the_signature_is_who_writes(retriever, plans):
    """ "… кои дейности са възложени на РЦПППО? С уважение, Директор на ОУ": the centre's rows, not the
    schools' (the signature names who writes, unless the question points back at them)."""
    earlier = plans[min(plans)]
    result = retriever.search("Уважаема г-жо Иванова,\nтрябва ни справка по миналогодишния план: кои дейности са "
                              "възложени на РЦПППО – Стара Загора? Ще Ви бъдем благодарни за пълен списък.\n"
                              "С уважение,\nДиректор на ОУ", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in earlier.rows if has("РЦПППО")(r)}


def test_the_askers_body_without_a_body_or_a_funding_value(retriever, plans):
    """The asker's own rows "в които не участва Община X", or "освен тези, които се финансират „от
    бюджета на …“": the bodies of the clause left out are not the ones asked about."""
    latest = plans[max(plans)]
    municipality = next(n for r in latest.rows for n in r.responsible if n.startswith("Община "))
    result = retriever.search(f"От Общинския детски комплекс сме. Колко са дейностите ни в плана, в които не участва "
                              f"{municipality}?", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows
                                                   if has("ОДК")(r) and municipality not in r.responsible}  # fmt: skip
    value = next(r.funding for r in latest.rows if has("МКБППМН")(r) and "МКБППМН" in r.funding)
    result = retriever.search(f"От МКБППМН сме. Кои са нашите дейности в плана, освен тези, които се финансират „{value}“?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows
                                                   if has("МКБППМН")(r) and r.funding != value}  # fmt: skip


def test_a_parents_message_with_words_the_rows_never_use_is_no_list(retriever):
    """ "От училище ме викат само като е станало нещо лошо. Може ли да се чуваме по-често с класната?":
    "само като" is a time, not "only the schools", and so many words the rows never use with no list
    asked for are a question to search, not every row of the schools."""
    result = retriever.search("От училище ме викат само като е станало нещо лошо. Може ли да се чуваме по-често с "
                              "класната, има ли някакъв ред за това?")  # fmt: skip
    assert result.whole is None


def test_a_list_without_a_goal_said_outside_it(retriever, plans):
    """ "… „проекти с външно финансиране“. Само тези извън цел 6.": every such row but goal 6's."""
    latest = plans[max(plans)]
    result = retriever.search(f"Дай ми всички дейности за {latest.year}, при които във финансирането е записано "
                              "„проекти с външно финансиране“. Само тези извън цел 6.", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows if r.goal != 6 and "проекти с външно финансиране" in r.funding.lower()}


def test_a_goal_named_and_described_with_a_quoted_funding_value(retriever, plans):
    """ "В цел 3 за организационното развитие на институциите … с финансиране „неприложимо“": the
    words describing the goal name no funding source."""
    latest = plans[max(plans)]
    result = retriever.search(f"В цел 3 за организационното развитие на институциите колко дейности са с финансиране "
                              f"„неприложимо“, за {latest.year}?", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for r in latest.rows if r.goal == 3 and r.funding.strip().lower() == "неприложимо"}


def test_chat_latin_ia_may_be_iya(retriever, plans):
    """ "v minalogodishnia plan": the plan before the latest ("ia" read as "ия", as "praviat" is "правят")."""
    earlier = plans[min(plans)]
    result = retriever.search("kolko dejnosti ima v 3-ta operativna cel v minalogodishnia plan, i koi sa te", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in earlier.rows if r.goal == 3}


def test_funding_sources_asked_and_one_denied(retriever, plans):
    """ "от министерството или от бюджета на общината, а не от бюджета на отговорните институции": the
    two sources, not the one denied."""
    result = retriever.search("Кои дейности се плащат от министерството или от бюджета на общината, а не от бюджета на "
                              "отговорните институции? Интересуват ме и двете години.", k=8)  # fmt: skip
    funded = {h.row.funding.lower() for h in result.hits}
    assert result.hits and not any(f.startswith("от бюджета на отговорните институции") and "община" not in f
                                   and "министер" not in f for f in funded)  # fmt: skip
    assert all("министер" in f or "община" in f for f in funded)


def test_a_quoted_funding_value_in_a_bulleted_request(retriever, plans):
    """ "Справка за проектно финансиране: - всички дейности … „проекти с външно финансиране“; - за всяка –
    номер …": that value's rows of both plans ("всяка" is no topic, the heading names no other value)."""
    result = retriever.search("Справка за проектно финансиране:\n- всички дейности в двата плана, при които сред "
                              "източниците на финансиране са посочени „проекти с външно финансиране“;\n- за всяка – "
                              "номер на оперативната цел и мярката.", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for p in plans.values() for r in p.rows if "проекти с външно финансиране" in r.funding.lower()}


def test_a_measure_described_in_a_request_passed_on(retriever, plans):
    """ "от РУО ни помолиха за информация … по мярката за взаимодействие … при отпадане от училище …
    Моля за всички дейности по тази мярка.": the measure's rows; РУО asked, it is not asked about. And
    "За сравнителния анализ ми трябват всички дейности по мярката за …" is a report, no topic."""
    earlier = plans[min(plans)]
    result = retriever.search(f"Добър ден,\nот РУО ни помолиха за информация какво е заложено в плана за {earlier.year} г. "
                              "по мярката за взаимодействие между участниците в образованието и институциите при "
                              "отпадане от училище и връщане на отпадналите ученици. Моля за всички дейности по тази "
                              "мярка.\nБлагодаря,\nзам.-директор", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in earlier.rows if (r.goal, r.measure) == (5, 5)}
    result = retriever.search("За сравнителния анализ ми трябват всички дейности по мярката за предотвратяване и "
                              "реакция при тежки нарушения на дисциплината, агресия и тормоз – и в двете години.", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {
        r.row_id for p in plans.values() for r in p.rows if (r.goal, r.measure) == (1, 3)}


def test_the_bodies_helped_are_not_the_body_asked_about(retriever, plans):
    """ "С какво може да помогне ЦОП на училищата и градините?": ЦОП's rows, not every school's."""
    latest = plans[max(plans)]
    result = retriever.search("С какво може да помогне ЦОП на училищата и градините?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if has("ЦОП")(r)}


def test_a_councillors_letter_for_the_current_plan(retriever, plans):
    """ "Като общински съветник и член на постоянната комисия по образование бих искал да получа пълен
    списък на дейностите в действащия план, за които Община X е посочена като отговорна институция":
    the introduction and the letter's frame name no topic; "действащия план" is the latest."""
    latest = plans[max(plans)]
    municipality = next(n for r in latest.rows for n in r.responsible if n.startswith("Община "))
    result = retriever.search(f"Уважаема госпожо Началник,\nКато общински съветник и член на постоянната комисия по "
                              f"образование бих искал да получа пълен списък на дейностите в действащия план, за които "
                              f"{municipality} е посочена като отговорна институция (самостоятелно или заедно с "
                              f"други).\nС уважение,\nобщински съветник", k=8)  # fmt: skip
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if municipality in r.responsible}


@pytest.mark.parametrize("question, body", [
    ("Къде в плана участва комисията за малолетните и непълнолетните, дето се занимава с противообществените прояви?",
     "МКБППМН"),
    ("Подготвяме работна среща с полицията и искаме да имаме пред себе си всичко, което планът им възлага. Моля, "
     "избройте всички дейности, в които РУ на МВР е посочено като отговорна институция.", "МВР"),
])  # fmt: skip
def test_words_that_describe_the_body_or_the_asker_name_no_topic(retriever, plans, question, body):
    """ "…, дето се занимава с противообществените прояви" describes the body; "пред себе си" is the
    asker's: every row of the body, not a topic search."""
    latest = plans[max(plans)]
    result = retriever.search(question, k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if has(body)(r)}


@pytest.mark.parametrize("question", [
    "Какво прави общината за децата, които не ходят на училище?",
    "kakvo pravi ob6tinata za decata koito izob6to ne hodqt na u4ili6te?",
    "Какво правят училищата за децата, които не ходят редовно?",
])  # fmt: skip
def test_children_described_make_a_topic_not_a_list_of_the_bodys_rows(retriever, question):
    """ "общината" and "училище" are bodies, but which children the question is about is its topic:
    the rows against dropping out answer, never every row of the municipality or the schools."""
    result = retriever.search(question)
    assert result.whole is None
    assert any("отпадане" in h.row.activity.lower() or "обхващане" in h.row.activity.lower() for h in result.hits[:5])


def test_children_described_by_words_the_rows_never_use_are_still_a_topic(retriever):
    """ "… за децата, които живеят в общежитие?" asks about those children, not for the schools' rows
    (no glossary trigger fires: the description alone makes it a topic)."""
    for question in ("Кои дейности на училищата са за децата, които живеят в общежитие?",
                     "Кои дейности на училищата са за децата,които живеят в общежитие?"):  # fmt: skip
        assert retriever.search(question).whole is None


def test_a_body_told_before_and_pointed_back_at_by_a_clitic(retriever, plans):
    """ "Работя често с местната комисия … Колко и кои дейности са ѝ възложени в плана за <year> г.?"."""
    year = max(plans)
    wanted = {r.row_id for r in plans[year].rows if has("МКБППМН")(r)}
    result = retriever.search(f"Като педагогически съветник работя често с местната комисия за борба с "
                              f"противообществените прояви. Колко и кои дейности са ѝ възложени в плана за {year} г.?")  # fmt: skip
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_the_plans_short_name_is_no_topic(retriever, plans):
    """ "… има задачи по плана за подкрепа? В кои дейности е посочена?" asks for the body's rows."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if has("РП")(r)}
    result = retriever.search("Журналист съм. Вярно ли е, че и прокуратурата има задачи по плана за подкрепа? "
                              "В кои дейности е посочена?")  # fmt: skip
    assert result.whole is not None
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_a_goals_rows_without_a_body(retriever, plans):
    """ "В оперативна цел N има ли дейности, в които общината не участва като отговорна? Кои?"."""
    latest = plans[max(plans)]
    goal = max(r.goal for r in latest.rows)
    wanted = {r.row_id for r in latest.rows if r.goal == goal and not has("Община")(r)}
    result = retriever.search(f"В оперативна цел {goal} има ли дейности, в които общината не участва като отговорна? Кои?")
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_rows_of_a_body_except_a_topic_of_their_activities(retriever, plans):
    """ "всички дейности на МКБППМН, с изключение на кампаниите": the body's rows whose activity
    names no campaign."""
    latest = plans[max(plans)]
    body = [r for r in latest.rows if has("МКБППМН")(r)]
    wanted = {r.row_id for r in body if "кампани" not in r.activity.lower()}
    result = retriever.search("Дай ми всички дейности на МКБППМН, с изключение на кампаниите.", k=8)
    assert wanted and len(wanted) < len(body) and {h.row.row_id for h in result.hits} == wanted


@pytest.mark.parametrize("left_out", ["без мярка {goal}.{measure}", "но без мярката за тормоза и агресията",
                                      "като изключиш мярка {goal}.{measure} за агресията и тормоза"])
def test_a_goal_without_one_measure_by_number_or_description(retriever, plans, left_out):
    """ "… по първата оперативна цел, но без мярката за тормоза": the goal's rows but that measure's."""
    latest = plans[max(plans)]
    bullying = next(r for r in latest.rows if "тормоз" in r.measure_title.lower())
    said = left_out.format(goal=bullying.goal, measure=bullying.measure)
    ordinal = {1: "първата", 2: "втората", 3: "третата"}[bullying.goal]
    result = retriever.search(f"Изброй какво се очаква от училищата по {ordinal} оперативна цел, {said}.", k=8)
    wanted = {r.row_id for r in latest.rows if r.goal == bullying.goal and r.measure != bullying.measure and has("Училища")(r)}
    assert wanted and {h.row.row_id for h in result.hits} == wanted


_SAID = {1: "едно", 2: "две", 3: "три", 4: "четири", 5: "пет", 6: "шест", 7: "седем", 8: "осем", 9: "девет"}


def test_goals_and_measures_dictated_in_words(retriever, plans):
    """Speech-to-text writes numbers as said: "мярка едно точка шест", "цел едно ама без мярка пет", "цел шес"."""
    latest = plans[max(plans)]
    goal = Counter(r.goal for r in latest.rows).most_common(1)[0][0]
    measures = sorted({r.measure for r in latest.rows if r.goal == goal})
    first, last = measures[0], measures[-1]
    said = retriever.search(f"колко дейности има в мярка {_SAID[goal]} точка {_SAID[first]}", k=8)
    assert {h.row.row_id for h in said.hits} == {r.row_id for r in latest.rows if (r.goal, r.measure) == (goal, first)}
    without = retriever.search(f"кои дейности са по оперативна цел {_SAID[goal]} ама без мярка {_SAID[last]}", k=8)
    wanted = {r.row_id for r in latest.rows if r.goal == goal and r.measure != last}
    assert wanted and {h.row.row_id for h in without.hits} == wanted
    assert retriever.understand("ами какво пише по оперативна цел шес").sections == ((6, None),)


FORMAL_EMAILS: list[tuple[str, Callable[[Row], bool]]] = [
    ("Добър ден, директор съм на училище и подготвям годишния доклад пред педагогическия съвет. Колко са дейностите "
     "в плана, в които училищата са посочени като отговорна институция? Моля, приложете и списък. Благодаря, А. Н.",
     has("Училища")),
    ("Здравейте, на следващия педагогически съвет трябва да разпределим отговорностите по общинския план между "
     "учителите. Колко дейности от плана за {year} г. са с отговорност на детските градини? С уважение, Р. Т.",
     lambda r: has("Детски градини")(r) or has("ДГ")(r)),
    ("Уважаеми колеги, казвам се Петя и съм директор на училище. В края на месеца ще имаме среща с Местната комисия "
     "за борба с противообществените прояви и искам да подготвя справка за всички наши общи ангажименти. Моля, "
     "изброете всички дейности, за които тази комисия е посочена като отговорна институция. С уважение, П. И.",
     has("МКБППМН")),
    ("Работим с РЦПППО по много случаи. Моля, изброете всички дейности, в които ЦОП или ЦСРИ са посочени като "
     "отговорни (заедно или поотделно).", lambda r: has("ЦОП")(r) or has("ЦСРИ")(r)),
    ("Ръководя детска градина и ни предстои проверка от РУО. Проверяващите ще искат да видят как работим с Регионалния "
     "център за подкрепа на процеса на приобщаващото образование. Моля, изброете всички дейности, в които този "
     "регионален център (включително неговият регионален екип) е посочен като отговорен.", has("РЦПППО")),
    ("Повечето дейности са със срок декември. Моля, изброете всички дейности на училищата.", has("Училища")),
    ("Здравейте, правя справка за сроковете, защото при повечето дейности срокът е краят на годината. Бихте ли "
     "посочили всички дейности, чийто срок е „при необходимост“?", lambda r: r.deadline.lower().startswith("при необходимост")),
    ("Графата за финансиране при някоя дейност е празна (не става дума за „неприложимо“, а изобщо не е попълнена). "
     "Моля, посочете всички дейности, при които източникът на финансиране не е посочен.", lambda r: not r.funding.strip()),
    ("Ръководя детска градина и ни предстои проверка. Моля, изброете всички дейности по оперативна цел 3 – по всички "
     "нейни мерки.", lambda r: r.goal == 3),
]  # fmt: skip


@pytest.mark.parametrize(("question", "wanted_row"), FORMAL_EMAILS)
def test_a_formal_email_asks_for_the_rows_of_its_request_not_of_its_context(retriever, plans, question, wanted_row):
    """A letter tells who writes and why (a report, a meeting "в края на месеца", "как работим с …") and then asks
    ("Моля, изброете …", "Бихте ли посочили …"): the rows of the request, however the context reads."""
    latest = plans[max(plans)]
    result = retriever.search(question.format(year=latest.year), k=8)
    wanted = {r.row_id for r in latest.rows if wanted_row(r)}
    assert wanted and {h.row.row_id for h in result.hits} == wanted, result.reason


def test_two_conditions_of_different_columns_joined_by_or(retriever, plans):
    """ "Кои дейности или се финансират по проекти, или в тях участват НПО?": the rows of either; "и детските градини,
    и РЦПППО": the rows of both."""
    latest = plans[max(plans)]
    either = {r.row_id for r in latest.rows if "проект" in r.funding.lower() or has("НПО")(r)}
    result = retriever.search("Кои дейности или се финансират по проекти, или в тях участват НПО?", k=8)
    assert {h.row.row_id for h in result.hits} == either
    assert either > {r.row_id for r in latest.rows if has("НПО")(r)}
    both = {r.row_id for r in latest.rows if has("РЦПППО")(r) and (has("Детски градини")(r) or has("ДГ")(r))}
    result = retriever.search("В кои дейности отговарят и детските градини, и РЦПППО?", k=8)
    assert both and {h.row.row_id for h in result.hits} == both
    town = municipality_body(latest.rows)
    both = {r.row_id for r in latest.rows if has("Училища")(r) and town in r.responsible}
    result = retriever.search(f"В кои дейности участват както училищата, така и {town}?", k=8)
    assert both and {h.row.row_id for h in result.hits} == both
    # "както разбрах …" is no "както …, така и …": the rows of either
    either = {r.row_id for r in latest.rows if has("Училища")(r) or has("ОДК")(r)}
    result = retriever.search("Както разбрах от директора и от класната, какви дейности имат училищата и ОДК?", k=8)
    assert {h.row.row_id for h in result.hits} == either


def test_goals_by_how_many_measures_they_have_and_the_largest_in_a_year(retriever, plans):
    """ "Коя оперативна цел има само една мярка?": that goal's rows; "Коя оперативна цел в плана за 2023 г. има
    най-много дейности?": the largest goal of that year's plan."""
    latest, first = plans[max(plans)], plans[min(plans)]
    measures = Counter(g for g, _ in {(r.goal, r.measure) for r in latest.rows})
    wanted = {r.row_id for r in latest.rows if measures[r.goal] == 1}
    result = retriever.search("Коя оперативна цел има само една мярка и каква е тя?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted
    largest = Counter(r.goal for r in first.rows).most_common(1)[0][0]
    result = retriever.search(f"Коя оперативна цел в плана за {first.year} г. има най-много дейности?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in first.rows if r.goal == largest}
    most = measures.most_common(1)[0][0]
    result = retriever.search("Коя оперативна цел има най-много мерки?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if r.goal == most}
    # "целия план", "целодневната" are no goal
    result = retriever.search("В целия план има ли дейности, включени в повече от една мярка?", k=8)
    assert result.whole is None or Selector.SECTION not in result.whole.fields


def test_measures_wholly_of_one_body_are_whole_measures(retriever, plans):
    """ "Кои мерки са изцяло в отговорност само на училищата?": the measures whose every row is the schools' alone, not
    every row of the schools alone; "Кои дейности по цел N са изцяло на училищата?" still asks for rows."""
    latest = plans[max(plans)]
    alone = {r.row_id for r in latest.rows if r.responsible == ("Училища",)}
    measures = {(r.goal, r.measure) for r in latest.rows}
    whole = {m for m in measures if all(r.responsible == ("Училища",) for r in latest.rows if (r.goal, r.measure) == m)}
    wanted = {r.row_id for r in latest.rows if (r.goal, r.measure) in whole}
    assert wanted and wanted < alone  # the bundled plans have both kinds
    result = retriever.search("Кои мерки са изцяло в отговорност само на училищата, без други институции?", k=8)
    assert {h.row.row_id for h in result.hits} == wanted
    # "изключително" before a quality is "very", no whole measure; "не са изцяло" is no "изцяло"
    result = retriever.search("Кои мерки на училищата са изключително полезни?", k=8)
    assert {h.row.row_id for h in result.hits} != wanted
    goal = next(r.goal for r in latest.rows if r.row_id in alone - wanted)
    result = retriever.search(f"Кои дейности по цел {goal} са изцяло на училищата?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in latest.rows if r.row_id in alone and r.goal == goal}


def test_rows_chosen_by_their_expected_results(retriever, plans):
    """ "Кои дейности имат за очакван резултат …": the rows whose expected results say it; "X или Y" either, and a
    restatement after "т.е." when the first words are the asker's ("повишена квалификация, т.е. обучени специалисти или
    обучени лица")."""
    latest = plans[max(plans)]

    def saying(*phrases: str) -> set[str]:
        return {r.row_id for r in latest.rows if any(p in r.results.lower() for p in phrases)}

    trained = saying("обучени специалисти", "обучени лица")
    result = retriever.search("Колко дейности имат за очакван резултат повишена квалификация, т.е. обучени специалисти "
                              "или обучени лица?", k=8)
    assert trained and {h.row.row_id for h in result.hits} == trained
    contracts = saying("трудови и граждански договори")
    result = retriever.search("Кои дейности имат резултат сключени трудови или граждански договори?", k=8)
    assert contracts and {h.row.row_id for h in result.hits} == contracts
    # "очакваният резултат от мярката …", "Какъв очакван резултат е заложен …" ask what a result is, not for rows by it
    for question in ("Какъв е очакваният резултат от мярката за достъпна среда в училищата?",
                     "Какъв очакван резултат е заложен за обучението на учители?"):
        result = retriever.search(question)
        assert result.whole is None or Selector.RESULTS not in result.whole.fields


def test_a_question_pointing_back_at_the_story_is_no_list(retriever):
    """ "Синът ми иска да влезе в ученическия съвет. Във всички училища ли има такъв?": "такъв" is the council of the
    story, so the question asks about councils, not for every row of the schools."""
    result = retriever.search("Синът ми иска да влезе в ученическия съвет. Във всички училища ли има такъв?")
    assert result.whole is None and not result.abstained
    assert "съвет" in result.hits[0].row.activity.lower()


def test_a_source_denied_then_the_one_asked(retriever, plans):
    """ "не се финансират от бюджета на отговорните институции, а от бюджета на общината": the municipality's."""
    latest = plans[max(plans)]
    town = municipality_body(latest.rows)
    wanted = {r.row_id for r in latest.rows if r.funding.lower().startswith(f"от бюджета на {town.lower()}")}
    result = retriever.search(f"Кои дейности не се финансират от бюджета на отговорните институции, а от бюджета на {town}?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_a_body_not_alone_said_as_the_only_responsible(retriever, plans):
    """ "… в които общината е отговорна, с изключение на тези, при които общината е единствената отговорна"."""
    latest = plans[max(plans)]
    town = municipality_body(latest.rows)
    wanted = {r.row_id for r in latest.rows if r.goal == 1 and town in r.responsible and len(r.responsible) > 1}
    result = retriever.search(f"Моля, изброете всички дейности по оперативна цел 1, в които {town} е отговорна, с изключение "
                              "на тези, при които общината е единствената отговорна институция.", k=8)  # fmt: skip
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_a_deadline_other_than_the_one_named(retriever, plans):
    """ "Повечето срокове са „декември“. Колко дейности имат някакъв друг срок?"."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if "декември" not in r.deadline.lower()}
    result = retriever.search("Повечето срокове са „декември“. Колко дейности имат някакъв друг срок?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_bodies_pointed_back_at_after_the_askers_role(retriever, plans):
    """ "Координирам работата с БЧК – в кои дейности са включени те?": the asker's role names no topic."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if has("БЧК")(r)}
    result = retriever.search("Координирам работата с БЧК – в кои дейности са включени те?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_a_body_named_and_another_denied_by_an_elliptic_clause(retriever, plans):
    """ "… в които са посочени детските градини, но училищата не са?"."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if has("Детски градини")(r) and not has("Училища")(r)}
    result = retriever.search("Има ли дейности, в които са посочени детските градини, но училищата не са?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_a_quoted_funding_value_left_out_without_the_word_funding(retriever, plans):
    """ "… по оперативна цел 3 имат реален източник на финансиране, т.е. всички освен тези с „неприложимо“"."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if r.goal == 3 and r.funding.lower() != "неприложимо"}
    result = retriever.search("Кои дейности по оперативна цел 3 имат източник на финансиране, освен тези с „неприложимо“?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted


@pytest.mark.parametrize("question", ["Какво правят училищата за деца без родители?",
                                      "Какви дейности има за деца, отглеждани без родители?",
                                      "Дъщеря ми е на 14, много е затворена и няма приятели. Къде е посочено какво може да направи училището?"])  # fmt: skip
def test_without_describing_children_or_a_childs_story_is_no_list(retriever, question):
    """ "за деца без родители" describes children (no clause leaving rows out); a parent's story
    asking "къде е посочено" still wants what fits the child."""
    assert retriever.search(question).whole is None


def test_a_topic_left_out_by_all_its_words(retriever, plans):
    """ "освен кампаниите за родители": the rows naming both words, not every campaign and every parent."""
    latest = plans[max(plans)]
    body = [r for r in latest.rows if has("МКБППМН")(r)]
    wanted = {r.row_id for r in body if not ("кампани" in r.activity.lower() and "родител" in r.activity.lower())}
    result = retriever.search("Изброй всички дейности на МКБППМН, освен кампаниите за родители.", k=8)
    assert {h.row.row_id for h in result.hits} == wanted


def test_another_deadline_beside_the_one_asked_for_is_no_inversion(retriever, plans):
    """ "Кои са със срок декември? Има ли такива с друг срок?" still lists December's rows; "с други
    срокове, не декември" lists the others."""
    latest = plans[max(plans)]
    december = {r.row_id for r in latest.rows if "декември" in r.deadline.lower()}
    both = retriever.search("Кои дейности са със срок декември? Има ли такива с друг срок?", k=8)
    assert december <= {h.row.row_id for h in both.hits}
    others = retriever.search("Кои дейности са с други срокове, не декември?", k=8)
    assert {h.row.row_id for h in others.hits} == {r.row_id for r in latest.rows} - december


def test_a_source_denied_as_the_only_one(retriever, plans):
    """ "не се финансират единствено от бюджета на отговорните институции, а имат друг или допълнителен
    източник, или финансиране не е приложимо": every row of the goal but those that source pays alone."""
    latest = plans[max(plans)]
    alone = "От бюджета на отговорните институции"
    wanted = {r.row_id for r in latest.rows if r.goal == 1 and r.funding != alone}
    question = ("Кои дейности по оперативна цел 1 не се финансират единствено от бюджета на отговорните институции, "
                "а имат друг или допълнителен източник, или финансиране не е приложимо?")  # fmt: skip
    result = retriever.search(question, k=8)
    assert any(alone in r.funding for r in latest.rows if r.row_id in wanted)  # a second source beside it counts
    assert wanted and {h.row.row_id for h in result.hits} == wanted


def test_something_in_common_with_a_body_is_both_together(retriever, plans):
    """ "МКБППМН има ли нещо общо с детските градини?": the rows where both are responsible."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if has("МКБППМН")(r) and (has("Детски градини")(r) or has("ДГ")(r))}
    result = retriever.search("Тая комисия за малолетните, МКБППМН, има ли нещо общо с детските градини?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted


@pytest.mark.parametrize("question", [
    "мисля да спра училището, омръзна ми всичко, на 16 съм. ако просто не ходя някой ще ме търси ли",
    "в 10 клас съм и всичко ми е писнало, училището изобщо интересува ли се",
    "Дете не е записано в никакво училище, какво правим?",
])  # fmt: skip
def test_a_pupils_own_story_is_no_list_of_the_schools_rows(retriever, question):
    """A pupil telling their age or class, fed up with everything, or one child told of first ("дете не е
    записано в никакво училище"), wants what fits them."""
    assert retriever.search(question).whole is None


def test_everyone_pushing_the_asker_is_no_request_for_every_row(retriever):
    """ "Но всички ме натискат …" tells who pushes the mother, it asks for no list: "Прави ли нещо училището или
    общината срещу това?" after the story is about the early marriage told, not every row of the schools."""
    result = retriever.search("Роднините на мъжа ми искат да омъжат дъщеря ни, тя е на 14. Аз не искам, искам да завърши "
                              "училище. Но всички ме натискат, казват така се прави при нас. Прави ли нещо училището или "
                              "общината срещу това? Сама не мога.")
    assert result.whole is None and "ранните бракове" in result.hits[0].row.activity


def test_rows_of_a_body_except_those_its_own_budget_pays(retriever, plans):
    """ "МКБППМН е отговорна по няколко дейности – кои са те, с изключение на онези, които се финансират от
    бюджета на училищата и самата комисия?": the body pointed back at by "кои са те", that source left out."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if has("МКБППМН")(r) and "МКБППМН" not in r.funding}
    question = ("Местната комисия (МКБППМН) е отговорна по няколко дейности в плана – кои са те, с изключение на онези, "
                "които се финансират от бюджета на училищата и самата комисия?")  # fmt: skip
    assert wanted and {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted


def test_sources_asked_and_one_left_out_by_a_command(retriever, plans):
    """ "… или пряко от бюджета на Община X, или от бюджета на министерство, но чрез общината? Изключете
    всички, които са от бюджета на самите отговорни институции." """
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if "Община" in r.funding}
    question = ("Кои дейности се финансират или пряко от бюджета на общината, или от бюджета на министерство, но чрез "
                "общината? Изключете всички, които са от бюджета на самите отговорни институции.")  # fmt: skip
    assert wanted and {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted


def test_a_funding_value_the_funding_does_not_include(retriever, plans):
    """ "… общината и неправителствените организации заедно, но финансирането не включва проекти с
    външно финансиране"."""
    latest = plans[max(plans)]
    municipality = municipality_body(latest.rows)
    wanted = {r.row_id for r in latest.rows if has(municipality)(r) and has("НПО")(r) and "външно" not in r.funding}
    question = ("В кои дейности общината и неправителствените организации са вписани заедно като отговорни, но "
                "финансирането не включва проекти с външно финансиране?")  # fmt: skip
    assert wanted and {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted


def test_not_applicable_said_but_a_blank_cell_ruled_out(retriever, plans):
    """ "… отбелязано като „неприложимо“ …, а не такива, при които графата за финансиране е оставена празна"."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if r.funding.lower() == "неприложимо"}
    question = ("За кои дейности финансирането е отбелязано като „неприложимо“? Само тези, при които изрично пише "
                "така, а не такива, при които графата за финансиране е оставена празна.")  # fmt: skip
    assert wanted and {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted


def test_a_goal_from_its_first_to_its_last_measure(retriever, plans):
    """ "Колко са дейностите в оперативна цел 3 (…)? Изредете ги всички, от първата до последната мярка."."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if r.goal == 3}
    question = "Колко са дейностите в оперативна цел 3? Изредете ги всички, от първата до последната мярка."
    assert wanted and {h.row.row_id for h in retriever.search(question, k=12).hits} == wanted


def test_only_one_plan_and_a_body_alone_or_with_others(retriever, plans):
    """ "Само за плана за 2023 г.: … всички дейности, за които отговаря (изцяло или съвместно с други) ДСП";
    "(изцяло или отчасти) от бюджета на …" is no "only" either."""
    first = plans[min(plans)]
    wanted = {r.row_id for r in first.rows if has("ДСП")(r)}
    question = (f"Само за плана за {min(plans)} г.: изброете ми, моля, всички дейности, за които отговаря (изцяло или "
                "съвместно с други) Дирекция „Социално подпомагане“. Ще ги сравнявам с отчета, затова ми трябват всички.")  # fmt: skip
    assert wanted and {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted
    municipality = municipality_body(plans[max(plans)].rows)
    wanted = {r.row_id for r in plans[max(plans)].rows if has(municipality)(r) and "отговорните институции" in r.funding}
    question = "Кои дейности са с участие на общината и се финансират (изцяло или отчасти) от бюджета на отговорните институции?"
    assert wanted and {h.row.row_id for h in retriever.search(question, k=12).hits} == wanted


def test_rows_described_as_also_included_name_no_source(retriever, plans):
    """ "… проекти с външно финансиране? Включете и онези, при които външното финансиране е в комбинация с
    бюджета на отговорните институции." is the external projects' rows only."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if "външно финансиране" in r.funding}
    question = ("Кои дейности предвиждат, поне отчасти, проекти с външно финансиране? Включете и онези, при които "
                "външното финансиране е в комбинация с бюджета на отговорните институции.")  # fmt: skip
    assert wanted and {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted


def test_the_askers_purpose_and_regardless_of_partners_name_no_topic(retriever, plans):
    """ "Като новоназначен експерт ще координирам връзката с полицията – в кои дейности … РУ на МВР …?
    Интересуват ме всички, без значение с кои други институции е заедно."; "… за да го приложа към
    документацията"."""
    latest = plans[max(plans)]
    police = {r.row_id for r in latest.rows if has("РУ на МВР")(r)}
    question = ("Като новоназначен експерт ще координирам връзката с полицията – в кои дейности от актуалния план "
                "районното управление на МВР фигурира като отговорна институция? Интересуват ме всички, без значение "
                "с кои други институции е заедно.")  # fmt: skip
    assert police and {h.row.row_id for h in retriever.search(question, k=8).hits} == police
    commission = {r.row_id for r in latest.rows if has("МКБППМН")(r)}
    purpose = ("Кои дейности имат сред отговорните Местната комисия за борба с противообществените прояви? Искам "
               "изчерпателен списък, за да го приложа към документацията при приемане на длъжността.")  # fmt: skip
    assert {h.row.row_id for h in retriever.search(purpose, k=8).hits} == commission


def test_at_least_one_of_several_bodies_and_our_rows(retriever, plans):
    """ "… някого от следните: БЧК, здравните медиатори, читалищата …? … поне един от тях" is any of them;
    "ДГ – кои наши дейности са с финансиране неприложимо?" the kindergartens' unfunded rows."""
    latest = plans[max(plans)]
    any_of = {r.row_id for r in latest.rows if has("БЧК")(r) or has("Здравни медиатори")(r) or has("Читалища")(r)}
    question = ("Колко дейности включват като отговорни някого от следните: Българския червен кръст, здравните медиатори "
                "или читалищата? Интересуват ме всички, в които е посочен поне един от тях.")  # fmt: skip
    assert any_of and {h.row.row_id for h in retriever.search(question, k=8).hits} == any_of
    ours = {r.row_id for r in latest.rows if (has("Детски градини")(r) or has("ДГ")(r)) and r.funding.lower() == "неприложимо"}
    assert ours and {h.row.row_id for h in retriever.search("ДГ – кои наши дейности са с финансиране неприложимо?", k=8).hits} == ours


def test_a_body_named_as_a_heading_and_another_denied_as_responsible(retriever, plans):
    """ "Районно управление на МВР: списък на дейностите, в които е посочено като отговорна институция." and
    "Колко дейности по оперативна цел 5 нямат детските градини сред отговорните?"."""
    latest = plans[max(plans)]
    police = {r.row_id for r in latest.rows if has("РУ на МВР")(r)}
    heading = "Районно управление на МВР: списък на дейностите, в които е посочено като отговорна институция."
    assert police and {h.row.row_id for h in retriever.search(heading, k=8).hits} == police
    no_kindergartens = {r.row_id for r in latest.rows if r.goal == 5 and not (has("Детски градини")(r) or has("ДГ")(r))}
    question = "Колко дейности по оперативна цел 5 нямат детските градини сред отговорните?"
    assert no_kindergartens and {h.row.row_id for h in retriever.search(question, k=12).hits} == no_kindergartens


def test_a_body_named_with_its_town_shortened(retriever, plans):
    """ "РЦПППО Ст. Загора в кои дейности …" and the centre spelled out with "– Ст. Загора:" as a heading:
    "Ст." ends no sentence, so every body of the centre (its regional team too) is asked about."""
    latest = plans[max(plans)]
    centre = {r.row_id for r in latest.rows if any("РЦПППО" in name.split() for name in r.responsible)}
    shortened = "РЦПППО Ст. Загора в кои дейности е отговорник? искам всички"
    spelled = ("Регионалният център за подкрепа на процеса на приобщаващото образование – Ст. Загора: в кои дейности е "
               "отговорен? Пълен списък.")  # fmt: skip
    for question in (shortened, spelled):
        assert centre and {h.row.row_id for h in retriever.search(question, k=8).hits} == centre, question


def test_the_only_body_with_others_left_out_by_abbreviation(retriever, plans):
    """ "единствен отговорник е Общината (без ДГ, училища и др.)": "ДГ" leaves out every kindergarten body;
    "ОЦ 1: само дейностите с Община … сред отговорниците" is the goal's rows where the municipality is one."""
    latest = plans[max(plans)]
    municipality = municipality_body(latest.rows)
    alone = {r.row_id for r in latest.rows if tuple(r.responsible) == (municipality,)}
    question = "Дейности, при които единствен отговорник е Общината (без ДГ, училища и др.)."
    assert alone and {h.row.row_id for h in retriever.search(question, k=8).hits} == alone
    among = {r.row_id for r in latest.rows if r.goal == 1 and has(municipality)(r)}
    assert {h.row.row_id for h in retriever.search(f"ОЦ 1: само дейностите с {municipality} сред отговорниците.", k=8).hits} == among


def test_clipped_notes_of_a_spreadsheet(retriever, plans):
    """A secretary's notes: "бр." is "брой", "финанс." "финансиране"; "(никой друг)" restates "само"."""
    latest = plans[max(plans)]
    schools_alone = {r.row_id for r in latest.rows if tuple(r.responsible) == ("Училища",)}
    result = retriever.search("отговорник САМО училищата (никой друг) - бр.?", k=8)
    assert result.whole is not None and result.whole.count_asked
    assert schools_alone and {h.row.row_id for h in result.hits} == schools_alone
    unfunded = retriever.search("без финанс.? (неприложимо или празно поле)", k=8)
    assert unfunded.whole is not None and "funding" in unfunded.whole.fields


def test_the_largest_and_smallest_sections_and_the_commonest_body_but_some(retriever, plans):
    """ "Коя мярка обхваща най-голям брой дейности?", "Коя оперативна цел … съдържа най-малко дейности?" list that
    section's rows (a section, not a body); "Коя институция извън училищата и детските градини се среща най-често?"
    counts every body but those."""
    latest = plans[max(plans)]
    by_measure = Counter((r.goal, r.measure) for r in latest.rows)
    largest = {r.row_id for r in latest.rows if by_measure[(r.goal, r.measure)] == max(by_measure.values())}
    assert {h.row.row_id for h in retriever.search("Коя мярка обхваща най-голям брой дейности в плана?", k=8).hits} == largest
    by_goal = Counter(r.goal for r in latest.rows)
    smallest = {r.row_id for r in latest.rows if by_goal[r.goal] == min(by_goal.values())}
    question = "Коя оперативна цел в плана съдържа най-малко дейности и кои са те?"
    assert {h.row.row_id for h in retriever.search(question, k=8).hits} == smallest
    others = Counter(name for r in latest.rows for name in r.responsible if name not in ("Училища", "Детски градини"))
    tied = {name for name, n in others.items() if n == max(others.values())}  # every body tied for most
    commonest = {r.row_id for r in latest.rows if tied & set(r.responsible)}
    question = "Коя институция извън училищата и детските градини се среща най-често сред отговорните институции?"
    assert {h.row.row_id for h in retriever.search(question, k=8).hits} == commonest
    in_goal = Counter(r.measure for r in latest.rows if r.goal == 1)
    largest_in_goal = {r.row_id for r in latest.rows if r.goal == 1 and in_goal[r.measure] == max(in_goal.values())}
    assert {h.row.row_id for h in retriever.search("Коя мярка в цел 1 има най-много дейности?", k=8).hits} == largest_in_goal
    target_group = retriever.search("Коя целева група е обхваната от най-много дейности?").whole  # "целева" is no goal
    assert target_group is None or "section" not in target_group.fields


def test_money_through_a_body_after_a_comma_and_a_source_denied_in_brackets(retriever, plans):
    """ "парите идват от министерство, през общината" is that value only; "от бюджета на самата община (не от
    министерство и не от училищата)" is the municipality's own budget only."""
    latest = plans[max(plans)]
    ministry = {r.row_id for r in latest.rows if "министерство" in r.funding}
    assert ministry and {h.row.row_id for h in retriever.search("За коя дейност парите идват от министерство, през общината?", k=8).hits} == ministry
    own = {r.row_id for r in latest.rows if r.funding.startswith("От бюджета на Община")}
    question = "Кои дейности се плащат от бюджета на самата община (не от министерство и не от училищата и градините)?"
    assert own and {h.row.row_id for h in retriever.search(question, k=8).hits} == own


def test_negations_of_bodies_sections_and_funding_values(retriever, plans):
    """Analysts' negations: "не отговарят нито училищата, нито детските градини", "без тези, в които участва
    комисията за борба с …", "не са ангажимент на общината", "извън първата оперативна цел", "поне една
    институция, различна от училищата и детските градини"; money: "финансирането не е просто „…“",
    "финансирането им не е „неприложимо“", "не разчитат на проекти с външно финансиране"."""
    latest = plans[max(plans)]
    rows = latest.rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    schools_or_kindergartens = ("Училища", "Детски градини", "ДГ")
    neither = {r.row_id for r in rows if not any(has(b)(r) for b in schools_or_kindergartens)}
    assert neither and found("Има ли дейности, за които не отговарят нито училищата, нито детските градини? Кои са?") == neither
    measure = {r.row_id for r in rows if (r.goal, r.measure) == (1, 3) and not has("МКБППМН")(r)}
    question = ("Всички дейности по мярка 1.3 без тези, в които участва комисията за борба с противообществените прояви "
                "на малолетните и непълнолетните")  # fmt: skip
    assert measure and found(question) == measure
    municipality = municipality_body(rows)
    gifted = {r.row_id for r in rows if (r.goal, r.measure) == (1, 5) and not has(municipality)(r)}
    assert gifted and found("Мярка 1.5 (даровитите деца) – кои дейности от нея не са ангажимент на общината?") == gifted
    outside = {r.row_id for r in rows if has("ОДК")(r) and r.goal != 1}
    assert outside and found("Къде е ангажиран ОДК извън първата оперативна цел?") == outside
    beyond = {r.row_id for r in rows if r.goal == 1 and set(r.responsible) - {"Училища", "Детски градини", "ДГ"}}
    question = "Колко дейности по първа цел включват поне една институция, различна от училищата и детските градини?"
    assert beyond and found(question) == beyond
    standard = "от бюджета на отговорните институции"
    not_just = {r.row_id for r in rows if has(municipality)(r) and r.funding.strip().lower() != standard}
    question = "В кои дейности общината е отговорна, но финансирането не е просто „от бюджета на отговорните институции“?"
    assert not_just and found(question) == not_just
    applicable = {r.row_id for r in rows if r.goal == 3 and r.funding.strip().lower() != "неприложимо"}
    assert applicable and found("Кои дейности по цел 3 са такива, че финансирането им не е „неприложимо“?") == applicable
    no_projects = {r.row_id for r in rows if r.goal == 6 and "външно финансиране" not in r.funding.lower()}
    assert no_projects and found("Кои дейности по цел 6 не разчитат на проекти с външно финансиране?") == no_projects


def test_claims_checked_against_the_whole_plan(retriever, plans):
    """A journalist's checks: "Вярно ли е, че полицията участва в повече от пет дейности? Изброете ги"
    lists the police's rows; "всичко … със срок декември? Кои дейности правят изключение?" lists the rest;
    "присъстват ли някъде в плана? Къде?" lists where; "поне един отговорник извън училищата и детските
    градини" is any other body; "оперативни цели 4 и 6." both goals; "само за детските градини, където
    училищата не са отговорни" the kindergartens alone."""
    latest = plans[max(plans)]
    rows = latest.rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    police = {r.row_id for r in rows if has("РУ на МВР")(r)}
    assert police and found("Вярно ли е, че полицията участва в повече от пет дейности от плана? Изброете ги, ако може.") == police
    december = next(r.deadline for r in rows if r.deadline.lower().startswith("декември"))
    other = {r.row_id for r in rows if r.deadline != december}
    assert other and found("Вярно ли е, че всичко в плана е със срок декември? Кои дейности правят изключение?") == other
    centres = {r.row_id for r in rows if has("Читалища")(r)}
    assert centres and found("Читалищата присъстват ли някъде в плана? Къде?") == centres
    beyond = {r.row_id for r in rows if set(r.responsible) - {"Училища", "Детски градини", "ДГ"}}
    assert beyond and found("Колко дейности имат поне един отговорник извън училищата и детските градини? Кои са?") == beyond
    goals = {r.row_id for r in plans[min(plans)].rows if r.goal in (4, 6)}
    assert goals and found(f"От плана за {min(plans)} г. - всички дейности по оперативни цели 4 и 6.") == goals
    alone = {r.row_id for r in rows if set(r.responsible) <= {"Детски градини", "ДГ"}}
    assert alone and found("Има ли дейности само за детските градини, където училищата не са отговорни? кои") == alone


def test_an_inspector_s_and_an_accountant_s_wording(retriever, plans):
    """"началото на уч. година" is the start of the school year; "с изключение на тези, които са възложени
    само на училищата" keeps every row with another body, and so does "… в които участват само училищата"; "Говоря за всички редове …" only says what is meant."""
    rows = plans[max(plans)].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    start = {r.row_id for r in rows if "началото на учебната" in r.deadline.lower()}
    assert start and found("кои дейности са със срок началото на уч. година") == start
    goal5 = {r.row_id for r in rows if r.goal == 5 and not set(r.responsible) <= {"Училища"}}
    question = "Моля за списък на дейностите по оперативна цел 5 с изключение на тези, които са възложени само на училищата."
    assert goal5 and found(question) == goal5
    others = {r.row_id for r in rows if not set(r.responsible) <= {"Училища"}}
    assert others and found("Кои дейности има, с изключение на тези, в които участват само училищата?") == others
    services = {r.row_id for r in rows if has("ЦОП")(r) or has("ЦСРИ")(r)}
    assert services and found("Къде участват ЦОП и ЦСРИ? Говоря за всички редове, където ги пише като отговорни.") == services


def test_a_kindergarten_director_s_wording(retriever, plans):
    """"отговорни сме и градините, и общината" is both in one row; "за училищата, но нас, детските градини,
    не ни засягат" leaves the kindergartens out; "нямат краен срок декември, а друг" is every other deadline;
    "без посочено финансиране" is a blank funding cell, not "no funding"."""
    rows = plans[max(plans)].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    def gardens(r: Row) -> bool:
        return has("ДГ")(r) or has("Детски градини")(r)

    municipality, schools = has("Община"), has("Училища")
    both = {r.row_id for r in rows if gardens(r) and municipality(r)}
    assert both and found("В кои дейности отговорни сме и градините, и общината?") == both
    not_ours = {r.row_id for r in rows if schools(r) and not gardens(r)}
    assert not_ours and found("Кои дейности са за училищата, но нас, детските градини, не ни засягат?") == not_ours
    other_deadline = {r.row_id for r in rows if gardens(r) and not r.deadline.lower().startswith("декември")}
    assert other_deadline and found("Кои дейности на детските градини нямат краен срок декември, а друг?") == other_deadline
    pair = {r.row_id for r in rows if has("Училища")(r) and (has("Детски градини")(r) or has("ДГ")(r))
            and set(r.responsible) <= {"Училища", "Детски градини", "ДГ"}}  # fmt: skip
    assert pair and found("Колко дейности изпълняват заедно училищата и детските градини, като няма други отговорни "
                          "институции?") == pair  # fmt: skip
    blank = {r.row_id for r in rows if not r.funding.strip()}
    assert blank and found("Има ли дейност без посочено финансиране (празна колона)? Коя?") == blank


def test_a_teachers_union_representative_s_wording(retriever, plans):
    """"делят с", "в тандем с", "общи дейности на X и Y" and "с участие и на" each mean both bodies in
    one row; "ако махнем тези с участие на МКБППМН" leaves the commission's rows out; "пари на
    министерство, минаващи през общината" is the ministry's money, not the municipality's own budget."""
    rows = plans[max(plans)].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    def gardens(r: Row) -> bool:
        return has("ДГ")(r) or has("Детски градини")(r)

    schools, municipality, commission = has("Училища"), has("Община"), has("МКБППМН")
    shared = {r.row_id for r in rows if r.goal == 1 and schools(r) and gardens(r)}
    assert shared and found("Колко от дейностите по първа оперативна цел училищата делят с детските градини?") == shared
    tandem = {r.row_id for r in rows if schools(r) and municipality(r)}
    assert tandem and found("Къде училищата работят в тандем с общината?") == tandem
    common = {r.row_id for r in rows if schools(r) and gardens(r) and r.funding.strip().lower().startswith("неприложимо")}
    assert common and found("Кои общи дейности на училища и детски градини са с финансиране „неприложимо“?") == common
    joined = {r.row_id for r in rows if commission(r) and gardens(r)}
    assert joined and found("Колко дейности на МКБППМН са с участие и на детските градини?") == joined
    without = {r.row_id for r in rows if r.goal == 5 and schools(r) and not commission(r)}
    assert without and found("По цел 5 кои дейности са за училищата, ако махнем тези с участие на МКБППМН?") == without
    ministry = {r.row_id for r in rows if "министерство" in r.funding.lower()}
    assert ministry and found("Има ли нещо, което се плаща с пари на министерство, минаващи през общината?") == ministry


def test_a_methodologist_s_and_a_parents_board_member_s_wording(retriever, plans):
    """"мерки 1.1 до 1.3" and "мерки 3.1–3.9" are ranges of one goal's measures, also left out ("с изключение
    на мерки 3.1 до 3.5"); "източник, различен от …" (a masculine "различен"); "като тръгне училището
    наесен" is the start of the school year; "от общинския бюджет" is the municipality's own money, not a
    ministry's passing through it; "А кое е изцяло на училищата – никой друг не е записан до тях?" is the
    schools alone."""
    rows = plans[max(plans)].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    first_three = {r.row_id for r in rows if r.goal == 1 and r.measure in (1, 2, 3)}
    assert first_three and found("Дай ми всички дейности по мерки 1.1 до 1.3 от плана.") == first_three
    goals = {r.row_id for r in rows if (r.goal == 3 and r.measure > 5) or r.goal == 4}
    assert goals and found("Цели 3 и 4, с изключение на мерки 3.1 до 3.5 - кои дейности са?") == goals
    other = {r.row_id for r in rows if r.goal == 1 and r.measure in (4, 5)
             and any(not part.strip().lower().startswith("от бюджета на отговорните институции") or " и " in part
                     for part in r.funding.split(";"))}  # fmt: skip
    asked = "Мерки 1.4 и 1.5: при кои дейности парите идват от източник, различен от бюджета на отговорните институции?"
    assert other and found(asked) == other
    start = {r.row_id for r in rows if "началото на учебната" in r.deadline.lower()}
    assert start and found("кое трябва да е готово още като тръгне училището наесен?") == start
    own = {r.row_id for r in rows if "бюджета на община" in r.funding.lower()}
    assert own and found("Кои дейности се финансират от общинския бюджет?") == own
    passing = own | {r.row_id for r in rows if "чрез община" in r.funding.lower()}
    assert passing > own and found("Кои дейности се плащат от общинския бюджет или от министерство чрез общината?") == passing
    alone = {r.row_id for r in rows if set(r.responsible) <= {"Училища"}}
    assert alone and found("А кое е изцяло на училищата – никой друг не е записан до тях?") == alone


def test_a_source_denied_in_brackets_is_left_out(retriever):
    """ "директно от бюджета на Община Казанлък (не на отговорните институции)": the municipality's own money,
    not the many rows paid by the responsible institutions."""
    answer = compose(retriever.search("За 2023 г. кои дейности са с финансиране директно от бюджета на Община Казанлък "
                                      "(не на отговорните институции)?", k=8))
    fundings = {c.row.funding for c in answer.citations}
    assert "От бюджета на Община Казанлък" in fundings
    assert not any("отговорните институции" in f for f in fundings)


def test_the_body_responsible_for_most_rows_is_named_with_its_rows(retriever, plans):
    """"Коя институция е отговорна за най-много дейности?": the body the plan names on most rows, its
    rows cited and counted; the same within a goal and a year."""
    for question, year, goal in (("Коя институция е отговорна за най-много дейности и за колко на брой?", max(plans), None),
                                 ("Кой участва в най-много дейности по оперативна цел 5 през 2023?", 2023, 5)):
        rows = [r for r in plans[year].rows if goal is None or r.goal == goal]
        (busiest, most), = Counter(n for r in rows for n in r.responsible).most_common(1)
        answer = compose(retriever.search(question, k=8))
        assert {c.row.row_id for c in answer.citations} == {r.row_id for r in rows if busiest in r.responsible}
        first = answer.text.splitlines()[0]
        assert busiest in first and activity_count(most) in first
        assert verify(answer) == []


def test_a_body_speaking_as_we_with_another_asks_for_their_shared_rows(retriever, plans):
    """"ние в градината с МКБППМН какво трябва да правим", "с полицията и социалните в кои дейности
    участваме ние градините", "градините работят с ЦОП или ЦСРИ": rows of both (either of an "или")."""
    rows = plans[max(plans)].rows
    kindergartens = has("Детски")  # "Детски градини" and "ДГ" are one body
    garden = lambda r: kindergartens(r) or has("ДГ")(r)  # noqa: E731

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    with_commission = {r.row_id for r in rows if garden(r) and has("МКБППМН")(r)}
    assert with_commission and found("ние в градината с МКБППМН какво трябвя да правим по плана?") == with_commission
    with_both = {r.row_id for r in rows if garden(r) and has("РУ")(r) and has("ДСП")(r)}
    assert with_both and found("с полицията (РУ на МВР) и социалните (ДСП) в кои дейности участваме ние градините?") == with_both
    with_either = {r.row_id for r in rows if garden(r) and (has("ЦОП")(r) or has("ЦСРИ")(r))}
    assert with_either and found("В кои дейности градините работят с ЦОП или ЦСРИ?") == with_either
    # asked yes or no: "работи ли с детските градини"
    assert found("Какво е тази комисия за малолетните (МКБППМН) и работи ли с детските градини?") == with_commission


def test_other_bodies_than_those_named_and_the_asker_s(retriever, plans):
    """"дейности на детските градини … с отговорни и други институции освен училищата (община, ОДК …)": a body
    besides the kindergartens and the schools; the bodies in brackets are examples, not asked about."""
    rows = plans[max(plans)].rows
    wanted = {r.row_id for r in rows if r.goal == 1 and "Детски градини" in r.responsible
              and set(r.responsible) - {"Детски градини", "ДГ", "Училища"}}  # fmt: skip
    question = ("Кои дейности на детските градини по оперативна цел 1 са с отговорни и други институции освен училищата "
                "(община, ОДК, МВР и др.), а не само ДГ и училища?")
    assert wanted and {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted


def test_a_pasted_row_names_its_measure_and_a_described_measure_is_left_out(retriever, plans):
    """"Имам ред „…“. Дайте ми всички дейности от същата мярка": the measure of the row quoted; "дейностите на
    ОДК без тези по мярката за дарбите и талантите (1.5) – кои остават?": the rest."""
    rows = plans[max(plans)].rows
    row = next(r for r in rows if len(r.activity.split()) > 12 and sum(x.goal == r.goal and x.measure == r.measure for x in rows) > 2)
    quoted = " ".join(row.activity.split()[:10])
    same = {r.row_id for r in rows if (r.goal, r.measure) == (row.goal, row.measure)}
    question = f"Имам ред „{quoted}“. Дайте ми всички дейности от същата мярка, колко са и сроковете им."
    assert {h.row.row_id for h in retriever.search(question, k=8).hits} == same
    rest = {r.row_id for r in rows if has("ОДК")(r) and (r.goal, r.measure) != (1, 5)}
    question = "Дейностите на ОДК без тези по мярката за дарбите и талантите (1.5) – кои остават?"
    assert rest and {h.row.row_id for h in retriever.search(question, k=8).hits} == rest


def test_no_funding_written_is_a_blank_cell(retriever, plans):
    """"за кои дейности няма написано никакво финансиране": the blank cells, not "Неприложимо"."""
    blank = {r.row_id for r in plans[max(plans)].rows if not r.funding.strip()}
    question = "за кои дейности няма написано никакво финансиране в плана?"
    assert blank and {h.row.row_id for h in retriever.search(question, k=8).hits} == blank


def test_the_plan_s_title_and_a_goal_s_description_after_a_dash_are_no_topic(retriever, plans):
    """"… по плана за подкрепа на децата? Искам всичко, за което отговаря Община Казанлък." is every row of the
    municipality; "оперативна цел 3 – допълнителната подкрепа за децата със СОП" is all of goal 3; "мерки от 1 до
    3 на оперативна цел 5" are three measures, "мярка 2 на оперативна цел 1 и мерки 1 и 4 на оперативна цел 5" three of
    two goals; "по цел 1 …, с изключение на тези по мярка 5" leaves out 1.5."""
    rows = plans[max(plans)].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    municipality = {r.row_id for r in rows if "Община Казанлък" in r.responsible}
    assert municipality and found("Какво се очаква от общината по плана за подкрепа на децата? "
                                  "Искам всичко, за което отговаря Община Казанлък.") == municipality
    assert found("Какво включва оперативна цел 3 – допълнителната подкрепа за децата със СОП?") == {r.row_id for r in rows if r.goal == 3}
    assert found("Кои дейности са включени в мерки от 1 до 3 на оперативна цел 5?") == {
        r.row_id for r in rows if r.goal == 5 and r.measure <= 3}
    assert found("Изброй дейностите по мярка 2 на оперативна цел 1 и по мерки 1 и 4 на оперативна цел 5.") == {
        r.row_id for r in rows if (r.goal, r.measure) in {(1, 2), (5, 1), (5, 4)}}
    outside = {r.row_id for r in rows if r.goal == 1 and r.measure != 5 and "Община Казанлък" in r.responsible}
    assert outside and found("Колко дейности по оперативна цел 1 са с участието на Община Казанлък, "
                             "с изключение на тези по мярка 5?") == outside


def test_a_body_mentioned_anywhere_includes_the_rows_whose_wording_names_it(retriever, plans):
    """"В кои дейности изобщо се споменава МВР – било като отговорна институция, било в самото описание?": the
    police's rows and the rows whose activity names the police ("не където просто се споменава МВР в текста": not those)."""
    rows = plans[max(plans)].rows
    wanted = {r.row_id for r in rows if has("МВР")(r) or "МВР" in r.activity}
    assert any("МВР" in r.activity and not has("МВР")(r) for r in rows)
    question = "В кои дейности изобщо се споменава МВР – било като отговорна институция, било в самото описание на дейността?"
    assert {h.row.row_id for h in retriever.search(question, k=8).hits} == wanted
    denied = "Кои дейности имат РУ на МВР в колоната за отговорни, не където просто се споменава МВР в текста?"
    assert {h.row.row_id for h in retriever.search(denied, k=8).hits} == {r.row_id for r in rows if has("МВР")(r)}


def test_counting_bodies_and_leaving_out_rows_shared_with_a_third(retriever, plans):
    """"повече от три отговорни институции (ЦОП и ЦСРИ да се броят поотделно)": the bodies in the note are no
    bodies asked about, and "ЦОП и ЦСРИ - Казанлък" is two; "едновременно училищата и ДГ, с изключение на тези, в
    които участва и Община Казанлък": both, without the municipality's rows."""
    rows = plans[max(plans)].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    bodies = {r.row_id: len(r.responsible) + sum(" и " in n and n.split()[0].isupper() for n in r.responsible) for r in rows}
    many = {row_id for row_id, count in bodies.items() if count > 3}
    assert many and found("Колко дейности в плана имат повече от три отговорни институции (ЦОП и ЦСРИ да се броят "
                          "поотделно) и кои са те?") == many
    both = {r.row_id for r in rows if r.goal == 1 and "Училища" in r.responsible and {"Детски градини", "ДГ"} & set(r.responsible)
            and "Община Казанлък" not in r.responsible}  # fmt: skip
    assert both and found("Кои дейности по Оперативна цел 1 на плана за 2024 г. имат сред отговорните едновременно "
                          "училищата и ДГ, с изключение на тези, в които участва и Община Казанлък?") == both


def test_the_whole_plan_and_a_payer_named_before_the_funding_column(retriever, plans):
    """ "Покажи ми целия план за 2023 г. – всички дейности по всички цели" and "Колко дейности има по всяка
    оперативна цел в плана?" are every row of the plan; "В кои дейности Община Казанлък е изрично посочена в
    графата за източник на финансиране?" asks for the rows it pays for, not those it is responsible for."""
    first, last = min(plans), max(plans)

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    assert found(f"Покажи ми целия план за {first} г. – всички дейности по всички цели.") == {r.row_id for r in plans[first].rows}
    assert found("Колко дейности има по всяка оперативна цел в плана?") == {r.row_id for r in plans[last].rows}
    paid = {r.row_id for r in plans[last].rows if "Община Казанлък" in r.funding}
    assert paid and found("В кои дейности Община Казанлък е изрично посочена в графата за източник на финансиране?") == paid


def test_a_family_without_money_asks_for_help_not_for_unfunded_rows(retriever):
    """ "печели олимпиади, но сме без пари … Има ли стипендия за такива деца?" is a poor family asking about
    stipends; "Кои дейности са без пари?" still asks for the rows without funding."""
    poor = retriever.search("Детето печели олимпиади, но сме без пари, изгониха ни от квартирата. Има ли стипендия за такива деца?")
    assert poor.whole is None and "талантливи" in poor.hits[0].row.activity
    assert retriever.search("Кои дейности са без пари?", k=8).whole is not None


def test_a_teacher_s_phone_fragments(retriever, plans):
    """Fragments without a verb: "само ДГ, без училищата" (the kindergartens' rows without the schools: the body
    left out says what "само" leaves out), "цел 5 без МКБППМН", "колко дейности НЕ са за училищата", "всички срокове
    освен декември"."""
    rows = plans[max(plans)].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    def has(*names: str):
        return lambda r: any(n in r.responsible for n in names)

    gardens = {r.row_id for r in rows if has("Детски градини", "ДГ")(r) and not has("Училища")(r)}
    assert gardens and found("само ДГ, без училищата") == gardens
    schools = {r.row_id for r in rows if has("Училища")(r) and not has("Детски градини", "ДГ")(r)}
    assert schools and found("само училищата, без детските градини") == schools
    goal = {r.row_id for r in rows if r.goal == 5 and not has("МКБППМН")(r)}
    assert goal and found("цел 5 без МКБППМН") == goal
    assert found("колко дейности НЕ са за училищата") == {r.row_id for r in rows if not has("Училища")(r)}
    other = {r.row_id for r in rows if not r.deadline.lower().startswith("декември")}
    assert other and found("всички срокове освен декември") == other


def test_a_data_journalist_s_counts_and_payer(retriever, plans):
    """ "Кои дейности имат изрично записана Община Казанлък в графата за финансиране?" asks for the rows it pays
    for; "Промени ли се между 2023 и 2024 г. броят на дейностите със срок началото на учебната година?" asks
    for the rows counted in each plan, not for the changes of wording."""
    first, last = min(plans), max(plans)

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    paid = {r.row_id for r in plans[last].rows if "Община Казанлък" in r.funding}
    assert paid and found("Кои дейности имат изрично записана Община Казанлък в графата за финансиране?") == paid
    start = {r.row_id for year in (first, last) for r in plans[year].rows if r.deadline.startswith("Началото на учебната")}
    question = f"Промени ли се между {first} и {last} г. броят на дейностите със срок началото на учебната година?"
    assert start and found(question) == start


def test_an_inspector_s_and_a_council_parent_s_questions(retriever, plans):
    """ "Колко дейности съдържа планът за 2024 г. и с колко се различава броят им спрямо плана за 2023 г.?" and
    "колко през 2023 и колко през 2024 – има ли разлика" count each plan's rows (each plan's count stated, and
    checked by the verifier); "до началото на учебната година, т.е. преди септември, а не чак декември"; "(а не
    просто „от бюджета на отговорните институции“)"; "Освен училищата и детските градини, кои дейности имат и друга
    отговорна институция?"; "В колко дейности се споменават родителите (…) в самата дейност?"."""
    first, last = min(plans), max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    answer = compose(retriever.search(f"Колко дейности съдържа планът за {last} г. и с колко се различава броят им спрямо "
                                      f"плана за {first} г.?", k=8))  # fmt: skip
    assert {c.row.row_id for c in answer.citations} == {r.row_id for year in (first, last) for r in plans[year].rows}
    municipality = rows[0].municipality
    for year in (first, last):
        assert f"{activity_count(len(plans[year].rows))} в плана на община {municipality} за {year} г." in answer.text
    assert verify(answer) == []
    miscounted = answer.text.replace(f"{activity_count(len(plans[first].rows))} в плана", f"{len(plans[first].rows) + 1} дейности в плана", 1)
    assert any("count" in problem.text for problem in verify(replace(answer, text=miscounted)))
    gardens = {r.row_id for year in (first, last) for r in plans[year].rows if has("Детски градини")(r) or has("ДГ")(r)}
    assert gardens and found(f"Колко дейности имаха детските градини през {first} и колко през {last} – има ли разлика "
                             "между двете години?") == gardens  # fmt: skip
    start = {r.row_id for r in rows if r.deadline.startswith("Началото на учебната")}
    assert start and found("Кое трябва да е готово до началото на учебната година, т.е. преди септември, а не чак декември?") == start
    through = {r.row_id for r in rows if municipality in r.funding}
    question = "Кои дейности се плащат от общинския бюджет или парите минават през общината (а не просто „от бюджета на отговорните институции“)?"
    assert through and found(question) == through
    others = {r.row_id for r in rows if set(r.responsible) - {"Училища", "Детски градини", "ДГ"}}
    assert others and found(f"Освен училищата и детските градини, кои дейности имат и друга отговрна институция в плана за {last}?") == others
    parents = {r.row_id for r in rows if "родител" in r.activity.lower()}
    question = "В колко дейности изрично се спомнават родителите (родители, родителски общности) в самата дейност?"
    assert parents and found(question) == parents


def test_a_parents_association_chair_s_questions(retriever, plans):
    """ "В кои дейности родителите са изрично споменати в самата дейност?" names the word before the verb; "Как е
    записан РЕПЛР като отговорен?" asks for the body's rows, not for every row that mentions a support team."""
    last = max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    parents = {r.row_id for r in rows if "родител" in r.activity.lower()}
    assert parents and found("В кои дейности родителите са изрично споменати в самата дейност?") == parents
    regional = {r.row_id for r in rows if has("РЕПЛР")(r)}
    assert regional and found("Как е записан регионалният екип за подкрепа (РЕПЛР) като отговорен?") == regional


def test_a_kindergarten_director_and_a_journalist_s_questions(retriever, plans):
    """ "Кои дейности градините изпълняват с ОДК?" is the rows of both bodies together; "За кои дейности във
    финансирането изрично е спомената Община X?" is the funding that names it, as source or as channel."""
    last = max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    together = {r.row_id for r in rows if (has("Детски градини")(r) or has("ДГ")(r)) and has("ОДК")(r)}
    assert together and found("Кои дейности градините изпълняват с Общинския детски комплекс (ОДК)?") == together
    municipality = rows[0].municipality
    named = {r.row_id for r in rows if f"Община {municipality}" in r.funding}
    assert named and found(f"За кои дейности във финансирането изрично е спомената Община {municipality}?") == named


def test_a_new_kindergarten_director_s_conditions(retriever, plans):
    """ "в които участва полицията (РУ на МВР) и където детските градини също сме сред отговорните" is both; "не
    включват нито детските градини, нито училищата" leaves out both; "Колко дейности има по цел 5 и колко от тях се
    финансират от …?" lists the goal's rows with each one's funding; "Търся всички, за да видя къде можем да
    кандидатстваме по проекти" is the asker's reason; "без осигурено финансиране", "средства, превеждани чрез
    общината" name no topic; "парите идват от министерство, а общината само ги превежда" is the ministry's money
    passed on by the municipality."""
    last = max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    police = next(name for r in rows for name in r.responsible if "МВР" in name)
    both = {r.row_id for r in rows if police in r.responsible and has("Детски градини")(r)}
    assert both and found(f"Искам да видя дейностите, в които участва полицията ({police}) и където детските градини също "
                          "сме сред отговорните.") == both  # fmt: skip
    neither = {r.row_id for r in rows if (r.goal, r.measure) == (1, 5) and not (has("Детски градини")(r) or has("ДГ")(r) or has("Училища")(r))}
    assert neither and found("Кои дейности от мярка 5 на първата оперативна цел не включват нито детските градини, нито училищата?") == neither
    result = retriever.search("Колко дейности има по оперативна цел 5 и колко от тях се финансират от бюджета на отговорните институции?", k=8)
    assert {h.row.row_id for h in result.hits} == {r.row_id for r in rows if r.goal == 5}
    answer = compose(result)  # the count is the first part's, said so: not all of them are paid that way
    assert "по първата част на въпроса" in answer.text and "Финансиране:" in answer.text and not verify(answer)
    schools = {r.row_id for r in rows if r.goal == 5 and has("Училища")(r)}  # "колко от тях са на училищата": a condition
    assert schools and found("Колко дейности има по оперативна цел 5 и колко от тях са на училищата?") == schools
    only_schools = {r.row_id for r in rows if has("Училища")(r) and not has(police)(r) and rows[0].municipality not in " ".join(r.responsible)}
    assert only_schools and found("Кои дейности не включват нито полицията, нито общината, а само училищата?") <= only_schools
    blank = {r.row_id for r in rows if not r.funding.strip()}
    assert blank and found("Колко дейности в плана изобщо нямат посочен източник на финансиране?") == blank
    external = {r.row_id for r in rows if "проекти с външно финансиране" in r.funding}
    assert external and found("Кои дейности имат като източник на финансиране „проекти с външно финансиране“? Търся всички, за да "
                              "видя къде можем да кандидатстваме по проекти.") == external  # fmt: skip
    gardens_unfunded = {r.row_id for r in rows if (has("Детски градини")(r) or has("ДГ")(r)) and r.funding.strip().lower() in ("", "неприложимо")}
    assert gardens_unfunded and found("Кои дейности на детските градини са без осигурено финансиране – с „неприложимо“ или без "
                                      "посочен източник?") == gardens_unfunded  # fmt: skip
    through = {r.row_id for r in rows if rows[0].municipality in r.funding}
    assert through and found("Кои дейности минават през общинския бюджет – със собствени общински средства или с министерски "
                             "средства, превеждани чрез общината?") == through  # fmt: skip
    passed_on = {r.row_id for r in rows if "министерство" in r.funding.lower() and rows[0].municipality in r.funding}
    assert passed_on and found("има ли дейност дето парите идват от министерство, а общината само ги превежда? коя е") == passed_on


def test_money_from_outside_a_budget(retriever, plans):
    """ "с държавни средства извън собствените бюджети на институциите – от бюджета на министерство или по ЕРС …"
    asks for the other sources it names; "извън бюджета на общината" is every row whose money does not go through it."""
    last = max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    other = {r.row_id for r in rows if "министерство" in r.funding.lower() or "ЕРС" in r.funding}
    assert other and found("Кои дейности се финансират с държавни средства извън собствените бюджети на институциите – от "
                           "бюджета на министерство или по ЕРС „Занимания по интереси“?") == other  # fmt: skip
    # money passed on through the municipality's budget goes through it too
    not_municipal = {r.row_id for r in rows if f"Община {rows[0].municipality}" not in r.funding}
    assert found("Кои дейности се финансират извън бюджета на общината?") == not_municipal


def test_rows_of_one_body_alone_left_out(retriever, plans):
    """ "… кои дейности засягат и детските градини? Тези само за училищата изключете." and "без тези само за
    училищата" leave out the rows where the schools are alone; "освен тези, в които участват само училищата" keeps
    the schools' rows shared with another body."""
    last = max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    gardens = {r.row_id for r in rows if r.goal == 5 and (has("Детски градини")(r) or has("ДГ")(r))}
    for question in ("От оперативна цел 5 – взаимодействието между участниците в образователния процес – кои дейности засягат "
                     "и детските градини? Тези само за училищата изключете.",
                     "От оперативна цел 5 кои дейности засягат и детските градини, без тези само за училищата?"):
        assert gardens and found(question) == gardens, question
    shared = {r.row_id for r in rows if r.goal == 5 and has("Училища")(r) and not set(r.responsible) <= {"Училища"}}
    assert shared and found("Кои дейности от цел 5 са на училищата, освен тези, в които участват само училищата?") == shared


def test_bodies_together_without_outside_partners_and_with_others(retriever, plans):
    """ "само на училищата и детските градини заедно, без външни партньори като общината, МКБППМН или РЦПППО" is the
    rows of exactly those two; "… на училищата и детските градини са съвместно с други институции, но без тези, в
    които участва полицията" is their rows shared with another body, the police's left out ("сами или заедно с други
    институции" is either)."""
    last = max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    gardens = ("Детски градини", "ДГ")
    only_two = {r.row_id for r in rows if set(r.responsible) in ({"Училища", "Детски градини"}, {"Училища", "ДГ"})}
    assert only_two and found("Кои дейности са само на училищата и детските градини заедно, без външни партньори като "
                              "общината, МКБППМН или РЦПППО?") == only_two  # fmt: skip
    ours = {"Училища", *gardens}
    police = next(name for r in rows for name in r.responsible if "МВР" in name)
    shared = {r.row_id for r in rows if set(r.responsible) & ours and set(r.responsible) - ours and police not in r.responsible}
    assert shared and found("Кои дейности на училищата и детските градини са съвместно с други институции, но без тези, в "
                            "които участва полицията (МВР)?") == shared  # fmt: skip
    every = {r.row_id for r in rows if set(r.responsible) & set(gardens)}  # "сами или заедно с други": either
    assert found("Кои са всички дейности в плана, за които отговарят детските градини – сами или заедно с други "
                 "институции?") == every  # fmt: skip


def test_rows_not_given_to_a_body_within_a_goal(retriever, plans):
    """ "Кои дейности по оперативна цел 1 не са възложени на училищата?" is the goal's rows without the schools."""
    last = max(plans)
    rows = plans[last].rows
    expected = {r.row_id for r in rows if r.goal == 1 and "Училища" not in r.responsible}
    found = {h.row.row_id for h in retriever.search("Кои дейности по оперативна цел 1 не са възложени на училищата?", k=8).hits}
    assert expected and found == expected


def test_a_source_paying_alone_left_out_and_a_body_named_in_the_funding_column(retriever, plans):
    """ "… освен тези, финансирани изцяло от бюджета на отговорните институции" leaves out only the rows paid by that
    source alone ("… и по ЕРС …" stays), and "точно „…“, без друг източник" is that value alone; "във финансирането изрично е посочена Община X" is the rows the municipality
    pays for, not those it is responsible for; "… а не общо „от бюджета на отговорните институции“" denies that value."""
    last = max(plans)
    rows = plans[last].rows
    standard = "От бюджета на отговорните институции"

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    not_alone = {r.row_id for r in rows if r.goal == 1 and r.funding != standard}
    assert any(standard in rows_by_id.funding for rows_by_id in rows if rows_by_id.row_id in not_alone)
    assert found("Дейности по оперативна цел 1, освен тези финансирани изцяло от бюджета на отговорните институции.") == not_alone
    standard_cost = {r.row_id for r in rows if "ЕРС" in r.funding}  # "се покриват по ЕРС …": a source of the money
    assert standard_cost and found("Кои дейности се покриват по ЕРС за занимания по интереси?") == standard_cost
    exactly = {r.row_id for r in rows if r.funding == standard}  # "точно „…“, без друг източник"
    assert found("Колко дейности са с източник точно „от бюджета на отговорните институции“, без друг източник?") == exactly
    municipality = municipality_body(rows)
    paid = {r.row_id for r in rows if municipality in r.funding}  # "От бюджета на Община X", "… чрез Община X"
    assert paid and found(f"В кои дейности във финансирането изрично е посочена {municipality}?") == paid
    assert found(f"Колко дейности имат изрично посочено финансиране от бюджета на {municipality} или чрез общината, а не "
                 f"общо „от бюджета на отговорните институции“?") == paid  # fmt: skip


def test_a_bodys_rows_in_two_years_asked_with_has_anything_changed(retriever, plans):
    """ "С какви дейности е натоварена МКБППМН в плана за Y1 и в плана за Y2 – има ли разлика?" asks for that body's
    rows of both years (to compare them), not for every change of the plan."""
    first, last = min(plans), max(plans)
    both = [r for year in (first, last) for r in plans[year].rows]
    expected = {r.row_id for r in both if "МКБППМН" in r.responsible}
    result = retriever.search(f"С какви дейности е натоварена МКБППМН в плана за {first} и в плана за {last} – има ли разлика?", k=8)
    assert expected and not result.changes and {h.row.row_id for h in result.hits} == expected


def test_the_rows_of_a_deadline_and_how_it_changed_are_those_rows_not_the_diff(retriever, plans):
    """ "Кои дейности в плана за Y1 бяха със срок началото на учебната година и как се промени срокът им в плана за
    Y2?" selects rows by their deadline: those rows, each showing its own deadline, not the list of wording changes
    (which leaves out the expected shift of years in deadlines)."""
    first, last = min(plans), max(plans)
    start = {r.row_id for r in plans[first].rows if "началото на учебната" in r.deadline.lower()}
    result = retriever.search(f"Кои дейности в плана за {first} г. бяха със срок началото на учебната година и как се "
                              f"промени срокът им в плана за {last}?", k=8)  # fmt: skip
    assert start and not result.changes and result.whole is not None
    assert start <= {h.row.row_id for h in result.hits}


def test_a_councillors_formal_questions(retriever, plans):
    """A councillor's formal frame names no topic: "Във връзка с подготвяно питане към кмета моля да ми бъдат
    посочени всички дейности …, в чието изпълнение е ангажирана МКБППМН", "Моля да ми бъде предоставена информация в
    кои дейности участват …", "С оглед контрола върху общинската администрация моля за изчерпателен списък …";
    "планираните дейности за подкрепа на децата и учениците" is the plan itself; "Колко общо дейности обхваща
    оперативна цел 1" and "планът за Y, приет от Общинския съвет" count every row asked for."""
    first, last = min(plans), max(plans)
    rows = plans[last].rows

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    def of(body: str) -> set[str]:
        return {r.row_id for r in rows if body in r.responsible}

    assert of("МКБППМН") and found("Във връзка с подготвяно питане към кмета моля да ми бъдат посочени всички дейности от "
                                   "плана, в чието изпълнение е ангажирана МКБППМН.") == of("МКБППМН")  # fmt: skip
    assert found("Кои са дейностите, за които отговорност носи МКБППМН, съгласно действащия план за подкрепа за личностно "
                 "развитие на децата и учениците?") == of("МКБППМН")  # "съгласно действащия план": no topic  # fmt: skip
    police = next(name for r in rows for name in r.responsible if "МВР" in name)
    assert found(f"В кои от планираните дейности за подкрепа на децата и учениците е включено {police}?") == of(police)
    municipality = municipality_body(rows)
    assert found(f"С оглед контрола върху общинската администрация моля за изчерпателен списък на всички дейности в плана, "
                 f"където {municipality} е посочена сред отговорните институции – самостоятелно или съвместно с други.") == of(municipality)  # fmt: skip
    goal_one = {r.row_id for r in rows if r.goal == 1}
    assert found(f"Колко общо дейности обхваща Оперативна цел 1 в плана за {last} година?") == goal_one
    every = {r.row_id for r in plans[first].rows}
    assert found(f"Колко на брой дейности съдържаше планът за {first} г., приет от Общинския съвет?") == every


def test_a_body_left_out_said_after_its_verb(retriever, plans):
    """"В кои дейности на МКБППМН не участват детските градини?": the subject after "не участват" is left out, the
    body before it asked ("… детските градини не участват" leaves out the kindergartens as before)."""
    latest = plans[max(plans)]
    kindergartens = {name for r in latest.rows for name in r.responsible if name.startswith("Детски") or name == "ДГ"}
    wanted = {r.row_id for r in latest.rows if has("МКБППМН")(r) and not kindergartens & set(r.responsible)}
    assert wanted and wanted != {r.row_id for r in latest.rows if has("МКБППМН")(r)}
    result = retriever.search("В кои дейности на МКБППМН не участват детските градини?", k=8)
    assert {h.row.row_id for h in result.hits} == wanted


def test_bodies_in_general_called_organs_or_services(retriever, plans):
    """"някой от социалните или здравните органи – ДСП, ЦОП …": "органи" names bodies in general, like "институции",
    so the question lists every row of the bodies named, as "… институции – ДСП, ЦОП …" does."""
    latest = plans[max(plans)]
    wanted = {r.row_id for r in latest.rows if has("ДСП")(r) or has("ЦОП")(r)}
    assert wanted
    for noun in ("органи", "институции"):
        result = retriever.search(f"Дай ми всички дейности, в които участва някой от социалните {noun} – ДСП или ЦОП.", k=8)
        assert result.whole is not None and {h.row.row_id for h in result.hits} == wanted, noun


def test_a_filter_written_as_a_query(retriever, plans):
    """A dashboard's filters ("отговорник = …", "отговорни: … ИЛИ …", "отговорник съдържа …", "срок НЕ е …") and a
    spreadsheet's rows ("колко реда …") ask for every row the filter keeps, as the plain question would."""
    latest = plans[max(plans)]

    def found(question: str) -> set[str]:
        result = retriever.search(question, k=8)
        assert result.whole is not None, question
        return {h.row.row_id for h in result.hits}

    commission = {r.row_id for r in latest.rows if has("МКБППМН")(r)}
    assert commission and found("филтър: отговорник = МКБППМН") == commission
    assert found("филтър: отговорник съдържа МКБППМН") == commission
    start = {r.row_id for r in latest.rows if r.deadline.lower().startswith("началото на учебната")}
    assert start and found("редове със срок = началото на учебната година") == start
    either = {r.row_id for r in latest.rows if has("МКБППМН")(r) or has("МВР")(r)}
    assert found("отговорни: полиция ИЛИ МКБППМН") == either
    kindergartens_alone = {r.row_id for r in latest.rows if tuple(r.responsible) == ("Детски градини",)}
    assert kindergartens_alone and found("филтър: отговорник = само детски градини (единствен отговорник)") == kindergartens_alone
    municipality = municipality_body(latest.rows)
    assert found(f"Колко реда в плана имат за отговорник общината ({municipality})?") == {
        r.row_id for r in latest.rows if municipality in r.responsible}
    not_december = {r.row_id for r in latest.rows if "декември" not in r.deadline.lower()}
    assert not_december and found(f"всички редове, чийто срок НЕ е декември {max(plans)}") == not_december
    value = "От бюджета на отговорните институции"
    exactly = {r.row_id for r in latest.rows if r.funding.strip() == value}
    assert exactly and found(f"колко реда са с финансиране точно „{value}“, без добавки като проекти или ЕРС?") == exactly


@pytest.mark.parametrize("question", [
    "Относно финансирането: кой плаща логопеда на детето ми?",
    "Какъв е редът за записване на дете с увреждане в училище?",
])
def test_a_question_framed_like_a_filter_is_still_a_question(retriever, question):
    """A field and a colon before a question, and "редът за" (a procedure), ask no list of rows."""
    assert retriever.search(question).whole is None


def test_a_section_without_a_body_said_colloquially(retriever, plans):
    """ "мярка 1.5 само тези дето не са на общината" (and in chat Latin): "дето" is "които", "тези" the rows, so the
    measure's rows the municipality has no part in."""
    latest = plans[max(plans)]
    municipality = municipality_body(latest.rows)
    expected = {r.row_id for r in latest.rows if (r.goal, r.measure) == (1, 5) and municipality not in r.responsible}
    for question in ("мярка 1.5 само тези дето не са на общината", "myarka 1.5 samo tezi deto ne sa na obshtinata"):
        assert expected and {h.row.row_id for h in retriever.search(question, k=8).hits} == expected, question


def test_the_whole_table_of_one_year(retriever, plans):
    """ "Покажи ми всички дейности от плана за <year>, цялата таблица.": a spreadsheet's word frames the question, every
    row of that year's plan is listed."""
    year = min(plans)
    expected = {r.row_id for r in plans[year].rows}
    result = retriever.search(f"Покажи ми всички дейности от плана за {year} г., цялата таблица.", k=8)
    assert result.whole is not None and {h.row.row_id for h in result.hits} == expected


def test_rows_by_their_place_in_a_measure_a_goal_or_a_plan(retriever, plans):
    """ "Коя е първата дейност по мярка 1.3?", "последната мярка на цел 5", "третата и четвъртата дейност", "първите
    две мерки", "последната дейност в плана за <year>", "след мярка 3.5 до края на цел 3": the rows at those places."""
    latest, first = plans[max(plans)], plans[min(plans)]

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    def measures_of(goal: int) -> list[int]:
        return sorted({r.measure for r in latest.rows if r.goal == goal})

    goal, measure = next((r.goal, r.measure) for r in latest.rows if sum(o.measure == r.measure and o.goal == r.goal for o in latest.rows) >= 4)
    in_measure = [r for r in latest.rows if (r.goal, r.measure) == (goal, measure)]
    assert found(f"Коя е първата дейност по мярка {goal}.{measure} и кой отговаря за нея?") == {in_measure[0].row_id}
    assert found(f"Каво пише в третата и четвъртата дейност на мярка {goal}.{measure}?") == {in_measure[2].row_id, in_measure[3].row_id}
    last_goal = max(r.goal for r in latest.rows)
    last_measure = measures_of(last_goal)[-1]
    assert found(f"Какви дейности включва последната мярка на оперативна цел {last_goal}?") == {
        r.row_id for r in latest.rows if (r.goal, r.measure) == (last_goal, last_measure)}  # fmt: skip
    assert found(f"Дай ми дейностите от първите две мерки на оперативна цел {goal}.") == {
        r.row_id for r in latest.rows if r.goal == goal and r.measure in measures_of(goal)[:2]}  # fmt: skip
    assert found(f"Коя е последната дейност в плана за {first.year} г. и какъв резултат се очаква от нея?") == {first.rows[-1].row_id}
    wide = next(g for g in sorted({r.goal for r in latest.rows}) if len(measures_of(g)) >= 3)
    middle = measures_of(wide)[1]
    assert found(f"Кои са всички дейности след мярка {wide}.{middle} до края на цел {wide}?") == {
        r.row_id for r in latest.rows if r.goal == wide and r.measure > middle}  # fmt: skip
    # "последните дейности" are the latest, not a place; "първи клас" is a grade
    result = retriever.search("Кои са последните дейности за подкрепа на децата в първи клас?", k=5)
    assert result.whole is None


def test_measures_without_a_body_and_a_body_never_alone(retriever, plans):
    """ "Има ли мярка без нито една дейност на детските градини?": the whole measures none of whose rows is theirs;
    "Има ли дейности, за които отговаря само РУО?" when it never acts alone: said so, with its rows beside others."""
    latest = plans[max(plans)]
    kindergartens = {(r.goal, r.measure) for r in latest.rows if has("Детски градини")(r) or has("ДГ")(r)}
    wanted = {r.row_id for r in latest.rows if (r.goal, r.measure) not in kindergartens}
    result = retriever.search("Има ли мярка без нито една дейност на детските градини?", k=8)
    assert wanted and {h.row.row_id for h in result.hits} == wanted
    never_alone = next(
        name for r in latest.rows for name in r.responsible
        if name.isupper() and not any(o.responsible == (name,) for o in latest.rows)
    )  # fmt: skip
    answer = compose(retriever.search(f"Има ли дейности, за които отговаря само {never_alone}?", k=8))
    assert {c.row.row_id for c in answer.citations} == {r.row_id for r in latest.rows if never_alone in r.responsible}
    assert answer.text.startswith(messages.ANSWER_LIST_NEAREST)
    assert not verify(answer)


def test_a_body_and_a_topic_are_listed_only_when_the_rows_are_asked_for(retriever):
    """ "Кои дейности на общината са за даровитите деца?" lists; a parent's or teacher's "Какво правят училищата срещу
    тормоза?" and a story naming the school are ranked, as before."""
    assert retriever.search("Кои дейности на общината са за даровитите деца?", k=8).whole is not None
    assert retriever.search("Какво правят училищата срещу тормоза?").whole is None
    assert retriever.search("Дъщеря ми е много талантлива. Какво прави училището за даровитите деца?").whole is None


def test_places_are_counted_among_the_rows_asked_for(retriever, plans):
    """ "Коя е първата дейност, за която отговаря X?" is the first of X's rows; "от третата до последната дейност",
    "първата мярка на всяка цел", "първите шест дейности", "преди мярка N.1": the places among what the rest selects."""
    latest = plans[max(plans)]

    def found(question: str) -> list[str]:
        return sorted(h.row.row_id for h in retriever.search(question, k=8).hits)

    body = next(name for r in latest.rows for name in r.responsible
                if name.isupper() and sum(name in o.responsible for o in latest.rows) >= 2)  # fmt: skip
    assert found(f"Коя е първата дейност, за която отговаря {body}?") == [next(r.row_id for r in latest.rows if body in r.responsible)]
    goal, measure = next((r.goal, r.measure) for r in latest.rows if sum((o.goal, o.measure) == (r.goal, r.measure) for o in latest.rows) >= 7)
    in_measure = [r.row_id for r in latest.rows if (r.goal, r.measure) == (goal, measure)]
    assert found(f"Кои са дейностите от третата до последната дейност на мярка {goal}.{measure}?") == sorted(in_measure[2:])
    assert found(f"Кои са първите шест дейности по мярка {goal}.{measure}?") == sorted(in_measure[:6])
    first_measures = {(g, min(r.measure for r in latest.rows if r.goal == g)) for g in {r.goal for r in latest.rows}}
    assert found("Коя е първата мярка на всяка цел?") == sorted(r.row_id for r in latest.rows if (r.goal, r.measure) in first_measures)
    second = sorted({r.goal for r in latest.rows})[1]
    assert found(f"Кои дейности са преди мярка {second}.1?") == sorted(r.row_id for r in latest.rows if r.goal < second)
    # a body with the school as a place is no list of the schools' rows
    assert retriever.search(f"Кои дейности на {body} са за тормоза в училище?").whole is None


def test_whether_every_row_meets_a_condition(retriever, plans):
    """ "Всички ли дейности по цел N се финансират от …?": no, and the rows that do not; yes, and every row checked,
    when none fails."""
    latest = plans[max(plans)]
    goal, source = next((r.goal, r.funding) for r in latest.rows if r.funding and any(
        o.goal == r.goal and o.funding.lower() != r.funding.lower() for o in latest.rows))  # fmt: skip
    in_goal = [r for r in latest.rows if r.goal == goal]
    failing = {r.row_id for r in in_goal if source.lower() not in r.funding.lower()}
    answer = compose(retriever.search(f"Всички ли дейности по цел {goal} се финансират „{source}“?", k=8))
    assert {c.row.row_id for c in answer.citations} == failing
    assert answer.text.startswith(messages.OPEN_NOT_ALL.split("{")[0])
    assert activity_count(len(failing)) in answer.text
    assert not verify(answer)
    body, deadline = next((name, r.deadline) for r in latest.rows for name in r.responsible if name.isupper() and all(
        o.deadline == r.deadline for o in latest.rows if name in o.responsible))  # fmt: skip
    answer = compose(retriever.search(f"Вярно ли е, че всички дейности на {body} са със срок „{deadline}“?", k=8))
    assert {c.row.row_id for c in answer.citations} == {r.row_id for r in latest.rows if body in r.responsible}
    assert answer.text.startswith(messages.OPEN_ALL_MEET.split("{")[0])


def test_no_body_but_those_named_and_a_body_taking_part_in_anothers_rows(retriever, plans):
    """ "… заедно с училищата, без да е посочена друга институция освен ДГ и училищата": rows of exactly those two;
    "Кои дейности на детските градини са с участието на X или Y?": the kindergartens' rows either takes part in; "…
    институция извън детските градини и училищата" keeps the kindergartens asked."""
    latest = plans[max(plans)]
    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    alone = {r.row_id for r in latest.rows if kindergartens(r) and has("Училища")(r) and len(r.responsible) == 2}
    assert alone and found("Кои дейности изпълняваме заедно с училищата, без да е посочена друга институция освен "
                           "детските градини и училищата?") == alone  # fmt: skip
    first, second = "ЦОП", "ЦСРИ"
    either = {r.row_id for r in latest.rows if kindergartens(r) and (has(first)(r) or has(second)(r))}
    assert either and found(f"Кои дейности на детските градини са с участието на {first} или {second}?") == either
    beyond = {r.row_id for r in latest.rows if kindergartens(r) and any(
        not n.startswith(("Детски", "Училища")) for n in r.responsible)}  # fmt: skip
    assert found("Кои задачи на детските градини са съвместно с външен партньор – институция извън детските градини "
                 "и училищата?") == beyond  # fmt: skip


def test_a_funding_value_said_shorter_is_the_longer_too(retriever, plans):
    """ "само от бюджета на институциите" is also "от бюджета на отговорните институции": one word inside changes
    nothing said."""
    latest = plans[max(plans)]
    own = {r.row_id for r in latest.rows if r.funding.lower() in ("от бюджета на отговорните институции", "от бюджета на институциите")}
    found = {h.row.row_id for h in retriever.search("Кои дейности се финансират само от бюджета на институциите?", k=8).hits}
    assert own and found == own


def test_every_row_checked_in_other_words(retriever, plans):
    """ "Участва ли X във всички дейности по цел N?", "X участва само в дейности по цел N?", "X винаги отговаря заедно
    с Y?", "всички дейности по цел N имат посочен източник на финансиране?": the rows that fail, or all when none does."""
    latest = plans[max(plans)]

    def cited(question: str) -> set[str]:
        return cited_rows(retriever, question)

    municipality = municipality_body(latest.rows)
    goal = goal_lacking(latest.rows, municipality)
    assert cited(f"Участва ли общината във всички дейности по оперативна цел {goal}?") == {
        r.row_id for r in latest.rows if r.goal == goal and municipality not in r.responsible}  # fmt: skip
    body = next(name for r in latest.rows for name in r.responsible if name.isupper()
                and len({o.goal for o in latest.rows if name in o.responsible}) > 1)  # fmt: skip
    its_goal = next(r.goal for r in latest.rows if body in r.responsible)
    assert cited(f"Вярно ли е, че {body} участва само в дейности по оперативна цел {its_goal}?") == {
        r.row_id for r in latest.rows if body in r.responsible and r.goal != its_goal}  # fmt: skip
    partner = next(name for r in latest.rows if body in r.responsible for name in r.responsible if name != body)
    assert cited(f"Вярно ли е, че {body} винаги отговаря заедно с {partner}?") == {
        r.row_id for r in latest.rows if body in r.responsible and partner not in r.responsible} or {
        r.row_id for r in latest.rows if body in r.responsible}  # fmt: skip
    unfunded_goal = next(r.goal for r in latest.rows if r.funding.lower() == "неприложимо")
    assert cited(f"Вярно ли е, че всички дейности по оперативна цел {unfunded_goal} имат посочен източник на финансиране?") == {
        r.row_id for r in latest.rows if r.goal == unfunded_goal and r.funding.lower() in ("неприложимо", "")}  # fmt: skip


def test_bodies_and_deadlines_said_against_others(retriever, plans):
    """ "само за детските градини, а не за училищата"; "освен училищата и детските градини участва и друга институция";
    "още с първия звънец, а не чак към декември"; "до края на октомври" with no row due in October: what is due by then."""
    latest = plans[max(plans)]

    def found(question: str) -> set[str]:
        return {h.row.row_id for h in retriever.search(question, k=8).hits}

    assert found("Кое в плана е само за детските градини, а не за училищата?") == {
        r.row_id for r in latest.rows if kindergartens(r) and not has("Училища")(r)}  # fmt: skip
    started = {r.row_id for r in latest.rows if r.deadline.lower().startswith("началото на учебната")}
    assert found(f"Септември {latest.year} – какво трябва да е готово още с първия звънец, а не чак към декември?") == started
    assert found("Какво трябва да е готово до края на октомври?") == started
    with_another = {r.row_id for r in latest.rows if r.row_id in started and any(
        not n.startswith(("Детски", "ДГ", "Училища")) for n in r.responsible) and (kindergartens(r) or has("Училища")(r))}  # fmt: skip
    assert found(f"Има ли дейност със срок началото на учебната {latest.year}/{latest.year + 1} г., в която освен училищата "
                 "и детските градини участва и друга институция?") == with_another  # fmt: skip


def test_every_row_checks_keep_the_plans_and_bodies_said_together(retriever, plans):
    """ "… и в двата плана": both plans' rows are checked; "училищата и детските градини" in a check are both of them;
    "Всички ли дейности на детските градини са с участието на училищата?" checks a body against another."""
    latest, first = plans[max(plans)], plans[min(plans)]

    def cited(question: str) -> set[str]:
        return cited_rows(retriever, question)

    municipality = municipality_body(latest.rows)
    goal = goal_lacking(latest.rows, municipality)
    assert cited(f"Участва ли общината във всички дейности по цел {goal} и в двата плана?") == {
        r.row_id for r in (*first.rows, *latest.rows) if r.goal == goal and not any(n.startswith("Община") for n in r.responsible)}  # fmt: skip

    both_goal = next(g for g in sorted({r.goal for r in latest.rows}) if any(
        not (kindergartens(r) and has("Училища")(r)) for r in latest.rows if r.goal == g))  # fmt: skip
    assert cited(f"Участват ли училищата и детските градини във всички дейности по цел {both_goal}?") == {
        r.row_id for r in latest.rows if r.goal == both_goal and not (kindergartens(r) and has("Училища")(r))}  # fmt: skip
    assert cited("Всички ли дейности на детските градини са с участието на училищата?") == {
        r.row_id for r in latest.rows if kindergartens(r) and not has("Училища")(r)}  # fmt: skip


def test_every_row_checks_said_with_two_negations_or_two_bodies_taking_part(retriever, plans):
    """ "Никоя ли дейност по цел N не минава без участието на училищата?" asks whether every row has them; "всички
    дейности по цел N са с участието на ДГ и училищата" checks both bodies in each row, not either."""
    latest = plans[max(plans)]

    def cited(question: str) -> set[str]:
        return cited_rows(retriever, question)

    goal = next(g for g in sorted({r.goal for r in latest.rows}) if all(has("Училища")(r) for r in latest.rows if r.goal == g))
    assert cited(f"Никоя ли дейност по цел {goal} не минава без участието на училищата?") == {
        r.row_id for r in latest.rows if r.goal == goal}  # fmt: skip
    mixed = next(g for g in sorted({r.goal for r in latest.rows}) if any(
        kindergartens(r) != has("Училища")(r) for r in latest.rows if r.goal == g))  # fmt: skip
    assert cited(f"Вярно ли е, че всички дейности по цел {mixed} са с участието на ДГ и училищата?") == {
        r.row_id for r in latest.rows if r.goal == mixed and not (kindergartens(r) and has("Училища")(r))}  # fmt: skip


def test_a_date_told_in_a_story_selects_no_rows(retriever):
    """ "Синът ми е записан на логопед до края на ноември. Какво друго има за деца със заекване?": the speech rows, not
    what is due by November."""
    hits = retriever.search("Синът ми е записан на логопед до края на ноември. Какво друго има за деца със заекване?").hits
    assert hits and "логопед" in hits[0].row.activity.lower() and not hits[0].evidence.field_match


def test_a_difference_in_number_is_each_plans_count_and_no_source_at_all_is_a_blank_cell(retriever, plans):
    """ "Има ли разлика в броя на дейностите между Y1 и Y2?" states each plan's count; "с „неприложимо“ или без никакъв
    посочен източник" is both the value and the blank cell."""
    first, latest = plans[min(plans)], plans[max(plans)]
    question = f"Има ли разлика в броя на дейностите между {first.year} и {latest.year}?"
    answer = compose(retriever.search(question, k=8))
    assert {c.row.row_id for c in answer.citations} == {r.row_id for r in (*first.rows, *latest.rows)}
    assert activity_count(len(first.rows)) in answer.text and activity_count(len(latest.rows)) in answer.text
    # ... and a topic the plans never name is no count of the whole plan
    assert retriever.search("Колко дейности за роботика има в плана?").whole is None
    blank = {r.row_id for r in latest.rows if not r.funding.strip()}
    unfunded = {r.row_id for r in latest.rows if r.funding.strip().lower() == "неприложимо"}
    assert blank and unfunded and cited_rows(
        retriever, "Колко дейности са без финансиране – с „неприложимо“ или без никакъв посочен източник?") == blank | unfunded  # fmt: skip


def test_words_mentioned_either_with_a_body_or_said_after(retriever, plans):
    """ "споменават родителите или семейството" is either word; "в чието описание се споменават родителите, са с
    отговорност и на общината" is both conditions; "засягат родителите – споменати в описанието на дейността" too."""
    latest = plans[max(plans)]

    def naming(*stems: str) -> set[str]:
        return {r.row_id for r in latest.rows if any(stem in r.activity.lower() for stem in stems)}

    either = naming("родител", "семейств")
    assert either > naming("родител") and cited_rows(
        retriever, "Кои дейности в плана споменават родителите или семейството в самото описание на дейността?") == either  # fmt: skip
    municipality = municipality_body(latest.rows)
    with_body = {r.row_id for r in latest.rows if r.row_id in naming("родител") and municipality in r.responsible}
    assert with_body and cited_rows(
        retriever, "Кои от дейностите, в които се споменават родителите, са с отговорност и на общината?") == with_body  # fmt: skip
    assert cited_rows(retriever, "Колко дейности засягат родителите – споменати в описанието на дейността?") == naming("родител")
