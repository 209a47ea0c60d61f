"""What a consultant reads aloud and what the citizen reads, over every example case of every region:
statements, not rule-file language, and sentences of B1 length."""

import re

import pytest

from tests.present.example_texts import all_texts
from wmo_dsl.plugins import load_region
from wmo_dsl.present.readability import generated_part, measure, sentences

FORBIDDEN = {
    "‘is ja’ of ‘is nee’": r"\bis (ja|nee)\b",
    "‘want … is vastgesteld’": r"\bwant [^.]*\bis vastgesteld",
    "‘niet geldt dat’": r"niet geldt dat",
    "‘daarvoor moet gelden dat’": r"daarvoor moet gelden dat",
    "een woord met een liggend streepje": r"\w_\w",
    "haakjes als logica": r"\([^()]*\bis\b[^()]*\b(of|en)\b[^()]*\bis\b[^()]*\)|\bniet \(",
    "een iWmo-code": r"\b(categorie|eenheid|frequentie) \d",
}


def _plain(text: str) -> str:
    """Without source citations and quoted question texts (a question may hold 'of')."""
    return re.sub(r"‘[^’]*’|\(bron:[^)]*\)", "", text)


def _leaks(regio: str, text: str) -> list[str]:
    """Ids of the checked model that show as words ("ib product", "vervoer 10 20") although no text of the
    rule file (a label, a statement, a question, an option, a name) says those words itself."""
    model = load_region(regio).model
    ids = {d.id for space in (model.vragen, model.waarden, model.tabellen, model.producten) for d in space.values() if "_" in d.id}
    ids |= {o.id for v in model.vragen.values() for o in v.opties if "_" in o.id}
    own = " ".join(re.findall(r'"([^"]*)"', "\n".join(model.bronregels))).lower()
    own += " " + " ".join(str(d.eenheid) for space in (model.vragen, model.producten) for d in space.values() if d.eenheid)
    words = {i.replace("_", " ") for i in ids if i.replace("_", " ") not in own}
    return [w for w in sorted(words) if re.search(rf"\b{re.escape(w)}\b", re.sub(r"\s+", " ", text), re.IGNORECASE)]


CASES = [(regio, naam, soort) for regio, naam, texts in all_texts() for soort in texts if texts[soort]]


@pytest.mark.parametrize("regio, naam, soort", CASES, ids=[f"{r}-{n}-{s}" for r, n, s in CASES])
def test_no_example_text_speaks_rule_file_language(regio, naam, soort):
    text = next(t for r, n, t in all_texts() if (r, n) == (regio, naam))[soort]
    found = [f"{wat}: {m.group(0)}" for wat, pat in FORBIDDEN.items() for m in re.finditer(pat, _plain(text))]
    assert found == []
    assert _leaks(regio, _plain(text)) == []


def test_the_generated_sentences_are_short_enough_for_b1():
    parts = [generated_part(t[soort]) for _, _, t in all_texts() for soort in ("markdown", "besluit") if t[soort]]
    m = measure(parts)
    long = [s for p in parts for s in sentences(p) if len(s.split()) > 25]
    assert long == []
    assert m.gemiddeld <= 15


def test_a_yes_no_statement_is_swapped_to_the_citizen_for_the_consultant():
    from wmo_dsl.present.statements import about_the_citizen

    assert about_the_citizen("U kunt niet zelfstandig reizen.") == "De inwoner kan niet zelfstandig reizen."
    assert about_the_citizen("Met hulp kunt u uw dag indelen.") == "Met hulp kan de inwoner zijn of haar dag indelen."
    assert about_the_citizen("U bent zelfredzaam en u hebt een vangnet nodig.") == "De inwoner is zelfredzaam en de inwoner heeft een vangnet nodig."
