"""The editor set-up: the VS Code folder is valid, its grammar is the lexer's, and 'wmo lsp' is a command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from wmo_dsl.tools.lsp.textmate import grammar, grammar_text

VSCODE = Path(__file__).resolve().parents[2] / "editors" / "vscode"


def test_every_json_file_of_the_vscode_extension_parses():
    files = sorted(VSCODE.rglob("*.json"))
    assert {f.name for f in files} == {"package.json", "language-configuration.json", "wmo.tmLanguage.json"}
    for f in files:
        json.loads(f.read_text(encoding="utf-8"))


def test_the_committed_grammar_is_the_one_generated_from_the_pygments_lexer():
    committed = (VSCODE / "syntaxes" / "wmo.tmLanguage.json").read_text(encoding="utf-8")
    assert committed == grammar_text(), "run: python editors/vscode/genereer.py"


def test_the_extension_names_its_language_grammar_and_configuration():
    package = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    [language] = package["contributes"]["languages"]
    [tm] = package["contributes"]["grammars"]
    assert language["extensions"] == [".wmo"] and tm["language"] == language["id"] == "wmo"
    assert (VSCODE / tm["path"]).is_file() and (VSCODE / language["configuration"]).is_file() and (VSCODE / package["main"]).is_file()
    assert package["contributes"]["configuration"]["properties"]["wmo.opdracht"]["default"] == ["wmo", "lsp"]


def _first_scope(text: str) -> str | None:
    """The scope the grammar gives the start of ``text``: the leftmost match, the first pattern on a tie."""
    best = None
    for p in grammar()["patterns"]:
        m = re.compile(p["match"]).search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), p.get("name") or p["captures"]["1"]["name"])
    return best[1] if best else None


def test_the_grammar_colours_keywords_units_names_and_sources_as_the_lexer_does():
    assert _first_scope("vraag leeftijd: getal") == "keyword.control.wmo"
    assert _first_scope("weken") == "storage.type.unit.wmo"
    assert _first_scope("leeftijd_in_weken") == "variable.other.wmo"
    assert _first_scope('bron "§3 Intensiteit"') == "keyword.other.bron.wmo"
    assert _first_scope("# negeer W021") == "comment.line.number-sign.wmo"
    assert _first_scope("022B1") == "constant.other.code.wmo"


def test_wmo_lsp_refuses_a_port_that_is_no_number_in_dutch():
    result = subprocess.run([sys.executable, "-m", "wmo_dsl.cli", "lsp", "--tcp", "acht"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "geen poortnummer" in result.stderr and "Traceback" not in result.stderr
