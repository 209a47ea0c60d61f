"""The outcome first: a summary of one decision that fits on a screen, for the intake.

Built from the one :class:`~wmo_dsl.cases.resultaat.Resultaat` (its dates, durations and
volumes are formatted here, never computed): the outcome, each product with its omvang and
period, a professional deviation, the next deadline, and what is still to do (signals,
referrals, questions still needed). At most ``hoogte`` lines of at most ``breedte`` columns: with many products each
gets one line, and what still does not fit is left to the full motivering ('meer').
"""

from __future__ import annotations

import textwrap
from typing import assert_never

from ..cases.resultaat import ProductBesluit, Resultaat, datum_tekst, einde_tekst, resultaat
from ..semantics.engine import Beoordeling
from ..semantics.notation import value_text
from .namen import waarde_naam, waarde_woorden

KOP = {"indicatie": "Indicatie", "geen_indicatie": "Geen indicatie", "onvolledig": "Nog niet te beoordelen"}
MEER = "… (de rest staat in de volledige motivering: 'meer')"


def samenvatting(b: Beoordeling, breedte: int = 79, hoogte: int = 18) -> list[str]:
    """The summary as lines: the full form when it fits, else one line per product, else cut."""
    r = resultaat(b)
    volledig = _lines(b, r, breedte, compact=False)
    if len(volledig) <= hoogte:
        return volledig
    compact = _lines(b, r, breedte, compact=True)
    if len(compact) <= hoogte:
        return compact
    return compact[: hoogte - 1] + [_cut(MEER, breedte)]


def _lines(b: Beoordeling, r: Resultaat, breedte: int, compact: bool) -> list[str]:
    m = b.model
    out = _wrap(f"Uitkomst: {KOP[r.uitkomst]} · {m.regio.naam} · peildatum {datum_tekst(r.peildatum)}", breedte, "  ")
    if r.producten:
        out.append("Geïndiceerd:")
        for p in r.producten:
            naam = f"{p.code}  {p.naam}" if p.code else p.naam
            if compact:
                out.append(_cut(f"  * {naam}: {_omvang_periode(p)}", breedte))
            else:
                out += _wrap(f"  * {naam}", breedte, "    ")
                out += _wrap(f"    {_omvang_periode(p)}", breedte, "    ")
    if r.niet_toegekend and r.uitkomst != "indicatie":
        namen = [m.producten[pid].naam for pid in r.niet_toegekend if pid in m.producten]
        out += _wrap("Niet toegekend: " + "; ".join(namen), breedte, "  ")
    for a in b.geldende_afwijkingen:
        out += _wrap(f"Professionele afweging: {waarde_naam(m, a.onderwerp)} → {waarde_woorden(m, a.onderwerp, a.waarde)}", breedte, "  ")
    out += _deadline(r, breedte)
    out += _todo(b, r, breedte)
    return out


def _omvang_periode(p: ProductBesluit) -> str:
    """'3 uur per week · 1-6-2025 t/m 30-11-2025 (6 maanden)': the Resultaat's fields in words."""
    omvang = p.omvang.tekst or "omvang niet bepaald"
    match p.einde:
        case "einddatum":
            periode = f"{datum_tekst(p.ingangsdatum)} t/m {einde_tekst(p)}" + (f" ({value_text(p.duur)})" if p.duur else "")
        case "uiterlijk" | "onbepaald":
            periode = f"vanaf {datum_tekst(p.ingangsdatum)}, {einde_tekst(p)}"
        case "niet_bepaald":
            periode = f"vanaf {datum_tekst(p.ingangsdatum)}, einde niet bepaald"
        case _ as unreachable:
            assert_never(unreachable)
    return f"{omvang} · {periode}"


def _deadline(r: Resultaat, breedte: int) -> list[str]:
    """The first deadline on or after the peildatum (else the last one); without deadlines the
    first end date of a product."""
    if r.termijnen:
        komend = [t for t in r.termijnen if t.datum >= r.peildatum] or [max(r.termijnen, key=lambda t: t.datum)]
        t = min(komend, key=lambda t: t.datum)
        wat = t.omschrijving[:1].upper() + t.omschrijving[1:]  # a sentence of its own: "…: 19-1-2027. Eerste contactmoment: …"
        return _wrap(f"Eerstvolgende termijn: {datum_tekst(t.datum)}. {wat}", breedte, "  ")
    einden = [(p, p.einddatum) for p in r.producten if p.einde in ("einddatum", "uiterlijk") and p.einddatum is not None]
    if einden:
        p, _ = min(einden, key=lambda pe: pe[1])
        wat = f" ({p.naam})" if len(r.producten) > 1 else ""
        return _wrap(f"Eerste einddatum: {einde_tekst(p)}{wat}", breedte, "  ")
    return []


def _todo(b: Beoordeling, r: Resultaat, breedte: int) -> list[str]:
    m = b.model
    items = [f"  ! {m.signalen[s].omschrijving}" for s in r.signalen if s in m.signalen]
    items += [f"  → verwijzen naar: {m.verwijzingen[v].omschrijving}" for v in r.verwijzingen if v in m.verwijzingen]
    if r.uitkomst == "onvolledig":
        vragen = [m.vragen[q] for q in b.ontbrekend if q in m.vragen]
        namen = "; ".join(v.zinnen.label or v.tekst or v.onderwerp() for v in vragen)
        items.append(f"  - nog {len(vragen)} vra{'ag' if len(vragen) == 1 else 'gen'} beantwoorden: {namen}")
    later = [t for t in r.termijnen if t.datum >= r.peildatum][1:]
    if later:
        items.append(f"  - nog {len(later)} termijn{'en' if len(later) > 1 else ''} daarna (in de motivering)")
    if not items:
        return ["Nog te doen: niets; sla de uitkomst op of maak het besluit."]
    out = ["Nog te doen:"]
    for item in items:
        out += _wrap(item, breedte, "    ")
    return out


def _wrap(text: str, breedte: int, hang: str) -> list[str]:
    indent = text[: len(text) - len(text.lstrip())]
    return textwrap.wrap(text.strip(), width=breedte, initial_indent=indent, subsequent_indent=hang,
                         break_on_hyphens=False, break_long_words=True) or [""]


def _cut(text: str, breedte: int) -> str:
    return text if len(text) <= breedte else text[: breedte - 1].rstrip() + "…"
