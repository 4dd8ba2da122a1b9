"""A virtual clock for the HTTP client: waits return at once and move virtual time instead.

Pacing is then checked exactly (each rate slot, each Retry-After) and does not depend on how
busy the machine is. Thread-safe: with several threads waiting, virtual time is the latest
deadline any of them has reached, as it would be on a real clock.
"""

from __future__ import annotations

import threading


class VirtualClock:
    """`monotonic()` is virtual time; `sleep_until(t)` records `t` and moves time to it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.deadlines: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        """The virtual time."""
        with self._lock:
            return self.now

    def sleep_until(self, deadline: float) -> None:
        """Record the wait and advance virtual time to `deadline` (never backwards)."""
        with self._lock:
            self.deadlines.append(deadline)
            self.now = max(self.now, deadline)

    def waits(self) -> list[float]:
        """The deadlines waited for, in the order they were asked."""
        with self._lock:
            return list(self.deadlines)
