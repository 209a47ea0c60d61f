"""The texts of every example case of every region: consultant text, Markdown and letter."""

from __future__ import annotations

import functools
from pathlib import Path

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import convert_deviations, read_case
from wmo_dsl.plugins import load_region
from wmo_dsl.present.besluit import render_besluit
from wmo_dsl.present.explain import build, render

ROOT = Path(__file__).resolve().parents[2]
REGIONS = ("leiden", "lekstroom", "tsd", "zou")


@functools.lru_cache(maxsize=1)
def all_texts() -> list[tuple[str, str, dict]]:
    """(regio, case file name, {"uitleg", "markdown", "besluit"}) for every example case that can be judged."""
    found = []
    for regio in REGIONS:
        for path in sorted((ROOT / "regions" / regio / "casussen").glob("*.json")):
            casus = read_case(path)
            rules = load_region(regio, casus.peildatum)
            b = rules.evaluate(convert_answers(rules.model, casus.antwoorden), casus.peildatum, convert_deviations(rules.model, casus))
            uitleg = build(b, rules)
            texts = {"uitleg": render(uitleg, "tekst"), "markdown": render(uitleg, "markdown"), "besluit": ""}
            if b.uitkomst != "onvolledig":
                texts["besluit"] = render_besluit(b, build(b, rules, lezer="u"), "markdown",
                                                  casus.aanvraagdatum)
            found.append((regio, path.name, texts))
    return found


def _has_reader() -> bool:
    import inspect

    return "lezer" in inspect.signature(build).parameters
