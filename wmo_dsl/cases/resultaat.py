"""The decision as values: one :class:`Resultaat`, built once from a Beoordeling, that every
renderer reads (the JSON result, the screen text, Markdown, the besluit, the toewijzing).

Why a separate frozen object and not more fields on ``Beoordeling``: the Beoordeling is
what the rules concluded (products with their terms as durations); the Resultaat is the
decision a consultant signs, with the calendar applied: per product its ingangsdatum and
einddatum (or 'uiterlijk', or onbepaald), the duration with its unit, the omvang (volume,
eenheid, period), its tariff; the deadlines. A professional deviation on a derived value
already flows through the evaluation (products, volumes, durations, deadlines); a deviation
on the einddatum itself (a derived date named ``einddatum`` or ``einddatum_<product>``) sets
the product's einddatum here, and the duration follows from it. No renderer computes a date,
a duration or a volume of its own: they format these fields.

Use :func:`resultaat` (cached on the Beoordeling, so it is built once).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, assert_never, get_args, overload

from ..language import ast
from ..semantics.engine import Beoordeling
from ..semantics.evaluate import ProductToekenning, Uitkomst
from ..semantics.values import add_duration

Einde = Literal["einddatum", "uiterlijk", "onbepaald", "niet_bepaald"]
EINDE_SOORTEN: tuple[Einde, ...] = get_args(Einde)


@dataclass(frozen=True)
class Omvang:
    """How much: '2,5 uur per week' as volume 2,5, eenheid 'uur', periode 'week'."""

    volume: Decimal | None
    eenheid: str | None  # the unit's measure ('uur', 'stuks') or the product's eenheid in words
    periode: str | None  # 'week', 'maand', ... or None: in total
    tekst: str  # the omvang as the letter shows it ('' when the rules give none)


@dataclass(frozen=True)
class Tariefregel:
    bedrag: Decimal
    eenheid: str  # 'per maand', 'per uur'
    vanaf: dt.date


@dataclass(frozen=True)
class Bedragregel:
    """An amount that comes with a product: what the citizen pays (eigen bijdrage) or receives (vergoeding)."""

    soort: str  # 'eigen_bijdrage' | 'vergoeding'
    woorden: str  # 'eigen bijdrage'
    bedrag: Decimal | None  # the number in ``eenheid`` (None: the rules give no amount for this case)
    eenheid: str | None  # 'euro', 'euro per maand'
    tekst: str  # as the letter shows it


@dataclass(frozen=True)
class ProductBesluit:
    """One granted product, as the dictum states it."""

    product: str  # the id (for the toewijzing; never shown to the citizen)
    code: str | None  # the real product code, or None when the rule file gives only an id
    naam: str
    ingangsdatum: dt.date
    einde: Einde
    einddatum: dt.date | None  # the last day ('einddatum'), or the latest last day ('uiterlijk')
    duur: ast.Duur | None  # the duration that goes with ingangsdatum..einddatum
    maximale_duur: ast.Duur | None
    minimale_duur: ast.Duur | None
    omvang: Omvang
    tarief: Tariefregel | None  # the tariff in force at the ingangsdatum
    regel: str  # the rule that grants it
    bron: str | None
    iwmo: tuple[tuple[str, str], ...]  # the toewijzing's fields (productcategorie, eenheid, frequentie)
    kenmerken: tuple[tuple[str, str], ...] = ()  # (naam, tekst) from the catalogue, {naam} filled in
    bedragen: tuple[Bedragregel, ...] = ()  # eigen bijdrage, vergoeding


@dataclass(frozen=True)
class Termijnbesluit:
    id: str
    omschrijving: str
    datum: dt.date
    bron: str | None


@dataclass(frozen=True)
class Resultaat:
    uitkomst: str  # "indicatie" | "geen_indicatie" | "onvolledig"
    peildatum: dt.date
    producten: tuple[ProductBesluit, ...]
    niet_toegekend: tuple[str, ...]  # products the rules named but did not grant (never one of ``producten``)
    termijnen: tuple[Termijnbesluit, ...]
    verwijzingen: tuple[str, ...]
    signalen: tuple[str, ...]


def resultaat(b: Beoordeling) -> Resultaat:
    """The decision of ``b`` as values, built once and kept on ``b``."""
    cached = b.__dict__.get("_resultaat")
    if cached is None:
        cached = _build(b)
        b.__dict__["_resultaat"] = cached
    return cached


def _build(b: Beoordeling) -> Resultaat:
    m = b.model
    c = b.conclusies
    if c is None:
        return Resultaat(b.uitkomst, b.peildatum, (), (), (), (), ())
    ingang = ingangsdatum(b)
    producten = tuple(_product(b, p, ingang) for p in b.producten)
    granted = {p.product for p in producten}
    refused = [pid for pid, _ in c.geen_product] + [pid for pid, _ in c.niet_gecombineerd]
    termijnen = tuple(Termijnbesluit(tid, m.termijnen[tid].omschrijving, datum,
                                     bron.tekst if (bron := m.termijnen[tid].bron) else None)
                      for tid, datum in (termijn_dates(c) if b.uitkomst == "indicatie" else []))
    return Resultaat(b.uitkomst, b.peildatum, producten, tuple(dict.fromkeys(p for p in refused if p not in granted)),
                     termijnen, tuple(v for v, _ in c.verwijzingen), tuple(s for s, _ in c.signalen))


def termijn_dates(c: Uitkomst) -> list[tuple[str, dt.date]]:
    """The deadlines the rules concluded as (id, date): a termijn's datum is a date (the checker types it so)."""
    dates = []
    for tid, datum in c.termijnen:
        assert isinstance(datum, dt.date), f"termijn {tid}: {datum!r}"
        dates.append((tid, datum))
    return dates


