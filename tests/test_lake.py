"""Storage: real Delta tables written to a temp dir and read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl
import pytest
from deltalake import DeltaTable

from load import quarantine, runs
from load.contract import SchemaMismatch
from load.lake import Lake, in_list
from load.raw_store import RawStore, raw_id_of
from load.schemas import TABLES

T0 = datetime(2025, 9, 22, 12, 0, tzinfo=UTC)


def doc_row(doc_id: str, text: str = "Nvidia will invest in OpenAI.", **extra: object) -> dict:
    row = {
        "doc_id": doc_id, "source": "cnbc", "url": f"https://www.cnbc.com/{doc_id}.html",
        "canonical_url": f"https://www.cnbc.com/{doc_id}.html", "title": "T",
        "published_at": T0, "authors": ["A B"], "text": text, "lang": "en", "raw_id": "r" * 64,
        "parser_version": "cnbc-1", "doc_type": "article", "section": None, "summary": None,
        "tickers": ["NVDA"], "entity_hints": [], "paywalled": False, "metadata": "{}",
    }
    row.update(extra)
    return row


def test_every_table_has_a_key_in_its_schema() -> None:
    for spec in TABLES.values():
        for column in spec.key:
            assert column in spec.schema.names, (spec.name, column)
            assert not spec.schema.field(column).nullable, (spec.name, column)


def test_upsert_then_read_back(lake: Lake) -> None:
    lake.upsert("documents", [doc_row("a"), doc_row("b")])
    frame = lake.read("documents").sort("doc_id")
    assert frame["doc_id"].to_list() == ["a", "b"]
    assert frame["published_at"].to_list() == [T0, T0]
    assert frame["authors"].to_list() == [["A B"], ["A B"]]
    # Other engines read the same table: delta-rs directly and Polars' lazy scan.
    assert DeltaTable(lake.table_uri("documents")).to_pyarrow_table().num_rows == 2
    assert pl.scan_delta(lake.table_uri("documents")).collect().height == 2


def test_same_rows_again_make_no_new_version(lake: Lake) -> None:
    lake.upsert("documents", [doc_row("a"), doc_row("b")])
    version = lake.version("documents")
    result = lake.upsert("documents", [doc_row("b"), doc_row("a")])
    assert not result.changed
    assert lake.version("documents") == version


def test_changed_value_updates_in_place(lake: Lake) -> None:
    lake.upsert("documents", [doc_row("a")])
    result = lake.upsert("documents", [doc_row("a", text="Changed.")])
    assert (result.inserted, result.updated) == (0, 1)
    frame = lake.read("documents")
    assert frame.height == 1 and frame["text"][0] == "Changed."


def test_repeated_key_in_one_batch_keeps_the_last(lake: Lake) -> None:
    lake.upsert("documents", [doc_row("a", text="first"), doc_row("a", text="last")])
    assert lake.read("documents")["text"].to_list() == ["last"]


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (doc_row("a", text=None), "text"),
        (doc_row("a", published_at="yesterday"), "published_at"),
        (doc_row("a", published_at=datetime(2025, 1, 1)), "published_at"),
        (doc_row("a", authors="A B"), "authors"),
        (doc_row("a", surprise=1), "surprise"),
        (doc_row("a", paywalled=None), "paywalled"),
    ],
)
def test_contract_violation_names_table_and_column(lake: Lake, row: dict, column: str) -> None:
    with pytest.raises(SchemaMismatch) as info:
        lake.upsert("documents", [row])
    assert info.value.table == "documents" and info.value.column == column
    assert f"documents.{column}" in str(info.value)
    assert not lake.exists("documents")  # nothing was written


def test_arrow_input_with_missing_column_is_refused(lake: Lake) -> None:
    frame = pl.DataFrame([doc_row("a")]).drop("lang")
    with pytest.raises(SchemaMismatch, match="documents.lang"):
        lake.upsert("documents", frame)


def mention(mid: str, doc: str, payee: str = "B") -> dict:
    return {
        "mention_id": mid, "doc_id": doc, "source": "cnbc", "field": "text",
        "sentence_index": 0, "char_start": 0, "char_end": 5, "evidence": "x",
        "payer_text": "A", "payee_text": payee, "payer_id": "a", "payee_id": "b",
        "deal_type": "purchase", "amount_usd": None, "amount_qualifier": None,
        "amount_original": None, "currency": None, "period": "total",
        "duration_years": None, "status": "announced", "confidence": 0.9,
        "published_at": T0, "extractor_version": "v1",
    }


@pytest.mark.parametrize("scope", [in_list("doc_id", ["d1"]), {"doc_id": ["d1"]}],
                         ids=["sql", "columns"])
def test_replace_where_drops_stale_rows_in_scope_only(lake: Lake, scope: object) -> None:
    lake.upsert("deal_mentions", [mention("m1", "d1"), mention("m2", "d1"), mention("m3", "d2")])
    result = lake.upsert("deal_mentions", [mention("m1", "d1")], replace_where=scope)
    assert result.deleted == 1
    assert sorted(lake.read("deal_mentions")["mention_id"].to_list()) == ["m1", "m3"]


def test_replace_scope_with_only_new_keys_still_deletes_stale_rows(lake: Lake) -> None:
    # No stored key matches, but stored rows lie in the scope: the write must merge, not
    # append, or d1's stale mention would survive.
    lake.upsert("deal_mentions", [mention("m1", "d1"), mention("m3", "d2")])
    lake.upsert("deal_mentions", [mention("m9", "d1")], replace_where={"doc_id": ["d1"]})
    assert sorted(lake.read("deal_mentions")["mention_id"].to_list()) == ["m3", "m9"]


def operations(lake: Lake, name: str) -> list[str]:
    """The table's commit operations, oldest first."""
    history = DeltaTable(lake.table_uri(name)).history()
    return [entry["operation"] for entry in reversed(history)]


