"""Shared fixtures: real corpus, data paths isolated per test, the model hub unreachable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


@pytest.fixture(autouse=True)
def isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test writes its index under its own tmp_path, never into the repository."""
    monkeypatch.setenv("ASSISTANT_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("ASSISTANT_CORPUS", str(CORPUS))


@pytest.fixture(scope="session")
def plans():
    """Both bundled plans, parsed once: {year: Plan}."""
    from assistant.parse import load_corpus

    return {plan.year: plan for plan in load_corpus(CORPUS)}


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index folder for the whole session, shared by retrieval, answer and CLI tests."""
    return tmp_path_factory.getbasetemp() / "shared-index"


@pytest.fixture(scope="session")
def retriever(index_dir: Path):
    """The real retriever over the bundled corpus (index built once per session)."""
    from assistant.embedding import load_model
    from assistant.index import open_index
    from assistant.retrieve import Retriever
    from assistant.settings import Settings

    settings = Settings(corpus=CORPUS, index=index_dir)
    return Retriever(open_index(settings), load_model(settings.model))
