"""The cross-sentence model: deals whose two companies are named in different sentences.

The passages are written for these tests with invented companies, so no labelled set and no
entity of the table is behind a reading.
"""

from __future__ import annotations

import pytest

from transform.deals.cross_sentence import (
    cross_candidates,
    cross_features,
    cross_pairs,
    default_cross_model,
    earlier_companies,
    use_cross_model,
)
from transform.deals.extractor import extract_sentence, extract_text, skeleton_of
from transform.deals.pair_model import NO_DEAL, PairModel, tokens
from transform.entities.discourse import HISTORY_SENTENCES
from transform.entities.parties import Discourse, find_parties
from transform.entities.table import EntityTable


def _flows(text: str, *, cross: bool = True) -> set[tuple[str, str, str]]:
    if cross:
        mentions = extract_text("t", text)
    else:
        with use_cross_model(None):
            mentions = extract_text("t", text)
    return {(m.payer_name, m.payee_name, m.deal_type) for m in mentions}


def _read(sentences: list[str]) -> tuple[Discourse, list]:
    """A discourse after the first sentences, and the parties of the last one."""
    discourse = Discourse(EntityTable.default())
    for sentence in sentences[:-1]:
        discourse.remember(find_parties(sentence, discourse), sentence)
    return discourse, find_parties(sentences[-1], discourse)


@pytest.mark.parametrize("text, investors", [
    ("Ostrava Compute, a GPU cloud based in Prague, closed a $210 million Series B on "
     "Tuesday. Brightwater Partners led, with Kestrel Ventures also investing.",
     {"Brightwater Partners", "Kestrel Ventures"}),
])
def test_investors_named_after_the_round_invest_in_the_company_that_raised(
        text: str, investors: set[str]) -> None:
    found = _flows(text)
    assert {(name, "Ostrava Compute", "equity_investment") for name in investors} <= found
    # the frames alone do not read these: the model is what does
    assert not {(name, "Ostrava Compute", "equity_investment") for name in investors} \
        & _flows(text, cross=False)


def test_a_sentence_about_something_else_reads_no_deal_with_an_earlier_company() -> None:
    text = ("Marisol Energy reported quarterly revenue of $40 million. Tarrant Grid, its "
            "largest rival, said its revenue rose.")
    assert _flows(text) == set()


def test_a_company_the_sentence_already_gives_a_deal_gets_no_second_one_of_that_kind() -> None:
    # Microsoft's investment here is in the company named beside it, not in one named before
    text = ("Ostrava Compute, a GPU cloud based in Prague, closed a $210 million Series B. "
            "Microsoft, which invested $2 billion in Quillon AI last year, also took part.")
    discourse, parties = _read([text.split(". ")[0] + ".", text.split(". ")[1]])
    skel = skeleton_of(text.split(". ")[1], parties)
    from transform.deals.candidates import find_candidates
    beside = find_candidates(skel, text.split(". ")[1], discourse)
    assert any(c.payer.name == "Microsoft" and c.deal_type == "equity_investment"
               for c in beside)
    cands = cross_candidates(skel, discourse, beside)
    assert not any(c.payer.name == "Microsoft" and c.deal_type == "equity_investment"
                   for c in cands)


def test_a_pair_already_read_in_the_document_is_not_read_again() -> None:
    first = "Halden Capital invested $50 million in Ostrava Compute."
    second = "Halden Capital said it expects Ostrava Compute to grow."
    discourse = Discourse(EntityTable.default())
    with use_cross_model(None):
        from transform.deals.extractor import extract_sentence
        assert extract_sentence(first, discourse)
    parties = find_parties(second, discourse)
    skel = skeleton_of(second, parties)
    # both are named here: nothing to pair across sentences
    assert list(cross_pairs(skel, discourse)) == []
    third = "Halden Capital also took part."
    skel = skeleton_of(third, find_parties(third, discourse))
    assert all(other.name != "Ostrava Compute" for _, other, *_ in cross_pairs(skel, discourse))


def test_only_the_last_sentences_companies_are_candidates() -> None:
    sentences = ["Norrland Compute opened an office.",
                 *["The weather was mild."] * (HISTORY_SENTENCES - 1), "Carrow Partners took part."]
    discourse, _ = _read(sentences)
    assert [p.surface for p, _ in earlier_companies(discourse, set())] == ["Norrland Compute"]
    discourse.remember([], "Another quiet sentence.")
    assert earlier_companies(discourse, set()) == []


