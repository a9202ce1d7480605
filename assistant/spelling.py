"""Retrieval stage 1a, spelling: Bulgarian typed in Latin letters, and typos corrected towards the
plans' own words.

"detsko zaekvane" is "детско заекване", "praviat" "правят", "nujda" "нужда"; "заекавне" is corrected
to the plans' "заекване", while a word the Bulgarian dictionary knows (also with a definite article
it can take) is never "corrected"; "общинта" is "общината". understand.py reads the question with these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.lexical import STOPWORDS, lemma
from assistant.text import words

MAX_CORRECTIONS = 20_000  # typo corrections remembered per corpus
INFLECTION_LETTERS = 3  # an ending of a Bulgarian word: "-ите", "-ата"
MIN_JOINED_LETTERS = 6  # shorter joins of two short words are words by chance
INFLECTED_FROM_LETTERS = 6  # an everyday word this long or longer with an ending added is no slip

_LATIN_TO_CYRILLIC = [
    ("sht", "щ"), ("6t", "щ"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"), ("ya", "я"),
    ("ju", "ю"), ("ja", "я"), ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"), ("j", "й"), ("k", "к"),
    ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
    ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("q", "я"), ("x", "кс"),
    ("4", "ч"), ("6", "ш"),  # chat Latin: "u4ilishte", "vsi4ki", "4e", "ob6tinata"
    # Bulgarian typed the Turkish way: "uçilişte", "şte", "obştinata", "bılgarski", "takıv"
    ("şt", "щ"), ("ş", "ш"), ("ç", "ч"), ("ı", "ъ"), ("ğ", "г"),
]  # fmt: skip
# a Latin word; "4" and "6" count as letters inside one ("u4ilishte", "pomo6t"); at its start
# ("4ovek", "6te") only when the reading is a known word, so "4ti klas" stays the fourth grade
_LATIN_WORD = re.compile(r"(?<![\w])[46][a-zşçığ]+(?:[46][a-zşçığ]+)*|[a-zşçığ]+(?:[46][a-zşçığ]+)*")
_TURKISH_DOTTED_I = "i\u0307"  # "İ" lowered: an "i" with a combining dot above ("İma li")
# a grade, a class or an ordinal: "6a klas", "4ti", "6to", "4ta grupa" keep their digit ("4e" is "че")
_NUMBER_WORD = re.compile(r"[46](?:[a-dgv]|t[aio]|[mv]?i|ri)")


# chat Latin "j" inside a word, when neither reading is a known word: "ж" ("jena", "jenqt", "uvrejdane": chat
# Latin types "й" as "i" or "y"); "йо" stays ("rajon"), and a final "j" is "й" ("moj")
_J_INSIDE = re.compile(r"й(?=[аеиуъябвгдзклмнпрстфхцчшщ])")
_VOWEL_I = re.compile(r"(?<=[аеоуъи])и(?=[бвгдзклмнпрстфхцчшщ])")
# chat Latin "i" after a vowel at a word's end is often "й": "toi" is "той", "moi" stays "мои" (a word)
_FINAL_I = re.compile(r"(?<=[аеоуъ])и$")


def to_cyrillic(text: str) -> str:
    """Bulgarian typed in Latin letters back to Cyrillic: "detsko zaekvane" -> "детско заекване"."""

    def convert(word: str, ts: str = "ц") -> str:
        out, i = [], 0
        while i < len(word):
            for latin, cyrillic in _LATIN_TO_CYRILLIC:
                if word.startswith(latin, i):
                    out.append(ts if latin == "ts" else cyrillic)
                    i += len(latin)
                    break
            else:
                out.append(word[i])
                i += 1
        return "".join(out)

    def best(word: str) -> str:
        """The reading the dictionary knows, when the plain one is unknown: "ts" is "ц" (tsentar) or
        "тс" (detsko, otsastvat); "j" is "й" (moj) or "ж" (nujda); "ia", "iu" may be "я", "ю" (praviat,
        niamam) or "ия", "ию" (minalogodishnia); one "a" or "u" may be "ъ" (varnem, kruzhoci, otsastvat)
        and one "u" may be "ю" (vklu4itelno); "at" may be the article "ът" besides (centarat); "y" may
        be "ъ" (pyrvi)."""
        plain = convert(word)
        if word[0] in "46":  # "4ovek" is "човек", "6te" "ще"; a grade keeps its digit ("4ti", "6a klas")
            known = known_bulgarian(plain) and not _NUMBER_WORD.fullmatch(word)
            return plain if known else word[0] + convert(word[1:])
        if known_bulgarian(plain):
            return plain
        # old chat Latin's "y" is "ъ": "pyrvi", "otsystva", "kompiutyr"
        spellings = [word, word.replace("y", "ъ")] if "y" in word else [word]
        readings = [convert(spelled, ts) for spelled in spellings for ts in (("ц", "тс") if "ts" in word else ("ц",))]
        readings += [r.replace("й", "ж") for r in readings if "j" in word]
        if "sch" in word:  # German-style "sch" is "ш" or "щ" when "сч" is no word: "puschat" is "пушат"
            readings += [r.replace("сч", letter) for r in readings for letter in "шщ"]
        # chat Latin "i" after a vowel before a consonant is "й": "deinosti", "semeistva", "maika", "angliiski"
        readings += [_VOWEL_I.sub("й", r) for r in readings if _VOWEL_I.search(r)]
        if "ia" in word or "iu" in word:  # "praviat" is "правят", "minalogodishnia" is "миналогодишния"
            readings += [r.replace("иа", "я").replace("иу", "ю") for r in readings] + [
                r.replace("иа", "ия").replace("иу", "ию") for r in readings]
        for reading in readings:
            hard_signs = [reading[:i] + "ъ" + reading[i + 1 :] for i, ch in enumerate(reading) if ch in "ау" and i > 0]
            soft_u = [reading[:i] + "ю" + reading[i + 1 :] for i, ch in enumerate(reading) if ch == "у" and i > 0]
            # the article "ът" after a stem with its own "ъ": "centarat" is "центърът"
            articled = [sign[:-2] + "ът" for sign in hard_signs if reading.endswith("ат") and not sign.endswith("ът")]
            for candidate in (reading, *hard_signs, *soft_u, *articled):
                if known_bulgarian(candidate):
                    return candidate
        if (short := _FINAL_I.sub("й", plain)) != plain and known_bulgarian(short):  # "toi" is "той"
            return short
        return _J_INSIDE.sub("ж", plain)  # unknown either way: "jenqt" is "женят", as chat Latin has it

    return _LATIN_WORD.sub(lambda m: best(m.group(0)), text.replace(_TURKISH_DOTTED_I, "i"))


_LETTERS = re.compile(r"[^\W\d_]+")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), cut off above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class Vocabulary:
    """The plans' own words with their frequencies, and the everyday words people use for the plans' topics:
    what a typo is corrected towards."""

    def __init__(self, texts: Iterable[str], extra: Iterable[str] = (), everyday: Iterable[str] = ()) -> None:
        self.count: dict[str, int] = {}
        for text in texts:
            for word in words(text):
                self.count[word] = self.count.get(word, 0) + 1
        for word in extra:
            self.count.setdefault(word, 1)
        self._corrections: dict[str, str | None] = {}
        self._lemmas: set[str] | None = None  # built on first use
        self.by_initial: dict[str, list[str]] = {}
        for word in self.count:
            self.by_initial.setdefault(word[0], []).append(word)
        # the words people use for the plans' topics, which the plans never write: never "corrected", and the
        # dictionary's among them are what a slip of one letter is corrected towards ("гоори" is "говори")
        self.everyday = {w for w in everyday if w not in self.count}
        self._everyday_by_initial: dict[str, list[str]] = {}
        for word in sorted(w for w in self.everyday if known_bulgarian(w)):
            self._everyday_by_initial.setdefault(word[0], []).append(word)

    def knows(self, word: str) -> bool:
        """Whether the plans use this word or another form of it (by lemma)."""
        if word in self.count:
            return True
        if self._lemmas is None:
            self._lemmas = {lemma(w) for w in self.count}
        return lemma(word) in self._lemmas

    def rejoined(self, text: str) -> str:
        """The text with a word split in two joined again, as speech-to-text splits them ("лого пед"
        is "логопед"): two neighbours whose join is a word of the plans, one of them no word at all."""
        found = list(_LETTERS.finditer(text))
        gaps: list[tuple[int, int]] = []  # the spaces to drop
        for first, second in zip(found, found[1:], strict=False):
            if text[first.end() : second.start()] != " " or (gaps and gaps[-1][1] == first.start()):
                continue  # not neighbours, or the first half already joined to the word before it
            if self._split_in_two(first.group(0), second.group(0)):
                gaps.append((first.end(), second.start()))
        for gap_start, gap_end in reversed(gaps):
            text = text[:gap_start] + text[gap_end:]
        return text

    def _split_in_two(self, first: str, second: str) -> bool:
        whole = first + second
        return len(whole) >= MIN_JOINED_LETTERS and not (self._a_word(first) and self._a_word(second)) and self._a_form(whole)

    def _a_word(self, word: str) -> bool:
        return word in self.count or word in STOPWORDS or known_with_article(word)

    def _a_form(self, word: str) -> bool:
        """A word of the plans, or the start of one with an ending added ("логопед" of "логопеди")."""
        return any(known.startswith(word) and len(known) - len(word) <= INFLECTION_LETTERS
                   for known in self.by_initial.get(word[0], ()))  # fmt: skip

    def correct(self, word: str) -> str | None:
        if word not in self._corrections:
            if len(self._corrections) >= MAX_CORRECTIONS:  # users type endless new words: forget the oldest
                del self._corrections[next(iter(self._corrections))]
            self._corrections[word] = self._correct(word)
        return self._corrections[word]

    def _inflected_everyday(self, word: str) -> bool:
        """An everyday word with an ending the dictionary lacks ("надарено" of "надарен"), not a slip; a shorter
        everyday word is too short to tell its ending from a slip ("годинта" is "годината")."""
        return any(word.startswith(known) and len(known) >= INFLECTED_FROM_LETTERS
                   for known in self._everyday_by_initial.get(word[0], ()))  # fmt: skip

    def _correct(self, word: str) -> str | None:
        """The closest corpus word (or everyday word, one slip away) for an unknown word of 4+ letters, or None.

        A word the Bulgarian dictionary knows is never "corrected": "правилно" is not a typo
        of "правилна" just because the plans only use the latter.
        """
        if len(word) < 4 or word in self.count or word in self.everyday or word in STOPWORDS or known_with_article(word):
            return None
        candidates = (*self.by_initial.get(word[0], ()), *self._everyday_by_initial.get(word[0], ()))
        if any(known.startswith(word) for known in candidates):
            return None  # a prefix of a known word: a stem, not a typo
        if self._inflected_everyday(word):
            return None
        limit = 1 if len(word) <= 6 else 2
        best: tuple[int, int, int, str] | None = None
        articled = word.endswith(_DEFINITE_ARTICLES)
        for known in candidates:
            # an everyday word only one slip away: "партнира" is no "партньора"
            within = limit if known in self.count else 1
            # ... or its form with an article, which the plans may never write: "обшината" is a slip of
            # "общината", the plans' "Община" with the article a question gives it
            for form in (known, *articled_forms(known)) if articled else (known,):
                if abs(len(form) - len(word)) > within:
                    continue
                distance = edit_distance(word, form, within)
                if (distance <= within and (best is None or (distance, -self.count.get(known, 0)) < best[:2])
                        and (form == known or known_bulgarian(form))):  # fmt: skip
                    best = (distance, -self.count.get(known, 0), _shared_ending(word, form), form)
        if best is None:
            return None
        distance, _, ending, found = best
        # the plans write "Община …", "година": a typed article keeps its form ("общинта" is
        # "общината", "годинта" "годината")
        for articled_form in (found + a for a in _DEFINITE_ARTICLES):
            if (_shared_ending(word, articled_form) > ending and known_bulgarian(articled_form)
                    and edit_distance(word, articled_form, limit) <= distance):  # fmt: skip
                found, ending = articled_form, _shared_ending(word, articled_form)
        return found


def articled_forms(word: str) -> tuple[str, ...]:
    """A noun or adjective with its definite article, as questions write it: "прокуратура" ->
    "прокуратурата", "районна" -> "районната", "център" -> "центъра", "центърът"."""
    if word.endswith(("а", "я")):
        return (word + "та",)
    if word.endswith("и"):
        return (word + "те",)
    if word.endswith(("о", "е")):
        return (word + "то",)
    return (word + "а", word + "ът") if word[-1:] not in _VOWELS else ()


def _shared_ending(word: str, known: str, longest: int = 3) -> int:
    """How many last letters (up to `longest`) two words share: Bulgarian endings carry the article
    and the number, which a typo inside the word rarely touches."""
    shared = 0
    while shared < min(longest, len(word), len(known)) and word[-1 - shared] == known[-1 - shared]:
        shared += 1
    return shared


@lru_cache(maxsize=65536)
def known_bulgarian(word: str) -> bool:
    import simplemma

    return bool(simplemma.is_known(word, lang="bg"))


_NEIGHBOUR_LANGUAGES = ("ru", "uk", "en")  # what a question not in Bulgarian is written in here


def mostly_bulgarian(text: str) -> bool:
    """Whether more of the text's words are Bulgarian than Russian, Ukrainian or English, by simplemma's
    dictionaries: a Russian-speaking mother writes "Ребёнок очень способный … Какво има за такива деца?" in
    Bulgarian with Russian words in it, and is answered; "Мой сын заикается, что делать?" is Russian."""
    import simplemma

    shares = dict(simplemma.langdetect(text, lang=("bg", *_NEIGHBOUR_LANGUAGES)))
    return shares.get("bg", 0.0) > max(shares.get(lang, 0.0) for lang in _NEIGHBOUR_LANGUAGES)


def says_bulgarian_words(text: str) -> bool:
    """Whether some word of the text is Bulgarian and no neighbour language's ("знам", "къде", "решава"): a Russian
    mother's "Кто в школе решава дали …" is Bulgarian with Russian in it; "Мой сын заикается, что делать?" has none."""
    import simplemma

    return any(
        simplemma.is_known(word, lang="bg") and not any(simplemma.is_known(word, lang=lang) for lang in _NEIGHBOUR_LANGUAGES)
        for word in simplemma.simple_tokenizer(text.lower()) if word.isalpha()
    )  # fmt: skip


def known_with_article(word: str) -> bool:
    """Whether the dictionary knows the word, or the word without a definite article: it lacks many
    articled forms ("месечната" is "месечна", no typo of "местната"). An article a word cannot take
    is a typo: "та", "то", "те" follow a vowel ("годинта" is no "годин" + "та": it is "годината").
    Not for reading chat Latin, where a wrong reading with an article ("йениът") would pass as a word."""
    return any(
        known_bulgarian(form)
        for form in (word, *(word[: -len(a)] for a in _DEFINITE_ARTICLES if word.endswith(a) and len(word) - len(a) >= 4
                             and (a not in _AFTER_A_VOWEL or word[-len(a) - 1] in _VOWELS)))
    )  # fmt: skip


_DEFINITE_ARTICLES = ("та", "то", "те", "ът", "ят", "а", "я")
_AFTER_A_VOWEL = ("та", "то", "те")
_VOWELS = "аеиоуъюя"
