"""The catalogue of a region as data, for front ends: `wmo toon --regio R --formaat json`.

What a program needs to build its own intake before it starts one: every question
with its text, kind, options (with their labels), unit and source; every derived
value with its label; every product with its name and code. It is built from the
checked model only; no AST leaves this module.
"""

from __future__ import annotations

from ..language import ast
from ..language.check import Model


def _bron(bron: ast.Bron | None) -> str | None:
    return bron.tekst if bron else None


def _label(definition: ast.Waarde | ast.Tabel, naam: str) -> str:
    """A derived value's label from the rule file, else its name in words."""
    return definition.zinnen.label or naam.replace("_", " ")


def catalogue(model: Model) -> dict:
    regio = model.regio
    vragen = []
    for vraag in model.vragen.values():
        if vraag.persoon is not None and vraag.persoon[1] != 1:
            continue  # a person's question once, as asked about the first person
        item: dict[str, object] = {"id": vraag.id, "tekst": vraag.tekst, "soort": vraag.soort,
                "opties": [{"id": o.id, "label": o.label} for o in vraag.opties],
                "eenheid": str(vraag.hoeveelheid) if vraag.hoeveelheid else vraag.eenheid,
                "geheel": vraag.geheel, "groep": vraag.groep, "bron": _bron(vraag.bron)}
        if vraag.soort == "janee":
            item["opties"] = [{"id": True, "label": "ja"}, {"id": False, "label": "nee"}]
        if vraag.persoon is not None:
            item["lijst"], item["veld"] = vraag.persoon[0], vraag.persoon[2]
        vragen.append(item)
    afgeleid: list[tuple[str, ast.Waarde | ast.Tabel]] = [*model.waarden.items(), *model.tabellen.items()]
    waarden = [{"id": naam, "label": _label(d, naam), "bron": _bron(d.bron)}
               for naam, d in afgeleid
               if not (naam in model.waarden and model.waarden[naam].parameter)]
    producten = [{"id": p.id, "naam": p.naam, "code": p.echte_code, "bron": _bron(p.bron)} for p in model.producten.values()]
    return {"regio": {"id": regio.id, "naam": regio.naam}, "vragen": vragen, "waarden": waarden, "producten": producten}
