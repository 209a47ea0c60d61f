"""Static analysis: deliberately broken copies of the regions give exactly the expected finding."""

import json
from pathlib import Path

import pytest

from wmo_dsl.cli import main
from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.semantics.pipeline import checked

REPO = Path(__file__).resolve().parents[2]


def source(region: str) -> str:
    return (REPO / "regions" / region / f"{region}.wmo").read_text(encoding="utf-8")


def broken(region: str, old: str, new: str) -> str:
    text = source(region)
    assert old in text, "the broken copy must really differ from the region"
    return text.replace(old, new)


def findings_of(tmp_path, text: str):
    path = tmp_path / "kopie.wmo"
    path.write_text(text, encoding="utf-8")
    try:
        found = list(checked(path).waarschuwingen)
    except RegelbestandFout as err:
        found = err.bevindingen
    return [f for f in found if f.code not in ("W026", "W027", "W028")]  # toewijzing: test_allocatable.py; sentences: test_motivering.py


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize("region", ["lekstroom", "zou", "tsd", "leiden"])
def test_the_real_regions_are_clean(region, tmp_path):
    assert findings_of(tmp_path, source(region)) == []


def test_a_deleted_table_row_is_reported_as_the_missing_combination(tmp_path):
    text = broken("lekstroom", "  groot          | ontwikkelen | plusplus  -> 026A3\n", "")
    f, *consequences = findings_of(tmp_path, text)
    assert (f.code, f.regel) == ("W010", line_of(text, "tabel matrixproduct"))
    assert f.bericht == "tabel 'matrixproduct' heeft geen rij voor: omvang groot, type ontwikkelen, intensiteit plusplus"
    # and what hung on that row is now dead: 026A3, zware IB and its signal
    assert [(c.code, c.regel) for c in consequences] == [
        ("W020", line_of(text, "regel zware_ib_tijdelijk")), ("W022", line_of(text, "product 026A3")), ("W022", line_of(text, "product zware_ib"))]


def test_an_overlapping_row_is_reported_with_an_example(tmp_path):
    text = broken("lekstroom", "  gemiddeld      | behouden    | plus      -> 022B2\n",
                  "  gemiddeld      | behouden    | plus      -> 022B2\n  gemiddeld       | -           | plus       -> 022A2\n")
    (f,) = findings_of(tmp_path, text)
    assert (f.code, f.regel) == ("W011", line_of(text, "  gemiddeld       | -           | plus"))
    assert "gelden allebei, met een andere uitkomst, bijvoorbeeld bij: omvang gemiddeld, type Behouden" in f.bericht


def test_a_numeric_range_with_a_hole_is_reported(tmp_path):
    text = ('regio r "R"\n  geldig vanaf 2024-01-01\nvraag uren: getal\n  minimaal 0\n  maximaal 10\n'
            'product a "A"\nproduct b "B"\ntabel klasse: uren -> product\n  0 tot 2 -> a\n  4 tot 10 -> b\n'
            'regel r\n  als klasse != geen\n  dan product klasse\n')
    (f,) = findings_of(tmp_path, text)
    assert (f.code, f.regel) == ("W010", 8)
    assert f.bericht == "tabel 'klasse' heeft geen rij voor: uren 3"


def test_a_product_concluded_without_its_partner_is_an_error(tmp_path):
    text = broken("tsd", "  als groepstraining_passend en ontwikkelgericht\n", "  als groepstraining_passend\n")
    (f,) = findings_of(tmp_path, text)
    assert (f.code, f.ernst, f.regel) == ("E230", "fout", line_of(text, "regel groepstraining_bij_ontwikkelen"))
    assert "kan product 'groepstraining' concluderen zonder 'ib_ontwikkelen'" in f.bericht


def test_an_unused_question_is_reported_and_can_be_silenced(tmp_path):
    extra = 'vraag huisdier: ja/nee\n  tekst "Heeft de inwoner een huisdier?"\n'
    text = source("zou") + "\n" + extra
    (f,) = findings_of(tmp_path, text)
    assert (f.code, f.regel) == ("W021", line_of(text, "vraag huisdier"))
    assert findings_of(tmp_path, source("zou") + "\nvraag huisdier: ja/nee  # negeer W021\n") == []


def test_a_rule_that_can_never_fire_and_a_product_never_concluded(tmp_path):
    text = broken("leiden", "  als bgi_nodig en niet toestemming_delen\n", "  als bgi_nodig en niet bgi_nodig\n")
    fs = findings_of(tmp_path, text)
    assert [(f.code, f.regel) for f in fs] == [("W020", line_of(text, "regel plan_b_zonder_toestemming")),
                                               ("W021", line_of(text, "vraag toestemming_delen"))]


def test_check_json_lists_warnings_as_data(tmp_path, capsys):
    path = tmp_path / "k.wmo"
    path.write_text(source("zou") + '\nvraag huisdier: ja/nee\n', encoding="utf-8")
    assert main(["check", "--formaat", "json", str(path)]) == 0
    (f,) = [f for f in json.loads(capsys.readouterr().out)["bevindingen"] if f["code"] not in ("W027", "W028")]
    assert f["code"] == "W021" and f["ernst"] == "waarschuwing"


def test_a_gap_proof_the_solver_cannot_finish_is_a_w030_finding_not_a_crash(tmp_path, monkeypatch):
    from wmo_dsl.semantics import analysis
    from wmo_dsl.semantics.guard import ONBEKEND
    from wmo_dsl.semantics.pipeline import load_rules

    path = tmp_path / "kopie.wmo"
    path.write_text(source("lekstroom"), encoding="utf-8")
    model = load_rules(path).model
    monkeypatch.setattr(analysis, "witness", lambda solver, s, real: (ONBEKEND, None))
    found = analysis.analyse(model)
    gaps = [f for f in found if f.code == "W030" and "voor elke combinatie een rij heeft" in f.bericht]
    assert len(gaps) == len(model.tabellen) > 0
