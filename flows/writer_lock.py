"""One writer per storage root: a nightly run, a backfill and a reprocess never write at once.

The lock is an operating-system file lock (`filelock`, flock on Unix) on
`<storage root>/.circularity.lock`, held for the whole flow run: it is released when the run
ends, and also when its process is killed, so a crash never leaves a stale lock. A second run
waits up to `CIRCULARITY_LOCK_WAIT_SECONDS` (0: refuse at once) and then fails with a message
that says who holds what. Object-store roots have no such lock: there, the deployments'
concurrency limit and Delta's own commit protocol are the guard (README, "Operations").
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from flows.app_settings import Settings
from flows.runtime import build_lake

log = logging.getLogger(__name__)

LOCK_NAME = ".circularity.lock"


class StorageBusy(RuntimeError):
    """Another run holds the storage root's writer lock."""


@contextmanager
def writer_lock(settings: Settings, flow: str) -> Iterator[None]:
    """Hold the storage root's writer lock for the duration (see the module docstring)."""
    storage = build_lake(settings).storage
    if not storage.local:
        log.info("%s: storage root %s is an object store: no file lock", flow, storage.root)
        yield
        return
    path = Path(storage.root) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, is_singleton=False, thread_local=False)
    wait = settings.lock_wait_seconds
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise StorageBusy(
            f"another circularity run is writing to {storage.root} (lock {path}); {flow} "
            f"waited {wait:g} s. Let it finish, or set CIRCULARITY_LOCK_WAIT_SECONDS to wait "
            "longer.") from None
    log.info("%s: writer lock on %s taken", flow, storage.root)
    try:
        yield
    finally:
        lock.release()
