"""What would change the outcome: one answer different, and the indicatie that would follow.

A consultant defends an indicatie better knowing where its edges are: "met één
verzwarende omstandigheid meer: 024A3". Each given answer that mattered is
varied one step (a yes/no flipped, another choice, one item more or fewer in a
list) and the case is evaluated again; only variations that change the
outcome are reported.
"""

from __future__ import annotations

from ..semantics.engine import Beoordeling, Rules
from ..semantics.notation import value_text


def summary(b: Beoordeling) -> str:
    """An outcome in a few words: product codes, or no indicatie and where to."""
    if b.uitkomst == "onvolledig":
        return "nog niet te beoordelen (ook nodig: " + ", ".join(b.ontbrekend) + ")"
    if b.uitkomst == "indicatie":
        return ", ".join(b.model.producten[p.product].code + (f" ({value_text(p.duur)})" if p.duur else "") for p in b.producten)
    verwijzingen = [b.model.verwijzingen[v].omschrijving.lower() for v, _ in b.conclusies.verwijzingen]
    return "geen indicatie" + (f" (verwijzing: {', '.join(verwijzingen)})" if verwijzingen else "")


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
        alt = rules.evaluate(changed, b.peildatum, b.afwijkingen)
        return alt if _key(alt) != base else None

    for qid in [q for q in m.vragen if q in b.antwoorden]:
        vraag = m.vragen[qid]
        current = b.antwoorden[qid]
        labels = {o.id: o.label for o in vraag.opties}
        if vraag.soort == "janee":
            alt = outcome(qid, not current)
            if alt:
                lines.append(f"met '{vraag.onderwerp()}' {value_text(not current)}: {summary(alt)}")
        elif vraag.soort == "keuze":
            for optie in vraag.opties:
                if optie.id != current:
                    alt = outcome(qid, optie.id)
                    if alt:
                        lines.append(f"met {vraag.onderwerp()} '{optie.label}': {summary(alt)}")
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
