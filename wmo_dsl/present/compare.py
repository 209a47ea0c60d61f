"""Compare stage: what a new rule version does to a population of cases.

Every case is judged under both rule sets exactly as ``wmo beoordeel`` judges it
(``casefile.judge``: the same answers, its afwijkingen, its own peildatum) and
reduced to its outcome label: the product codes it grants (a product without a
code by its name), or "geen indicatie", or "onvolledig". The report counts how many cases change label, a
transition table (from which outcome to which, how often), how many keep their
products but change in another part of the outcome (duration, referrals,
signals, deadlines: ``outcome.py``), and the first changed
cases with their answers. Where the rule sets give tariffs for their products
(``tarief``), it adds the monthly cost before and after, at the peildatum.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ..cases.casefile import Casus, judge
from ..cases.resultaat import datum_tekst
from ..semantics.engine import Beoordeling, Rules
from ..errors import CasusFout
from ..language import ast, limits
from ..language.vocabulary import PERIOD_WORDS, PERIODS, period_name, periods_per_year
from ..semantics.notation import bedrag_text
from ..semantics.outcome import same_outcome
from ..semantics.values import Value

if TYPE_CHECKING:
    from ..cases.sessions import SessionStore


@dataclass
class Vergelijking:
    naam_a: str
    naam_b: str
    standaard_peildatum: dt.date  # for a case that names none; the header says which were used
    peildata: collections.Counter = field(default_factory=collections.Counter)  # peildatum -> cases
    aantal: int = 0
    veranderd: int = 0
    anders_zelfde_product: int = 0  # same label, another part of the outcome (outcome.py): duration, referral, signal, …
    fouten: int = 0
    overgangen: collections.Counter = field(default_factory=collections.Counter)
    voor: collections.Counter = field(default_factory=collections.Counter)
    na: collections.Counter = field(default_factory=collections.Counter)
    voorbeelden: list[dict] = field(default_factory=list)
    kosten_a: Decimal | None = None
    kosten_b: Decimal | None = None
    niet_meegeteld: dict = field(default_factory=dict)  # product code -> why its cost is not counted
    niet_meegeteld_voor: collections.Counter = field(default_factory=collections.Counter)  # code -> cases
    niet_meegeteld_na: collections.Counter = field(default_factory=collections.Counter)
    producten: dict[str, str] = field(default_factory=dict)  # label of a product with a code -> its name

    @property
    def peildatum(self) -> str:
        """The peildatum the cases were judged on: one date, or 'per casus' with the range."""
        if len(self.peildata) <= 1:
            return datum_tekst(min(self.peildata, default=self.standaard_peildatum))
        return (f"per casus: {len(self.peildata)} verschillende, van {datum_tekst(min(self.peildata))} "
                f"tot en met {datum_tekst(max(self.peildata))}")

    def overgangstabel(self) -> list[tuple[str, str, int]]:
        """Transitions sorted by count (most first), then by label: deterministic."""
        return sorted(((a, b, n) for (a, b), n in self.overgangen.items()), key=lambda t: (-t[2], t[0], t[1]))

    def staafdiagram(self) -> list[dict]:
        """Per outcome label: how many cases before and after, for the bar chart."""
        labels = sorted(set(self.voor) | set(self.na), key=lambda k: (k in ("geen indicatie", "onvolledig"), k))
        top = max([*self.voor.values(), *self.na.values(), 1])
        return [{"label": k, "voor": self.voor[k], "na": self.na[k], "voor_pct": self.voor[k] / top, "na_pct": self.na[k] / top}
                for k in labels]


def label(b: Beoordeling) -> str:
    match b.uitkomst:
        case "onvolledig":
            return "onvolledig"
        case "geen_indicatie":
            return "geen indicatie"
        case "indicatie":
            return " + ".join(product_label(b.model.producten[p.product]) for p in b.producten)
        case other:
            raise ValueError(f"onbekende uitkomst: {other!r}")


def product_label(product: ast.Product) -> str:
    """A product as the report's tables name it: its code, or its name when it has no real code."""
    return product.echte_code or product.naam


