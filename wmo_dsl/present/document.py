"""Document stage: a checked region as a document a policy writer holds against the PDF.

``wmo toon`` renders every question, derived value, decision table, product,
rule, referral and deadline of a region in words, each with its source
paragraph and its line in the rule file. ``build`` turns the checked model into
plain data (no AST leaves this module); the Markdown and HTML templates only
lay it out. A decision table whose rows each name one value per input is shown
as a matrix, like the schematic product model in the policy texts: the first
inputs across, the last input down, the outcome in the cells.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import jinja2

from ..language import ast, kinds
from .statements import statement_lines
from ..language.check import Model, checked_datum
from ..semantics.notation import bedrag_text, value_text
from .document_words import DocumentWords, Herkomst, Kop, Source, key
from .words import eenheid_text


@dataclass(frozen=True)
class Optie:
    id: str
    label: str
    synoniemen: tuple[str, ...]
    uitleg: str | None


@dataclass(frozen=True)
class Vraag:
    id: str
    tekst: str
    soort: str
    uitleg: str | None
    opties: tuple[Optie, ...]
    herkomst: Herkomst


@dataclass(frozen=True)
class Groep:
    naam: str
    vragen: tuple[Vraag, ...]


@dataclass(frozen=True)
class Waarde:
    id: str
    naam: str  # its label, else its id in words
    parameter: bool
    formule: str | None  # one expression in words
    gevallen: tuple[tuple[str, str], ...]  # (uitkomst, voorwaarde in words or "in alle andere gevallen")
    toelichting: str | None
    herkomst: Herkomst


@dataclass(frozen=True)
class Matrix:
    kolom_invoer: tuple[str, ...]  # the names of the inputs across (outer first)
    kopregels: tuple[tuple[tuple[Kop, int], ...], ...]  # per header row: (heading, colspan)
    kolommen: tuple[tuple[Kop, ...], ...]  # per column: its heading at every level
    betekenissen: tuple[tuple[str, str, str], ...]  # (input, value, its condition) for derived inputs
    rij_invoer: str  # the name of the input down
    rijen: tuple[tuple[Kop, tuple[tuple[str, str], ...]], ...]  # (row heading, cells (text, title))


@dataclass(frozen=True)
class Tabel:
    id: str
    naam: str  # its label, else its id in words
    invoer: tuple[str, ...]  # the names of its inputs, by their labels
    uitvoer: str
    eerste_treffer: bool
    matrix: Matrix | None
    rijen: tuple[tuple[tuple[str, ...], str], ...]  # (cells in words, outcome)
    toelichting: str | None
    herkomst: Herkomst


@dataclass(frozen=True)
class Product:
    id: str
    code: str
    naam: str
    feiten: tuple[tuple[str, str], ...]
    toelichting: str | None
    herkomst: Herkomst


@dataclass(frozen=True)
class Regel:
    id: str
    als: str
    dan: tuple[str, ...]
    toelichting: str | None
    herkomst: Herkomst


@dataclass(frozen=True)
class Melding:
    """A referral or a signal."""

    id: str
    omschrijving: str
    toelichting: str | None
    gebruikt_in: tuple[str, ...]
    herkomst: Herkomst


@dataclass(frozen=True)
class Termijn:
    id: str
    omschrijving: str
    wanneer: str
    datum: str
    toelichting: str | None
    herkomst: Herkomst


@dataclass
class Document:
    regio_id: str
    naam: str
    gemeenten: tuple[str, ...]
    bron_document: str | None
    versie: str | None
    geldigheid: str
    toelichting: str | None
    bestand: str
    ondertitel: str = ""
    groepen: list[Groep] = field(default_factory=list)
    waarden: list[Waarde] = field(default_factory=list)
    tabellen: list[Tabel] = field(default_factory=list)
    producten: list[Product] = field(default_factory=list)
    regels: list[Regel] = field(default_factory=list)
    verwijzingen: list[Melding] = field(default_factory=list)
    signalen: list[Melding] = field(default_factory=list)
    termijnen: list[Termijn] = field(default_factory=list)
    vrije_dagen: list[str] = field(default_factory=list)
    eenheden: list[str] = field(default_factory=list)  # the region's own units, in words
    bevindingen: list[str] = field(default_factory=list)
    zinnen: dict[str, list[str]] = field(default_factory=dict)  # statements per definition (statements.py)


def build(model: Model, bestand: str | None = None) -> Document:
    """The region's rules as document data, in the order of the rule file."""
    words = DocumentWords(model)
    source = Source(model)
    regio = model.regio
    geldigheid = "vanaf " + value_text(regio.geldig_vanaf) if regio.geldig_vanaf else "zonder begindatum"
    if regio.geldig_tot:
        geldigheid += " tot en met " + value_text(regio.geldig_tot)
    doc = Document(
        regio_id=regio.id, naam=regio.naam, gemeenten=regio.gemeenten,
        bron_document=regio.bron.tekst if regio.bron else None,
        versie=regio.bron.versie if regio.bron else None,
        geldigheid=geldigheid, toelichting=regio.toelichting, bestand=bestand or model.pad,
        ondertitel=(f"{regio.bron.tekst}, zoals het regelbestand het vastlegt" if regio.bron
                    else f"De regels van {regio.naam}, zoals ze in het regelbestand staan"),
        zinnen=statement_lines(model),
    )
    groups: dict[str, list[Vraag]] = {}
    for v in model.vragen.values():
        if v.persoon is None:  # a person's questions once, under their list
            groups.setdefault(v.groep or "Vragen", []).append(_vraag(v, words, source))
        if v.soort == "personen":
            for veld in v.per_persoon:
                item = _vraag(veld, words, source)
                groups[v.groep or "Vragen"].append(replace(item, id=f"{v.id}[…].{veld.id}",
                                                           tekst=f"Per {v.enkelvoud or 'persoon'}: {item.tekst}"))
    doc.groepen = [Groep(naam, tuple(vragen)) for naam, vragen in groups.items()]
    doc.waarden = [_waarde(w, words, source) for w in model.waarden.values()]
    doc.tabellen = [_tabel(t, model, words, source) for t in model.tabellen.values()]
    doc.producten = [_product(p, words, source) for p in model.producten.values()]
    doc.regels = [Regel(r.id, words.expr(r.voorwaarde) if r.voorwaarde else "altijd",
                        tuple(words.conclusie(c) for c in r.conclusies), r.toelichting, source.of(r))
                  for r in model.regels.values()]
    concluded_by = _concluded_by(model)
    doc.verwijzingen = [Melding(v.id, v.omschrijving, v.toelichting, concluded_by.get(("verwijzing", v.id), ()), source.of(v))
                        for v in model.verwijzingen.values()]
    doc.signalen = [Melding(s.id, s.omschrijving, s.toelichting, concluded_by.get(("signaal", s.id), ()), source.of(s))
                    for s in model.signalen.values()]
    doc.termijnen = [Termijn(t.id, t.omschrijving, words.expr(t.voorwaarde) if t.voorwaarde else "bij elke indicatie",
                             words.expr(checked_datum(t)), t.toelichting, source.of(t))
                     for t in model.termijnen.values()]
    doc.vrije_dagen, doc.eenheden = [value_text(d) for d in sorted(model.vrije_dagen)], [eenheid_text(e) for e in model.eenheden.values()]
    doc.bevindingen = [f"regel {f.regel}: {f.code} {f.bericht}" for f in model.waarschuwingen]
    return doc


