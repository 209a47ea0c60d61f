"""Expressions of the rule language in plain Dutch, for documents: "aantal resultaatgebieden is 1 tot en met 2"."""

from __future__ import annotations

from ..language import ast
from ..language.check import Model
from ..semantics.notation import value_text

_OP_WORDS = {"=": "is", "!=": "is niet", "<": "is kleiner dan", "<=": "is hoogstens", ">": "is groter dan",
             ">=": "is minstens", "en": "en", "of": "of", "+": "+", "-": "−", "*": "×", "/": "gedeeld door"}
_CALL_WORDS = {"min": "de kleinste van", "max": "de grootste van"}


class Words:
    """Expressions in plain Dutch: 'aantal resultaatgebieden is 1 tot en met 2'."""

    def __init__(self, model: Model):
        self.model = model

    def name(self, naam: str) -> str:
        return naam.replace("_", " ")

    def join(self, items: list[str], word: str = "en") -> str:
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]

    def symbol(self, sym: str, context) -> str:
        """A choice by its label when the other side of the comparison is its question."""
        vraag = self.model.vragen.get(context.id) if isinstance(context, ast.Ref) else None
        if vraag is not None:
            for o in vraag.opties:
                if o.id == sym:
                    return f"‘{o.label}’"
        return self.name(sym)

    def expr(self, e, context=None) -> str:
        if isinstance(e, ast.Literal):
            if e.kind == "tekst":
                return f"“{e.value}”"
            if e.kind == "percentage":
                return value_text(e.value * 100) + "%"
            return value_text(e.value)
        if isinstance(e, ast.Symbol):
            return self.symbol(e.id, context)
        if isinstance(e, (ast.Ref, ast.Name)):
            return self.name(e.id)
        if isinstance(e, ast.ListExpr):
            if not e.items:
                return "geen"
            return self.join([self.expr(i, context) for i in e.items])
        if isinstance(e, ast.BinOp):
            left_ctx, right_ctx = (e.right, e.left)
            left, right = self.expr(e.left, left_ctx), self.expr(e.right, right_ctx)
            if e.op in ("=", "!=") and isinstance(e.right, ast.Literal) and e.right.kind == "geen":
                return f"er is {'geen ' if e.op == '=' else 'een '}{left}"
            if e.op in ("=", "!=") and isinstance(e.right, ast.ListExpr) and e.right.items:
                right = ("precies " if e.op == "=" else "niet precies ") + right
                return f"{left} is {right}"
            if e.op in ("en", "of"):
                left = self.group(e.left, e.op, left)
                right = self.group(e.right, e.op, right)
            return f"{left} {_OP_WORDS.get(e.op, e.op)} {right}"
        if isinstance(e, ast.Not):
            inner = self.expr(e.operand)
            return f"niet ({inner})" if isinstance(e.operand, ast.BinOp) and e.operand.op in ("en", "of") else f"niet {inner}"
        if isinstance(e, ast.Negate):
            return "−" + self.expr(e.operand)
        if isinstance(e, ast.Count):
            return "aantal " + self.expr(e.operand)
        if isinstance(e, ast.InRange):
            return f"{self.expr(e.operand)} is {self.expr(e.low)} tot en met {self.expr(e.high)}"
        if isinstance(e, ast.InList):
            options = [self.expr(i, e.operand) for i in e.options.items]
            return f"{self.expr(e.operand)} is {self.join(options, 'of')}"
        if isinstance(e, ast.Contains):
            return f"{self.expr(e.container)} bevat {self.expr(e.item, e.container)}"
        if isinstance(e, ast.Call):
            args = [self.expr(a) for a in e.args]
            if e.function in _CALL_WORDS:
                return f"{_CALL_WORDS[e.function]} {self.join(args)}"
            if e.function == "afronden":
                return f"{args[0]} afgerond op {args[1]} decimalen"
            if e.function == "midden":
                return f"het midden tussen {args[0]} en {args[1]}"
            return f"{e.function}({', '.join(args)})"
        if isinstance(e, ast.RecordExpr):
            return "; ".join(f"{n.replace('_', ' ')}: {self.expr(v)}" for n, v in e.fields)
        return str(e)

    def group(self, e, op: str, text: str) -> str:
        if isinstance(e, ast.BinOp) and e.op in ("en", "of") and e.op != op:
            return f"({text})"
        return text

    def cel(self, cel: ast.Cel, naam: str) -> str:
        if cel.elk:
            return "elk"
        context = ast.Ref(naam, "vraag")
        parts = []
        for test in cel.tests:
            if test[0] == "gelijk":
                parts.append(self.expr(test[1], context))
            elif test[0] == "niet":
                parts.append("niet " + self.expr(test[1], context))
            elif test[0] == "bereik":
                parts.append(f"{self.expr(test[1])} tot en met {self.expr(test[2])}")
            else:
                parts.append(f"{_OP_WORDS[test[1]].removeprefix('is ')} {self.expr(test[2])}")
        return " of ".join(parts)

    def outcome(self, e) -> tuple[str, str]:
        """A matrix cell: short text and the longer title shown on hover."""
        if isinstance(e, (ast.Symbol, ast.Ref)) and e.id in self.model.producten:
            p = self.model.producten[e.id]
            return p.code, p.naam
        text = self.expr(e)
        return text, text

    def conclusie(self, c) -> str:
        if isinstance(c, ast.ProductConclusie):
            text = "product " + self.expr(c.product)
            extra = []
            if c.duur is not None:
                extra.append("duur " + self.expr(c.duur))
            if c.maximale_duur is not None:
                extra.append("maximale duur " + self.expr(c.maximale_duur))
            if c.onbeperkt:
                extra.append("onbeperkt")
            return text + (f" ({', '.join(extra)})" if extra else "")
        if isinstance(c, ast.VerwijzingConclusie):
            return "verwijzing: " + self.model.verwijzingen[c.id].omschrijving
        if isinstance(c, ast.SignaalConclusie):
            return "signaal: " + self.model.signalen[c.id].omschrijving
        if isinstance(c, ast.GeenProductConclusie):
            return f"geen product {self.name(c.id)}"
        return "geen indicatie"