def test_rows_with_only_new_keys_are_appended_without_a_merge(lake: Lake) -> None:
    lake.upsert("documents", [doc_row("a")])
    appended = lake.upsert("documents", [doc_row("b"), doc_row("c")])
    assert (appended.inserted, appended.version) == (2, lake.version("documents"))
    lake.upsert("deal_mentions", [mention("m1", "d1")], replace_where={"doc_id": ["d1"]})
    lake.upsert("deal_mentions", [mention("m2", "d2")], replace_where={"doc_id": ["d2"]})
    assert operations(lake, "documents") == ["CREATE TABLE", "WRITE", "WRITE"]
    assert operations(lake, "deal_mentions") == ["CREATE TABLE", "WRITE", "WRITE"]
    assert lake.read("documents").sort("doc_id")["doc_id"].to_list() == ["a", "b", "c"]
    assert lake.read("deal_mentions")["mention_id"].sort().to_list() == ["m1", "m2"]


def test_one_known_key_sends_the_whole_batch_through_the_merge(lake: Lake) -> None:
    lake.upsert("documents", [doc_row("a")])
    result = lake.upsert("documents", [doc_row("a", text="Changed."), doc_row("b")])
    assert (result.inserted, result.updated) == (1, 1)
    assert operations(lake, "documents")[-1] == "MERGE"
    frame = lake.read("documents").sort("doc_id")
    assert frame["doc_id"].to_list() == ["a", "b"]  # one row per key, never a duplicate
    assert frame["text"].to_list() == ["Changed.", "Nvidia will invest in OpenAI."]


def test_append_follows_the_stored_column_order(lake: Lake) -> None:
    # A table written by an older release gets new contract columns at the end; an append
    # must still line its columns up by name.
    spec = TABLES["documents"]
    old_schema = spec.schema.remove(spec.schema.get_field_index("section"))
    DeltaTable.create(lake.table_uri("documents"), schema=old_schema)
    lake.upsert("documents", [doc_row("a", section="Tech", summary="S1")])
    lake.upsert("documents", [doc_row("b", section="Markets", summary="S2")])
    assert DeltaTable(lake.table_uri("documents")).schema().to_arrow().names[-1] == "section"
    frame = lake.read("documents").sort("doc_id")
    assert frame["section"].to_list() == ["Tech", "Markets"]
    assert frame["summary"].to_list() == ["S1", "S2"]


def test_raw_store_is_content_addressed_and_never_rewritten(raw_store: RawStore) -> None:
    body = b"<html>deal</html>"
    raw_id, path = raw_store.put(body)
    assert raw_id == raw_id_of(body)
    full = raw_store.storage.path(path)
    before = raw_store.storage.fs.get_file_info(full).mtime
    assert raw_store.put(body) == (raw_id, path)
    assert raw_store.storage.fs.get_file_info(full).mtime == before
    assert raw_store.get(raw_id) == body


def test_raw_store_detects_a_corrupt_blob(raw_store: RawStore) -> None:
    import gzip
    raw_id, path = raw_store.put(b"original")
    with open(raw_store.storage.path(path), "wb") as fh:
        fh.write(gzip.compress(b"tampered"))
    with pytest.raises(ValueError, match="corrupt"):
        raw_store.get(raw_id)


def test_raw_store_leaves_no_temp_files(raw_store: RawStore) -> None:
    for i in range(5):
        raw_store.put(f"body {i}".encode())
    root = raw_store.storage.path("raw")
    names = [info.base_name for info in raw_store.storage.fs.get_file_info(
        __import__("pyarrow.fs").fs.FileSelector(root, recursive=True)) if info.is_file]
    assert len(names) == 5 and all(n.endswith(".gz") for n in names)


def test_quarantine_counts_attempts_and_resolves(lake: Lake) -> None:
    item = quarantine.QuarantineItem("cnbc", "https://x/1", "fetch", "ServerBusy", "503",
                                     True, T0)
    quarantine.record(lake, [item])
    later = quarantine.QuarantineItem("cnbc", "https://x/1", "fetch", "FetchTimeout", "slow",
                                      True, T0 + timedelta(days=1))
    quarantine.record(lake, [later])
    row = lake.read("quarantine").row(0, named=True)
    assert row["attempts"] == 2
    assert row["first_seen_at"] == T0 and row["last_seen_at"] == T0 + timedelta(days=1)
    assert row["error_class"] == "FetchTimeout" and row["resolved_at"] is None
    assert quarantine.resolve(lake, "cnbc", ["https://x/1"], "fetch", T0 + timedelta(days=2)) == 1
    assert quarantine.open_items(lake, "cnbc").is_empty()
    assert lake.read("quarantine").height == 1  # resolved, not deleted


