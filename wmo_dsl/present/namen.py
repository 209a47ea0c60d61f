"""Derived values and their values in words, for every screen: labels and names, never ids."""

from __future__ import annotations

from ..language import ast
from ..language.model import Model
from ..semantics.conclusions import VLAG
from ..semantics.notation import value_text
from .words import VLAG_NAMEN


def waarde_naam(model: Model, naam: str) -> str:
    """A derived value by its label ("soort dagbesteding"), else its name in words."""
    d = model.waarden.get(naam) or model.tabellen.get(naam)
    return (d.zinnen.label if d is not None and d.zinnen.label else None) or naam.replace("_", " ")


def product_naam(product: ast.Product) -> str:
    """A product by name, with its real code when the rule file has one: never its id."""
    return f"{product.echte_code} ({product.naam})" if product.echte_code else product.naam


def waarde_woorden(model: Model, naam: str, waarde: object) -> str:
    """A derived value's value in words: a product's name, a symbol's label, else the value."""
    if isinstance(waarde, str) and waarde in model.producten:
        return product_naam(model.producten[waarde])
    d = model.waarden.get(naam) or model.tabellen.get(naam)
    symbolen = dict(d.zinnen.symbolen) if d is not None else {}
    if isinstance(waarde, str) and waarde in symbolen:
        return symbolen[waarde]
    return value_text(waarde)


def regel_naam(model: Model, regel: ast.Regel) -> str:
    """A rule by what it decides ("de toekenning van Begeleiding groep"), never by its id."""
    delen: list[str] = []
    for c in regel.conclusies:
        match c:
            case ast.ProductConclusie(product=p):
                pid = getattr(p, "id", None) or getattr(p, "name", None)
                product = model.producten.get(pid) if isinstance(pid, str) else None
                delen.append(f"de toekenning van {product.naam}" if product else "welk product past")
            case ast.GeenIndicatie():
                delen.append("of er een indicatie is")
            case ast.GeenProductConclusie(id=pid):
                product = model.producten.get(pid)
                delen.append(f"of {product.naam} uitgesloten is" if product else "een uitsluiting")
            case _:  # a referral, a signal, …: semantics/conclusions.py VLAGGEN (a kind it lacks raises)
                vlag = VLAG[type(c)]
                delen.append(VLAG_NAMEN[vlag.veld](vlag.omschrijving(model, vlag.id(c))))
    return " en ".join(dict.fromkeys(delen)) or "de beslissing"


def termijn_naam(termijn: ast.Termijn) -> str:
    """A deadline by its description ("de termijn 'eerste contact'")."""
    return f"de termijn '{termijn.omschrijving}'"
