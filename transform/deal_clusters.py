"""Which deal mentions report the same real-world deal: the merge rules, as plain functions.

`transform.normalize` sorts the mentions and hands each (payer, payee, type family) group to
`cluster_group`; this module decides, mention by mention in report order, which earlier
cluster a mention joins. The rules:

1. **Parties.** Only mentions with the same payer and payee can be one deal (direction
   matters: Nvidia -> OpenAI and OpenAI -> Nvidia are two deals).
2. **Type.** Same `deal_type`, or two types of one family when amounts and dates agree:
   the *capacity* family (purchase, lease, compute_contract: a lease of GPU servers is
   reported elsewhere as a purchase of the same systems, a compute contract as a lease). For
   a cross-type join both reports must state an amount, the amounts must agree and the
   reports must be at most `cross_type_days` apart. Every other type is its own family.
3. **Amounts.** Every pair of reports in a cluster must agree (`amounts_agree`): one of them
   states none; or they are within `tolerance` of each other (relative, `about` widens it
   to `about_tolerance`); or a per-year figure times its duration equals a total; or one is
   a ceiling ("up to") and the other a firm part of it (no larger than the ceiling).
4. **Time.** A report joins a cluster when it is at most `window_days` after the cluster's
   latest report, so a deal re-reported months later (and reported again in between) stays
   one deal, while two rounds a year apart are two deals. Undated reports pass this test.
5. **Choice.** Of the clusters a report may join, the one reported last (nearest in time)
   wins; ties go to the smaller anchor id. A report that joins none starts a cluster.

Status follows the news (`deal_status`): reports are read in date order; a rumour becomes an
announcement, anything can be terminated, a terminated deal comes back only when a later
report announces it again, and a rumour never downgrades an announced or terminated deal.

Pure functions, deterministic for a given order of input; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

CAPACITY_TYPES = frozenset({"purchase", "lease", "compute_contract"})

_STATUS_RANK = {"rumored": 0, "announced": 1, "terminated": 2}


def type_family(deal_type: str) -> str:
    """The family a deal type merges within: `capacity` for purchase, lease and compute
    contracts; every other type is its own family."""
    return "capacity" if deal_type in CAPACITY_TYPES else deal_type


@dataclass(frozen=True)
class MergeRules:
    """The tolerances of the merge rules (see the module docstring)."""

    tolerance: float = 0.15
    about_tolerance: float = 0.25
    window_days: float = 180.0
    cross_type_days: float = 90.0


DEFAULT_RULES = MergeRules()


@dataclass(frozen=True)
class Report:
    """What the merge rules need of one mention."""

    mention_id: str
    deal_type: str
    reported_at: datetime | None
    amount_usd: float | None
    amount_qualifier: str | None
    period: str
    duration_years: float | None

    def per_year(self) -> float | None:
        """The figure per year: stated so, or a total over a known duration."""
        if self.amount_usd is None:
            return None
        if self.period == "per_year":
            return self.amount_usd
        if self.duration_years:
            return self.amount_usd / self.duration_years
        return None

    def total(self) -> float | None:
        """The figure over the deal's life: a total, or per year times a known duration."""
        if self.amount_usd is None:
            return None
        if self.period == "per_year":
            return self.amount_usd * self.duration_years if self.duration_years else None
        return self.amount_usd


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def amounts_agree(a: Report, b: Report, rules: MergeRules = DEFAULT_RULES) -> bool:
    """Whether two reports' figures can describe one deal (rule 3 of the module docstring)."""
    if a.amount_usd is None or b.amount_usd is None:
        return True
    loose = "about" in (a.amount_qualifier, b.amount_qualifier)
    tolerance = rules.about_tolerance if loose else rules.tolerance
    pairs = []
    if a.period == b.period:
        pairs.append((a.amount_usd, b.amount_usd))
    for x, y in ((a.total(), b.total()), (a.per_year(), b.per_year())):
        if x is not None and y is not None:
            pairs.append((x, y))
    if any(_close(x, y, tolerance) for x, y in pairs):
        return True
    # A ceiling and a firm part of it ("up to $100B" and "$10B", the first tranche).
    for ceiling, part in ((a, b), (b, a)):
        if ceiling.amount_qualifier == "up_to" and part.amount_qualifier != "up_to":
            top, piece = ceiling.total(), part.total()
            if top is None or piece is None:
                top, piece = ceiling.amount_usd, part.amount_usd
            if 0 < piece <= top * (1 + tolerance):
                return True
    return False


def _days_apart(a: datetime | None, b: datetime | None) -> float | None:
    if a is None or b is None:
        return None
    return abs((a - b).total_seconds()) / 86400.0


@dataclass
class Cluster:
    """Reports merged so far into one deal; `anchor` is its first report's mention id."""

    anchor: str
    reports: list[Report] = field(default_factory=list)
    latest: datetime | None = None

    def add(self, report: Report) -> None:
        """Add a report, keeping the latest report date."""
        self.reports.append(report)
        when = report.reported_at
        if when is not None and (self.latest is None or when > self.latest):
            self.latest = when


def accepts(cluster: Cluster, report: Report, rules: MergeRules = DEFAULT_RULES) -> bool:
    """Whether `report` may join `cluster` (rules 2 to 4 of the module docstring)."""
    if cluster.latest is not None and report.reported_at is not None:
        after = (report.reported_at - cluster.latest).total_seconds() / 86400.0
        if after > rules.window_days:
            return False
    for other in cluster.reports:
        if not amounts_agree(other, report, rules):
            return False
        if other.deal_type != report.deal_type:
            if other.amount_usd is None or report.amount_usd is None:
                return False
            apart = _days_apart(other.reported_at, report.reported_at)
            if apart is not None and apart > rules.cross_type_days:
                return False
    return True


def cluster_group(reports: Sequence[Report], rules: MergeRules = DEFAULT_RULES) -> dict[str, str]:
    """Cluster one (payer, payee, family) group given in report order (date, then mention
    id); returns mention id -> anchor mention id of its cluster."""
    clusters: list[Cluster] = []
    assigned: dict[str, str] = {}
    for report in reports:
        fits = [c for c in clusters if accepts(c, report, rules)]
        if fits:
            best = min(fits, key=lambda c: (_recency_gap(c, report), c.anchor))
        else:
            best = Cluster(anchor=report.mention_id)
            clusters.append(best)
        best.add(report)
        assigned[report.mention_id] = best.anchor
    return assigned


def _recency_gap(cluster: Cluster, report: Report) -> float:
    gap = _days_apart(cluster.latest, report.reported_at)
    return float("inf") if gap is None else gap


def deal_status(reports: Sequence[tuple[datetime | None, str]]) -> str:
    """The deal's status from its reports' (date, status), read in date order (undated first,
    same-day reports in the order rumored, announced, terminated)."""
    ordered = sorted(reports, key=lambda r: (r[0] is not None, r[0] or datetime.min,
                                             _STATUS_RANK.get(r[1], 0)))
    status = "rumored"
    for _, said in ordered:
        if said == "terminated":
            status = "terminated"
        elif said == "announced":
            status = "announced"
        # a rumour after the fact changes nothing
    return status