def _derived_date(b: Beoordeling, naam: str) -> dt.date | None:
    """A derived date of the rules (with the deviations applied), or None when there is none."""
    if b.evaluatie is None or naam not in b.model.waarden or b.model.waarden[naam].parameter:
        return None
    try:
        value = b.evaluatie.derived(naam, None)
    except Exception:  # noqa: BLE001 - a value the case cannot compute is no date for the letter
        return None
    return value if isinstance(value, dt.date) else None


def ingangsdatum(b: Beoordeling) -> dt.date:
    """Where the support starts: a derived 'ingangsdatum', else the answer to a start-date
    question, else the peildatum."""
    derived = _derived_date(b, "ingangsdatum")
    if derived is not None:
        return derived
    for qid, vraag in b.model.vragen.items():
        if vraag.soort == "datum" and "start" in qid and isinstance(b.antwoorden.get(qid), dt.date):
            return b.antwoorden[qid]
    return b.peildatum


def _product(b: Beoordeling, p: ProductToekenning, ingang: dt.date) -> ProductBesluit:
    m = b.model
    product = m.producten[p.product]
    vrij = m.vrije_dagen
    gegeven = _derived_date(b, f"einddatum_{p.product}") or _derived_date(b, "einddatum")
    duur = p.duur
    einde: Einde
    einddatum: dt.date | None
    if gegeven is not None and (duur is None or last_day(ingang, duur, vrij) != gegeven):
        einde, einddatum, duur = "einddatum", gegeven, duration_between(ingang, gegeven)
    elif duur is not None and last_day(ingang, duur, vrij) is not None:
        einde, einddatum = "einddatum", last_day(ingang, duur, vrij)
    elif p.maximale_duur is not None and not p.onbeperkt and last_day(ingang, p.maximale_duur, vrij) is not None:
        einde, einddatum = "uiterlijk", last_day(ingang, p.maximale_duur, vrij)
    else:
        einde, einddatum = ("onbepaald" if p.onbeperkt else "niet_bepaald"), None
    return ProductBesluit(
        product=p.product, code=product.echte_code, naam=product.naam, ingangsdatum=ingang, einde=einde, einddatum=einddatum,
        duur=duur, maximale_duur=None if p.onbeperkt else p.maximale_duur, minimale_duur=p.minimale_duur,
        omvang=_omvang(product, p.volume), tarief=_tarief(product, ingang), regel=p.regel,
        bron=product.bron.tekst if product.bron else None, iwmo=product.iwmo,
        kenmerken=tuple((naam, _filled(b, tekst)) for naam, tekst in product.kenmerken), bedragen=_bedragen(b, product))


