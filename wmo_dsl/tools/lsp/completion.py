"""Completion by position: what may stand where the cursor is.

At the start of a line the keywords; after ``=``, ``!=``, ``in`` or ``bevat`` the
options of the question (or the cases of the derived value) on its left; after
``eenheid``, ``per`` or a number the units and periods; after ``bron`` the
source paragraphs the file already cites; elsewhere the names of the file.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from ...language import vocabulary as V
from ...language.grammar import grammar_keywords
from ...language.model import Model
from .document import Snapshot
from .index import Token, tokens_of

_TOP = ("regio", "vraag", "tabel", "product", "regel", "verwijzing", "signaal", "termijn", "parameter", "vrije dagen",
        "alle producten", "eenheid")
_ITEMS = ("tekst", "uitleg", "bron", "groep", "optie", "eenheid", "minimaal", "maximaal", "toelichting", "motivering",
          "als", "dan", "en", "duur", "maximale duur", "minimale duur", "code", "kenmerk", "tarief", "iwmo", "volume",
          "alleen in combinatie met", "synoniemen", "enkelvoud", "per persoon", "geldig vanaf", "gemeenten", "eerste treffer",
          "meervoud")
_COMPARE = ("=", "!=", "in", "bevat")
_KIND = {"vraag": lsp.CompletionItemKind.Field, "waarde": lsp.CompletionItemKind.Variable, "tabel": lsp.CompletionItemKind.Struct,
         "product": lsp.CompletionItemKind.Class}


def complete(snap: Snapshot, model: Model | None, line: int, character: int) -> list[lsp.CompletionItem]:
    text = snap.lines[line] if line < len(snap.lines) else ""
    prefix = text[:character]
    tokens = tokens_of(prefix, line)
    typing = tokens[-1] if tokens and tokens[-1].end == len(prefix) and tokens[-1].kind in "wk" else None
    before = tokens[:-1] if typing else tokens
    if not before:
        words = _TOP if not prefix[:1].isspace() else _ITEMS
        return [lsp.CompletionItem(label=w, kind=lsp.CompletionItemKind.Keyword) for w in words]
    last = before[-1].text
    if last == "bron" and len(before) == 1:
        return [lsp.CompletionItem(label=b, kind=lsp.CompletionItemKind.Reference, insert_text=f'"{b}"', detail="bron uit dit bestand")
                for b in snap.index.bronnen]
    if last in ("eenheid", "per") or before[-1].kind == "n" or before[0].text == "eenheid":
        own = [e.eenheid.maat for e in model.eenheden.values()] if model is not None else []
        units = [*V.AMOUNT_UNITS, *own, *V.TIME_UNITS] if last != "per" else [*V.PERIODS, *V.AMOUNT_UNITS, *own]
        extra = ["per"] if last != "per" else []
        return [lsp.CompletionItem(label=u, kind=lsp.CompletionItemKind.Unit) for u in [*units, *extra]]
    subject = _compared_name(before)
    if subject is not None:
        options = snap.index.options(subject)
        if not options and model is not None and subject in model.types:
            options = sorted(model.types[subject].domein)
        if options:
            return [lsp.CompletionItem(label=o, kind=lsp.CompletionItemKind.EnumMember, detail=f"optie van {subject}") for o in options]
    names = [o for o in snap.index.definitions() if o.ruimte == "def"]
    items = [lsp.CompletionItem(label=o.naam, kind=_KIND.get(o.soort, lsp.CompletionItemKind.Text), detail=o.soort) for o in names]
    items += [lsp.CompletionItem(label=k, kind=lsp.CompletionItemKind.Keyword)
              for k in ("en", "of", "niet", "in", "bevat", "aantal", "geen", "ja", "nee") if k in grammar_keywords()]
    return items


def _compared_name(tokens: list[Token]) -> str | None:
    """The name on the left of the comparison the cursor stands in: 'leerbaar = ', 'x in [a, '."""
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        if t.text in _COMPARE or (t.text == "=" and i and tokens[i - 1].text == "!"):
            j = i - 1 if tokens[i - 1].text != "!" else i - 2
            return tokens[j].text if j >= 0 and tokens[j].kind == "w" else None
        if t.text in (",", "[", "(", "!") or (t.kind == "w" and t.text not in grammar_keywords()):
            continue
        return None
    return None
