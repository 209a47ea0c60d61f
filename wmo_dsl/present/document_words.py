"""The words of the rules document (``document.py``): names by their labels, matrix headings, source lines.

Where the rule file gives a definition a ``label`` ("uitkomst van de vijf
stappen") or a symbol of a derived value one (``label veiligheid "intensieve
begeleiding en casusregie"``), the document shows that label; only where it
gives none does a name appear as its id in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..language import ast
from ..language.check import Model
from ..semantics.notation import value_text
from .namen import waarde_naam
from .words import Words


@dataclass(frozen=True)
class Herkomst:
    """Where a definition stands and what it cites: shown beside every item."""

    bron: str | None
    regel: int
    code: str  # the definition's own lines of the rule file


@dataclass(frozen=True)
class Kop:
    """A column or row heading of a matrix: the value and what it means."""

    label: str
    betekenis: str | None = None


def key(expr: ast.Expr) -> object:
    """The value a table cell or a case names, when it names exactly one; else None."""
    if isinstance(expr, ast.Symbol):
        return expr.id
    if isinstance(expr, ast.Literal) and expr.kind in ("janee", "getal", "tekst"):
        return expr.value
    return None


class DocumentWords(Words):
    """Words with the rule file's labels, plus the headings of a matrix (which need the document's Kop)."""

    def name(self, naam: str) -> str:
        """A question, derived value or table by its label ("uitkomst van de vijf stappen"), else its id in words."""
        vraag = self.model.vragen.get(naam)
        if vraag is not None:
            return vraag.zinnen.label or naam.replace("_", " ")
        return waarde_naam(self.model, naam)

    def symbol(self, sym: str, context: ast.Expr | None) -> str:
        """A choice by its label, and a derived value's own symbol by the label its definition gives it."""
        if isinstance(context, ast.Ref):
            label = self.own_label(context.id, sym)
            if label is not None:
                return f"‘{label}’"
        return super().symbol(sym, context)

    def own_label(self, naam: str, sym: str) -> str | None:
        """The label a derived value or table ``naam`` gives its own symbol ``sym`` (None: it gives none)."""
        d = self.model.waarden.get(naam) or self.model.tabellen.get(naam)
        return dict(d.zinnen.symbolen).get(sym) if d is not None else None

    def value(self, owner: str, e: ast.Expr) -> str:
        """What a case or a row of ``owner`` gives, in words: its own symbol by its label."""
        label = self.own_label(owner, e.id) if isinstance(e, ast.Symbol) else None
        return label or self.expr(e)

    def formula(self, owner: str, e: ast.Expr) -> str:
        """A derived value's expression in words; the parts of a composite value by their labels."""
        if isinstance(e, ast.RecordExpr):
            return "; ".join(f"{self.own_label(owner, n) or n.replace('_', ' ')}: {self.expr(v)}" for n, v in e.fields)
        return self.expr(e)

    def conclusie(self, c: ast.Conclusie) -> str:
        """A rule's conclusion; a product and its durations as 'label: value', since a label names what follows."""
        if not isinstance(c, ast.ProductConclusie):
            return super().conclusie(c)
        extra = [f"{wat}: {self.expr(e)}" for wat, e in (("duur", c.duur), ("maximale duur", c.maximale_duur)) if e is not None]
        extra += ["onbeperkt"] * c.onbeperkt
        return f"product: {self.expr(c.product)}" + (f" ({', '.join(extra)})" if extra else "")

    def outcome(self, e: ast.Expr, owner: str | None = None) -> tuple[str, str]:
        """A matrix cell: short text and the longer title; a table's own symbol by its label."""
        label = self.own_label(owner, e.id) if owner is not None and isinstance(e, ast.Symbol) else None
        return (label, label) if label is not None else super().outcome(e)

    def heading(self, naam: str, value: object) -> Kop:
        """A matrix heading: the value's label and, for a case of a derived value, its condition."""
        if naam in self.model.vragen:
            vraag = self.model.vragen[naam]
            for o in vraag.opties:
                if o.id == value:  # short in the heading, the full label below it
                    kort = o.id.replace("_", " ")
                    return Kop(kort, o.label if o.label.lower() != kort.lower() else None)
            return Kop(value_text(value))
        kort = value.replace("_", " ") if isinstance(value, str) else value_text(value)
        label = self.own_label(naam, value) if isinstance(value, str) else None
        waarde = self.model.waarden.get(naam)
        for g in waarde.gevallen if waarde else ():
            if key(g.waarde) == value:  # short in the heading; below it the label and the case's condition
                als = "als " + self.expr(g.voorwaarde) if g.voorwaarde else "in alle andere gevallen"
                return Kop(kort, f"{label}, {als}" if label and label.lower() != kort.lower() else als.removeprefix("als "))
        return Kop(label or kort)


class Source:
    """The lines of the rule file that make up each definition."""

    def __init__(self, model: Model) -> None:
        self.lines = model.bronregels
        starts = sorted({d.pos.line for group in (model.vragen, model.waarden, model.tabellen, model.producten,
                                                  model.verwijzingen, model.signalen, model.regels, model.termijnen, model.eenheden)
                         for d in group.values()} | {model.regio.pos.line})
        self.next_start = dict(zip(starts, starts[1:] + [len(self.lines) + 1]))

    def of(self, d: ast.Vraag | ast.Waarde | ast.Tabel | ast.Product | ast.Regel | ast.Verwijzing | ast.Signaal | ast.Termijn
           ) -> Herkomst:
        first = d.pos.line
        last = self.next_start.get(first, first + 1) - 1
        block = list(self.lines[first - 1:last])
        while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
            block.pop()
        return Herkomst(d.bron.tekst if d.bron else None, first, "\n".join(block))