def _informatief(b: Beoordeling) -> dict:
    return dict(b.conclusies.informatief) if b.conclusies is not None else {}


def _filled(b: Beoordeling, text: str) -> str:
    """A kenmerk with its {naam} placeholders filled with the case's values in words (an unknown one stays)."""
    from ..language.motivations import PLACEHOLDER
    from ..semantics.notation import typed_text

    shown = _informatief(b)

    def one(match: re.Match[str]) -> str:
        naam = match.group(1).strip()
        if naam in shown:
            return typed_text(shown[naam], b.model.types.get(naam))
        return match.group(0)
    return PLACEHOLDER.sub(one, text)


def _bedragen(b: Beoordeling, product: ast.Product) -> tuple[Bedragregel, ...]:
    from ..semantics.notation import value_text

    shown = _informatief(b)
    regels = []
    for bedrag in product.bedragen:
        value = shown.get(f"{product.id}.{bedrag.soort}")
        unit = bedrag.expr.t.eenheid if bedrag.expr.t is not None else None
        number = value if isinstance(value, Decimal) else None
        regels.append(Bedragregel(bedrag.soort, bedrag.woorden, number, str(unit) if unit is not None else None,
                                  value_text(number, eenheid=unit) if number is not None else "niet bepaald"))
    return tuple(regels)


def last_day(ingang: dt.date, duur: ast.Duur, vrij: frozenset = frozenset()) -> dt.date | None:
    """The last day of a period of ``duur`` from ``ingang`` (the day before ingang + duur)."""
    na = add_duration(ingang, duur, vrij)
    return na - dt.timedelta(days=1) if na is not None and na > dt.date.min else None


def duration_between(ingang: dt.date, einddatum: dt.date) -> ast.Duur:
    """The duration from the first to the last day: whole months where it is, else days."""
    na = einddatum + dt.timedelta(days=1)
    months = (na.year - ingang.year) * 12 + na.month - ingang.month
    if months > 0 and add_duration(ingang, ast.Duur(months, "maanden")) == na:
        return ast.Duur(months, "maanden")
    return ast.Duur((na - ingang).days, "dagen")


def _omvang(product: ast.Product, volume: object) -> Omvang:
    from ..semantics.notation import value_text

    t = product.volume.t if product.volume is not None else None
    unit = t.eenheid if t is not None else None
    if volume is None:
        return Omvang(None, product.eenheid, None, product.eenheid or "")
    if isinstance(volume, Decimal) and unit is not None:
        return Omvang(volume, unit.maat, unit.periode, value_text(volume, eenheid=unit))
    number = volume if isinstance(volume, Decimal) else None
    return Omvang(number, product.eenheid, None, f"{value_text(volume)} {product.eenheid or ''}".strip())


def _tarief(product: ast.Product, op: dt.date) -> Tariefregel | None:
    geldig = [t for t in product.tarieven if t.vanaf <= op]
    if not geldig:
        return None
    t = max(geldig, key=lambda t: t.vanaf)
    return Tariefregel(t.bedrag, t.eenheid, t.vanaf)


@overload
def datum_tekst(d: dt.date) -> str: ...
@overload
def datum_tekst(d: dt.date | None) -> str | None: ...
def datum_tekst(d: dt.date | None) -> str | None:
    return f"{d.day}-{d.month}-{d.year}" if d is not None else None


def einde_tekst(p: ProductBesluit) -> str:
    """The letter's 'tot en met' cell."""
    match p.einde:
        case "einddatum":
            assert p.einddatum is not None
            return datum_tekst(p.einddatum)
        case "uiterlijk":
            return f"uiterlijk {datum_tekst(p.einddatum)}"
        case "onbepaald":
            return "voor onbepaalde tijd"
        case "niet_bepaald":
            return "niet bepaald"
        case _ as unreachable:
            assert_never(unreachable)
