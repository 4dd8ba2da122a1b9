"""`circularity parse` on the real captured responses of ../shared/fixtures/real (skipped when
that folder is absent): one JSON line per document (or, for EDGAR's JSON answers, per filing or
listed document)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from flows.command_line import main as cli


def parse_lines(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert cli(["parse", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_information_article(shared_real: Path, capsys) -> None:
    [doc] = parse_lines(capsys, "--source", "the_information",
                        "--url", "https://www.theinformation.com/articles/x",
                        str(shared_real / "the_information" / "article_jsonld.html"))
    assert doc["title"] and doc["authors"] and doc["paywalled"] is True
    assert datetime.fromisoformat(doc["published_at"]).tzinfo is not None
    assert {"META", "MDB"} <= set(doc["tickers"])


def test_bluesky_thread_response(shared_real: Path, capsys) -> None:
    docs = parse_lines(capsys, "--source", "bluesky",
                       str(shared_real / "bluesky" / "thread_view_post_with_embed_media.json"))
    assert docs
    post = docs[0]
    assert post["canonical_url"].startswith("at://did:")
    assert post["authors"] and post["published_at"]
    assert post["doc_type"] == "post"


@pytest.mark.parametrize(("name", "items"), [("oracle_8-K.html", ["5.07"]),
                                             ("buckle_8-K.html", ["2.02", "9.01"])])
def test_edgar_8k_documents_keep_their_items(shared_real: Path, capsys, name, items) -> None:
    [doc] = parse_lines(capsys, "--source", "edgar", str(shared_real / "edgar" / name))
    assert [item["number"] for item in doc["metadata"]["items"]] == items
    assert len(doc["text"]) > 1000 and doc["doc_type"] == "filing"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("submissions_CIK0000320193.json", "filing"),
     ("submissions_CIK0000320193-submissions-001.json", "filing"),
     ("efts_search_aapl.json", "filing"),
     ("filing_0001213900-24-004875-index.json", "document")],
)
def test_edgar_json_answers_list_what_they_hold(shared_real: Path, capsys, name, kind) -> None:
    rows = parse_lines(capsys, "--source", "edgar", str(shared_real / "edgar" / name))
    assert rows and rows[0]["kind"] == kind
    if kind == "filing":
        assert all(row["accession"] for row in rows if row["kind"] == "filing")


def test_a_file_that_is_no_response_of_the_source_fails_with_one_line(tmp_path, capsys) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"unexpected": true}')
    assert cli(["parse", "--source", "bluesky", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: MalformedInput") and "Traceback" not in err
