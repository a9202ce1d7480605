"""Follow-up questions in a chat: "а за 2023?", "кой отговаря за това?", "а за детските градини?".

A short message that refers back (or names only a year or an institution) is read together with
the previous question, so the topic carries over and only what changed is new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.text import collapse_spaces, words
from assistant.understand import find_institutions

_YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")
_REFERS_BACK = re.compile(r"^(а|ами|и|ами|ok|добре)\b|\b(това|тях|тези|там|същото|него|нея)\b", re.IGNORECASE)
MAX_FOLLOW_UP_WORDS = 7


@dataclass(frozen=True)
class Turn:
    """What the assistant searched for on one turn of the chat."""

    question: str  # the standalone question actually searched
    year: int | None = None
    institution: str | None = None


def resolve(message: str, previous: Turn | None, institutions: Iterable[str]) -> Turn:
    """The standalone question a chat message means, given the previous turn."""
    text = collapse_spaces(message)
    if previous is None or not _is_follow_up(text):
        return Turn(text)
    years = _YEAR.findall(text)
    named = find_institutions(text, institutions)
    rest = collapse_spaces(_YEAR.sub(" ", text))
    only_year = bool(years) and len([w for w in words(rest) if w not in {"а", "за", "и", "в", "плана", "г"}]) == 0
    if only_year:  # "а за 2023?": same question, other plan
        return replace(previous, question=_YEAR.sub(" ", previous.question).strip(), year=int(years[0]))
    if named and len(words(text)) <= 4:  # "а за детските градини?": same question, one institution
        return replace(previous, institution=named[0])
    # "кой отговаря за това?": the new words ask something about the previous topic
    return replace(previous, question=f"{previous.question} {text}")


def _is_follow_up(text: str) -> bool:
    return len(words(text)) <= MAX_FOLLOW_UP_WORDS and bool(_REFERS_BACK.search(text) or _YEAR.search(text))
