"""The embedding model: loads offline, embeds Bulgarian sensibly, fails in Bulgarian."""

from __future__ import annotations

import os

# subtle: huggingface_hub reads this once, at import, so it must be set before the imports below
os.environ["HF_HUB_OFFLINE"] = "1"

from pathlib import Path  # noqa: E402

import huggingface_hub.constants  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402
from sentence_transformers.sentence_transformer.modules import StaticEmbedding  # noqa: E402
from tokenizers import Tokenizer, models, pre_tokenizers  # noqa: E402

from assistant.embedding import DEFAULT_MODEL, embed, load_model, model_fingerprint  # noqa: E402
from assistant.errors import ModelError  # noqa: E402


@pytest.fixture(scope="module")
def model() -> SentenceTransformer:
    return load_model()


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def _tiny_model_folder(folder: Path) -> Path:
    """A real, tiny sentence-transformers folder (8-d static embeddings), built without a download."""
    vocab = {"[UNK]": 0, "логопед": 1, "спорт": 2, "дете": 3}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_dim=8)], device="cpu").save(str(folder))
    return folder


def test_default_model_loads_offline_and_gives_512d_unit_vectors(model: SentenceTransformer) -> None:
    """With the hub switched off, the bundled model encodes texts into 512-d unit float32 rows."""
    assert huggingface_hub.constants.HF_HUB_OFFLINE
    vectors = model.encode(
        ["Организиране на логопедична работа", "Психологическа подкрепа", "Спортен празник"],
        normalize_embeddings=True,
        batch_size=64,
        show_progress_bar=False,
    )
    assert isinstance(vectors, np.ndarray)
    assert vectors.shape == (3, 512)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_stuttering_child_is_closer_to_speech_therapy_than_to_sports(model: SentenceTransformer) -> None:
    """A parent's question about stuttering lands nearer speech therapy than sports festivals."""
    query, therapy, sports = embed(
        model,
        [
            "логопед за дете, което заеква",
            "Организиране на логопедична работа",
            "Организиране на спортни празници",
        ],
    )
    # measured: 0.47 against 0.11; the 0.2 margin keeps the test about meaning, not rounding
    assert query @ therapy > query @ sports + 0.2


def test_embedding_no_texts_gives_an_empty_512_column_matrix(model: SentenceTransformer) -> None:
    """embed([]) is a (0, 512) float32 matrix, so index code needs no special case."""
    vectors = embed(model, [])
    assert vectors.shape == (0, 512)
    assert vectors.dtype == np.float32


def test_embed_keeps_the_order_of_the_texts(model: SentenceTransformer) -> None:
    """embed() returns row i for text i, although encode() sorts texts by length internally."""
    texts = ["дълъг текст за подкрепа на деца със специални образователни потребности", "спорт"]
    batched = embed(model, texts)
    alone = np.vstack([embed(model, [text]) for text in texts])
    # subtle: not equal, only close: the quantised graph scales activations per batch and pads
    # to the longest text, so a text's vector moves slightly with its batch (measured cos >= 0.999)
    np.testing.assert_allclose(np.sum(batched * alone, axis=1), 1.0, atol=2e-3)
    assert batched[0] @ alone[1] < 0.9


def test_load_model_reuses_one_instance_for_the_default() -> None:
    """None, "" and DEFAULT_MODEL all name the bundled model, loaded once."""
    assert load_model(None) is load_model(DEFAULT_MODEL) is load_model("")


def test_missing_model_folder_is_a_bulgarian_error_naming_the_path(tmp_path: Path) -> None:
    """A model folder that does not exist fails with a Bulgarian message naming that folder."""
    missing = tmp_path / "няма-такъв-модел"
    with pytest.raises(ModelError) as caught:
        load_model(str(missing))
    message = str(caught.value)
    assert _has_cyrillic(message)
    assert str(missing) in message
    assert "ASSISTANT_MODEL" in message


def test_folder_that_is_not_a_model_is_a_bulgarian_error_naming_the_path(tmp_path: Path) -> None:
    """An existing folder without a model fails with a Bulgarian message, never a download."""
    with pytest.raises(ModelError) as caught:
        load_model(str(tmp_path))
    assert _has_cyrillic(str(caught.value))
    assert str(tmp_path) in str(caught.value)


def test_local_sentence_transformers_folder_loads_offline(tmp_path: Path) -> None:
    """A user's own sentence-transformers folder replaces the default and keeps its dimension."""
    model = load_model(str(_tiny_model_folder(tmp_path / "tiny")))
    vectors = embed(model, ["логопед дете", "спорт"])
    assert vectors.shape == (2, 8)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embed(model, []).shape == (0, 8)


def test_fingerprint_is_stable_and_tells_default_from_a_folder(tmp_path: Path) -> None:
    """The manifest id repeats across calls and differs between the bundled model and a folder."""
    folder = _tiny_model_folder(tmp_path / "tiny")
    default = model_fingerprint(None)
    assert default == model_fingerprint(DEFAULT_MODEL) == model_fingerprint(None)
    assert default.startswith(f"{DEFAULT_MODEL}:")
    assert model_fingerprint(str(folder)) == model_fingerprint(str(folder))
    assert model_fingerprint(str(folder)) != default
    assert model_fingerprint(str(folder)).startswith(str(folder.resolve()))


def test_fingerprint_changes_when_a_folder_config_changes(tmp_path: Path) -> None:
    """Editing a model's config changes its id, so an index built with the old one is rebuilt."""
    folder = _tiny_model_folder(tmp_path / "tiny")
    before = model_fingerprint(str(folder))
    config = folder / "config_sentence_transformers.json"
    config.write_text(config.read_text(encoding="utf-8").replace("cosine", "dot"), encoding="utf-8")
    assert model_fingerprint(str(folder)) != before
