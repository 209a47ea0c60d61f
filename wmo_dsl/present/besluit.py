"""A draft beschikking: the letter a consultant sends after an indicatie, in Markdown or A4 HTML.

The letter holds what the Awb asks of a decision on a Wmo request: what was asked
and when, what was examined (the facts that mattered), the decision per product
(name, product code, iWmo omvang, ingangsdatum and einddatum from the duration),
the motivering with its sources and the region's legal basis (art. 3:46-3:47),
what was not granted and why, professional deviations, and how to object within
six weeks (art. 6:7 and 6:8). The citizen's name and address are placeholders,
never filled from answers. A region may give its own template through the hook
``wmo_besluit_sjabloon``; such a template runs in Jinja2's sandbox.
"""

from __future__ import annotations

import datetime as dt

from ..errors import CasusFout, WmoFout
from ..semantics.engine import Beoordeling
from ..semantics.notation import value_text
from ..semantics.values import add_duration
from .brief import Briefgegevens, brief_context, terugwerkend
from .explain import Uitleg

FORMATEN = {"markdown": "besluit.md.j2", "html": "besluit.html.j2"}


def _date(d: dt.date | None) -> str | None:
    return f"{d.day}-{d.month}-{d.year}" if d is not None else None


def start_date(b: Beoordeling) -> dt.date:
    """Where the support starts: the answer to a start-date question, else the peildatum."""
    for qid, vraag in b.model.vragen.items():
        if vraag.soort == "datum" and "start" in qid and isinstance(b.antwoorden.get(qid), dt.date):
            return b.antwoorden[qid]
    return b.peildatum


def product_period(b: Beoordeling, p) -> tuple[dt.date, dt.date | None, dt.date | None]:
    """One product's (ingangsdatum, einddatum from its duur, 'uiterlijk' from its maximum duur): the one
    place the letter reads a product's dates from."""
    m = b.model
    ingang = start_date(b)
    einde = _last_day(ingang, p.duur, m.vrije_dagen)
    uiterlijk = _last_day(ingang, p.maximale_duur, m.vrije_dagen) if p.duur is None else None
    return ingang, einde, uiterlijk


def perioden(b: Beoordeling) -> list[tuple[str, dt.date, dt.date | None]]:
    """(name, ingang, last day) per granted product, for the sentences on terugwerkende kracht."""
    result = []
    for p in b.producten:
        ingang, einde, uiterlijk = product_period(b, p)
        result.append((b.model.producten[p.product].naam, ingang, einde or uiterlijk))
    return result


def past_periods(b: Beoordeling, gegevens: Briefgegevens, vandaag: dt.date | None = None) -> list[str]:
    """The terugwerkende-kracht sentences of this result: for the intake's warning before saving."""
    datum = gegevens.datum_besluit or vandaag or dt.date.today()
    if b.uitkomst != "indicatie":
        return []
    return [z for naam, ingang, einde in perioden(b) if (z := terugwerkend(naam, ingang, einde, gegevens.aanvraagdatum, datum))]


_MEERVOUD = {"uur": "uur", "sessie": "sessies", "rit": "ritten", "dagdeel": "dagdelen", "etmaal": "etmalen",
             "maand": "maanden", "dag": "dagen", "week": "weken", "stuk": "stuks"}


def omvang(b: Beoordeling, p) -> str:
    """The volume as a citizen reads it ('3 uur per week', '6 sessies'): no iWmo codes."""
    product = b.model.producten[p.product]
    if p.volume is None:
        return product.eenheid or ""
    unit = product.volume.t.eenheid if product.volume is not None and product.volume.t is not None else None
    tekst = value_text(p.volume, eenheid=unit)
    eenheid = (product.eenheid or "").strip()
    if unit is None and eenheid.startswith("per "):
        noun = eenheid[4:]
        return f"{tekst} {noun if p.volume == 1 else _MEERVOUD.get(noun, noun)}"
    return tekst if unit is not None or not eenheid else f"{tekst} {eenheid}"


def context(b: Beoordeling, uitleg: Uitleg, aanvraagdatum: dt.date | None = None,
            gegevens: Briefgegevens | None = None, vandaag: dt.date | None = None) -> dict:
    """Everything the letter says, as data for its template."""
    if b.uitkomst == "onvolledig":
        raise CasusFout("een besluit kan pas als de casus te beoordelen is; nog nodig: "
                        + "; ".join(tekst for _, tekst in uitleg.ontbrekend))
    m = b.model
    besluiten = []
    for p, tekst in zip(b.producten, uitleg.producten):
        product = m.producten[p.product]
        ingang, einde, uiterlijk = product_period(b, p)
        besluiten.append({
            "naam": product.naam,
            "code": product.echte_code or "—",
            "omvang": omvang(b, p),
            "ingang": _date(ingang),
            "einde": _date(einde) if einde else (f"uiterlijk {_date(uiterlijk)}" if uiterlijk else
                                                 "voor onbepaalde tijd" if p.onbeperkt else "niet bepaald"),
            "bron": tekst["bron"],
        })
    regio = m.regio
    gegevens = gegevens or Briefgegevens(aanvraagdatum=aanvraagdatum)
    return {
        "u": uitleg,
        "regio_naam": regio.naam,
        "grondslag": regio.grondslag,
        "besluiten": besluiten,
        "toegekend": b.uitkomst == "indicatie",
        **brief_context(b, gegevens, perioden(b), vandaag),
    }


def render_besluit(b: Beoordeling, uitleg: Uitleg, formaat: str = "markdown", aanvraagdatum: dt.date | None = None,
                   eigen: str | None = None, gegevens: Briefgegevens | None = None, vandaag: dt.date | None = None) -> str:
    """The letter as Markdown or as one self-contained HTML page that prints on A4; ``eigen`` is a
    region's own template (``plugins.besluit_sjabloon``), run in the sandbox."""
    data = context(b, uitleg, aanvraagdatum, gegevens, vandaag)
    if eigen:
        from .sandbox import SjabloonFout, render

        try:
            return render(eigen, data)
        except SjabloonFout as err:
            raise WmoFout(f"het besluitsjabloon van regio {b.model.regio.id} kan niet gebruikt worden: {err}") from None
    from .templating import environment

    return environment().get_template(FORMATEN[formaat]).render(**data)


def _last_day(ingang: dt.date, duur, vrij) -> dt.date | None:
    """The last day of a duration from ``ingang``; None without a duration, or when the end
    would leave the calendar (the engine bounds durations to 100 years first)."""
    if duur is None:
        return None
    einde = add_duration(ingang, duur, vrij)
    return None if einde is None else einde - dt.timedelta(days=1)
