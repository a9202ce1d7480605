"""What a question says about the plans' field values: a deadline in the plans' wording, a kind of
funding (none, not needed, a source denied), a section by its number.

Staff ask by value ("кои дейности са със срок при необходимост", "мярка 1.5", "без финансиране"); people
name the values in their own words ("при нужда", "като тръгне учебната година", "пари отвън", "ОЦ III").
Bulgarian usage and the plans' field forms, no plan's wording: understand.py reads a question with these,
filters.py and whole.py select rows by them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from assistant.fields import MONTHS
from assistant.spelling import edit_distance, known_bulgarian

# Field questions municipal staff ask ("кои дейности са със срок при необходимост").
DEADLINE_WORDS = ("срок", "кога", "докога", "до кога", "краен", "да е готов", "да са готов", "да е направ")
FUNDING_WORDS = ("финансир", "бюджет", "пари", "средства", "плащ", "платен", "платени", "каса")
ANY_KIND = r"никак(?:ъ|в)\w*"  # никакъв, никаква, никакво, никакви: "никакв" alone misses the masculine
EMPTY_WORDS = ("празн", "липсва", "не е посочен", "непосочен", "неуказан", "не е указан", "не е попълн", "не е написан", "не е записан", "няма попълн", "няма написан", "няма записан", "няма посочен", "нямат посочен", "нямат попълн", "нямат записан", "нямат написан", "непопълн",
               "не са попълн", "без посочен", "без попълн", "без записан")  # blank; each at a word's start ("финансиране е записано" is written)
_EMPTY_CELL = re.compile(
    r"(?<!\w)(?:" + "|".join(EMPTY_WORDS) + ")"
    rf"|(?<!\w)(?:няма|нямат|без)\s+{ANY_KIND}\s+(?:посочен|попълн|записан|написан)"  # "нямат никакво попълнено финансиране"
)
# "нямат никакво финансиране": a negation a few words before "финансиране" ("нямаме пари" is a parent;
# "без посочено финансиране", "няма написано никакво финансиране" are a blank cell, not "without funding")
_NO_FUNDING = re.compile(
    rf"(?<!\w)(?:(?:нямат|няма)(?!\s+(?:{ANY_KIND}\s+)?(?:посочен|попълн|записан|написан))|без(?!\s+(?:{ANY_KIND}\s+)?(?:посочен|попълн|записан))|не е предвидено|не са предвидени)\s+(?:\w+\s+){{0,2}}?финансиран"
    r"|(?<!\w)(?:не е предвидено|не са предвидени|не се предвиждат?)\s+(?:\w+\s+){0,2}?средства"
    # "дейности без пари", "кои са без пари", "които са без пари"; "семейство … без пари за дрехи" is a poor family (and "сме без пари":
    # NO_MONEY), and a service "без пари" is free for the family ("консултации по предметите без пари")
    r"|(?<!\w)(?:(?:дейност\w*|мерк\w*|ред(?:а|ът|ове|овете)?|позици\w*|точк\w*)(?!\w)(?:\s*,?\s*\S+){0,3}?"
    r"|(?:кои|кое|какво|които|колко)(?:\s+\S+){0,2}?\s+(?:са|е))\s+без\s+пари(?!\s+(?:за|в|и)\s)"
)  # "не се предвиждат никакви средства"; "семейства без средства" are poor families
# "не изискват финансиране", "не им трябват пари": what the plan says ("Неприложимо"), not a blank cell
_NOT_NEEDED = re.compile(
    r"(?<!\w)не\s+(?:се\s+)?(?:изисква\w*|(?:им\s+|й\s+|му\s+)?трябва\w*|е\s+(?:нужно|необходимо)|са\s+(?:нужни|необходими))"
    r"\s+(?:\w+\s+)?(?:финансир|пари|средств)|(?<!\w)не\s+струва\w*\s+нищо"
    r"|(?<!\w)(?:ням\w*\s+нужда|не\s+се\s+нужда\w*|без\s+нужда)\s+от\s+(?:\w+\s+)?"
    r"(?:финансир|пари|средств)"
)
# a family's poverty, not the plans' funding: "нямаме пари", "сме без пари", "останахме без пари"
NO_MONEY = re.compile(r"(?<!\w)(?:(?:нямам|нямаме)\s+(?:\w+\s+)?|(?:сме|съм|сте|останахме|остана)\s+без\s+)пари")
# "(нито бюджет, нито „неприложимо“)": values the question rules out
NEITHER = re.compile(r"(?<!\w)(?:нито|не\s+(?:говоря|питам)\s+за|дори\s+без|без\s+дори)\s+[^,.;:!?()]*")  # "не говоря за неприложимо" too
# "кои не се финансират от бюджета на комисията": a source denied, not "unfunded" ("от никого" is)
NOT_PAID_BY = re.compile(
    r"(?<!\w)не\s+(?:се\s+|са\s+|е\s+)?(?:финансира\w*|плаща\w*|покрива\w*|заплаща\w*)\s+(?:(?:само|единствено|изцяло)\s+)?„?"
    r"((?:от|чрез|по)\s+(?!никого|никъде|нищо|никак|никой|нито)[^,.;:!?()]+?)(?=\s+(?:а|но|които)\s+|\s+и\s+(?:се|са|не)\s+|[,.;:!?()]|$)"
    r"|(?<!\w)не\s+(?:е|са)\s+(?:посочен\w*\s+)?((?:бюджет|средств)\w*\s+на\s+[^,.;:!?()]+?)(?=\s+като\s+|[,.;:!?()]|$)"
    r"|(?<!\w)(?:финансирането|източникът|източниците)\s+не\s+(?:включва|съдържа|предвижда)\w*\s+([^,.;:!?()]+?)(?=\s+(?:а|но)\s+|[,.;:!?()]|$)"
    # "кои дейности не разчитат на проекти с външно финансиране"
    r"|(?<!\w)не\s+(?:разчита|зависи|ползва)\w*\s+(?:на|от)\s+((?:проект|програм|бюджет|средств|външн|министерств|европейск)[^,.;:!?()]*?)(?=\s+(?:а|но)\s+|[,.;:!?()]|$)"
)  # "… не е посочен бюджетът на отговорните институции като източник", "чийто източник не е бюджетът на …"
# "не се финансират единствено от X": X may pay, but not alone
ONLY_SOURCE_DENIED = re.compile(r"(?:само|единствено|изцяло)\s+„?$")  # "… единствено „от бюджета на …“"
UNFUNDED_WORDS = ("не се финанс", "без финанс", "няма финанс", "нямат финанс", "не са финанс", "нефинанс", "неприложимо", "не изискв")
# Everyday names of deadline values -> the plans' wording (Bulgarian usage, not one plan's).
_IN_MONTH = re.compile(rf"(?<!\w)(?:през|в|във|до края на|в края на|към края на)\s+({'|'.join(MONTHS)})(?!\w)")
DEADLINE_SYNONYMS = {
    "новата учебна": "учебната",  # first: "старта на новата учебна година" is "старта на учебната"
    "съответната учебна": "учебната", "следващата учебна": "учебната", "всяка учебна": "учебната",
    "при нужда": "при необходимост", "когато е нужно": "при необходимост", "когато се наложи": "при необходимост",
    "края на годината": "декември", "краят на годината": "декември", "края на календарната": "декември",
    "откриването на учебната": "началото на учебната", "старта на учебната": "началото на учебната",
    "ако се наложи": "при необходимост", "ако е необходимо": "при необходимост", "когато е необходимо": "при необходимост",
    "ако е нужно": "при необходимост", "възникне нужда": "при необходимост",
    "когато потрябва": "при необходимост", "ако потрябва": "при необходимост",
    "възникне необходимост": "при необходимост", "първия учебен ден": "началото на учебната година",
    "първия ден на учебната": "началото на учебната",
    "не е приложимо": "неприложимо", "не са приложими": "неприложимо",  # the funding value, as plans write it
}  # fmt: skip
# holidays and school terms said for a deadline, as Bulgarian usage places them: "до Коледа", "преди Нова година" are
# due in December ("за Коледа" is what happens then, no deadline); the first term ends in December or January; "в
# началото на първия срок" is the start of the school year
_BY_DECEMBER = re.compile(
    r"(?<!\w)(?:до|преди|около)\s+(?:коледа|коледните\s+празници|коледната\s+ваканция|новата\s+година|нова\s+година)(?!\w)"
)
_FIRST_TERM_END = re.compile(r"(?<!\w)до\s+края\s+на\s+първия\s+(?:учебен\s+)?срок(?!\w)")
_FIRST_TERM_START = re.compile(r"(?<!\w)(?P<on>в\s+)?(?:самото\s+)?начало(?:то)?\s+на\s+първия\s+(?:учебен\s+)?срок(?!\w)")
# a span of months is every month in it: "между юли и декември", "от септември до ноември"; a calendar half-year with
# its year is its six months ("през второто полугодие на 2024 г."; without a year it may be a school term, so not read)
_MONTH_SPAN = re.compile(rf"(?<!\w)(?:между|от)\s+({'|'.join(MONTHS)})\s+(?:и|до)\s+({'|'.join(MONTHS)})(?!\w)")
_CALENDAR_HALF = re.compile(r"(?<!\w)(първото|второто)\s+полугодие\s+(?:на\s+)?(?=20\d\d(?!\s*/))")
_MONTH_NAMES = tuple(MONTHS)
# "след септември …, до края на годината": the month after "след" is no deadline asked
_AFTER_MONTH = re.compile(rf"(?<!\w)след\s+(?:{'|'.join(MONTHS)})(?!\w)")
_SHORT_SCHOOL_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*/\s*(\d\d)(?!\d)")
_END_OF_YEAR = re.compile(r"(?<!\w)(?:до\s+)?края(?:т)?\s+на\s+(20\d\d)")
# money "отвън" ("пари по проекти или отвън"); "специалисти отвън", "някой отвън" are people
_FROM_OUTSIDE = re.compile(r"(?<!\w)((?:пари|средства|финансиран\w*|плащ\w*)(?:\s+\S+){0,3}?\s+)отвън(?!\w)")
# "като тръгне новата учебна година", "когато започне учебната година": its beginning, as plans write it
_SCHOOL_YEAR_START = re.compile(
    r"(?<!\w)(?:като|когато|щом|преди да)\s+(?:тръгне|започне|почне|започва|тръгва)\s+(?:новата\s+)?учебна(?:та)?\s+година"
    # "като тръгне училището наесен", "когато започнат училищата", "за първия звънец"
    r"|(?<!\w)(?:като|когато|щом|преди да)\s+(?:тръгне|започне|почне|тръгнат|започнат|почнат)\s+(?:училище(?:то)?|училищата|занятията)"
    r"(?:\s+наесен)?(?!\w)|(?<!\w)(?:за|до|преди)\s+първия\s+звънец(?!\w)"
)
_SCHOOL_YEAR_SHORT = re.compile(r"(?<!\w)уч\.\s*(?:г\.|год\.|година|годината)(?!\w)")  # "началото на уч. година"
# "оперативна цел 4", "цел 2", "мярка 3.4", "мярка 1.6": a section of the plan named by its number
_NUMBER = r"(?:№|номер|ном\.|н-р)"  # "цел номер 5", "мярка № 1.3"
# a goal in Roman numerals, as plans and officials write it: "ОЦ III", "оперативна цел IV"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
# (read from the question as typed: chat Latin would turn "III" into "иии", and "цел и" is "goal and")
_GOAL_ROMAN = re.compile(r"(?<!\w)(?i:(?:оперативн\w*\s+)?цел(?:та)?|оц)\s*(VIII|VII|VI|IV|V|III|II|I)(?!\w|\.\w)")
_GOAL_REF = re.compile(r"(?<!\w)(?:(?:оперативн\w*\s+)?цел(?:та)?|оц)\s*(?:" + _NUMBER + r"\s*)?(\d{1,2})(?![\d.]*\d)")  # "ОЦ2"
_MEASURE_REF = re.compile(r"(?<!\w)(?:м[яе]рк\w*|м\.)\s*(?:" + _NUMBER + r"\s*)?(\d{1,2})\s*[./]\s*(\d{1,2})(?!\d)")  # "м. 5.2", "мярка 2/1"
# a measure's number in brackets after its name: "мярката за агресията и тормоза (1.3)"
_MEASURE_IN_BRACKETS = re.compile(r"\(\s*(\d{1,2})\.(\d{1,2})\s*\)")
# the number first, as an ordinal: "3-та оперативна цел", "1.6-та мярка", "2.1-ва мярка"
_ORDINAL_SUFFIX = r"\s*-?\s*(?:ти|ри|ви|ми|та|ра|ва|ма)\s+"
_GOAL_FIRST = re.compile(r"(?<![\w.])(\d{1,2})" + _ORDINAL_SUFFIX + r"(?:оперативн\w*\s+)?цел")
_MEASURE_FIRST = re.compile(r"(?<![\w.])(\d{1,2})\s*\.\s*(\d{1,2})" + _ORDINAL_SUFFIX + r"м[яе]рк")
# several sections in one breath: "оперативни цели 4 и 6.", "целите 2, 3 и 5", "мерки 1.5 и 1.6", "по цел 4 и 6"
_GOAL_LIST = re.compile(
    r"(?<!\w)(?:оперативн\w*\s+)?цел(?:и|ите|та)?\s+(\d{1,2}(?:\s*(?:,|и|или)\s*\d{1,2}(?!\d|\.\d|\s*[-–]?\s*(?:годиш|г\.|клас|от\s+тях)))+)"
)  # not "цел 1 и 3-годишните деца", "цел 5 и 2 от тях"
_MEASURE_LIST = re.compile(r"(?<!\w)м[яе]рк(?:а|ата|и|ите)?\s+(\d{1,2}\.\d{1,2}(?:\s*(?:,|и|или)\s*\d{1,2}\.\d{1,2})+)")
# a range of one goal's measures: "мерки 1.1 до 1.3", "мерки 3.1–3.9", "от мярка 6.1 до мярка 6.3"
_MEASURE_RANGE = re.compile(
    r"(?<!\w)м[яе]рк\w*\s+(?:от\s+)?(\d{1,2})\.(\d{1,2})\s*(?:-|–|—|до)\s*(?:м[яе]рк\w*\s+)?(\d{1,2})\.(\d{1,2})(?!\d)"
)
_MEASURE_ALONE_RANGE = re.compile(r"(?<!\w)м[яе]рк\w*\s+(?:от\s+)?(\d{1,2})\s*(?:-|–|—|до)\s*(\d{1,2})(?![\d.]*\d)")  # "мерки от 1 до 3 на цел 5"
_MEASURE_ALONE = re.compile(r"(?<!\w)(?:м[яе]рк\w*|м\.)\s*(?:" + _NUMBER + r"\s*)?(\d{1,2})(?![\d.]*\d)")  # "мярка 5 към цел 1", "ОЦ5 м.2"
_ORDINALS = {"първ": 1, "втор": 2, "трет": 3, "четвърт": 4, "пет": 5, "шест": 6, "седм": 7, "осм": 8}
_NUMBER_WORDS = {"едно": 1, "една": 1, "две": 2, "три": 3, "четири": 4}  # "цел три" ("пет", "шест" are above)
# after a measure's number, its goal: "2.1 (към втората оперативна цел)", "1.5 от цел 1", "3.3, по ОЦ 3"
_LOCATING_GOAL = re.compile(
    r"(?<=\d[./]\d)\d?\s*[(,]?\s*(?:към|от|по|в|във|на|[–—-])\s+(?:\w+\s+)?(?:(?:оперативн\w*\s+)?цел(?:та)?|оц)"
    r"(?:\s*(?:№\s*)?\d{1,2}(?![\d.]*\d))?\s*\)?"
)
# measures followed by their goal, so that several goals can each have their own: "мярка 1 на оперативна цел 1 и
# мерки 2 и 3 на оперативна цел 3" -> (1, 1), (3, 2), (3, 3)
_MEASURES_OF_A_GOAL = re.compile(
    r"(?<!\w)м[яе]рк\w*\s+(?:№\s*)?(\d{1,2}(?:\s*(?:,|и|или)\s*\d{1,2})*)(?![\d.]*\d)\s*,?\s+(?:на|от|към|по)\s+"
    r"(?:(?:оперативн\w*\s+)?цел(?:та)?|оц)\s*(?:№\s*)?(\d{1,2})(?![\d.]*\d)"
)
_ORDINAL_GOAL = re.compile(
    r"(?<!\w)(" + "|".join(_ORDINALS) + r")\w*\s+(?:оперативн\w*\s+)?цел"
    r"|(?<!\w)(?:оперативн\w*\s+)?цел(?:та)?\s+(" + "|".join([*_ORDINALS, *_NUMBER_WORDS]) + r")\w*"
)  # "шестата цел", "цел шестата", "цел три"
# "петата мярка на първата цел", "цел 5 мярка пета" (an ordinal's ending: "петте мерки" are five)
_ORDINAL_MEASURE = re.compile(
    r"(?<!\w)(" + "|".join(_ORDINALS) + r")(?:ата|ия|ият|а|и)\s+м[яе]рк"
    r"|(?<!\w)мярка(?:та)?\s+(" + "|".join([*_ORDINALS, *_NUMBER_WORDS]) + r")(?:ата|ия|ият|а|и)?(?!\w)"
)


# a measure named by its topic, its number in brackets after it: "мярката за агресията и тормоза (1.3)"
_NUMBER_AFTER_NAME = re.compile(r"(?<!\w)(м[яе]рк\w*)((?:\s+[^\s,.;:!?()–—]+){1,8}?)\s*\(\s*(\d{1,2}\.\d{1,2})\s*\)")


def measure_number_first(text: str) -> str:
    """A measure named by its topic with its number in brackets, as the plans' number: "мярката за агресията и
    тормоза (1.3)" -> "мярката 1.3 за агресията и тормоза", so that every reading of a measure's number applies."""
    return _NUMBER_AFTER_NAME.sub(r"\1 \3\2", text)


