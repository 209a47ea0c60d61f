"""Analysis stage: properties of a checked model that need the evaluator, not just types.

For now one: a product that may only be indicated together with another
("alleen in combinatie met") must never be concluded by the rules without that
partner. The search looks for answers that do it; if it finds them, the policy
writer gets the rule, the product, and those answers as an example.
"""

from __future__ import annotations

import datetime as dt

from . import ast
from .check import Model
from .errors import Bevinding
from .evaluate import Evaluation
from .relevance import Domains, Possible, _TooWide


def analyse(model: Model, peildatum: dt.date | None = None) -> list[Bevinding]:
    domains = Domains(model, peildatum or model.regio.geldig_vanaf or dt.date.today())
    findings = []
    for product in model.producten.values():
        if product.alleen_met:
            finding = _combination_finding(model, domains, product)
            if finding is not None:
                findings.append(finding)
    return findings


def _combination_finding(model: Model, domains: Domains, product: ast.Product) -> Bevinding | None:
    partners = set(product.alleen_met)
    cone = _cone(model)

    def verdict(out) -> bool | None:
        mine = [p for i, p in out.items() if i[0] == "product" and i[1] == product.id]
        theirs = [p for i, p in out.items() if i[0] == "product" and i[1] in partners]
        if not mine or any(p == {True} for p in theirs):
            return False
        if any(p == {True} for p in mine) and not theirs:
            return True
        return None

    def search(fixed: dict) -> dict | None:
        possible = Possible(model, domains, fixed)
        try:
            v = verdict(possible.outcome(enforce=False))
        except _TooWide:
            v = None
        if v is False:
            return None
        open_qs = [q for q in cone if q not in fixed and q in possible.read]
        if v is True or not open_qs:
            full = {q: fixed.get(q, domains.by_question[q][0]) for q in model.vragen}
            uitkomst = Evaluation(model, full).conclude(enforce=False)
            got = {p.product for p in uitkomst.producten} if not uitkomst.geen_indicatie else set()
            return full if product.id in got and not got & partners else None
        q = open_qs[0]
        for value in domains.by_question[q]:
            found = search({**fixed, q: value})
            if found is not None:
                return found
        return None

    witness = search({})
    if witness is None:
        return None
    evaluation = Evaluation(model, witness)
    uitkomst = evaluation.conclude(enforce=False)
    rid = next(p.regel for p in uitkomst.producten if p.product == product.id)
    regel = model.regels[rid]
    used = sorted(model.questions_read_by(rid) | {q for q in witness if q in evaluation.values}, key=list(model.vragen).index)
    from .natural import answer_text

    voorbeeld = ", ".join(f"{q} = {answer_text(model.vragen[q], witness[q])}" for q in used)
    namen = " of ".join(f"'{p}'" for p in product.alleen_met)
    line = regel.pos.line
    bronregel = model.bronregels[line - 1] if 0 < line <= len(model.bronregels) else None
    return Bevinding(
        "E230",
        f"regel '{rid}' kan product '{product.id}' concluderen zonder {namen} (alleen in combinatie met), bijvoorbeeld bij: {voorbeeld}",
        model.pad, line, regel.pos.column,
        hint=f"neem in de voorwaarde van '{rid}' op wat {namen} oplevert",
        bronregel=bronregel,
    )


def _cone(model: Model) -> list[str]:
    """Questions the rules depend on, in rule-file order."""
    names: set[str] = set()
    for rid in model.regels:
        names |= model.questions_read_by(rid)
    return [q for q in model.vragen if q in names]
