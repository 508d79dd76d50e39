"""The learned scorer: its linear models, its saved weights, its candidates and its claims."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from supplytrace.extract.learned.examples import GoodsCandidate, PairCandidate, SentenceCandidates
from supplytrace.extract.learned.linear import LinearModel, fit
from supplytrace.extract.learned.scorer import BINARY, PAIR_CLASSES, RelationScorer, Thresholds
from supplytrace.model import Document

ROWS = [
    ("bias", "cue=ship", "s.gov=nsubj"),
    ("bias", "cue=say"),
    ("bias", "neg=not", "cue=ship"),
] * 4
LABELS = ["asserted", "none", "denied"] * 4


def _scorer() -> RelationScorer:
    pair = fit(ROWS, LABELS, PAIR_CLASSES, epochs=200, min_count=1)
    goods = fit(
        [("bias", "g.dobj"), ("bias", "g.nsubj")] * 3, ["yes", "no"] * 3, BINARY, min_count=1
    )
    hedge = fit([("bias", "h=allegedly"), ("bias",)] * 3, ["yes", "no"] * 3, BINARY, min_count=1)
    return RelationScorer(pair, goods, hedge, Thresholds(pair=0.5, goods=0.5, hedge=0.5))


def test_fit_learns_the_classes_and_is_deterministic() -> None:
    a = fit(ROWS, LABELS, PAIR_CLASSES, epochs=200, min_count=1)
    b = fit(ROWS, LABELS, PAIR_CLASSES, epochs=200, min_count=1)
    assert a.to_dict() == b.to_dict()
    for row, label in zip(ROWS[:3], LABELS[:3], strict=True):
        assert PAIR_CLASSES[int(a.scores(row).argmax())] == label
    assert "cue=ship" in a.explain(ROWS[0], "asserted")


def test_a_repeated_feature_counts_once_as_in_training() -> None:
    model = fit(ROWS, LABELS, PAIR_CLASSES, epochs=50, min_count=1)
    row = ROWS[0]
    assert model.scores(row + row).tolist() == model.scores(row).tolist()


def test_linear_model_round_trips_through_json() -> None:
    model = fit(ROWS, LABELS, PAIR_CLASSES, epochs=50, min_count=1)
    again = LinearModel.from_dict(json.loads(json.dumps(model.to_dict())))
    for row in ROWS[:3]:
        assert again.scores(row) == pytest.approx(model.scores(row), abs=1e-3)
    assert again.scores(("never seen",)).tolist() == pytest.approx([1 / 3] * 3)


def test_saved_weights_are_byte_stable_and_named_by_their_hash(tmp_path: Path) -> None:
    scorer = _scorer()
    first = scorer.save(tmp_path / "a.json.gz")
    second = scorer.save(tmp_path / "b.json.gz")
    assert first == second
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    loaded = RelationScorer.load(tmp_path / "a.json.gz")
    assert loaded.name == f"supplytrace.RelationScorer.v1@{first}"


def test_a_file_that_is_not_a_scorer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"component": "something.else"}).encode()))
    with pytest.raises(ValueError, match="not a supplytrace.RelationScorer.v1 model"):
        RelationScorer.load(path)


def _pair(supplier: str, recipient: str | None, features: tuple[str, ...]) -> PairCandidate:
    return PairCandidate(
        supplier,
        "org",
        recipient,
        "country" if recipient else None,
        features,
        0,
        "the ministry",
        ("bias",),
    )


def test_decide_keeps_scored_pairs_with_their_goods_and_explains_them() -> None:
    goods = (
        GoodsCandidate("sensors", None, 3, 4, ("bias", "g.dobj"), 3),
        GoodsCandidate("lenses", None, 5, 6, ("bias", "g.dobj"), 3),
    )
    sentence = SentenceCandidates(
        0,
        (0, 40),
        (
            _pair("Vantor", "Iran", ROWS[0]),
            _pair("Vantor", None, ROWS[0]),  # a named recipient says more: dropped
            _pair("Iran", "Vantor", ROWS[1]),  # scored as no statement
        ),
        (goods,),
    )
    decisions = _scorer().decide(sentence)
    assert {(d.supplier, d.recipient, d.item) for d in decisions} == {
        ("Vantor", "Iran", "sensors"),
        ("Vantor", "Iran", "lenses"),
    }
    for d in decisions:
        assert d.polarity == "asserted" and 0.5 <= d.confidence <= 1
        assert "cue=ship" in d.features and d.asserted_by == "the ministry"


def test_a_pair_with_no_goods_above_the_threshold_moves_unnamed_goods() -> None:
    goods = (GoodsCandidate("the spokesman", None, 1, 3, ("bias", "g.nsubj"), 1),)
    sentence = SentenceCandidates(0, (0, 30), (_pair("Vantor", "Iran", ROWS[2]),), (goods,))
    (decision,) = _scorer().decide(sentence)
    assert decision.item == "goods" and decision.polarity == "denied"


def test_the_scorer_is_a_registered_component_that_declares_its_seam() -> None:
    from supplytrace.extract.learned.registry import registration

    reg = registration("supplytrace.RelationScorer.v1")
    assert reg.factory is RelationScorer
    assert reg.requires == ("SentenceCandidates",) and reg.assigns == ("Decision",)
    with pytest.raises(ValueError, match="known: supplytrace.RelationScorer.v1"):
        registration("supplytrace.RelationScorer.v0")


def test_a_corrupt_model_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json.gz"
    path.write_bytes(b"not gzip at all")
    with pytest.raises(ValueError, match="not a gzipped JSON scorer"):
        RelationScorer.load(path)


def test_unknown_extractor_mode_names_the_choices() -> None:
    from supplytrace.extract import Extractor

    with pytest.raises(ValueError, match="rules, learned, hybrid"):
        Extractor(mode="magic")


@pytest.mark.slow
def test_candidates_reach_a_plain_supply_sentence(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create(
        "Kestrel Avionics shipped navigation modules to Russia last year, officials said.",
        source_path="x.txt",
    )
    (candidates,) = list(extractor.candidates_many([doc]))
    (sentence,) = candidates
    pair = next(
        p for p in sentence.pairs if p.supplier == "Kestrel Avionics" and p.recipient == "Russia"
    )
    assert "cue=ship" in pair.features and "s.gov=nsubj" in pair.features
    goods = [g.text for g in sentence.goods[pair.supplier_slot]]
    assert "navigation modules" in goods
    text = doc.text
    assert text[slice(*pair.supplier_chars)] == "Kestrel Avionics"
    assert text[slice(*pair.recipient_chars)] == "Russia"


@pytest.mark.slow
def test_learned_and_hybrid_claims_carry_confidence_and_the_model_hash(extractor) -> None:  # type: ignore[no-untyped-def]
    from supplytrace.extract import Extractor

    text = (
        "Kestrel Avionics shipped navigation modules and thermal cameras to Russia in 2024, "
        "the trade ministry said. Vantor Optics has supplied Iran with laser rangefinders "
        "for its drones, according to customs records. The embassy said the country never "
        "provided weapons to Russia."
    )
    doc = Document.create(text, source_path="k.txt")
    (rules,) = list(extractor.extract_many([doc]))
    (learned,) = list(Extractor(mode="learned").extract_many([doc]))
    (hybrid,) = list(Extractor(mode="hybrid").extract_many([doc]))
    assert rules.claims and all(c.confidence is None for c in rules.claims)
    # hybrid keeps every rule claim and adds only scored ones
    assert {c.id for c in rules.claims} <= {c.id for c in hybrid.claims}
    scored = [c for c in hybrid.claims if c.id not in {r.id for r in rules.claims}]
    for claim in [*learned.claims, *scored]:
        assert claim.extractor.startswith("supplytrace.RelationScorer.v1@")
        assert claim.confidence is not None and 0 < claim.confidence <= 1
        assert claim.decided_by and text[slice(*claim.sentence_span)] == claim.evidence


def test_a_decision_becomes_a_claim_with_goods_data_end_uses_and_its_reasons() -> None:
    from supplytrace.extract.learned.claims import decision_claim
    from supplytrace.extract.learned.scorer import Decision
    from supplytrace.goods.gazetteer import gazetteer

    text = "Header line.\nVantor Optics sold thermal cameras to Iran for its drones."
    start = text.index("Vantor")
    decision = Decision(
        (start, len(text)),
        "Vantor Optics",
        "org",
        "Iran",
        "country",
        "thermal cameras",
        None,
        "asserted",
        False,
        0.71,
        {"cue=sell": 0.9, "s.gov=nsubj": -0.2},
        None,
        ("drones",),
    )
    claim = decision_claim(decision, "doc1", text, gazetteer(), "supplytrace.RelationScorer.v1@x")
    assert claim.evidence == text[start:] and claim.confidence == 0.71
    assert claim.decided_by == (("cue=sell", 0.9), ("s.gov=nsubj", -0.2))
    assert claim.end_uses == ("drones",) and claim.end_use_categories
    assert claim.item_category is not None and claim.hs_codes  # thermal cameras are in the taxonomy
    assert claim.asserted_by == "the article" and claim.recipient_kind == "country"


def _fixed(classes: list[str], weights: dict[str, list[float]]) -> LinearModel:
    """A model with chosen weights, so a test knows each candidate's probability."""
    import numpy as np

    vocab = {f: i for i, f in enumerate(weights)}
    return LinearModel(classes, vocab, np.array(list(weights.values()), dtype=float))


