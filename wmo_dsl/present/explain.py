"""Explain stage: a Beoordeling and its trace to a short Dutch argument.

The argument has the order a consultant defends an indicatie in: the
indicatie itself, then why (each step with the condition or table row that
decided it, the values it used, and its source paragraph), then what was not
indicated and why, then referrals and signals. ``build`` makes that as data;
``render`` pours it into a Jinja2 template (plain text or Markdown), so the
wording lives in templates, not in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..language import ast
from ..language.model import Model
from ..semantics.engine import Beoordeling, Rules
from ..semantics.evaluate import Evaluation, ProductToekenning, Stap
from ..cases.persons import person_words, persons_count_text
from ..semantics.notation import typed_text, value_text
from .sentences import Gewoon, Spoor, capital


@dataclass(frozen=True)
class Punt:
    """One point of the argument: a subject, a sentence, a source."""

    onderwerp: str
    tekst: str
    bron: str | None = None
    regel: int | None = None

    def als_data(self) -> dict:
        return {"onderwerp": self.onderwerp, "tekst": self.tekst, "bron": self.bron}


@dataclass
class Uitleg:
    regio: str
    regio_naam: str
    regelversie: str
    bron_document: str | None
    peildatum: str
    uitkomst: str
    producten: list[dict] = field(default_factory=list)
    antwoorden: list[tuple[str, str]] = field(default_factory=list)
    waarom: list[Punt] = field(default_factory=list)
    niet: list[Punt] = field(default_factory=list)
    verwijzingen: list[Punt] = field(default_factory=list)
    signalen: list[Punt] = field(default_factory=list)
    ontbrekend: list[tuple[str, str]] = field(default_factory=list)
    termijnen: list[Punt] = field(default_factory=list)
    afwijkingen: list[Punt] = field(default_factory=list)
    gevoeligheid: list[str] = field(default_factory=list)
    berekend: list[tuple[str, str]] = field(default_factory=list)
    feiten: list[str] = field(default_factory=list)  # the answers that mattered, as statements for the reader
    spoor: bool = False  # the technical trace: every answer, ids and expressions
    solver: list[str] = field(default_factory=list)  # spoor: why the solver could not decide (guard.py)
    etiketten: dict = field(default_factory=dict)  # onderwerp -> {"label", "soort", "id"} for the JSON (punten.py)

    def punten(self) -> list[Punt]:
        return self.waarom + self.niet + self.verwijzingen + self.signalen + self.termijnen + self.afwijkingen

    def als_data(self) -> list[dict]:
        return [{"onderwerp": (e := self.etiketten.get(p.onderwerp) or {"label": p.onderwerp, "soort": "overig", "id": None})["label"],
                 **e, "tekst": p.tekst, "bron": p.bron} for p in self.punten()]


class Labels:
    """Readable names for ids: question options, products, derived symbols."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.by_question = {q.id: {o.id: o.label for o in q.opties} for q in model.vragen.values()}
        self.products = {p.id: f"{p.echte_code} ({p.naam})" if p.echte_code else p.naam for p in model.producten.values()}

    def value(self, naam: str, value: object) -> str:
        vraag = self.model.vragen.get(naam)
        if vraag is not None and vraag.soort == "personen":
            return persons_count_text(value)
        labels = dict(self.by_question.get(naam, {}))
        if isinstance(value, str) and value in self.products:
            return self.products[value]
        return typed_text(value, self.model.types.get(naam), labels)

    def name(self, naam: str) -> str:
        return naam.replace("_", " ")


