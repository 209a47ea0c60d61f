"""The sentences of an explanation, in two registers.

:class:`Gewoon` is what a consultant reads aloud and quotes: conditions and
values in words built from the rule file's own labels (question texts, option
labels, product names, derived values named in words), a ``motivering`` verbatim
where the rule file gives one, never an id, an operator or a line number.
:class:`Spoor` is the technical trace for policy writers (``--spoor``): ids,
expressions as written, table rows by line.
"""

from __future__ import annotations

from ..language import ast
from .exprtext import cell_text, to_text
from .motivering import fill
from .words import Words


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Gewoon:
    """Plain Dutch from the rule file's labels."""

    spoor = False

    def __init__(self, model, labels, value_of=None):
        self.model = model
        self.labels = labels
        self.words = Words(model, articles=True)
        self.value_of = value_of  # naam -> (value, known): a {naam} not traced yet (explain.build gives it)

    def name(self, naam: str) -> str:
        return naam.replace("_", " ")

    def cond(self, e) -> str:
        return self.words.expr(e)

    def filled(self, text: str, values: dict) -> str:
        """A motivering with its {naam} filled; a value the answers do not fix becomes a visible
        fill-in for the consultant ('[naam]'), never the raw '{naam}'."""
        def one(naam: str) -> str:
            value, known = (values[naam], True) if naam in values else (self.value_of(naam) if self.value_of else (None, False))
            if known and self.value_of is not None and naam in values:
                known = self.value_of(naam)[1]
            return self.labels.value(naam, value) if known and value is not None else f"[{self.name(naam)}]"
        return fill(text, one)

    def inputs(self, gelezen, values, said: str = "") -> str:
        """The values a step read, "(type: Ontwikkelen …)"; in plain text not those the sentence already says."""
        parts = [(self.name(g), self.labels.value(g, values.get(g))) for g in gelezen if g in values and g not in self.model.producten]
        return "; ".join(f"{n}: {v}" for n, v in parts if self.spoor or v not in said)

    def row(self, naam: str, rij: ast.Rij, values: dict) -> str:
        tabel = self.model.tabellen[naam]
        gebruikt = [f"{self.name(kolom)} {self.labels.value(kolom, values.get(kolom))}"
                    for kolom, cel in zip(tabel.invoer, rij.cellen) if not cel.elk]
        return f"volgens de tabel {self.name(naam)}: " + ", ".join(gebruikt)

    def parameter(self, naam: str, waarde: str, toelichting: str | None) -> str:
        return f"{capital(self.name(naam))} is {waarde} (vastgesteld door de regio)."

    def concludes(self, regel: ast.Regel) -> str:
        """What a rule gives, in words: "Lichte individuele begeleiding", "verwijzing: voorliggend veld"."""
        parts = []
        for c in regel.conclusies:
            if isinstance(c, ast.ProductConclusie) and isinstance(c.product, ast.Ref) and c.product.id in self.model.producten:
                parts.append(self.model.producten[c.product.id].naam)
            elif isinstance(c, ast.ProductConclusie):
                parts.append(self.name(c.product.id) if isinstance(c.product, ast.Ref) else "het product")
            elif isinstance(c, ast.VerwijzingConclusie):
                parts.append("verwijzing: " + self.model.verwijzingen[c.id].omschrijving.rstrip("."))
            elif isinstance(c, ast.SignaalConclusie):
                parts.append("signaal: " + self.model.signalen[c.id].omschrijving.rstrip("."))
        return "; ".join(parts) or "dit"

    def fired(self, regel: ast.Regel, values: dict) -> str:
        if regel.motivering:
            return self.filled(regel.motivering, values)
        if regel.toelichting:
            return regel.toelichting
        if regel.voorwaarde is None:
            return f"{capital(self.concludes(regel))}: dit geldt altijd."
        return f"{capital(self.concludes(regel))}, want {self.cond(regel.voorwaarde)}."

    def otherwise(self, earlier: list) -> str:
        """Why the 'anders' case: none of the earlier conditions held, said when they are few."""
        if not earlier or len(earlier) > 3:
            return "omdat de andere mogelijkheden niet van toepassing zijn"
        return "omdat niet geldt dat " + ", en ook niet dat ".join(self.cond(c) for c in earlier)

    def not_applicable(self, wat: str, voorwaarde, details: str = "") -> str:
        return (f"{capital(wat)} niet: daarvoor moet gelden dat {self.cond(voorwaarde)}, en dat is hier niet zo"
                + (f" ({details})" if details else "") + ".")

    def geen_indicatie(self, regel: ast.Regel, values: dict) -> str:
        if regel.motivering:
            return self.filled(regel.motivering, values)
        return regel.toelichting or f"Geen indicatie, want {self.cond(regel.voorwaarde)}."

    def excluded(self, regel: ast.Regel, values: dict) -> str:
        return self.filled(regel.motivering, values) if regel.motivering else (regel.toelichting or "een regel sluit dit product uit")

    def deviation(self, naam: str, van: str, naar: str, reden: str) -> str:
        return f"Volgens de regels {self.name(naam)} {van}; professionele afweging: {self.name(naam)} {naar}. Reden: {reden}"


class Spoor(Gewoon):
    """The technical trace: ids, expressions as written, table rows by line."""

    spoor = True

    def cond(self, e) -> str:
        return to_text(e)

    def row(self, naam: str, rij: ast.Rij, values: dict) -> str:
        tabel = self.model.tabellen[naam]
        cellen = ", ".join(f"{kolom} {cell_text(cel)}" for kolom, cel in zip(tabel.invoer, rij.cellen) if not cel.elk)
        return f"volgens tabel {naam}, rij {rij.pos.line}: {cellen}"

    def otherwise(self, earlier: list) -> str:
        return "omdat geen van de eerdere gevallen van toepassing is"

    def parameter(self, naam: str, waarde: str, toelichting: str | None) -> str:
        return f"{self.name(naam)} is {waarde} (parameter van de regio)" + (f": {toelichting}" if toelichting else ".")

    def fired(self, regel: ast.Regel, values: dict) -> str:
        if regel.voorwaarde is None:
            return f"regel {regel.id} is altijd van toepassing"
        return f"regel {regel.id} is van toepassing, want {to_text(regel.voorwaarde)}"

    def not_applicable(self, wat: str, voorwaarde, details: str = "") -> str:
        return f"{wat} is niet van toepassing: '{to_text(voorwaarde)}' geldt niet" + (f" ({details})" if details else "") + "."

    def geen_indicatie(self, regel: ast.Regel, values: dict) -> str:
        return f"regel {regel.id}: geen indicatie, want {to_text(regel.voorwaarde)}"

    def excluded(self, regel: ast.Regel, values: dict) -> str:
        return f"regel {regel.id} sluit dit product uit"

    def deviation(self, naam: str, van: str, naar: str, reden: str) -> str:
        return f"{naam}: {van} → {naar}. Reden: {reden}"