# p(asserted): "sure" 0.91, "unsure" 0.33; p(goods): "g.good" 0.88, "g.middling" 0.31
_PAIR = _fixed(PAIR_CLASSES, {"sure": [0.0, 3.0, 0.0], "unsure": [0.7, 0.0, -5.0]})
_GOODS = _fixed(BINARY, {"g.good": [0.0, 2.0], "g.middling": [0.0, -0.8]})
_HEDGE = _fixed(BINARY, {"bias": [1.0, 0.0]})


def _one_pair(n: int, feature: str, goods: str = "g.good") -> SentenceCandidates:
    cand = GoodsCandidate(f"item{n}", None, 2, 3, (goods,), n)
    return SentenceCandidates(
        n, (n * 50, n * 50 + 40), (_pair("Vantor", "Iran", (feature,)),), ((cand,),)
    )


def test_a_pair_the_document_states_surely_is_accepted_from_the_lower_support_bar() -> None:
    scorer = RelationScorer(_PAIR, _GOODS, _HEDGE, Thresholds(pair=0.5, goods=0.5, support=0.2))
    sure, unsure = _one_pair(0, "sure"), _one_pair(1, "unsure")
    assert [len(d) for d in scorer.decide_document([sure, unsure])] == [1, 1]
    assert [len(d) for d in scorer.decide_document([unsure])] == [0]  # nothing to lean on
    # a pair the rules already claim in the document counts as stated surely
    (found,) = scorer.decide_document([unsure], known=[("Vantor", "Iran")])
    assert [(d.item, round(d.confidence, 2)) for d in found] == [("item1", 0.29)]
    strict = RelationScorer(_PAIR, _GOODS, _HEDGE, Thresholds(pair=0.5, goods=0.5, support=0.5))
    assert [len(d) for d in strict.decide_document([sure, unsure])] == [1, 0]
    # hybrid mode has its own, higher bar for the pairs it adds
    hybrid = RelationScorer(_PAIR, _GOODS, _HEDGE, Thresholds(pair=0.2, hybrid=0.95))
    assert hybrid.decide(sure) and not hybrid.decide(sure, hybrid=True)


