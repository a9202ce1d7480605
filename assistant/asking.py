"""How a question asks, read from its Bulgarian wording alone (no rows): which sentence asks and
what the asker tells before it, whether it tells one child's case, and the words that frame it.

Whole-plan questions (whole.py) read this to tell "Подготвям отчет за общинския съвет. Покажи
всички дейности на РУО" (a list asked for, the first sentence context) from "Дъщеря ми е на 14 …
Училището може ли да направи нещо?" (one child's case, never a list of the school's rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.catalog import STEM
from assistant.glossary import expansion_of, frame_words
from assistant.lexical import STOPWORDS
from assistant.text import sentences, words
from assistant.understand import PLAN_AGE_PHRASES, Query, QuestionKind, self_introductions

# after "всички": not the people who do something to someone ("всички ме натискат", "всички ни гледат"), which asks
# for no rows ("всички им дейности" keeps its possessive)
NOT_PEOPLE_DOING = r"(?!\s+(?:ме|ни|ви|го|я|ги|ми)(?!\w))"
# a filter written as a query: "филтър: отговорник = МКБППМН", "отговорни: полиция или МКБППМН", "източник на
# финансиране съдържа „…“", "срок = декември"; a field and a colon only opening the question, and not before a question
# ("Относно финансирането: кой плаща логопеда?", "Срокове: до кога …" ask)
_FILTERED_FIELD = r"(?:отговорни\w*|институци\w*|финансиран\w*|източни(?:к|ци)\w*)"
FILTER_NOTATION = (
    rf"филтър\s*:|{_FILTERED_FIELD}\s*(?:=|\s+съдържа(?:т)?(?!\w))|срок\w*\s*="
    rf"|^\s*{_FILTERED_FIELD}\s*:(?!\s*(?:как|какво|какви|кой|коя|кое|кои|кога|къде|защо|дали|има|може|трябва)(?!\w))"
)
# A question for a set of rows, or for their number
ASKS_FOR_A_SET = re.compile(
    rf"(?<!\w)(?:{FILTER_NOTATION}|всички{NOT_PEOPLE_DOING}|всичко|кои|кое|коя|какви|колко|брой|списък|изброй|изброи|изброе|изреди|изреде|покажи|какво|задължени|ангажимент|ангажиран"
    r"|отговорност|като\s+отговор|къде|в кои|при кои|за кои|дейностите|дейности на|задачи|роля|поел|пада|нещо|някъде|някоя\s+дейност|някои\s+дейности|има\s+ли\s+(?:\w+\s+)?дейност)",
    re.IGNORECASE,
)  # "задачите на полицията", "ролята на РУО", "с какво е ангажиран …", "какво е поела …", "какво се пада на …",
# "има ли дейности с читалищата"
# a parent asking about their own child wants what fits the child, never a list of a body's rows
_OWN_CHILD = re.compile(
    r"(?<!\w)(?:(?:дете|детенце|син|сина|синът|дъщеря|внук|внука|внукът|внучка|момче|момченце|момиче|момиченце)\w*"
    r"\s+(?:ми|ни)|моето дете|моят син|моята дъщеря|приемното ни"
    r"|\w+(?:ият|ия|ата|ото)\s+(?:ми|ни)\s+(?:син|дъщеря|дете|внук|внучка|момче|момиче))(?!\w)"  # "малкият ми син"
    # one child's age told: "момичето е на 14 и го женят, какво прави училището"
    r"|(?<!\w)(?:детето|момчето|момичето|момиченцето|момченцето|малкият|малката|синът|дъщерята|внукът|внучката|ученикът"
    r"|ученичката)\s+(?:е|беше)\s+на\s+\d+(?!\w)"
    # a pupil's own age or class: "на 16 съм и …", "в 10 клас съм"
    r"|(?<!\w)(?:на\s+\d+\s+(?:години\s+|г\.\s*)?съм|съм\s+на\s+\d+|(?:в|във)\s+\d+\w*\s+клас\s+съм|съм\s+(?:в|във)\s+\d+\w*\s+клас)(?!\w)"
    # one child, told of first: "дете не е записано в никакво училище, какво правим" (no request for the schools' rows)
    r"|^\s*(?:едно\s+)?(?:дете|детето|момче|момчето|момиче|момичето|ученик|ученикът|ученичка|ученичката)"
    r"\s+(?:не\s+)?(?:е|беше|ходи|идва|има|няма|стои|спря)(?!\w)"
)
# someone a story is about: a child, a pupil, a family, a person (not only a meeting or a report)
_SOMEONE = re.compile(
    r"(?<!\w)(?:дет|деца|син|сина|дъщер|внук|внуч|момче|момич|малк|голям|ученик|ученич|учениц|бебе|семейств|майк|баща|родител"
    r"|съпруг|мъж|жена|баба|дядо|племен|брат|сестр|приятел|съсед|учителк|госпож|класна|класния)"  # "учителката казва …"
    # ... or of a whole class or group: "В класа петима не могат да четат.", "в групата трима не говорят"
    r"|(?<!\w)(?:класа|класът|групата|двама|трима|четирима|петима|шестима|седмина)(?!\w)"
    r"|(?<!\w)(?:той|тя|те|него|нея|тях|го|я|ги|му|й|ѝ|им|ми|ни|мой|моя|моят|моето)(?!\w)"
)
# "кои" asking who steps in on the case told names no rows: "… не е идвала месец. С кои институции се свързва?"
_WHO_STEPS_IN = r"\s+(?:институци|служб|специалист|хора)\w*\s+(?:се\s+)?(?:свързва|търс|намес|сигнализ|уведом|обажд)"
# the asking sentence names rows or duties: "кои дейности", "за какво отговарят", "ролята на"
_NAMES_ROWS = re.compile(
    rf"(?<!\w)(?:(?:кои|кое|коя)(?!то)(?!{_WHO_STEPS_IN})|всички{NOT_PEOPLE_DOING}|всичко|изброй|списък|покажи|дейност|задач|ангажимент|ангажира|отговар|отговорн|роля|ролята"
    r"|включва|предвижда|участ|мерк|цел|неща|фигурир|посочен\w*\s+(?:като|сред))"
)
# the asking sentence points back at the story told before it: "Какво предвижда общината за такива деца?"
_BACK_TO_STORY = re.compile(r"(?<!\w)(?:такива|такова|такъв|такава|подобн\w*|срещу това|за него|за нея|на него|на нея|за тях|на тях|с тях)(?!\w)")
# the asking sentence asks for a list or a number of rows: "Колко дейности …", "кои са дейностите", "изброй"
LISTS_ROWS = re.compile(
    rf"(?<!\w)(?:{FILTER_NOTATION}|всички{NOT_PEOPLE_DOING}|всичко|изброй\w*|списък|колко|кои\s+(?:са\s+|от\s+)?(?:дейност|мерк|задач)"
    r"|(?:изведе|изведи|посоче|посочи|покаж|дай|дайте)\w*\s+(?:ми\s+|ни\s+)?(?:\w+\s+)?(?:дейност|мерк|задач)"  # "Изведете дейностите, в които …"
    r"|кои\s+(?:дейности\s+)?остават(?!\w))"  # the rest asked for: "… без тези по мярка 1.5 – кои остават?"
)
# the asker and their own body: "нас", "наш…", "участваме"
_FIRST_PERSON_WORDS = r"нас|ние|ни|наш\w*|сме|участваме|отговаряме|имаме"
FIRST_PERSON = re.compile(rf"(?<!\w)(?:{_FIRST_PERSON_WORDS}|работим)(?!\w)")
# a body named only before the question counts when the question points back at it ("… с негово участие")
_POINTS_BACK = re.compile(
    # (a goal's own, "по цел 3 – по всички нейни мерки", points at the goal)
    r"(?<!\w)(?:(?:негов\w*|нейн\w*)(?!\s+(?:мерки|мерките|цели|целите)(?!\w))"
    rf"|тя|той|(?<!(?<!\w)са\s)те|тях|нея|него|техн\w*|тяхн\w*|там|{_FIRST_PERSON_WORDS})(?!\w)"
    r"|(?<!\w)(?:са|е)\s+(?:ѝ|й|им)\s+(?:възложен\w*|поверен\w*|даден\w*|определен\w*)"  # "… са ѝ възложени"
    r"|(?<!\w)(?:са|е)\s+(?:посочен\w*|включен\w*|записан\w*)(?=\s*[?.!]?\s*$)"
)  # a passive ending the question has them for subject: "… съкращението НПО. В кои дейности са посочени?"
# who pays, asked without the usual funding words: "поемат финансово от училищата", projects named as
# the money ("разчита и на външни проекти")
_PAID_BY = re.compile(r"(?<!\w)(?:финансово\s+от|(?:външни|европейски|донорски)\s+(?:проекти|програми))(?!\w)")
# "Детето ми ходи в ЦСРИ. … Искам всичко, където ги има.": a parent may still ask for every row
# the plans' own name is no topic: "Кои дейности от плана за подкрепа на личностното развитие са и за нас?"
_PLAN_NAME = re.compile(
    r"(?<!\w)(?:за|на)\s+подкрепа\w*\s+(?:за|на)\s+личностно\w*\s+развитие(?:\s+на\s+деца\w*(?:\s+и\s+ученици\w*)?)?"
    r"|(?<=план)(?:а|ът|ове|овете)?\s+за\s+подкрепа(?:та)?(?=\s*[?.!,;]|\s*$)"  # its short name: "по плана за подкрепа?"
    # ... or what it is for: "В кои от планираните дейности за подкрепа на децата и учениците е включено РУ на МВР?"
    r"|(?<=дейности)\s+за\s+подкрепа\s+на\s+(?:децата\s+и\s+учениците|деца\s+и\s+ученици)(?=\s*[?.!,;]|\s+(?:е|са|се|има)\s)"
    # ... and its adoption: "планът за 2023 г., приет от Общинския съвет"
    r"|(?<!\w)(?:приет|приета|приетия|приетият|утвърден\w*|одобрен\w*)\s+(?:с\s+решение\s+)?(?:на|от)\s+общинския\s+съвет(?!\w)"
)
# "Добър ден,", "Здравейте,"; "Поздрави, Д. Петкова, дирекция …", "Благодаря предварително, ст. експерт …";
# "Уважаеми колеги,", "моля за информация"; "за заседание на Общинския съвет", "Във връзка с предстоящата
# работна среща с РУ – Казанлък бих искала …": the event the asker prepares for
# a closing with its signature, to the end: "… Поздрави, Експертна група „Образование“, Община X"
_CLOSING = re.compile(
    r"[.!?,]\s*(?:поздрави|с\s+уважение|благодар(?:я|им)(?:\s+предварително)?|предварително\s+благодар(?:я|им)|поздрав)(?!\w)[^?]*$"
)
_ASKERS_FRAME = re.compile(
    r"^\s*(?:добър\s+ден|здравейте|здравей|добро\s+утро|добър\s+вечер|уважаем\w*(?:\s+[\w.-]+){0,3}?)\s*[,!.]"
    rf"|{_CLOSING.pattern}"
    r"|(?<!\w)(?:за|на|пред)\s+(?:заседание(?:то)?\s+на\s+)?общинския\s+съвет(?!\w)"
    r"|(?<!\w)(?:във\s+връзка\s+с|за|преди|пред)\s+предстоящ\w*\s+(?:\w+\s+)?(?:среща\w*|заседание\w*|проверка\w*|събрание\w*|отчет\w*)"
    r"(?:\s+(?:с|със|на)\s+[^,.;:!?]*?)?(?=\s+(?:бих|искам|искаме|моля|ми|ни|трябва)(?!\w)|[,.;:!?]|$)"
    r"|(?<!\w)(?:подготвям|подготвяме|събирам|събираме|(?:ми|ни)\s+трябва|моля(?:\s+ви)?\s+за|искам|търся)\s+информация(?!\w)"
    r"|(?<!\w)(?:помолиха|поискаха|попитаха|изискаха)\s+(?:\w+\s+)?(?:за\s+)?информация(?!\w)"  # "от РУО ни помолиха за информация"
    r"|(?<!\w)(?:да\s+)?(?:ми|ни)?\s*(?:бъде|бъдат)\s+(?:предоставен\w*|изпратен\w*|дадена|дадени)(?:\s+информация)?(?!\w)"  # "моля да ми бъде предоставена информация"
    # a councillor's purpose: "Във връзка с подготвяно питане към кмета", "С оглед контрола върху общинската администрация"
    r"|(?<!\w)(?:във\s+връзка\s+с|за)\s+(?:\w+\s+)?(?:питане|запитване)\w*(?:\s+(?:към|до)\s+\w+)?"
    r"|(?<!\w)с\s+оглед\s+(?:на\s+)?контрола\s+(?:върху|над)\s+[^,.;:!?]*"
    # "искаме да имаме пред себе си всичко"; a body described by what it does ("комисията …, дето се
    # занимава с противообществените прояви")
    r"|(?<!\w)пред\s+себе\s+си(?!\w)"
    r"|(?<!\w)(?:дето|която|който|що|които)\s+(?:се\s+)?(?:занимава\w*|грижи|грижат)\s+(?:с|със|за)\s+[^,.;:!?]*"
    # "Във връзка с изготвянето на годишния отчет на комисията"
    r"|(?<!\w)(?:във\s+връзка\s+с|за)\s+(?:изготвяне\w*|подготов\w*|подготвяне\w*)\s+на\s+(?:\w+\s+){0,2}?(?:отчет|доклад|справк|анализ)\w*"
    r"(?:\s+на\s+\w+)?"
)
STORY_WORDS = 4  # a sentence before the question this long tells a story ("През 2023 г." does not)


def word_pairs(text: str) -> set[tuple[str, str]]:
    """Neighbouring content words (as stems) of a text."""
    stems = [w[:STEM] for w in words(text.lower()) if len(w) > 3 and w not in STOPWORDS]
    return set(zip(stems, stems[1:], strict=False))


@lru_cache(maxsize=1)
def frame_stems() -> frozenset[str]:
    """Stems of the words that frame a whole-plan question (data/frame_words.tsv): never its topic."""
    return frozenset(w[:STEM] for w in frame_words())


def content_stems(said: Iterable[str]) -> set[str]:
    """Stems of these words that can name a topic: no short, function or frame words."""
    return {w[:STEM] for w in said if len(w) > 3 and w not in STOPWORDS and w[:STEM] not in frame_stems()}


def asked_stems(query: Query) -> set[str]:
    """Stems of the question's own content words (no function or frame words)."""
    return content_stems(words(query.field_text))


