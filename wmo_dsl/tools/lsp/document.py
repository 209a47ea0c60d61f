"""One open rule file as the server sees it: its text, findings and names.

``quick`` runs the stages that answer while you type (parse with every syntax
error, check with its type and reference findings); ``proofs`` runs the
analysis (gaps, overlaps, dead rules), which the server starts after a pause.
The stages are the ones ``wmo check`` runs; nothing here decides anything of
its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never
from pathlib import Path
from urllib.parse import unquote, urlparse

from ...errors import Bevinding, RegelbestandFout
from ...language import ast
from ...language.check import Model, check
from ...language.parse import parse_text
from .incremental import ParseCache
from .proofcache import ProofCache
from .index import Index, build_index


def uri_path(uri: str) -> str:
    """The file path of a file:// URI (another scheme: the URI itself)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


@dataclass
class Snapshot:
    """What one version of a document's text gives."""

    uri: str
    text: str
    version: int | None
    bestand: ast.Regelbestand | None = None  # None: the text does not parse
    model: Model | None = None  # None: the text has errors
    findings: list[Bevinding] = field(default_factory=list)
    proofs: list[Bevinding] | None = None  # None: not (yet) proven
    index: Index = field(default_factory=Index)

    @property
    def pad(self) -> str:
        return uri_path(self.uri)

    @property
    def lines(self) -> list[str]:
        return self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def quick(uri: str, text: str, version: int | None = None, cache: ParseCache | None = None) -> Snapshot:
    """Parse and check: every syntax, type and reference finding, without the solver. With a
    ``cache`` only the definitions that changed since the last call are parsed again."""
    snap = Snapshot(uri, text, version, index=build_index(text))
    pad = snap.pad
    try:
        snap.bestand = cache.parse(text, pad) if cache is not None else parse_text(text, pad)
    except RegelbestandFout as err:
        snap.findings = list(err.bevindingen)
        return snap
    try:
        snap.model = check(snap.bestand)
        snap.findings = list(snap.model.waarschuwingen)
    except RegelbestandFout as err:
        snap.findings = list(err.bevindingen)
    return snap


def proofs(snap: Snapshot, cache: ProofCache | None = None) -> list[Bevinding]:
    """The analysis of a checked text ('# negeer' comments respected, as in ``wmo check``). With a
    ``cache`` the findings of the last text are moved rather than proven again when only places changed."""
    from ...semantics.analysis import analyse

    if snap.model is None:
        return []
    if cache is not None and snap.bestand is not None:
        return cache.proofs(snap.bestand, snap.model)
    return analyse(snap.model)


def definitions_by_id(bestand: ast.Regelbestand | None) -> dict[tuple[str, str], object]:
    """(namespace, id) -> the parsed definition, with a person's questions under their list."""
    found: dict[tuple[str, str], object] = {}
    for d in bestand.definities if bestand else ():
        match d:
            case ast.Regel():
                found[("regel", d.id)] = d
            case ast.Verwijzing():
                found[("verwijzing", d.id)] = d
            case ast.Signaal():
                found[("signaal", d.id)] = d
            case ast.Termijn():
                found[("termijn", d.id)] = d
            case ast.Vraag():
                found[("def", d.id)] = d
                for sub in d.per_persoon:
                    found.setdefault(("def", sub.id), sub)
            case ast.Waarde() | ast.Tabel() | ast.Product():
                found[("def", d.id)] = d
            case ast.Regio() | ast.VrijeDagen() | ast.AlleProducten() | ast.EenheidDef() | ast.Eis():
                pass  # no name of the index
            case _ as unreachable:
                assert_never(unreachable)
    return found


def casussen_folder(pad: str) -> Path:
    """Where a region keeps its cases: ``casussen/`` next to its rule file (what ``wmo test`` reads)."""
    return Path(pad).parent / "casussen"