def test_goods_below_the_threshold_but_above_the_floor_name_the_best_phrase() -> None:
    middling = _one_pair(0, "sure", goods="g.middling")
    named = RelationScorer(_PAIR, _GOODS, _HEDGE, Thresholds(goods=0.5, goods_floor=0.1))
    assert [d.item for d in named.decide(middling)] == ["item0"]
    unnamed = RelationScorer(_PAIR, _GOODS, _HEDGE, Thresholds(goods=0.5, goods_floor=0.5))
    assert [d.item for d in unnamed.decide(middling)] == ["goods"]


def test_thresholds_of_an_older_model_file_take_the_defaults_for_new_settings() -> None:
    old = Thresholds.from_dict({"pair": 0.25, "goods": 0.4, "hedge": 0.5, "retired": 1.0})
    assert (old.pair, old.goods, old.hedge) == (0.25, 0.4, 0.5)
    assert (old.hybrid, old.goods_floor, old.support) == (
        Thresholds().hybrid,
        Thresholds().goods_floor,
        Thresholds().support,
    )
    assert Thresholds.from_dict(old.to_dict()) == old


def test_per_sentence_entities_and_chunks_equal_spacys_own(extractor) -> None:  # type: ignore[no-untyped-def]
    from supplytrace.extract.claims import sentence_chunks, sentence_ents

    doc = extractor.nlp(
        "Kestrel Avionics shipped 40 navigation modules to Iran in March 2024. The ministry "
        "in Tehran said nothing.\nVarno Metals sold bearings worth $3 million to Syldavia."
    )
    for sent in doc.sents:
        assert [(e.start, e.end) for e in sentence_ents(sent)] == [
            (e.start, e.end) for e in sent.ents
        ]
        assert [(c.start, c.end) for c in sentence_chunks(sent)] == [
            (c.start, c.end) for c in sent.noun_chunks
        ]