_LEAVING_OUT = ("без", "освен")  # "само ДГ, без училищата" names nothing but bodies


def only_names(query: Query, bodies: set[str]) -> bool:
    """Whether the question is nothing but the bodies' names ("РУО?", "ОДК", "само ДГ, без училищата"), in
    any form ("училищата" names "Училища")."""
    named = {w[:STEM] for name in (*bodies, *query.institutions) for w in words(name.lower())}
    return not [w for w in words(query.text) if w[:STEM] not in named and w not in STOPWORDS and w not in _LEAVING_OUT]


def asks_funding(query: Query) -> bool:
    """Whether the question asks about the money: no funding, a funding value, or who pays."""
    return query.empty_funding or query.unfunded or QuestionKind.FUNDING in query.asks or bool(_PAID_BY.search(query.text))


def asking_text(text: str, context: list[str] | None = None) -> str:
    """The question without the sentences told before it (`context`, as told_and_introduced tells them),
    as it stands in the text: no spaces left where the told sentences were."""
    for sentence in told_and_introduced(text)[0] if context is None else context:
        text = text.replace(sentence, " ", 1)
    return text.strip()


def points_back(asking: str, told: set[str], by_name: bool = True) -> bool:
    """Whether the question refers to bodies named only before it: by a pronoun ("с негово участие",
    "сме записани") or, `by_name`, by a noun of their name ("… Местната комисия за борба … . Дай ми
    дейностите, в които комисията е отговорна")."""
    if _POINTS_BACK.search(asking):
        return True
    return by_name and bool(name_stems_said(asking, told))


