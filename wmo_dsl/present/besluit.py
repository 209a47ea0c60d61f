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

import dataclasses

import datetime as dt
from pathlib import Path

from ..errors import CasusFout, WmoFout
from ..semantics.engine import Beoordeling
from ..semantics.notation import value_text
from .brief import Briefgegevens, brief_context, terugwerkend
from ..cases.resultaat import datum_tekst, einde_tekst, resultaat
from .explain import Uitleg

FORMATEN = {"markdown": "besluit.md.j2", "html": "besluit.html.j2"}


def _date(d: dt.date | None) -> str | None:
    return datum_tekst(d)


def perioden(b: Beoordeling) -> list[tuple[str, dt.date, dt.date | None]]:
    """(name, ingang, last day) per granted product, from the result, for the sentences on terugwerkende kracht."""
    return [(p.naam, p.ingangsdatum, p.einddatum) for p in resultaat(b).producten]


def past_periods(b: Beoordeling, gegevens: Briefgegevens, vandaag: dt.date | None = None) -> list[str]:
    """The terugwerkende-kracht sentences of this result: for the intake's warning before saving."""
    datum = gegevens.datum_besluit or vandaag or dt.date.today()
    if b.uitkomst != "indicatie":
        return []
    return [z for naam, ingang, einde in perioden(b) if (z := terugwerkend(naam, ingang, einde, gegevens.aanvraagdatum, datum))]


def refusal_grounds(b: Beoordeling, uitleg: Uitleg) -> Uitleg:
    """A refusal letter gives as reasons the grounds of the refusal: the rules' 'geen indicatie'
    (their motivering in "u" form), not every derived value read on the way (an internal step, or
    a fact that argues for support). Without such a rule the argument stays as it is."""
    if b.uitkomst != "geen_indicatie":
        return uitleg
    gronden = [p for p in uitleg.waarom if p.onderwerp == "geen indicatie"]
    return dataclasses.replace(uitleg, waarom=gronden) if gronden else uitleg


def context(b: Beoordeling, uitleg: Uitleg, aanvraagdatum: dt.date | None = None,
            gegevens: Briefgegevens | None = None, vandaag: dt.date | None = None) -> dict:
    """Everything the letter says, as data for its template. The dictum's values come from the
    case's :class:`~wmo_dsl.cases.resultaat.Resultaat`: nothing is recomputed here."""
    if b.uitkomst == "onvolledig":
        raise CasusFout("een besluit kan pas als de casus te beoordelen is; nog nodig: "
                        + "; ".join(tekst for _, tekst in uitleg.ontbrekend))
    m = b.model
    r = resultaat(b)
    besluiten = []
    for p, tekst in zip(r.producten, uitleg.producten):
        besluiten.append({
            "naam": p.naam,
            "code": p.code or "—",
            "omvang": p.omvang.tekst,
            "ingang": datum_tekst(p.ingangsdatum),
            "einde": einde_tekst(p),
            "duur": value_text(p.duur) if p.duur is not None else None,
            "bron": tekst["bron"],
            "bedragen": [f"Voor {p.naam} {'betaalt u een eigen bijdrage' if g.soort == 'eigen_bijdrage' else 'ontvangt u een vergoeding'}"
                         f" van {g.tekst}." for g in p.bedragen if g.bedrag is not None],
        })
    regio = m.regio
    gegevens = gegevens or Briefgegevens(aanvraagdatum=aanvraagdatum)
    return {
        "u": refusal_grounds(b, uitleg),
        "regio_naam": regio.naam,
        "grondslag": regio.grondslag,
        "besluiten": besluiten,
        "toegekend": b.uitkomst == "indicatie",
        **brief_context(b, gegevens, perioden(b), vandaag),
    }


def sidecar_path(pad: str | Path) -> Path:
    """Where a besluit's receipt goes: 'b.html' -> 'b.verantwoording.json' (for 'wmo herbereken')."""
    pad = Path(pad)
    return pad.with_name(pad.stem + ".verantwoording.json")


def sidecar(b: Beoordeling) -> str:
    """The JSON result with its receipt that goes beside a besluit: the letter's values, checkable."""
    from ..cases.contract import result_json
    from ..language import limits

    return limits.dumps(result_json(b, None), indent=2) + "\n"


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

