"""`circularity extract`: JSON Lines in, one JSON line per deal out; no Prefect, no network."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

LINES = [
    {"id": "a", "text": "Nvidia will invest up to $100 billion in OpenAI.", "lang": "en"},
    {"id": "b", "text": "Microsoft versera jusqu'à 19,4 milliards de dollars à Nebius.",
     "lang": "fr", "published_at": "2025-09-08T12:00:00Z"},
    {"id": "c", "text": "Nvidia's market value topped $5 trillion."},
]
FIELDS = {"doc_id", "payer", "payee", "deal_type", "amount_usd", "amount_qualifier", "period",
          "duration_years", "status", "evidence"}


def run_cli(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    probe = ("import sys, runpy; sys.argv = ['circularity', *sys.argv[1:]];"
             "from flows.command_line import main; code = main(sys.argv[1:]);"
             "assert 'prefect' not in sys.modules, 'extract imported Prefect';"
             "sys.exit(code)")
    return subprocess.run([sys.executable, "-c", probe, *args], input=stdin, text=True,
                          capture_output=True, cwd=REPO, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_stdin_to_stdout_one_line_per_deal() -> None:
    result = run_cli(["extract"], "\n".join(json.dumps(line) for line in LINES))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(o["doc_id"], o["payer"], o["payee"], o["deal_type"]) for o in out} == {
        ("a", "Nvidia", "OpenAI", "equity_investment"),
        ("b", "Microsoft", "Nebius", "compute_contract"),
    }
    assert all(FIELDS <= set(o) for o in out)
    nebius = next(o for o in out if o["doc_id"] == "b")
    assert (nebius["amount_usd"], nebius["amount_qualifier"]) == (19.4e9, "up_to")


def test_files_in_and_out(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in LINES), encoding="utf-8")
    result = run_cli(["extract", "-i", str(source), "-o", str(target)])
    assert result.returncode == 0 and result.stdout == ""
    assert len(target.read_text().splitlines()) == 2


def test_bad_lines_are_reported_and_the_rest_still_extracted() -> None:
    stdin = "not json\n" + json.dumps({"text": "no id"}) + "\n" + json.dumps(LINES[0]) + "\n"
    result = run_cli(["extract"], stdin)
    assert result.returncode == 1
    assert "line 1: skipped" in result.stderr and "line 2: skipped" in result.stderr
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a"]


def test_bad_lines_are_reported_and_the_rest_kept_from_a_file_and_from_stdin(
        tmp_path, monkeypatch, capsys) -> None:
    import io
    import json as json_

    from flows.command_line import main as cli

    good = json_.dumps({"id": "g", "text": "Nvidia will invest $5 billion in Intel."})
    lines = (good.encode() + b"\n" + b'{"id": "x", "text": "caf\xe9"}\n'
             + json_.dumps({"id": "l", "text": "x", "lang": 7}).encode() + b"\n"
             + good.replace('"g"', '"h"').encode() + b"\n")
    path = tmp_path / "in.jsonl"
    path.write_bytes(lines)
    for argv, stdin in ((["extract", "-i", str(path)], None), (["extract"], lines)):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        assert cli(argv) == 1
        out, err = capsys.readouterr()
        assert [json_.loads(x)["doc_id"] for x in out.splitlines()] == ["g", "h"]
        assert "line 2: skipped: not UTF-8 (byte 0xe9 at column 25)" in err
        assert 'line 3: skipped: "lang" must be a language code' in err