def name_stems_said(asking: str, told: set[str]) -> set[str]:
    """The stems of the bodies' names (abbreviations spelled out) that the question says again."""
    named = {w[:STEM] for name in told for part in (name, *(expansion_of().get(t, "") for t in name.split()))
             for w in words(part) if len(w) > 3 and w not in STOPWORDS}  # fmt: skip
    return {w[:STEM] for w in words(asking) if len(w) > 3 and w[:STEM] in named and w[:STEM] not in frame_stems()}


def tells_a_case(text: str) -> bool:
    """Whether the asker tells of one child's case: their own child in the asking sentence, or a story
    before a question that names no rows ("Дъщеря ми е на 14 … Училището може ли да направи нещо?",
    "голямата … няма да ходи на училище … има ли някой в училището дето работи с такива деца"). Such a
    question wants what fits the case, never every row of the body it names; "Детето ми посещава
    ЦСРИ. За какво отговарят ЦОП и ЦСРИ?" still asks for rows, and a self-introduction is no story."""
    context, introductions = told_and_introduced(text)
    asking = asking_text(text, context)
    if _OWN_CHILD.search(asking):
        return True
    # a story is about someone: "Утре имаме среща с регионалното управление на образованието." tells none
    told = [s for s in context if len(words(s)) >= STORY_WORDS and not any(s in part or part in s for part in introductions)
            and _SOMEONE.search(s.lower())]  # fmt: skip
    return bool(told) and (not _NAMES_ROWS.search(asking.lower()) or bool(_BACK_TO_STORY.search(asking.lower())))


