"""Analysis stage: properties of a checked model that need the evaluator, not just types.

For now one: a product that may only be indicated together with another
("alleen in combinatie met") must never be concluded by the rules without that
partner. The search looks for answers that do it; if it finds them, the policy
writer gets the rule, the product, and those answers as an example.
"""

from __future__ import annotations

import datetime as dt

from ..language import ast
from ..language.check import Model
from ..errors import Bevinding
from .evaluate import Evaluation
from .relevance import Domains, Possible, _TooWide


_LIMIT = 50_000  # combinations enumerated per table or chain of cases


def analyse(model: Model, peildatum: dt.date | None = None) -> list[Bevinding]:
    """Every finding of the analysis, minus those silenced with '# negeer W0xx' on their line."""
    domains = Domains(model, peildatum or model.regio.geldig_vanaf or dt.date.today())
    findings = []
    for product in model.producten.values():
        if product.alleen_met:
            finding = _combination_finding(model, domains, product)
            if finding is not None:
                findings.append(finding)
    findings += _table_findings(model, domains)
    findings += _case_chain_findings(model, domains)
    findings += _dead_parts(model, domains)
    return [f for f in findings if not _silenced(model, f)]


def _silenced(model: Model, f: Bevinding) -> bool:
    import re

    line = model.bronregels[f.regel - 1] if 0 < f.regel <= len(model.bronregels) else ""
    match = re.search(r"#.*\bnegeer\s+([A-Z]\d{3}(?:[ ,]+[A-Z]\d{3})*)", line)
    return bool(match) and f.code in re.split(r"[ ,]+", match.group(1))


def _finding(model: Model, code: str, bericht: str, pos: ast.Pos, hint: str | None = None, ernst: str = "waarschuwing") -> Bevinding:
    line = pos.line
    bronregel = model.bronregels[line - 1] if 0 < line <= len(model.bronregels) else None
    return Bevinding(code, bericht, model.pad, line, pos.column, hint, ernst, bronregel)


def _value_words(model: Model, naam: str, value) -> str:
    from .notation import value_text

    vraag = model.vragen.get(naam)
    return value_text(value, {o.id: o.label for o in vraag.opties} if vraag else None)


def _column_values(model: Model, possible: Possible, naam: str):
    values = possible.value(naam)
    if values is None:
        return None
    return sorted((v for v in values if v is not None), key=repr)


def _table_findings(model: Model, domains: Domains) -> list[Bevinding]:
    import itertools

    from .evaluate import Evaluation

    findings = []
    possible = Possible(model, domains, {})
    for tabel in model.tabellen.values():
        columns = [_column_values(model, possible, c) for c in tabel.invoer]
        if any(c is None for c in columns) or _size(columns) > _LIMIT:
            continue
        ev = Evaluation(model, {})
        missing, overlaps = [], []
        for combo in itertools.product(*columns):
            hits = [r for r in tabel.rijen if all(ev.cell_matches(cel, v, model.types[c]) for cel, v, c in zip(r.cellen, combo, tabel.invoer))]
            if not hits:
                missing.append(combo)
            elif not tabel.eerste_treffer:
                outcomes = {h.uitkomst for h in hits}  # positions do not count in AST equality
                if len(outcomes) > 1:
                    overlaps.append((combo, hits))
        if missing:
            rows = _compress(missing, columns)
            shown = "; ".join(", ".join(f"{c} {w}" for c, w in zip(tabel.invoer, row)) for row in rows[:4])
            more = f" (en {len(rows) - 4} meer)" if len(rows) > 4 else ""
            findings.append(_finding(model, "W010", f"tabel '{tabel.id}' heeft geen rij voor: {shown}{more}", tabel.pos,
                                     hint="voeg een rij toe, of een rij met '-' voor wat overblijft", ernst="fout"))
        seen_pairs = set()
        for combo, hits in overlaps:
            pair = (hits[0].pos.line, hits[1].pos.line)
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            example = ", ".join(f"{c} {_value_words(model, c, v)}" for c, v in zip(tabel.invoer, combo))
            findings.append(_finding(model, "W011", f"rij {pair[0]} en rij {pair[1]} van tabel '{tabel.id}' gelden allebei, met een andere uitkomst, bijvoorbeeld bij: {example}",
                                     hits[1].pos, hint="maak de rijen uitsluitend, of zet 'eerste treffer' in de tabel", ernst="fout"))
    return findings


def _size(columns) -> int:
    n = 1
    for c in columns:
        n *= max(len(c), 1)
    return n