def build(b: Beoordeling, rules: Rules | None = None, spoor: bool = False, lezer: str = "inwoner") -> Uitleg:
    """The argument for one Beoordeling; with ``rules`` also what one different answer would change.
    ``spoor``: the technical trace for policy writers (ids, expressions, rows by line) instead of
    the consultant's plain Dutch. ``lezer``: "inwoner" for the consultant's screen, "u" for the letter."""
    m = b.model
    labels = Labels(m)
    from .redenen import refusal_reasons, value_of

    z = Spoor(m, labels, value_of(b)) if spoor else Gewoon(m, labels, value_of(b), lezer)
    regio = m.regio
    u = Uitleg(
        regio=regio.id,
        regio_naam=regio.naam,
        regelversie=(regio.bron.versie if regio.bron and regio.bron.versie else "onbekend"),
        bron_document=regio.bron.tekst if regio.bron else None,
        peildatum=f"{b.peildatum.day}-{b.peildatum.month}-{b.peildatum.year}",
        uitkomst=b.uitkomst,
        spoor=spoor,
    )
    if spoor and rules is not None:
        u.solver = rules.solver_notes(b.peildatum, {a.onderwerp: a.waarde for a in b.afwijkingen})
    mattered = None if (ev := b.evaluatie) is None or spoor or b.uitkomst == "onvolledig" else _closure(ev, [n for n in ev.trace if ":" in n])
    for qid, value in b.antwoorden.items():
        vraag = m.vragen.get(qid)
        if vraag is None or vraag.persoon is not None or (mattered is not None and qid not in mattered):
            continue  # a person's answers follow the list, one line per person
        oordeel = " (naar het oordeel van de consulent)" if vraag.oordeel else ""
        u.antwoorden.append((vraag.tekst or labels.name(qid), labels.value(qid, value) + oordeel))
        if vraag.soort == "personen":
            for nummer in range(1, int(value) + 1):
                wie = f"{vraag.enkelvoud or 'persoon'} {nummer}"
                u.antwoorden.append((wie[0].upper() + wie[1:], person_words(m, qid, nummer, b.antwoorden, labels.value) or "niets gevraagd"))
    if b.uitkomst == "onvolledig":
        for qid in b.ontbrekend:
            u.ontbrekend.append((qid if spoor else "", m.vragen[qid].tekst or labels.name(qid)))
        return u
    c = b.conclusies
    assert c is not None and ev is not None, "an explanation needs the trace of Rules.evaluate (evaluate_fast keeps none)"
    z.use(ev)
    if not spoor:
        u.feiten = _facts(b, z, mattered)
    from ..cases.resultaat import datum_tekst, einde_tekst, resultaat, termijn_dates

    for p, rp in zip(b.producten, resultaat(b).producten):  # dates and durations: the Resultaat's, not recomputed
        product = m.producten[p.product]
        u.producten.append({
            "code": product.echte_code or "",
            "naam": product.naam,
            "eenheid": product.eenheid or "",
            "duur": value_text(rp.duur) if rp.duur else None,
            "ingangsdatum": datum_tekst(rp.ingangsdatum),
            "einde": einde_tekst(rp),
            "omvang": rp.omvang.tekst,
            "maximale_duur": "onbeperkt" if p.onbeperkt else (value_text(p.maximale_duur) if p.maximale_duur else None),
            "bron": product.bron.tekst if product.bron else None,
            "toelichting": product.toelichting,
            "minimale_duur": value_text(p.minimale_duur) if p.minimale_duur else None,
            "iwmo": _iwmo_text(product, p),
            "kenmerken": [(naam.replace("_", " "), tekst) for naam, tekst in rp.kenmerken]
                         + [(g.woorden, g.tekst) for g in rp.bedragen],
        })
    # Why: the derived values the concluding rules rest on, in rule-file order, then the rules.
    fired = [r for r in m.regels.values() if ev.trace.get("regel:" + r.id) and ev.trace["regel:" + r.id].waarde is True]
    relevant = _closure(ev, ["regel:" + r.id for r in fired if b.uitkomst == "indicatie" or not _is_product_rule(r)])
    definitions = sorted(list(m.waarden.values()) + list(m.tabellen.values()), key=lambda d: d.pos.line)
    for naam in (d.id for d in definitions):
        stap = ev.trace.get(naam)
        if stap is None or naam not in relevant or not b.known_from_answers(naam):
            continue
        if naam in m.waarden and m.waarden[naam].parameter:
            u.waarom.append(Punt(labels.name(naam), z.parameter(naam, labels.value(naam, stap.waarde), stap.toelichting),
                                 stap.bron, stap.regelnummer))
            continue
        if not spoor and stap.waarde is False and stap.soort != "afwijking":
            continue  # "alleen administratie is nee": what did not hold is told under 'niet geïndiceerd'
        shown = replace(stap, gelezen=tuple(g for g in stap.gelezen if g not in m.vragen or g in b.antwoorden))  # no filled-in answer
        u.waarom.append(Punt(labels.name(naam), _step_sentence(naam, shown, ev, z), stap.bron, stap.regelnummer))
    granted_by = {p.regel for p in b.producten}
    for regel in fired:
        if b.uitkomst != "indicatie" and _is_product_rule(regel):
            continue
        if _is_product_rule(regel) and regel.id not in granted_by and not _non_product_conclusions(regel):
            continue  # its product was restricted or lacked its partner: explained under "niet geïndiceerd"
        if any(isinstance(x, ast.GeenIndicatie) for x in regel.conclusies):
            continue
        if not b.known_from_answers("regel:" + regel.id):
            continue
        if not spoor and not regel.motivering and not regel.toelichting and not _is_product_rule(regel):
            continue  # its signal or referral has its own section
        tekst = regel.toelichting if spoor and regel.toelichting else z.fired(regel, ev.values)
        u.waarom.append(Punt(f"regel {regel.id}", tekst, regel.bron.tekst if regel.bron else None, regel.pos.line))
    # What was not indicated, and why.
    for rid in c.geen_indicatie:
        regel = m.regels[rid]
        tekst = z.geen_indicatie(regel, ev.values)
        u.niet.append(Punt("geen indicatie", tekst, regel.bron.tekst if regel.bron else None, regel.pos.line))
    granted = {p.product for p in b.producten}
    for rid in c.niet_van_toepassing:
        regel = m.regels[rid]
        stap = ev.trace.get("regel:" + rid)
        if stap is None or not b.known_from_answers("regel:" + rid):
            continue
        if c.geen_indicatie:
            continue
        if not spoor and not _near(ev, regel.voorwaarde) and b.uitkomst == "indicatie":
            continue  # a product nothing pointed to is no part of this case's argument (a refusal names them all)
        genoemd = [c.product.id for c in regel.conclusies
                   if isinstance(c, ast.ProductConclusie) and isinstance(c.product, ast.Ref) and c.product.target == "product"]
        if genoemd and all(pid in granted for pid in genoemd):
            continue  # granted by another route: not also under 'niet'
        namen = [m.producten[pid].naam for pid in genoemd if pid not in granted]
        wat = f"regel {rid}" + (f" ({', '.join(namen)})" if namen else "") if spoor else (" en ".join(namen) or z.concludes(regel))
        details = "" if spoor else z.inputs(stap.gelezen, ev.values)
        u.niet.append(Punt(f"regel {rid}", z.not_applicable(wat, regel.voorwaarde, details), regel.bron.tekst if regel.bron else None,
                           regel.pos.line))
    if not c.geen_indicatie:
        u.niet.extend(p for p in _alternatives_not_chosen(b, relevant, labels, z) if p.onderwerp not in
                      {labels.name(pid) for pid in granted})
    for pid, rid in c.geen_product:
        regel = m.regels[rid]
        tekst = f"{m.producten[pid].naam} niet: " + z.excluded(regel, ev.values)
        u.niet.append(Punt(f"geen {pid}", tekst, regel.bron.tekst if regel.bron else None, regel.pos.line))
    for pid, partners in c.niet_gecombineerd:
        product = m.producten[pid]
        partner_namen = " of ".join(m.producten[q].naam for q in partners)
        u.niet.append(Punt(f"geen {pid}", f"{product.naam} niet: alleen in combinatie met {partner_namen}, en dat is niet geïndiceerd.",
                           product.bron.tekst if product.bron else None, product.pos.line))
    if b.uitkomst == "indicatie":
        for tid, datum in sorted(termijn_dates(c), key=lambda t: t[1]):
            t = m.termijnen[tid]
            u.termijnen.append(Punt(f"termijn {tid}", f"{value_text(datum)}: {t.omschrijving}", t.bron.tekst if t.bron else None, t.pos.line))
    for vid, rid in c.verwijzingen:
        v = m.verwijzingen[vid]
        tekst = v.omschrijving + (f". {v.toelichting}" if v.toelichting else "")
        u.verwijzingen.append(Punt(f"verwijzing {vid}", tekst, v.bron.tekst if v.bron else None, v.pos.line))
    for sid, rid in c.signalen:
        s = m.signalen[sid]
        tekst = s.omschrijving + (f" {s.toelichting}" if s.toelichting else "")
        u.signalen.append(Punt(f"signaal {sid}", tekst, s.bron.tekst if s.bron else None, s.pos.line))
    if b.uitkomst == "geen_indicatie":
        refusal_reasons(b, u, Punt)
    from ..semantics.values import Record

    in_argument = {p.onderwerp for p in u.waarom}
    for naam, waarde in b.waarden.items():
        if isinstance(waarde, (Record, Decimal)) and labels.name(naam) not in in_argument:
            u.berekend.append((labels.name(naam), labels.value(naam, waarde)) if spoor else
                              (z.feiten.label(naam), z.feiten.words(naam, waarde)))
    if rules is not None:
        from .sensitivity import what_would_change

        u.gevoeligheid = what_would_change(rules, b)
    for afwijking in b.geldende_afwijkingen:  # the last per onderwerp counts; the earlier ones are told with it
        naam = labels.name(afwijking.onderwerp)
        tekst = z.deviation(afwijking.onderwerp, afwijking.van, afwijking.naar, afwijking.reden)
        eerder = [a for a in b.afwijkingen if a.onderwerp == afwijking.onderwerp and a is not afwijking]
        if eerder:
            tekst += " (Eerder afgeweken: " + "; ".join(f"{a.naar}, reden: {a.reden}" for a in eerder) + ".)"
        u.afwijkingen.append(Punt(f"professionele afweging: {naam}", tekst, None))
    from .punten import point_labels

    u.etiketten = point_labels({p.onderwerp for p in u.punten()}, m)
    return u


