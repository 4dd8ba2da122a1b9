"""The nightly flow end to end: idempotent reruns, crash safety, secrets, CLI without network."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable
from pytest_httpserver import HTTPServer

from flows.app_settings import load_settings
from flows.command_line import main as cli_main
from flows.nightly_flow import nightly
from flows.runtime import build_lake
from load.lake import Lake
from load.schemas import TABLES
from tests.conftest import REPO
from tests.flow_env import apply_env, flow_env
from tests.sites import Article, serve_site

pytestmark = pytest.mark.usefixtures("prefect_harness")

ARTICLES = [
    Article(f"deal-{i}", f"Deal story {i}: Nvidia invests ${i} billion in OpenAI",
            datetime(2025, 9, 20 + i, 12, tzinfo=UTC),
            [f"Nvidia will invest ${i} billion in OpenAI.", "OpenAI will buy Nvidia chips."])
    for i in range(1, 5)
]
# Listed in the feed, never served: a permanent 404 that must stay quarantined, not refetched.
MISSING = Article("gone", "A story that was taken down", datetime(2025, 9, 19, tzinfo=UTC),
                  ["-"])


@pytest.fixture
def site(loopback_server: HTTPServer) -> HTTPServer:
    """The loopback server standing in for the source."""
    return loopback_server


def lake_at(tmp_path: Path) -> Lake:
    return build_lake(load_settings(data_dir=str(tmp_path / "data")))


def snapshot(lake: Lake, names: list[str]) -> dict[str, tuple[int | None, list[dict]]]:
    """Version and sorted rows of each table."""
    out = {}
    for name in names:
        frame = lake.read(name)
        out[name] = (lake.version(name), frame.sort(list(TABLES[name].key)).to_dicts())
    return out


def test_rerun_on_the_same_feed_leaves_identical_tables(site, monkeypatch, tmp_path) -> None:
    feeds = serve_site(site, ARTICLES, feeds={"technology": [*ARTICLES, MISSING]})
    site.expect_request(MISSING.path).respond_with_data("not found", status=404)
    apply_env(monkeypatch, tmp_path, flow_env(tmp_path, feeds))
    first = nightly()
    lake = lake_at(tmp_path)
    # Every table but `runs` (the run history, one row per run by design).
    data_tables = [name for name in TABLES if name != "runs"]
    assert len(data_tables) == 7
    before = snapshot(lake, data_tables)
    assert len(before["documents"][1]) == len(ARTICLES)
    # Four rounds of different sizes over four days are four deals; the chips bought back
    # (no amount) are one deal; every round closes a loop with it.
    assert first["deals"] == 5 and first["loops"] == 1
    loop = before["cycles"][1][0]
    assert loop["entity_names"] == ["Nvidia", "OpenAI"] and len(loop["deal_ids"]) == 5
    assert before["quarantine"][1][0]["error_class"] == "HttpStatusError"
    requests_before = len(site.log)

    second = nightly()
    assert snapshot(lake, data_tables) == before  # no commit at all: same versions, same rows
    # Only robots.txt and the feed were requested again: known and failed URLs are skipped.
    again = [entry[0].path for entry in site.log[requests_before:]]
    assert sorted(set(again)) == ["/robots.txt", "/rss/technology.xml"]
    runs = lake.read("runs").sort("started_at")
    assert runs["run_id"].to_list() == [first["run_id"], second["run_id"]]
    assert runs["status"].to_list() == ["partial", "ok"]
    assert (second["deals"], second["loops"]) == (5, 1)
    assert (second["deals_changed"], second["loops_changed"]) == (0, 0)
    assert runs["deals"].to_list() == [5, 5] and runs["loops"].to_list() == [1, 1]
    exported = pl.read_parquet(tmp_path / "data" / "exports" / "deals.parquet")
    assert exported.sort("deal_id").equals(lake.read("deals").sort("deal_id"))


@pytest.mark.parametrize("point", ["documents", "raw"])
def test_sigkill_during_a_write_leaves_tables_readable_and_next_run_completes(
    site, monkeypatch, tmp_path, point
) -> None:
    from prefect.settings import PREFECT_API_URL

    feeds = serve_site(site, ARTICLES)
    env = flow_env(tmp_path, feeds)
    apply_env(monkeypatch, tmp_path, env)
    signal_file = tmp_path / "frozen"
    child_env = {**os.environ, **env, "PREFECT_API_URL": str(PREFECT_API_URL.value()),
                 "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_runner", str(signal_file), point],
        cwd=REPO, env=child_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not signal_file.exists():
        if child.poll() is not None:
            pytest.fail(f"runner exited early: {child.stderr.read().decode()[-2000:]}")
        assert time.monotonic() < deadline, "runner never reached the write"
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    lake = lake_at(tmp_path)
    for name in TABLES:  # every table that exists is readable, by delta-rs and Polars
        if lake.exists(name):
            DeltaTable(lake.table_uri(name)).to_pyarrow_table()
            pl.scan_delta(lake.table_uri(name)).collect()
    assert lake.read("documents").is_empty()
    assert lake.read("runs")["status"].to_list() == ["running"]

    summary = nightly()
    assert summary["status"] == "ok"
    documents = lake.read("documents")
    assert documents.height == len(ARTICLES) and documents["doc_id"].n_unique() == len(ARTICLES)
    raw = lake.read("raw_documents")
    assert raw.height == len(ARTICLES) and raw["raw_id"].n_unique() == len(ARTICLES)
    # The next run (holding the writer lock) closed the killed run's row as interrupted.
    assert sorted(lake.read("runs")["status"].to_list()) == ["interrupted", "ok"]


def test_secrets_appear_in_no_log_and_no_table(site, monkeypatch, tmp_path, caplog) -> None:
    email, cookie = "secret-contact-4711@example.org", "ti-session-cookie-0815"
    feeds = serve_site(site, ARTICLES[:2])
    apply_env(monkeypatch, tmp_path, flow_env(
        tmp_path, feeds, CIRCULARITY_HTTP__CONTACT_EMAIL=email,
        CIRCULARITY_THE_INFORMATION__SESSION_COOKIE=cookie,
    ))
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep(level=logging.DEBUG)
    watched = [logging.getLogger(), logging.getLogger("prefect")]
    for logger in watched:
        logger.addHandler(keep)
    old_levels = [logger.level for logger in watched]
    for logger in watched:
        logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG):
            nightly()
    finally:
        for logger, level in zip(watched, old_levels, strict=True):
            logger.removeHandler(keep)
            logger.setLevel(level)
    # The e-mail was really used: the server saw it in the User-Agent.
    assert any(email in (entry[0].headers.get("User-Agent") or "") for entry in site.log)
    formatter = logging.Formatter("%(message)s")
    logged = "\n".join(formatter.format(r) for r in records) + caplog.text
    assert len(records) > 10  # the run did log (so the check below means something)
    assert email not in logged and cookie not in logged
    lake = lake_at(tmp_path)
    for name in TABLES:
        if lake.exists(name):
            dumped = json.dumps(lake.read(name).to_dicts(), default=str)
            assert email not in dumped and cookie not in dumped, name


def test_cli_run_without_network_fails_cleanly_and_status_still_works(tmp_path) -> None:
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        **flow_env(tmp_path, ["http://127.0.0.1:9/rss/technology.xml"]),  # nothing listens
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "PYTHONPATH": str(REPO),
    }
    workdir = tmp_path / "work"
    workdir.mkdir()
    cli = [sys.executable, "-m", "flows.command_line"]
    run = subprocess.run([*cli, "run"], cwd=workdir, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 1, run.stderr[-3000:]
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr
    failed = [line for line in run.stdout.splitlines() if "FAILED" in line]
    # No source reachable: said at once, without starting a flow run.
    assert len(failed) == 1 and failed[0].startswith("cnbc: FAILED: unreachable: 127.0.0.1:9")
    status = subprocess.run([*cli, "status"], cwd=workdir, env=env, capture_output=True,
                            text=True, timeout=120)
    assert status.returncode == 0, status.stderr
    assert "runs" in status.stdout and "failed" in status.stdout
    assert "refuses connections" in status.stdout


def test_cli_run_on_a_temporary_prefect_server_prints_no_traceback(tmp_path,
                                                                   loopback_server) -> None:
    """The fresh-machine path: no PREFECT_API_URL, so the CLI starts Prefect's local server.

    With Prefect's telemetry service on, its start races the server's SQLite database and
    printed "database is locked" tracebacks in 3 of 5 runs here; the CLI turns it off. The
    feed's host answers (404), so the run does start Prefect; the terminal shows only the
    summary and the log file has the rest.
    """
    loopback_server.expect_request("/rss/technology.xml").respond_with_data("gone", status=404)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PREFECT_", "CIRCULARITY_"))}
    env.update(flow_env(tmp_path, [loopback_server.url_for("/rss/technology.xml")]))
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PYTHONPATH=str(REPO))
    workdir = tmp_path / "work"
    workdir.mkdir()
    run = subprocess.run([sys.executable, "-m", "flows.command_line", "run"], cwd=workdir,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr[-3000:]
    log = (tmp_path / "data" / "logs" / "circularity.log").read_text()
    assert "Starting temporary server" in log  # the path under test was taken
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.stderr == ""  # the log went to the file
    failed = [line for line in run.stdout.splitlines() if "FAILED" in line]
    assert len(failed) == 1 and failed[0].startswith("cnbc: FAILED: SourceUnavailable")
    assert "(check: " in failed[0]


def test_cli_parse_prints_the_expected_article(shared_real, capsys) -> None:
    page = shared_real / "cnbc" / "cnbc_2023_04_28.html.gz"
    expected = json.loads((shared_real / "cnbc" / "cnbc_2023_04_28.expected.json").read_text())
    expected = next(iter(expected.values()))
    assert cli_main(["parse", "--source", "cnbc", str(page)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    document = json.loads(line)
    assert document["title"] == expected["title"]
    assert document["authors"] == expected["authors"]
    assert datetime.fromisoformat(document["published_at"]) == datetime.fromisoformat(
        expected["publishing_date"])
    paragraphs = [p for section in expected["body"]["sections"] for p in section["paragraphs"]]
    text = " ".join(document["text"].split())
    position = 0
    for paragraph in paragraphs:
        found = text.find(" ".join(paragraph.split()), position)
        assert found >= 0, paragraph
        position = found
