"""Sentence splitting in linear time, and the per-document extraction budget.

pysbd's time grows with the square of its input (a 100 KB paragraph took 11 s, 200 KB 34 s,
5 MB never finished), so a long paragraph is read in windows; these tests check that pysbd never
sees more than a window, that the windowed split is the whole-paragraph split, and that a
document over its time budget is refused with the reason rather than holding up a run.
"""

from __future__ import annotations

import pysbd
import pytest

from transform.deals import extractor
from transform.deals import sentences as sbd

SENTENCES = [
    "Nvidia Corp. said on Monday it will invest $5 billion in Intel Inc. as part of a U.S. push.",
    "Analysts at J.P. Morgan expect more deals in 2026, according to a note seen by Reuters.",
    "Oracle signed a cloud contract with OpenAI worth about $300 billion over five years.",
    "The Series B. round was led by a16z, and Mr. Smith joined the board of the company.",
    "Shares rose 4% in early trading on the Nasdaq after the announcement on Sept. 8.",
]


def paragraph(chars: int) -> str:
    """A paragraph of at least `chars` characters made of varied news sentences."""
    out, i = [], 0
    while sum(len(s) + 1 for s in out) < chars:
        out.append(SENTENCES[i % len(SENTENCES)])
        i += 1
    return " ".join(out)


def test_pysbd_never_reads_more_than_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = pysbd.Segmenter.processor

    def recording(self, text):  # noqa: ANN001, ANN202
        seen.append(len(text))
        return real(self, text)

    monkeypatch.setattr(pysbd.Segmenter, "processor", recording)
    text = paragraph(200_000)
    found = sbd.split_sentences(text)
    assert max(seen) <= sbd.WINDOW_CHARS
    assert sum(seen) < 1.2 * len(text)  # each character read about once
    assert len(found) >= len(text) // 100


@pytest.mark.parametrize("chars", [sbd.WINDOW_CHARS + 1, 3 * sbd.WINDOW_CHARS + 17, 30_000])
def test_the_windowed_split_is_the_whole_paragraph_split(chars: int) -> None:
    text = paragraph(chars)
    whole = [p.strip() for p in pysbd.Segmenter(language="en", clean=False).segment(text)
             if p.strip()]
    windowed = [s.text for s in sbd.split_sentences(text)]
    # The splitter also breaks the "Series B." run-on pysbd leaves, so compare after joining it.
    assert " ".join(windowed) == " ".join(whole)
    assert len(windowed) >= len(whole)
    spans = sbd.split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert [s.index for s in spans] == list(range(len(spans)))


def test_a_line_without_any_boundary_is_cut_at_spaces() -> None:
    text = "word " * 5_000  # 25 KB and no sentence end: a flattened table
    found = sbd.split_sentences(text)
    assert "".join(s.text + " " for s in found).split() == text.split()
    assert max(len(s.text) for s in found) <= sbd.WINDOW_CHARS


def test_a_document_over_its_budget_is_refused_with_the_reason() -> None:
    text = "\n".join(paragraph(3_000) for _ in range(20))
    with pytest.raises(extractor.ExtractionFailed, match="over budget on doc-1") as caught:
        extractor.mention_rows("doc-1", "cnbc", title=None, summary=None, text=text, lang="en",
                               published_at=None, budget_seconds=1e-6)
    assert "CIRCULARITY_EXTRACT_BUDGET_SECONDS" in str(caught.value)
    rows = extractor.mention_rows("doc-1", "cnbc", title=None, summary=None, text=text,
                                  lang="en", published_at=None, budget_seconds=None)
    assert {(r["payer_id"], r["payee_id"]) for r in rows} >= {("nvidia", "intel"),
                                                               ("openai", "oracle")}


def test_a_french_round_letter_ends_its_sentence() -> None:
    text = ("Varda AI a officialisé une levée de 1,7 milliard d’euros lors de son tour de table "
            "de série C. L’opération est dominée par Orrin Capital.")
    assert [s.text for s in sbd.split_sentences(text, "fr")] == [
        "Varda AI a officialisé une levée de 1,7 milliard d’euros lors de son tour de table de "
        "série C.", "L’opération est dominée par Orrin Capital."]
