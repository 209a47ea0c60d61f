"""``wmo lsp``: the language server (pygls, on stdio or ``--tcp POORT``).

Data flows one way: the server hands the text of a document to the stages of
``wmo check`` (parse, check, then after a pause the analysis) and turns their
findings into diagnostics; every other request reads the last snapshot of the
text. The proofs run in a worker thread, so typing is never held up by the
solver; a result for a text that has changed since is dropped. A text whose rules
compare equal to the last proven one gets those findings moved to their new places,
and a change to rules only proves again without sampling what it left alive
(``proofcache.py``). Python's full garbage collections wait for the pause before
the proofs (``cmd_lsp``), so they do not land between two keystrokes. Until the new
proofs come, those of the previous text stay shown when the text has as many lines
(an edit within a line), so the warnings do not blink while you type. After each
round of proofs the server sends ``wmo/bewezen`` ``{uri, version}``: a client (and
the tests) can tell the diagnostics with proofs from those without.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from ... import __version__
from ...errors import WmoFout
from ...language import ast
from ...language.model import Model
from . import actions, completion, navigation
from .diagnostics import diagnostics
from .document import Snapshot, proofs, quick, uri_path
from .incremental import ParseCache
from .proofcache import ProofCache
from .presentation import LEGEND, formatting_edits, semantic_tokens

QUICK_DELAY = 0.03  # s: changes within this time are checked once
PROOF_PAUSE = float(os.environ.get("WMO_LSP_PAUZE_MS", "400")) / 1000  # s without typing before the proofs start
GC_AFTER = min(0.1, PROOF_PAUSE)  # s without typing before the full garbage collection (see cmd_lsp)


class WmoServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("wmo-lsp", __version__)
        self.snaps: dict[str, Snapshot] = {}
        self.good: dict[str, Snapshot] = {}  # the last snapshot that parsed (for hover while a line is half typed)
        self.checked: dict[str, Snapshot] = {}  # the last snapshot that checked (types, counterexamples)
        self.proven: dict[str, Snapshot] = {}  # the last snapshot with its proofs
        self.caches: dict[str, ParseCache] = {}  # per document: its definitions as last parsed
        self.proof_caches: dict[str, ProofCache] = {}  # per document: its findings as last proven (used by the prover only)
        self.tasks: dict[str, asyncio.Task] = {}
        self.prover = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wmo-bewijs")

    def snapshot(self, uri: str) -> Snapshot:
        """The snapshot of the document's current text (made now if the debounce has not run yet)."""
        doc = self.workspace.get_text_document(uri)
        snap = self.snaps.get(uri)
        if snap is None or snap.version != doc.version or snap.text != doc.source:
            snap = self._store(quick(uri, doc.source, doc.version, self.caches.setdefault(uri, ParseCache())))
        return snap

    def _store(self, snap: Snapshot) -> Snapshot:
        self.snaps[snap.uri] = snap
        if snap.bestand is not None:
            self.good[snap.uri] = snap
        if snap.model is not None:
            self.checked[snap.uri] = snap
        return snap

    def publish(self, snap: Snapshot) -> None:
        proofs = snap.proofs
        previous = self.proven.get(snap.uri)
        if proofs is None and snap.model is not None and previous is not None and len(previous.lines) == len(snap.lines):
            proofs = previous.proofs  # until the new ones come
        found = snap.findings + (proofs or [])
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=snap.uri, diagnostics=diagnostics(found, snap.lines), version=snap.version))

    def schedule(self, uri: str, delay: float = QUICK_DELAY) -> None:
        task = self.tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self.tasks[uri] = asyncio.ensure_future(self._refresh(uri, delay))

    async def _refresh(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        snap = self.snapshot(uri)
        self.publish(snap)
        await asyncio.sleep(GC_AFTER)  # a pause in typing: the time to collect what the changes left
        started = time.monotonic()
        gc.collect()
        if snap.model is None:
            return
        await asyncio.sleep(max(0.0, PROOF_PAUSE - GC_AFTER - (time.monotonic() - started)))
        cache = self.proof_caches.setdefault(uri, ProofCache())
        found = await asyncio.get_running_loop().run_in_executor(self.prover, proofs, snap, cache)
        if self.snaps.get(uri) is snap:
            snap.proofs = found
            self.proven[uri] = snap
            self.publish(snap)
            self.protocol.notify("wmo/bewezen", {"uri": uri, "version": snap.version})

    def model_of(self, uri: str) -> Model | None:
        snap = self.checked.get(uri)
        return snap.model if snap else None

    def bestand_of(self, uri: str) -> ast.Regelbestand | None:
        snap = self.good.get(uri)
        return snap.bestand if snap else None

    def roots(self) -> list[Path]:
        folders = [uri_path(f.uri) for f in self.workspace.folders.values()] or ([self.workspace.root_path] if self.workspace.root_path else [])
        return [Path(f) for f in folders if f and Path(f).is_dir()]


server = WmoServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WmoServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WmoServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: WmoServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WmoServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.tasks.pop(uri, None)
    if task is not None:
        task.cancel()
    for store in (ls.snaps, ls.good, ls.checked, ls.proven, ls.caches, ls.proof_caches):
        store.pop(uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: WmoServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    return navigation.hover(ls.snapshot(uri), ls.bestand_of(uri), ls.model_of(uri), params.position.line, params.position.character)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: WmoServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    return navigation.definition(ls.snapshot(params.text_document.uri), params.position.line, params.position.character)


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: WmoServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    return navigation.references(ls.snapshot(params.text_document.uri), params.position.line, params.position.character,
                                 params.context.include_declaration)


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: WmoServer, params: lsp.PrepareRenameParams) -> lsp.Range | None:
    occ = ls.snapshot(params.text_document.uri).index.at(params.position.line, params.position.character)
    if occ is None or occ.ruimte.startswith("optie:"):
        return None
    return lsp.Range(lsp.Position(occ.line, occ.start), lsp.Position(occ.line, occ.end))


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
def rename(ls: WmoServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    try:
        return navigation.rename(ls.snapshot(params.text_document.uri), params.position.line, params.position.character, params.new_name)
    except navigation.RenameFout as err:
        raise JsonRpcInvalidParams(str(err)) from None


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: WmoServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    return navigation.document_symbols(ls.snapshot(params.text_document.uri))


@server.feature(lsp.WORKSPACE_SYMBOL)
def workspace_symbols(ls: WmoServer, params: lsp.WorkspaceSymbolParams) -> list[lsp.WorkspaceSymbol]:
    return navigation.workspace_symbols(params.query, [ls.snapshot(uri) for uri in list(ls.snaps)], ls.roots())


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", "=", "[", ","]))
def complete(ls: WmoServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    return lsp.CompletionList(is_incomplete=False, items=completion.complete(ls.snapshot(uri), ls.model_of(uri),
                                                                             params.position.line, params.position.character))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: WmoServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    """The fixes of our own diagnostics on the requested lines (with their data, whatever the client sends)."""
    snap = ls.snapshot(params.text_document.uri)
    found = diagnostics(snap.findings + (snap.proofs or []), snap.lines)
    first, last = params.range.start.line, params.range.end.line
    wanted = [d for d in found if first <= d.range.start.line <= last or d.range.start.line <= first <= d.range.end.line]
    return actions.code_actions(snap, snap.model, wanted) or None


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: WmoServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    snap = ls.snapshot(params.text_document.uri)
    return formatting_edits(snap.text, snap.pad)


@server.feature(lsp.TEXT_DOCUMENT_RANGE_FORMATTING)
def range_formatting(ls: WmoServer, params: lsp.DocumentRangeFormattingParams) -> list[lsp.TextEdit]:
    snap = ls.snapshot(params.text_document.uri)
    return formatting_edits(snap.text, snap.pad, params.range)


@server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
def tokens(ls: WmoServer, params: lsp.SemanticTokensParams) -> lsp.SemanticTokens:
    return semantic_tokens(ls.snapshot(params.text_document.uri).text)


def cmd_lsp(args: argparse.Namespace) -> int:
    """``wmo lsp [--tcp POORT]``: serve until the editor says exit. Python's full garbage collections
    (about 0.1 s over the syntax trees of a large file) would land at random between two keystrokes;
    the server leaves them for a pause in typing (``_refresh``) and lets Python collect only the
    young generations on its own."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1 << 30)
    if getattr(args, "tcp", None) is not None:
        poort = args.tcp.strip()
        if not poort.isdigit() or not 0 < int(poort) < 65536:
            raise WmoFout(f"--tcp: '{args.tcp}' is geen poortnummer; kies een getal van 1 tot en met 65535")
        server.start_tcp("127.0.0.1", int(poort))
    else:
        server.start_io()
    raise SystemExit(0)  # pygls has closed stdout: nothing may flush it again
