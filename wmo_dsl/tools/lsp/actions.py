"""Code actions: the fixes a finding already names.

* each "bedoelde u 'x'?" of a hint becomes a quick fix that writes ``x``;
* a gap, an overlap or an uncovered case (W010, W011, W012, E232): "maak een
  testgeval van dit tegenvoorbeeld" creates a case file in the region's
  ``casussen/`` folder, the folder ``wmo test`` reads;
* W012 and E232: "voeg anders toe" ends the cases with ``geen anders``.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as lsp

from ...language.model import Model

from .counterexample import CODES, case_file, case_text, counterexample_code
from .document import Snapshot, casussen_folder

_SUGGESTION = re.compile(r"'([^']+)'")


def code_actions(snap: Snapshot, model: Model | None, diagnostics: list[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    actions: list[lsp.CodeAction] = []
    for d in diagnostics:
        data = d.data if isinstance(d.data, dict) else {}
        hint = data.get("hint") or ""
        if hint.startswith("bedoelde u"):
            for name in _SUGGESTION.findall(hint):
                actions.append(_edit_action(f"vervang door '{name}'", snap, [lsp.TextEdit(range=d.range, new_text=name)], d,
                                            preferred=len(actions) == 0))
        if d.code in ("W012", "E232"):
            edit = _anders_edit(snap, d.range.start.line)
            if edit is not None:
                actions.append(_edit_action("voeg anders toe", snap, [edit], d))
        if d.code in CODES and model is not None:
            actions.extend(_case_action(snap, model, d))
    return actions


def _edit_action(title: str, snap: Snapshot, edits: list[lsp.TextEdit], d: lsp.Diagnostic, preferred: bool = False) -> lsp.CodeAction:
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[d], is_preferred=preferred or None,
                          edit=lsp.WorkspaceEdit(changes={snap.uri: edits}))


def _anders_edit(snap: Snapshot, line: int) -> lsp.TextEdit | None:
    """'geen anders' after the last case of the derived value defined on ``line``."""
    lines = snap.lines
    last, indent = None, "  "
    for n in range(line + 1, len(lines)):
        text = lines[n]
        if text.strip() and not text[:1].isspace():
            break
        if re.search(r"\s(als)\s", f" {text} ") and not text.strip().startswith(("toelichting", "bron", "motivering", "#")):
            last, indent = n, text[:len(text) - len(text.lstrip())]
    if last is None:
        return None
    end = lsp.Position(last, len(lines[last]))
    return lsp.TextEdit(range=lsp.Range(end, end), new_text=f"\n{indent}geen anders")


def _case_action(snap: Snapshot, model: Model, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    message = d.message.split("\ntip:")[0]
    code = counterexample_code(d.code)
    case = case_file(model, code, message, d.range.start.line + 1) if code is not None else None
    if case is None:
        return []
    folder = casussen_folder(snap.pad)
    target = _free_name(folder, f"tegenvoorbeeld_{str(d.code).lower()}_regel_{d.range.start.line + 1}")
    uri = target.resolve().as_uri() if target.parent.exists() else Path(target).absolute().as_uri()
    edit = lsp.WorkspaceEdit(document_changes=[
        lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(ignore_if_exists=True)),
        lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                             edits=[lsp.TextEdit(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), new_text=case_text(case))]),
    ])
    return [lsp.CodeAction(title="maak een testgeval van dit tegenvoorbeeld", kind=lsp.CodeActionKind.QuickFix, diagnostics=[d],
                           edit=edit)]


def _free_name(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}.json", 2
    while path.exists():
        path, n = folder / f"{stem}_{n}.json", n + 1
    return path
