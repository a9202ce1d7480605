"""Retrieval stage 4a, bodies: which responsible bodies a whole-plan question asks about.

Every name a question uses for a body ("полицията", "ДГ-тата", "РЦПППО – Стара Загора") means the
plans' names for it; then the question's own wording sorts them: bodies that only describe a
section or restate ("т.е. …"), are told before the question without being pointed back at, pay
("от бюджета на училищата"), are denied paying, or are left out ("без училищата", "в които РУО не
участва", "а РУО – не") are not the ones asked about; the asker's own body ("Работя в РЦПППО … на
нас") goes with the others named; "само" means no other body, "заедно с" all of them.
Bulgarian wording and the loaded plans' names only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from assistant.asking import (
    FIRST_PERSON,
    asking_text,
    asks_funding,
    name_stems_said,
    only_names,
    points_back,
    requester,
    signature,
    told_after,
)
from assistant.catalog import STEM, Catalog
from assistant.field_phrases import ANY_KIND
from assistant.glossary import abbreviations, expansion_of
from assistant.lexical import STOPWORDS
from assistant.sections import section_title_stems
from assistant.text import sentences, words
from assistant.understand import Query, find_institutions

# "Дирекция „Социално подпомагане“ … Кои са дейностите, в които тя е сред отговорниците, а РУО – не?"
# ... and "в които са посочени детските градини, но училищата не са?"
_NOT_ALSO = re.compile(
    r"(?<!\w)(?:а|но)\s+([^,.;:!?–—]*?)\s*[–—-]?\s*не(?:\s+(?:са|е))?(?=\s*[?.!]|\s*$)"
    r"|(?<!\w)(?:а|но)\s+не\s+(?:и\s+)?(?:за|на)\s+(?!сметка|бюджет|пари|средств)([^,.;:!?–—]*)"  # "само за ДГ, а не за училищата"
)
# "онази за организацията на подкрепата", "(кадри и тяхната квалификация)", "- там където е за СОП":
# words describing a section
APPOSITIVE = re.compile(
    r"(?<!\w)(?:цел(?:та)?|мярка(?:та)?)(?:\s*(?:№\s*)?\d+(?:\.\d+)?)?\s*(?:\(([^)]*)\)"
    r"|[–—-]\s*((?:онази|тази|този|онзи|която|който|свързан\w*|за|(?:всичко|всички)\s+за|там,?\s+където\s+(?:е|са)\s+за)\b[^.?!;]*)"
    r"|[–—]\s*([^–—.?!;]+?)\s*[–—]"  # "по шеста оперативна цел – сътрудничеството с гражданското общество … –"
    # ... or to the question's end, naming no condition: "Какво включва оперативна цел 3 – допълнителната подкрепа за СОП?"
    r"|[–—]\s*((?!(?:кои|кой|коя|кое|какв\w*|колко|само|без|освен|но|а|и)(?!\w))[^–—.?!;,]+?)\s*(?=[?.!]|$)"
    r"|,\s*((?:онази|тази|този|онзи|която|който|свързан\w*)\b[^.?!;]*)"
    # "по оперативна цел 5, за взаимодействието между родители, учители и институции" up to the clause's verb ("…,
    # са възложени …"); not "…, за да …" (a purpose) nor "…, за които …" (a clause)
    r"|,\s*(за(?!\s+(?:да|които|която|който|което|какво)(?!\w))\b[^.?!;]*?)"
    r"(?=\s*,\s*(?:са|е|се|има|имат|бяха|беше)(?!\w)|\s*[.?!;]|\s*$))"
)
# "т.е. само с училищата и други институции": a restatement of the conditions already said
RESTATED = re.compile(r"(?<!\w)(?:т\.\s?е\.|тоест|с други думи)(?!\w)")
# the asker's own body said in the question itself: "Какво общо имаме ние като детска градина с комисията …?"
# ("Като училище какво правим с полицията?", "Аз като директор на училище …"): up to the next body's preposition
_WE_AS = re.compile(r"(?:(?<!\w)(?:ние|аз|нас|ни)\s+|^\s*)като\s+(\w+(?:\s+(?!(?:с|със|към|за|в|във|по|от)\s)\w+){0,3})",
                    re.IGNORECASE)
# whom the duties are towards, not whose they are: "задачи към училищата", "задължението на РЦПППО спрямо нашите
# училища", "с какво може да помогне ЦОП на училищата и градините"
_TOWARDS = re.compile(
    r"(?<!\w)към\s+([^,.;:!?]*)|(?<!\w)(?:помогн|помага|подкрепя|съдейства)\w*(?:\s+\w+)?\s+на\s+([^,.;:!?]*)"
    r"|(?<!\w)(?:задълж|задач|ангажимент|роля|ролята|отговорност)\w*[^,.;:!?]*?\sспрямо\s+([^,.;:!?]*)"
)
# what follows "с" when no body does: "участват с деца", "със средства", "с проекти"
_WITH_NO_BODY = r"дет|деца|ученици|родител|проект|средств|пари|финанс|дейност|мерк"
# "ОДК работи заедно с общината": rows where the bodies on both sides are responsible together
_TOGETHER = re.compile(
    r"(?<!\w)(?<!не\sса\s)(?<!не\sе\s)(?:(?:заедно|съвместн\w*(?:\s+и(?=\s+(?:с|със)\s))?|едновре?м\w*|в партньорство|в сътрудничество|в тандем|наред)(?:\s+(?:с|със))?"
    r"|(?:партнир|сътрудничи)\w*(?:\s+(?:с|със))?|дел(?:и|ят|им|ите)\s+(?:с|със)"  # "училищата делят с градините"
    r"|работ(?:и|ят|им|ите)(?:\s+ли)?\s+(?:с|със)(?=\s)"  # "В кои дейности градините работят с ЦОП или ЦСРИ?", "работи ли с"
    # "работа на училищата с НПО" (the span is the noun: the bodies after it are split at "с")
    r"|(?:работа|работата|сътрудничество|сътрудничеството)(?=\s+на\s+\w+(?:\s+\w+)?\s+(?:с|със)\s)"
    # "в какво участват с училищата" (not "участват с деца", "със средства", "с проекти")
    rf"|участва(?:т|ме|те)?(?:\s+ли)?\s+(?:с|със)(?=\s)(?!\s+(?:{_WITH_NO_BODY})\w*)"
    # "Кои дейности на училищата са с МКБППМН": rows of both (not "са с финансиране", "е със срок", "са с децата", "са с
    # участие на …": of that body alone)
    rf"|(?<!\w)(?:са|е)\s+(?:с|със)(?=\s)(?!\s+(?:{_WITH_NO_BODY}|срок|източн|бюджет|краен|крайн|общ|никакв|какв|кои|кой"
    r"|колко|неприлож|външн|посочен|отговор|цел|оперативн|резултат|един|два|три|повече|по-|участ)\w*)"
    # "Кои дейности градините изпълняват с ОДК?", "какво правят училищата с полицията"
    r"|(?:изпълняв|провежд|осъществяв|реализир|организир)(?:а|ат|ам|аме|ате)\s+(?:с|със)(?=\s)|прав(?:и|ят|им|ите)\s+(?:с|със)(?=\s)"
    r"|общи(?:те)?\s+(?:дейност\w*\s+)?(?:за|на|между|(?:с|със)(?=\s)|(?:има|имат)(?=\s+(?:[^\s,.;:!?]+\s+){0,3}?(?:с|със)\s))|с\s+участие(?:то)?\s+и(?=\s+на\s)|(?:нещо\s+)?общо\s+(?:с|със)"  # "има ли нещо общо с градините", "какви общи дейности има ОДК с училищата"
    r"|(?<!\w)общо\s+(?:има|имат)(?=\s+(?:[^\s,.;:!?]+\s+){0,3}?(?:с|със)\s)"  # "Какво общо имат ЦОП и ЦСРИ с училището?"
    r"|от\s+тях\s+(?:(?:участва\w*|са|е|фигурира\w*)\s+)?и"  # "… на училищата, и в кои от тях участва и общината"
    # "отговорни сме и градините, и общината": both ("дейностите и на училищата, и на градините" are either's)
    # ... not of fields ("посочени и срок, и финансиране")
    r"|(?:отговорн|участва|посочен|записан|включен|възложен)\w*(?:\s+(?:са|сме|е))?\s+и(?:\s+на\s+двете|\s+на\s+двата)?\s*[–—-]?\s*(?:и)?"
    r"(?=\s(?!срок|финансир|бюджет|пари|средств)[^,.;:!?]+,\s*и\s))(?!\w)"
    # "в които участва полицията и където детските градини също сме сред отговорните": the second body too
    r"|(?<!\w)и\s+(?:където|в\s+които|при\s+които)(?=\s[^,.;:!?]*?\sсъщо\s+(?:сме\s+|са\s+|е\s+)?(?:сред\s+отговорн|отговор|участва|включен))"
)
# a body speaking as "we" of its work with another: "ние в градината с МКБППМН какво трябва да правим",
# "с полицията и социалните в кои дейности участваме ние градините" (the span is "ние": the bodies are around it)
_WE_WITH = (
    re.compile(r"(?<!\w)(ние)\s+(?:в\s+|от\s+)?[^\s,.;:!?]+\s+(?:с|със)\s"),
    re.compile(r"(?:^|\s)(?:с|със)\s[^.?!]*?(?<!\w)\w+ме\s+(ние)(?!\w)"),
)
# the parts of a "together" question that each name one body: "детските градини и МКБППМН"
# "само на училищата и МКБППМН, без детски градини …": those bodies' shared rows, no others
# ... or "отговорни са само училищата и МКБППМН"
_ONLY_JOINED = re.compile(
    r"(?<!\w)(?:само\s+(?:на|за)|(?:отговорн|възложен)\w*\s+(?:са|е)\s+само)(?=\s+[^,.;:!?]+?\s+и\s+(?:на\s+|за\s+)?\w)"
)
_MENTIONS = re.compile(r"\s+(?:и|с|със|така\s+и)\s+|,")
# "в които детските градини не участват": those bodies are left out
# ... also said of the few words right before the denial ("В колко дейности детските градини не са сред
# отговорните институции?"), but not of "никой друг не отговаря" nor across a comma ("само за детските градини,
# където училищата не са отговорни" leaves out the schools only)
# (the verbs of taking part: "участва", "фигурира", "е посочен", "е записан", "са отговорни", "е сред …")
_TAKE_PART_VERBS = r"(?:участва|фигурира|присъства|отговаря)\w*"
_TAKES_PART = rf"(?:{_TAKE_PART_VERBS}|(?:са|е)\s+(?:посочен\w*|включен\w*|записан\w*|отговорн\w*|сред\s+\w+))"
_NOT_INVOLVED = re.compile(
    r"(?:(?<!\w)(?:в които|където|при които|но|а)\s+([^,.;:!?]*?)|((?<!\S)(?:(?!никой|никоя|друг)[^\s,.;:!?]+\s+){0,2}(?!никой|никоя|друг)[^\s,.;:!?]+))"
    r"\s+не\s+" + _TAKES_PART
)
# ... the words right after the denial's verb, unless a preposition starts them ("не участват заедно с училищата")
_TAKE_PART_VERB = re.compile(_TAKE_PART_VERBS + "$")  # not "… не е записано никъде"
_SUBJECT_AFTER = re.compile(
    r"\s+(?!(?:с|със|заедно|в|във|на|при|като|по|за|към|от|пряко|само|изобщо|никъде|там)(?!\w))((?:[^\s,.;:!?]+\s*){1,4})"
)
# "в които общината не включва детските градини", "но не засягат детските градини", "не касаят детските
# градини", "в които не участва Община X": the bodies after it are left out
_NOT_INCLUDING = re.compile(
    r"(?<!\w)не\s+(?:включва\w*|обхваща\w*|засяга\w*|каса[ея]\w*)\s+(нито\s+[^,.;:!?]*(?:\s*,?\s*нито\s+[^,.;:!?]*)*|[^,.;:!?]*)"  # "… нито X, нито Y"
    # "…, но нас, детските градини, не ни засягат"
    r"|(?<!\w)(?:но|а)\s+(?:нас|мен)\s*,\s*([^,.;:!?]*?)\s*,\s*не\s+(?:ни|ме)\s+(?:засяга\w*|касае\w*|включва\w*)"
    r"|(?<!\w)не\s+(?:са|е)\s+(?:заедно|съвместн\w*|общи|обща)\s+(?:с|със)\s+([^,.;:!?]*)"  # "не са съвместни с училищата"
    r"|(?<!\w)(?:в които|където|при които|в тях|в нея|в него|по нея|по тях|по него)\s+не\s+" + _TAKES_PART + r"\s+(нито\s+[^,.;:!?]*(?:\s*,?\s*нито\s+[^,.;:!?]*)*|[^,.;:!?]*)"
    # "Кои дейности не са на училищата?", "колко дейности НЕ са за училищата", "Кои дейности в плана не са
    # възложени на …", "кои не са с участието на …",
    # "кои дейности от нея не са ангажимент на общината", "тези дето не са на общината" (chat's "дето" is "които")
    r"|(?<!\w)(?:кои|които|дето|колко)\s+(?:\w+\s+){0,6}?не\s+(?:са|е)\s+(?:(?:възложен|ангажимент|задач|отговорност)\w*\s+)?(?:на|за|с\s+участието\s+на)\s+([^,.;:!?]*)"
    # "Колко дейности нямат сред отговорните институции нито училища, нито детски градини?"
    r"|(?<!\w)(?:нямат|няма)\s+(?:сред\s+(?:\w+\s+){1,2})?нито\s+([^.;:!?]*)"
    # "Колко дейности … нямат детските градини сред отговорните?"
    r"|(?<!\w)(?:нямат|няма)\s+([^,.;:!?]*?)\s+(?:сред|като)\s+отговорн"
    # "без тези, в които участва комисията за борба с противообществените прояви на …": the whole name
    r"|(?<!\w)(?:без|освен)\s+(?:тези|онези|дейностите)\s*,?\s+(?:в|при)\s+които\s+" + _TAKES_PART + r"\s+(?:и\s+)?(?!(?:само|единствено|изцяло)\s)([^,.;:!?]*)"
    # "за които не отговарят нито училищата, нито детските градини" (not the money's "не … нито от общината",
    # nor "не пропускайте нито една, дори когато ОДК е изброен заедно с училищата")
    r"|(?<!\w)не\s+" + _TAKES_PART + r"\s+нито\s+(?!от\s|чрез\s)([^.;:!?]*)"
)
# the bodies a body works for: "Какво прави РЦПППО за градините и училищата?" asks about РЦПППО
_FOR_BODIES = re.compile(r"(?<!\w)(?:прав\w*|предвижда\w*|осигурява\w*|предлага\w*|върши|вършат|помага\w*)(?!\w)[^.;:!?]{0,60}?\sза\s+([^.;:!?]*)")
# "без в същата дейност да са включени и детските градини": the bodies after it are left out
_WITHOUT_ALSO = re.compile(
    r"(?<!\w)без\s+[^,.;:!?]*?да\s+(?:са|е|бъдат|бъде)\s+(?:включен\w*|посочен\w*|записан\w*)\s+(?:и\s+)?([^,.;:!?]*)"
)
# the funding column named by where a body is written: "във финансирането е посочена Община X", "в източника на …"
IN_FUNDING = r"(?:във|в)\s+(?:финансирането|източника)"
# ... or by its name: "в графата за финансиране е посочена Община X"
FUNDING_COLUMN_SAID = rf"(?:граф|колон)\w*\s+(?:за\s+|на\s+)?(?:финансир|източни)\w*|{IN_FUNDING}"
# where a question names the money's source: "от бюджета на училищата", "парите минават през Община X",
# "финансират директно от …"; bodies named from there on pay, they are not the responsible ones ...
_MONEY_SOURCE = re.compile(
    r"(?<!\w)(?:бюджет\w*|средств\w*|пари(?:те)?|сметка\w*|чрез|(?:минава|идва)\w*\s+(?:през|от)"
    r"|(?:финансир|плащ|заплащ|покрива)\w*\s+(?:\w+\s+)?(?:от|през)|финансово\s+от"
    rf"|{FUNDING_COLUMN_SAID})(?!\w)"
)
# a payer named before the funding column: "В кои дейности Община X е изрично посочена в графата за източник на
# финансиране?", "… е записана като източник на финансиране"
_WRITTEN = r"(?:посочен|записан|вписан|упоменат)\w*"
_COLUMN = r"(?:графата|колоната)\s+(?:за\s+|на\s+)?"
_FUNDING_COLUMN = _COLUMN + r"(?:източни\w*\s+(?:на\s+)?)?финансир"
_IN_FUNDING_COLUMN = re.compile(
    r"\s(?:е|са)\s+(?:\w+\s+)?" + _WRITTEN + r"\s+(?:в\s+" + _FUNDING_COLUMN + r"\w*|в\s+" + _COLUMN + r"източни\w*"
    r"|(?:в|във)\s+(?:източника\s+(?:на\s+)?финансир\w*|финансирането)"  # "е посочена в източника на финансиране"
    r"|като\s+(?:източни|финансир)\w*)"
)
# ... or between "записана" and the column: "Кои дейности имат изрично записана Община X в графата за финансиране?"
_WRITTEN_IN_FUNDING_COLUMN = re.compile(r"(?<!\w)" + _WRITTEN + r"\s+([^,.;:!?]*?)\s+(?:в|във)\s+" + _FUNDING_COLUMN)
# ... or after the column said first: "В кои дейности като източник на финансиране (изрично) е посочена Община X?",
# "… източникът на финансиране изрично посочва Община X?"
_EXPLICITLY = r"(?:изрично|ясно|пряко|директно)\s+"
FUNDING_SOURCE_NAMES = rf"източни\w*\s+на\s+финансир\w*\s+(?:{_EXPLICITLY})?(?:посочва|сочи|назовава|споменава|упоменава)\w*"
_FUNDING_COLUMN_THEN_WRITTEN = re.compile(
    rf"(?<!\w)(?:като\s+(?:източни\w*\s+(?:на\s+)?)?финансир\w*\s+(?:{_EXPLICITLY})?(?:е|са)\s+(?:\w+\s+)?"
    + _WRITTEN
    + "|" + FUNDING_SOURCE_NAMES + r")\s+([^,.;:!?]*)"
)
# a payer named after an active verb: "Плаща ли общината или някое министерство пряко за …", "За кои
# дейности на училищата плаща общината?" (the noun phrase after it only: "Кой плаща за дейностите на …" names none)
_PAYER_VERB = re.compile(r"(?<!\w)(?:за)?плаща(?:т)?(?:\s+ли)?|(?<!\w)финансира(?:т)?\s+ли(?!\w)")
_PAYER_ENDS = re.compile(r"\s(?:за|на|по|от|дейност\w*|неща\w*|някоя|някои|всичко)(?!\w)|[,.;:!?]")
# ... unless denied: "а не от самите училища"
_DENIED_SOURCE = re.compile(r"(?<!\w)(?:а\s+не|но\s+не|не\s+от|не\s+и)(?!\w)")
_ONLY_MONEY = re.compile(r"\w+\s+(?:от|чрез)\s+(?:бюджет|средств|финанс|пари|сметк|проект|програм|министерств)")
_BESIDES = re.compile(
    r"(?<!\w)освен\s+([^,.;:!?]*?)\s+(?:има|са|е|участва\w*|отговаря\w*|фигурира\w*)\s+(?:посочени\s+|записани\s+)?и\s+(?:други|друга|друг)(?!\w)"
)  # "… в която освен училищата и детските градини участва и друга институция"
# "поне една институция, различна от училищата и детските градини": rows with any body but these
# ... "поне един отговорник извън училищата и детските градини"
# ... "с отговорни и други институции освен училищата (община, ОДК …)": the bodies in brackets are examples
_BEYOND = re.compile(
    r"(?<!\w)(?:институци|организаци|партньор|отговорни)\w*\s*,?\s+(?:(?:различ(?:ен|н)\w*|друг\w*)\s+от|извън)\s+([^.;:!?]*)"
    r"|(?<!\w)друг\w*\s+(?:отговорни\s+)?(?:институци|организаци|партньор)\w*\s+освен\s+([^.;:!?(]*)"
    # ... said first: "Освен училищата и детските градини, кои дейности имат и друга отговорна институция?"
    r"|(?<!\w)освен\s+([^,.;:!?]*?)\s*,\s*(?:в\s+)?(?:кои|колко)\s+(?:\w+\s+){0,2}?(?:имат|има|са|е)\s+"
    r"(?:посочен\w*\s+|записан\w*\s+)?и\s+друг\w*\s+(?:отговорн\w*\s+)?(?:институци|организаци|партньор|отговорн)\w*"
    # ... or asked who else: "Освен детските градини и училищата, кой друг отговаря за …?", "…, кои други институции участват"
    # (not "Освен дейностите с участие на РЦПППО, кои други дейности има …": other rows)
    r"|(?<!\w)освен\s+([^,.;:!?]*?)\s*,\s*(?:(?:кой|коя)\s+(?:друг\w*|още)(?!\w)(?!\s+(?:дейност|мярк|мерк|задач|нещ)\w*)"
    r"|(?:кои|какви)\s+(?:други|още)\s+(?:институци|организаци|партньор|отговорн|участва|отговаря)\w*)"
)
# "с изключение на тези, които са възложени само на училищата" (read as "освен …": understand() says it so):
# rows with a body besides those, like _BEYOND
_EXCEPT_ALONE = re.compile(
    r"(?<!\w)(?:освен|без)\s+(?:тези|онези|дейностите)\s*,?\s*(?:(?:които|в\s+които|където|при\s+които)\s[^.;!?]*?)?"
    r"(?<!\w)(?:само|единствено|единствен\w*|изцяло)\s+(?!от\s|чрез\s)([^.;!?]*)"
)  # "освен тези, в които участват само училищата", "без тези само за училищата"
_WITHOUT_WORDS = 7
_FIELD_WORDS = ("финансир", "пари", "средств", "срок", "бюджет")
# "само на детските градини"; "само тези, където сме записани като отговорни" picks rows, not bodies;
# "само като/когато/ако …" is a time or a condition ("викат ме само като е станало нещо лошо")
ONLY = re.compile(
    r"(?<!\w)(?<!не )(?:само|изцяло|единств\w*|директно|пряко|направо)(?!\w)(?!\s+(?:тези|онези|там|където|в\s+които|при\s+които|дейностите\s*,?\s*(?:в\s+които|при\s+които|където|които)|(?:в|във|по)\s+(?:оперативн|цел|мярк|м\.|оц)|(?:за|в|във|от)\s+(?:плана|плановете|годината|20\d\d)|дейностите\s+(?:с|със|където)\s|или\s+(?:съвместно|заедно|с\s+друг|не(?!\w)|отчасти|частично)"
    r"|(?:като|когато|ако|щом|след\s+като)(?!\w)))"
)  # "само за плана за 2023 г." is a plan; "изцяло или съвместно с други", "(изцяло или отчасти)" are any
# no body but these: "без да е посочена друга институция освен ДГ и училищата", "няма друга отговорна институция освен
# общината": their rows with no other body (the bodies are asked about, not left out nor beyond)
_NONE_BESIDES = re.compile(
    r"(?<!\w)(?:без\s+да\s+(?:е|са|има|бъд\w+)\s+(?:посочен\w*\s+|записан\w*\s+|включен\w*\s+)?|(?:да\s+)?няма\s+|никоя\s+|нито\s+една\s+)"
    rf"(?:друг\w*|{ANY_KIND})\s+(?:отговорн\w*\s+)?(?:институци|организаци|партньор|участни)\w*\s+освен\s+([^.;:!?(]*)"
)
# "… на училищата и детските градини и на никой друг", "без никоя друга институция": only them
_JOINTLY = re.compile(r"(?<!\w)(?:заедно|съвместн\w*)(?!\w)")
_ROWS_OF = re.compile(r"(?<!\w)(?:дейност|задач|ред)\w*\s+(?:на|за)\s")  # "задачи на детските градини"
_NO_OTHER = re.compile(
    r"(?<!\w)(?:(?:и|а)\s+(?:на\s+)?|без\s+)(?:никой|никоя|никои|никаква|никакви)\s+друг\w*"
    r"|(?<!\w)никой\s+друг\s+не\s+(?:е|са)\s+(?:записан|посочен|включен|отговор)\w*"  # "никой друг не е записан до тях"
    r"|(?<!\w)без\s+(?:други|друга|друг|външни|външна|външен)\s+(?:институци|организаци|отговорн|участни|партньор)\w*"  # "училищата сами, без други институции", "без външни партньори"
    r"|(?<!\w)няма\s+(?:други|друга|друг)\s+(?:отговорн\w*\s+)?(?:институци|организаци|отговорн|участни)\w*"  # "като няма други отговорни институции"
    r"|" + _NONE_BESIDES.pattern
)
# "с други институции освен училищата (община, ОДК, МВР и др.)": the bodies in brackets are examples of the others;
# "повече от три отговорни институции (ЦОП и ЦСРИ да се броят поотделно)": a note on counting them
_EXAMPLES = re.compile(
    r"(?<!\w)друг\w*\s+(?:отговорни\s+)?(?:институци|организаци|партньор)\w*[^(.;!?]{0,40}\(([^)]*)\)"
    r"|\(([^)]*?(?<!\w)(?:брои|броят|броим|поотделно|отделно)(?!\w)[^)]*)\)"
)
# told before the question: "МКБППМН е отговорна по няколко дейности – кои са те …" names the body asked about
_TOLD_RESPONSIBLE = re.compile(r"(?<!\w)(?:е|са)\s+(?:отговорн\w*|посочен\w*\s+като\s+отговорн\w*)\s+(?:по|за|в)\s+(?:\w+\s+)?дейност", re.I)
HEADING_WORDS = 12  # a body spelled out with its town: "Регионалният център за подкрепа … – Ст. Загора:"
WITHOUT = re.compile(r"(?<!\w)(?:без|не и|освен)(?!\w)")
# "отговарят и детските градини, и РЦПППО", "както училищата, така и общината": each of them, together
# (not a question after the comma: "на училищата и общината, и колко са"; nor "както разбрах … и …")
_BOTH_SAID = re.compile(
    r"(?<!\w)и\s+(?=[^,.;:!?]{2,60}?,\s*и\s+(?!(?:колко|кои|кой|какво|какви|кога|как|защо|ли)(?!\w))\w)"
    r"|(?<!\w)както\s+(?=[^,.;:!?]{2,60}?,?\s+така\s+и\s)"
)
# another body also in the rows of the one asked about: "…, в които са включени и детските градини", "но в тях
# участва и общината"
_ALSO_IN = re.compile(r"(?<!\w)(?:(?:в|при)\s+които|в\s+тях)\s+(?:са\s+|е\s+)?(?:включен\w*|участва\w*|посочен\w*|фигурира\w*)\s+и(?!\w)")
_ROWS_LEFT_OUT = re.compile(r"(?<!\w)(?:без|освен)\s+(?:тези|онези|дейностите)(?!\w)[^.?!]*")
_WITHOUT_REACH = 20  # letters before it where "без тези, " / "освен онези, " leaves those rows out


def _heading(told: str) -> bool:
    """A lead-in that only names what follows ("Районно управление на МВР: …"), not the asker's telling
    ("Подготвям плана на нашата градина: …": a first-person verb, "наш…") nor a purpose ("За проверка от
    РУО: …" starts with a function word)."""
    said = words(told.lower())
    one_lead_in = told.endswith(":") and len(sentences(told, ends=".!?:")) == 1  # a short lead-in ending in a colon
    return (one_lead_in and 0 < len(said) <= HEADING_WORDS and said[0] not in STOPWORDS
            and not any(w.endswith(("м", "ме")) or w.startswith("наш") for w in said))  # fmt: skip


@dataclass(frozen=True)
class Bodies:
    """The responsible bodies a question asks about, and those it leaves out or names as paying."""

    asked: set[str]
    excluded: set[str]  # "без училищата", "в които РУО не участва", "а РУО – не"
    own: set[str]  # the asker's body, told before the question and pointed back at ("Работя в РЦПППО. … на нас …")
    others_of: set[str]  # "освен училищата има и други": rows with a body besides these
    beyond: set[str]  # "поне една институция, различна от училищата": rows with any other body, these or not
    not_alone: set[str]  # "освен тези само за училищата": rows with a body besides these
    paying: set[str]  # "от бюджета на училищата": the money's source, not responsible
    denied: set[str]  # "а не от самите училища": neither


def asked_bodies(catalog: Catalog, query: Query, described: bool) -> Bodies:
    """Which bodies the question asks about: every name it uses, except those that only describe a
    section, restate, are told before the question without being pointed back at, pay, or are left out."""
    text = query.text

    def names(part: str) -> set[str]:
        return body_names(catalog, find_institutions(part, catalog.institutions))

    # an abbreviation, typed or spelled out, means every body it names: "РЦПППО" and "Регионалният
    # център за подкрепа на процеса на приобщаващото образование" are also "РЕПЛР в РЦПППО"
    typed = set(query.abbreviations_typed) | {t for t in query.abbreviation_terms if t.isupper()}
    bodies = body_names(catalog, list(query.institutions), typed)
    if described:  # "Мярката срещу отпадането от детска градина и училище": its title's bodies describe it
        title = section_title_stems(catalog, query)
        bodies = {b for b in bodies if not all(w[:STEM] in title for w in words(expansion_of().get(b, b).lower()))}
    restated = RESTATED.search(text)
    if restated:  # "… т.е. само с училищата и други"
        bodies -= names(text[restated.start() :]) - names(text[: restated.start()])
        text = text[: restated.start()]
        query = replace(query, text=text)
    asking = asking_text(text)
    told = text.replace(asking, " ").strip()  # the sentences before the question, if any
    own: set[str] = set()
    if told and bodies:
        told_only = names(told) - names(asking)
        # pointed back at by a pronoun ("… с негово участие"): all of them; by a word of a name ("Като училище
        # планираме работата с Местната комисия … – в кои дейности комисията …"): that one
        # ... or told as the one responsible ("МКБППМН е отговорна по няколко дейности – кои са те …")
        # ... or a heading naming it ("Районно управление на МВР: списък на дейностите, в които …")
        if told_only and not _TOLD_RESPONSIBLE.search(told) and not _heading(told):
            said_again = _named_again(asking, told_only)
            # "… как работим с РЦПППО. … в които този регионален център (и неговият екип) …": that one (the asker's
            # "участваме", "нас" still point at the asker's body: "Аз съм от РУО … В кои дейности участваме с ОДК?")
            if said_again and not FIRST_PERSON.search(asking):
                bodies -= told_only - said_again
            elif not points_back(asking, told_only, by_name=False):  # "Подготвям плана на нашата градина: кои дейности …"
                bodies -= told_only
        own = told_only & bodies
    if (we_as := _WE_AS.search(asking)) and (ours := names(we_as.group(1)) & bodies) and bodies - ours:
        own |= ours  # ... with the others named: the rows they share
    def named_in(part: str) -> set[str]:  # with the abbreviations typed there, spelled out ("ОУ")
        said = {t for t in typed if t.lower() in words(part)}
        spelled = " ".join([part, *(expansion_of().get(t, "") for t in said)])
        return body_names(catalog, find_institutions(spelled, catalog.institutions), said)

    # who writes ("… С уважение, Директор на ОУ") or who asked the asker ("от РУО ни помолиха за
    # информация"), unless the question points back at them by a pronoun (a word of their name may
    # be the topic's: "взаимодействие … в образованието" is no "Регионално управление на образованието")
    for frame in (signature(text), requester(text)):
        if frame and bodies:
            rest = text.replace(frame, " ")
            framing = named_in(frame) - named_in(rest)
            if framing and not points_back(asking_text(rest), framing, by_name=False):
                bodies -= framing
    # a body named only in a statement after the question is a place or a story ("… в коя дейност участват
    # здравните медиатори? питат дали да ги викаме в училището")
    before = text
    for statement in told_after(text):
        before = before.replace(statement, " ")
    if before != text and (told_later := names(text) - names(before)) and bodies - told_later:
        bodies -= told_later
    towards = set().union(*(names(_clause(m)) for m in _TOWARDS.finditer(asking)))
    if towards and bodies - towards:  # "Какви задачи имаме към училищата?": the asker's body, not the schools
        bodies -= towards
    if query.sections and (aside := " ".join(m.group(0) for m in APPOSITIVE.finditer(text))):
        bodies -= names(aside) - names(APPOSITIVE.sub(" ", text))  # "цел 3 – онази за … детските градини"
    paying, denied = _money_sources(catalog, query) if asks_funding(query) else (set(), set())
    bodies -= paying | denied
    # "без училищата", "освен общината": the bodies of that clause only ("без тези, в които е посочено и
    # РУО"), and none when it is about a field ("без финансиране има РУ на МВР", "без срок")
    besides = _BESIDES.search(text)  # "освен училищата има и други отговорни институции": not left out
    alone = _EXCEPT_ALONE.search(text)
    beyond_said = _BEYOND.search(text) or alone
    without = None if besides or alone else WITHOUT.search(text)
    none_besides = _NONE_BESIDES.search(text)
    if without and none_besides and none_besides.start() <= without.start() < none_besides.end():
        without = None  # "без да е посочена друга институция освен ДГ": the kindergartens alone, not left out
    if without and beyond_said and beyond_said.start() <= without.start() < beyond_said.end():
        without = None  # "други институции освен училищата": the schools are no "без училищата"
    after_words = text[without.end() :].split()[:_WITHOUT_WORDS] if without else []
    after = "" if not after_words or after_words[0].startswith(_FIELD_WORDS) else " ".join(after_words)
    excluded = named_in(after) if after else set()  # "без ДГ": every body the abbreviation names
    for clause in _NOT_INVOLVED.finditer(text):
        # ... the body said right after the verb when there is one: "В кои дейности на МКБППМН не участват детските
        # градини?" leaves out the kindergartens, not the commission
        subject = _SUBJECT_AFTER.match(text, clause.end()) if _TAKE_PART_VERB.search(clause.group(0)) else None
        excluded |= (names(subject.group(1)) if subject else set()) or names(_clause(clause))
    for clause in (*_NOT_INCLUDING.finditer(text), *_NOT_ALSO.finditer(text), *_WITHOUT_ALSO.finditer(text)):
        if not (none_besides and none_besides.start() <= clause.start() < none_besides.end()):
            excluded |= names(_clause(clause))
    others_of = names(_clause(besides)) if besides else set()
    if not besides and _WITH_OTHERS.search(text):  # "дейности на училищата … съвместно с други институции"
        others_of = bodies - excluded
    beyond_other = _BEYOND.search(text)
    if beyond_other and none_besides and none_besides.start() <= beyond_other.start() < none_besides.end():
        beyond_other = None
    beyond = names(_clause(beyond_other)) if beyond_other else set()
    # ... the asked body named before it too stays asked: "Кои задачи на детските градини са съвместно с външен
    # партньор – институция извън детските градини и училищата?" (the kindergartens' rows with a third body)
    beyond_only = beyond - names(text[: beyond_other.start()]) if beyond_other and _ROWS_OF.search(text[: beyond_other.start()]) else beyond
    alone_clause = _clause(alone) if alone else ""
    alone_named = names(alone_clause)
    # the asked body named again stays asked, after "само" or before "единствената" ("освен тези, при които общината е
    # единствената отговорна институция")
    not_alone = alone_named | _pointed_back(alone.group(0) if alone else "", bodies)
    if served := _FOR_BODIES.search(text):  # served, not asked about, when another body does the work
        served_only = names(served.group(1)) - names(text[: served.start(1)])
        if bodies - served_only:
            bodies -= served_only
    bodies -= set().union(*(names(_clause(m)) for m in _EXAMPLES.finditer(text)))
    if none_besides:
        bodies |= names(none_besides.group(1))
    return Bodies(bodies - excluded - others_of - beyond_only - alone_named, excluded, own & (bodies - excluded), others_of, beyond,
                  not_alone, paying, denied)  # fmt: skip


def _named_again(asking: str, told: set[str]) -> set[str]:
    """The told bodies the question names again by a word of their name, but not one whose words said are all
    another's with more: "този регионален център" is the regional centre, not also the regional education office."""
    said = {body: name_stems_said(asking, {body}) for body in told}

    def outnamed(body: str) -> bool:  # by a body that is not itself ("РЦПППО" is also "РЕПЛР в РЦПППО")
        return any(said[body] < said[other] and not set(words(body)) & set(words(other)) for other in told)

    return {body for body in told if said[body] and not outnamed(body)}


def _pointed_back(clause: str, bodies: set[str]) -> set[str]:
    """The bodies a clause names again by a word of their full name: "… участието на МКБППМН, но без тези, които
    са само на училищата и комисията" (the commission is МКБППМН)."""
    said = {w[:STEM] for w in words(clause) if len(w) > STEM and w not in STOPWORDS}
    return {b for b in bodies if said & {w[:STEM] for w in words(expansion_of().get(b, b).lower()) if len(w) > STEM}}


def _clause(found: re.Match[str]) -> str:
    """The words a pattern of several alternatives captured (whichever alternative matched)."""
    return next((part for part in found.groups() if part), "")


def institution_mask(catalog: Catalog, query: Query, bodies: Bodies) -> np.ndarray:
    """Rows of the bodies asked about: any of them, "само" only them, "заедно" all of them, the asker's
    own body with the others named."""
    mask = catalog.responsible_mask(bodies.asked)
    # "Работя в РЦПППО. За какво разчитат на нас училищата?": ours, with them ("на нас или на ЦСРИ": either)
    if bodies.own and bodies.asked - bodies.own and not re.search(r"(?<!\w)или(?!\w)", query.text):
        mask = catalog.responsible_mask(bodies.own) & catalog.responsible_mask(bodies.asked - bodies.own)
    # "само на детските градини": no other body in the row ("единствено от бюджета на …" is the funding's "only")
    # the asking sentence's: "Комисията има собствен бюджет само за някои неща. Кои дейности …" is no "only"
    asking = asking_text(query.text)
    if alone := _EXCEPT_ALONE.search(asking):  # "освен тези, в които участват само училищата" leaves rows out
        asking = asking[: alone.start()] + asking[alone.end() :]
    # ... unless a fragment of names says what "само" leaves out: "само училищата, без детските градини" is the
    # schools' rows without the kindergartens, with any other body (in a sentence, "изцяло на училищата – без
    # градини или община до тях", or with "без … други институции", no other body)
    only = any(not _ONLY_MONEY.match(asking, only.start()) for only in ONLY.finditer(asking))
    said_instead = bool(bodies.excluded) and only_names(query, bodies.asked | bodies.excluded)
    if only and not said_instead or _NO_OTHER.search(asking):
        mask &= np.array([set(r.responsible) <= bodies.asked for r in catalog.rows])
    if bodies.excluded:
        mask &= ~catalog.responsible_mask(bodies.excluded)
    # "Кои дейности изпълняваме заедно с училищата, без да е посочена друга институция освен ДГ и училищата?": each of
    # the bodies named, and no other
    if (none_besides := _NONE_BESIDES.search(asking)) and _JOINTLY.search(asking):
        for part in _MENTIONS.split(none_besides.group(1)):
            if named := body_names(catalog, find_institutions(part, catalog.institutions)):
                mask &= catalog.responsible_mask(named)
    return mask & _together_mask(catalog, query.text)


def _money_sources(catalog: Catalog, query: Query) -> tuple[set[str], set[str]]:
    """(the bodies a question names as paying, the bodies it denies paying): "кои дейности на МКБППМН
    се финансират от бюджета на училищата и на комисията" pays from the schools' and the commission's
    budget, МКБППМН staying the responsible body; "от министерство, а не от самите училища" denies the
    schools. A body named before the money's source is still responsible."""
    text = query.text
    paying: set[str] = set()
    denied: set[str] = set()
    # each sentence's first source: "Правим бюджета за … . Кои дейности минават през парите на Община X …?"
    sentence_starts = {0} | {m.end() for m in re.finditer(r"[.;!?]\s*", text)}
    for start in sorted(sentence_starts):
        source = _MONEY_SOURCE.search(text, start)
        if not source or re.search(r"[.;!?]", text[start : source.start()]):
            continue
        clause = re.split(r"[.;!?]", text[source.start() :])[0]
        denial = _DENIED_SOURCE.search(clause)
        said, unsaid = (clause[: denial.start()], clause[denial.end() :]) if denial else (clause, "")
        responsible_before = body_names(catalog, find_institutions(text[: source.start()], catalog.institutions))
        paying |= body_names(catalog, find_institutions(said, catalog.institutions))
        denied |= body_names(catalog, find_institutions(unsaid, catalog.institutions)) - responsible_before
    for column in _IN_FUNDING_COLUMN.finditer(text):
        clause_start = max((m.end() for m in re.finditer(r"[,.;:!?]", text[: column.start()])), default=0)
        paying |= body_names(catalog, find_institutions(text[clause_start : column.start()], catalog.institutions))
    for column in (*_WRITTEN_IN_FUNDING_COLUMN.finditer(text), *_FUNDING_COLUMN_THEN_WRITTEN.finditer(text)):
        paying |= body_names(catalog, find_institutions(column.group(1), catalog.institutions))
    for verb in _PAYER_VERB.finditer(text):
        after = text[verb.end() :]
        ends = _PAYER_ENDS.search(after)
        paying |= body_names(catalog, find_institutions(after[: ends.start()] if ends else after, catalog.institutions))
    return paying, denied


def _together_mask(catalog: Catalog, text: str) -> np.ndarray:
    """With "заедно (с)", "съвместно с", "общи за", "и …, и …", "както …, така и …" and two or more bodies named, the
    rows where every one of them is responsible; otherwise every row (bodies joined by "и" mean any of them). The
    together is the asked sentence's ("… как работим с РЦ. Моля, изброете …" is told); its bodies may be told before it
    ("Аз съм … към комисията. Какво съвместно с училищата …?")."""
    # ... or "… на МКБППМН, в които са включени и детските градини"; not in a clause left out ("без тези, в
    # които е и …", "като не броим нещата заедно с …")
    mask = np.ones(len(catalog.rows), dtype=bool)
    text = _ROWS_LEFT_OUT.sub(" ", text)  # "…, с изключение на тези, в които участва и общината": not together
    text = _EITHER_WAY.sub(" ", text)  # "ЦОП или ЦСРИ (заедно или поотделно)": any of them
    start = max(text.find(asking_text(text)), 0)  # where the asked sentences begin
    together = _together_span(text[start:])
    if together:
        together = (together[0] + start, together[1] + start)
    elif (joined := _WITH_PART_OF.search(text, start)) and find_institutions(text[start : joined.start()], catalog.institutions):
        together = joined.span()  # "дейности на детските градини са с участието на ЦОП": a body named before it
    if together and not WITHOUT.search(text[max(0, together[0] - _WITHOUT_REACH) : together[0]]):
        after = text[together[1] :]
        if left_out := _LEFT_OUT_AFTER.search(after):  # "… заедно, без външни партньори като общината": not together
            after = after[: left_out.start()] + after[left_out.end() :]
        parts = _MENTIONS.split(text[: together[0]] + " , " + after)
        mentions = [names for names in (body_names(catalog, find_institutions(p, catalog.institutions)) for p in parts) if names]
        if len(mentions) >= 2:
            for names in mentions:
                mask &= catalog.responsible_mask(names)
    return mask


# the bodies asked about with any other: "… на училищата и детските градини са съвместно с други институции"
# ("сами или заедно с други институции" is either)
_WITH_OTHERS = re.compile(r"(?<!\w)(?<!или\s)(?:заедно|съвместно)\s+с\s+(?:други|още|външни)\s+(?:институци|организаци|партньор|отговорн)\w*")
# "Кои дейности на детските градини са с участието на ЦОП или ЦСРИ?": the first body's rows that the second (either
# of them) takes part in; without a body before it ("Кои дейности са с участие на МКБППМН и училищата?") any
_WITH_PART_OF = re.compile(r"(?<!\w)(?<!не\s)(?:са|е)\s+(?:с|със)\s+участие(?:то)?\s+(?:и\s+)?на(?=\s)")
_EITHER_WAY = re.compile(
    r"(?<!\w)(?:заедно|съвместно)\s+или\s+(?:поотделно|самостоятелно|отделно|сами|сам)(?!\w)"
    r"|(?<!\w)(?:поотделно|самостоятелно|отделно|сами|сам)\s+или\s+(?:заедно|съвместно)(?!\w)"
)
_LEFT_OUT_AFTER = re.compile(r"(?<!\w)(?:без|освен)(?!\w)[^.;!?]*")


def _together_span(text: str) -> tuple[int, int] | None:
    """Where a question says its bodies act together ("заедно с", "общи за", "ние … с …"), if it does."""
    found = _TOGETHER.search(text) or _ALSO_IN.search(text) or _ONLY_JOINED.search(text) or _BOTH_SAID.search(text)
    if found:
        return found.span()
    we = next((m for pattern in _WE_WITH if (m := pattern.search(text))), None)
    return we.span(1) if we else None


def body_names(catalog: Catalog, found: list[str], typed: set[str] | None = None) -> set[str]:
    """The responsible names a mention means: what was found, and every name holding the one
    abbreviation of a name found ("РЦПППО – Стара Загора" also means "РЕПЛР в РЦПППО")."""
    named = set(typed or ())
    for name in found:
        shorts = [t for t in name.split() if t.isupper() and len(t) > 1]
        named.update(shorts if len(shorts) == 1 else ())
    # "ДГ-тата" also means the bodies written out in full ("Детски градини" ~ "детска градина")
    spelled = {_stems(a.full) for a in abbreviations() if a.short in named}
    return set(found) | {name for name in catalog.institutions
                         if any(a in name.split() for a in named) or _stems(name) in spelled}  # fmt: skip


def _stems(text: str) -> tuple[str, ...]:
    return tuple(w[:STEM] for w in words(text))