def test_quarantine_refuses_unknown_stage(lake: Lake) -> None:
    with pytest.raises(ValueError, match="stage"):
        quarantine.record(lake, [quarantine.QuarantineItem("cnbc", "u", "bogus", "E", "m",
                                                           False, T0)])


def test_watermarks_come_from_runs_where_the_source_completed(lake: Lake) -> None:
    runs.start_run(lake, "r1", "nightly", {}, T0)
    runs.finish_run(lake, "r1", "nightly", {}, T0, T0, [
        runs.SourceResult("cnbc", "ok", watermark=T0),
        runs.SourceResult("edgar", "ok", watermark=T0),
    ])
    later = T0 + timedelta(days=1)
    runs.start_run(lake, "r2", "nightly", {}, later)
    status = runs.finish_run(lake, "r2", "nightly", {}, later, later, [
        runs.SourceResult("cnbc", "ok", watermark=later),
        runs.SourceResult("edgar", "failed", error="down"),
    ])
    assert status == "partial"
    assert runs.watermarks(lake) == {"cnbc": later, "edgar": T0}
    assert runs.last_run(lake)["run_id"] == "r2"


def test_unfinished_run_stays_readable_as_running(lake: Lake) -> None:
    runs.start_run(lake, "r1", "nightly", {"sources": None}, T0)
    run = runs.last_run(lake)
    assert run["status"] == "running" and run["finished_at"] is None
    assert runs.watermarks(lake) == {}


def test_exports_write_one_parquet_per_existing_table(lake: Lake) -> None:
    lake.upsert("documents", [doc_row("a")])
    lake.upsert("entities", [{"entity_id": "nvidia", "name": "Nvidia", "aliases": [],
                              "ticker": "NVDA", "cik": None, "kind": "company"}])
    written = lake.export_snapshots()
    # Only the curated tables are exported; documents (full filing text) stay in Delta.
    assert [w.rsplit("/", 1)[-1] for w in written] == ["entities.parquet"]
    assert pl.read_parquet(written[0])["entity_id"].to_list() == ["nvidia"]


def test_runs_left_running_by_a_killed_process_are_closed_as_interrupted(lake: Lake) -> None:
    runs.start_run(lake, "killed", "nightly", {"sources": None}, T0)
    runs.finish_run(lake, "done", "nightly", {}, T0, T0, [])
    later = T0.replace(hour=T0.hour + 1)
    assert runs.close_interrupted(lake, later) == 1
    rows = {r["run_id"]: r for r in lake.read("runs").to_dicts()}
    assert rows["killed"]["status"] == "interrupted" and rows["killed"]["finished_at"] == later
    assert rows["done"]["status"] == "ok"
    assert runs.close_interrupted(lake, later) == 0  # nothing left running: no commit


def test_read_pushes_columns_and_filters_down_and_counts_from_the_log(lake: Lake) -> None:
    for batch in range(3):  # three commits, three data files
        lake.upsert("documents", [doc_row(f"{batch}-{i}", source=("cnbc", "edgar")[i % 2])
                                  for i in range(4)])
    edgar = lake.read("documents", columns=["doc_id", "source"], where={"source": "edgar"})
    assert edgar.columns == ["doc_id", "source"]
    assert sorted(edgar["doc_id"].to_list()) == ["0-1", "0-3", "1-1", "1-3", "2-1", "2-3"]
    picked = lake.read("documents", columns=["doc_id"], where={"doc_id": {"0-0", "2-3", "x"}})
    assert sorted(picked["doc_id"].to_list()) == ["0-0", "2-3"]
    assert lake.read("documents", where={"source": "bluesky"}).height == 0
    assert lake.row_count("documents") == 12 == lake.read("documents").height
    assert lake.row_count("cycles") == 0  # no such table yet


def test_maintain_compacts_vacuums_and_keeps_the_rows(lake: Lake) -> None:
    for batch in range(4):
        lake.upsert("documents", [doc_row(f"{batch}-{i}") for i in range(3)])
    lake.upsert("documents", [doc_row("0-0", text="Rewritten.")])  # leaves a dead file
    before = lake.read("documents").sort("doc_id")
    files_before = len(DeltaTable(lake.table_uri("documents")).file_uris())
    assert files_before >= 4
    done = lake.maintain("documents", retention_hours=0)
    assert done["removed"] >= 4 and done["added"] == 1 and done["deleted"] >= 4
    assert len(DeltaTable(lake.table_uri("documents")).file_uris()) == 1
    assert lake.read("documents").sort("doc_id").equals(before)
    assert lake.row_count("documents") == 12
    assert lake.maintain("cycles", 0) == {
        "added": 0, "removed": 0, "deleted": 0}
