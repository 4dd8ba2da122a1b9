"""Checking rows against the table contract before anything is written.

A write that does not match its table's schema fails here, before any file is touched, with an
error that names the table and the column, so a parser bug can never land half-typed data.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from load.schemas import TableSpec

log = logging.getLogger(__name__)

Rows = Sequence[Mapping[str, Any]] | pl.DataFrame | pa.Table


class SchemaMismatch(ValueError):
    """Rows do not match the table contract; the message names the table and the column."""

    def __init__(self, table: str, column: str | None, reason: str) -> None:
        where = f"{table}.{column}" if column else table
        super().__init__(f"contract violation in {where}: {reason}")
        self.table = table
        self.column = column


def conform(spec: TableSpec, rows: Rows) -> pa.Table:
    """Return `rows` as an Arrow table with exactly the spec's schema, or raise SchemaMismatch.

    Accepts a list of dicts, a Polars DataFrame or an Arrow table. Unknown columns, missing
    columns (for tables), values of the wrong type, naive datetimes and nulls in non-nullable
    columns are all errors. Rows repeating a key are collapsed (last one wins), since a merge
    cannot apply two source rows to one target row.
    """
    if isinstance(rows, pl.DataFrame):
        rows = rows.to_arrow()
    table = _from_arrow(spec, rows) if isinstance(rows, pa.Table) else _from_dicts(spec, rows)
    _check_nullability(spec, table)
    return _dedupe_on_key(spec, table)


def _from_dicts(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    known = set(spec.columns)
    for index, row in enumerate(rows):
        extra = set(row) - known
        if extra:
            raise SchemaMismatch(spec.name, sorted(extra)[0], f"unknown column in row {index}")
    arrays = []
    for field in spec.schema:
        values = [row.get(field.name) for row in rows]
        if pa.types.is_list(field.type):
            for value in values:
                if value is not None and not isinstance(value, list | tuple):
                    raise SchemaMismatch(spec.name, field.name,
                                         f"expected a list, got {type(value).__name__}")
        if pa.types.is_timestamp(field.type):
            for value in values:
                if isinstance(value, datetime) and value.tzinfo is None:
                    raise SchemaMismatch(spec.name, field.name, "naive datetime; use UTC-aware")
        try:
            arrays.append(pa.array(values, type=field.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError) as exc:
            raise SchemaMismatch(spec.name, field.name, f"expected {field.type}: {exc}") from exc
    return pa.Table.from_arrays(arrays, schema=spec.schema)


def _from_arrow(spec: TableSpec, table: pa.Table) -> pa.Table:
    names = set(table.column_names)
    for name in table.column_names:
        if name not in spec.columns:
            raise SchemaMismatch(spec.name, name, "unknown column")
    for field in spec.schema:
        if field.name not in names:
            raise SchemaMismatch(spec.name, field.name, "missing column")
    columns = []
    for field in spec.schema:
        column = table.column(field.name)
        if column.type != field.type:
            try:
                column = pc.cast(column, field.type, safe=True)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
                raise SchemaMismatch(
                    spec.name, field.name, f"expected {field.type}, got {column.type}: {exc}"
                ) from exc
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=spec.schema)


def _check_nullability(spec: TableSpec, table: pa.Table) -> None:
    for field in spec.schema:
        if not field.nullable and table.column(field.name).null_count:
            raise SchemaMismatch(spec.name, field.name, "null in a non-nullable column")


def _dedupe_on_key(spec: TableSpec, table: pa.Table) -> pa.Table:
    if table.num_rows < 2:
        return table
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    unique = frame.unique(subset=list(spec.key), keep="last", maintain_order=True)
    if unique.height != frame.height:
        log.debug("%s: %d rows repeated a key and were collapsed",
                  spec.name, frame.height - unique.height)
        return unique.to_arrow().cast(spec.schema)
    return table
