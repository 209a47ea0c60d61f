"""Expressions of the rule language in plain Dutch, for documents: "aantal resultaatgebieden is 1 tot en met 2"."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import assert_never

from ..language import ast
from ..language.builtins import FUNCTIONS, IN_WORDS, missing_parts
from ..language.check import Model
from ..semantics.conclusions import VLAG, VLAGGEN
from ..semantics.notation import list_text, value_text

# Per flag kind (semantics/conclusions.py VLAGGEN), what a rule concluding it decides ("de verwijzing
# naar …"), given its description (None: not declared). Checked complete at import.
VLAG_NAMEN: dict[str, Callable[[str | None], str]] = {
    "verwijzingen": lambda o: f"de verwijzing naar {o}" if o else "een verwijzing",
    "signalen": lambda o: f"het signaal '{o}'" if o else "een signaal",
}
if set(VLAG_NAMEN) != {v.veld for v in VLAGGEN}:
    raise AssertionError(f"words.py: VLAG_NAMEN mist {sorted({v.veld for v in VLAGGEN} - set(VLAG_NAMEN))}")

_OP_WORDS = {"=": "is", "!=": "is niet", "<": "is kleiner dan", "<=": "is hoogstens", ">": "is groter dan",
             ">=": "is minstens", "en": "en", "of": "of", "+": "+", "-": "−", "*": "×", "/": "gedeeld door"}
# Each built-in function (language/builtins.py) in words, given its arguments in words.
CALL_WORDS = {
    "min": lambda join, a: f"de kleinste van {join(a)}",
    "max": lambda join, a: f"de grootste van {join(a)}",
    "absoluut": lambda join, a: f"de absolute waarde van {a[0]}",
    "afronden": lambda join, a: f"{a[0]} afgerond op {a[1]} decimalen",
    "naar_boven": lambda join, a: f"{a[0]}, naar boven afgerond op {a[1]}",
    "naar_beneden": lambda join, a: f"{a[0]}, naar beneden afgerond op {a[1]}",
    "afronden_op": lambda join, a: f"{a[0]}, afgerond op {a[1]}",
    "midden": lambda join, a: f"het midden tussen {a[0]} en {a[1]}",
}
missing_parts("present/words.py CALL_WORDS", CALL_WORDS, {**FUNCTIONS, **IN_WORDS})


class Words:
    """Expressions in plain Dutch: 'aantal resultaatgebieden is 1 tot en met 2'."""

    def __init__(self, model: Model, articles: bool = False) -> None:
        self.model = model
        self.articles = articles  # "het aantal resultaatgebieden" in sentences; "aantal …" in a document's cells

    def name(self, naam: str) -> str:
        return naam.replace("_", " ")

    def yes_no(self, naam: str) -> bool:
        t = self.model.types.get(naam)
        return t is not None and t.soort == "janee"

    def join(self, items: list[str], word: str = "en") -> str:
        return list_text(items, word)

    def symbol(self, sym: str, context: ast.Expr | None) -> str:
        """A choice by its label when the other side of the comparison is its question."""
        vraag = self.model.vragen.get(context.id) if isinstance(context, ast.Ref) else None
        if vraag is not None:
            for o in vraag.opties:
                if o.id == sym:
                    return f"‘{o.label}’"
        return self.name(sym)

    def expr(self, e: ast.Expr, context: ast.Expr | None = None) -> str:
        match e:
            case ast.Literal(kind="tekst", value=v):
                return f"“{v}”"
            case ast.Literal(kind="percentage", value=v):
                assert isinstance(v, Decimal)
                return value_text(v * 100) + "%"
            case ast.Literal(kind="hoeveelheid", value=v, eenheid=eenheid):
                return value_text(v, eenheid=eenheid)
            case ast.Literal(value=v):
                return value_text(v)
            case ast.Symbol(id=naam):
                return self.symbol(naam, context)
            case ast.Ref(id=naam) if self.articles and self.yes_no(naam):
                return f"{self.name(naam)} is ja"
            case ast.Ref(id=naam) | ast.Name(id=naam):
                return self.name(naam)
            case ast.ListExpr(items=items):
                return self.join([self.expr(i, context) for i in items]) if items else "geen"
            case ast.Logic(op=op, items=items):
                return f" {op} ".join(self.group(i, op, self.expr(i)) for i in items)
            case ast.Compare(op=op, left=left, right=right):
                lhs, rhs = self.expr(left, right), self.expr(right, left)
                if op in ("=", "!=") and isinstance(right, ast.Literal) and right.kind == "geen" and self.articles:
                    return f"{lhs} is {'niet ' if op == '=' else ''}vastgesteld"  # right in 'want …' and in 'dat …'
                if op in ("=", "!=") and isinstance(right, ast.Literal) and right.kind == "geen":
                    return f"er is {'geen ' if op == '=' else 'een '}{lhs}"
                if op in ("=", "!=") and isinstance(right, ast.ListExpr) and right.items:
                    return f"{lhs} is {'precies ' if op == '=' else 'niet precies '}{rhs}"
                return f"{lhs} {_OP_WORDS[op]} {rhs}"
            case ast.Arith(first=first, rest=rest):
                return self.expr(first) + "".join(f" {_OP_WORDS[op]} {self.expr(x)}" for op, x in rest)
            case ast.Not(operand=ast.Ref(id=naam)) if self.articles and self.yes_no(naam):
                return f"{self.name(naam)} is nee"
            case ast.Not(operand=operand):
                inner = self.expr(operand)
                return f"niet ({inner})" if isinstance(operand, ast.Logic) else f"niet {inner}"
            case ast.Negate(operand=operand):
                return "−" + self.expr(operand)
            case ast.Count(operand=operand):
                return ("het aantal " if self.articles else "aantal ") + self.expr(operand)
            case ast.InRange(operand=operand, low=low, high=high):
                return f"{self.expr(operand)} is {self.expr(low)} tot en met {self.expr(high)}"
            case ast.InList(operand=operand, options=options):
                return f"{self.expr(operand)} is {self.join([self.expr(i, operand) for i in options.items], 'of')}"
            case ast.Contains(container=container, item=item):
                return f"{self.expr(container)} bevat {self.expr(item, container)}"
            case ast.Call(function=function, args=args):
                return CALL_WORDS[function](self.join, [self.expr(a) for a in args])
            case ast.RecordExpr(fields=fields):
                return "; ".join(f"{n.replace('_', ' ')}: {self.expr(v)}" for n, v in fields)
            case ast.Convert(operand=operand, implicit=True):
                return self.expr(operand, context)
            case ast.Convert(operand=operand, eenheid=eenheid):
                return f"{self.expr(operand)} in {str(eenheid).replace('_', ' ')}"
            case ast.IfElse(condition=condition, then=then, otherwise=otherwise):
                return f"{self.expr(then)} als {self.expr(condition)}, anders {self.expr(otherwise)}"
            case ast.Aggregate(kind=kind, lijst=lijst, veld=veld, met=met):
                head = {"aantal": f"het aantal {self.name(lijst)}", "som": f"de som van {self.name(veld or '')} van {self.name(lijst)}",
                        "hoogste": f"de hoogste {self.name(veld or '')} van {self.name(lijst)}",
                        "laagste": f"de laagste {self.name(veld or '')} van {self.name(lijst)}"}[kind]
                return head + (f" met {self.expr(met)}" if met is not None else "")
            case ast.Between(unit=unit, start=start, end=end):
                start_text = "de peildatum" if isinstance(start, ast.Ref) and start.target == "peildatum" else self.expr(start)
                end_text = "de peildatum" if isinstance(end, ast.Ref) and end.target == "peildatum" else self.expr(end)
                return f"het aantal hele {unit} van {start_text} tot {end_text}"
            case _ as unreachable:
                assert_never(unreachable)

    def group(self, e: ast.Expr, op: str, text: str) -> str:
        if isinstance(e, ast.Logic) and e.op != op:
            return f"({text})"
        return text

    def cel(self, cel: ast.Cel, naam: str) -> str:
        if cel.elk:
            return "elk"
        context = ast.Ref(naam, "vraag")
        return " of ".join(self.test(test, context) for test in cel.tests)

    def test(self, test: ast.CelTest, context: ast.Expr) -> str:
        match test:
            case ast.CelGelijk(expr=x):
                return self.expr(x, context)
            case ast.CelNiet(expr=x):
                return "niet " + self.expr(x, context)
            case ast.CelBereik(low=low, high=high):
                return f"{self.expr(low)} tot en met {self.expr(high)}"
            case ast.CelVergelijk(op=op, expr=x):
                return f"{_OP_WORDS[op].removeprefix('is ')} {self.expr(x)}"
            case _ as unreachable:
                assert_never(unreachable)

    def outcome(self, e: ast.Expr) -> tuple[str, str]:
        """A matrix cell: short text and the longer title shown on hover."""
        if isinstance(e, (ast.Symbol, ast.Ref)) and e.id in self.model.producten:
            p = self.model.producten[e.id]
            return p.code, p.naam
        text = self.expr(e)
        return text, text

    def conclusie(self, c: ast.Conclusie) -> str:
        match c:
            case ast.ProductConclusie():
                text = "product " + self.expr(c.product)
                extra = []
                if c.duur is not None:
                    extra.append("duur " + self.expr(c.duur))
                if c.maximale_duur is not None:
                    extra.append("maximale duur " + self.expr(c.maximale_duur))
                if c.onbeperkt:
                    extra.append("onbeperkt")
                return text + (f" ({', '.join(extra)})" if extra else "")
            case ast.GeenProductConclusie(id=pid):
                return f"geen product {self.name(pid)}"
            case ast.GeenIndicatie():
                return "geen indicatie"
            case _:  # a referral, a signal, …: semantics/conclusions.py VLAGGEN (a kind it lacks raises)
                vlag = VLAG[type(c)]
                return f"{vlag.woord}: {vlag.omschrijving(self.model, vlag.id(c)) or vlag.id(c)}"


def eenheid_text(e: ast.EenheidDef) -> str:
    """A unit of the region in words: 'dagdeel lang (meervoud dagdelen lang): 1 dagdeel lang is 4 uur (bron: …)'."""
    unit = e.eenheid
    text = unit.enkelvoud.replace("_", " ") + (f" (meervoud {unit.maat.replace('_', ' ')})" if unit.maat != unit.enkelvoud else "")
    if e.is_ is not None:
        aantal, doel = e.is_
        text += f": 1 {unit.enkelvoud.replace('_', ' ')} is {value_text(aantal, eenheid=doel)}"
    return text + (f". {e.toelichting}" if e.toelichting else "") + (f" (bron: {e.bron.tekst})" if e.bron else "")
