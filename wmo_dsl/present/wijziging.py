"""One variation in words, as a consultant says it: what changes, not the whole new outcome.

Read from the single outcome diff (semantics/outcome.py ``diff``): per differing part, what
comes ("dan ook: Dagbesteding"), what goes ("dan vervalt: Dagbesteding"), what another duration
or volume a product gets ("Begeleiding dan 6 in plaats van 12 maanden").
"""

from __future__ import annotations

from ..semantics.conclusions import VLAGGEN
from ..semantics.engine import Beoordeling
from ..semantics.notation import value_text
from ..semantics.outcome import ProductToekenning, diff
from .namen import product_naam, termijn_naam
from .words import VLAG_NAMEN


def _instead(new: str, old: str) -> str:
    """'6 in plaats van 12 maanden': a shared unit once, at the end."""
    new_head, _, new_unit = new.rpartition(" ")
    old_head, _, old_unit = old.rpartition(" ")
    if new_head and old_head and new_unit == old_unit:
        return f"{new_head} in plaats van {old}"
    return f"{new} in plaats van {old}"


def _product_changes(b: Beoordeling, alt: Beoordeling) -> list[str]:
    m = b.model
    before: dict[str, ProductToekenning] = {p.product: p for p in b.producten}
    after: dict[str, ProductToekenning] = {p.product: p for p in alt.producten}
    parts: list[str] = []
    added = [product_naam(m.producten[p]) for p in after if p not in before]
    removed = [product_naam(m.producten[p]) for p in before if p not in after]
    if len(added) == 1 and len(removed) == 1:  # one product for another: the swap in one phrase
        parts.append(f"dan {added[0]} in plaats van {removed[0]}")
    else:
        if added:
            parts.append("dan ook: " + "; ".join(added))
        if removed:
            parts.append("dan vervalt: " + "; ".join(removed))
    for pid, new in after.items():
        old = before.get(pid)
        if old is None or old == new:
            continue
        naam = product_naam(m.producten[pid])
        if new.duur != old.duur:
            parts.append(f"{naam} dan {_instead(value_text(new.duur), value_text(old.duur))}" if new.duur and old.duur
                         else f"{naam} dan {'voor ' + value_text(new.duur) if new.duur else 'zonder vaste duur'}")
        if new.volume != old.volume and new.volume is not None and old.volume is not None:
            volume = m.producten[pid].volume
            unit = volume.t.eenheid if volume is not None and volume.t is not None else None
            new_text = value_text(new.volume, eenheid=unit)
            if unit is not None:  # '2,25 in plaats van 2,75 uur per week': the unit once, at the end
                new_text = new_text.removesuffix(" " + unit.words(new.volume == 1))
            parts.append(f"{naam} dan {new_text} in plaats van {value_text(old.volume, eenheid=unit)}")
        if (new.duur, new.volume) == (old.duur, old.volume):
            parts.append(f"{naam} dan met een andere looptijd")
    return parts


def change_words(b: Beoordeling, alt: Beoordeling) -> str:
    """What differs from ``b`` to ``alt`` in words ('dan vervalt: Dagbesteding; dan vervalt het signaal …')."""
    assert b.conclusies is not None and alt.conclusies is not None
    m = b.model
    verschillen = {v.deel: v for v in diff(b.conclusies, alt.conclusies)}
    parts: list[str] = []
    geen = "geen_indicatie" in verschillen and verschillen["geen_indicatie"].nieuw
    if geen:
        parts.append("dan geen indicatie")
    elif "producten" in verschillen:
        parts += _product_changes(b, alt)
    for vlag in VLAGGEN:
        if vlag.veld not in verschillen:
            continue
        v = verschillen[vlag.veld]
        naam = VLAG_NAMEN[vlag.veld]
        parts += [f"dan ook {naam(vlag.omschrijving(m, i))}" for i in sorted(v.nieuw - v.oud)]
        parts += [f"dan vervalt {naam(vlag.omschrijving(m, i))}" for i in sorted(v.oud - v.nieuw)]
    if "termijnen" in verschillen:
        oud = dict(verschillen["termijnen"].oud)
        for t, d in sorted(verschillen["termijnen"].nieuw, key=lambda i: i[0]):
            if oud.get(t) != d:
                was = f" in plaats van {value_text(oud[t])}" if t in oud else ""
                parts.append(f"dan {termijn_naam(m.termijnen[t])} {value_text(d)}{was}")
    if not parts and "informatief" in verschillen:
        parts.append("dan verandert wat de uitkomst toont, niet de indicatie")
    return "; ".join(parts)
