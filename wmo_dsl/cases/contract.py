"""The JSON contract of one result: the same shape for every region, for ``wmo beoordeel
--formaat json``, for every line of a batch and for the end of a JSON-lines intake."""

from __future__ import annotations

import datetime as dt

from ..language.iwmo import product_code
from ..semantics.engine import Beoordeling, regelversie
from ..semantics.values import maanden
from .answers import duration_json, json_value, typed_json
from .resultaat import resultaat
from .verantwoording import seal, verantwoording
from .toewijzing import allocate, als_json


def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def result_json(b: Beoordeling, uitleg: list[dict] | None, herkomst: dict | None = None) -> dict:
    """The contract's JSON object for one Beoordeling: every value the letter shows, read from
    its :class:`~wmo_dsl.cases.resultaat.Resultaat` (nothing recomputed here), with its sealed
    receipt (``verantwoording.py``; ``herkomst``: question -> (bron, tijdstip) from an intake)."""
    m = b.model
    r = resultaat(b)
    producten = []
    for p, rp in zip(b.producten, r.producten):
        product = m.producten[p.product]
        iwmo = dict(product.iwmo)
        producten.append({
            "code": product.code,
            "naam": product.naam,
            "eenheid": product.eenheid,
            "ingangsdatum": _date(rp.ingangsdatum),
            "einddatum": _date(rp.einddatum),
            "einde": rp.einde,
            "duur_maanden": maanden(rp.duur),
            "max_duur_maanden": maanden(rp.maximale_duur),
            "min_duur_maanden": maanden(p.minimale_duur),
            "duur": json_value(rp.duur),
            "maximale_duur": "onbeperkt" if p.onbeperkt else json_value(p.maximale_duur),
            "duur_met_eenheid": duration_json(rp.duur),  # {"waarde": 6, "eenheid": "weken"}: also when not in months
            "maximale_duur_met_eenheid": None if p.onbeperkt else duration_json(p.maximale_duur),
            "omvang": {"volume": json_value(rp.omvang.volume), "eenheid": rp.omvang.eenheid, "periode": rp.omvang.periode,
                       "tekst": rp.omvang.tekst},
            "tarief": ({"bedrag": json_value(rp.tarief.bedrag), "eenheid": rp.tarief.eenheid, "vanaf": _date(rp.tarief.vanaf)}
                       if rp.tarief else None),
            "bron": product.bron.tekst if product.bron else None,
            "iwmo": {
                "productcategorie": iwmo.get("productcategorie"),
                "productcode": product_code(product) if iwmo else None,  # never an id standing in for a code
                "eenheid": iwmo.get("eenheid"),
                "frequentie": iwmo.get("frequentie"),
                "volume": json_value(p.volume),
            },
            "kenmerken": dict(rp.kenmerken),
            "bedragen": {g.soort: {"bedrag": json_value(g.bedrag), "eenheid": g.eenheid, "tekst": g.tekst} for g in rp.bedragen},
        })
    c = b.conclusies
    termijnen = [{"id": t.id, "omschrijving": t.omschrijving, "datum": t.datum.isoformat(), "bron": t.bron} for t in r.termijnen]
    result = {
        "regio": m.regio.id,
        "regelversie": regelversie(m),
        "peildatum": b.peildatum.isoformat(),
        "uitkomst": b.uitkomst,
        "producten": producten,
        "verwijzingen": [v for v, _ in c.verwijzingen] if c else [],
        "signalen": [s for s, _ in c.signalen] if c else [],
        "termijnen": termijnen,
        "waarden": {k: typed_json(v, m.types.get(k)) for k, v in b.waarden.items()},
        "ontbrekend": list(b.ontbrekend),
        "niet_toegekend": list(r.niet_toegekend),
        "afwijkingen": b.afwijkingen_data(),
        "verantwoording": verantwoording(b, herkomst if herkomst is not None else b.herkomst),
        "toewijzing": als_json(allocate(b, datum_besluit=getattr(b, "datum_besluit", None))),  # iWmo WMO301
        **({"uitleg": uitleg} if uitleg is not None else {}),
    }
    return seal(result)
