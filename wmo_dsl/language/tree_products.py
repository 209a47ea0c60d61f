"""The product rules of the grammar as AST: a product with its code (or 'code onbekend'), duration,
partner, catalogue facts, tariffs and iWmo terms, and the defaults 'alle producten' gives every
product. Mixed into :class:`~wmo_dsl.language.tree.ToAst`, which gives ``_details``, ``_pos``,
``_tokpos``, ``_bounded``, ``_date`` and ``_only_where_read``."""

from __future__ import annotations

from dataclasses import replace

from lark import Token, v_args

from . import ast
from .tree_expressions import ExpressionsToAst, _string


@v_args(meta=True)
class ProductsToAst(ExpressionsToAst):
    def code(self, meta, items):
        return ("code", _string(items[0]))
    code_onbekend = lambda self, meta, items: ("code_onbekend", _string(items[0]))  # noqa: E731 (no iWmo code known)
    uitvoeringsvariant = lambda self, meta, items: ("uitvoeringsvariant", str(items[0]))  # noqa: E731

    def duur(self, meta, items):
        return ("duur", items[0])

    def maximale_duur(self, meta, items):
        value = items[0]
        if isinstance(value, Token) and value.type == "ONBEPERKT":
            return ("onbeperkt", True)
        return ("maximale_duur", value)

    def minimale_duur(self, meta, items):
        return ("minimale_duur", items[0])

    def combinatie(self, meta, items):
        return ("combinatie", tuple(str(t) for t in items))

    def kenmerk(self, meta, items):
        return ("kenmerk", (str(items[0]), _string(items[1])))

    def bedrag_eigen_bijdrage(self, meta, items):
        return ("bedrag", ast.Bedrag("eigen_bijdrage", items[0], self._pos(meta)))

    def bedrag_vergoeding(self, meta, items):
        return ("bedrag", ast.Bedrag("vergoeding", items[0], self._pos(meta)))

    def tarief(self, meta, items):
        bedrag, munt, (aantal, eenheid), vanaf = items
        if munt is not None and str(munt) != "euro":  # 'tarief 100 euro per 4 weken' reads as 'tarief 100 per 4 weken'
            self._finding("E231", f"een tarief is in euro, niet in '{munt}'", munt, hint="schrijf: tarief 100 euro per 4 weken vanaf 2025-01-01")
        self._unit(Token("NAME", "euro"), [(aantal, eenheid)])  # a period or a unit, else a finding that names them
        per = f"per {aantal} {eenheid}" if aantal is not None else f"per {eenheid}"
        return ("tarief", ast.Tarief(self._bounded(bedrag), per, self._date(vanaf), self._pos(meta)))

    def iwmo_veld(self, meta, items):
        return ("iwmo_veld", (str(items[0]), _string(items[1])))

    def volume(self, meta, items):
        return ("volume", items[0])

    def iwmo(self, meta, items):
        return ("iwmo", tuple(items))

    def alle_producten(self, meta, items):
        product = self.product(meta, [Token("NAME", "*", line=meta.line, column=meta.column), '"alle producten"', *items])
        return ast.AlleProducten(replace(product, code=""), self._pos(meta))

    def product(self, meta, items):
        naam, omschrijving, *rest = items
        d = self._details(rest, meta)
        self._only_where_read(d, meta)
        iwmo = d.get("iwmo", ())
        return ast.Product(
            str(naam), _string(str(omschrijving)), d.get("code", str(naam)),
            str(d["eenheid"]) if d.get("eenheid") is not None else None, d.get("duur"),
            d.get("maximale_duur"), bool(d.get("onbeperkt")), d.get("bron"), d.get("toelichting"), self._tokpos(naam),
            minimale_duur=d.get("minimale_duur"),
            alleen_met=d.get("combinatie", ()),
            kenmerken=tuple(v for k, v in rest if k == "kenmerk") if rest else (),
            iwmo=tuple(v for k, v in iwmo if k == "iwmo_veld"),
            volume=next((v for k, v in iwmo if k == "volume"), None),
            tarieven=tuple(v for k, v in rest if k == "tarief"),
            code_onbekend=d.get("code_onbekend"), uitvoeringsvariant=next((v for k, v in iwmo if k == "uitvoeringsvariant"), None),
            zinnen=self._zinnen(rest), bedragen=tuple(v for k, v in rest if k == "bedrag"))
