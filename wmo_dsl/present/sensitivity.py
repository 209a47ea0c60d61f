"""What would change the outcome: one answer different, and the indicatie that would follow.

A consultant defends an indicatie better knowing where its edges are: "met één
verzwarende omstandigheid meer: 024A3". Each given answer that mattered is
varied one step (a yes/no flipped, another choice, one item more or fewer in a
list, a whole number one up or down) and the case is evaluated again; a
variation is reported when it changes the outcome, or the amount of a product
("met eigen mogelijkheden nee: huishouden 2,75 in plaats van 2,25 uur per week").
"""

from __future__ import annotations

from ..semantics.eisen import EisBreuk

from ..cases.answers import out_of_bounds
from ..semantics.engine import Beoordeling, Rules
from ..semantics.notation import value_text


class _Amounts(str):
    """A variation that keeps the products but changes how much: its own summary."""


def amounts_changed(b: Beoordeling, alt: Beoordeling) -> str:
    """'huishouden 2,75 in plaats van 2,25 uur per week': the volumes that differ."""
    before = {p.product: p.volume for p in b.producten}
    parts = []
    for p in alt.producten:
        old = before.get(p.product)
        if p.volume != old and old is not None and p.volume is not None:
            volume = b.model.producten[p.product].volume
            unit = volume.t.eenheid if volume is not None and volume.t is not None else None
            new_text = value_text(p.volume, eenheid=unit)
            old_text = value_text(old, eenheid=unit)
            if unit is not None:  # '2,75 in plaats van 2,25 uur per week': the unit once, at the end
                new_text = new_text.removesuffix(" " + unit.words(p.volume == 1))
            parts.append(f"{_product_words(b.model.producten[p.product])}: {new_text} in plaats van {old_text}")
    return "; ".join(parts)


def summary(b) -> str:
    """An outcome in a few words: product codes, or no indicatie and where to."""
    if isinstance(b, _Amounts):
        return str(b)
    m = b.model
    if b.uitkomst == "onvolledig":
        return "nog niet te beoordelen (dan is ook nodig: " + "; ".join(_asked(m.vragen[q]) for q in b.ontbrekend) + ")"
    if b.uitkomst == "indicatie":
        return "; ".join(_product_words(m.producten[p.product]) + (f", {value_text(p.duur)}" if p.duur else "") for p in b.producten)
    verwijzingen = [m.verwijzingen[v].omschrijving for v, _ in b.conclusies.verwijzingen]
    return "geen indicatie" + (f" (verwijzing: {'; '.join(verwijzingen)})" if verwijzingen else "")


def _asked(vraag) -> str:
    """A question as the consultant asked it: its text in quotes ('‘Is er een Wlz-indicatie?’')."""
    return f"‘{vraag.tekst}’" if vraag.tekst else vraag.onderwerp()


def _product_words(product) -> str:
    """'022A3, IB 1-2 resultaatgebieden, ontwikkelen, intensiteit ++': the code and the name, or the name alone."""
    return f"{product.echte_code}, {product.naam}" if product.echte_code else product.naam


def _key(b: Beoordeling):
    if b.uitkomst == "onvolledig":
        return ("onvolledig", tuple(b.ontbrekend))
    return ("klaar", tuple(sorted((p.product, str(p.duur)) for p in b.producten)) if b.uitkomst == "indicatie" else (),
            tuple(sorted(v for v, _ in b.conclusies.verwijzingen)))


def what_would_change(rules: Rules, b: Beoordeling) -> list[str]:
    if b.uitkomst == "onvolledig":
        return []
    m = rules.model
    base = _key(b)
    lines: list[str] = []

    def outcome(qid, value):
        changed = dict(b.antwoorden)
        changed[qid] = value
        try:
            alt = rules.evaluate(changed, b.peildatum, b.afwijkingen)
        except EisBreuk:  # an answer an eis forbids changes nothing that can happen
            return None
        if _key(alt) != base:
            return alt
        return _Amounts(amounts_changed(b, alt)) if amounts_changed(b, alt) else None

    for qid in [q for q in m.vragen if q in b.antwoorden]:
        vraag = m.vragen[qid]
        current = b.antwoorden[qid]
        labels = {o.id: o.label for o in vraag.opties}
        if vraag.soort == "janee":
            alt = outcome(qid, not current)
            if alt:
                lines.append(f"bij {_asked(vraag)} {value_text(not current)}: {summary(alt)}")
        elif vraag.soort == "keuze":
            for optie in vraag.opties:
                if optie.id != current:
                    alt = outcome(qid, optie.id)
                    if alt:
                        lines.append(f"bij {_asked(vraag)} {optie.label}: {summary(alt)}")
        elif vraag.soort == "getal" and vraag.geheel:
            for step in (1, -1):
                value = current + step
                if out_of_bounds(vraag, value) is None:
                    alt = outcome(qid, value)
                    if alt:
                        lines.append(f"bij {_asked(vraag)} {value_text(value, eenheid=vraag.hoeveelheid)}: {summary(alt)}")
        elif vraag.soort == "meerdere":
            item = vraag.enkelvoud or f"keuze bij {vraag.onderwerp()}"
            for richting, values in (("meer", [current | {o.id} for o in vraag.opties if o.id not in current]),
                                     ("minder", [current - {o} for o in sorted(current)])):
                results = [(v, outcome(qid, v)) for v in values]
                changed = [(v, alt) for v, alt in results if alt is not None]
                if not changed:
                    continue
                summaries = {summary(alt) for _, alt in changed}
                if len(summaries) == 1 and len(changed) == len(results):
                    lines.append(f"met één {item} {richting}: {summaries.pop()}")
                else:
                    for v, alt in changed:
                        (diff,) = (v ^ current) or {None}
                        woord = "ook" if richting == "meer" else "zonder"
                        lines.append(f"{woord} {labels.get(diff, diff)}: {summary(alt)}")
    return lines
