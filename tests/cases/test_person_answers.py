"""Answers about persons in case files, batches (JSON lines and CSV columns) and generated populations."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cli import main
from wmo_dsl.errors import CasusFout
from wmo_dsl.semantics.pipeline import load_rules

RULES = Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo"


@pytest.fixture(scope="module")
def model():
    return load_rules(RULES).model


def test_a_list_of_person_objects_gives_the_count_and_each_given_field(model):
    given = convert_answers(model, {"huisgenoten": [{"leeftijd": 40, "beperkt": False}, {"leeftijd": 12}]})
    assert given == {"huisgenoten": Decimal(2), "huisgenoten[1].leeftijd": Decimal(40), "huisgenoten[1].beperkt": False,
                     "huisgenoten[2].leeftijd": Decimal(12)}


def test_a_whole_number_gives_the_count_with_every_field_open(model):
    assert convert_answers(model, {"huisgenoten": 3}) == {"huisgenoten": Decimal(3)}


@pytest.mark.parametrize("value, message", [
    ([{}] * 9, "heeft 9 personen; hoogstens 8"),
    ([{"leeftjd": 40}], "persoon 1 heeft geen vraag 'leeftjd'; bedoelde u 'leeftijd'?"),
    (["40"], "persoon 1 is geen object"),
    ([{"leeftijd": 12.5}], "12,5 is geen geheel getal"),
    ([{"leeftijd": 130}], "130"),
    (-1, "-1"),
])
def test_a_case_file_with_a_wrong_household_says_which_person_and_why(model, value, message):
    with pytest.raises(CasusFout) as err:
        convert_answers(model, {"huisgenoten": value})
    assert message in str(err.value)


def test_an_answer_about_a_person_who_is_not_there_is_refused(model):
    with pytest.raises(CasusFout, match="'huisgenoten' heeft maar 1 persoon"):
        convert_answers(model, {"huisgenoten": 1, "huisgenoten[2].leeftijd": 30})


def test_a_case_file_with_a_household_is_judged_with_the_household_in_the_answers(tmp_path, capsys):
    casus = tmp_path / "casus.json"
    casus.write_text(json.dumps({"peildatum": "2025-06-01", "antwoorden": {
        "huisgenoten": [{"leeftijd": 40, "beperkt": True}, {"leeftijd": 12}]}}), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(RULES), str(casus)]) == 0
    shown = capsys.readouterr().out
    assert "Indicatie" in shown and "Hulp bij het huishouden" in shown
    assert "Huisgenoot 1" in shown and "40 jaar, beperkt" in shown
    assert "Huisgenoot 2" in shown and "12 jaar" in shown


def test_batch_csv_takes_persons_as_numbered_columns_and_counts_them_without_a_count_column(tmp_path, capsys):
    csv = tmp_path / "casussen.csv"
    csv.write_text("id,peildatum,huisgenoten.1.leeftijd,huisgenoten.1.beperkt,huisgenoten.2.leeftijd\n"
                   "volwassene,2025-06-01,40,nee,12\nbeperkt,2025-06-01,40,ja,12\nkind,2025-06-01,12,,\n", encoding="utf-8")
    assert main(["beoordeel", "--regels", str(RULES), str(csv)]) == 0
    records = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert {k: r["uitkomst"] for k, r in records.items()} == {"volwassene": "geen_indicatie", "beperkt": "indicatie", "kind": "indicatie"}


def test_batch_csv_names_a_person_beyond_the_count_column(tmp_path, capsys):
    csv = tmp_path / "casussen.csv"
    csv.write_text("id,huisgenoten,huisgenoten.2.leeftijd\nx,1,30\n", encoding="utf-8")
    assert main(["beoordeel", "--regels", str(RULES), "--peildatum", "2025-06-01", str(csv)]) == 2
    (record,) = map(json.loads, capsys.readouterr().out.splitlines())
    assert "'huisgenoten' heeft maar 1 persoon" in record["fout"]["bericht"]


def test_generated_households_are_valid_cases_of_every_size(tmp_path, capsys):
    assert main(["genereer", "--regels", str(RULES), "--aantal", "40", "--zaad", "2"]) == 0
    cases = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    sizes = {len(c["antwoorden"]["huisgenoten"]) for c in cases}
    assert 0 in sizes and max(sizes) >= 6 and max(sizes) <= 8
    assert all(set(p) == {"leeftijd", "beperkt"} for c in cases for p in c["antwoorden"]["huisgenoten"])
    batch = tmp_path / "huishoudens.jsonl"
    batch.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    assert main(["beoordeel", "--regels", str(RULES), "--peildatum", "2025-06-01", str(batch)]) == 0
    uitkomsten = {json.loads(line)["uitkomst"] for line in capsys.readouterr().out.splitlines()}
    assert uitkomsten == {"indicatie", "geen_indicatie"}
