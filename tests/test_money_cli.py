"""`circularity detect`, `deals`, `report` and `status` over a real lake (no Prefect)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from flows.command_line import main
from load.lake import Lake
from tests.test_normalize import T0, frames, mention

DAY = timedelta(days=1)


@pytest.fixture
def lake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lake:
    """A lake holding the mentions of a small web: two loops and a loan off any loop."""
    rows = [
        mention("cnbc-1", "nvidia", "openai", "equity_investment", 100e9, qualifier="up_to"),
        mention("post-1", "nvidia", "openai", "equity_investment", 100e9, source="bluesky",
                when=T0 + DAY),
        mention("cnbc-1", "openai", "nvidia", "purchase", None, sentence=1),
        mention("cnbc-2", "microsoft", "openai", "equity_investment", 13e9,
                when=T0 - 300 * DAY),
        mention("cnbc-2", "openai", "microsoft", "compute_contract", 250e9,
                when=T0 - 300 * DAY, sentence=1),
        mention("edgar-1", "blackstone", "coreweave", "loan", 7.5e9, source="edgar",
                when=T0 - 30 * DAY),
        mention("ti-1", "nvidia", "lambda", "lease", 1.5e9, source="the_information",
                status="rumored", when=T0 + 2 * DAY),
        mention("ti-1", "lambda", "nvidia", "purchase", None, source="the_information",
                when=T0 + 2 * DAY, sentence=1),
    ]
    mentions, documents = frames(rows)
    monkeypatch.setenv("CIRCULARITY_DATA_DIR", str(tmp_path / "data"))
    stored = Lake(str(tmp_path / "data"))
    stored.upsert("deal_mentions", mentions)
    stored.upsert("documents", documents)
    return stored


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_detect_rebuilds_the_tables_and_prints_the_loops(
        lake: Lake, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "detect")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and "2 loop(s) in 7 deal(s)" in err
    assert any(line.startswith("nvidia → openai (equity_investment, up to $100B, 2025-09-22)")
               for line in lines)
    assert lake.read("deals").height == 7 and lake.read("cycles").height == 2
    versions = (lake.version("deals"), lake.version("cycles"))
    code, out_again, _ = run(capsys, "detect")
    assert out_again == out and (lake.version("deals"), lake.version("cycles")) == versions

    code, out, _ = run(capsys, "detect", "--include-rumored", "--format", "json")
    loops = [json.loads(line) for line in out.splitlines()]
    assert {tuple(loop["entity_ids"]) for loop in loops} == {
        ("nvidia", "openai"), ("microsoft", "openai"), ("nvidia", "lambda")}  # story order
    nvidia = next(loop for loop in loops if loop["entity_ids"] == ["nvidia", "openai"])
    equity = nvidia["hops"][0]["deals"][0]
    assert (equity["n_documents"], equity["n_sources"]) == (2, 2)
    assert equity["source_urls"] == ["https://example.test/cnbc-1",
                                     "https://example.test/post-1"]
    # The table keeps the last detection's loops: the rumored lease is in it now.
    assert lake.read("cycles").height == 3
    code, out, _ = run(capsys, "detect", "--since", "2025-01-01")
    assert [line.split(" →")[0] for line in out.splitlines()] == ["nvidia"]


def test_deals_lists_newest_first_and_filters(lake: Lake,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "deals")[0] == 2  # not built yet: says how
    run(capsys, "detect")
    code, out, err = run(capsys, "deals")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 7 and err.strip() == "7 deal(s)"
    assert lines[0] == ("2025-09-24  nvidia → lambda  lease  $1.5B  rumored  1 doc(s), "
                        "1 source(s): the_information")
    assert lines[-1].startswith("2024-11-26  microsoft → openai")
    _, out, _ = run(capsys, "deals", "--entity", "Microsoft", "--format", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {(r["payer_id"], r["payee_id"]) for r in rows} == {("microsoft", "openai"),
                                                             ("openai", "microsoft")}
    _, out, _ = run(capsys, "deals", "--since", "2025-09-23")
    assert len(out.splitlines()) == 3  # the Bluesky re-report keeps the investment current
    with pytest.raises(SystemExit) as bad:
        main(["deals", "--since", "yesterday"])
    assert bad.value.code == 2 and "not a date" in capsys.readouterr().err


def test_report_and_status(lake: Lake, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "detect")
    target = tmp_path / "out" / "web.html"
    target.parent.mkdir()
    code, out, _ = run(capsys, "report", "-o", str(target))
    assert code == 0 and str(target) in out and "2 loop(s)" in out
    page = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    assert page.find("svg") is not None
    assert len(page.select("[id^=loop-]")) == 2
    code, out, _ = run(capsys, "status")
    rows = dict(re.findall(r"^\s+(\w+)\s+(\d+) rows", out, re.MULTILINE))
    assert code == 0 and rows["deals"] == "7" and rows["cycles"] == "2"
