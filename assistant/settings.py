"""Settings: defaults in code < ASSISTANT_* environment variables < command-line flags.

Validated here, once, for every front door (CLI, chat, evaluation): a wrong value is a Bulgarian
message listing the allowed ones, never a traceback or a silent fallback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from assistant import messages
from assistant.errors import SettingsError

REPO_ROOT = Path(__file__).resolve().parent.parent
LEXICAL_CHOICES = ("lemma", "ngram", "lemma+ngram")  # lexical.ANALYZERS has one analyzer for each
FUSION_CHOICES = ("weighted", "rrf")  # fuse.fuse: normalized weighted mix, or reciprocal rank fusion


@dataclass(frozen=True)
class Settings:
    """Where the data lives and which model embeds it."""

    corpus: Path = REPO_ROOT / "corpus"  # plan documents + manifest.json (ASSISTANT_CORPUS)
    index: Path = REPO_ROOT / "index"  # the built index folder (ASSISTANT_INDEX)
    model: str = "use-multilingual-v3"  # or a local sentence-transformers folder (ASSISTANT_MODEL)
    lexical: str = "lemma+ngram"  # BM25 terms: lemma, ngram or lemma+ngram (measured: eval/README.md)
    fusion: str = "weighted"  # weighted (normalized scores) or rrf (measured: eval/README.md)
    # the chat's staff tab (add and remove plans) exists only when this is set (ASSISTANT_STAFF_PASSWORD)
    staff_password: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        for name, allowed in (("lexical", LEXICAL_CHOICES), ("fusion", FUSION_CHOICES)):
            value = getattr(self, name)
            if value not in allowed:
                raise SettingsError(messages.SETTING_NOT_ALLOWED.format(
                    variable=f"ASSISTANT_{name.upper()}", value=value, allowed=", ".join(allowed)))  # fmt: skip
        if not str(self.model).strip():
            raise SettingsError(messages.SETTING_EMPTY.format(variable="ASSISTANT_MODEL"))

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ASSISTANT_<FIELD> variables, then non-None `overrides` (CLI flags)."""
        values: dict[str, object] = {}
        for f in fields(cls):
            env = os.environ.get(f"ASSISTANT_{f.name.upper()}")
            if env:
                values[f.name] = Path(env) if f.type in ("Path", Path) else env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]
