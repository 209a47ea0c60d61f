"""Lark's parse tree to the frozen dataclasses of ``ast``, without recursion.

Detail lines come in as (kind, value) pairs and are gathered per definition.
Literal values are checked against the bounds of ``limits`` here, and every
problem is collected in ``findings``, so a policy writer sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from lark import Token, v_args
from lark.tree import Meta

from ..errors import Bevinding
from . import ast, limits
from .builtins import IN_WORDS
from .kinds import KINDS
from .syntax_errors import source_line
from .tree_host import token_line
from .tree_products import ProductsToAst
from .tree_statements import StatementsToAst


def _string(tok: Token) -> str:
    return str(tok)[1:-1]


def _number(tok: Token) -> Decimal:
    return Decimal(str(tok).replace(",", "."))


def _plain(soort: str) -> Callable[[ToAst, Meta, list[Any]], tuple[str, tuple[()]]]:
    """The transformer method of a question kind without options: ('datum', ())."""
    return lambda self, meta, items: (soort, ())


@v_args(meta=True)
class ToAst(StatementsToAst, ProductsToAst):
    """Builds AST nodes bottom-up; detail lines come in as (kind, value) pairs.

    A value a policy writer cannot mean (a date that does not exist, a number beyond the
    bounds) is collected in ``findings``: all of them are reported at once."""

    def __init__(self, pad: str, regels: tuple[str, ...] = ()):
        super().__init__()
        self.pad = pad
        self.regels = regels
        self.findings: list[Bevinding] = []
        self.units = {}  # the region's own units, read by _declare_units before the transform

    def _finding(self, code: str, bericht: str, tok: Token, hint: str | None = None) -> None:
        line, column = token_line(tok)
        self.findings.append(Bevinding(code, bericht, self.pad, line, column, hint, bronregel=source_line(self.regels, line)))

    def _pos(self, meta: Meta) -> ast.Pos:
        if getattr(meta, "empty", True):
            return ast.Pos(self.pad, 0, 0)
        return ast.Pos(self.pad, meta.line, meta.column, meta.end_line, meta.end_column)

    def _tokpos(self, tok: Token) -> ast.Pos:
        line, column = token_line(tok)
        return ast.Pos(self.pad, line, column, tok.end_line or line, tok.end_column or column)

    def __default__(self, data: str, children: list[Any], meta: Meta) -> Any:
        """A rule named after a function written in words ('minimum van a en b') is a call of it."""
        if data in IN_WORDS:
            return ast.Call(data, tuple(children), self._pos(meta))
        return super().__default__(data, children, meta)

    def start(self, meta, items):
        return [i for i in items if i is not None]

    # details shared by many definitions
    def bron(self, meta, items):
        tekst, versie = items
        return ("bron", ast.Bron(_string(tekst), _string(versie) if versie else None, self._pos(meta)))

    def toelichting(self, meta, items):
        return ("toelichting", _string(items[0]))

    def motivering(self, meta, items):
        return ("motivering", _string(items[0]))

    def grondslag(self, meta, items):
        return ("grondslag", _string(items[0]))

    def eigen_bijdrage(self, meta, items):  # 'eigen bijdrage geen' gives ""
        return ("eigen_bijdrage", _string(items[0]) if items and items[0] is not None else "")

    def uitleg(self, meta, items):
        return ("uitleg", _string(items[0]))

    def vraagtekst(self, meta, items):
        return ("tekst", _string(items[0]))

    def oordeel(self, meta, items):
        return ("oordeel", True)

    def groep(self, meta, items):
        return ("groep", _string(items[0]))

    def enkelvoud(self, meta, items):
        return ("enkelvoud", _string(items[0]))

    def gemeenten(self, meta, items):
        return ("gemeenten", tuple(_string(t) for t in items))

    def geldig(self, meta, items):
        vanaf, tot = items
        return ("geldig", (self._date(vanaf), self._date(tot) if tot else None))

    def _date(self, tok: Token) -> dt.date:
        try:
            datum = dt.date.fromisoformat(str(tok))
        except ValueError:
            self._finding("E102", f"{tok} is geen bestaande datum", tok, hint="schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2022-01-01")
            return dt.date(2000, 1, 1)
        if limits.date_problem(datum):
            self._finding("E106", f"{tok} {limits.date_problem(datum)}", tok, hint="datums in regels liggen tussen 1900-01-01 en 2199-12-31")
        return datum

    def _bounded(self, tok: Token) -> Decimal:
        number = _number(tok)
        probleem = limits.number_problem(number)
        if probleem:
            self._finding("E105", f"het getal {str(tok)[:20]}{'…' if len(str(tok)) > 20 else ''} {probleem}", tok,
                          hint="getallen in regels hebben hoogstens 15 cijfers en blijven onder 1.000.000.000.000")
            return Decimal(0)
        return number

    def synoniemen(self, meta, items):
        return ("synoniemen", tuple(_string(t) for t in items))

    def eenheid(self, meta, items):
        """``eenheid "km"`` (a label), ``eenheid per uur`` (a product's unit), ``eenheid uur per week``
        (the unit of an amount: ('eenheid', Eenheid))."""
        tok, *pers = items
        if isinstance(tok, tuple):  # 'per uur': a product's unit, a label
            return ("eenheid", "per " + " ".join(str(t) for t in tok if t is not None))
        if tok.type == "STRING":
            return ("eenheid", _string(tok))
        unit = self._unit(tok, pers)
        return ("eenheid", unit if unit is not None else str(tok))

    def minimaal(self, meta, items):
        return ("minimaal", items[0])

    def maximaal(self, meta, items):
        return ("maximaal", items[0])

    def eerste(self, meta, items):
        return ("eerste", True)

    _REPEATABLE = frozenset({"kenmerk", "tarief", "vrije_dag", "iwmo_veld", "volume", "zin", "bedrag"})
    _DETAIL_WORDS = {"tekst": "tekst", "bron": "bron", "code": "code", "eenheid": "eenheid", "duur": "duur",
                     "maximale_duur": "maximale duur", "minimale_duur": "minimale duur", "onbeperkt": "maximale duur",
                     "meervoud": "meervoud", "is": "is"}

    def _details(self, items: Iterable[Any], meta: Meta | None = None) -> dict[str, Any]:
        """The detail lines of a definition by kind; a kind that may appear once but appears
        twice is a finding (E228), not silently dropped."""
        details: dict[str, Any] = {}
        for item in items:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
                kind = item[0]
                if kind in details and kind not in self._REPEATABLE and meta is not None and not getattr(meta, "empty", True):
                    word = self._DETAIL_WORDS.get(kind, kind.replace("_", " "))
                    line, column = self._second_line(word, meta)
                    self.findings.append(Bevinding(
                        "E228", f"'{word}' staat twee keer in deze definitie", self.pad, line, column,
                        hint="schrijf elk onderdeel één keer; de eerste telde, de tweede niet",
                        bronregel=source_line(self.regels, line)))
                details.setdefault(kind, item[1])
        return details

    def _second_line(self, word: str, meta: Meta, nth: int = 2) -> tuple[int, int]:
        """Where a detail line starting with ``word`` stands for the second time in a definition."""
        seen = 0
        for line in range(meta.line, min(meta.end_line, len(self.regels)) + 1):
            text = self.regels[line - 1]
            stripped = text.lstrip()
            if stripped == word or stripped.startswith(word + " "):
                seen += 1
                if seen == nth:
                    return line, len(text) - len(stripped) + 1
        return meta.line, meta.column

    # definitions
    def regio(self, meta, items):
        naam_id, naam, *rest = items
        d = self._details(rest, meta)
        vanaf, tot = d.get("geldig", (None, None))
        return ast.Regio(str(naam_id), _string(naam), d.get("gemeenten", ()), d.get("bron"), vanaf, tot, d.get("toelichting"), self._pos(meta),
                         grondslag=d.get("grondslag"), eigen_bijdrage=d.get("eigen_bijdrage"))

    # The grammar's 'soort_<kind>' of every kind without options (kinds.py), and 'geheel getal'.
    vars().update({f"soort_{naam}": _plain(naam) for naam, k in KINDS.items() if not k.opties})
    soort_geheel = _plain("geheel")

    def soort_keuze(self, meta, items):
        return ("keuze", tuple(str(t) for t in items if t is not None))

    def soort_meerdere(self, meta, items):
        return ("meerdere", tuple(str(t) for t in items if t is not None))

    def per_persoon(self, meta, items):
        return ("per_persoon", tuple(items))

    def optie(self, meta, items):
        naam, label, *rest = items
        d = self._details(rest, meta)
        return ast.Optie(str(naam), _string(label) if label else str(naam).replace("_", " "), d.get("synoniemen", ()), d.get("uitleg"), self._tokpos(naam))

    def vraag(self, meta, items):
        naam, (soort, korte_opties), *rest = items
        d = self._details(rest, meta)
        opties = [i for i in rest if isinstance(i, ast.Optie)]
        pos = self._tokpos(naam)
        opties = [ast.Optie(o, o.replace("_", " "), (), None, pos) for o in korte_opties] + opties
        eenheid = d.get("eenheid")
        hoeveelheid = eenheid if isinstance(eenheid, ast.Eenheid) else None
        return ast.Vraag(
            str(naam), "getal" if soort == "geheel" else soort, d.get("tekst"), d.get("uitleg"), d.get("bron"), tuple(opties),
            str(eenheid) if eenheid is not None else None, d.get("minimaal"), d.get("maximaal"), d.get("groep"), pos,
            d.get("enkelvoud"), geheel=soort in ("geheel", "personen"), hoeveelheid=hoeveelheid,
            per_persoon=d.get("per_persoon", ()), zinnen=self._zinnen(rest), oordeel=bool(d.get("oordeel")),
        )

    def waarde_expr(self, meta, items):
        param, naam, expr, *rest = items
        d = self._details(rest, meta)
        return ast.Waarde(str(naam), expr, (), d.get("bron"), d.get("toelichting"), param is not None, self._tokpos(naam),
                          motivering=d.get("motivering"), zinnen=self._zinnen(rest))

    def waarde_gevallen(self, meta, items):
        param, naam, *rest = items
        d = self._details(rest, meta)
        gevallen = tuple(i for i in rest if isinstance(i, ast.Geval))
        return ast.Waarde(str(naam), None, gevallen, d.get("bron"), d.get("toelichting"), param is not None, self._tokpos(naam),
                          motivering=d.get("motivering"), zinnen=self._zinnen(rest))

    def geval_als(self, meta, items):
        return ast.Geval(items[0], items[1], self._pos(meta))

    def geval_anders(self, meta, items):
        return ast.Geval(items[0], None, self._pos(meta))

    def tabel(self, meta, items):
        naam = items[0]
        names = []
        i = 1
        while isinstance(items[i], Token) and items[i].type == "NAME":
            names.append(items[i])
            i += 1
        *invoer, uitvoer = names
        rest = items[i:]
        d = self._details(rest, meta)
        rijen = tuple(r for r in rest if isinstance(r, ast.Rij))
        return ast.Tabel(
            str(naam), tuple(str(n) for n in invoer), str(uitvoer), rijen, d.get("bron"), d.get("toelichting"),
            bool(d.get("eerste")), tuple(self._tokpos(n) for n in invoer), self._tokpos(naam), motivering=d.get("motivering"),
            zinnen=self._zinnen(rest),
        )

    def rij(self, meta, items):
        *cellen, uitkomst, motivering = items
        return ast.Rij(tuple(cellen), uitkomst, self._pos(meta), motivering[1] if motivering else None)

    def cel_elk(self, meta, items):
        return ast.Cel((), self._pos(meta))

    def cel_een_van(self, meta, items):
        return ast.Cel(tuple(items), self._pos(meta))

    def cel_gelijk(self, meta, items):
        return ast.CelGelijk(items[0])

    def cel_bereik(self, meta, items):
        return ast.CelBereik(items[0], items[1])

    def cel_vergelijk(self, meta, items):
        return ast.CelVergelijk(str(items[0]), items[1])

    def cel_niet(self, meta, items):
        return ast.CelNiet(items[0])

    def termijn_als(self, meta, items):
        return ("voorwaarde", items[0])

    def termijndatum(self, meta, items):
        return ("datum", items[0])

    def termijn(self, meta, items):
        naam, omschrijving, *rest = items
        d = self._details(rest, meta)
        self._only_where_read(d, meta)
        self._no_statements(rest, "een termijn")
        return ast.Termijn(str(naam), _string(omschrijving), d.get("voorwaarde"), d.get("datum"), d.get("bron"),
                           d.get("toelichting"), self._tokpos(naam))

    def vrije_dag(self, meta, items):
        return ("vrije_dag", (self._date(items[0]), _string(items[1])))

    def vrije_dagen(self, meta, items):
        d = self._details(items, meta)
        self._only_where_read(d, meta)
        self._no_statements(items, "de vrije dagen")
        return ast.VrijeDagen(tuple(v for k, v in items if k == "vrije_dag"), d.get("bron"), d.get("toelichting"), self._pos(meta))

    def eis(self, meta, items):
        voorwaarde, melding, *rest = items
        d = self._details([r for r in rest if r is not None], meta)
        self._only_where_read(d, meta)
        self._no_statements(rest, "een eis")
        return ast.Eis(voorwaarde, _string(melding), d.get("bron"), d.get("toelichting"), self._pos(meta))

    def concl_geen_product(self, meta, items):
        return ast.GeenProductConclusie(str(items[0]), self._tokpos(items[0]))

    def record(self, meta, items):
        return ast.RecordExpr(tuple((str(items[i]), items[i + 1]) for i in range(0, len(items), 2)), self._pos(meta))

    def verwijzing(self, meta, items):
        naam, omschrijving, *rest = items
        d = self._details(rest, meta)
        self._only_where_read(d, meta)
        self._no_statements(rest, "een verwijzing")
        return ast.Verwijzing(str(naam), _string(omschrijving), d.get("bron"), d.get("toelichting"), self._tokpos(naam))

    def signaal(self, meta, items):
        naam, omschrijving, *rest = items
        d = self._details(rest, meta)
        self._only_where_read(d, meta)
        self._no_statements(rest, "een signaal")
        return ast.Signaal(str(naam), _string(omschrijving), d.get("bron"), d.get("toelichting"), self._tokpos(naam))

    def regel(self, meta, items):
        naam, *rest = items
        d = self._details(rest, meta)
        self._no_statements(rest, "een regel")
        conclusies = tuple(i for i in rest if not isinstance(i, tuple))
        return ast.Regel(str(naam), d.get("voorwaarde"), conclusies, d.get("bron"), d.get("toelichting"), self._tokpos(naam),
                         motivering=d.get("motivering"))

    def voorwaarde(self, meta, items):
        return ("voorwaarde", items[0])

    def conclusie(self, meta, items):
        inhoud, *opties = items
        if isinstance(inhoud, ast.ProductConclusie):
            d = self._details(opties, meta)
            return ast.ProductConclusie(inhoud.product, d.get("duur"), d.get("maximale_duur"), bool(d.get("onbeperkt")), inhoud.pos)
        return inhoud

    def concl_product(self, meta, items):
        return ast.ProductConclusie(items[0], pos=self._pos(meta))

    def concl_verwijzing(self, meta, items):
        return ast.VerwijzingConclusie(str(items[0]), self._tokpos(items[0]))

    def concl_signaal(self, meta, items):
        return ast.SignaalConclusie(str(items[0]), self._tokpos(items[0]))

    def concl_geen_indicatie(self, meta, items):
        return ast.GeenIndicatie(self._pos(meta))
