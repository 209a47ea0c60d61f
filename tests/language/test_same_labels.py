"""Same labels (W041): two options of a question, or two values of a derived value or a table, that
read the same cannot be told apart by a consultant choosing or deviating; the second one is warned."""

from wmo_dsl.semantics.analysis import silenced

from ..conftest import findings, model_of

KEUZE = '''vraag woonvorm: keuze
  optie bw "Beschermd wonen"
  optie thuis "thuis"
  optie bw_later "  beschermd WONEN "
regel r
  als woonvorm = bw
  dan geen indicatie
'''

STAP = '''vraag x: ja/nee
  zin ja "X."
  zin nee "Geen x."
stap is
  label "stap"
  label een "segment A"
  label twee "segment B"
  label drie "Segment a"
  een als x
  twee als niet x
  drie anders
regel r
  als stap = een
  dan geen indicatie
'''


def w041(source: str) -> list:
    return [f for f in findings(source) if f.code == "W041"]


def test_two_options_with_the_same_label_ignoring_case_and_spaces_warn_at_the_second():
    (f,) = w041(KEUZE)
    assert (f.ernst, f.regel, f.kolom) == ("waarschuwing", 6, 9)
    assert f.bericht == ("optie 'bw' en optie 'bw_later' van vraag 'woonvorm' hebben hetzelfde label 'beschermd WONEN': "
                         "de consulent kan ze niet uit elkaar houden")
    assert f.hint == "geef elke optie een eigen label"


def test_two_values_of_a_derived_value_with_the_same_label_warn_on_the_line_of_the_second_label():
    (f,) = w041(STAP)
    assert (f.regel, f.kolom) == (10, 3) and f.bronregel.strip() == 'label drie "Segment a"'
    assert "waarde 'een' en waarde 'drie' van 'stap' hebben hetzelfde label 'Segment a'" in f.bericht
    assert f.hint == "geef elke waarde een eigen label"


def test_options_and_values_with_labels_of_their_own_give_no_warning():
    assert w041(KEUZE.replace("  beschermd WONEN ", "Beschermd wonen, later")) == []
    assert w041(STAP.replace("Segment a", "segment C")) == []


def test_a_warning_for_same_labels_is_silenced_with_a_comment_on_its_line():
    model = model_of(KEUZE.replace('"  beschermd WONEN "', '"  beschermd WONEN "  # negeer W041'))
    (f,) = [f for f in model.waarschuwingen if f.code == "W041"]
    assert silenced(model, f)
