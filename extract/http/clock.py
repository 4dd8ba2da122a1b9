"""The time source of the HTTP client's waits: rate-limit slots, Retry-After, backoff, robots TTL.

The client never calls `time` directly, so tests inject a virtual clock and check the pacing
exactly (which slot each request got, how long a Retry-After was waited) without wall-clock
bounds that a busy machine can miss.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Monotonic seconds and waiting on them."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        ...

    def sleep_until(self, deadline: float) -> None:
        """Return once `monotonic()` has reached `deadline` (at once when it has)."""
        ...


class SystemClock:
    """The real clock: `time.monotonic` and `time.sleep`."""

    def monotonic(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()

    def sleep_until(self, deadline: float) -> None:
        """Sleep for what is left until `deadline`."""
        remaining = deadline - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)


SYSTEM_CLOCK = SystemClock()