def _same(a: Beoordeling, b: Beoordeling) -> bool:
    """The same outcome under both rule sets, every part of it (``outcome.py``)."""
    if a.conclusies is None or b.conclusies is None:
        return a.conclusies is None and b.conclusies is None
    return same_outcome(a.conclusies, b.conclusies)


# Tariffs in a period unit convert to a month directly; a tariff per use (uur, etmaal, ...)
# needs the indicated volume and the iWmo frequentie it is counted in.
def _maandfactor(eenheid: str) -> Fraction | None:
    """How many of a tariff's period fit in a month ('per week': 52/12, 'per 4 weken': 13/12), or None."""
    count, _, word = eenheid.removeprefix("per ").rpartition(" ")
    if word not in PERIOD_WORDS or (not count and word not in PERIODS) or (count and not count.isdigit()):
        return None
    return periods_per_year(period_name(int(count or 1), PERIOD_WORDS[word])) / 12


_IWMO_FREQUENTIE = {"2": Decimal(52) / 12, "4": Decimal(1)}  # iWmo frequentie 2: per week, 4: per maand


def maandkosten(b: Beoordeling, peildatum: dt.date) -> tuple[Decimal, dict[str, str]]:
    """The monthly cost of the granted products at the peildatum, and why a product was not counted."""
    totaal, niet_meegeteld = Decimal(0), {}
    for p in b.producten:
        product = b.model.producten[p.product]
        bedrag, reden = _per_maand(product, p.volume, peildatum)
        if bedrag is None:
            niet_meegeteld[product_label(product)] = reden
        else:
            totaal += bedrag
    return totaal, niet_meegeteld


def tarief_op(product: ast.Product, peildatum: dt.date) -> ast.Tarief | None:
    """The tariff that holds at the peildatum: the latest that started on or before it."""
    geldig = [t for t in product.tarieven if t.vanaf <= peildatum]
    return max(geldig, key=lambda t: t.vanaf) if geldig else None


def _per_maand(product: ast.Product, volume: Value, peildatum: dt.date) -> tuple[Decimal | None, str]:
    tarief = tarief_op(product, peildatum)
    if tarief is None:
        eerste = min((t.vanaf for t in product.tarieven), default=None)
        return None, f"tarief pas vanaf {eerste.isoformat()}" if eerste else "geen tarief"
    factor = _maandfactor(tarief.eenheid)
    if factor is not None:  # exact: one division at the end
        return limits.CONTEXT.divide(tarief.bedrag * factor.numerator, factor.denominator), ""
    frequentie = dict(product.iwmo).get("frequentie")
    if volume is None or isinstance(volume, bool) or frequentie not in _IWMO_FREQUENTIE:
        return None, f"tarief {tarief.eenheid}, zonder volume per week of maand"
    return tarief.bedrag * Decimal(volume) * _IWMO_FREQUENTIE[frequentie], ""


def _known(rules: Rules, other: Rules, casus: Casus) -> Casus:
    """The case with the answers this rule set asks: a question only the other version asks is
    left out (a new version may add or drop one); a question neither asks stays, and is refused
    as ``wmo beoordeel`` refuses it."""
    vragen, andere = rules.model.vragen, other.model.vragen
    return replace(casus, antwoorden={q: x for q, x in casus.antwoorden.items() if q in vragen or q not in andere})


