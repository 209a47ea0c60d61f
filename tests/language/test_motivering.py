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
    assert "'stap_een'" in w026.bericht
