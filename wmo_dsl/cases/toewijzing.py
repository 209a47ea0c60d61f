"""The toewijzing: per indicated product what an iWmo 3.2 WMO301 ToegewezenProduct carries.

Per product: ToewijzingNummer, Product (Categorie from WMO020, Code), Toewijzingsdatum
and -tijd, Ingangsdatum, Einddatum and Omvang (Volume, Eenheid, Frequentie), the
Omvang by the rules of ``language/iwmo.py``. What the tool cannot know is never
invented: a ToewijzingNummer comes from the case file or ``--gegevens``, else it is
a deterministic placeholder marked as such; a product without a known productcode
(``code onbekend``, or an id that is no code) is refused with the reason, in Dutch,
and never gets its id as code. The XML is written by ``present/wmo301.py``; the same
fields are the ``toewijzing`` block of the JSON contract (``contract.py``), where the
Toewijzingsdatum and -tijd stay empty unless the case gives ``datum_besluit``: a result
is not yet the moment the toewijzing is established (IV013).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from ..errors import CasusFout
from ..language import ast
from ..language import iwmo as I
from ..semantics.engine import Beoordeling
from .resultaat import resultaat

PLACEHOLDER_FROM = 900_000_000  # placeholders are 9xxxxxxxx: easy to spot, never a real number by accident


@dataclass(frozen=True)
class Toewijzing:
    """One ToegewezenProduct."""

    product: str  # the product id (for messages; never written as code)
    naam: str
    nummer: int
    nummer_voorlopig: bool  # a placeholder, not the gemeente's number
    categorie: str
    code: str
    datum: dt.date | None  # None: not yet established (the JSON result without datum_besluit)
    tijd: dt.time | None
    ingangsdatum: dt.date
    einddatum: dt.date | None
    omvang: I.Omvang

    def als_data(self) -> dict:
        return {
            "product": self.naam,
            "toewijzingnummer": self.nummer,
            "toewijzingnummer_voorlopig": self.nummer_voorlopig,
            "categorie": self.categorie,
            "code": self.code,
            "toewijzingsdatum": self.datum.isoformat() if self.datum else None,
            "toewijzingstijd": self.tijd.isoformat(timespec="seconds") if self.tijd else None,
            "ingangsdatum": self.ingangsdatum.isoformat(),
            "einddatum": self.einddatum.isoformat() if self.einddatum else None,
            "omvang": {"volume": self.omvang.volume, "eenheid": self.omvang.eenheid, "frequentie": self.omvang.frequentie},
        }


@dataclass(frozen=True)
class Weigering:
    """A product that gets no toewijzing, and why (Dutch)."""

    product: str
    naam: str
    reden: str

    def als_data(self) -> dict:
        return {"product": self.naam, "reden": self.reden}


def moment(datum_besluit: dt.date | None, nu: dt.datetime | None = None) -> tuple[dt.date | None, dt.time | None]:
    """Toewijzingsdatum and -tijd: the day of the decision (at 00:00:00), else ``nu`` (None: not yet)."""
    if datum_besluit is not None:
        return datum_besluit, dt.time(0, 0, 0)
    if nu is None:
        return None, None
    return nu.date(), nu.time().replace(microsecond=0)


def placeholder(b: Beoordeling, product: str) -> int:
    """A deterministic stand-in for a ToewijzingNummer: the same case and product give the same number."""
    def text(v: object) -> str:  # a set's order follows its insertion history: sorted, so equal answers give equal numbers
        return str(sorted(v, key=str)) if isinstance(v, (set, frozenset)) else str(v)

    key = json.dumps([b.model.regio.id, b.peildatum.isoformat(), product, sorted((k, text(v)) for k, v in b.antwoorden.items())])
    return PLACEHOLDER_FROM + int(hashlib.sha256(key.encode()).hexdigest(), 16) % 100_000_000


def allocate(b: Beoordeling, nummers: dict | None = None, datum_besluit: dt.date | None = None,
             nu: dt.datetime | None = None) -> list[Toewijzing | Weigering]:
    """The toewijzing of every indicated product, or its refusal. ``nummers``: ToewijzingNummer
    per productcode (or product id) from the case file or ``--gegevens``; ``nu``: the moment of
    the toewijzing when the case gives no ``datum_besluit`` (the XML passes now)."""
    nummers = nummers or {}
    datum, tijd = moment(datum_besluit, nu)
    result: list[Toewijzing | Weigering] = []
    for p, rp in zip(b.producten, resultaat(b).producten):  # the dates and durations of the one result
        product = b.model.producten[p.product]
        reden = _refusal(product)
        if reden is not None:
            result.append(Weigering(p.product, product.naam, reden))
            continue
        code = I.product_code(product)
        assert code is not None  # _refusal refuses a product without one
        v = I.product_vorm(product, duur=rp.duur)
        o = I.omvang(v, p.volume) if not isinstance(v, str) and p.volume is not None else (
            v if isinstance(v, str) else "het product heeft bij deze casus geen volume")
        if isinstance(o, str):
            result.append(Weigering(p.product, product.naam, o))
            continue
        ingang, einde = rp.ingangsdatum, rp.einddatum
        if einde is None and o.frequentie in I.EINDDATUM_VERPLICHT:
            result.append(Weigering(p.product, product.naam, "een omvang per week heeft een einddatum nodig (CD076), "
                                                             "en het product heeft geen duur of maximale duur"))
            continue
        if einde is not None and einde < ingang:
            result.append(Weigering(p.product, product.naam, f"de einddatum {einde.isoformat()} ligt vóór de ingangsdatum "
                                                             f"{ingang.isoformat()} (CS003)"))
            continue
        given = nummers.get(code, nummers.get(p.product))
        nummer = _number(given, code) if given is not None else placeholder(b, p.product)
        result.append(Toewijzing(p.product, product.naam, nummer, given is None, dict(product.iwmo)["productcategorie"], code,
                                 datum, tijd, ingang, einde, o))
    return result


def _refusal(product: ast.Product) -> str | None:
    """Why a product gets no toewijzing whatever the case, or None."""
    if not I.states_iwmo(product):
        return "het regelbestand zegt niets over de iWmo-toewijzing van dit product (geen iwmo-blok)"
    if product.code_onbekend is not None:
        return f"de iWmo-productcode is onbekend: {product.code_onbekend}"
    code = I.product_code(product)
    if code is None:
        return "het product heeft geen iWmo-productcode (het regelbestand noemt alleen een id)"
    if len(code) > 5:
        return f"productcode '{code}' is langer dan 5 tekens"
    categorie = dict(product.iwmo).get("productcategorie")
    if categorie not in I.CATEGORIE:
        return f"productcategorie '{categorie}' staat niet in WMO020" if categorie else "het product heeft geen productcategorie"
    return None


def _number(value: object, code: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 999_999_999:
        raise CasusFout(f"het toewijzingnummer voor {code} moet een geheel getal van 0 tot en met 999999999 zijn")
    return value


def als_json(items: list[Toewijzing | Weigering]) -> dict:
    """The ``toewijzing`` block of ``--formaat json``."""
    return {"producten": [t.als_data() for t in items if isinstance(t, Toewijzing)],
            "geweigerd": [w.als_data() for w in items if isinstance(w, Weigering)]}


def refusal_text(b: Beoordeling, items: list[Toewijzing | Weigering]) -> str | None:
    """Why no toewijzing can be sent for this case (Dutch), or None when every product has one."""
    if b.uitkomst != "indicatie":
        wat = {"geen_indicatie": "de uitkomst is geen indicatie", "onvolledig": "de casus is nog niet te beoordelen"}
        return f"geen toewijzing: {wat.get(b.uitkomst, b.uitkomst)}"
    refused = [w for w in items if isinstance(w, Weigering)]
    if not refused:
        return None
    return "geen toewijzing: " + "; ".join(f"{w.naam}: {w.reden}" for w in refused)