def _compress(missing: list[tuple], columns: list[list]) -> list[tuple[str, ...]]:
    """Missing combinations as readable rows: a column whose every value is missing becomes '-'."""
    from .notation import value_text

    rows = {tuple(value_text(v) for v in combo) for combo in missing}
    words = [[value_text(v) for v in col] for col in columns]
    changed = True
    while changed:
        changed = False
        for i, col in enumerate(words):
            groups: dict[tuple, set] = {}
            for row in rows:
                groups.setdefault(row[:i] + row[i + 1:], set()).add(row[i])
            for rest, vals in groups.items():
                if set(col) <= vals and len(col) > 1:
                    rows -= {rest[:i] + (v,) + rest[i:] for v in col}
                    rows.add(rest[:i] + ("-",) + rest[i:])
                    changed = True
    return sorted(rows)


def _case_chain_findings(model: Model, domains: Domains) -> list[Bevinding]:
    """A derived value without 'anders' must have a case for every combination of its inputs."""
    import itertools

    from .evaluate import Evaluation, truthy

    findings = []
    for w in model.waarden.values():
        if not w.gevallen or any(g.voorwaarde is None for g in w.gevallen):
            continue
        inputs = [q for q in model.vragen if q in model.questions_read_by(w.id)]
        columns = [list(domains.by_question[q]) for q in inputs]
        if _size(columns) > _LIMIT:
            continue
        missing = []
        for combo in itertools.product(*columns):
            answers = {q: domains.by_question[q][0] for q in model.vragen}
            answers.update(zip(inputs, combo))
            ev = Evaluation(model, answers)
            if not any(truthy(ev.eval(g.voorwaarde)) for g in w.gevallen):
                missing.append(combo)
        if missing:
            example = ", ".join(f"{q} {_value_words(model, q, v)}" for q, v in zip(inputs, missing[0]))
            findings.append(_finding(model, "W012", f"'{w.id}' heeft geen geval voor {len(missing)} combinatie(s) van antwoorden, bijvoorbeeld: {example}",
                                     w.pos, hint="voeg een geval toe, of eindig met 'anders' (eventueel 'geen anders')"))
    return findings


def _dead_parts(model: Model, domains: Domains) -> list[Bevinding]:
    findings = []
    possible = Possible(model, domains, {})
    for regel in model.regels.values():
        if regel.voorwaarde is not None and not _can_be_true(model, domains, regel.voorwaarde, model.questions_read_by(regel.id)):
            findings.append(_finding(model, "W020", f"regel '{regel.id}' kan nooit gelden: de voorwaarde is bij geen enkel antwoord waar", regel.pos))
    used: set[str] = set()
    for rid in model.regels:
        used |= model.questions_read_by(rid)
    for tid in model.termijnen:
        used |= model.questions_read_by("termijn:" + tid)
    for vraag in model.vragen.values():
        if vraag.id not in used:
            findings.append(_finding(model, "W021", f"vraag '{vraag.id}' wordt door geen regel gebruikt en zal nooit gesteld worden", vraag.pos,
                                     hint="gebruik haar in een regel of verwijder haar"))
    try:
        outcome = Possible(model, domains, {}).outcome(enforce=False)
        concluded = {i[1] for i in outcome if i[0] == "product"}
    except _TooWide:
        concluded = set(model.producten)
    for product in model.producten.values():
        if product.id not in concluded:
            findings.append(_finding(model, "W022", f"product '{product.id}' wordt door geen regel geconcludeerd", product.pos))
    symbols = {node.id for node in _symbols(model)}
    for vraag in model.vragen.values():
        if vraag.soort == "keuze" and vraag.id in used:
            for optie in vraag.opties:
                if optie.id not in symbols:
                    findings.append(_finding(model, "W023", f"keuze '{optie.id}' van vraag '{vraag.id}' wordt nergens getoetst", optie.pos,
                                             hint="een keuze die niets uitmaakt kan weg, of er ontbreekt een regel"))
    return findings


def _can_be_true(model: Model, domains: Domains, expr, cone) -> bool:
    """Is there an answer combination that makes ``expr`` true? Exact: a search that fixes
    one question at a time and stops as soon as the possible values decide."""
    from .relevance import _truth

    order = [q for q in model.vragen if q in cone]

    def search(fixed: dict) -> bool:
        p = Possible(model, domains, fixed)
        truth = _truth(p.eval(expr))
        if True not in truth:
            return False
        if False not in truth:
            return True
        open_qs = [q for q in order if q not in fixed and q in p.read]
        if not open_qs:
            return True
        q = open_qs[0]
        return any(search({**fixed, q: v}) for v in domains.by_question[q])

    return search({})


def _symbols(model: Model):
    from .relevance import _walk_model

    return [n for n in _walk_model(model) if isinstance(n, ast.Symbol)]


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
    voorbeeld = ", ".join(f"{q} = {_value_words(model, q, witness[q])}" for q in used)
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
