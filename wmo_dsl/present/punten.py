"""What each point of an explanation is about, for a program reading the JSON: its kind, the id
in the rule file, and a label in words from the rule file (a derived value's ``label``, a product's
name, a termijn's or referral's description), so that no id has to stand in for a name."""

from __future__ import annotations

from ..language import ast

SOORTEN = ("waarde", "product", "regel", "geen_indicatie", "geen_product", "termijn", "verwijzing", "signaal", "afwijking",
           "geen_reden", "overig")


def point_labels(onderwerpen, model, labels) -> dict[str, dict]:
    """Per onderwerp of a point (as ``explain.build`` writes it) its {"label", "soort", "id"};
    ``labels``: the explanation's :class:`~wmo_dsl.present.explain.Labels`."""
    from .statements import Feiten

    feiten = Feiten(model, labels)
    words = {naam.replace("_", " "): ("waarde", naam) for naam in [*model.waarden, *model.tabellen]}
    for pid in model.producten:
        words.setdefault(pid.replace("_", " "), ("product", pid))

    def named(soort: str, naam: str) -> dict:
        label = feiten.label(naam) if soort == "waarde" else model.producten[naam].naam
        return {"label": label, "soort": soort, "id": naam}

    def about(onderwerp: str) -> dict:
        if onderwerp in ("geen indicatie", "geen reden"):
            return {"label": onderwerp, "soort": onderwerp.replace(" ", "_"), "id": None}
        if onderwerp in words:
            return named(*words[onderwerp])
        soort, _, rest = onderwerp.partition(" ")
        if onderwerp.startswith("professionele afweging: ") and onderwerp.removeprefix("professionele afweging: ") in words:
            return {**named(*words[onderwerp.removeprefix("professionele afweging: ")]), "soort": "afwijking"}
        if soort == "regel" and rest in model.regels:
            return {"label": rule_label(model, feiten, model.regels[rest]), "soort": "regel", "id": rest}
        if soort == "geen" and rest in model.producten:
            return {"label": model.producten[rest].naam, "soort": "geen_product", "id": rest}
        table = {"termijn": model.termijnen, "verwijzing": model.verwijzingen, "signaal": model.signalen}.get(soort, {})
        if rest in table:
            return {"label": table[rest].omschrijving.rstrip("."), "soort": soort, "id": rest}
        return {"label": onderwerp, "soort": "overig", "id": None}

    return {o: about(o) for o in onderwerpen}


def rule_label(model, feiten, regel: ast.Regel) -> str:
    """A rule in words: what it concludes ("Individuele begeleiding gericht op ontwikkelen"), else its source."""
    parts = []
    for c in regel.conclusies:
        if isinstance(c, ast.ProductConclusie) and isinstance(c.product, ast.Ref):
            pid = c.product.id
            parts.append(model.producten[pid].naam if pid in model.producten else feiten.label(pid))
        elif isinstance(c, ast.VerwijzingConclusie) and c.id in model.verwijzingen:
            parts.append("verwijzing: " + model.verwijzingen[c.id].omschrijving.rstrip("."))
        elif isinstance(c, ast.SignaalConclusie) and c.id in model.signalen:
            parts.append("signaal: " + model.signalen[c.id].omschrijving.rstrip("."))
    if parts:
        return "; ".join(parts)
    return regel.bron.tekst if regel.bron else regel.id.replace("_", " ")
