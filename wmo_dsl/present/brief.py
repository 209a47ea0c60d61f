"""What a beschikking says beyond the decision itself: its opening, dates, kenmerk, clauses and fill-ins.

The opening follows the kind of case (:data:`AARDEN`): the rule file may derive it as
``aard_van_de_zaak`` (``aanvraag``, ``melding`` or ``ambtshalve``); without it the
letter answers an aanvraag. The letter's date is the day it is made unless
``datum_besluit`` fixes it. Every place a consultant still has to fill in is an
:class:`Invul`, highlighted the same way and listed in a block that is not printed.
A granting letter states the leveringsvorm (zorg in natura or a pgb, art. 2.3.6 Wmo
2015) and the eigen bijdrage (the CAK, or the region's own ``eigen bijdrage``
sentence), and a period that starts before the aanvraag or lies wholly before the
letter's date (terugwerkende kracht).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, assert_never

from ..semantics.engine import Beoordeling

Aard = Literal["aanvraag", "melding", "ambtshalve"]
AARDEN: tuple[Aard, ...] = ("aanvraag", "melding", "ambtshalve")
AARD_WAARDE = "aard_van_de_zaak"  # the derived value a region names its case kinds with


@dataclass(frozen=True)
class Briefgegevens:
    """What the letter knows besides the rules: from a case file or the intake."""

    aanvraagdatum: dt.date | None = None
    kenmerk: str | None = None
    gemeente: str | None = None
    datum_besluit: dt.date | None = None  # None: today


class Invul(str):
    """A place in the letter the consultant fills in: shown as '[…]', highlighted, listed apart."""


def date_text(d: dt.date | None) -> str | None:
    return f"{d.day}-{d.month}-{d.year}" if d is not None else None


def aard(b: Beoordeling) -> Aard:
    """The kind of case: what the rules derive as ``aard_van_de_zaak``, else an aanvraag."""
    waarde = b.waarden.get(AARD_WAARDE)
    return waarde if waarde in AARDEN else "aanvraag"


def opening(soort: Aard, aanvraagdatum: str | Invul) -> dict:
    """The subject line and the first sentences, for an aanvraag, a melding or an ambtshalve case."""
    wet = "de Wet maatschappelijke ondersteuning 2015 (Wmo)"
    match soort:
        case "aanvraag":
            return {"onderwerp": "besluit op uw aanvraag voor ondersteuning uit de Wmo 2015",
                    "zinnen": [("Op", aanvraagdatum, f"heeft u ondersteuning gevraagd op grond van {wet}. "
                                "Wij hebben uw aanvraag onderzocht.")]}
        case "melding":
            return {"onderwerp": "besluit over ondersteuning uit de Wmo 2015 na uw melding",
                    "zinnen": [("Op", aanvraagdatum, "heeft u bij ons gemeld dat u ondersteuning nodig heeft (artikel 2.3.2 van "
                                "de Wmo 2015). Wij hebben met u onderzocht welke ondersteuning passend is.")]}
        case "ambtshalve":
            return {"onderwerp": "besluit over ondersteuning uit de Wmo 2015",
                    "zinnen": [("Op", aanvraagdatum, "is ons gemeld dat u mogelijk ondersteuning nodig heeft. U heeft zelf geen "
                                f"hulpvraag gesteld. Wij hebben daarom uit eigen beweging onderzocht of u ondersteuning op grond van {wet} "
                                "nodig heeft.")]}
        case _ as unreachable:
            assert_never(unreachable)


LEVERINGSVORM = ("U krijgt deze ondersteuning in natura: een aanbieder waarmee de gemeente een contract heeft, levert haar. "
                 "U kunt ons ook vragen om een persoonsgebonden budget (pgb), waarmee u de ondersteuning zelf inkoopt "
                 "(artikel 2.3.6 van de Wmo 2015). Wij beoordelen dan of u dat kunt en of de ondersteuning die u met het pgb "
                 "wilt inkopen veilig, doeltreffend en cliëntgericht is.")
EIGEN_BIJDRAGE = ("Voor deze ondersteuning betaalt u een eigen bijdrage (artikel 2.1.4 van de Wmo 2015). Het Centraal "
                  "Administratiekantoor (CAK) stelt de hoogte vast en int haar; u krijgt daarover een brief van het CAK.")
GEEN_EIGEN_BIJDRAGE = "Voor deze ondersteuning betaalt u geen eigen bijdrage."


def eigen_bijdrage(b: Beoordeling) -> str:
    """The region's own sentence (``eigen bijdrage "…"``), none (``eigen bijdrage geen``), or the CAK's."""
    eigen = b.model.regio.eigen_bijdrage
    if eigen is None:
        return EIGEN_BIJDRAGE
    return eigen or GEEN_EIGEN_BIJDRAGE


def terugwerkend(naam: str, ingang: dt.date, einde: dt.date | None, aanvraag: dt.date | None, datum: dt.date) -> str | None:
    """The sentence for a period that starts before the aanvraag or lies wholly before the letter's date."""
    periode = f"{date_text(ingang)} tot en met {date_text(einde)}" if einde else f"vanaf {date_text(ingang)}"
    if einde is not None and einde < datum:
        return (f"{naam} ({periode}) ligt helemaal vóór de datum van deze brief: wij kennen deze ondersteuning met "
                "terugwerkende kracht toe, voor een periode die al voorbij is.")
    if aanvraag is not None and ingang < aanvraag:
        return (f"{naam} gaat in op {date_text(ingang)}, vóór de datum van uw aanvraag ({date_text(aanvraag)}): wij kennen "
                "deze ondersteuning met terugwerkende kracht toe.")
    return None


