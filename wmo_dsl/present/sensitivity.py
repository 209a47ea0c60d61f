"""What would change the outcome: one answer different, and the indicatie that would follow.

A consultant defends an indicatie better knowing where its edges are: "met één
verzwarende omstandigheid meer: 024A3". Each given answer that mattered is
varied one step (a yes/no flipped, another choice, one item more or fewer in a
list, a whole number one up or down) and the case is evaluated again; a
variation is reported when it changes the outcome, or the amount of a product
("met eigen mogelijkheden nee: huishouden 2,75 in plaats van 2,25 uur per week").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from ..cases.answers import out_of_bounds
from ..cases.natural import answer_text
from ..language import ast, kinds
from ..language.check import Model
from ..semantics.conclusions import VLAGGEN, Vlag
from ..semantics.eisen import EisBreuk
from ..semantics.engine import Beoordeling, Rules
from ..semantics.notation import value_text
from ..semantics.outcome import NAMEN, diff
from .namen import termijn_naam, waarde_naam
from .wijziging import change_words


class _Amounts(str):
    """A variation in words of its own: one that keeps the products but changes how much."""


def _ids(soort: str, omschrijvingen: list[str]) -> str:
    return f"{soort}: {'; '.join(omschrijvingen)}" if omschrijvingen else f"geen {soort}"


# Per part of the outcome (outcome.py), its value in words; None where ``summary`` already shows it.
# Checked complete below: a new part without words fails at import, not silently in a line.
def _flag_words(vlag: Vlag) -> Callable[[Model, Any], str]:
    return lambda m, ids: _ids(vlag.woord, [vlag.omschrijving(m, i) or i for i in sorted(ids)])


_WOORDEN: dict[str, Callable[[Model, Any], str] | None] = {
    "geen_indicatie": None,
    "producten": None,
    **{v.veld: _flag_words(v) for v in VLAGGEN},  # a referral, a signal, …: conclusions.py
    "verwijzingen": None,  # shown with 'geen indicatie'
    "termijnen": lambda m, items: _ids("termijn", [f"{termijn_naam(m.termijnen[t]).removeprefix('de termijn ')} {value_text(d)}"
                                                  for t, d in sorted(items, key=lambda i: i[0])]),
    "informatief": lambda m, items: "; ".join(f"{waarde_naam(m, k)}: {value_text(v)}"
                                              for k, v in sorted(items, key=lambda i: i[0])) or "niets informatief",
}
# What the outcome shows without deciding it mostly follows the products: words only when nothing else differs.
_ONLY_ALONE = {"informatief"}
if set(_WOORDEN) != set(NAMEN):
    raise AssertionError(f"sensitivity.py: woorden voor {sorted(set(NAMEN) - set(_WOORDEN))} ontbreken")


def also_changed(b: Beoordeling, others: list[Beoordeling]) -> list[str]:
    """Words for the parts of ``b``'s outcome that ``summary`` does not show and that differ from
    one of ``others`` ('signaal: Zorgen over de mantelzorger')."""
    if b.conclusies is None:
        return []
    delen = {v.deel for o in others if o.conclusies is not None for v in diff(o.conclusies, b.conclusies)}
    words = []
    for d in NAMEN:
        render = _WOORDEN[d]
        if d in delen and render is not None and (d not in _ONLY_ALONE or delen <= _ONLY_ALONE):
            value = next(v.nieuw for o in others if o.conclusies is not None for v in diff(o.conclusies, b.conclusies) if v.deel == d)
            words.append(render(b.model, value))
    return words


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


def summary(b: Beoordeling | _Amounts) -> str:
    """An outcome in a few words: product codes, or no indicatie and where to."""
    if isinstance(b, _Amounts):
        return str(b)
    m = b.model
    if b.uitkomst == "onvolledig":
        return "nog niet te beoordelen (dan is ook nodig: " + "; ".join(_asked(m.vragen[q]) for q in b.ontbrekend) + ")"
    if b.uitkomst == "indicatie":
        return "; ".join(_product_words(m.producten[p.product]) + (f", {value_text(p.duur)}" if p.duur else "") for p in b.producten)
    assert b.conclusies is not None  # only an incomplete case has none
    verwijzingen = [m.verwijzingen[v].omschrijving for v, _ in b.conclusies.verwijzingen]
    return "geen indicatie" + (f" (verwijzing: {'; '.join(verwijzingen)})" if verwijzingen else "")


def _asked(vraag: ast.Vraag) -> str:
    """A question as the consultant asked it: its text in quotes ('‘Is er een Wlz-indicatie?’')."""
    return f"‘{vraag.tekst}’" if vraag.tekst else vraag.onderwerp()


def _product_words(product: ast.Product) -> str:
    """'022A3, IB 1-2 resultaatgebieden, ontwikkelen, intensiteit ++': the code and the name, or the name alone."""
    return f"{product.echte_code}, {product.naam}" if product.echte_code else product.naam


def what_would_change(rules: Rules, b: Beoordeling) -> list[str]:
    if b.uitkomst == "onvolledig":
        return []
    m = rules.model
    lines: list[str] = []

    def outcome(qid: str, value: object) -> Beoordeling | _Amounts | None:
        changed = dict(b.antwoorden)
        changed[qid] = value
        try:
            alt = rules.evaluate(changed, b.peildatum, b.afwijkingen)
        except EisBreuk:  # an answer an eis forbids changes nothing that can happen
            return None
        if alt.conclusies is None or b.conclusies is None:  # incomplete: what else the consultant must ask
            return _Amounts("dan is ook nodig: " + "; ".join(_asked(m.vragen[q]) for q in alt.ontbrekend))
        if not diff(b.conclusies, alt.conclusies):
            return None
        return _Amounts(change_words(b, alt))

    for qid in [q for q in m.vragen if q in b.antwoorden]:
        vraag = m.vragen[qid]
        lines += _variations(vraag, b.antwoorden[qid], partial(outcome, qid))
    return lines


# How an answer is varied one step and said, per question kind: a kind with a short list of
# answers (``Kind.choices``: ja/nee, the options of a keuze) is tried with each other answer; a
# whole number and a list have their own step here; a kind without either (a date, a text, a list
# of persons) has no one step. Each gives the lines of the variations that change the outcome
# (``vary`` evaluates one; None: no change).
Vary = Callable[[Any], "Beoordeling | _Amounts | None"]


def _variations(vraag: ast.Vraag, current: Any, vary: Vary) -> list[str]:
    if vraag.soort in _OWN_STEP:
        return _OWN_STEP[vraag.soort](vraag, current, vary)
    return [f"bij {_asked(vraag)} {answer_text(vraag, value)}: {summary(alt)}"
            for value in kinds.of(vraag).choices(vraag) or () if value != current and (alt := vary(value))]


def _getal(vraag: ast.Vraag, current: Any, vary: Vary) -> list[str]:
    """A whole number one up and one down; a number with decimals has no one step."""
    if not vraag.geheel:
        return []
    values = [current + step for step in (1, -1) if out_of_bounds(vraag, current + step) is None]
    return [f"bij {_asked(vraag)} {value_text(value, eenheid=vraag.hoeveelheid)}: {summary(alt)}"
            for value in values if (alt := vary(value))]


def _meerdere(vraag: ast.Vraag, current: Any, vary: Vary) -> list[str]:
    labels = {o.id: o.label for o in vraag.opties}
    item = vraag.enkelvoud or f"keuze bij {vraag.onderwerp()}"
    lines: list[str] = []
    for richting, values in (("meer", [current | {o.id} for o in vraag.opties if o.id not in current]),
                             ("minder", [current - {o} for o in sorted(current)])):
        results = [(v, vary(v)) for v in values]
        changed = [(v, alt) for v, alt in results if alt is not None]
        if not changed:
            continue
        summaries = {summary(alt) for _, alt in changed}
        if len(summaries) == 1 and len(changed) == len(results):
            lines.append(f"met één {item} {richting}: {summaries.pop()}")
        else:
            for v, alt in changed:
                (item_changed,) = (v ^ current) or {None}
                woord = "ook" if richting == "meer" else "zonder"
                lines.append(f"{woord} {labels.get(item_changed, item_changed)}: {summary(alt)}")
    return lines


_OWN_STEP: dict[str, Callable[[ast.Vraag, Any, Vary], list[str]]] = {"getal": _getal, "meerdere": _meerdere}
