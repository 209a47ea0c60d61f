"""'waarom' at a question: what needs the answer (with its source) and what the answer can change now."""

from __future__ import annotations

from typing import Any

from ..cases.natural import answer_text
from ..language import ast, kinds
from ..language.model import Model
from ..present.namen import regel_naam, termijn_naam, waarde_naam
from ..semantics.eisen import EisBreuk
from ..semantics.outcome import same_outcome


def nodig_voor(model: Model, vraag: ast.Vraag) -> list[str]:
    """What needs the answer, in words with its source: "de toekenning van Begeleiding groep (§3)"."""
    out = []
    for n, deps in model.afhankelijkheden.items():
        if vraag.id not in deps or n.startswith("eis:"):  # an eis limits the answer; it is not why it is asked
            continue
        soort, _, naam = n.rpartition(":")
        if soort == "regel" and naam in model.regels:
            bron, wat = model.regels[naam].bron, regel_naam(model, model.regels[naam])
        elif soort == "termijn" and naam in model.termijnen:
            bron, wat = model.termijnen[naam].bron, termijn_naam(model.termijnen[naam])
        else:
            d = model.waarden.get(naam) or model.tabellen.get(naam)
            bron, wat = d.bron if d is not None else None, waarde_naam(model, naam)
        out.append(f"{wat} ({bron.tekst})" if bron else wat)
    return list(dict.fromkeys(out))


def waarom(gesprek: Any, vraag: ast.Vraag) -> str:
    regels = [f"{vraag.tekst or vraag.onderwerp()}"]
    if vraag.uitleg:
        regels.append(f"Toelichting: {vraag.uitleg}")
    if vraag.bron:
        regels.append(f"Bron: {vraag.bron.tekst}")
    gebruikers = nodig_voor(gesprek.model, vraag)
    if gebruikers:
        regels.append("Nodig voor:")
        regels.extend(f"  - {g}" for g in gebruikers)
    effecten = _effects(gesprek, vraag)
    if effecten:
        regels.append("Wat het antwoord nu kan uitmaken:")
        regels.extend(f"  - {e}" for e in effecten)
    return "\n".join(regels)


def _effects(gesprek: Any, vraag: ast.Vraag) -> list[str]:
    """Per answer the outcome it gives now, when not every answer gives the same (``outcome.py``)."""
    from ..present.sensitivity import also_changed, summary

    waarden = kinds.of(vraag).choices(vraag)
    if waarden is None:
        return []
    uitkomsten = []
    for w in waarden:
        try:
            b = gesprek.rules.evaluate({**gesprek.antwoorden, vraag.id: w}, gesprek.peildatum, gesprek.afwijkingen)
        except EisBreuk:  # an answer an eis forbids
            continue
        if b.uitkomst == "onvolledig" or b.conclusies is None:
            return []
        uitkomsten.append((w, b))
    if all(same_outcome(b.conclusies, uitkomsten[0][1].conclusies) for _, b in uitkomsten):
        return []
    others = [b for _, b in uitkomsten]
    return [f"{answer_text(vraag, w)}: " + "; ".join([summary(b), *also_changed(b, others)]) for w, b in uitkomsten]