VASTE_INVUL = ("[Naam inwoner]", "[Straat en huisnummer]", "[Postcode en woonplaats]", "[heer/mevrouw]", "[naam]",
               "[adres]", "[naam consulent]", "[functie]")


def brief_context(b: Beoordeling, gegevens: Briefgegevens, perioden: list[tuple[str, dt.date, dt.date | None]],
                  vandaag: dt.date | None = None) -> dict:
    """The letter's own part of the template data. ``perioden`` is (product name, ingang, einde) per
    granted product, as the decision table states them."""
    regio = b.model.regio
    datum = gegevens.datum_besluit or vandaag or dt.date.today()
    gemeente = gegevens.gemeente or (regio.gemeenten[0] if len(regio.gemeenten) == 1 else None)
    soort = aard(b)
    aanvraag = date_text(gegevens.aanvraagdatum) or Invul("[datum]" if soort == "ambtshalve" else "[aanvraagdatum]")
    toegekend = b.uitkomst == "indicatie"
    velden = {
        "gemeente": gemeente or Invul("[gemeente]"),
        "kenmerk": gegevens.kenmerk or Invul("[kenmerk]"),
        "grondslag": regio.grondslag or Invul("[de verordening maatschappelijke ondersteuning van de gemeente, "
                                              "die het brondocument niet noemt]"),
    }
    invul = [*VASTE_INVUL[:5], *(v for v in (aanvraag, velden["kenmerk"]) if isinstance(v, Invul))]
    invul += [v for v in (velden["gemeente"], velden["grondslag"]) if isinstance(v, Invul)] + list(VASTE_INVUL[5:])
    return {
        "gemeente": gemeente,  # as before, for a region's own template: None when unknown
        "aanvraagdatum": date_text(gegevens.aanvraagdatum),
        "aanvraag_bekend": gegevens.aanvraagdatum is not None,
        "aard": soort,
        "opening": opening(soort, aanvraag),
        "datum": date_text(datum),
        "veld": velden,
        "leveringsvorm": LEVERINGSVORM if toegekend else None,
        "eigen_bijdrage": eigen_bijdrage(b) if toegekend else None,
        "terugwerkend": [z for naam, ingang, einde in perioden
                         if (z := terugwerkend(naam, ingang, einde, gegevens.aanvraagdatum, datum))] if toegekend else [],
        "in_te_vullen": list(dict.fromkeys(invul)),
        "invul": lambda x: isinstance(x, Invul),
        "vast": {t: Invul(t) for t in VASTE_INVUL},
    }

