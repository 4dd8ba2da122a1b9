"""The lake: Delta Lake tables under one storage root, written only by merge on the key.

Every write is one atomic Delta commit. A merge whose rows are already stored as they are makes
no commit at all (matched rows are only rewritten when a value column IS DISTINCT FROM the
stored one), so rerunning a flow on the same window leaves every table at the same version.
A process killed mid-write leaves at most unreferenced Parquet files behind: readers only see
committed versions, so every table stays readable.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.compute  # noqa: F401 - pa.compute
import pyarrow.parquet as pq
from deltalake import DeltaTable, write_deltalake
from deltalake import Field as DeltaField
from deltalake.exceptions import TableNotFoundError

from load.contract import Rows, SchemaMismatch, conform
from load.schemas import EXPORTED_TABLES, TABLES, TableSpec
from load.storage import StorageRoot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WriteResult:
    """What one merge did: rows inserted, updated and deleted, and the table version after."""

    table: str
    inserted: int
    updated: int
    deleted: int
    version: int | None

    @property
    def changed(self) -> bool:
        """True when the merge committed a new table version."""
        return bool(self.inserted or self.updated or self.deleted)


Scope = dict[str, Any] | str
"""Rows of a table: {column: value, or a list/set of values} (all must hold), or SQL."""


def _polars_predicate(where: dict[str, Any]) -> pl.Expr:
    return pl.all_horizontal(
        pl.col(column).is_in(sorted(value)) if isinstance(value, list | set | tuple)
        else pl.col(column) == value for column, value in where.items())


def _sql_predicate(where: dict[str, Any]) -> str:
    return " AND ".join(
        in_list(column, sorted(value)) if isinstance(value, list | set | tuple)
        else f"t.{quote(column)} = {sql_literal(str(value))}" for column, value in where.items())


def quote(identifier: str) -> str:
    """SQL-quote a column name for delta-rs predicates (names like `field` are keywords)."""
    return '"' + identifier.replace('"', '""') + '"'


def sql_literal(value: str) -> str:
    """A SQL string literal, with quotes escaped."""
    return "'" + value.replace("'", "''") + "'"


def in_list(column: str, values: list[str], alias: str | None = "t") -> str:
    """Predicate `alias.column IN ('a', 'b', ...)`; an empty list matches nothing."""
    if not values:
        return "FALSE"
    prefix = f"{alias}." if alias else ""
    return f"{prefix}{quote(column)} IN ({', '.join(sql_literal(v) for v in values)})"


class Lake:
    """Delta tables for every spec in load.schemas, under `<root>/tables/<name>`."""

    def __init__(self, root: str, storage_options: dict[str, str] | None = None) -> None:
        self.storage = StorageRoot(root, storage_options)
        self.storage_options = storage_options or None

    def table_uri(self, name: str) -> str:
        """The URI of a table's folder."""
        return self.storage.uri("tables", name)

    def _open(self, name: str) -> DeltaTable | None:
        try:
            return DeltaTable(self.table_uri(name), storage_options=self.storage_options)
        except TableNotFoundError:
            return None

    def exists(self, name: str) -> bool:
        """True when the table has at least one commit."""
        return self._open(name) is not None

    def read(self, name: str, columns: list[str] | None = None,
             where: dict[str, Any] | None = None) -> pl.DataFrame:
        """The table's current rows; an empty frame with the contract's columns when absent.

        Only `columns` are read, and `where` ({column: value}, all must hold; a list or set
        value means "one of") is pushed down to Delta: files whose statistics exclude the
        values are skipped, and only matching rows are materialised.
        """
        spec = TABLES[name]
        table = self._open(name)
        if table is None:
            empty = pl.from_arrow(spec.schema.empty_table())
            assert isinstance(empty, pl.DataFrame)
            return empty.select(columns) if columns else empty
        if where:
            # Polars pushes the predicate and the projection into the Delta scan.
            scan = self._scan(name).filter(_polars_predicate(where))
            return (scan.select(columns) if columns else scan).collect()
        arrow = table.to_pyarrow_table(columns=columns)
        frame = pl.from_arrow(arrow)
        assert isinstance(frame, pl.DataFrame)
        return frame

    def _scan(self, name: str) -> pl.LazyFrame:
        return pl.scan_delta(self.table_uri(name), storage_options=self.storage_options)

    def row_count(self, name: str) -> int:
        """Rows in the table's current version, from the Delta log's file statistics (no data
        file is read); 0 when the table does not exist."""
        table = self._open(name)
        if table is None:
            return 0
        actions = pa.table(table.get_add_actions(flatten=True))  # an Arrow C stream
        if actions.num_rows == 0:
            return 0
        counts = actions.column("num_records")
        if counts.null_count:  # a file written without statistics: count it the slow way
            return self.read(name, columns=list(TABLES[name].key)).height
        return int(pa.compute.sum(counts).as_py())

    def maintain(self, name: str, retention_hours: int) -> dict[str, int]:
        """Compact the table's small files, then delete the files no version younger than
        `retention_hours` needs (older versions can no longer be read: time travel reaches back
        that far), and checkpoint the log. Returns files added, removed and deleted."""
        table = self._open(name)
        if table is None:
            return {"added": 0, "removed": 0, "deleted": 0}
        compacted = table.optimize.compact()
        deleted = table.vacuum(retention_hours=retention_hours, dry_run=False,
                               enforce_retention_duration=False)
        table.create_checkpoint()
        table.cleanup_metadata()
        return {"added": int(compacted.get("numFilesAdded", 0)),
                "removed": int(compacted.get("numFilesRemoved", 0)), "deleted": len(deleted)}

    def version(self, name: str) -> int | None:
        """The table's current version, None when it does not exist."""
        table = self._open(name)
        return None if table is None else table.version()

    def last_commit(self, name: str) -> dict[str, Any] | None:
        """Version, UTC time and operation of the table's latest commit."""
        table = self._open(name)
        if table is None:
            return None
        entry = table.history(1)[0]
        return {
            "version": table.version(),
            "timestamp": datetime.fromtimestamp(entry["timestamp"] / 1000, tz=UTC),
            "operation": entry.get("operation"),
        }

    def _ensure(self, spec: TableSpec) -> DeltaTable:
        table = self._open(spec.name)
        if table is not None:
            return self._evolve(spec, table)
        return DeltaTable.create(
            self.table_uri(spec.name),
            schema=spec.schema,
            mode="ignore",  # another writer created it first: fine, same contract
            name=spec.name,
            description=spec.description,
            storage_options=self.storage_options,
        )

    def _evolve(self, spec: TableSpec, table: DeltaTable) -> DeltaTable:
        """Add contract columns a table written by an older release lacks (nullable ones
        only: old rows read them as null); any other difference is a contract violation."""
        stored = set(table.schema().to_arrow().names)
        missing = [f for f in spec.schema if f.name not in stored]
        if not missing:
            return table
        required = [f.name for f in missing if not f.nullable]
        if required:
            raise SchemaMismatch(spec.name, required[0],
                                 "stored table lacks a required column; rebuild it")
        table.alter.add_columns([DeltaField.from_arrow(f) for f in missing])
        log.info("%s: added columns %s", spec.name, ", ".join(f.name for f in missing))
        return table

    def upsert(
        self, name: str, rows: Rows, *, replace_where: Scope | None = None,
        update_matched: bool = True,
    ) -> WriteResult:
        """Merge rows into a table on its key, in one atomic commit.

        New keys are inserted; stored rows are updated only where a value differs.
        `replace_where` additionally deletes stored rows in that scope whose key is not among
        `rows`: how a re-extraction replaces the rows of the documents it covers. It is either
        {column: value or values} (all must hold), or a SQL predicate on the target alias `t`.
        `update_matched=False` makes the write insert-only.

        When no stored row shares a key with `rows` and none lies in a {column: values}
        scope (a first load, a first reprocess), the rows are appended instead: the same
        single commit, without the merge's join, which reads the whole target table and makes
        a writer's memory grow with it. The check reads only the key and scope columns.
        Writers are serialised (the writer lock, the `writers` queue), so nothing can insert
        one of these keys between the check and the append.
        """
        spec = TABLES[name]
        source = conform(spec, rows)
        if source.num_rows == 0 and replace_where is None:
            return WriteResult(name, 0, 0, 0, self.version(name))
        table = self._ensure(spec)
        if source.num_rows and not self._overlaps(spec, table, source, replace_where):
            return self._append(spec, table, source)
        sql_scope = (replace_where if isinstance(replace_where, str) or replace_where is None
                     else _sql_predicate(replace_where))
        on = " AND ".join(f"t.{quote(k)} = s.{quote(k)}" for k in spec.key)
        differs = " OR ".join(
            f"(t.{quote(c)} IS DISTINCT FROM s.{quote(c)})" for c in spec.value_columns
        )
        merger = table.merge(source, on, source_alias="s", target_alias="t")
        if update_matched:
            merger = merger.when_matched_update_all(predicate=differs or None)
        merger = merger.when_not_matched_insert_all()
        if sql_scope is not None:
            merger = merger.when_not_matched_by_source_delete(predicate=sql_scope)
        metrics = merger.execute()
        return self._logged(WriteResult(
            name,
            int(metrics.get("num_target_rows_inserted", 0)),
            int(metrics.get("num_target_rows_updated", 0)),
            int(metrics.get("num_target_rows_deleted", 0)),
            table.version(),
        ))

    def _overlaps(self, spec: TableSpec, table: DeltaTable, source: pa.Table,
                  replace_where: Scope | None) -> bool:
        """True when a stored row has one of the source's keys or lies in the scope (an SQL
        scope is assumed to); reads only those columns, nothing when the table is empty."""
        if isinstance(replace_where, str):
            return True
        if pa.table(table.get_add_actions(flatten=True)).num_rows == 0:
            return False
        columns = sorted(set(spec.key) | set(replace_where or ()))
        stored = self._scan(spec.name).select(columns)
        keys = pl.from_arrow(source.select(list(spec.key)))
        assert isinstance(keys, pl.DataFrame)
        clash = stored.join(keys.lazy(), on=list(spec.key), how="semi")
        if replace_where:
            clash = pl.concat([clash, stored.filter(_polars_predicate(replace_where))])
        return clash.limit(1).collect().height > 0

    def _append(self, spec: TableSpec, table: DeltaTable, source: pa.Table) -> WriteResult:
        write_deltalake(table, source, mode="append")  # columns match by name
        return self._logged(WriteResult(spec.name, source.num_rows, 0, 0, table.version()))

    @staticmethod
    def _logged(result: WriteResult) -> WriteResult:
        log.info("%s: +%d ~%d -%d (version %s)", result.table, result.inserted, result.updated,
                 result.deleted, result.version)
        return result

    def merge_with(self, name: str, rows: Rows, *, updates: dict[str, str]) -> WriteResult:
        """Merge rows on the key with explicit SQL update expressions for matched rows.

        Used where an update is not a plain overwrite, like counting quarantine attempts.
        """
        spec = TABLES[name]
        source = conform(spec, rows)
        if source.num_rows == 0:
            return WriteResult(name, 0, 0, 0, self.version(name))
        table = self._ensure(spec)
        on = " AND ".join(f"t.{quote(k)} = s.{quote(k)}" for k in spec.key)
        metrics = (
            table.merge(source, on, source_alias="s", target_alias="t")
            .when_matched_update(updates={quote(c): expr for c, expr in updates.items()})
            .when_not_matched_insert_all()
            .execute()
        )
        return WriteResult(
            name,
            int(metrics.get("num_target_rows_inserted", 0)),
            int(metrics.get("num_target_rows_updated", 0)),
            0,
            table.version(),
        )

    def delete_where(self, name: str, predicate: str) -> int:
        """SQL DELETE on one table in one commit (none when nothing matches); rows deleted."""
        table = self._open(name)
        if table is None:
            return 0
        return int(table.delete(predicate).get("num_deleted_rows", 0))

    def update_where(self, name: str, predicate: str, updates: dict[str, str]) -> int:
        """SQL UPDATE on one table in one commit; returns the number of rows updated."""
        table = self._open(name)
        if table is None:
            return 0
        metrics = table.update(
            updates={quote(c): expr for c, expr in updates.items()}, predicate=predicate
        )
        return int(metrics.get("num_updated_rows", 0))

    def export_snapshots(self, names: tuple[str, ...] = EXPORTED_TABLES) -> list[str]:
        """Refresh one plain Parquet file per existing table under `exports/`.

        On a local disk each file is written under a temporary name and renamed, so a consumer
        never reads half a file; on an object store the PUT itself is atomic.
        """
        written = []
        for name in names:
            table = self._open(name)
            if table is None:
                continue
            arrow: pa.Table = table.to_pyarrow_table()
            final = self.storage.path("exports", f"{name}.parquet")
            if not self.storage.local:  # an object PUT is atomic: straight to its key
                pq.write_table(arrow, final, filesystem=self.storage.fs)
                written.append(self.storage.uri("exports", f"{name}.parquet"))
                continue
            temp = self.storage.path("exports", f".{name}.parquet.{os.getpid()}.tmp")
            self.storage.ensure_dir("exports")
            pq.write_table(arrow, temp, filesystem=self.storage.fs)
            self.storage.fs.move(temp, final)
            written.append(self.storage.uri("exports", f"{name}.parquet"))
        return written
