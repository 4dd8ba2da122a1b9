"""A CLI run killed with SIGKILL takes Prefect's temporary server with it.

Before the guard, `kill -9` of `circularity demo` (or run, backfill, reprocess) left the
temporary Prefect API server (a uvicorn process of about 200 MB) running for good. These tests
start the real CLI in a subprocess with no PREFECT_API_URL (so Prefect starts its temporary
server), wait until that server exists, kill the CLI, and watch the server go.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.server_guard import stop_server

REPO = Path(__file__).resolve().parents[1]
PROC = Path("/proc")

pytestmark = pytest.mark.skipif(not PROC.is_dir(), reason="needs /proc to find the server")


def _children(pid: int) -> list[tuple[int, bytes]]:
    """(pid, command line) of the processes whose parent is `pid`."""
    out = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            out.append((int(entry.name), cmdline))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(predicate, timeout: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _cli_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CIRCULARITY_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # its own database, not the user's
    return env


def test_killing_the_cli_stops_its_temporary_prefect_server(tmp_path: Path) -> None:
    cli = subprocess.Popen(
        [sys.executable, "-m", "flows.command_line", "demo", "--data-dir",
         str(tmp_path / "demo-data")],
        cwd=tmp_path, env={**_cli_env(tmp_path), "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found: dict[bytes, list[int]] = {}
    try:

        def server_guarded() -> bool:
            children = _children(cli.pid)
            for marker in (b"uvicorn", b"flows.server_guard"):
                found[marker] = [p for p, cmd in children if marker in cmd]
            return all(found.values())

        assert _wait_for(server_guarded, 120), "the CLI never started a guarded server"
        [server], [watchdog] = found[b"uvicorn"], found[b"flows.server_guard"]
        time.sleep(1.0)  # let the run get going
        cli.send_signal(signal.SIGKILL)
        cli.wait(timeout=10)
        assert _wait_for(lambda: not _alive(server), 15), "the server outlived the killed CLI"
        assert _wait_for(lambda: not _alive(watchdog), 5)
    finally:
        if cli.poll() is None:
            cli.kill()
        for pid in found.get(b"uvicorn", []):  # never leave a server behind, pass or fail
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_stop_server_leaves_a_process_that_is_not_the_server_alone() -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        stop_server(sleeper.pid, grace=0.1)  # a pid reused by another program: not signalled
        assert sleeper.poll() is None
    finally:
        sleeper.kill()
        sleeper.wait()
