"""Two runs on one storage root: the second waits or stops with a clear message; the lock dies
with its holder, so a killed run never blocks the next one."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.app_settings import load_settings
from flows.writer_lock import LOCK_NAME, StorageBusy, writer_lock

HOLDER = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1]); lock.acquire()
print("held", flush=True); time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path: Path):
    """Another process holding the storage root's lock (killed at the end)."""
    data = tmp_path / "data"
    data.mkdir()
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(data / LOCK_NAME)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    yield process
    process.kill()
    process.wait()


def test_a_second_writer_is_refused_with_the_reason(holder, tmp_path: Path) -> None:
    settings = load_settings(data_dir=str(tmp_path / "data"), lock_wait_seconds=0.5)
    with pytest.raises(StorageBusy, match="another circularity run is writing to"), \
            writer_lock(settings, "circularity-nightly"):
        pytest.fail("the lock was taken twice")


def test_the_lock_dies_with_a_killed_holder(holder, tmp_path: Path) -> None:
    holder.kill()  # kill -9: no cleanup runs in the holder
    holder.wait()
    settings = load_settings(data_dir=str(tmp_path / "data"), lock_wait_seconds=5)
    started = time.monotonic()
    with writer_lock(settings, "circularity-nightly"):
        assert time.monotonic() - started < 5


@pytest.mark.usefixtures("prefect_harness")
def test_a_flow_run_against_a_held_root_fails_without_writing(holder, monkeypatch,
                                                              tmp_path: Path) -> None:
    from flows.detect_flow import detect
    from load.lake import Lake

    monkeypatch.setenv("CIRCULARITY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StorageBusy):
        detect()
    assert not Lake(str(tmp_path / "data")).exists("runs")  # nothing was written
