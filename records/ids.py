"""Deterministic identifiers: the same natural key always gives the same id, so retries and
overlapping backfills never add a row twice."""

from __future__ import annotations

import hashlib

_SEPARATOR = "\x1f"  # unit separator: cannot appear in URLs or names, so parts never run together


def stable_id(*parts: object, length: int = 32) -> str:
    """Hex id (default 128 bits) hashed from the parts of a natural key, in order.

    None becomes the empty string; everything else its `str()`.
    """
    joined = _SEPARATOR.join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]