def told_and_introduced(text: str) -> tuple[list[str], list[str]]:
    """What the asker says besides asking: the sentences before the one that asks for rows
    ("Подготвям отчет за общинския съвет. Покажи ми …"), and every self-introduction ("учителка съм
    в детска градина и …", "педагогически съветник съм"). Their words are no topic unless they name
    a glossary concept ("Синът ми е с аутизъм. Какво правят училищата?" stays a question about
    autism); in a self-introduction, a role never is ("съветник", "инспектор")."""
    parts = _sentences(text)
    # a telling before a dash asks nothing ("… забелязах, че за някои дейности графата е празна – кои са …")
    tellings = {part for s in _plain_sentences(text) for part in _told_before_a_dash(s)[:-1]}
    # a lead-in ending in ":" introduces the question ("… ми трябва пълен списък: кои дейности …")
    asking_rows = [i for i, s in enumerate(parts) if ASKS_FOR_A_SET.search(s) and s not in tellings
                   and not (s.rstrip().endswith(":") and i < len(parts) - 1)]  # fmt: skip
    # a statement before a question that asks for rows ("… търсим къде можем да се включим с проекти.
    # Кои дейности …?") is context, though it has a question word
    # ... and so is one telling what the asker prepares, before a request ("… и искам да подготвя справка за всички
    # наши общи ангажименти. Моля, изброете всички дейности, за които …")
    questions = [i for i in asking_rows if (parts[i].rstrip().endswith("?") or _REQUEST.match(parts[i]))
                 and LISTS_ROWS.search(parts[i].lower())]  # fmt: skip
    first = parts[asking_rows[0]] if asking_rows else ""
    # (one that asks for the activities itself is asked: "Подготвям информация … и ми трябват всички дейности, за
    # които … . Моля, изпратете пълния списък.")
    telling = bool(_TELLING.search(first)) and not _REQUEST.match(first) and not _ROWS_NAMED.search(first)
    if questions and not first.rstrip().endswith("?") and (not LISTS_ROWS.search(first.lower()) or telling):
        asking_rows = questions
    # the first sentence asking for rows; what follows it ("Искам всички.", "изброй ги") is no context
    asking = asking_rows[0] if asking_rows else len(parts) - 1
    # a question before it is part of what is asked ("Читалищата включени ли са някъде? В кои дейности?")
    return [s for s in parts[:asking] if not s.rstrip().endswith("?")], self_introductions(text)


