"""What each point of an explanation is about, for a program reading the JSON: its kind, the id
in the rule file, and a label in words from the rule file (a derived value's ``label``, a product's
name, what a rule decides, a termijn's or referral's description; ``namen.py``), so that no id has
to stand in for a name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..language import ast
from ..language.model import Model
from .namen import regel_naam, waarde_naam

SOORTEN = ("waarde", "product", "regel", "geen_indicatie", "geen_product", "termijn", "verwijzing", "signaal", "afwijking",
           "geen_reden", "overig")


def point_labels(onderwerpen: Iterable[str], model: Model) -> dict[str, dict]:
    """Per onderwerp of a point (as ``explain.build`` writes it) its {"label", "soort", "id"}."""
    words = {naam.replace("_", " "): ("waarde", naam) for naam in [*model.waarden, *model.tabellen]}
    for pid in model.producten:
        words.setdefault(pid.replace("_", " "), ("product", pid))

    def named(soort: str, naam: str) -> dict:
        return {"label": waarde_naam(model, naam) if soort == "waarde" else model.producten[naam].naam, "soort": soort, "id": naam}

    def about(onderwerp: str) -> dict:
        if onderwerp in ("geen indicatie", "geen reden"):
            return {"label": onderwerp, "soort": onderwerp.replace(" ", "_"), "id": None}
        if onderwerp in words:
            return named(*words[onderwerp])
        afweging = onderwerp.removeprefix("professionele afweging: ")
        if afweging != onderwerp and afweging in words:
            return {**named(*words[afweging]), "soort": "afwijking"}
        soort, _, rest = onderwerp.partition(" ")
        if soort == "regel" and rest in model.regels:
            return {"label": regel_naam(model, model.regels[rest]), "soort": "regel", "id": rest}
        if soort == "geen" and rest in model.producten:
            return {"label": model.producten[rest].naam, "soort": "geen_product", "id": rest}
        tables: dict[str, Mapping[str, ast.Termijn | ast.Verwijzing | ast.Signaal]] = {
            "termijn": model.termijnen, "verwijzing": model.verwijzingen, "signaal": model.signalen}
        table = tables.get(soort, {})
        if rest in table:
            return {"label": table[rest].omschrijving.rstrip("."), "soort": soort, "id": rest}
        return {"label": onderwerp, "soort": "overig", "id": None}

    return {o: about(o) for o in onderwerpen}
