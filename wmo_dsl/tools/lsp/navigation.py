"""Hover, go to definition, references, rename and the outline of a rule file."""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as lsp

from ...language import ast
from ...language.grammar import grammar_keywords
from ...language.model import Model
from .diagnostics import explanation
from .document import Snapshot, casussen_folder, definitions_by_id
from .index import Index, Occurrence, build_index

_SYMBOL_KIND = {
    "vraag": lsp.SymbolKind.Field, "waarde": lsp.SymbolKind.Variable, "tabel": lsp.SymbolKind.Struct,
    "product": lsp.SymbolKind.Class, "regel": lsp.SymbolKind.Function, "verwijzing": lsp.SymbolKind.Event,
    "signaal": lsp.SymbolKind.Event, "termijn": lsp.SymbolKind.Constant, "optie": lsp.SymbolKind.EnumMember,
}
_CODE = re.compile(r"\b[EW]\d{3}\b")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _range(o: Occurrence) -> lsp.Range:
    return lsp.Range(lsp.Position(o.line, o.start), lsp.Position(o.line, o.end))


def _text_of(d: object) -> list[str]:
    """The lines a hover shows of a definition: what it is, its text, type, source and explanation."""
    out = []
    for label, value in (("tekst", getattr(d, "tekst", None)), ("naam", getattr(d, "naam", None)),
                         ("omschrijving", getattr(d, "omschrijving", None)), ("uitleg", getattr(d, "uitleg", None))):
        if isinstance(value, str) and value:
            out.append(f"{label}: {value}")
    return out


def hover(snap: Snapshot, bestand: ast.Regelbestand | None, model: Model | None, line: int, character: int) -> lsp.Hover | None:
    """A name: kind, label, type with unit, bron, toelichting, options. A bron: its paragraph.
    A finding code (in a '# negeer' comment): what it means."""
    index = snap.index
    token = index.token_at(line, character)
    if token is None:
        return None
    row = index.tokens[line]
    if token.kind == "c":
        for m in _CODE.finditer(token.text):
            if token.start + m.start() <= character <= token.start + m.end() and (uitleg := explanation(m.group())):
                return _md(uitleg)
        return None
    if token.kind == "s" and row[0].text == "bron":
        versie = next((t.text[1:-1] for t, prev in zip(row[1:], row) if t.kind == "s" and prev.text == "versie"), None)
        return _md(f"**bron**: {token.text[1:-1]}" + (f" (versie {versie})" if versie else "")
                   + "\n\nDe paragraaf van het brondocument waar deze definitie op steunt.")
    occ = index.at(line, character)
    if occ is None:
        return None
    if occ.ruimte.startswith("optie:"):
        vraag = definitions_by_id(bestand).get(("def", occ.ruimte[6:]))
        label = next((o.label for o in getattr(vraag, "opties", ()) if o.id == occ.naam), None)
        return _md(f"**optie** `{occ.naam}` van vraag `{occ.ruimte[6:]}`" + (f": {label}" if label else ""), occ)
    d = definitions_by_id(bestand).get((occ.ruimte, occ.naam))
    definition = index.definition(occ.naam, occ.ruimte)
    soort = definition.soort if definition else occ.ruimte
    parts = [f"**{soort}** `{occ.naam}`"]
    if d is None:
        return _md(parts[0], occ)
    if isinstance(d, ast.Vraag):
        parts[0] += f": {d.soort}" + (f", eenheid {d.hoeveelheid}" if d.hoeveelheid else "")
        if d.groep:
            parts.append(f"groep: {d.groep}")
    parts += _text_of(d)
    if model is not None and occ.naam in getattr(model, "types", {}) and occ.ruimte == "def":
        parts.append(f"soort: {model.types[occ.naam]}")
    bron = getattr(d, "bron", None)
    if bron is not None:
        parts.append(f"bron: {bron.tekst}" + (f" (versie {bron.versie})" if bron.versie else ""))
    if toelichting := getattr(d, "toelichting", None):
        parts.append(f"toelichting: {toelichting}")
    opties = "\n".join(f"- `{o.id}`: {o.label}" for o in getattr(d, "opties", ()))
    return _md("\n\n".join(parts) + (f"\n\nopties:\n{opties}" if opties else ""), occ)


def _md(text: str, occ: Occurrence | None = None) -> lsp.Hover:
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=_range(occ) if occ else None)


def definition(snap: Snapshot, line: int, character: int) -> lsp.Location | None:
    occ = snap.index.at(line, character)
    target = snap.index.definition(occ.naam, occ.ruimte) if occ else None
    return lsp.Location(uri=snap.uri, range=_range(target)) if target else None


def references(snap: Snapshot, line: int, character: int, include_declaration: bool = True) -> list[lsp.Location]:
    occ = snap.index.at(line, character)
    if occ is None:
        return []
    return [lsp.Location(uri=snap.uri, range=_range(o)) for o in snap.index.uses(occ.naam, occ.ruimte)
            if include_declaration or not o.definitie]


class RenameFout(ValueError):
    """A new name the language does not allow (Dutch: the editor shows it)."""


