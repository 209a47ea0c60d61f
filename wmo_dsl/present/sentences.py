"""The sentences of an explanation, in two registers.

:class:`Gewoon` is what a consultant reads aloud and quotes: conditions and
values in words built from the rule file's own labels (question texts, option
labels, product names, derived values named in words), a ``motivering`` verbatim
where the rule file gives one, never an id, an operator or a line number.
:class:`Spoor` is the technical trace for policy writers (``--spoor``): ids,
expressions as written, table rows by line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..language import ast
from ..language.model import Model
from ..semantics.conclusions import VLAG
from ..semantics.evaluate import Evaluation, Stap
from .exprtext import cell_text, to_text
from .motivering import fill
from .statements import Feiten, Labelling, lower_first
from .words import Words


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Gewoon:
    """Plain Dutch from the rule file's labels."""

    spoor = False

    def __init__(self, model: Model, labels: Labelling, value_of: Callable[[str], tuple[object, bool]] | None = None,
                 lezer: str = "inwoner") -> None:
        self.model = model
        self.labels = labels
        self.words = Words(model, articles=True)
        self.value_of = value_of  # naam -> (value, known): a {naam} not traced yet (explain.build gives it)
        self.feiten = Feiten(model, labels, lezer)  # statements for "u" (the letter) or "de inwoner"
        self._ev: Evaluation | None = None

    def use(self, ev: Evaluation) -> None:
        """The evaluation whose values the statements say."""
        self._ev = ev
        self.feiten.values = ev.values

    @property
    def ev(self) -> Evaluation:
        """The evaluation :meth:`use` gave (the reasons of a step are read from it)."""
        if self._ev is None:
            raise RuntimeError("use(ev) first: the sentences say the values of an evaluation")
        return self._ev

    def name(self, naam: str) -> str:
        return naam.replace("_", " ")

    def cond(self, e: ast.Expr) -> str:
        return self.words.expr(e)

    def filled(self, text: str, values: dict) -> str:
        """A motivering with its {naam} filled; a value the answers do not fix becomes a visible
        fill-in for the consultant ('[naam]'), never the raw '{naam}'."""
        def one(naam: str) -> str:
            value, known = (values[naam], True) if naam in values else (self.value_of(naam) if self.value_of else (None, False))
            if known and self.value_of is not None and naam in values:
                known = self.value_of(naam)[1]
            return self.feiten.words(naam, value) if known and value is not None else f"[{self.name(naam)}]"
        return self.feiten.prose(fill(text, one))

    def inputs(self, gelezen: Iterable[str], values: dict, said: str = "") -> str:
        """The values a step read, "(type: Ontwikkelen …)"; in plain text not those the sentence already says."""
        if not self.spoor:
            return ""  # the statements of the facts say them
        parts = [(self.name(g), self.labels.value(g, values.get(g))) for g in gelezen if g in values and g not in self.model.producten]
        return "; ".join(f"{n}: {v}" for n, v in parts)

    def row(self, naam: str, rij: ast.Rij, values: dict) -> str:
        tabel = self.model.tabellen[naam]
        gebruikt = [f"{self.name(kolom)} {self.labels.value(kolom, values.get(kolom))}"
                    for kolom, cel in zip(tabel.invoer, rij.cellen) if not cel.elk]
        return f"volgens de tabel {self.name(naam)}: " + ", ".join(gebruikt)

    def parameter(self, naam: str, waarde: str, toelichting: str | None) -> str:
        return self.feiten.fact(naam, self.feiten.values.get(naam)).rstrip(".") + ". Dit heeft de regio zo bepaald."

    def concludes(self, regel: ast.Regel) -> str:
        """What a rule gives, in words: "Lichte individuele begeleiding", "verwijzing: voorliggend veld"."""
        parts = []
        for c in regel.conclusies:
            match c:
                case ast.ProductConclusie(product=ast.Ref(id=pid)) if pid in self.model.producten:
                    parts.append(self.model.producten[pid].naam)
                case ast.ProductConclusie():
                    value = self.feiten.values.get(c.product.id) if isinstance(c.product, ast.Ref) else None
                    parts.append(self.model.producten[value].naam if value in self.model.producten else "het product")
                case ast.GeenIndicatie() | ast.GeenProductConclusie():
                    pass  # what a rule gives: taking away is said where the products are
                case _:  # a referral, a signal, …: semantics/conclusions.py VLAGGEN (a kind it lacks raises)
                    vlag = VLAG[type(c)]
                    parts.append(f"{vlag.woord}: " + (vlag.omschrijving(self.model, vlag.id(c)) or vlag.id(c)).rstrip("."))
        return "; ".join(parts) or "dit"

    def fired(self, regel: ast.Regel, values: dict) -> str:
        if regel.motivering:
            return self.filled(regel.motivering, values)
        if regel.toelichting:
            return self.feiten.prose(regel.toelichting)
        return self.feiten.because(self.receives(regel), self.feiten.held(regel.voorwaarde, self.ev) if regel.voorwaarde else [],
                                   skip=self.concluded(regel))

    def receives(self, regel: ast.Regel) -> str:
        """'U krijgt lichte individuele begeleiding' for this reader."""
        return self.feiten.reader(f"U krijgt {lower_first(self.concludes(regel))}")

    def concluded(self, regel: ast.Regel) -> tuple[str, ...]:
        """The values a rule's product is: not a reason for itself."""
        return tuple(c.product.id for c in regel.conclusies if isinstance(c, ast.ProductConclusie) and isinstance(c.product, ast.Ref))

    def step(self, naam: str, stap: Stap, ev: Evaluation) -> str:
        """One derived value: its statement, and the known facts that led to it."""
        f = self.feiten
        d = self.model.waarden.get(naam) or self.model.tabellen.get(naam)
        eigen = getattr(stap.via, "motivering", None) or (d.motivering if d is not None else None)
        if eigen:
            return self.filled(eigen, {**ev.values, naam: stap.waarde})
        conclusion = f.fact(naam, stap.waarde)
        if stap.soort == "afwijking":
            return conclusion.rstrip(".") + ". Dat is een professionele afweging van de consulent."
        via = stap.via
        if isinstance(via, ast.Geval) and via.voorwaarde is not None:
            earlier = self.model.waarden[naam].gevallen[:self.model.waarden[naam].gevallen.index(via)]
            names = f.held(via.voorwaarde, ev) + [n for g in earlier if g.voorwaarde is not None for n in f.failed(g.voorwaarde, ev)]
            names = list(dict.fromkeys(names))[:4]  # its own facts first, then why the cases above it did not apply
        elif isinstance(via, ast.Geval):
            names = [n for g in self.model.waarden[naam].gevallen if g.voorwaarde is not None for n in f.refs(g.voorwaarde)]
        elif isinstance(via, ast.Rij):
            names = [k for k, cel in zip(self.model.tabellen[naam].invoer, via.cellen) if not cel.elk]
        elif naam in self.model.waarden and self.model.waarden[naam].expr is not None:
            e = self.model.waarden[naam].expr
            names = f.held(e, ev) if stap.waarde is True else f.failed(e, ev) if stap.waarde is False else f.refs(e)
        else:
            names = []
        same = tuple(n for n in names if stap.waarde in self.model.producten and ev.values.get(n) == stap.waarde)
        return f.because(conclusion, names, skip=(naam, *same))

    def otherwise(self, earlier: list[ast.Expr]) -> str:
        """Why the 'anders' case: none of the earlier conditions held, said when they are few."""
        if not earlier or len(earlier) > 3:
            return "omdat de andere mogelijkheden niet van toepassing zijn"
        return "omdat niet geldt dat " + ", en ook niet dat ".join(self.cond(c) for c in earlier)

    def not_applicable(self, wat: str, voorwaarde: ast.Expr | None, details: str = "") -> str:
        return self.feiten.because(self.feiten.reader(f"U krijgt geen {lower_first(wat)}"), self.feiten.failed(voorwaarde, self.ev))

    def geen_indicatie(self, regel: ast.Regel, values: dict) -> str:
        if regel.motivering:
            return self.filled(regel.motivering, values)
        return self.feiten.prose(regel.toelichting) if regel.toelichting else self.feiten.because(self.feiten.reader("U krijgt geen maatwerkvoorziening"),
                                                        self.feiten.held(regel.voorwaarde, self.ev))

    def excluded(self, regel: ast.Regel, values: dict) -> str:
        return self.filled(regel.motivering, values) if regel.motivering else self.feiten.prose(regel.toelichting or "een regel sluit dit product uit")

    def deviation(self, naam: str, van: str, naar: str, reden: str) -> str:
        return (f"Volgens de regels geldt: {self._symbol(naam, van)}. De consulent kiest na een professionele afweging "
                f"voor: {self._symbol(naam, naar)}. Reden: {reden}")

    def _symbol(self, naam: str, text: str) -> str:
        d = self.feiten.definition(naam)
        return dict(d.zinnen.symbolen).get(text, text) if d is not None else text


