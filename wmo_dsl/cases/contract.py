"""The JSON contract of one result: the same shape for every region, for ``wmo beoordeel
--formaat json``, for every line of a batch and for the end of a JSON-lines intake."""

from __future__ import annotations

from ..language.iwmo import product_code
from ..semantics.engine import Beoordeling, regelversie
from ..semantics.values import maanden
from .answers import json_value, typed_json
from .toewijzing import allocate, als_json


def result_json(b: Beoordeling, uitleg: list[dict] | None) -> dict:
    """The contract's JSON object for one Beoordeling."""
    m = b.model
    producten = []
    for p in b.producten:
        product = m.producten[p.product]
        iwmo = dict(product.iwmo)
        producten.append({
            "code": product.code,
            "naam": product.naam,
            "eenheid": product.eenheid,
            "duur_maanden": maanden(p.duur),
            "max_duur_maanden": maanden(p.maximale_duur),
            "min_duur_maanden": maanden(p.minimale_duur),
            "duur": json_value(p.duur),
            "maximale_duur": "onbeperkt" if p.onbeperkt else json_value(p.maximale_duur),
            "bron": product.bron.tekst if product.bron else None,
            "iwmo": {
                "productcategorie": iwmo.get("productcategorie"),
                "productcode": product_code(product) if iwmo else None,  # never an id standing in for a code
                "eenheid": iwmo.get("eenheid"),
                "frequentie": iwmo.get("frequentie"),
                "volume": json_value(p.volume),
            },
            "kenmerken": dict(product.kenmerken),
        })
    c = b.conclusies
    termijnen = []
    for tid, datum in (c.termijnen if c and b.uitkomst == "indicatie" else []):
        t = m.termijnen[tid]
        termijnen.append({"id": tid, "omschrijving": t.omschrijving, "datum": datum.isoformat(), "bron": t.bron.tekst if t.bron else None})
    return {
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
        "afwijkingen": [a.als_data() for a in b.afwijkingen],
        "toewijzing": als_json(allocate(b, datum_besluit=getattr(b, "datum_besluit", None))),  # iWmo WMO301
        **({"uitleg": uitleg} if uitleg is not None else {}),
    }
