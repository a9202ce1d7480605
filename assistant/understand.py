"""Retrieval stage 1, understand: from a question in everyday Bulgarian to what the search should look for.

Order matters: Latin letters become Cyrillic, typos are fixed against the plans' vocabulary,
then the glossary, abbreviations, years, institutions and field filters are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from assistant import messages
from assistant.errors import QuestionError
from assistant.field_phrases import (
    DEADLINE_WORDS,
    FUNDING_WORDS,
    NO_MONEY,
    asks_empty_funding,
    asks_funding_not_needed,
    asks_unfunded,
    deadline_wording,
    measure_number_first,
    sections_named,
)
from assistant.fields import MONTHS
from assistant.glossary import (
    Concept,
    abbreviations,
    concept_named,
    concepts,
    diagnoses_named,
    english_in_bulgarian,
    implied_concepts,
    institution_names,
    out_of_scope,
    phrase_only_short_stems,
    russian_in_bulgarian,
    spoken_abbreviations,
    trigger_phrase,
    trigger_stems,
    turkish_in_bulgarian,
    word_starts,
)
from assistant.lexical import STOPWORDS, lemma
from assistant.spelling import (
    Vocabulary,
    edit_distance,
    known_bulgarian,
    known_with_article,
    mostly_bulgarian,
    says_bulgarian_words,
    to_cyrillic,
)
from assistant.text import collapse_spaces, nfc, sentences, words

MAX_QUESTION_CHARS = 1000  # a question, not a document: longer text is refused before any work
# Letters Bulgarian never uses, and words only Russian or English questions have: a question in
# another language is told the assistant answers in Bulgarian, instead of being "corrected" into
# unrelated Bulgarian words.
_UKRAINIAN_LETTERS = frozenset("іїєґ")  # one word with them is enough: no Bulgarian or Turkish word has them
_RUSSIAN_LETTERS = frozenset("ыэё")  # also in Turkish words typed in Cyrillic ("Кызым"): two words, or a quarter
_RUSSIAN_LETTER_WORDS, _RUSSIAN_LETTER_SHARE = 2, 0.25
_RUSSIAN_WORDS = frozenset(
    """что чтобы это меня мне ребенок ребенка ребёнок сын сына дочь почему кто где есть нет очень когда
    школе садик помочь помогите заикается делать""".split()  # noqa: SIM905
)
_ENGLISH_WORDS = frozenset(
    """the my is are what how does child children son daughter school with and has have where who
    help should can there about for kindergarten""".split()  # noqa: SIM905
)
FIRED_FLOOR = 0.7  # a story concept explaining fewer words than another weighs at least this (0.5, 0.85 measured)
NEAR_STEM_LETTERS = 6  # glossary stems this long are matched one edit away
BODY_STEM_LETTERS = 7  # everyday names of bodies with stems this long are matched one edit away
NEGATED_GAP = 3  # words allowed between a trigger's negation and what it negates
SHORT_STEM_EXTRA = {1: 0, 2: 0, 3: 2}  # a short stem of a multi-word trigger: letters its word may add
# some words of a multi-word trigger are that word (with at most so many letters more), not a longer
# word starting like it: an ordinal with its article ("седмица … клас" is no "седми клас"), "чува"
# ("да се чуваме … нещо лошо" is no "лошо чува")
WHOLE_WORD_EXTRA = {
    **dict.fromkeys(("първи", "втори", "трети", "четвърти", "пети", "шести", "седми", "осми", "девети", "десети"), 2),
    "чува": 1,
}
# a trigger with a word that relates two things ("след училище", "без приятели", "живее при баба") is a
# phrase, its words in order with at most two others between: "в училище? … след всички лечения" is no
# after-school group
RELATION_WORDS = frozenset(("след", "преди", "без", "при", "през", "между", "около", "срещу", "заради"))
# ... and so is one with an intensifier ("много умен", "много добър по"): "много" anywhere and "умения" or "по-добър"
# somewhere else are no gifted child ("Много не идват …, а ми трябва по-добър feedback")
IN_ORDER_WORDS = RELATION_WORDS | {"много", "изключително"}
NEGATIONS = {"не": "не", "няма": r"ням(?:а|ам|аме|ат)"}  # a trigger's negation word, and its forms
STORY_WORDS = 5  # a story before its question: "в училище големите го бият … какво са длъжни …"
QUESTION_PART_WORDS = 12  # a question of its own beside an uncovered one is short ("има ли психолог в училищата")
IMPLIED_WEIGHT = 0.6  # a broader concept's plan terms count this much of a fired concept's
# the bodies named in nearly every question (the schools, the kindergartens, the municipality): naming one tells little
EVERYDAY_BODIES = ("Училищ", "Детски градини", "ДГ", "Община", "Образователни институции")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# a school year names the plan of the year it starts in: "за учебната 2024/2025" is the 2024 plan, whose deadlines
# say "Началото на учебната 2024/2025" (the next year's plan is a plan of its own)
# ("2023-2024" alone may be both plans: a dash is a school year only after "учебната (година)")
_SCHOOL_YEAR = re.compile(
    r"(?<!\d)(20\d\d)\s*/\s*(?:20)?(\d\d)(?!\d)|(?<=учебна)(?:та)?(?:\s+година)?\s+(20\d\d)\s*[–-]\s*(?:20)?(\d\d)(?!\d)"
)


def years_named(text: str) -> tuple[int, ...]:
    """The years a question names, a school year "2024/2025" (or "2024/25") read as its first year."""
    def first_year(said: re.Match[str]) -> str:
        start, end = (said.group(1), said.group(2)) if said.group(1) else (said.group(3), said.group(4))
        return start if int(end) == (int(start) + 1) % 100 else said.group(0)

    return tuple(sorted({int(y) for y in _YEAR.findall(_SCHOOL_YEAR.sub(first_year, text))}))


# "колко" one letter off before what is counted ("коко дейности", "клко мерки"): "коко" is a word of its own
_HOW_MANY_SLIP = re.compile(r"(?<!\w)(?:коко|клко|колкко|колоко|кулко)(?=\s+(?:дейност|мерк|неща|реда|редове)\w*)")
# Bulgarian writes "ь" only before "о": elsewhere it is a typo for "ъ" ("прекьсва")
_SOFT_SIGN_TYPO = re.compile(r"ь(?!о)")
# what the asker refuses or sets aside, up to the end of its clause or the "а" that brings what is asked
_CLAUSE_END = r"(?=\s*(?:[,.;:!?–—]|\s-\s|$)|\s+(?:а|ами|но|искам)\s)"
_REFUSED = "|".join([
    r"(?<!\w)не\s+(?:ме|ни)\s+интересува\w*\s+[^,.;:!?–—]+?" + _CLAUSE_END,
    r"(?<!\w)не\s+(?:питам|питаме)\s+за\s+[^,.;:!?–—]+?" + _CLAUSE_END,  # not "вкъщи не говорим за наркотиците"
    r"(?<!\w)не\s+(?:става|е)\s+(?:дума(?:та)?|въпрос(?:ът|а)?)\s+за\s+[^,.;:!?–—]+?" + _CLAUSE_END,
    r"(?<!\w)не\s+за\s+(?:[^\s,.;:!?]+\s+){0,3}?(?:питам|питаме|говоря|става\s+дума)(?!\w)",
    r"(?<!\w)не\s+за\s+(?:[^\s,.;:!?]+\s+){0,2}?[^\s,.;:!?]+(?=\s*,\s*(?:а|ами)\s)",
    # "Не искам логопед.", "не търся психолог, а …" (a short noun phrase, not "не искам да го изключат")
    r"(?<!\w)не\s+(?:искам|искаме|търся|търсим)\s+(?!да\s)(?:[^\s,.;:!?]+\s+){0,2}?[^\s,.;:!?]+(?=\s*(?:[.;!]|,\s*(?:а|ами)\s|$))",
    # "Лекарства не искам, а …": one word starting its clause ("при аутизъм лекарства не искам" keeps the autism)
    r"(?:^|(?<=[.!?,;:])|(?<=[.!?,;:]\s))[^\s,.;:!?]+\s+не\s+(?:искам|искаме|търся|търсим|ме\s+интересува\w*)(?=\s*,\s*(?:а|ами)\s)",
])
_REFUSED_CLAUSES = re.compile(_REFUSED)  # _REFUSED is also a part of _NAMES_NO_TOPIC


def without_refused(text: str) -> str:
    """The text without what the asker says they do not mean ("не става дума за „неприложимо“")."""
    return _REFUSED_CLAUSES.sub(" ", text)


# where news or a rumour was read or heard
_HEARD_IN = (
    r"(?:фе[йи]сбук\w*|facebook|фб|интернет\w*|новините|телевизията|радиото|групата(?:\s+на\s+\w+)?|групите|вайбър\w*|viber"
    r"|тикток\w*|сайта|форума|мрежите|социалните\s+мрежи|вестника|медиите)"
)
# ... followed by what was told, when it is news, not something said about the child ("Пуснаха във фейсбук, че синът ми е
# откраднал телефон" is what happens to the child: cyberbullying)
_NEWS_TOLD = r"(?=\s*,?\s*че(?!\w)(?![^.?!]*(?<!\w)(?:ми|му|ѝ|й|него|нея|детето|синът|сина|дъщеря\w*)(?!\w)))"
_TOLD = r"(?:писаха|видях|видяхме|прочетох|прочетохме|четох|чух|чухме|казаха|пуснаха|споделиха|съобщиха|гледах)"
# "чух по новините, че …", "във фейсбук писаха, че …"
_HEARD_NEWS = (
    rf"(?<!\w){_TOLD}\s+(?:\w+\s+)?(?:в|във|по|на)\s+{_HEARD_IN}{_NEWS_TOLD}"
    rf"|(?<!\w)(?:в|във|по|на)\s+{_HEARD_IN}\s+{_TOLD}{_NEWS_TOLD}"
)
# words that look like a topic and name none: "не е със СОП", "не съм със специални нужди" (a condition
# denied) ...
_NAMES_NO_TOPIC = re.compile(
    r"(?<!\w)не\s+(?:съм|е|сме|са|си|сте)\s+(?:с|със)\s+[^,.;:!?]+?(?=\s*(?:[,.;:!?]|\s(?:а|но|просто|и|ама)\s|$))"
    # ... nor is the parent's own "не мога да се справя сама" the child's learning difficulty
    r"|(?<!\w)не\s+(?:мога|можем|успявам|успяваме)\s+да\s+се\s+справ\w*(?:\s+(?:сама|сам|сами))?"
    # ... nor "никой друг не е записан до тях" (a body listed in the plan) a child not enrolled
    r"|(?<!\w)никой\s+друг\s+не\s+(?:е|са)\s+(?:записан|посочен|включен)\w*"
    # ... nor "ще преценят ли какво го заплашва" (the risks a child faces) a threat of bullying
    r"|(?<!\w)какво\s+(?:го|я|ги|ни)\s+(?:заплашва|грози|очаква)(?!\w)"
    # ... nor a child hurting itself ("крещи и се удря", "се хапе") another child's aggression
    r"|(?<!\w)се\s+(?:удря|удари|хапе|ухапа|скубе|наранява)\w*"
    # ... nor a surgeon's question ("къса юздичка … трябва ли да се реже") self-harm
    r"|(?<!\w)трябва\s+ли\s+да\s+се\s+(?:реже|подреже|подрязва|оперира)(?!\w)"
    # ... nor the afternoon ("остава на занималня след обяд в училище") a school lunch
    r"|(?<!\w)след\s+обяд(?!\w)"
    # ... nor a lively girl ("много бойка", "бойко дете") a fight
    r"|(?<!\w)бойк(?:а|о|и)(?!\w)"
    # ... nor drawing only in black (a sign of distress) a talent for drawing
    r"|(?<!\w)рису\w*\s+(?:само\s+|все\s+)?(?:с|в)\s+черн\w*"
    # ... nor a specialist who never came ("психолог … никога не е идвал") a child staying away from school
    r"|(?<!\w)никога\s+не\s+е\s+идвал\w*"
    # ... nor an idiom ("всеки си прехвърля топката": passing the buck) a transfer to another school
    r"|(?<!\w)(?:си\s+)?прехвърл\w*\s+(?:топката|отговорността|на\s+друг\w*|един\s+на\s+друг)(?!\w)"
    # ... nor playing or singing by ear ("свири на пиано по слух") a hearing problem
    r"|(?<!\w)по\s+слух(?!\w)"
    # ... nor a choice weighed ("струва ли си да я водя на психолог") or "на всяка цена" (at any cost) a price
    r"|(?<!\w)(?:струва|заслужава)(?:\s+ли)?\s+си(?!\w)|(?<!\w)на\s+всяка\s+цена(?!\w)"
    # ... nor rumours ("има слухове и за трева") one
    r"|(?<!\w)слухове(?:те)?(?!\w)"
    # ... nor help already tried that failed ("училищният психолог не може да се справи", "ресурсният идва рядко",
    # "обяснението на дъската не стига", "психоложката говори с него веднъж – никакъв ефект") the child's need
    r"|(?<!\w)(?:психоло[гж]|логопед|ресурсн|учител|класн|специалист|обяснени|частн|разговор)\w*(?:\s+[^\s,.;:!?]+){0,5}?\s+"
    r"(?:не\s+(?:може|можа|могат)\s+да\s+се\s+справ\w*|(?:идва|идват|идваше)\s+(?:рядко|веднъж)|(?:рядко|веднъж)\s+(?:идва|идват|идваше)"
    r"|не\s+(?:стига|стигат|стигна|помага|помагат|помогна|помогнаха|помогнал\w*)|никакъв\s+ефект|без\s+(?:ефект|резултат))(?!\w)"
    # ... nor "занимания с изкуство като лечение" (a method of support described as healing) medical care
    r"|(?<!\w)като\s+(?:(?:вид|форма)\s+(?:на\s+)?)?лечение(?!\w)"
    # ... nor a single parent ("самотна майка", "самотен баща": the family's form) a lonely child
    r"|(?<!\w)самот(?:на|ни|ен)\s+(?:майк\w*|баща|бащи|родител\w*)"
    # ... nor private help the family cannot afford ("нямаме пари за частна терапия") the family's poverty: the help is asked
    r"|(?<!\w)(?:нямаме|няма|нямам)\s+(?:пари|средства)\s+за\s+частн\w*"
    # ... nor what the asker says they do not ask for ("Не става дума за тормоз.", "не ме интересува лечението, а …",
    # "не питам за психолог", "не за стипендия питам, а …", "Лекарства не искам, а …"; "освен X" is no refusal: "Освен
    # състезанията, какво друго …" still asks about the gifted)
    + "|" + _REFUSED
    # ... nor where the asker read or heard news ("писаха във фейсбук, че …", "чух по новините, че …") a topic
    # (cyberbullying): what they heard is ("пишат в групата на класа, че …", in the present, and news about the child are
    # what happens to the child)
    + "|" + _HEARD_NEWS
    # ... nor the drive a service nearby would spare ("рехабилитация в училището, за да не я возим всеки ден до Стара
    # Загора") the school transport asked: the clause says why, the ask is before it
    + r"|(?<!\w)за\s+да\s+не\s+(?:(?:я|го|ги|ни|се)\s+)?(?:возим|вози|водим|карам|караме|пътува\w*|бием\s+път)(?!\w)[^,.;:!?]*"
)
# a child's distress told in words of an uncovered topic: hiding food is no question about food ...
_SIGN_OF_DISTRESS = re.compile(
    r"(?<!\w)(?:крие|скрива|трупа|събира)\s+храна\w*"
    # ... nor the lunch money others take from a child ("взимат ми парите за закуска") one about food
    r"|(?<!\w)(?:взима|взема|прибира|крад|отнема|бъркат)\w*\s+(?:\w+\s+){0,2}(?:пари|парите|храна\w*)\s+(?:ми\s+|му\s+|й\s+)?за\s+(?:закуск|храна|обяд|стол)\w*"
    # ... nor the exams a child is anxious about ("много е тревожно пред изпитите") one about exams
    r"|(?<!\w)(?:тревож|стрес|страх|притесн|паник|нерв|напрегн)\w*(?:\s+(?:се|го|я|много|ужасно|от|за))*"
    r"\s+(?:пред|преди|от|за|заради|покрай)\s+(?:\w+\s+)?(?:изпит|матур|нво|контролн)\w*"
    # ... nor what a child is mocked for ("да не му се подиграват за акцента и храната") a topic of its own
    r"|(?<!\w)(?:подиграва|присмива|надсмива|дразн)\w*\s+(?:\w+\s+){0,2}?(?:за|заради)\s+\w+(?:\s+(?:и|или)\s+\w+)?"
)
# "не" typed together with its verb, as chat often has it ("неиска да ходи", "неможе да седи")
_GLUED_NEGATION = re.compile(r"(?<!\w)не(?=(?:иска|може|ще|знае|разбира|говори|ходи|чете|пише|слуша|общува|играе|чува|вижда)\w*)")
# "кои" right before a verb in the singular (or a place or a pronoun, then the verb) is "кой" mistyped (chat Latin
# "koi" reads as "кои"): "koi v uchilishte moje da i pomogne", "koi q ocenqva" ask who, not which rows ("кои неща е …"
# keeps its noun)
_WHO_SINGULAR = re.compile(
    r"(?<!\w)кои(?=(?:\s+(?:в|във|от|на|при)\s+[^\s,.;:!?]+)?(?:\s+(?:го|я|ги|му|ѝ|й|ни|ми|ме|те))?"
    r"\s+(?:може|ще|решава|помага|отговаря|оценява|преглежда|проверява|знае)(?!\w))"
)
# and "кой" right before a plural noun is "кои" mistyped: "В кой дейности отговарят ЦОП и ЦСРИ?" asks which rows
_WHICH_PLURAL = re.compile(r"(?<!\w)кой(?=\s+(?:дейности|мерки|задачи|институции|ангажименти|цели)(?!\w))")
_SHORT_MUNICIPALITY = re.compile(r"(?<!\w)общ\.(?=\s*\w)")
# words clipped in notes, as a spreadsheet's columns have them ("МКБППМН бр.?", "финанс. община - списък")
_CLIPPED_WORDS = {"бр": "брой", "фин": "финансиране", "финанс": "финансиране", "отг": "отговорни", "отгов": "отговорни",
                  "дейн": "дейности", "изт": "източник"}
_CLIPPED = re.compile(rf"(?<!\w)({'|'.join(_CLIPPED_WORDS)})\.(?=(\w)?)")
# a follow-up's opening "А …" / "И …" ("А кое е изцяло на училищата?") joins it to what was said; read alone it adds nothing
_LEADING_AND = re.compile(r"^\s*(?:а|и|ами)\s+(?=\w)")
# everyday spoken forms chat keeps ("кво има за ОДК", "нема кой да помогне"): the written word
_SPOKEN_FORMS = {"кво": "какво", "к'во": "какво", "тва": "това", "нема": "няма", "щото": "защото", "щот": "защото",
                 "шес": "шест"}
# a year said, as speech-to-text writes it: "през двайсет и трета" is 2023, "две хиляди двадесет и четвърта" 2024
_ORDINALS = {"първа": 1, "втора": 2, "трета": 3, "четвърта": 4, "пета": 5, "шеста": 6, "седма": 7, "осма": 8, "девета": 9}
_DECADES = {"двадесет": 2020, "двайсет": 2020, "тридесет": 2030, "трийсет": 2030}
_SPELLED_YEAR = re.compile(
    r"(?<!\w)(?:две\s+хиляди\s+(?:и\s+)?)?(" + "|".join(_DECADES) + r")\s+и\s+(" + "|".join(_ORDINALS) + r")(?!\w)"
)
# a number with a point said, as speech-to-text writes it: "мярка едно точка шест" is "мярка 1.6"
_CARDINALS = {"едно": 1, "една": 1, "две": 2, "три": 3, "четири": 4, "пет": 5, "шест": 6, "седем": 7, "осем": 8,
              "девет": 9, "десет": 10}  # fmt: skip
_SAID_NUMBER = r"(\d{1,2}|" + "|".join(_CARDINALS) + r")"
_SPOKEN_POINT = re.compile(r"(?<![\w.])" + _SAID_NUMBER + r"\s+точка\s+" + _SAID_NUMBER + r"(?![\w.]|\s+точка)")
# a goal or measure numbered in words, as digits every reading of a section knows: "без мярка пет" -> "без мярка 5",
# "цели едно и две" -> "цели 1 и 2" (ordinals, "цел пета", are read as they are)
# (a bare "цели" is "whole": "пропусна цели две седмици")
_CARDINAL_WORD = "(?:" + "|".join(_CARDINALS) + ")"
_WORDS_NUMBERED = re.compile(
    r"(?<!\w)((?:оперативн\w*\s+(?:цел|цели)|(?:цел|целта|целите|мярка|мярката|мерки|мерките)|(?<=по\s)цели)\s+)"
    rf"({_CARDINAL_WORD}(?:\s*(?:,|и|или)\s*{_CARDINAL_WORD})*)(?!\w)"
    r"(?!\s+(?:дни|дена|седмици|месеца|месец|години|годин\w*|часа|часове|пъти|минути)(?!\w))"
)
_AGE_IN_DIGITS = re.compile(r"(?<!\w)(на)\s+(\d{1,2})\s*(?=годин|год(?!\w)|г\.|г(?!\w)|-?годишн)")
_AGES_SAID = {number: said for said, number in _CARDINALS.items() if said != "едно"}  # "на 3 години": "три"
_CARDINAL = re.compile(rf"(?<!\w){_CARDINAL_WORD}(?!\w)")
_SPOKEN_FORM = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, _SPOKEN_FORMS)) + r")(?![\w'])")
# "с изключение на кампаниите", "като изключим училищата", "ако махнем тези с …": the plain "освен" the rest of the reading knows
_EXCEPT = re.compile(r"(?<!\w)(?:с\s+изключение\s+на|с\s+изключение|като\s+изключи[мш]?|като\s+изключите|изключвайки|(?:като|ако|без\s+да)\s+не\s+броим|без\s+да\s+броим|изключете(?=\s+(?:всички|тези|онези))|(?:като|ако)\s+(?:махнем|махнете|извадим|извадите)|(?:махнете|извадете)(?=\s+(?:всички|тези|онези)))(?!\w)")
# the rows left out named before the verb: "Тези само за училищата изключете." is "освен тези само за училищата"
_LEFT_OUT_FIRST = re.compile(r"(?<!\w)(тези|онези)\s+([^.;!?]{1,60}?)\s+(?:изключете|изключи|махнете|не\s+броете)(?=\s*(?:[.;!?]|$))")
# a change between plans; "различен от декември" is another deadline, not a change
_CHANGES = re.compile(
    r"(?<!\w)(?:промен\w*|разлик\w*|различ\w*(?!\s+от\s+(?:" + "|".join(MONTHS) + r"))|новото|ново(?= в )|какво е ново)(?!\w)"
)

# "променил ли се е броят", "Промени ли се … броят на дейностите със срок …": the rows counted in each plan, not
# the changes of wording ("Колко дейности са променени …" still asks for those); "колко през 2023 и колко през 2024 –
# има ли разлика" counts each year's rows
_NUMBER_OF_ROWS = re.compile(
    r"(?<!\w)(?:броят|броя|бройката)(?!\w)|(?<!\w)колко(?!\w)[^.;!?]*?(?<!\w)и\s+колко\s+(?:\w+\s+)?(?:през|в|за)?\s*20\d\d(?!\w)"
)

_EARLIER_PLAN = re.compile(
    r"(?<!\w)(?:минал\w*|предишн\w*|предходн\w*|миналогодишн\w*|стари\w*)\s+(?:година|годината|план\w*)"
    r"|(?<!\w)между\s+план\w*|(?<!\w)плановете\s+за\s+двете"
)


# the columns a question about changes asks for ("При коя дейност отговорните институции са записани различно
# в плана за 2024 спрямо 2023?"), each a field of the diff; none named: every change
_CHANGED_FIELDS = (
    ("responsible", re.compile(r"(?<!\w)(?:отговорн|институци)\w*")),
    ("funding", re.compile(r"(?<!\w)(?:финансир\w*|бюджет\w*|средствата)(?!\w)")),
    ("deadline", re.compile(r"(?<!\w)срок\w*")),
    ("results", re.compile(r"(?<!\w)резултат\w*")),
    ("measure_title", re.compile(r"(?<!\w)(?:заглави|наименовани|имена)\w*\s+на\s+(?:мерки|мярк)\w*")),
)


def _changed_fields(text: str) -> tuple[str, ...]:
    return tuple(field for field, named in _CHANGED_FIELDS if named.search(text))


def _asks_changes(text: str) -> bool:
    """Changes between plans: a change word and two years, or an earlier plan ("спрямо миналата
    година"); "промени в поведението" alone is a parent's topic, not this."""
    if not _CHANGES.search(text) or _NUMBER_OF_ROWS.search(text):
        return False
    return len(years_named(text)) >= 2 or bool(_EARLIER_PLAN.search(text))


class PlanAge(StrEnum):
    """Which of a municipality's plans a question names without a year."""

    LATEST = "latest"  # "в новия план", "тази година"
    PREVIOUS = "previous"  # "в миналогодишния план", "в предишния план"


# "новия план", "плана за тази година": the latest plan; "миналогодишния план", "предишния план",
# "плана за миналата година": the one before it (years are the plans', not the calendar's)
PLAN_AGE_PHRASES = {
    PlanAge.LATEST: re.compile(
        r"(?<!\w)(?:нов|текущ|сегашн|последн|актуалн|тазгодишн|действащ|валидн)(?:ия|ият|ата)?\s+(?:план|плн)\w*"  # "плн": a typo
        r"|(?<!\w)план\w*\s+за\s+(?:тази|текущата)\s+година|(?<!\w)(?:тази|текущата)\s+година"
    ),
    PlanAge.PREVIOUS: re.compile(
        r"(?<!\w)(?:минал|миналогодишн|предишн|предходн|стар)(?:ия|ият|ата)?\s+(?:план|плн)\w*"
        r"|(?<!\w)план\w*\s+за\s+(?:миналата|предишната|предходната)\s+година"
    ),
}


def plan_age(text: str) -> PlanAge | None:
    """The plan a question names by its age, if it names one (and no year)."""
    if _YEAR.search(text):
        return None
    return next((age for age, phrase in PLAN_AGE_PHRASES.items() if phrase.search(text)), None)


class QuestionKind(StrEnum):
    """What a question wants to know about the rows it is about."""

    EXISTS = "exists"  # what the plans provide for a topic
    RESPONSIBLE = "responsible"  # who does it
    DEADLINE = "deadline"  # until when
    FUNDING = "funding"  # how it is paid for
    FILTER = "filter"  # the rows whose deadline or funding cell has a value the question names
    LIST = "list"  # every row with the institution, deadline, funding or section named (whole.py)
    CHANGES = "changes"  # what changed between two years' plans (diff.py)


@dataclass(frozen=True)
class Query:
    """What a question asks for, as the retriever uses it."""

    question: str  # as the user typed it
    text: str  # normalized: Cyrillic, typos fixed, lower case
    corrections: tuple[tuple[str, str], ...] = ()  # (typed word, corpus word)
    concepts: tuple[str, ...] = ()  # glossary concepts that fired
    expansions: tuple[str, ...] = ()  # plan terms and abbreviation forms added to the search
    implied: tuple[str, ...] = ()  # broader concepts the fired ones imply (the concept layer)
    concept_terms: tuple[tuple[str, ...], ...] = ()  # per fired, then implied concept: its plan terms
    concept_weights: tuple[float, ...] = ()  # per entry of concept_terms: 1.0 fired, IMPLIED_WEIGHT implied
    concept_said: tuple[int, ...] = ()  # per entry: the question's words its triggers explain (0 implied)
    abbreviation_terms: tuple[str, ...] = ()  # the other form of each abbreviation named
    abbreviations_typed: tuple[str, ...] = ()  # abbreviations the question itself uses ("СОП")
    years: tuple[int, ...] = ()  # years named in the question
    institutions: tuple[str, ...] = ()  # institutions (as the plans name them) the question names
    out_of_scope: tuple[str, ...] = ()  # uncovered topics the question is about
    empty_funding: bool = False  # "графата за финансиране е празна"
    unfunded: bool = False  # "кои дейности не се финансират": blank or "not applicable" funding
    funding_not_needed: bool = False  # "не изискват финансиране": the plan says so (not a blank cell)
    sections: tuple[tuple[int, int | None], ...] = ()  # (goal, measure or None) named by number
    field_text: str = ""  # text with everyday deadline names in the plans' wording ("при нужда")
    unknown_share: float = 0.0  # share of content words neither the plans nor the glossary know
    asks: tuple[QuestionKind, ...] = ()  # what it asks beyond "what exists", in this order
    asks_changes: bool = False  # "какво се промени между 2023 и 2024", "какво е новото спрямо миналата година"
    changed_fields: tuple[str, ...] = ()  # of a question about changes: the diff's fields it names ("отговорните")
    introductions: tuple[str, ...] = ()  # the asker saying who they are ("работя в ЦОП"): no topic
    plan_age: PlanAge | None = None  # "в новия план", "в миналогодишния план": a plan named by its age
    covered_question: bool = False  # beside an uncovered topic, a question of its own about a plan concept

    @property
    def year(self) -> int | None:
        """The one year to filter by; none when zero or several years are named."""
        return self.years[0] if len(self.years) == 1 else None


def check_question(question: str) -> str:
    """The question, stripped; QuestionError (Bulgarian) when it is empty or too long for a question."""
    text = (question or "").strip()
    if not text or not words(text) and not any(ch.isdigit() for ch in text):
        raise QuestionError(messages.QUESTION_EMPTY)
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(messages.QUESTION_TOO_LONG.format(limit=MAX_QUESTION_CHARS, length=len(text)))
    return text


_ASKED_IN_BULGARIAN_WORDS = 4  # a question of its own, not "Что делать?"


def foreign_language(question: str) -> bool:
    """Whether the question is written in another language (Russian, Ukrainian, English), not in
    Bulgarian in Cyrillic or Latin letters ("detето mi zaekva" is Bulgarian)."""
    text = nfc(question)
    found = words(text)
    # a Turkish or Russian word in a Bulgarian question ("Кызым много агресивна станала …") is no other language
    lettered = sum(any(ch in _RUSSIAN_LETTERS for ch in word) for word in found)
    english = [w for w in found if w in _ENGLISH_WORDS]
    # "my son has ADHD ама в училище не знаят …": Bulgarian with English words in it is Bulgarian
    cyrillic = [w for w in found if re.search("[а-яѝ]", w)]
    marked = (
        any(ch in _UKRAINIAN_LETTERS for word in found for ch in word)
        or lettered >= _RUSSIAN_LETTER_WORDS or (bool(found) and lettered / len(found) >= _RUSSIAN_LETTER_SHARE)
        or sum(w in _RUSSIAN_WORDS for w in found) >= 2 or (len(english) >= 2 and len(cyrillic) < len(found) / 2)
    )  # fmt: skip
    # "Мы из Украины, ребёнок в детската градина нищо не разбира …": Bulgarian with Russian words in it is Bulgarian,
    # and so is a story told in Russian before a question asked in Bulgarian ("Приехали в марте, … не ходит в школу.
    # Кой следи детето да бъде записано?")
    if not marked or mostly_bulgarian(text):
        return False
    # ... and so is one whose Russian words, read as the Bulgarian they mean, leave it Bulgarian, with a word only
    # Bulgarian has ("Сын очень силён в математике, а я не знам къде да го водя … Кто может посоветовать?")
    if says_bulgarian_words(text) and mostly_bulgarian(russian_in_bulgarian(text.lower())):
        return False
    asked = [s for s in sentences(text) if "?" in s and len(words(s)) >= _ASKED_IN_BULGARIAN_WORDS]
    return not (asked and all(mostly_bulgarian(s) for s in asked))


def matched_stems(question_words: list[str], near: dict[str, frozenset[str]]) -> set[str]:
    """Every glossary stem some question word starts with (or nearly starts with, if misspelled)."""
    stems = trigger_stems()
    found = {w[:i] for w in question_words for i in range(1, len(w) + 1) if w[:i] in stems}
    for word in set(question_words) & near.keys():  # only these words' slips: a word left out brings none
        found |= near[word]
    return found


def concept_words(question_words: list[str]) -> list[Concept]:
    """The glossary concepts these words fire on their own (no typo tolerance)."""
    return _concepts_of(_named_triggers(matched_stems(question_words, {}), " ".join(question_words)))


_WORD = re.compile(r"\w+")


def named_trigger_stems(question_words: list[str]) -> set[str]:
    """The stems (of three letters or more) of every glossary trigger these words name, of several
    words too: in "какво прави общината за децата, които не ходят на училище" the word "ходят" is a
    topic ("не ходят на училище" is dropping out) though alone it fires nothing."""
    named = _named_triggers(matched_stems(question_words, {}), " ".join(question_words))
    return {stem for _, trigger in named for stem in trigger if len(stem) > 2}


def _named_triggers(stems: set[str], text: str) -> list[tuple[Concept, tuple[str, ...]]]:
    """Each glossary trigger named (see _trigger_named), with its concept. Only the triggers whose
    first stem occurs are tried: a few dozen of the glossary's two thousand."""
    by_first = _triggers_by_first_stem()
    return [(c, trigger) for stem in stems for c, trigger in by_first.get(stem, ())
            if _trigger_named(c, trigger, stems, text)]


def _concepts_of(named: list[tuple[Concept, tuple[str, ...]]]) -> list[Concept]:
    """The concepts of these triggers, once each, in the glossary's order (the query's expansions
    and the vectors remembered for it depend on that order)."""
    fired = {id(c) for c, _ in named}
    return [c for c in concepts() if id(c) in fired]


@lru_cache(maxsize=1)
def _triggers_by_first_stem() -> dict[str, list[tuple[Concept, tuple[str, ...]]]]:
    by_first: dict[str, list[tuple[Concept, tuple[str, ...]]]] = {}
    for c in concepts():
        for trigger in c.triggers:
            by_first.setdefault(trigger[0], []).append((c, trigger))
    return by_first


def _fires(concept: Concept, stems: set[str], text: str) -> bool:
    """Whether one of the concept's triggers is named (see _trigger_named)."""
    return any(_trigger_named(concept, trigger, stems, text) for trigger in concept.triggers)


def _trigger_named(concept: Concept, trigger: tuple[str, ...], stems: set[str], text: str) -> bool:
    """Whether a trigger of the concept has all its stems in the question; a trigger of short words only ("не ще да
    учи"), or one the glossary quotes (`concept.phrases`), only as a phrase, its words in order and side by side: "не",
    "ще", "да" and "училище" anywhere in a question are no unwilling pupil. A negation in a trigger
    ("не иска да учи", "няма логопед") is a word a few words before what it negates: "нещо" or "него"
    is no "не"."""
    if not all(stem in stems for stem in trigger):
        return False
    if len(trigger) == 1:
        return True
    if trigger in concept.phrases or max(map(len, trigger)) <= 3:
        return bool(trigger_phrase(trigger).search(text))
    if IN_ORDER_WORDS.intersection(trigger):
        return bool(trigger_phrase(trigger, 2).search(text))
    # subtle: a short stem of a longer trigger is a word, not a prefix: of one or two letters the word
    # itself ("работа с родител" is no "става … работа … родителите"), of three a short word ("спира да
    # учи" is no "спира … учителката")
    if not all(_word_starting(stem, _word_extra(stem)).search(text) for stem in trigger
               if len(stem) in SHORT_STEM_EXTRA or stem in WHOLE_WORD_EXTRA):  # fmt: skip
        return False
    return all(
        _negation(stem, following).search(text) or not _word_starting(following).search(text)  # misspelled: found one edit away
        for stem, following in zip(trigger, trigger[1:], strict=False) if stem in NEGATIONS
    )


def _word_extra(stem: str) -> int:
    """How many letters a short stem or a whole word of a multi-word trigger may add to be its word."""
    return WHOLE_WORD_EXTRA[stem] if stem in WHOLE_WORD_EXTRA else SHORT_STEM_EXTRA[len(stem)]


@lru_cache(maxsize=4096)
def _word_starting(stem: str, extra: int | None = None) -> re.Pattern[str]:
    """A word that starts with the stem: with at most `extra` letters after it, or any number (None)."""
    tail = r"\w*" if extra is None else rf"\w{{0,{extra}}}(?!\w)"
    return re.compile(rf"(?<!\w){re.escape(stem)}{tail}")


@lru_cache(maxsize=1024)
def _negation(negation: str, stem: str) -> re.Pattern[str]:
    """The negation as a word, a few words before what it negates ("не може да седи")."""
    # not across the asker's own "съм/сме": "не съм виждала такова дете" is no child who "не вижда"
    return re.compile(rf"(?<!\w){NEGATIONS[negation]}\W+(?:(?!(?:съм|сме)\W)\w+\W+){{0,{NEGATED_GAP}}}{re.escape(stem)}")


def explained_words(concept: Concept, stems: set[str], text: str) -> int:
    """How many of the question's words (of 4+ letters) the concept's triggers explain."""
    named = [t for t in concept.triggers if _trigger_named(concept, t, stems, text)]
    return len({stem for trigger in named for stem in trigger if len(stem) > 3})


# the asking sentence wants something for each of several children the story told of ("Какво има и за
# двамата?", "за всеки от тях", "за двете ми деца"): each child's need is what the question is about
_FOR_EACH_CHILD = re.compile(
    r"(?<!\w)(?:за|на)\s+(?:двамата|тримата|двете\s+(?:ми\s+)?(?:деца|момичета|дъщери)|трите\s+(?:ми\s+)?деца"
    r"|всеки\s+от\s+(?:тях|двамата|децата)|всяко\s+от\s+(?:тях|децата))(?!\w)"
)


def _fired_weights(fired: list[Concept], explained: list[int], asked: str) -> tuple[float, ...]:
    """Each fired concept's weight: full when the asking sentence names it or asks for each of several
    children; for the story before it, by how many of the question's words (of 4+ letters) its
    triggers explain (`explained`) against the concept explaining most ("Първокласник става по време
    на час, разхожда се … Какво мога да приложа?" is about hyperactivity, four words, more than about
    starting school, one; "Синът ми е с аутизъм, а дъщеря ми е талантлива в танците. Какво има за
    двамата?" is about both)."""
    most = max(explained, default=1) or 1
    if _FOR_EACH_CHILD.search(asked):
        return (1.0,) * len(fired)
    asked_stems = matched_stems(words(asked), {})
    return tuple(
        1.0 if _fires(c, asked_stems, asked) else FIRED_FLOOR + (1.0 - FIRED_FLOOR) * n / most
        for c, n in zip(fired, explained, strict=True)
    )


_PLURAL_OF_G = re.compile(r"з(и|ите)$")  # "психолози": the plural of "психолог"


@lru_cache(maxsize=4096)
def stems_near(word: str) -> frozenset[str]:
    """Glossary stems that a misspelled word starts with, one edit away; a stem of five letters only
    when the word has one letter more (one edit in five letters reads "учителкта" as "ушите").

    subtle: only stems with the same first letter are tried; a typo in the first letter is rare
    and checking every stem costs ~100 ms a word.
    """
    found = set()
    # ... and a plural's "з" read as its singular's "г" ("псиолози" is one slip from "психолози", of "психолог")
    forms = {word, _PLURAL_OF_G.sub(r"г\1", word)}
    for stem in _long_stems().get(word[:1], ()):
        if len(stem) < NEAR_STEM_LETTERS:  # a short stem only with one letter too many ("заекава")
            if any((word[:i] + word[i + 1 :]).startswith(stem) for i in range(1, len(stem) + 1)):
                found.add(stem)
        elif any(_starts_one_edit_away(form, stem) for form in forms):
            found.add(stem)
    return frozenset(found)


def _starts_one_edit_away(word: str, stem: str) -> bool:
    """Whether the word's start is one edit from the stem: a letter dropped, added or changed."""
    return len(word) >= len(stem) - 1 and min(edit_distance(word[: len(stem) + d], stem, 1) for d in (-1, 0, 1)) <= 1


def _uncovered_words_respelled(text: str, vocabulary: Vocabulary) -> str:
    """The text with a misspelled word of an uncovered topic spelled as the list has it
    ("транспорд" is "транспорт", "заплашане" "заплащане"): the plans' vocabulary corrects only
    their own words. Only words neither the plans nor the dictionary know, one edit from a stem of
    NEAR_STEM_LETTERS or more."""
    def respelled(found: re.Match[str]) -> str:
        word = found.group(0)
        if len(word) < NEAR_STEM_LETTERS - 1 or word in vocabulary.count or known_bulgarian(word):
            return word
        stems = _uncovered_stems().get(word[0], ())
        if any(word.startswith(stem) for stem in stems):
            return word
        # "шт" typed for "щ" ("помошти" is "помощи")
        if (said := word.replace("шт", "щ")) != word and any(said.startswith(stem) for stem in stems):
            return said
        # the whole word one edit from a stem ("транспорд"), else an inflected word with one slip
        # inside the longest stem it can be ("заплашането"), not at the stem's end ("норматив" is no "нормата")
        whole = [stem for stem in stems if edit_distance(word, stem, 1) <= 1]
        inside = [stem for stem in stems if len(word) > len(stem) and word[len(stem) - 1] == stem[-1]
                  and edit_distance(word[: len(stem)], stem, 1) <= 1]  # fmt: skip
        if whole or inside:
            stem = whole[0] if whole else max(inside, key=len)
            return stem + word[len(stem) :]
        return word

    return _WORD.sub(respelled, text)


@lru_cache(maxsize=1)
def _uncovered_stems() -> dict[str, tuple[str, ...]]:
    """The uncovered topics' trigger stems long enough to be matched one edit away, by first letter."""
    return _by_initial(stem for topic in out_of_scope() for trigger in topic.triggers for stem in trigger
                       if len(stem) >= NEAR_STEM_LETTERS)  # fmt: skip


@lru_cache(maxsize=1)
def _long_stems() -> dict[str, tuple[str, ...]]:
    return _by_initial(s for s in trigger_stems() if len(s) >= NEAR_STEM_LETTERS - 1)


def _by_initial(stems: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Distinct stems, sorted, by first letter: a misspelled word is compared only with its own."""
    by_initial: dict[str, list[str]] = {}
    for stem in sorted(set(stems)):
        by_initial.setdefault(stem[0], []).append(stem)
    return {initial: tuple(stems) for initial, stems in by_initial.items()}


def _said_number(said: str) -> int:
    """A number said in a word or in digits: "шест" -> 6, "12" -> 12."""
    return int(said) if said.isdigit() else _CARDINALS[said]


def understand(question: str, vocabulary: Vocabulary, institutions: Iterable[str]) -> Query:
    """Read a question: normalize, fix, expand, and find years, institutions and field filters."""
    institutions = tuple(institutions)  # read twice: for the asked sentences and for the whole question
    typed = collapse_spaces(nfc(question))
    # a diagnosis code's condition named ("f84.0" -> "f84.0 (аутизъм)"), Turkish, Russian and English words first ("oglım", "ребёнок", "има ли after-school"), then chat Latin ("ima li"),
    # each read as Bulgarian
    lowered = typed.lower()
    lowered = to_cyrillic(english_in_bulgarian(russian_in_bulgarian(turkish_in_bulgarian(diagnoses_named(lowered)))))
    lowered = _GLUED_NEGATION.sub("не ", _SOFT_SIGN_TYPO.sub("ъ", lowered))
    lowered = _HOW_MANY_SLIP.sub("колко", lowered)  # "коко дейности" counts
    lowered = _EXCEPT.sub("освен", _SHORT_MUNICIPALITY.sub("община", lowered))  # "общ. Казанлък"
    lowered = _CLIPPED.sub(lambda m: _CLIPPED_WORDS[m.group(1)] + (" " if m.group(2) else ""), lowered)  # "бр.5" -> "брой 5"
    lowered = _LEFT_OUT_FIRST.sub(r"освен \1 \2", lowered)
    lowered = measure_number_first(lowered)  # "мярката за тормоза (1.3)" -> "мярката 1.3 за тормоза"
    lowered = _WHICH_PLURAL.sub("кои", _WHO_SINGULAR.sub("кой", lowered))
    lowered = spoken_abbreviations(lowered)  # "о де ка" -> "одк"
    lowered = _SPOKEN_FORM.sub(lambda m: _SPOKEN_FORMS[m.group(0)], _LEADING_AND.sub("", lowered))
    lowered = vocabulary.rejoined(lowered)  # speech-to-text: "лого пед" -> "логопед"
    lowered = _SPELLED_YEAR.sub(lambda m: f"{_DECADES[m.group(1)] + _ORDINALS[m.group(2)]}", lowered)
    lowered = _SPOKEN_POINT.sub(lambda m: f"{_said_number(m.group(1))}.{_said_number(m.group(2))}", lowered)
    lowered = _WORDS_NUMBERED.sub(lambda m: m.group(1) + _CARDINAL.sub(lambda n: str(_CARDINALS[n.group(0)]), m.group(2)), lowered)
    corrections = []
    fixed_words = []
    for word in words(lowered):
        better = vocabulary.correct(word)
        if better:
            corrections.append((word, better))
        fixed_words.append(better or word)
    text = lowered
    for wrong, right in corrections:
        text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
    other_forms = []
    typed_short = []
    for abbreviation in abbreviations():
        if re.search(rf"(?<!\w){re.escape(abbreviation.short.lower())}(?!\w)", text):
            other_forms.append(abbreviation.full)
            typed_short.append(abbreviation.short)
        elif abbreviation.full.lower() in text:
            other_forms.append(abbreviation.short)
    # an age in digits read as the glossary says it: "на 3 години" fires what "на три години" does
    ages_said = [f"{on} {_AGES_SAID[int(age)]} години" for on, age in _AGE_IN_DIGITS.findall(text) if int(age) in _AGES_SAID]
    # as typed, as corrected, and with abbreviations spelled out ("СОП" fires the SEN concept)
    question_words = list(dict.fromkeys(words(text) + words(lowered) + words(" ".join(other_forms + ages_said))))
    # typo tolerance only for words neither the plans nor the dictionary know (cheap and safe)
    near = {w: stems_near(w) for w in question_words if len(w) >= 5 and w not in vocabulary.count
            and not known_bulgarian(w)}  # fmt: skip
    stems = matched_stems(question_words, near)
    trigger_text = " ".join([text, lowered, *other_forms, *ages_said])
    named = _named_triggers(stems, trigger_text)
    fired = _concepts_of(named)
    # the asker's own role alone fires no concept ("Училищен психолог съм. Ученик заплаши съученик с
    # нож …" is no question about psychologists); with other words it may ("учителка съм, как да
    # подобря връзката с родителите"), and it is the topic when the question asks about the asker's work
    # ("Аз съм логопед – къде в плана се споменава моята работа?")
    introductions = tuple(self_introductions(text))
    roles = [w for clause in introductions for w in words(clause) if w.startswith(ROLES)]
    if roles and not _ABOUT_THE_ASKER.search(text):
        role_stems = matched_stems(roles, {})
        rest = [w for w in question_words if w not in roles]
        rest_stems = matched_stems(rest, near)
        fired = [c for c in fired if _fires(c, rest_stems, " ".join(rest)) or not _fires(c, role_stems, " ".join(roles))]
    # what names no topic fires no concept ("не съм със специални нужди, просто не знам какво искам")
    denied = " ".join(m.group(0) for m in _NAMES_NO_TOPIC.finditer(trigger_text))
    if denied:
        kept = _NAMES_NO_TOPIC.sub(" ", trigger_text)
        # a misspelt word denied ("освен психолого") brings no nearby stem to the rest (matched_stems)
        fired = [c for c in fired if _fires(c, matched_stems(words(kept), near), kept) or not _fires(c, stems, denied)]
    explained = [explained_words(c, stems, trigger_text) for c in fired]
    # what the question asks, not the story around it: "Бият го в автобуса. Какво прави училището?"
    # is no question about transport
    asked = asked_sentences(text)
    fired_weights = _fired_weights(fired, explained, asked)
    # only what the question is about implies broader concepts: "Синът ми чете трудно и като му се смеят,
    # удря. Има ли допълнителни часове?" is no question about mediation, art therapy or mentoring
    heaviest = max(fired_weights, default=1.0)
    implied_names = implied_concepts([c.name for c, weight in zip(fired, fired_weights, strict=True) if weight == heaviest])
    implied = [concept_named()[name] for name in implied_names if name in concept_named()]
    expansions = [term for c in fired for term in c.terms] + other_forms
    # the story is what is asked when nothing of the plans is named anywhere: "Искам да преместя детето в друго училище. Може
    # ли без подписа на бащата?" asks about the transfer told before it ("Жалбоподателят цитира мярка 5.5.
    # Какво пише там?" names a section: it asks about that)
    sections = sections_named(text, typed)
    if _STORY_ASKED.fullmatch(asked.strip()):  # "… да повтори 3 клас доброволно. Може ли така?": the story is asked
        asked = text
    # a body the plans make responsible, asked about, is a topic of the plans like a concept: "Червеният
    # кръст участва ли в нещо за децата? Семейството ни е затруднено след всички лечения." (schools and
    # kindergartens, and the municipality, are named in nearly every question and prove nothing); looked
    # for only when no concept or section already says so
    names_plan_topic = bool(fired or sections) or any(
        not name.startswith(EVERYDAY_BODIES) for name in _institutions_named(deadline_wording(asked), other_forms, institutions)
    )

    def topic_words(said: str) -> str:
        """The words of `said` an uncovered topic may come from: what it asks (see above), without counts,
        things collected for others, the place something happens, children accepted by the others or words that
        name no topic, with an uncovered word's slip mended."""
        part = said
        if names_plan_topic:
            part = asked_sentences(said)
            part = said if _STORY_ASKED.fullmatch(part.strip()) else part
        part = _NAMES_NO_TOPIC.sub(" ", part)  # "… на занималня след обяд в училище" is no school lunch
        part = _SIGN_OF_DISTRESS.sub(" ", part)  # "крие храна под леглото" is a child's distress, no food question
        part = _ACCEPTED.sub(" ", _SETTING.sub(" ", _DONATED.sub(" ", _COUNTED.sub(" ", part))))
        if names_plan_topic:  # "… екип, който да помогне, без да плащаме адвокат?": what the asker would rather not need
            part = _RATHER_NOT.sub(" ", part)
        return _uncovered_words_respelled(part, vocabulary)

    # ... and as typed, where the plans' vocabulary corrected a word: "учебнците" became the plans'
    # "учебните", but it is one slip from the uncovered "учебниците"
    scopes = [topic_words(text), *([topic_words(lowered)] if corrections else [])]
    for clause in introductions:  # "медицинска сестра съм в училище …": the asker's job is no uncovered topic
        if asker := _asker_named(clause):
            scopes = [part.replace(asker, " ") for part in scopes]
    scope = scopes[0]
    in_scope = word_starts(scopes)
    uncovering = [c for c in out_of_scope() if c.fires(scopes, in_scope)]
    if fired and (hoped := _hoped_for(asked)) is not None:  # the feared alternative names no uncovered topic
        uncovering = [c for c in uncovering if c.fires([hoped])]
    # "Логопедът в градината безплатен ли е?" asks about a service the plans name, "ремонти … за инвалидна количка"
    # about their accessible environment
    uncovered = [topic.name for topic in uncovering if not topic.yields_to(c.name for c in fired)]
    covered_question = bool(uncovered) and (_asks_about_a_concept_first(questions_joined(scope), uncovering)
                                            or _story_of_a_concept_asked_first(text, uncovering))
    content = [w for w in words(text) if len(w) > 3 and w not in STOPWORDS and not w.isdigit()]
    # a word is explained by a glossary stem it starts with; a short word of a quoted phrase only where the
    # phrase is said ("над нивото" says nothing of "надбавки")
    explaining = stems - (phrase_only_short_stems() - {stem for _, trigger in named for stem in trigger})
    unknown = [w for w in content if not vocabulary.knows(w) and not any(w[:i] in explaining for i in range(3, len(w) + 1))]
    field_text = deadline_wording(text)
    # not what the asker says they do not mean: "празна (не става дума за „неприложимо“, а …)"
    not_refused = without_refused(text)
    return Query(
        question=typed, text=text, corrections=tuple(corrections),
        concepts=tuple(c.name for c in fired), expansions=tuple(dict.fromkeys(expansions)),
        implied=tuple(implied_names), concept_terms=tuple(c.terms for c in fired + implied),
        concept_weights=fired_weights + (IMPLIED_WEIGHT,) * len(implied),
        concept_said=tuple(explained) + (0,) * len(implied), abbreviation_terms=tuple(other_forms),
        abbreviations_typed=tuple(typed_short),
        years=years_named(text),
        institutions=_institutions_named(field_text, other_forms, institutions), out_of_scope=tuple(uncovered),
        empty_funding=asks_empty_funding(not_refused), funding_not_needed=asks_funding_not_needed(not_refused),
        unfunded=asks_unfunded(not_refused),
        sections=sections,
        field_text=field_text, asks=tuple(_asks(field_text)), asks_changes=(changes := _asks_changes(text)),
        changed_fields=_changed_fields(text) if changes else (),
        plan_age=None if changes else plan_age(text),
        unknown_share=len(unknown) / len(content) if content else 0.0,
        introductions=introductions, covered_question=covered_question,
    )  # fmt: skip



def _asks(text: str) -> list[QuestionKind]:
    """What kind of answer the question wants, beyond "what exists"."""
    kinds = []
    if re.search(r"\b(кой|кои|коя|кое)\b.*\b(отговар|отговорн|провежда|организира|помог|помаг|занимав)", text) or "отговорн" in text:
        kinds.append(QuestionKind.RESPONSIBLE)
    if any(w in text for w in DEADLINE_WORDS):
        kinds.append(QuestionKind.DEADLINE)
    if any(w.startswith(FUNDING_WORDS) for w in words(NO_MONEY.sub(" ", text))) or _COSTS_COVERED.search(text):  # "плащат", not "заплата"
        kinds.append(QuestionKind.FUNDING)
    return kinds


# costs covered: "Кои дейности се покриват по ЕРС …?" ("коя част от плана покрива такива програми" is no money)
_COSTS_COVERED = re.compile(r"(?<!\w)се\s+покрива\w*")
_AREA_WORDS = ("районн", "регионалн", "областн", "общинск", "местн")  # modifiers a user leaves out


# "общината", "общинската администрация" as a body that acts: the plan's "Община <name>"; not where
# it is a source of money ("от бюджета на общината", "финансира общината", "общината покрива")
_INTRODUCED_ROLE = "(?:" + "|".join(("съветни", "директор", "учител", "родител", "журналист", "инспектор", "служител", "член",
    "стажант", "доброволец", "психолог", "секретар", "експерт", "специалист", "председател", "кмет", "лекар", "педиатър",
    "логопед", "терапевт")) + ")"  # fmt: skip
# the asker introducing themselves: a clause with "съм"/"сме", "работя/работим в|като" or "като … ме интересува"
_SELF_INTRODUCTION = re.compile(
    r"(?:^|(?<=[.,;:!?–—]))[^.,;:!?–—]*?(?<!\w)(?:съм|сум|сме|работя|работим|ме интересува|(?:координирам|координираме|ръководя|ръководим|отговарям\s+за|отговаряме\s+за)\s+(?:работата|дейността|екипа|отдела|сектора|центъра|програмата))(?!\w)[^.,;:!?–—]*?(?=[.,;:!?–—]|\s+и\s+|$)"
    r"|(?:^|(?<=[.,;:!?–—])|(?<=\sние\s)|(?<=\sаз\s))\s*като\s+(?:\w+\s+){0,2}?" + _INTRODUCED_ROLE + r"\w*"  # "а ние като лекари мислим …"
    # "… и член на постоянната комисия по образование бих искал": a second role, and whose it is
    r"(?:\s+и\s+(?:\w+\s+)?" + _INTRODUCED_ROLE + r"\w*)*"
    r"(?:\s+(?:на|в|към)\s+[^.,;:!?–—]*?(?=\s+(?:бих|искам|искаме|моля|ме|ни)(?!\w)|[.,;:!?–—]|$))?"
)  # "Като общински съветник искам …"


# "съм" after a past participle is no introduction: "чувала съм", "чела съм", "видял съм"
_HEARD_OR_SAW = re.compile(
    r"(?<!\w)(?:чувал|чул|чел|видял|разбрал|научил|прочел|забелязал|слушал|гледал)а?\s+съм(?!\w)", re.IGNORECASE
)
# ... nor is "сме" or "съм" asked about: "Задължени ли сме да включим …" asks what the asker must do
_ASKED_OF_THE_ASKER = re.compile(r"(?<!\w)ли\s+(?:съм|сум|сме)(?!\w)", re.IGNORECASE)


_ASKING = re.compile(r"\?\s*$|(?<!\w)(?:как|какво|какви|каква|какъв|кога|къде|кой|коя|кое|кои|колко|защо|дали|ли)(?!\w)")
# "колко дейности се плащат …" counts rows: no "how much does it cost"
_COUNTED = re.compile(
    r"(?<!\w)колко(?=\s+(?:от\s+)?(?:дейност\w*|неща|нещо|реда|редове|мерки|мерките|пъти)(?!\w))"
    # ... nor how many children a service needs: "колко деца със СОП трябва да има в класа, за да назначат
    # помощник-учител" asks about the assistant, not for statistics
    r"|(?<!\w)колко(?=\s+(?:деца|ученици)(?:\s+[^,.;:!?]{1,60}?)?\s+трябва\s+да\s+(?:има|са|бъдат)(?!\w)[^.;!?]*?\s(?:за\s+да|за)\s)"
    # ... nor how many children bring a service: "При колко деца със СОП в класа се полага помощник?", "на колко
    # деца се пада ресурсен учител"
    r"|(?:(?<=при\s)|(?<=на\s))колко(?=\s+(?:деца|ученици)[^.;!?]{0,60}?\s(?:се\s+)?(?:полага|пада|назначава)\w*(?!\w))"
    # ... nor an age: "за колко годишни деца е оценката", "на колко години"
    r"|(?<!\w)колко(?=\s*-?\s*(?:годишн\w*|годин\w*|месеч\w*)(?!\w))"
)
# what the asker would rather not need is no topic: "… без да плащаме адвокат"
_RATHER_NOT = re.compile(r"(?<!\w)без\s+да\s+(?:се\s+)?(?:плаща|наема|търси|ходи|вика|води)\w*(?:\s+[^\s,.;:!?]+){1,3}")
# what is collected for others is charity, no topic of its own: "събират ли дрехи, храна" is no canteen
_DONATED = re.compile(r"(?<!\w)(?:събира\w*|дар(?:ява|ят|и|ете)\w*)(?:\s+ли)?(?:\s+[^\s,.;:!?]+(?:\s*,|\s+и)?){1,4}")
# children accepted by the others is no admission: "кампании за приемане на такива деца", "приемане на различните"
_ACCEPTED = re.compile(
    r"(?<!\w)(?:(?:кампани\w*|разбиране|толерантност)\s+(?:за\s+|и\s+)?)?приеман\w*\s+на\s+"
    r"(?:такива|различн\w*|деца\s+с|децата\s+с|другите|хора\s+с)(?!\w)"  # not "кампанията за приемане в първи клас"
)
# where something happens is no topic: "В автобуса децата се бият …", "стои само на масата в столовата"
_SETTING = re.compile(
    r"(?<!\w)(?:в|във|на|зад|пред|около)\s+(?:масата\s+в\s+)?(?:автобус\w*|столов\w*|стола|трапезари\w*|залата|двора|съблекалн\w*|игрище\w*|коридор\w*)"
)
# a yes/no question whether what was just told is allowed, or true ("Чух, че … Вярно ли е?"): it asks about the story
_STORY_ASKED = re.compile(
    r"(?:(?:а|и)\s+)?(?:може\s+ли|бива\s+ли|(?:редно|нормално|законно|позволено|допустимо)\s+ли\s+е|имат\s+ли\s+право"
    r"|(?:вярно|истина|така)\s+ли\s+е)"
    r"(?:\s+(?:така|това|да\s+стане))?\s*\??"
)
_QUESTION_WORD = re.compile(r"(?<!\w)(?:как|какво|какви|каква|какъв|кога|къде|кой|коя|кое|кои|колко|защо|дали)(?!\w)")


# who the asker is, in a self-introduction: never the topic ("училищен психолог съм" asks nothing about psychologists)
# the asker's own work asked about: "моята работа", "нашите задължения", "какво ме засяга", "за хора като мен"
_ABOUT_THE_ASKER = re.compile(
    r"(?<!\w)(?:мо|наш)(?:ята|ите|я|и|ия|ето|ата)?\s+(?:работа|задължени\w*|задачи|роля|длъжност|професия|специалност)(?!\w)"
    r"|(?<!\w)(?:ме|ни)\s+(?:засяга|засягат|касае|касаят)(?!\w)|(?<!\w)(?:засяга|засягат|касае|касаят)\s+(?:ме|ни)(?!\w)"
    r"|(?<!\w)(?:хора|специалисти)\s+като\s+(?:мен|нас)(?!\w)"
)
ROLES = ("инспектор", "експерт", "служител", "работни", "директор", "учител", "педагог", "специалист", "член",
         "съветник", "психолог", "логопед", "координатор", "доброволец", "настоятелств")


def _institutions_named(text: str, spelled_out: list[str], institutions: Iterable[str]) -> tuple[str, ...]:
    """The bodies a question names, in its words or in its abbreviations spelled out ("ОУ" is "основно
    училище": the schools), each read alone: the words of one never join another's."""
    names = list(institutions)
    found = find_institutions(text, names)
    for form in spelled_out:
        found += [name for name in find_institutions(form, names) if name not in found]
    return tuple(found)


_ASKS_AN_AMOUNT = re.compile(r"(?<!\w)колко\s+(?:е|са|струва\w*|пари|лева|ще\s+(?:дадат|получ\w*))(?!\w)")  # "Колко е стипендията"
# where a second question starts: a "?", or "и"/", и" before a question word or a verb asked with "ли"
_QUESTIONS_JOINED = re.compile(
    r"(?<=\?)\s*|,?\s+и\s+(?=(?:колко|кога|къде|как|какво|какъв|каква|какви|кой|коя|кое|кои|дали)(?!\w)"
    r"|(?:(?:това|то|те|тя|той)\s+)?\w+\s+(?:ли|се\s+ли)(?!\w))"
)
# ... or a numbered question ("… 1. има ли стипендии 2. къде се подават документите"), when numbers follow one
# another: "в 4. клас" alone is a grade
_NUMBERED = re.compile(r"(?:^|\s+)([1-9])[.)]\s+(?=[^\W\d])")


def questions_joined(text: str) -> list[str]:
    """The questions asked one after another in `text` (its parts; one part when it asks once)."""
    parts = _QUESTIONS_JOINED.split(text)
    numbers = [int(n) for n in _NUMBERED.findall(text)]
    if len(numbers) > 1 and all(b == a + 1 for a, b in pairwise(numbers)):
        parts = [numbered for part in parts for numbered in _NUMBERED.split(part)[::2]]
    return parts


def _asks_about_a_concept_first(parts: list[str], uncovering: Sequence[Concept]) -> bool:
    """Two questions in one, the first about a concept and free of the uncovered topics: "има ли психолог в
    училищата и работи ли стола през ваканцията" (the psychologist is answered, the canteen said not
    covered); a question after the uncovered one points back at it ("Колко са парите … и кой решава?").
    Its concept is named as typed (no typo tolerance): a guess never splits a question. A story may carry
    an uncovered word when the question after it asks about the story: what is done against it, or whom
    to turn to ("… видимо недохранено и постоянно с въшки - с кого трябва да се свържа?")."""
    def uncovered(clause: str) -> bool:
        return _fires_any(clause, uncovering)

    for part in parts:
        if uncovered(part):
            # ... unless it is the question after a story told without a stop ("… му взимат парите за закуска
            # всеки ден какво са длъжни да направят учителите срещу тормоза"); "При грипна епидемия кой …" is no
            # story, nor "Предвидено ли е … , например как …" (a question already)
            # ... or a yes/no question after a comma ("… през ваканцията, правят ли се кампании срещу това")
            at = _asking_starts_at(part, _YES_NO_AFTER_COMMA)
            if at is not None and (led := _LEADING_PREPOSITION.search(part[:at])):
                at = led.start()  # "… до колко часа …": the preposition asks with its question word
            # "с кого …" asks too, though no question word starts it
            if (whom := _WHOM_TO_TURN_TO.search(part)) and (at is None or whom.start() < at):
                at = whom.start()
            story, after = (part[:at], part[at:]) if at is not None else ("", "")
            told = len(words(story)) >= STORY_WORDS and not _ASKING.search(story)
            # ... or that asks what is done against what was told ("… какво прави училището срещу това"), or whom
            # to turn to about a story naming a concept (the neglect is asked about, not the lice)
            about_the_story = (_names_a_concept_as_asked(after) or bool(_AGAINST_IT.search(after))
                               or (whom is not None and whom.start() == at and _names_a_concept(story)))
            return told and not uncovered(after) and about_the_story
        if _names_a_concept_as_asked(part):
            return True
    return False


def _story_of_a_concept_asked_first(text: str, uncovering: Sequence[Concept]) -> bool:
    """A first question after a story naming a concept as typed, free of the uncovered topics, and another question
    after it: "… свири на пиано така, че … е рядък талант. … Към кого да се обърнем за съвет накъде да я развиваме?
    И има ли някаква финансова помощ …?" (the story is answered, the money said not covered)."""
    parts = [part for part in questions_joined(text) if part.strip()]
    if len(parts) < 2 or _fires_any(parts[0], uncovering):
        return False
    told = sentences(parts[0].strip())
    # the sentences before the one that asks; written without stops, the words before its first asking
    # words ("синът ми има диагноза аутизъм и … тръгва в първи клас ще има ли ресурсен учител … и колко часа")
    if len(told) > 1:
        story = " ".join(told[:-1])
    else:
        at = _asking_starts_at(parts[0], _YES_NO_ANYWHERE)
        story = parts[0][:at] if at is not None else ""
    return len(words(story)) >= STORY_WORDS and _names_a_concept(story)


def _asking_starts_at(clause: str, yes_no: re.Pattern[str]) -> int | None:
    """Where a clause told without a stop starts to ask: its first question word or yes/no question."""
    starts = [m.start() for m in (_QUESTION_WORD.search(clause), yes_no.search(clause)) if m]
    return min(starts) if starts else None


def _fires_any(clause: str, topics: Sequence[Concept]) -> bool:
    return any(c.fires([clause], word_starts([clause])) for c in topics)


def _names_a_concept(text: str) -> bool:
    """Whether the text names a glossary concept as typed (no typo tolerance)."""
    return bool(_concepts_of(_named_triggers(matched_stems(words(text), {}), text)))


_YES_NO_AFTER_COMMA = re.compile(r"(?<=,)\s*\w+\s+ли(?!\w)")
_YES_NO_ANYWHERE = re.compile(r"(?<!\w)(?:ще\s+)?\w+\s+ли(?!\w)")  # "… в първи клас ще има ли …"
# whom to turn to ("с кого трябва да се свържа", "към кого да се обърна"), not "няма с кого да играе"
_WHOM_TO_TURN_TO = re.compile(
    r"(?<!\w)(?<!няма )(?<!нямам )(?<!нямат )(?:към|с|на|до)\s+кого\s+(?:да|трябва|мога|можем|ще)(?!\w)"
)
_LEADING_PREPOSITION = re.compile(r"(?<!\w)(?:до|от|за|в|във|с|със|на|по|към|след|преди)\s+$")
_AGAINST_IT = re.compile(r"(?<!\w)срещу\s+(?:това|тях|тези|този|тази|него|нея)(?!\w)")


def _names_a_concept_as_asked(clause: str) -> bool:
    """A short question of its own naming a concept as typed: not a story with a question word, nor an
    amount ("Колко е стипендията …")."""
    single = not re.search(r"[.!]\s+\w", clause.strip()) and len(words(clause)) <= QUESTION_PART_WORDS
    return bool(single and _ASKING.search(clause) and not _ASKS_AN_AMOUNT.search(clause)
                and _names_a_concept(clause))  # fmt: skip


def asked_sentences(text: str) -> str:
    """The sentences that ask (a "?" or a question word), when the question also tells a story
    ("Бият го в автобуса. Какво прави училището?"); else all of it."""
    told = sentences(text.strip())
    asking = [s for s in told if _ASKING.search(s)]
    return " ".join(asking) if asking and len(asking) < len(told) else text


# who the asker is: a short noun phrase before "съм/сме" ("медицинска сестра съм"; not "без ваксини сме",
# "при невролог сме"), after "аз съм" up to a preposition, or after "работя като"
_ROLE_BEFORE_AM = re.compile(r"^\s*(?!(?:без|при|за|от|на|в|във|с|със|към|по|много|как|кой|какво)\s)((?:\w+\s+){0,2}\w+)\s+(?:съм|сум|сме)(?!\w)")
_ROLE_AFTER_AM = re.compile(r"(?<!\w)аз\s+съм\s+(?:\w+\s+){0,2}?\w+(?=\s+(?:в|във|към|на|при|и)(?!\w)|\s*$)")
_WORK_AS = re.compile(r"(?<!\w)(?:работя|работим)\s+като\s+(?:\w+\s+){0,2}?\w+(?=\s+(?:в|във|към|на|при)(?!\w)|$)")
# "Като личен лекар често ме питат …": the role the asker speaks as
_SPEAKING_AS = re.compile(r"^\s*като\s+(?:\w+\s+){0,2}?" + _INTRODUCED_ROLE + r"\w*", re.IGNORECASE)


def _asker_named(clause: str) -> str:
    """Who the asker says they are, without what the clause goes on to say: "медицинска сестра съм"
    of "медицинска сестра съм в училище", "аз съм медицинска сестра", "работя като медицинска сестра"
    (an unpunctuated question may run on inside the clause: "помощник съм на срочен договор колко дни
    отпуск имам …"); "При невролог сме и питам …" says where they are, which may be the topic."""
    for role in (_ROLE_AFTER_AM.search(clause), _ROLE_BEFORE_AM.search(clause), _WORK_AS.search(clause),
                 _SPEAKING_AS.search(clause)):
        if role:
            return role.group(0)
    return ""


def self_introductions(text: str) -> list[str]:
    """The clauses where the asker says who they are ("работя в социалния отдел", "учителка съм в
    детска градина"): what they are about is the asker, not the question's topic. "Чувала съм, че …"
    tells what the asker heard, "Задължени ли сме …" what they ask: those are the topic."""
    return [m.group(0) for m in _SELF_INTRODUCTION.finditer(text)
            if not _HEARD_OR_SAW.search(m.group(0)) and not _ASKED_OF_THE_ASKER.search(m.group(0))]


# "социалните" / "социалното" said for the social assistance office, as a noun: before a pause, a
# preposition, a conjunction or a verb ("Социалните в кои дейности участват?", "училището и социалните");
# before a noun it is an adjective ("социалните мрежи", "социалните услуги")
_SOCIAL_OFFICE = re.compile(
    r"(?<!\w)социалн(?:ите|ото)(?=\s*(?:[,.;:!?()–—-]|$)|\s+(?:в|във|и|от|за|с|със|по|на|да|ли|ще|са|е|какво|кои|къде|трябва"
    r"|правят|участват|работят|могат|помагат|имат|се|ни|ги|го|я)(?!\w))"
)
# "соц. подпомагане", "соц. служби": the social office shortened ("соц. работник съм" stays a person)
_SOCIAL_SHORTENED = re.compile(r"(?<!\w)соц\.?\s*(?=подпомаг|служб)")
ALTERNATIVE = re.compile(r"(?<!\w)ли,?\s+или(?!\w)")  # "… ли, или …": a yes/no question offering another way
# "… ли …, или само/просто …": the alternative a yes/no question fears, set against what it hopes for
_ONLY_ALTERNATIVE = re.compile(r"(?<!\w)ли(?!\w)[^.?!]*?(?<!\w)(или\s+(?:само|просто|единствено)(?!\w)[^.?!]*)")


def _hoped_for(asked: str) -> str | None:
    """The alternative a yes/no question hopes for, when it offers two: "Тая комисия работи ли с училището
    или само пише глоби?" fears what follows "или само" and hopes for what comes before; "Само ще ни глобяват
    ли или има реална помощ?" fears what comes before "ли или" and hopes for what follows."""
    if fear := _ONLY_ALTERNATIVE.search(asked):
        return asked.replace(fear.group(1), " ")
    offered = ALTERNATIVE.split(asked, maxsplit=1)
    return offered[1] if len(offered) == 2 else None


_PLAN_OF_MUNICIPALITY = re.compile(r"(?i)(план\w*(?:\s+за\s+20\d\d(?:\s*г\.?)?)?)\s+на\s+община(?:та)?(?:\s+\w+)?")
_MUNICIPALITY_BODY = re.compile(r"(?<!\w)(?:общината|самата община|общинската администрация)(?!\w)")
# "регистрирани в общината", "какво предвижда общината за …", "дава ли общината …": the municipality
# as the place or as the plan's author, not a body responsible for some rows
_MUNICIPALITY_PLACE_OR_AUTHOR = re.compile(
    r"(?<!\w)(?<!съм\s)(?<!работя\s)(?<!работим\s)(?:в|във|из|на територията на)\s+(?:цялата\s+|нашата\s+|самата\s+)?общината(?!\w)"
    r"|(?<!\w)общината\s+(?:предвижда|предлага|планира|ни\s+предлага)(?!\w)"
    r"|(?<!\w)към\s+(?:самата\s+)?общината(?!\w)"  # "комисията към общината": whose unit it is
    r"|(?<!\w)(?:предвижда|предлага|планира)(?:\s+ли)?\s+общината(?!\w)"
)
_MUNICIPALITY_MONEY = re.compile(
    r"(?<!\w)(?:бюджет\w*|средств\w*|сметка\w*|финансир\w*|от|през|чрез)\s+(?:на\s+)?общината"
    r"|(?<!\w)общината\s+(?:покрива|плаща|финансира|отпуска|заплаща)(?!\w)"
)


def _typed_amiss(abbreviation: str, typed: set[str]) -> bool:
    """A long abbreviation typed one letter off ("МКБППН" for "МКБППМН", "РЦППО"); short ones are too
    alike, and another abbreviation is no typo ("ЕПЛР" is not "РЕПЛР")."""
    return len(abbreviation) >= 5 and any(
        len(t) >= 5 and t not in _known_abbreviations() and edit_distance(t, abbreviation, 2) <= 1 for t in typed
    )


@lru_cache(maxsize=8192)
def _starts_nearly(word: str, stem: str) -> bool:
    """Whether the word starts with the stem or, misspelled, nearly does: one edit away from a stem of
    BODY_STEM_LETTERS or more ("неправителствнте").

    subtle: the dictionary lacks many articled forms, so a word is no slip when it is known without its
    article ("инспекторът" is no "инспекторат"); short stems are not tried ("градиво" is no "градин")."""
    if word.startswith(stem):
        return True
    return (len(stem) >= BODY_STEM_LETTERS and word[0] == stem[0] and _starts_one_edit_away(word, stem)
            and not known_with_article(word))  # fmt: skip


@lru_cache(maxsize=1)
def _known_abbreviations() -> frozenset[str]:
    return frozenset(a.short.upper() for a in abbreviations())


def find_institutions(text: str, institutions: Iterable[str]) -> list[str]:
    """Institutions named in the question: by abbreviation or by the lemmas of their name."""
    text = _PLAN_OF_MUNICIPALITY.sub(r"\1", text)  # "в плана на община X": whose plan, not a body of it
    question_lemmas = {lemma(w) for w in words(text)}
    question_upper = set(re.findall(r"[А-ЯA-Z]{2,}", text.upper()))
    full_of = {a.short: a.full for a in abbreviations()}
    by_name, by_abbreviation = [], []
    for name in institutions:
        shorts = [t for t in name.split() if t.isupper() and len(t) > 1]
        name_lemmas = [lemma(w) for w in words(name) if w not in STOPWORDS and len(w) > 3]
        spelled = [lemma(w) for s in shorts for w in words(full_of.get(s, "")) if len(w) > 3 and w not in STOPWORDS
                   and not w.startswith(_AREA_WORDS)]  # "Районна прокуратура": "прокуратурата" names it
        if (shorts and all(s in question_upper or _typed_amiss(s, question_upper) for s in shorts)) or (
            name_lemmas and all(lm in question_lemmas for lm in name_lemmas)
        ):
            by_name.append(name)
        elif spelled and all(lm in question_lemmas for lm in spelled):
            by_abbreviation.append(name)  # "детските градини" also spells out "ДГ": a weaker match
    found = by_name + by_abbreviation
    if _MUNICIPALITY_BODY.search(_MUNICIPALITY_PLACE_OR_AUTHOR.sub(" ", _MUNICIPALITY_MONEY.sub(" ", text.lower()))):
        found += [name for name in institutions if name.startswith("Община ") and name not in found]
    question_words = words(_SOCIAL_OFFICE.sub("социално подпомагане", _SOCIAL_SHORTENED.sub("социални ", text.lower())))
    for everyday in institution_names():  # "полицията" -> "РУ на МВР", "местната комисия" -> МКБППМН
        if not any(all(any(_starts_nearly(w, stem) for w in question_words) for stem in trigger) for trigger in everyday.triggers):
            continue
        for name in institutions:
            if name not in found and everyday.means(name):
                found.append(name)
    return found