class Spoor(Gewoon):
    """The technical trace: ids, expressions as written, table rows by line."""

    spoor = True

    def cond(self, e: ast.Expr) -> str:
        return to_text(e)

    def row(self, naam: str, rij: ast.Rij, values: dict) -> str:
        tabel = self.model.tabellen[naam]
        cellen = ", ".join(f"{kolom} {cell_text(cel)}" for kolom, cel in zip(tabel.invoer, rij.cellen) if not cel.elk)
        return f"volgens tabel {naam}, rij {rij.pos.line}: {cellen}"

    def otherwise(self, earlier: list[ast.Expr]) -> str:
        return "omdat geen van de eerdere gevallen van toepassing is"

    def parameter(self, naam: str, waarde: str, toelichting: str | None) -> str:
        return f"{self.name(naam)} is {waarde} (parameter van de regio)" + (f": {toelichting}" if toelichting else ".")

    def fired(self, regel: ast.Regel, values: dict) -> str:
        if regel.voorwaarde is None:
            return f"regel {regel.id} is altijd van toepassing"
        return f"regel {regel.id} is van toepassing, want {to_text(regel.voorwaarde)}"

    def not_applicable(self, wat: str, voorwaarde: ast.Expr | None, details: str = "") -> str:
        assert voorwaarde is not None  # a rule or case without a condition always applies
        return f"{wat} is niet van toepassing: '{to_text(voorwaarde)}' geldt niet" + (f" ({details})" if details else "") + "."

    def geen_indicatie(self, regel: ast.Regel, values: dict) -> str:
        if regel.voorwaarde is None:
            return f"regel {regel.id}: geen indicatie, want de regel is altijd van toepassing"
        return f"regel {regel.id}: geen indicatie, want {to_text(regel.voorwaarde)}"

    def excluded(self, regel: ast.Regel, values: dict) -> str:
        return f"regel {regel.id} sluit dit product uit"

    def deviation(self, naam: str, van: str, naar: str, reden: str) -> str:
        return f"{naam}: {van} → {naar}. Reden: {reden}"