def _alternatives_not_chosen(b: Beoordeling, relevant: set[str], labels: Labels, z: Gewoon) -> list[Punt]:
    """Products an earlier case of a derived value offered but did not give, and why.

    Only cases whose condition rests wholly on given answers: a consultant
    should see "lichte IB niet, want alleen waakvlam: nee", not an alternative
    that was never asked about.
    """
    m = b.model
    ev = z.ev  # b's evaluation (build gave it to z)
    punten = []
    for naam, w in m.waarden.items():
        stap = ev.trace.get(naam)
        if naam not in relevant or stap is None or not isinstance(stap.via, ast.Geval):
            continue
        for geval in w.gevallen:
            if geval is stap.via:
                break
            if not (isinstance(geval.waarde, ast.Ref) and geval.waarde.target == "product"):
                continue
            refs = _refs(geval.voorwaarde)
            if not refs or not all(b.known_from_answers(r) for r in refs):
                continue
            if not z.spoor and not _near(ev, geval.voorwaarde):
                continue  # the citizen reads only what came close
            details = "; ".join(f"{labels.name(r)}: {labels.value(r, ev.values.get(r))}" for r in refs if r in m.vragen)
            product = m.producten[geval.waarde.id]
            tekst = z.not_applicable(product.naam, geval.voorwaarde, details)
            punten.append(Punt(labels.name(geval.waarde.id), tekst, w.bron.tekst if w.bron else None, geval.pos.line))
    return punten