def compare(a: Callable[[dt.date], Rules], b: Callable[[dt.date], Rules], cases: Iterable[tuple[str, Casus]],
            standaard_peildatum: dt.date, naam_a: str, naam_b: str, voorbeelden: int = 10) -> Vergelijking:
    """Judge every ``(label, casus)`` under both rule sets, each on the case's own peildatum
    (``casus.peildatum``, else ``standaard_peildatum``); ``a`` and ``b`` give the rules in force
    on a peildatum."""
    v = Vergelijking(naam_a, naam_b, standaard_peildatum)
    tarieven = any(p.tarieven for r in (a(standaard_peildatum), b(standaard_peildatum)) for p in r.model.producten.values())
    if tarieven:
        v.kosten_a = v.kosten_b = Decimal(0)
    for case_label, casus in cases:
        peildatum = casus.peildatum or standaard_peildatum
        try:
            rules_a, rules_b = a(peildatum), b(peildatum)
            ra = judge(rules_a, _known(rules_a, rules_b, casus), peildatum, fast=True)
            rb = judge(rules_b, _known(rules_b, rules_a, casus), peildatum, fast=True)
        except CasusFout:
            v.fouten += 1
            continue
        v.aantal += 1
        v.peildata[peildatum] += 1
        la, lb = label(ra), label(rb)
        v.producten.update({product_label(p): p.naam for r in (ra, rb) for p in (r.model.producten[t.product] for t in r.producten)
                            if p.echte_code})
        v.voor[la] += 1
        v.na[lb] += 1
        v.overgangen[(la, lb)] += 1
        if la != lb:
            v.veranderd += 1
            if len(v.voorbeelden) < voorbeelden:
                v.voorbeelden.append({"casus": case_label, "peildatum": datum_tekst(peildatum), "van": la, "naar": lb,
                                      "antwoorden": _answers_in_words(ra, rb)})
        elif not _same(ra, rb):
            v.anders_zelfde_product += 1
        if tarieven:
            ka, za = maandkosten(ra, peildatum)
            kb, zb = maandkosten(rb, peildatum)
            assert v.kosten_a is not None and v.kosten_b is not None  # set above, when there are tariffs
            v.kosten_a += ka
            v.kosten_b += kb
            v.niet_meegeteld.update(za)
            v.niet_meegeteld.update(zb)
            v.niet_meegeteld_voor.update(za.keys())
            v.niet_meegeteld_na.update(zb.keys())
    return v


def _answers_in_words(ra: Beoordeling, rb: Beoordeling) -> dict[str, str]:
    """A changed case's answers as the consultant reads them: question by subject, options by label.
    Free text never appears in a report: it can hold names and personal details."""
    from .explain import Labels

    result = {}
    for r in (ra, rb):
        labels = Labels(r.model)
        for qid, value in r.antwoorden.items():
            vraag = r.model.vragen.get(qid)
            if vraag is not None and vraag.soort != "tekst" and vraag.onderwerp() not in result:
                result[vraag.onderwerp()] = labels.value(qid, value)
    return result


def session_cases(store: SessionStore, regio: str, load: Callable[[str, dt.date], Rules]) -> Iterator[tuple[str, Casus]]:
    """The answers of stored intake sessions of a region (after every 'terug' and 'wijzig'), each
    on the session's own peildatum.

    All given answers are kept, also those the current rules did not need:
    new rules may need them. A session's afwijkingen are not carried over.
    """
    from ..cases.answers import to_json
    from ..cases.sessions import SessionState

    n = 0
    for sessie_id, sessie_regio, *_ in store.list():
        if sessie_regio != regio:
            continue
        info = store.load(sessie_id)
        model = load(info.regio, info.peildatum).model
        staat = SessionState(model).replay(info.gebeurtenissen)
        n += 1
        yield f"sessie {n}", Casus(f"sessie {n}", regio, info.peildatum,
                                   {q: to_json(model.vragen[q], x) for q, x in staat.antwoorden.items()})


# ── Rendering ──


def casussen(n: int) -> str:
    """'1 casus', '2 casussen'."""
    return f"{n} casus" if n == 1 else f"{n} casussen"


from .document import template_environment  # noqa: E402

_env = template_environment()
_env.filters["euro"] = bedrag_text
_env.filters["casussen"] = casussen
_env.filters["pct"] = lambda n, total: f"{100 * n / total:.1f}".replace(".", ",") + "%" if total else "—"


def render(v: Vergelijking, formaat: str) -> str:
    template = _env.get_template({"tekst": "vergelijk.txt.j2", "markdown": "vergelijk.md.j2", "html": "vergelijk.html.j2"}[formaat])
    return template.render(v=v)