def rename(snap: Snapshot, line: int, character: int, new_name: str, case_files: bool = True) -> lsp.WorkspaceEdit | None:
    """Every use of the name in the file, every {naam} in a motivering, and for a question or a
    derived value the ids in the region's case files (casussen/*.json next to the rule file)."""
    occ = snap.index.at(line, character)
    if occ is None or occ.ruimte.startswith("optie:"):
        return None
    if not _NAME.fullmatch(new_name) or new_name in grammar_keywords():
        raise RenameFout(f"'{new_name}' kan geen naam zijn: gebruik letters, cijfers en '_', en geen woord van de taal")
    if snap.index.definition(new_name, occ.ruimte) is not None:
        raise RenameFout(f"'{new_name}' bestaat al in dit bestand")
    edits = [lsp.TextEdit(range=_range(o), new_text=new_name) for o in snap.index.uses(occ.naam, occ.ruimte)]
    changes: list = [lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=snap.uri, version=snap.version),
                                          edits=edits)]
    definition_ = snap.index.definition(occ.naam, occ.ruimte)
    if case_files and occ.ruimte == "def" and definition_ is not None and definition_.soort in ("vraag", "waarde"):
        changes += _case_file_edits(snap.pad, occ.naam, new_name)
    return lsp.WorkspaceEdit(document_changes=changes)


def _case_file_edits(pad: str, old: str, new: str) -> list[lsp.TextDocumentEdit]:
    folder = casussen_folder(pad)
    out = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        edits = [lsp.TextEdit(range=lsp.Range(lsp.Position(n, m.start() + 1), lsp.Position(n, m.end() - 1)), new_text=new)
                 for n, text in enumerate(lines) for m in re.finditer(f'"{re.escape(old)}"(?=\\s*:)', text)]
        if edits:
            out.append(lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=path.resolve().as_uri(), version=None),
                                            edits=edits))
    return out


def document_symbols(snap: Snapshot) -> list[lsp.DocumentSymbol]:
    """The outline: questions grouped by their 'groep', then values, tables, products, referrals,
    signals, deadlines and rules, each spanning its block."""
    index = snap.index
    tops = [o for o in index.definitions() if not o.ruimte.startswith("optie:")]
    starts = sorted({o.line for o in tops if index.tokens[o.line] and index.tokens[o.line][0].start == 0})
    n_lines = len(index.tokens)

    def symbol(o: Occurrence) -> lsp.DocumentSymbol:
        end = next((s for s in starts if s > o.line), n_lines) - 1
        while end > o.line and not index.tokens[end]:
            end -= 1
        last = index.tokens[end][-1].end if index.tokens[end] else 0
        children = [symbol_of_option(c) for c in index.definitions() if c.ruimte == f"optie:{o.naam}" and o.soort == "vraag"]
        return lsp.DocumentSymbol(name=o.naam, kind=_SYMBOL_KIND[o.soort], detail=o.soort,
                                  range=lsp.Range(lsp.Position(o.line, 0), lsp.Position(end, last)),
                                  selection_range=_range(o), children=children or None)

    def symbol_of_option(o: Occurrence) -> lsp.DocumentSymbol:
        return lsp.DocumentSymbol(name=o.naam, kind=lsp.SymbolKind.EnumMember, detail="optie", range=_range(o), selection_range=_range(o))

    out: list[lsp.DocumentSymbol] = []
    groups: dict[str, lsp.DocumentSymbol] = {}
    for o in tops:
        s = symbol(o)
        groep = index.groepen.get(o.naam) if o.soort == "vraag" else None
        if groep is None:
            out.append(s)
            continue
        if groep not in groups:
            groups[groep] = lsp.DocumentSymbol(name=groep, kind=lsp.SymbolKind.Namespace, detail="groep", range=s.range,
                                               selection_range=s.selection_range, children=[])
            out.append(groups[groep])
        g = groups[groep]
        assert isinstance(g.children, list)  # made as [] above
        g.children.append(s)
        if (s.range.end.line, s.range.end.character) > (g.range.end.line, g.range.end.character):
            g.range = lsp.Range(g.range.start, s.range.end)
    return out


def workspace_symbols(query: str, snaps: list[Snapshot], roots: list[Path]) -> list[lsp.WorkspaceSymbol]:
    """Definitions whose name contains ``query``, in the open files and the .wmo files of the workspace."""
    seen = {Path(s.pad).resolve() for s in snaps if s.uri.startswith("file:")}
    indexes: list[tuple[str, Index]] = [(s.uri, s.index) for s in snaps]
    for root in roots:
        for path in sorted(root.rglob("*.wmo"))[:500]:
            if path.resolve() in seen or ".venv" in path.parts:
                continue
            try:
                indexes.append((path.resolve().as_uri(), build_index(path.read_text(encoding="utf-8"))))
            except (OSError, UnicodeDecodeError):
                continue
    q = query.lower()
    return [lsp.WorkspaceSymbol(name=o.naam, kind=_SYMBOL_KIND[o.soort], container_name=o.soort,
                                location=lsp.Location(uri=uri, range=_range(o)))
            for uri, index in indexes for o in index.definitions() if q in o.naam.lower() and not o.ruimte.startswith("optie:")]