def _refs(expr: ast.Expr | None) -> list[str]:
    found: list[str] = []

    def walk(x: object) -> None:
        if isinstance(x, ast.Ref) and x.target != "product":
            if x.id not in found:
                found.append(x.id)
        elif isinstance(x, tuple):
            for i in x:
                walk(i)
        elif hasattr(x, "__dataclass_fields__"):
            for f in x.__dataclass_fields__:
                if f != "pos":
                    walk(getattr(x, f))

    walk(expr)
    return found


def _iwmo_text(product: ast.Product, p: ProductToekenning) -> str | None:
    """'024A2: 1 stuk per maand (categorie 02, eenheid 82, frequentie 4)'."""
    velden = dict(product.iwmo)
    if not velden:
        return None
    unit = product.volume.t.eenheid if product.volume is not None and product.volume.t is not None else None
    codes = [f"categorie {velden['productcategorie']}" if "productcategorie" in velden else None,
             f"eenheid {velden['eenheid']}" if "eenheid" in velden else None,
             f"frequentie {velden['frequentie']}" if "frequentie" in velden else None]
    volume = f" {value_text(p.volume, eenheid=unit)}" if p.volume is not None else ""
    detail = ", ".join(c for c in codes if c)
    code = product.echte_code
    return (f"{code}:{volume}" if code else volume.strip()) + (f" ({detail})" if detail else "")