def deadline_wording(text: str) -> str:
    """The question with everyday deadline names in the plans' wording: "при нужда" -> "при необходимост",
    "до Коледа" -> "до декември", "уч. година" -> "учебната година", "през декември" -> "до декември", "2024/25" -> "2024/2025", "пари отвън" -> "… външно финансиране"."""
    wording = months_spelled_right(text)
    for everyday, planned in DEADLINE_SYNONYMS.items():
        wording = wording.replace(everyday, planned)
    wording = _BY_DECEMBER.sub("до декември", _AFTER_MONTH.sub(" ", wording))
    wording = _CALENDAR_HALF.sub(lambda m: "между юли и декември " if m.group(1) == "второто" else "между януари и юни ", wording)
    wording = _MONTH_SPAN.sub(lambda m: _every_month(MONTHS[m.group(1)], MONTHS[m.group(2)]), wording)
    wording = _FIRST_TERM_END.sub("до декември, до януари", wording)
    wording = _FIRST_TERM_START.sub(lambda m: f"{m.group('on') or ''}началото на учебната година", wording)
    # "през декември", "в декември": due by that month, as the plans write deadlines
    wording = _IN_MONTH.sub(lambda m: f"до {m.group(1)}", wording)
    wording = _SCHOOL_YEAR_SHORT.sub("учебната година", wording)
    wording = _SCHOOL_YEAR_START.sub("в началото на учебната година", wording)
    wording = _SHORT_SCHOOL_YEAR.sub(lambda m: f"{m.group(1)}/{m.group(1)[:2]}{m.group(2)}", wording)  # 2024/25
    wording = _END_OF_YEAR.sub(lambda m: f"до декември {m.group(1)}", wording)  # "до края на 2023 г."
    return _FROM_OUTSIDE.sub(r"\1външно финансиране", wording)  # "пари отвън"


