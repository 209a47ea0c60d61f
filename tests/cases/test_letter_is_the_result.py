"""Property: the letter tells what the JSON result says, for every example case and generated ones,
with and without (chains of) deviations: every product, date, duration and omvang of the dictum
equals the result; no product is both granted and refused; a refusal has a reason; no raw {naam};
and 'wmo herbereken' says gelijk."""

from __future__ import annotations

import datetime as dt
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import Casus, convert_deviations
from wmo_dsl.cases.contract import result_json
from wmo_dsl.cases.population import generate
from wmo_dsl.commands.herbereken import herbereken
from wmo_dsl.errors import WmoFout
from wmo_dsl.plugins import load_region, region_sources
from wmo_dsl.present.besluit import render_besluit
from wmo_dsl.present.explain import build
from wmo_dsl.tools.casetest import region_cases


def _cases() -> list[tuple[str, dt.date, dict]]:
    found = []
    for rid, source in region_sources().items():
        examples = region_cases(source.casussen)
        peil = next((c.peildatum for c in examples if c.peildatum), dt.date(2025, 6, 1))
        found += [(rid, c.peildatum or peil, c.antwoorden) for c in examples]
        rules = load_region(rid, peil)
        found += [(rid, peil, case["antwoorden"]) for case in generate(rules.model, 12, zaad=7)]
    return found


CASES = _cases()


def _deviable(model) -> list[str]:
    return [n for n in [*model.waarden, *model.tabellen] if not (n in model.waarden and model.waarden[n].parameter)
            and model.types.get(n) is not None and model.types[n].soort in ("keuze", "product", "janee", "datum")]


def _value(model, naam: str, draw, peil: dt.date) -> str:
    t = model.types[naam]
    match t.soort:
        case "keuze" | "product":
            domein = sorted(t.domein) if t.domein else sorted(model.producten)
            return draw(st.sampled_from(domein))
        case "janee":
            return draw(st.sampled_from(["ja", "nee"]))
        case _:
            return (peil + dt.timedelta(days=draw(st.integers(30, 900)))).isoformat()


def _section(text: str, head: str) -> str:
    part = text.split(head, 1)
    return part[1].split("\n## ", 1)[0] if len(part) == 2 else ""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_the_letter_tells_what_the_result_says(data):
    rid, peil, antwoorden = data.draw(st.sampled_from(CASES), label="casus")
    rules = load_region(rid, peil)
    model = rules.model
    afwijkingen = []
    kandidaten = _deviable(model)
    if kandidaten and data.draw(st.booleans(), label="afwijken"):
        naam = data.draw(st.sampled_from(kandidaten), label="onderwerp")
        for n in range(data.draw(st.integers(1, 3), label="keten")):
            afwijkingen.append({"onderwerp": naam, "waarde": _value(model, naam, data.draw, peil), "reden": f"reden {n + 1}"})
    try:
        answers = convert_answers(model, antwoorden)
        deviations = convert_deviations(model, Casus("p", rid, peil, antwoorden, afwijkingen=tuple(afwijkingen)))
    except WmoFout:
        return  # a generated value this onderwerp does not take
    b = rules.evaluate(answers, peil, deviations)
    result = json.loads(json.dumps(result_json(b, None)))
    assert herbereken(result) == ["gelijk"]
    granted = {p["naam"] for p in result["producten"]}
    assert not granted & {model.producten[pid].naam for pid in result["niet_toegekend"]}
    if b.uitkomst == "onvolledig":
        return
    uitleg = build(b)
    brief = render_besluit(b, uitleg)
    assert not re.search(r"\{[^{}\n]*\}", brief), "a raw {naam} in the letter"
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in _section(brief, "## Ons besluit").splitlines()
            if line.startswith("| ") and not line.startswith("| Ondersteuning")]
    expected = [[p["naam"], _date(p["ingangsdatum"]), _end(p), p["omvang"]["tekst"]] for p in result["producten"]]
    assert [[r[0], r[2], r[3], r[1]] for r in rows] == expected  # Ondersteuning | Omvang | Vanaf | Tot en met
    niet = _section(brief, "## Wat u niet krijgt")
    assert not any(f"- {naam} niet" in niet for naam in granted), "a product both granted and refused"
    if b.uitkomst == "geen_indicatie":
        assert re.search(r"^1\. \S", _section(brief, "## Waarom wij zo besluiten"), re.M), "a refusal without a reason"
        assert any(p.bron or p.onderwerp == "geen reden" for p in uitleg.waarom), "a refusal without a sourced reason"


def _date(iso: str | None) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day}-{d.month}-{d.year}"


def _end(p: dict) -> str:
    match p["einde"]:
        case "einddatum":
            return _date(p["einddatum"])
        case "uiterlijk":
            return f"uiterlijk {_date(p['einddatum'])}"
        case "onbepaald":
            return "voor onbepaalde tijd"
        case _:
            return "niet bepaald"