# the asker telling what they do, then a dash and the question: "Готвя статия за … – в двата плана кои
# дейности …", "правим материал за безопасността - в кои дейности …" (a name before a dash is no telling:
# "Общински детски комплекс (ОДК) – в кои дейности е отговорник?")
_TELLING = re.compile(
    r"(?<!\w)(?:готвя|готвим|пиша|пишем|подготвям|подготвяме|изготвям|изготвяме|събирам|събираме|разглеждам|разглеждаме"
    r"|да\s+подготвя|да\s+изготвя|прегледах|прегледахме|търся|търсим|правя|правим|видях|видяхме|чух|чухме|четох|прочетох|прочетохме|гледам|гледаме"
    r"|планирам|планираме|организирам|организираме|обсъждаме|подготвяме\s+се|готвим\s+се"
    r"|забелязах|забелязахме|установих|установихме|констатирах|констатирахме|координирам|координираме)(?!\w)",
    re.IGNORECASE,
)
_ROWS_NAMED = re.compile(r"(?<!\w)(?:дейност|мерки|мярк|редове|редовете)\w*", re.IGNORECASE)
# a request for rows in the words of a letter: "Моля, изброете …", "Бихте ли посочили …", "Интересува ме кои …"
_REQUEST = re.compile(
    r"^\s*(?:моля(?!\s+ви\s+се)|бихте\s+ли|бих(?:ме)?\s+искал\w*|изброй(?:те)?|изброете|покажи(?:те)?|покажете|посочи(?:те)?"
    r"|посочете|дай|дайте|предостави(?:те)?|предоставете|интересува\s+ме|интересуват\s+ме|искам\s+да\s+(?:знам|видя|получа|науча)"
    r"|нужн\w*\s+ми\s+е|трябва\s+ми)(?!\w)",
    re.IGNORECASE,
)  # imperatives only: "Посочените в плана дейности …" tells
_DASH_BEFORE_QUESTION = re.compile(r"\s+[–—-]\s+(?=(?:\w+\s+){0,4}?(?:кои|кое|коя|колко|какви|какво)(?!\w))", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    """The sentences of a question, a telling before a dash split from the question after it."""
    return [part for s in _plain_sentences(text) for part in _told_before_a_dash(s)]


def _plain_sentences(text: str) -> list[str]:
    return sentences(text, ends=".!?:")


def _told_before_a_dash(sentence: str) -> list[str]:
    """A sentence, or the telling before a dash and the question after it."""
    dash = _DASH_BEFORE_QUESTION.search(sentence)
    # ... not one's own child's story ("Видях, че бият детето ми – кои дейности имат училищата?")
    if dash and _TELLING.search(sentence[: dash.start()]) and not _OWN_CHILD.search(sentence[: dash.start()]):
        return [sentence[: dash.start()], sentence[dash.end() :]]
    return [sentence]


# a sentence after the question that adds to it: "И на училищата.", "Също тези на РУО.", "Интересуват ме и училищата."
_ADDS = re.compile(
    r"^\s*(?:и|а|също|още|плюс)(?!\w)|(?<!\w)(?:също|тези|онези|тях|включ\w*|добав\w*)(?!\w)"
    r"|(?<!\w)(?:ме|ни|искам|искаме)\s+и(?!\w)",  # "Интересуват ме и училищата.", "Включете и училищата."
    re.IGNORECASE,
)


def told_after(text: str) -> list[str]:
    """Statements after the sentence that asks ("… в коя дейност участват? питат дали да ги викаме в
    училището"): they tell, they do not ask, nor add to what is asked."""
    sentences = _sentences(text)
    asking = [i for i, s in enumerate(sentences) if s.rstrip().endswith("?") or ASKS_FOR_A_SET.search(s)]
    if not asking:
        return []
    return [s for s in sentences[asking[0] + 1 :] if not (s.rstrip().endswith("?") or ASKS_FOR_A_SET.search(s) or _ADDS.search(s))]


# why the asker asks, said inside the sentence: "тъй като кадровото осигуряване е сред най-острите проблеми,
# моля …", "с оглед на подготовката за новата учебна година", "във връзка с предстоящия отчет за …", "в
# качеството си на общински съветник", "за да преценим дали …" (a cause or a purpose, not what is asked);
# what they say does not matter: "независимо от мярката, към която принадлежат"; and a formal request's
# verbs and address ("моля да ни представите списъка", "Уважаеми господин председател")
_ASIDE = re.compile(
    r"(?<!\w)(?:тъй\s+като|понеже|с\s+оглед\s+на|в\s+качеството\s+си\s+на"
    # "защото искам да си координираме …": the asker's own reason (not "защото при финансирането им стои …")
    r"|защото\s+(?=(?:искам|искаме|трябва|ще|имам|имаме|подготвям|подготвяме|пиша|пишем|(?:ни|ми)\s+(?:трябва|е\s+нужно))(?!\w))"
    r"|във\s+връзка\s+с\s+(?=(?:предстоящ|подготовк|изготвян|проектобюджет|отчет|заседани|доклад|проверк|сесия|запитван|искане|анализ|планиран|организиран))"
    r"|за\s+да\s+(?=(?:(?:ги\s+|го\s+)?(?:съгласуваме|съгласувам|координираме|координирам)|преценим|прецени|преценя|видим|видя|знаем|знам|разберем|разбера|подготвим|отчетем|информираме|планираме|мога|можем"
    r"|изискам|изискаме|поискам|поискаме|опиша|опишем|включим|включа|(?:го\s+|ги\s+)?(?:приложа|приложим|сравня|сравним"
    r"|съпоставя|съпоставим|представя|представим|докладвам|докладваме|изпратя|изпратим|предам|предадем|проверя|проверим))(?!\w)))"
    r"(?:(?!\s(?:моля|бих|кои|колко|какви|изброй\w*|посочете|покажи)(?!\w))[^,.;:!?])*"  # up to the request
    r"|(?<!\w)(?:независимо\s+от|без\s+значение\s+(?:от|с|дали))\s+[^,.;:!?]*(?:,\s*(?:към|в|на)\s+(?:която|който|които|кое)\s+[^,.;:!?]*)?"
    r"|(?<!\w)(?:да\s+)?(?:ни\s+|ми\s+)?(?:представите|предоставите|информирате|представете|предоставете)(?!\w)"  # "моля да ни представите"
    r"|(?<!\w)(?:уважаем\w*\s+)?(?:господин\w*|госпож\w*|г-н|г-жо)\s+(?:председател\w*|заместник[\w-]*|директор\w*)(?!\w)"
    # the plan's own title: "по плана за подкрепа (за личностно развитие) на децата" names no topic
    r"|(?<=план)(?:а|ът)?\s+за\s+подкрепа(?:\s+за\s+личностно\s+развитие)?\s+на\s+(?:децата|учениците)(?:\s+и\s+(?:учениците|децата))?(?!\w)",
    re.IGNORECASE,
)


def asides(text: str) -> list[str]:
    """The clauses where the asker says why they ask, what does not matter, or how they request: no topic,
    no condition."""
    return [m.group(0) for m in _ASIDE.finditer(text)]


def aside_words(text: str) -> list[str]:
    """Words of the asker's context that the asking words do not repeat: they name no funding
    source ("като общински съветник ме интересува: … от общинския бюджет" keeps "общинския")."""
    context, introductions = told_and_introduced(text)
    asking = text
    for part in (*context, *introductions):
        asking = asking.replace(part, " ")
    asked = {w[:STEM] for w in words(asking)}
    return [w for part in (*context, *introductions) for w in words(part) if w[:STEM] not in asked]


def signature(text: str) -> str:
    """A message's closing with the signature after it ("С уважение, Директор на ОУ"), or ""."""
    return _matched(_CLOSING, text)


# "от РУО ни помолиха за информация": who asked the asker for the list
_REQUESTER = re.compile(r"(?<!\w)от\s+[^,.;:!?]{1,60}?\s+(?:ни|ме)\s+(?:помолиха|поискаха|попитаха|изискаха)(?!\w)")


def requester(text: str) -> str:
    """The clause naming who asked the asker for the information ("от РУО ни помолиха"), or ""."""
    return _matched(_REQUESTER, text)


def _matched(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found.group(0) if found else ""


def without_plan_names(text: str) -> str:
    """The text without the plans' own name, a plan named by its age ("миналогодишния план"), and
    what frames a message: a greeting, a closing with its signature, a council meeting prepared for."""
    text = _ASKERS_FRAME.sub(" ", _PLAN_NAME.sub(" ", text))
    for phrase in PLAN_AGE_PHRASES.values():
        text = phrase.sub(" ", text)
    return text


# a later question of a message that turns to another need: "И отделно – …", "А по-малкият …", "И второ, …", "I oshte …"
# (not "И ако не стане, …": the same need followed)
_ANOTHER_NEED = re.compile(r"^\W*(?:(?:и|а|i|a)\s+(?!(?:ако|ako|ли|li|какво\s+ако)(?!\w))|(?:освен\s+това|също\s+така|още\s+нещо|второ|отделно)(?!\w))", re.IGNORECASE)


def needs_told(text: str) -> list[str]:
    """The parts of a message that each ask a question of their own: a question sentence with what is told before it,
    when it turns to another need ("Синът ми е на 3 … Ще му помогнат ли с българския? И отделно – дъщеря ми … към кого
    да се обърна?" is two); statements after the last question belong to it; a message with one question is one part."""
    parts: list[str] = []
    current: list[str] = []
    for sentence in sentences(text):
        if not current and parts and not _ANOTHER_NEED.match(sentence):
            current = [parts.pop()]  # the same need asked again ("Някакви кръжоци, клубове?")
        current.append(sentence)
        if sentence.rstrip().endswith("?"):
            parts.append(" ".join(current))
            current = []
    if current:
        if parts:
            parts[-1] = " ".join([parts[-1], *current])
        else:
            parts.append(" ".join(current))
    return parts
