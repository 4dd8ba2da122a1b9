"""Reprocess in worker processes writes exactly the tables of a serial reprocess.

A raw store holding article pages, a page that does not parse and an index row whose blob is
gone is reprocessed twice from identical copies: once in the calling process, once with two
spawned worker processes. Every table must come out the same, commit for commit.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.reprocess_pool import computed_chunks, raw_refs, write_computed
from load.lake import Lake
from load.raw_store import RawStore
from load.schemas import TABLES
from tests.sites import Article, article_page

SEEN_AT = datetime(2025, 10, 1, tzinfo=UTC)
TABLE_NAMES = ("documents", "deal_mentions", "entities", "quarantine")
DEALS = [
    "Nvidia will invest up to $100 billion in OpenAI.",
    "Meta will pay CoreWeave up to $14.2 billion for cloud computing capacity.",
    "Oracle signed a $300 billion cloud contract with OpenAI over five years.",
    "Microsoft agreed to invest $5 billion in Anthropic, which will buy Azure capacity.",
    "AMD will supply OpenAI with 6 gigawatts of GPUs; OpenAI gets warrants for AMD shares.",
    "CoreWeave raised $7.5 billion in debt led by Blackstone and Magnetar.",
    "Nebius signed a $17.4 billion GPU deal with Microsoft.",
]


def build_store(root: Path) -> Lake:
    """Seven article pages, one body that is not a page, one index row without its blob."""
    lake = Lake(str(root))
    store = RawStore(lake.storage)
    base = "https://www.cnbc.com"
    rows = []
    bodies = [(f"/{i}", article_page(Article(f"deal-{i}", text.split(" will ")[0] + " deal",
                                             SEEN_AT - timedelta(days=i), [text]), base).encode())
              for i, text in enumerate(DEALS)]
    bodies.append(("/broken", b"\x00\x01 not a page"))
    for i, (path, body) in enumerate(bodies):
        raw_id, blob = store.put(body)
        rows.append({"raw_id": raw_id, "source": "cnbc", "url": f"{base}/2025/09/2{i}{path}",
                     "final_url": f"{base}{path}", "fetched_at": SEEN_AT, "status": 200,
                     "content_type": "text/html", "byte_size": len(body), "blob_path": blob,
                     "etag": None, "last_modified": None})
    rows.append({**rows[0], "raw_id": "f" * 64, "url": f"{base}/2025/09/29/gone",
                 "blob_path": "raw/ff/" + "f" * 64 + ".gz"})
    lake.upsert("raw_documents", rows, update_matched=False)
    return lake


def reprocess(lake: Lake, workers: int) -> None:
    for computed in computed_chunks(lake, raw_refs(lake), chunk_size=3, workers=workers,
                                    seen_at=SEEN_AT, budget_seconds=None):
        write_computed(lake, computed, SEEN_AT)


def tables(lake: Lake) -> dict[str, tuple[int | None, list[dict]]]:
    """Version and sorted rows of each table (the storage root in messages made neutral: the
    two copies live in different folders)."""
    out = {}
    for name in TABLE_NAMES:
        rows = lake.read(name).sort(list(TABLES[name].key)).to_dicts()
        for row in rows:
            if isinstance(row.get("message"), str):
                row["message"] = row["message"].replace(lake.storage.root, "<root>")
        out[name] = (lake.version(name), rows)
    return out


@pytest.mark.slow
def test_two_workers_write_the_tables_of_a_serial_run(tmp_path: Path) -> None:
    build_store(tmp_path / "serial")
    shutil.copytree(tmp_path / "serial", tmp_path / "parallel")
    serial, parallel = Lake(str(tmp_path / "serial")), Lake(str(tmp_path / "parallel"))
    reprocess(serial, workers=1)
    reprocess(parallel, workers=2)
    expected = tables(serial)
    assert tables(parallel) == expected
    documents = expected["documents"][1]
    assert len(documents) == 7
    reasons = {row["url"].rsplit("/", 1)[1]: row["message"] for row in expected["quarantine"][1]}
    assert set(reasons) == {"broken", "gone"}
    assert "No such file" in reasons["gone"] or "not found" in reasons["gone"].lower()
    payers = {row["payer_id"] for row in expected["deal_mentions"][1]}
    assert {"nvidia", "meta", "oracle"} <= payers | {row["payee_id"]
                                                     for row in expected["deal_mentions"][1]}
    reprocess(parallel, workers=2)  # a second pass: the same data, not even a new version
    again = tables(parallel)
    assert {k: v for k, v in again.items() if k != "quarantine"} == {
        k: v for k, v in expected.items() if k != "quarantine"}
    assert [row["attempts"] for row in again["quarantine"][1]] == [2, 2]  # seen failing again