# ── Definitions into document items ──


def _vraag(v: ast.Vraag, words: DocumentWords, source: Source) -> Vraag:
    soort = "een geheel getal" if v.geheel else kinds.of(v).beschrijving
    if v.soort == "personen":
        assert v.maximaal is not None  # the checker gives every list of persons its maximaal
        soort = f"een lijst van hoogstens {words.expr(v.maximaal)} personen ({v.enkelvoud or 'persoon'} 1, 2, …)"
    if v.soort == "getal":
        bounds = []
        if v.minimaal is not None:
            bounds.append("minstens " + words.expr(v.minimaal))
        if v.maximaal is not None:
            bounds.append("hoogstens " + words.expr(v.maximaal))
        soort += (f" ({v.eenheid})" if v.eenheid else "") + (", " + " en ".join(bounds) if bounds else "")
    opties = tuple(Optie(o.id, o.label, o.synoniemen, o.uitleg) for o in v.opties)  # 'oordeel': the consultant's judgement
    return Vraag(v.id, v.tekst or v.zinnen.label or v.onderwerp(), soort + "; het oordeel van de consulent" * v.oordeel, v.uitleg, opties, source.of(v))


def _waarde(w: ast.Waarde, words: DocumentWords, source: Source) -> Waarde:
    gevallen = tuple((words.value(w.id, g.waarde), words.expr(g.voorwaarde) if g.voorwaarde else "in alle andere gevallen")
                     for g in w.gevallen)
    return Waarde(w.id, words.name(w.id), w.parameter, words.formula(w.id, w.expr) if w.expr is not None else None, gevallen,
                  w.toelichting, source.of(w))


def _product(p: ast.Product, words: DocumentWords, source: Source) -> Product:
    feiten: list[tuple[str, str]] = []
    if p.eenheid:
        feiten.append(("eenheid", p.eenheid))
    for label, expr in (("minimale duur", p.minimale_duur), ("duur", p.duur), ("maximale duur", p.maximale_duur)):
        if expr is not None:
            feiten.append((label, words.expr(expr)))
    if p.onbeperkt:
        feiten.append(("duur", "onbeperkt"))
    if p.volume is not None:
        feiten.append(("volume", words.expr(p.volume)))
    if p.alleen_met:
        feiten.append(("alleen in combinatie met", words.join([words.name(a) for a in p.alleen_met], "of")))
    for t in sorted(p.tarieven, key=lambda t: t.vanaf):
        feiten.append(("tarief", f"{bedrag_text(t.bedrag)} {t.eenheid} vanaf {value_text(t.vanaf)}"))
    feiten.extend([*p.kenmerken, *((b.woorden, words.expr(b.expr)) for b in p.bedragen)])
    if p.iwmo:
        feiten.append(("iWmo", ", ".join(f"{k} {v}" for k, v in p.iwmo)))
    return Product(p.id, p.code, p.naam, tuple(feiten), p.toelichting, source.of(p))


