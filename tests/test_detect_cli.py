"""`circularity detect --from-mentions`: the loops stated in texts, offline, from `extract`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.command_line import main

TEXTS = [
    {"id": "a", "text": "Nvidia will invest up to $100 billion in OpenAI, which will deploy "
                        "10 gigawatts of Nvidia systems."},
    {"id": "b", "text": "Microsoft has invested $13 billion in OpenAI. OpenAI will buy $250 "
                        "billion of Azure services from Microsoft."},
    {"id": "c", "text": "Nvidia is in talks to invest $2 billion in Lambda. Lambda has bought "
                        "thousands of Nvidia GPUs."},
]


def _loops(tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> list[dict]:
    texts, mentions = tmp_path / "texts.jsonl", tmp_path / "mentions.jsonl"
    texts.write_text("".join(json.dumps(t) + "\n" for t in TEXTS), encoding="utf-8")
    assert main(["extract", "-i", str(texts), "-o", str(mentions)]) == 0
    capsys.readouterr()
    assert main(["detect", "--from-mentions", str(mentions), "--format", "json", *flags]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_loops_of_the_texts_with_their_evidence(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    loops = _loops(tmp_path, capsys)
    assert {tuple(loop["entity_ids"]) for loop in loops} == {
        ("microsoft", "openai"), ("nvidia", "openai")}
    nvidia = next(loop for loop in loops if loop["entity_ids"] == ["nvidia", "openai"])
    assert nvidia["entities"] == ["Nvidia", "OpenAI"] and nvidia["length"] == 2
    first, back = nvidia["hops"]
    assert (first["payer_id"], first["payee_id"], first["deals"][0]["deal_type"]) == (
        "nvidia", "openai", "equity_investment")
    assert first["deals"][0]["amount_usd"] == 100e9
    assert (back["payer_id"], back["deals"][0]["deal_type"]) == ("openai", "purchase")
    assert "Nvidia will invest up to $100 billion" in first["deals"][0]["evidence"]
    assert first["payer"] == "Nvidia" and first["payee"] == "OpenAI"
    assert nvidia["cycle_id"] and isinstance(nvidia["score"], float)


def test_rumored_deals_close_loops_only_when_asked(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    plain = {tuple(loop["entity_ids"]) for loop in _loops(tmp_path, capsys)}
    wider = {tuple(loop["entity_ids"]) for loop in _loops(tmp_path, capsys, "--include-rumored")}
    assert ("nvidia", "lambda") not in plain and ("nvidia", "lambda") in wider


def test_without_stored_mentions_it_says_what_to_give(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CIRCULARITY_DATA_DIR", str(tmp_path / "empty"))
    assert main(["detect"]) == 2
    assert "--from-mentions" in capsys.readouterr().err


def test_dates_of_the_texts_travel_to_time_ordered_loops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`extract` carries each text's `published_at` on its deal lines, so `--time-ordered`
    keeps the loop whose hops were reported in money order (from some hop) and drops the one
    that would need two steps back in time."""
    texts, mentions = tmp_path / "texts.jsonl", tmp_path / "mentions.jsonl"
    lines = [  # in order: Nvidia -> Kestrel AI -> Oracle -> Nvidia
        ("2025-09-22", "Nvidia will invest $5 billion in Kestrel AI."),
        ("2025-10-01", "Kestrel AI will pay Oracle $3 billion for cloud capacity."),
        ("2025-10-05", "Oracle will buy $2 billion of Nvidia chips."),
        # out of order: Microsoft -> Halden Cloud (Jan) -> Dell (Mar) -> Microsoft (Feb)
        ("2025-01-10", "Microsoft will invest $1 billion in Halden Cloud."),
        ("2025-03-10", "Halden Cloud will buy $400 million of Dell servers."),
        ("2025-02-10", "Dell will pay Microsoft $300 million for Azure capacity."),
    ]
    texts.write_text("".join(json.dumps({"id": f"t{i}", "published_at": day, "text": text})
                             + "\n" for i, (day, text) in enumerate(lines)), encoding="utf-8")
    assert main(["extract", "-i", str(texts), "-o", str(mentions)]) == 0
    capsys.readouterr()
    assert main(["detect", "--from-mentions", str(mentions), "--format", "json"]) == 0
    every = {tuple(loop["entities"]) for loop in map(json.loads,
                                                    capsys.readouterr().out.splitlines())}
    assert main(["detect", "--from-mentions", str(mentions), "--format", "json",
                 "--time-ordered"]) == 0
    ordered = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(every) == 2
    assert [tuple(loop["entities"]) for loop in ordered] == [("Nvidia", "Kestrel AI", "Oracle")]
    assert ordered[0]["time_ordered"] is True


def test_an_unreadable_file_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", "--from-mentions", "/no/such/file.jsonl"]) == 2
    assert "cannot read /no/such/file.jsonl" in capsys.readouterr().err
