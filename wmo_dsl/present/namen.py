"""Derived values and their values in words, for every screen: labels and names, never ids."""

from __future__ import annotations

from ..language import ast
from ..semantics.notation import value_text


def waarde_naam(model, naam: str) -> str:
    """A derived value by its label ("soort dagbesteding"), else its name in words."""
    d = model.waarden.get(naam) or model.tabellen.get(naam)
    return (d.zinnen.label if d is not None and d.zinnen.label else None) or naam.replace("_", " ")


def product_naam(product: ast.Product) -> str:
    """A product by name, with its real code when the rule file has one: never its id."""
    return f"{product.echte_code} ({product.naam})" if product.echte_code else product.naam


def waarde_woorden(model, naam: str, waarde) -> str:
    """A derived value's value in words: a product's name, a symbol's label, else the value."""
    if isinstance(waarde, str) and waarde in model.producten:
        return product_naam(model.producten[waarde])
    d = model.waarden.get(naam) or model.tabellen.get(naam)
    symbolen = dict(d.zinnen.symbolen) if d is not None else {}
    if isinstance(waarde, str) and waarde in symbolen:
        return symbolen[waarde]
    return value_text(waarde)
