"""'motivering' lines: used verbatim with values filled in; wrong placeholders and places are findings."""

import datetime as dt

import pytest

from wmo_dsl.errors import RegelbestandFout
from wmo_dsl.present.explain import build, render
from wmo_dsl.semantics.pipeline import checked, load_rules

HEAD = '''regio x "X"
  geldig vanaf 2025-01-01

vraag type: keuze
  tekst "Welk type?"
  optie behouden "Behouden van zelfredzaamheid"
  optie ontwikkelen "Ontwikkelen van zelfredzaamheid"

vraag uren: getal
  tekst "Hoeveel uur?"
  minimaal 0
  maximaal 40

product p "Begeleiding"
'''


def write(tmp_path, body: str):
    path = tmp_path / "x.wmo"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_a_rules_motivering_is_used_verbatim_with_values_in_words(tmp_path):
    rules = load_rules(write(tmp_path, '''
regel r
  als type = ontwikkelen en uren > 2
  dan product p
  motivering "De inwoner wil {type} en heeft {uren} uur nodig."
'''))
    b = rules.evaluate({"type": "ontwikkelen", "uren": __import__("decimal").Decimal(3)}, dt.date(2025, 6, 1))
    text = render(build(b, rules), "tekst")
    assert "De inwoner wil Ontwikkelen van zelfredzaamheid en heeft 3 uur nodig." in text


def test_a_table_rows_motivering_wins_over_the_generated_row(tmp_path):
    rules = load_rules(write(tmp_path, '''
tabel zwaarte: uren -> tekst
  < 3  -> "licht"
    motivering "Met {uren} uur is het licht."
  >= 3 -> "zwaar"

regel r
  als zwaarte = "licht"
  dan product p
'''))
    b = rules.evaluate({"uren": __import__("decimal").Decimal(2)}, dt.date(2025, 6, 1))
    assert any(p.tekst == "Met 2 uur is het licht." for p in build(b, rules).waarom)


@pytest.mark.parametrize("body, code, words", [
    ('\nregel r\n  als uren > 2\n  dan product p\n  motivering "Met {urne} uur."\n', "E236", "'uren'"),
    ('\nverwijzing v "Elders"\n  motivering "Niet hier."\n\nregel r\n  als uren > 2\n  dan verwijzing v\n', "E237", "toelichting"),
])
def test_a_wrong_placeholder_or_place_is_a_finding_with_a_hint(tmp_path, body, code, words):
    with pytest.raises(RegelbestandFout) as err:
        checked(write(tmp_path, body))
    shown = err.value.melding(kleur=False)
    assert code in shown and words in shown


def test_a_rule_whose_sentence_would_show_a_bare_id_is_warned_about(tmp_path):
    model = checked(write(tmp_path, '''
stap is
  stap_een als uren > 2
  stap_twee anders

regel r
  als stap = stap_een
  dan product p
'''))
    (w026,) = [f for f in model.waarschuwingen if f.code == "W026"]
    assert "waarde stap: label, label stap_een, label stap_twee" in w026.bericht and "vraag uren: label" in w026.bericht
    assert w026.ernst == "waarschuwing"


def test_a_fallback_in_a_rule_file_that_ships_in_regions_is_an_error(tmp_path):
    package = tmp_path / "regions" / "x"
    package.mkdir(parents=True)
    (tmp_path / "regions" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    path = package / "x.wmo"
    path.write_text(HEAD + "\nregel r\n  als uren > 2\n  dan product p\n", encoding="utf-8")
    with pytest.raises(RegelbestandFout) as err:
        checked(path)
    (w026,) = [f for f in err.value.bevindingen if f.code == "W026"]
    assert w026.ernst == "fout" and "vraag uren: label" in w026.bericht


def test_statements_replace_the_names_in_the_explanation(tmp_path):
    rules = load_rules(write(tmp_path, '''
vraag reizen: ja/nee
  zin ja "U kunt zelfstandig reizen."
  zin nee "U kunt niet zelfstandig reizen."

vervoer is niet reizen en uren > 2
  zin ja "U krijgt vervoer."
  zin nee "U krijgt geen vervoer."

regel r
  als vervoer
  dan product p
'''))
    b = rules.evaluate({"reizen": False, "uren": __import__("decimal").Decimal(3)}, dt.date(2025, 6, 1))
    waarom = [p.tekst for p in build(b, rules).waarom]
    assert waarom[0].startswith("De inwoner krijgt vervoer. De inwoner kan niet zelfstandig reizen.")
    brief = [p.tekst for p in build(b, rules, lezer="u").waarom]
    assert brief[0].startswith("U krijgt vervoer. U kunt niet zelfstandig reizen.")
    assert "niet geldt" not in " ".join(waarom) and " is ja" not in " ".join(waarom)


@pytest.mark.parametrize("body, code, words", [
    ('\nvraag a: getal\n  zin ja "Ja."\n\nregel r\n  als a > 2\n  dan product p\n', "E242", "zin ja"),
    ('\nregel r\n  als uren > 2\n  dan product p\n  label "r"\n', "E242", "regel"),
    ('\nvraag a: getal\n  zin "Met {aa} uur."\n\nregel r\n  als a > 2\n  dan product p\n', "E236", "{aa}"),
    ('\nvraag a: getal\n  label "a"\n  label "b"\n\nregel r\n  als a > 2\n  dan product p\n', "E228", "label"),
])
def test_a_statement_where_it_means_nothing_is_a_finding(tmp_path, body, code, words):
    with pytest.raises(RegelbestandFout) as err:
        checked(write(tmp_path, body))
    shown = err.value.melding(kleur=False)
    assert code in shown and words in shown
