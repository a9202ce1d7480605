"""Errors that reach a user: each carries a Bulgarian, user-ready message."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: `str(error)` is the Bulgarian message shown to the user."""


class CorpusError(AssistantError):
    """A plan document cannot be read or parsed as a whole plan."""


class BrokenIndexError(AssistantError):
    """The index on disk is missing, broken or built for other settings."""


class ModelError(AssistantError):
    """The embedding model cannot be loaded offline."""


class QuestionError(AssistantError):
    """A question the assistant cannot take as it is (empty, too long)."""


class SettingsError(AssistantError):
    """A setting (environment variable or flag) has a value the assistant does not know."""
