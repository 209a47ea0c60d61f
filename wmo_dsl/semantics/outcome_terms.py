"""The outcome as solver terms: "the outcomes of copy a and copy b differ", stated once (as
``Uitkomst.key`` compares them), and the named terms the proofs of ``wmo check`` ask about."""

from __future__ import annotations

from ..language.check import Model
from .smt_terms import conj, disj, neg
from .smt_values import equal


def outcome_differs(model: Model, a, b) -> str:
    """SMT-LIB text: the outcomes of copy a and copy b differ (as ``Uitkomst.key`` compares them)."""
    def distinct(x: str, y: str) -> str:
        return f"(not (= {x} {y}))"

    ga, gb = a.geen_indicatie.v, b.geen_indicatie.v
    parts = [distinct(ga, gb)]
    for pid in model.producten:
        (pa, attrs_a), (pb, attrs_b) = a.products[pid], b.products[pid]
        ia, ib = conj(pa, neg(ga)), conj(pb, neg(gb))
        parts.append(distinct(ia, ib))
        parts.append(conj(ia, ib, neg(conj(*[equal(x, y) for x, y in zip(attrs_a, attrs_b)]))))
    for group_a, group_b in ((a.referrals, b.referrals), (a.signals, b.signals)):
        parts += [distinct(group_a[k].v, group_b[k].v) for k in group_a]
    for tid, (present_a, date_a) in a.termijnen.items():
        present_b, date_b = b.termijnen[tid]
        parts.append(distinct(present_a.v, present_b.v))
        parts.append(conj(present_a.v, present_b.v, neg(equal(date_a, date_b))))
    for key, (shown_a, value_a) in a.informatief.items():  # what the outcome shows without deciding it
        shown_b, value_b = b.informatief[key]
        parts.append(distinct(shown_a.v, shown_b.v))
        parts.append(conj(shown_a.v, shown_b.v, neg(equal(value_a, value_b))))
    return disj(*parts)


def named(name: str, text: str) -> list[str]:
    """A Bool the Python side can refer to (a define-fun would be a macro z3 forgets)."""
    return [f"(declare-const |{name}| Bool)", f"(assert (= |{name}| {text}))"]


def analysis_terms(model: Model, out, enc) -> list[str]:
    """Named terms of copy a for the proofs of ``wmo check``: rules that fire, products the rules
    conclude, table rows and cases that match, tables whose inputs are all defined."""
    text = []
    geen = out.geen_indicatie.v
    for rid, fires in out.fires.items():
        text += named(f"fires.{rid}", fires.v)
    for pid, (present, _) in out.restricted.items():
        text += named(f"concluded.{pid}", conj(present, neg(geen)))
    for tabel in model.tabellen.values():
        text += named(f"defined.{tabel.id}", conj(*[term.d for term in enc.table_inputs.get(tabel.id, [])]))
    return text