def _tabel(t: ast.Tabel, model: Model, words: DocumentWords, source: Source) -> Tabel:
    rijen = tuple((tuple(words.cel(c, naam) for c, naam in zip(r.cellen, t.invoer)), words.value(t.id, r.uitkomst))
                  for r in t.rijen)
    return Tabel(t.id, words.name(t.id), tuple(words.name(n) for n in t.invoer), t.uitvoer, t.eerste_treffer, _matrix(t, model, words), rijen,
                 t.toelichting, source.of(t))


def _matrix(t: ast.Tabel, model: Model, words: DocumentWords) -> Matrix | None:
    """The table laid out as a matrix, when every cell names exactly one value."""
    if len(t.invoer) < 2 or t.eerste_treffer:
        return None
    picked: dict[tuple, ast.Expr] = {}
    for rij in t.rijen:
        values = []
        for cel in rij.cellen:
            if len(cel.tests) != 1 or not isinstance(cel.tests[0], ast.CelGelijk):
                return None
            values.append(key(cel.tests[0].expr))
        if None in values or tuple(values) in picked:
            return None
        picked[tuple(values)] = rij.uitkomst
    axes = [_ordered_values(naam, {k[i] for k in picked}, model) for i, naam in enumerate(t.invoer)]
    across, down = axes[:-1], axes[-1]
    kopregels = []
    for level, axis in enumerate(across):
        repeat = 1
        for outer in across[:level]:
            repeat *= len(outer)
        span = 1
        for inner in across[level + 1:]:
            span *= len(inner)
        kopregels.append(tuple((words.heading(t.invoer[level], v), span) for _ in range(repeat) for v in axis))
    rijen = []
    for v in down:
        cells = []
        for combo in itertools.product(*across):
            uitkomst = picked.get((*combo, v))
            cells.append(words.outcome(uitkomst, t.id) if uitkomst is not None else ("—", "geen rij in de tabel"))
        rijen.append((words.heading(t.invoer[-1], v), tuple(cells)))
    kolommen = tuple(itertools.product(*[[words.heading(t.invoer[i], v) for v in axis] for i, axis in enumerate(across)]))
    betekenissen = tuple((words.name(naam), kop.label, kop.betekenis)
                         for naam, axis in zip(t.invoer, axes)
                         for kop in (words.heading(naam, v) for v in axis) if kop.betekenis)
    return Matrix(tuple(words.name(n) for n in t.invoer[:-1]), tuple(kopregels), kolommen, betekenissen,
                  words.name(t.invoer[-1]), tuple(rijen))


def _ordered_values(naam: str, used: set, model: Model) -> list:
    """The values of an input in the order the rule file gives them (choices, cases)."""
    order: list = []
    if naam in model.vragen:
        vraag = model.vragen[naam]
        order = [o.id for o in vraag.opties] if vraag.opties else [True, False]
    elif naam in model.waarden:
        order = [key(g.waarde) for g in model.waarden[naam].gevallen]
    ranked = [v for v in order if v in used]
    return ranked + sorted((v for v in used if v not in ranked), key=str)


def _concluded_by(model: Model) -> dict[tuple[str, str], tuple[str, ...]]:
    found: dict[tuple[str, str], list[str]] = {}
    for regel in model.regels.values():
        for c in regel.conclusies:
            if isinstance(c, ast.VerwijzingConclusie):
                found.setdefault(("verwijzing", c.id), []).append(regel.id)
            elif isinstance(c, ast.SignaalConclusie):
                found.setdefault(("signaal", c.id), []).append(regel.id)
    return {k: tuple(v) for k, v in found.items()}


# ── Rendering ──


def _highlight(code: str) -> str:
    from .highlight import highlight_html  # pygments only when a document is rendered

    return highlight_html(code)


def template_environment() -> jinja2.Environment:
    """The shared template environment, with the filters of the rules document."""
    from .templating import environment

    env = environment()
    env.filters["highlight"] = lambda code: jinja2.filters.Markup(_highlight(code))
    return env


_env = template_environment()


def render(doc: Document, formaat: str) -> str:
    """The document as Markdown or as one self-contained HTML page."""
    template = _env.get_template({"markdown": "regels.md.j2", "html": "regels.html.j2"}[formaat])
    return template.render(d=doc)
