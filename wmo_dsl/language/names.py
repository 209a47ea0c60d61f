"""Names that could mean two things, and products a table names that do not exist.

A bare name takes its meaning from where it stands: a definition, a choice of a
question, or a new value of a derived value's cases. Where two of those meanings
fit, the checker does not pick one silently: it reports E245 with both meanings
named. A table whose outcome column is called ``product`` names products in its
rows; a row naming a product that does not exist is E204 with "bedoelde u …?".

A mixin of the checker of definitions (``check.py``); it provides ``defs``,
``error`` and ``suggest``.
"""

from __future__ import annotations

from . import ast
from .checker_host import CheckerHost
from .types import Type

_SOORT = {ast.Vraag: "de vraag", ast.Waarde: "de afgeleide waarde", ast.Tabel: "de tabel", ast.Product: "het product"}


class NameChecker(CheckerHost):
    """Ambiguous bare names (E245) and unknown products in table rows (E204)."""

    def meaning_of(self, naam: str) -> str:
        d = self.defs[naam]
        return f"{_SOORT[type(d)]} '{naam}' (regel {d.pos.line})"

    def option_and_definition(self, expr: ast.Name, other: Type, wat: str) -> bool:
        """A bare name compared with a choice that is one of its options and also a definition of its
        own: E245 naming both (True when reported)."""
        if expr.id not in self.defs or other.soort not in ("keuze", "lijst") or expr.id not in other.domein:
            return False
        d = self.defs[expr.id]
        if isinstance(d, ast.Product) and other.soort == "keuze" and all(p in self.defs and isinstance(self.defs[p], ast.Product)
                                                                       for p in other.domein):
            return False  # a choice of products: the option is the product
        self.error("E245", f"'{expr.id}' kan twee dingen betekenen: de keuze '{expr.id}' van {wat} en {self.meaning_of(expr.id)}",
                   expr.pos, hint=f"geef een van beide een andere naam, bijvoorbeeld {expr.id}_waarde")
        return True

    def mixed_outcomes(self, owner: str, outcomes: list) -> None:
        """The cases or rows of one value give a product for one name and a value of their own for
        another: is the product name a product, or a value like the others? E245."""
        products = [o for o in outcomes if isinstance(o, ast.Ref) and o.target == "product"]
        symbols = [o for o in outcomes if isinstance(o, ast.Symbol)]
        if not products or not symbols:
            return
        names = [n for n, d in self.defs.items() if isinstance(d, ast.Product)]
        typos = [(s, self.suggest(s.id, names)) for s in symbols]
        if any(hint for _, hint in typos):  # 'hhb' next to products 'hbh': a product misspelled, not a value of its own
            for symbol, hint in typos:
                if hint:
                    self.error("E204", f"product '{symbol.id}' is niet gedefinieerd", symbol.pos, hint=hint)
            return
        first = products[0]
        self.error("E245", f"'{first.id}' kan twee dingen betekenen in '{owner}': {self.meaning_of(first.id)}, of een eigen "
                           f"waarde van '{owner}' zoals '{symbols[0].id}'", first.pos,
                   hint=f"noem in '{owner}' alleen producten (en 'geen' voor geen product), of geef de waarde "
                        f"'{first.id}' een naam die geen product is")

    def unknown_product_in_row(self, tabel: ast.Tabel, rij: ast.Rij) -> bool:
        """A row of a table whose outcome column is 'product' names a product that does not exist:
        E204 (True when reported; the row's outcome then has no type)."""
        uitkomst = rij.uitkomst
        if tabel.uitvoer != "product" or not isinstance(uitkomst, ast.Name) or uitkomst.id in self.defs:
            return False
        products = [n for n, d in self.defs.items() if isinstance(d, ast.Product)]
        self.error("E204", f"product '{uitkomst.id}' is niet gedefinieerd", uitkomst.pos,
                   hint=self.suggest(uitkomst.id, products) or f'definieer het: product {uitkomst.id} "<naam van het product>"')
        return True
