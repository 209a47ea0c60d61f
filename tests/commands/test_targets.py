"""--uit never replaces a file that is not what the command writes, unless --overschrijven."""

import json
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.commands.targets import kind, same_kind

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "regions" / "lekstroom" / "casussen" / "lichte_ib.json"
OTHER_CASE = REPO / "regions" / "lekstroom" / "casussen" / "matrix_022A1.json"
VARIANT = REPO / "regions" / "lekstroom" / "varianten" / "omvang_1-3_4-6.wmo"
FOREIGN = "Beste mevrouw Jansen,\n\nHierbij mijn aantekeningen van het gesprek.\n"


def batch(tmp_path) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "antwoorden": {"resultaatgebieden": []}}) + "\n")
    return str(path)


# Each command with --uit, as (first run, second run onto the same file): the second is of the same kind.
COMMANDS = {
    "beoordeel-tekst": (["beoordeel", str(CASE)], ["beoordeel", str(OTHER_CASE)], "uit.txt"),
    "beoordeel-json": (["beoordeel", str(CASE), "--formaat", "json"], ["beoordeel", str(OTHER_CASE), "--formaat", "json"], "uit.json"),
    "besluit": (["beoordeel", str(CASE), "--formaat", "besluit"], ["beoordeel", str(OTHER_CASE), "--formaat", "besluit"], "b.html"),
    "batch-jsonl": (["beoordeel", "--regio", "lekstroom", "{batch}"], ["beoordeel", "--regio", "lekstroom", "{batch}"], "r.jsonl"),
    "batch-csv": (["beoordeel", "--regio", "lekstroom", "{batch}"], ["beoordeel", "--regio", "lekstroom", "{batch}"], "r.csv"),
    "vergelijk": (["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), "{batch}", "--formaat", "markdown"],
                  ["vergelijk", "--regio", "lekstroom", "--variant", str(VARIANT), "{batch}", "--formaat", "markdown"], "v.md"),
    "genereer": (["genereer", "--regio", "lekstroom", "--aantal", "2"], ["genereer", "--regio", "lekstroom", "--aantal", "3", "--zaad", "1"], "p.jsonl"),
    "toon": (["toon", "--regio", "lekstroom"], ["toon", "--regio", "leiden"], "regels.md"),
    "toon-html": (["toon", "--regio", "lekstroom", "--formaat", "html"], ["toon", "--regio", "leiden", "--formaat", "html"], "regels.html"),
}


def args(template, tmp_path, uit, *extra):
    return [a.format(batch=batch(tmp_path)) for a in template] + ["--uit", str(uit), *extra]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_foreign_file_is_refused_and_left_as_it_was(tmp_path, capsys, name):
    first, _, filename = COMMANDS[name]
    uit = tmp_path / filename
    uit.write_text(FOREIGN)
    assert main(args(first, tmp_path, uit)) == 2
    err = capsys.readouterr().err
    assert "bestaat al en lijkt niet op wat deze opdracht schrijft; er is niets geschreven" in err and "--overschrijven" in err
    assert uit.read_text() == FOREIGN
    assert main(args(first, tmp_path, uit, "--overschrijven")) == 0
    assert uit.read_text() != FOREIGN


@pytest.mark.parametrize("name", COMMANDS)
def test_the_commands_own_earlier_output_is_replaced_without_asking(tmp_path, capsys, name):
    first, second, filename = COMMANDS[name]
    uit = tmp_path / filename
    assert main(args(first, tmp_path, uit)) == 0
    before = uit.stat().st_ino
    assert main(args(second, tmp_path, uit)) == 0, capsys.readouterr().err
    assert uit.stat().st_ino != before  # a new file was renamed over the old one


def test_a_case_file_is_never_replaced_by_its_own_result(tmp_path, capsys):
    case = tmp_path / "casus.json"
    case.write_text(CASE.read_text())
    assert main(["beoordeel", str(case), "--formaat", "json", "--uit", str(case)]) == 2
    assert case.read_text() == CASE.read_text()


def test_the_cases_of_a_batch_are_never_replaced_by_its_results(tmp_path, capsys):
    cases = batch(tmp_path)
    before = Path(cases).read_text()
    assert main(["beoordeel", "--regio", "lekstroom", cases, "--uit", cases]) == 2
    assert Path(cases).read_text() == before


def test_an_empty_or_binary_file(tmp_path, capsys):
    uit = tmp_path / "regels.md"
    uit.touch()
    assert main(["toon", "--regio", "lekstroom", "--uit", str(uit)]) == 0
    uit.write_bytes(b"# Regio Lekstroom\x00\x01")
    assert main(["toon", "--regio", "lekstroom", "--uit", str(uit)]) == 2


@pytest.mark.parametrize("old, new, same", [
    ("Regio Lekstroom: Indicatie\n====\n", "# Regio Lekstroom: Geen indicatie\n", True),
    ("# Regio Lekstroom: de regels\n", "# Gemeente Leiden: de regels\n", True),
    ("Beste mevrouw,\n", "Regio Lekstroom: Indicatie\n", False),
    ("Notities: gesprek\n", "Regio Lekstroom: Indicatie\n", False),
    ('{\n  "regio": "r",\n  "peildatum": "2025-01-01",\n  "antwoorden": {}\n}',
     '{\n  "regio": "r",\n  "regelversie": "1",\n  "peildatum": "2025-01-01"\n}', False),
    ('{"id": 1, "antwoorden": {}}\n', '{"regel": 1, "id": 1}\n', False),
    ('{"id": "g1", "antwoorden": {"a": 1}}\n', '{"id": 1, "antwoorden": {}}\n', True),
    ("regel,id,uitkomst\n1,2,3\n", "regel,id,uitkomst\n", True),
    ("<!DOCTYPE html>\n<title>Mijn site</title>", '<!DOCTYPE html>\n<meta name="generator" content="wmo toon">', False),
])
def test_kinds_tell_reports_from_letters_and_cases(old, new, same):
    assert same_kind(kind(old), kind(new)) is same
