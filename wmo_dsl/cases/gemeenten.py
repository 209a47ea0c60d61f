"""Which region serves a gemeente: one matcher for the intake's first question and `wmo regios --gemeente`.

A gemeente matches only a gemeente that a region names, written exactly (case and
accents aside); a clear typo or the first whole words of one gemeente ("wijk bij")
are offered as "Bedoelde u …?" and never taken silently: "Utrecht" is no gemeente of Regio Zuid-Oost Utrecht, whose
"Utrechtse Heuvelrug" only starts the same way. A region's own name or id is a
match of its own kind, for the caller to confirm.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..language import ast
from .natural import fold


@dataclass(frozen=True)
class Gevonden:
    regios: tuple[str, ...] = ()  # the regions of an exactly matching gemeente
    gemeente: str | None = None  # that gemeente as the rule file writes it
    voorstel: str | None = None  # a gemeente one typo away, to offer
    regio: str | None = None  # the id of a region named by its own name or id, to confirm


def zoek_gemeente(regios: dict[str, ast.Regio], tekst: str) -> Gevonden:
    t = " ".join(fold(tekst).split())
    if not t:
        return Gevonden()
    gemeenten: dict[str, tuple[str, list[str]]] = {}
    for rid, regio in regios.items():
        for naam in regio.gemeenten:
            gemeenten.setdefault(fold(naam), (naam, []))[1].append(rid)
    if t in gemeenten:
        naam, ids = gemeenten[t]
        return Gevonden(tuple(ids), naam)
    for rid, regio in regios.items():
        if t in (fold(rid), fold(regio.naam)):
            return Gevonden(regio=rid)
    words = t.split()
    leading = [naam for key, (naam, _) in gemeenten.items() if key.split()[:len(words)] == words]
    if len(leading) == 1:  # the first whole words of one gemeente ('wijk bij'): offered, not taken
        return Gevonden(voorstel=leading[0])
    trailing = [naam for key, (naam, _) in gemeenten.items() if len(key.split()) > len(words) and key.split()[-len(words):] == words]
    if len(trailing) == 1:  # its last whole words ('bilt' for De Bilt, 'heuvelrug'): offered too
        return Gevonden(voorstel=trailing[0])
    close = difflib.get_close_matches(t, list(gemeenten), n=1, cutoff=0.8)
    return Gevonden(voorstel=gemeenten[close[0]][0]) if close else Gevonden()


def regio_json(regio: ast.Regio) -> dict:
    """A region as `wmo regios --formaat json` lists it."""
    return {"id": regio.id, "naam": regio.naam, "gemeenten": list(regio.gemeenten),
            "versie": regio.bron.versie if regio.bron and regio.bron.versie else None,
            "geldig_vanaf": regio.geldig_vanaf.isoformat() if regio.geldig_vanaf else None,
            "geldig_tot": regio.geldig_tot.isoformat() if regio.geldig_tot else None}