def asks_empty_funding(text: str) -> bool:
    """"графата за финансиране е празна": rows whose funding cell is blank ("…, а не такива, при които
    графата е оставена празна" rules them out)."""
    text = _NOT_SUCH.sub(" ", text)
    return any(w in text for w in FUNDING_WORDS) and bool(_EMPTY_CELL.search(text))


_NOT_SUCH = re.compile(r"(?<!\w)(?:а|но)\s+не\s+(?:и\s+)?(?:такива|тези|онези)(?!\w)[^.;!?]*")


def asks_funding_not_needed(text: str) -> bool:
    """"не изискват финансиране": what the plan says ("Неприложимо"), not a blank cell."""
    return bool(_NOT_NEEDED.search(text))


def asks_unfunded(text: str) -> bool:
    """"кои дейности не се финансират": blank or not-applicable funding; a source denied ("не се
    финансират от бюджета на комисията") or ruled out ("нито неприложимо") is not this."""
    denied_removed = NEITHER.sub(" ", NOT_PAID_BY.sub(" ", text))
    return any(w in denied_removed for w in UNFUNDED_WORDS) or bool(_NO_FUNDING.search(NO_MONEY.sub(" ", text)) or _NOT_NEEDED.search(text))


_WORD = re.compile(r"\w+")


