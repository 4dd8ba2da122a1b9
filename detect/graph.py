"""The money-flow multigraph: entities as nodes, deals as directed edges payer -> payee.

`MoneyGraph` keeps every deal (several deals between the same two entities are kept apart, a
multigraph) and, for the loop search, a compact integer view of the same graph: entity ids
sorted as strings get indices 0..n-1, and each node has sorted lists of its distinct successor
and predecessor indices. Sorting by id makes the indexing, and everything derived from it,
independent of the order the deals arrive in.

Pure data structure: no I/O, no settings; the caller passes the filters.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_STATUSES: frozenset[str] = frozenset({"announced"})

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def as_utc(value: datetime | None) -> datetime | None:
    """The datetime in UTC; a naive datetime is taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_micros(value: datetime) -> int:
    """Exact microseconds since 1970-01-01 UTC (integers, so ties compare exactly)."""
    moment = as_utc(value)
    assert moment is not None
    return (moment - _EPOCH) // _MICROSECOND


@dataclass(frozen=True)
class Flow:
    """One deal seen as an edge of the money graph: money goes from `payer_id` to `payee_id`.

    `reported_at` is when the deal was first reported (UTC; None when unknown), `confidence`
    how sure the pipeline is of the deal (0..1), `amount_usd` None when no figure is stated.
    """

    deal_id: str
    payer_id: str
    payee_id: str
    deal_type: str
    amount_usd: float | None
    reported_at: datetime | None
    status: str
    confidence: float

    @classmethod
    def from_deal_row(cls, row: Mapping[str, Any], confidence: float | None = None) -> Flow:
        """A flow from one row of the `deals` table (a mapping of column -> value).

        The date is `first_reported_at` (when the money flow became public). The `deals`
        table has no confidence column: `confidence` wins, then a `confidence` key of the row,
        then 1.0.
        """
        if confidence is None:
            confidence = row.get("confidence")
        amount = row.get("amount_usd")
        return cls(
            deal_id=str(row["deal_id"]),
            payer_id=str(row["payer_id"]),
            payee_id=str(row["payee_id"]),
            deal_type=str(row["deal_type"]),
            amount_usd=None if amount is None else float(amount),
            reported_at=as_utc(row.get("first_reported_at")),
            status=str(row["status"]),
            confidence=1.0 if confidence is None else float(confidence),
        )


class MoneyGraph:
    """Directed multigraph of money flows between entities, with an integer view for search.

    Attributes (read-only by convention):

    - `ids`: entity ids, sorted; `index[id]` is the position of an id in `ids`.
    - `succ[u]` / `pred[u]`: sorted lists of the distinct indices u pays / is paid by.
    - `n_flows`: number of deals kept.

    Self-deals (payer == payee) are dropped: a loop needs two entities or more.
    """

    def __init__(
        self,
        flows: Iterable[Flow],
        statuses: Iterable[str] | None = DEFAULT_STATUSES,
        min_confidence: float = 0.0,
    ) -> None:
        """Build the graph from deals.

        `statuses`: the deal statuses kept (default only `announced`; None keeps every
        status). `min_confidence`: deals below this confidence are dropped. A deal id seen
        twice keeps its first flow.
        """
        wanted = None if statuses is None else frozenset(statuses)
        by_edge: dict[tuple[str, str], list[Flow]] = {}
        seen: set[str] = set()
        latest: datetime | None = None
        dropped = {"status": 0, "confidence": 0, "self": 0, "duplicate": 0}
        for flow in flows:
            if wanted is not None and flow.status not in wanted:
                dropped["status"] += 1
                continue
            if flow.confidence < min_confidence:
                dropped["confidence"] += 1
                continue
            if flow.payer_id == flow.payee_id:
                dropped["self"] += 1
                continue
            if flow.deal_id in seen:
                dropped["duplicate"] += 1
                continue
            seen.add(flow.deal_id)
            if flow.reported_at is not None:
                moment = as_utc(flow.reported_at)
                latest = moment if latest is None or moment > latest else latest
            by_edge.setdefault((flow.payer_id, flow.payee_id), []).append(flow)

        ids = sorted({entity for edge in by_edge for entity in edge})
        index = {entity: i for i, entity in enumerate(ids)}
        n = len(ids)
        succ: list[list[int]] = [[] for _ in range(n)]
        pred: list[list[int]] = [[] for _ in range(n)]
        edge_flows: dict[tuple[int, int], tuple[Flow, ...]] = {}
        for (payer, payee), group in by_edge.items():
            u, v = index[payer], index[payee]
            succ[u].append(v)
            pred[v].append(u)
            edge_flows[(u, v)] = tuple(sorted(group, key=lambda f: f.deal_id))
        for lists in (succ, pred):
            for adjacency in lists:
                adjacency.sort()

        self.ids: tuple[str, ...] = tuple(ids)
        self.index: dict[str, int] = index
        self.succ: list[list[int]] = succ
        self.pred: list[list[int]] = pred
        self._edge_flows = edge_flows
        self.n_flows: int = len(seen)
        self._dates: list[dict[int, tuple[int, ...]]] | None = None
        self._latest = latest
        if any(dropped.values()):
            log.debug("money graph: dropped deals %s", dropped)
        log.debug("money graph: %d entities, %d edges, %d deals", n, len(edge_flows),
                  self.n_flows)

    @property
    def n_nodes(self) -> int:
        """Number of entities (those with at least one kept deal)."""
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        """Number of distinct (payer, payee) pairs."""
        return len(self._edge_flows)

    def edges(self) -> list[tuple[int, int]]:
        """The distinct (payer index, payee index) pairs, sorted."""
        return sorted(self._edge_flows)

    def has_edge(self, payer_id: str, payee_id: str) -> bool:
        """Whether at least one kept deal goes from payer to payee."""
        u, v = self.index.get(payer_id), self.index.get(payee_id)
        return u is not None and v is not None and (u, v) in self._edge_flows

    def flows_between(self, u: int, v: int) -> tuple[Flow, ...]:
        """The deals from index u to index v, sorted by deal_id (empty when none)."""
        return self._edge_flows.get((u, v), ())

    def flows(self) -> list[Flow]:
        """Every kept deal, by (payer, payee) indices then deal_id."""
        return [f for edge in sorted(self._edge_flows) for f in self._edge_flows[edge]]

    def dated_successors(self) -> list[dict[int, tuple[int, ...]]]:
        """Per node u: {v: sorted distinct dates (microseconds, UTC) of the u -> v deals that
        have a date}. Edges with no dated deal are left out. Computed once, then cached."""
        if self._dates is None:
            dates: list[dict[int, tuple[int, ...]]] = [{} for _ in self.ids]
            for (u, v), group in self._edge_flows.items():
                stamps = {to_micros(f.reported_at) for f in group if f.reported_at is not None}
                if stamps:
                    dates[u][v] = tuple(sorted(stamps))
            self._dates = dates
        return self._dates

    def latest_date(self) -> datetime | None:
        """The latest reported_at over the kept deals (None when no deal has a date)."""
        return self._latest