def test_features_hold_no_company_name_and_depend_only_on_the_wording() -> None:
    def features(first: str, second: str) -> list[str]:
        discourse, parties = _read([first, second])
        skel = skeleton_of(second, parties)
        position, other, back, here_pays, feats = next(
            x for x in cross_pairs(skel, discourse) if x[3])
        assert feats == cross_features(tokens(skel), skel, position, other, back, here_pays,
                                       discourse)
        return feats

    one = features("Ostrava Compute closed a $210 million Series B.",
                   "Brightwater Partners took part.")
    two = features("Pellworm Cloud closed a $90 million Series A.",
                   "Quillon Ventures took part.")
    assert one == two
    text = " ".join(one).lower()
    assert "ostrava" not in text and "brightwater" not in text
    assert "role=A" in one and "dist=1" in one and "otherfirst=True" in one


def test_a_reading_needs_the_models_threshold() -> None:
    first, second = "Ostrava Compute closed a $210 million Series B.", \
        "Brightwater Partners took part."
    discourse, parties = _read([first, second])
    skel = skeleton_of(second, parties)
    always = PairModel([NO_DEAL, "equity_investment"], {"bias": [0.0, 1.0]}, [0.0, 0.0],
                       0.5, 1.01)
    cands = cross_candidates(skel, discourse, [], always)
    # one reading per company named here, side and type
    assert len(cands) == 2 and {c.deal_type for c in cands} == {"equity_investment"}
    never = PairModel([NO_DEAL, "equity_investment"], {"bias": [0.0, 1.0]}, [0.0, 0.0],
                      0.99, 1.01)
    assert cross_candidates(skel, discourse, [], never) == []


def test_a_company_sold_goods_to_here_funds_nobody_named_before() -> None:
    # A model that reads every pair as an investment: the GPU maker the sentence's frames
    # read as paid for goods is not read investing in the earlier company; the buyer may be.
    first = "Ostrava Compute holds a 27% stake in Quillon Labs."
    second = "Ostrava Compute has spent billions of dollars on Harwick Semiconductor GPUs."
    discourse, parties = _read([first, second])
    skel = skeleton_of(second, parties)
    beside = extract_sentence(second, _read([first, second])[0])
    assert [(c.payer.name, c.payee.name, c.deal_type) for c, _, _ in beside] == [
        ("Ostrava Compute", "Harwick Semiconductor", "purchase")]
    always = PairModel([NO_DEAL, "equity_investment"], {"bias": [0.0, 1.0]}, [0.0, 0.0],
                       0.5, 1.01)
    cands = cross_candidates(skel, discourse, [c for c, _, _ in beside], always)
    assert ("Harwick Semiconductor", "Quillon Labs") not in {
        (c.payer.name, c.payee.name) for c in cands}
    assert ("Ostrava Compute", "Quillon Labs") in {(c.payer.name, c.payee.name) for c in cands}


def test_the_shipped_cross_model_is_loaded() -> None:
    model = default_cross_model()
    assert model is not None and NO_DEAL in model.classes
    assert 0.0 < model.threshold <= 1.0


def test_cross_sentence_examples_label_only_deals_no_sentence_states_whole() -> None:
    from transform.deals.train_pair_model import examples

    split = {"id": "a", "lang": "en", "text": "Ostrava Compute closed a $210 million Series B. "
             "Brightwater Partners took part.",
             "deals": [{"payer": "Brightwater Partners", "payee": "Ostrava Compute",
                        "type": "equity_investment"}]}
    whole = {"id": "b", "lang": "en", "text": "Brightwater Partners and Ostrava Compute "
             "have a close relationship, the filing shows. Brightwater Partners has offices "
             "in Oslo.",
             "deals": [{"payer": "Brightwater Partners", "payee": "Ostrava Compute",
                        "type": "equity_investment"}]}
    _, split_crosses = examples([split], EntityTable.default())
    # both directions of the one pair: the stated one is the deal, the other is none
    assert sorted(e.label for e in split_crosses) == ["equity_investment", NO_DEAL]
    _, whole_crosses = examples([whole], EntityTable.default())
    # the deal's two companies are named in one sentence: a later sentence is no evidence
    # of it, and that direction is left out rather than taught as "no deal"
    assert [e.label for e in whole_crosses] == [NO_DEAL]
    assert "role=B" in whole_crosses[0].features