def _every_month(first: int, last: int) -> str:
    """Each month of a span as a deadline asked: (7, 9) -> "до юли, до август, до септември"; a span over the new
    year ("от септември до май") runs on into January."""
    months = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
    return ", ".join(f"до {_MONTH_NAMES[month - 1]}" for month in months)


def months_spelled_right(text: str) -> str:
    """A month typed with one slip ("декеври", "септмври") as the deadlines write it. Month names are a
    closed list, so only a word one edit from exactly one of them (of five letters or more, its first
    letter kept) that is no word itself: the plans' vocabulary has no deadlines to correct it towards."""

    def spelled(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 5 or word in MONTHS:
            return word
        near = [month for month in MONTHS if len(month) >= 5 and month[0] == word[0]
                and abs(len(month) - len(word)) <= 1 and edit_distance(word, month, 1) <= 1]  # fmt: skip
        return near[0] if len(near) == 1 and not known_bulgarian(word) else word

    return _WORD.sub(spelled, text)


_FIRST_TO_LAST = re.compile(r"(?<!\w)от\s+първ\w*\s+до\s+последн\w*(?:\s+(?:мярка|цел|дейност)\w*)?")


def without_first_to_last(text: str) -> str:
    """The question without "от първата до последната мярка": every one, no section of its own."""
    return _FIRST_TO_LAST.sub(" ", text)


def sections_named(text: str, typed: str = "", in_goal: int | None = None) -> tuple[tuple[int, int | None], ...]:
    """Goals and measures the question names by number: "мярка 3.4" -> (3, 4), "оперативна цел 2" -> (2, None),
    "мерки 1.1 до 1.3" and "мерки от 1 до 3 на цел 1" -> (1, 1), (1, 2), (1, 3);
    a goal in Roman numerals is read from the question as `typed` ("ОЦ III"); "от първата до последната
    мярка" names every one, so none; a goal right after a measure only locates it ("мярка 2.1 (към втората
    оперативна цел)"); `in_goal` is the goal said elsewhere, for text that names none ("мярка 5" of a clause)."""
    text = _LOCATING_GOAL.sub(" ", without_first_to_last(text))
    found: list[tuple[int, int | None]] = [(int(g), int(m)) for listed, g in _MEASURES_OF_A_GOAL.findall(text)
                                           for m in re.findall(r"\d+", listed)]  # fmt: skip
    text = _MEASURES_OF_A_GOAL.sub(" ", text)
    found += [(int(g), int(m)) for g, m in (*_MEASURE_REF.findall(text), *_MEASURE_FIRST.findall(text),
                                                   *_MEASURE_IN_BRACKETS.findall(text))]
    found += [(int(g), int(m)) for listed in _MEASURE_LIST.findall(text) for g, m in re.findall(r"(\d+)\.(\d+)", listed)]
    found += [(int(g), m) for g, first, same_goal, last in _MEASURE_RANGE.findall(text) if g == same_goal
              for m in range(int(first), int(last) + 1)]  # fmt: skip
    goals = [int(g) for g in (*_GOAL_REF.findall(text), *_GOAL_FIRST.findall(text))]
    goals += [int(g) for listed in _GOAL_LIST.findall(text) for g in re.findall(r"\d+", listed)]
    goals += [_ROMAN[numeral] for numeral in _GOAL_ROMAN.findall(typed)]
    goals += [_number_of(before or after) for before, after in _ORDINAL_GOAL.findall(text)]
    goals = goals or ([in_goal] if in_goal is not None else [])
    measures = [int(m) for m in _MEASURE_ALONE.findall(text)] + [_number_of(b or a) for b, a in _ORDINAL_MEASURE.findall(text)]
    measures += [m for first, last in _MEASURE_ALONE_RANGE.findall(text) for m in range(int(first), int(last) + 1)]
    if len(goals) == 1 and measures:  # "мярка 5 към първата оперативна цел" -> (1, 5)
        found += [(goals[0], m) for m in measures]
    else:
        found += [(g, None) for g in goals]
    return tuple(dict.fromkeys(found))


# rows by their place: "първата дейност по мярка 1.3", "третата и четвъртата дейност", "последната мярка на цел 5",
# "първите две мерки" (a plural ordinal needs its count: "последните дейности" are the latest, not a place)
T = TypeVar("T")
# longest first: "предпоследн" before "последн"
_PLACE_STEMS = dict(sorted({**_ORDINALS, "девет": 9, "десет": 10, "предпоследн": -2, "последн": -1}.items(), key=lambda item: -len(item[0])))
_PLACE_FORM = rf"(?:{'|'.join(_PLACE_STEMS)})(?:ата|ия|ият|ите|ото|а|и)"
_PLACE = re.compile(
    rf"(?<!\w)(?P<listed>(?:{_PLACE_FORM}\s*(?:,|и|или)\s*)*)(?P<place>{_PLACE_FORM})\s+(?:(?:ѝ|й|им|му)\s+)?"
    r"(?:(?P<count>две|два|три|четири|пет|шест|седем|осем|девет|десет|\d{1,2})\s+)?(?P<unit>дейност|м[яе]рк)\w*"
)

_PLACE_SPAN = re.compile(rf"(?<!\w)от\s+(?P<first>{_PLACE_FORM})\s+до\s+(?P<last>{_PLACE_FORM})\s+(?P<unit>дейност|м[яе]рк)\w*")


@dataclass(frozen=True)
class Position:
    """Rows asked for by their place in a measure, a goal or a plan."""

    unit: str  # "activity" or "measure"
    places: tuple[int, ...]  # from 1 at the start; -1 is the last
    phrase: str  # the words that said it (not a topic of the question)
    through: int | None = None  # a span from the first place to this one ("от третата до последната": 3, through -1)

    def of(self, listed: list[T]) -> list[T]:
        """The members of a group at these places."""
        if self.through is not None:
            start, end = self.places[0], self.through if self.through > 0 else len(listed) + self.through + 1
            return listed[start - 1 : end]
        return [listed[place - 1 if place > 0 else place] for place in self.places if place and -len(listed) <= place <= len(listed)]


def position_named(text: str) -> Position | None:
    """The place a question asks for, if it asks by place: "първата дейност" -> (1,), "последните две мерки"
    -> (-1, -2), "третата и четвъртата дейност" -> (3, 4)."""
    text = without_first_to_last(text)  # "от първата до последната мярка": every one
    if between := _PLACE_SPAN.search(text):  # "от втората до четвъртата дейност"
        start, end = _place_of(between.group("first")), _place_of(between.group("last"))
        if start > 0 and (end < 0 or start <= end):  # "от третата до последната дейност" too
            unit = "activity" if between.group("unit") == "дейност" else "measure"
            return Position(unit, (start,), between.group(0), through=end)
    said = _PLACE.search(text)
    if not said:
        return None
    count = said.group("count")
    if said.group("place").endswith("ите") and not count:
        return None
    starts = [_place_of(w) for w in re.findall(r"\w+", said.group("listed")) if w not in ("и", "или")]
    first = _place_of(said.group("place"))
    how_many = int(count) if count and count.isdigit() else COUNT_WORDS.get(count or "", 1)
    step = -1 if first < 0 else 1
    places = (*starts, *(first + step * n for n in range(how_many)))
    unit = "activity" if said.group("unit") == "дейност" else "measure"
    return Position(unit, tuple(dict.fromkeys(places)), said.group(0))


# how many a number word says ("първите две мерки", "повече от четири отговорни институции")
COUNT_WORDS = {"един": 1, "една": 1, "едно": 1, "две": 2, "два": 2, "три": 3, "четири": 4, "пет": 5, "шест": 6, "седем": 7,
               "осем": 8, "девет": 9, "десет": 10}  # fmt: skip


def _place_of(word: str) -> int:
    """The place an ordinal says: "третата" -> 3, "последната" -> -1."""
    return next(n for stem, n in _PLACE_STEMS.items() if word.startswith(stem))


def _number_of(word: str) -> int:
    """The number an ordinal's stem or a number word says: "пет" -> 5, "три" -> 3, "шестата" -> 6."""
    return {**_ORDINALS, **_NUMBER_WORDS}.get(word) or next(n for o, n in _ORDINALS.items() if word.startswith(o))
