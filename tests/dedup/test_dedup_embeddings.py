"""Sentence embeddings in story verification (the optional ``embeddings`` extra).

The tests marked ``model`` load the real all-MiniLM-L6-v2 from its installed package; ``.ci/run``
installs the extra, so they run there. The others use a stand-in encoder to pin down the guards
that keep embeddings from merging different stories, whatever the model.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from supplytrace.dedup import embed, judge, relate_documents
from supplytrace.errors import SupplytraceError
from supplytrace.model import Document

STORY = ("original", "syndicated", "excerpt", "rewrite", "garbled", "paraphrase")
model = pytest.mark.skipif(not embed.installed(), reason="embeddings extra not installed")


@pytest.fixture(scope="module")
def encoder() -> embed.Encoder:
    return embed.SentenceEncoder.load()


class SameMeaning:
    """A stand-in encoder that rates every pair of sentences as meaning the same thing."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        vectors = np.zeros((len(texts), 4), dtype=np.float16)
        vectors[:, 0] = 1
        return vectors


def _relation(a: Document, b: Document, encoder: embed.Encoder | None) -> str | None:
    pairs = relate_documents([a, b], encoder=encoder).pairs
    return pairs[0].relation if pairs else None


@model
def test_heavy_paraphrase_is_one_story_only_with_embeddings(
    fixture_docs: dict[str, Document], encoder: embed.Encoder
) -> None:
    original, paraphrase = fixture_docs["original"], fixture_docs["paraphrase"]
    assert _relation(original, paraphrase, None) == "same_event"
    assert _relation(original, paraphrase, encoder) == "near_duplicate"
    verdict = judge(original, paraphrase, encoder=encoder)
    assert verdict.embeddings
    assert verdict.coverage > judge(original, paraphrase, encoder=None).coverage


@model
def test_paraphrase_joins_the_story_and_nothing_else_does(
    fixture_docs: dict[str, Document], encoder: embed.Encoder
) -> None:
    result = relate_documents(list(fixture_docs.values()), encoder=encoder)
    story = result.cluster_of(fixture_docs["original"].id)
    assert set(story.document_ids) == {fixture_docs[name].id for name in STORY}


@model
def test_embeddings_keep_other_stories_on_the_topic_apart(
    fixture_docs: dict[str, Document], encoder: embed.Encoder
) -> None:
    docs = fixture_docs
    assert _relation(docs["original"], docs["template_story"], encoder) is None
    assert _relation(docs["paraphrase"], docs["template_story"], encoder) is None
    assert _relation(docs["sanctions_release"], docs["sanctions_next_round"], encoder) is None
    assert _relation(docs["sanctions_release"], docs["sanctions_news"], encoder) == "same_event"


@model
def test_result_with_embeddings_is_deterministic_and_order_free(
    fixture_docs: dict[str, Document], encoder: embed.Encoder
) -> None:
    docs = list(fixture_docs.values())
    forward = relate_documents(docs, encoder=encoder)
    assert relate_documents(docs[::-1], encoder=encoder) == forward
    assert relate_documents(docs, encoder=embed.SentenceEncoder.load()) == forward


@model
def test_encoder_gives_unit_vectors_per_sentence(encoder: embed.Encoder) -> None:
    vectors = encoder.encode(["Bearings reached the tank plant.", "The ministry said nothing."])
    assert vectors.shape == (2, embed.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors.astype(np.float32), axis=1), 1, atol=1e-2)
    assert encoder.encode([]).shape == (0, embed.DIMENSIONS)


def test_sentences_naming_different_actors_never_match_on_meaning() -> None:
    # Same frames, disjoint names and figures: even an encoder that calls every pair
    # synonymous must not make these one story.
    first = Document.create(
        "Kinwah Electronics shipped 400 chips to the Kupol plant. Kinwah Electronics denied "
        "selling to Kupol. Officials in Vilnius named Kinwah Electronics in a list."
    )
    second = Document.create(
        "Tianrui Optics delivered 90 lenses to the Izhmash works. Tianrui Optics rejected "
        "claims about Izhmash. Regulators in Riga added Tianrui Optics to a list."
    )
    assert _relation(first, second, SameMeaning()) is None


def test_sentences_about_the_same_actors_can_match_on_meaning() -> None:
    first = Document.create(
        "Kinwah Electronics shipped chips to the Kupol plant last spring. The Kupol plant builds "
        "drones with them. Kinwah Electronics denied selling to Kupol at any time."
    )
    second = Document.create(
        "Parts from Kinwah Electronics reached Kupol earlier this year. Kupol assembles attack "
        "aircraft from those parts. Kinwah Electronics rejected the report about Kupol."
    )
    assert _relation(first, second, None) != "near_duplicate"
    assert _relation(first, second, SameMeaning()) == "near_duplicate"


def test_pairs_settled_on_words_never_run_the_encoder(fixture_docs: dict[str, Document]) -> None:
    counting = SameMeaning()
    assert _relation(fixture_docs["original"], fixture_docs["syndicated"], counting)
    assert _relation(fixture_docs["original"], fixture_docs["template_story"], counting) is None
    assert counting.calls == 0


def test_mode_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embed.MODE_VARIABLE, "off")
    assert embed.default_encoder() is None
    monkeypatch.setenv(embed.MODE_VARIABLE, "sometimes")
    with pytest.raises(SupplytraceError, match="SUPPLYTRACE_EMBEDDINGS"):
        embed.default_encoder()
    monkeypatch.setattr(embed, "installed", lambda: False)
    monkeypatch.setenv(embed.MODE_VARIABLE, "auto")
    assert embed.default_encoder() is None
    monkeypatch.setenv(embed.MODE_VARIABLE, "on")
    monkeypatch.setattr(embed, "_loaded", embed.SentenceEncoder.load)
    with pytest.raises(embed.EmbeddingsUnavailable, match="embeddings"):
        embed.default_encoder()
