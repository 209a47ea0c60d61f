"""The outcome as solver terms: "the outcomes of copy a and copy b differ" (derived from the parts
of the outcome in ``outcome.py``), and the named terms the proofs of ``wmo check`` ask about."""

from __future__ import annotations

from ..language.check import Model
from .conclusions import Outcome
from .outcome import outcome_differs
from .smt import Smt
from .smt_terms import conj, neg


def named(name: str, text: str) -> list[str]:
    """A Bool the Python side can refer to (a define-fun would be a macro z3 forgets)."""
    return [f"(declare-const |{name}| Bool)", f"(assert (= |{name}| {text}))"]


def analysis_terms(model: Model, out: Outcome, enc: Smt) -> list[str]:
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


__all__ = ["analysis_terms", "named", "outcome_differs"]