def _near(ev: Evaluation, voorwaarde: ast.Expr | None) -> bool:
    """Did this case come close to the rule: part of an 'en' condition held?"""
    if isinstance(voorwaarde, ast.Logic) and voorwaarde.op == "en":
        return any(ev.eval(item) is True for item in voorwaarde.items)
    return False


def _non_product_conclusions(regel: ast.Regel) -> bool:
    return any(isinstance(c, (ast.VerwijzingConclusie, ast.SignaalConclusie)) for c in regel.conclusies)


def _is_product_rule(regel: ast.Regel) -> bool:
    return any(isinstance(c, ast.ProductConclusie) for c in regel.conclusies)


def _closure(ev: Evaluation, roots: list[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        stap = ev.trace.get(n)
        if stap is not None:
            stack.extend(stap.gelezen)
    return seen


def _facts(b: Beoordeling, z: Gewoon, mattered: set[str] | None) -> list[str]:
    """The answers that mattered, each as a statement for the reader ("U kunt niet zelfstandig reizen.")."""
    return [z.feiten.fact(qid, value) for qid, value in b.antwoorden.items()
            if qid in b.model.vragen and b.model.vragen[qid].persoon is None and (mattered is None or qid in mattered)
            and not b.model.vragen[qid].personen]


def _step_sentence(naam: str, stap: Stap, ev: Evaluation, z: Gewoon) -> str:
    if not z.spoor:
        return z.step(naam, stap, ev)
    m = z.model
    labels = z.labels
    waarde = labels.value(naam, stap.waarde)
    inputs = z.inputs(stap.gelezen, ev.values)
    via = stap.via
    if stap.soort == "afwijking":
        return f"{capital(z.name(naam))} is {waarde}: professionele afweging van de consulent (zie hieronder)."
    if isinstance(via, ast.Geval):
        reden = f"want {z.cond(via.voorwaarde)}" if via.voorwaarde is not None else z.otherwise(
            [g.voorwaarde for g in m.waarden[naam].gevallen if g.voorwaarde is not None])
    elif isinstance(via, ast.Rij):
        reden = z.row(naam, via, ev.values)
        inputs = ""
    elif stap.soort == "waarde" and naam in m.waarden and (berekening := m.waarden[naam].expr) is not None:
        expr = z.cond(berekening)
        if stap.waarde is True:
            reden = f"want {expr}"
        elif stap.waarde is False:
            reden = f"want '{expr}' geldt niet" if z.spoor else f"want het is niet zo dat {expr}"
        else:
            reden = f"berekend als {expr}"
    else:
        reden = "geen van de gevallen is van toepassing"
    tekst = f"{z.name(naam) if z.spoor else capital(z.name(naam))} is {waarde}, {reden}"
    inputs = inputs and z.inputs(stap.gelezen, ev.values, said=tekst)
    if inputs:
        tekst += f" ({inputs})"
    return tekst + "."


# ── Rendering ─────────────────────────────────────────────────────────────

def render(uitleg: Uitleg, formaat: str) -> str:
    """Render an explanation with the ``tekst`` or ``markdown`` template."""
    from .templating import environment

    template = environment().get_template({"tekst": "uitleg.txt.j2", "markdown": "uitleg.md.j2"}[formaat])
    return template.render(u=uitleg)
