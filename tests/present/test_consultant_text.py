"""The consultant's text speaks the rule file's labels: no id, operator or line number in any example case."""

import re

import pytest

from wmo_dsl.cases.answers import convert_answers
from wmo_dsl.cases.casefile import convert_deviations
from wmo_dsl.plugins import load_region, region_sources
from wmo_dsl.present.explain import build, render
from wmo_dsl.tools.casetest import region_cases

CASES = [(rid, c) for rid, source in region_sources().items() for c in region_cases(source.casussen)]
OPERATORS = re.compile(r"(?<![-<>!=])(=|!=|<=|>=)(?![=>])|\[|\]|\brij \d+|\bregel \d+|\bregel [a-z_]+ ")


def ids_of(model) -> set[str]:
    """Every id a policy writer gave that is not its own label: those with an underscore."""
    ids = set(model.vragen) | set(model.waarden) | set(model.tabellen) | set(model.producten) | set(model.regels) \
        | set(model.verwijzingen) | set(model.signalen) | set(model.termijnen)
    ids |= {o.id for v in model.vragen.values() for o in v.opties}
    labels = {o.label for v in model.vragen.values() for o in v.opties} | {p.naam for p in model.producten.values()} \
        | {p.echte_code for p in model.producten.values() if p.echte_code}
    return {i for i in ids if "_" in i and i not in labels and "[" not in i}


def consultant_texts(rid, casus):
    rules = load_region(rid, casus.peildatum)
    b = rules.evaluate(convert_answers(rules.model, casus.antwoorden), casus.peildatum,
                       convert_deviations(rules.model, casus))
    uitleg = build(b, rules)
    return rules.model, render(uitleg, "tekst"), render(uitleg, "markdown")


@pytest.mark.parametrize("rid, casus", CASES, ids=[f"{rid}:{c.pad.rsplit('/', 1)[-1]}" for rid, c in CASES])
def test_no_id_operator_or_line_number_reaches_the_consultant(rid, casus):
    model, tekst, markdown = consultant_texts(rid, casus)
    for text in (tekst, markdown.replace("\\[", "").replace("\\]", "")):
        words = set(re.findall(r"[A-Za-z0-9_]+", text))
        assert sorted(ids_of(model) & words) == []
        body = "\n".join(line for line in text.splitlines() if not set(line.strip()) <= set("=-|: "))
        assert OPERATORS.findall(body) == []
