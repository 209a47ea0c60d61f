"""``wmo lsp`` driven by a real client over stdio: one server process for the module, small files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools.lsp_client import LspClient
from wmo_dsl.tools.fmt import format_text

ROOT = Path(__file__).resolve().parents[2]
TSD = ROOT / "regions" / "tsd"
LEKSTROOM = ROOT / "regions" / "lekstroom"
SMALL = """regio r "R"
  geldig vanaf 2025-01-01

vraag soort: keuze
  groep "Het begin"
  tekst "Welke soort?"
  bron "§1 Soorten"
  optie a "Soort a"
  optie b "Soort b"

vraag leeftijd: getal
  groep "Het begin"

product p "P"
  bron "§2 Het product"

regel r1
  als soort = a en leeftijd < 18
  dan product p
  motivering "Bij {soort} en {leeftijd} jaar."
  bron "§2 Het product"
"""


@pytest.fixture(scope="module")
def werk(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("werk")
    shutil.copytree(TSD, root / "tsd", ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    shutil.copytree(LEKSTROOM, root / "lekstroom", ignore=shutil.ignore_patterns("__init__.py", "__pycache__", "varianten"))
    (root / "klein.wmo").write_text(SMALL, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client(werk):
    env = {**os.environ, "WMO_LSP_PAUZE_MS": "100", "XDG_CACHE_HOME": str(werk / ".cache")}
    c = LspClient(werk, env=env)
    yield c
    if c.proc.poll() is None:
        c.proc.kill()


def apply(text: str, edits: list[dict]) -> str:
    """The text after a list of LSP TextEdits (as JSON)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(p):
        return min(offsets[min(p["line"], len(lines))] + p["character"], len(text))

    for e in sorted(edits, key=lambda e: at(e["range"]["start"]), reverse=True):
        text = text[:at(e["range"]["start"])] + e["newText"] + text[at(e["range"]["end"]):]
    return text


def position(text: str, needle: str, offset: int = 0) -> dict:
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return {"line": line, "character": index - (text.rfind("\n", 0, index) + 1)}


def opened(client, path: Path, text: str | None = None) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8") if text is None else text
    client.open(path.as_uri(), text)
    return path.as_uri(), text


def test_the_server_announces_what_it_can_do(client):
    caps = client.capabilities
    for provider in ("hoverProvider", "definitionProvider", "referencesProvider", "renameProvider", "completionProvider",
                     "codeActionProvider", "documentFormattingProvider", "documentRangeFormattingProvider",
                     "documentSymbolProvider", "workspaceSymbolProvider", "semanticTokensProvider"):
        assert caps.get(provider), provider


def test_a_typo_in_the_tsd_rules_gives_E204_with_its_quick_fix(client, werk):
    text = (werk / "tsd" / "tsd.wmo").read_text(encoding="utf-8").replace("als ontwikkelgericht\n", "als ontwikelgericht\n")
    path = werk / "tsd" / "typo.wmo"
    uri, _ = opened(client, path, text)
    diagnostics = client.diagnostics(uri, lambda ds: any(d["code"] == "E204" for d in ds))
    e204 = next(d for d in diagnostics if d["code"] == "E204")
    start = position(text, "als ontwikelgericht\n", 4)
    assert e204["range"] == {"start": start, "end": {**start, "character": start["character"] + len("ontwikelgericht")}}
    assert e204["severity"] == 1 and e204["message"].startswith("'ontwikelgericht' is niet gedefinieerd")
    assert e204["codeDescription"]["href"].endswith("taal.md#controle-wmo-check")
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": e204["range"],
                                                         "context": {"diagnostics": [e204]}})
    fix = next(a for a in actions if a["title"] == "vervang door 'ontwikkelgericht'")
    fixed = apply(text, fix["edit"]["changes"][uri])
    assert fixed == (werk / "tsd" / "tsd.wmo").read_text(encoding="utf-8")
    client.close_document(uri)


def test_hover_on_a_question_shows_its_bron_options_and_type(client, werk):
    uri, text = opened(client, werk / "tsd" / "tsd.wmo")
    value = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": position(text, "als begeleiding_nodig en leerbaar", 30)})["contents"]["value"]
    assert "**vraag** `leerbaar`: keuze" in value
    assert "bron: A.2 Leren/ontwikkelen; A.5 Behouden: wanneer inzetten" in value
    assert "- `beperkt`: Beperkt: matig of nauwelijks leerbaar" in value
    on_bron = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position(text, '"A.6 Waakvlamcontact: wanneer', 3)})
    assert on_bron["contents"]["value"].startswith("**bron**: A.6 Waakvlamcontact: wanneer inzetten")


def test_hover_on_a_code_in_a_negeer_comment_explains_it(client, werk):
    text = SMALL.replace('vraag leeftijd: getal', 'vraag leeftijd: getal  # negeer W021')
    uri, _ = opened(client, werk / "negeer.wmo", text)
    value = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position(text, "W021", 1)})["contents"]["value"]
    assert value.startswith("**W021** (waarschuwing): een vraag die door geen regel gebruikt wordt")


def test_definition_and_references_find_every_use_of_a_name(client, werk):
    uri, text = opened(client, werk / "klein.wmo")
    use = position(text, "soort = a", 1)
    target = client.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": use})
    assert target["range"]["start"] == position(text, "soort: keuze")
    refs = client.request("textDocument/references", {"textDocument": {"uri": uri}, "position": use, "context": {"includeDeclaration": True}})
    starts = sorted((r["range"]["start"]["line"], r["range"]["start"]["character"]) for r in refs)
    expected = [position(text, "soort: keuze"), position(text, "soort = a"), position(text, "{soort}", 1)]
    assert starts == [(p["line"], p["character"]) for p in expected]


def test_rename_of_a_question_updates_every_use_and_the_case_files(client, werk):
    path = werk / "tsd" / "tsd.wmo"
    uri, text = opened(client, path)
    result = client.request("textDocument/rename", {"textDocument": {"uri": uri}, "position": position(text, "vraag begeleiding_nodig", 7),
                                                    "newName": "begeleiding_vereist"})
    by_uri = {c["textDocument"]["uri"]: c["edits"] for c in result["documentChanges"]}
    renamed = apply(text, by_uri.pop(uri))
    assert "begeleiding_nodig" not in renamed and len(re.findall(r"\bbegeleiding_vereist\b", renamed)) == len(re.findall(r"\bbegeleiding_nodig\b", text))
    from wmo_dsl.tools.lsp.document import quick

    assert quick(uri, renamed).model is not None  # every use renamed: the file still checks
    cases = {p.as_uri(): p for p in (werk / "tsd" / "casussen").glob("*.json") if '"begeleiding_nodig"' in p.read_text(encoding="utf-8")}
    assert sorted(by_uri) == sorted(cases) and cases
    for case_uri, edits in by_uri.items():
        data = json.loads(apply(cases[case_uri].read_text(encoding="utf-8"), edits))
        assert "begeleiding_vereist" in data["antwoorden"] and "begeleiding_nodig" not in data["antwoorden"]


def test_rename_reaches_a_placeholder_in_a_motivering_and_refuses_a_keyword(client, werk):
    uri, text = opened(client, werk / "klein.wmo")
    result = client.request("textDocument/rename", {"textDocument": {"uri": uri}, "position": position(text, "leeftijd < 18"),
                                                    "newName": "jaren"})
    renamed = apply(text, result["documentChanges"][0]["edits"])
    assert 'motivering "Bij {soort} en {jaren} jaar."' in renamed and "leeftijd" not in renamed
    with pytest.raises(RuntimeError, match="geen woord van de taal"):
        client.request("textDocument/rename", {"textDocument": {"uri": uri}, "position": position(text, "leeftijd < 18"), "newName": "regel"})


def test_completion_offers_the_options_of_the_compared_question_and_names_elsewhere(client, werk):
    text = SMALL.replace("als soort = a en", "als soort = ")
    uri, _ = opened(client, werk / "compleet.wmo", text)
    at = position(text, "als soort = ", len("als soort = "))
    items = client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": at})["items"]
    assert [i["label"] for i in items] == ["a", "b"]
    at = position(text, "als soort", 4)
    labels = {i["label"] for i in client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": at})["items"]}
    assert {"soort", "leeftijd", "p"} <= labels and "a" not in labels
    at = {"line": text.split("\n").index('  bron "§2 Het product"'), "character": len("  bron ")}
    items = client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": at})["items"]
    assert [i["insertText"] for i in items] == ['"§1 Soorten"', '"§2 Het product"']


def test_formatting_gives_exactly_what_wmo_fmt_gives(client, werk):
    messy = SMALL.replace("als soort = a en leeftijd < 18", "als   soort=a en leeftijd<18").replace('  tekst "Welke', '   tekst "Welke')
    messy = messy.replace("   tekst", "  tekst")
    uri, _ = opened(client, werk / "rommelig.wmo", messy)
    edits = client.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}})
    assert apply(messy, edits) == format_text(messy) != messy
    ranged = client.request("textDocument/rangeFormatting", {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True},
                                                             "range": {"start": {"line": 16, "character": 0}, "end": {"line": 17, "character": 0}}})
    assert apply(messy, ranged) == format_text(messy)
    untouched = client.request("textDocument/rangeFormatting", {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True},
                                                                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}}})
    assert untouched == []


def test_every_syntax_error_is_shown_not_only_the_first(client, werk):
    text = SMALL.replace("vraag leeftijd: getal", "vraag leeftijd getal").replace("  dan product p", "  dan product")
    uri, _ = opened(client, werk / "syntaxis.wmo", text)
    diagnostics = client.diagnostics(uri)
    assert [(d["code"], d["range"]["start"]["line"]) for d in diagnostics] == [("E100", 10), ("E100", position(text, "  dan product\n")["line"])]


def test_the_outline_groups_questions_by_groep_and_tokens_colour_the_file(client, werk):
    uri, text = opened(client, werk / "klein.wmo")
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert [(s["name"], [c["name"] for c in s.get("children") or []]) for s in symbols][:1] == [("Het begin", ["soort", "leeftijd"])]
    assert [s["name"] for s in symbols[1:]] == ["p", "r1"]
    found = client.request("workspace/symbol", {"query": "matrix"})
    assert [s["name"] for s in found] == ["matrixproduct"] and found[0]["location"]["uri"].endswith("lekstroom.wmo")
    data = client.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri}})["data"]
    assert data[:5] == [0, 0, len("regio"), 0, 0]  # the first token: 'regio', a keyword


def test_a_removed_table_row_gives_a_gap_whose_case_file_wmo_test_runs(client, werk):
    folder = werk / "lekstroom"
    path = folder / "lekstroom.wmo"
    full = path.read_text(encoding="utf-8")
    row = "  groot          | ontwikkelen | plusplus  -> 026A3\n"
    uri, text = opened(client, path, full.replace(row, ""))
    diagnostics = client.proofs(uri, 1)
    gap = next(d for d in diagnostics if d["code"] == "W010")
    assert "omvang groot, type ontwikkelen, intensiteit plusplus" in gap["message"] and gap["severity"] == 1
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": gap["range"], "context": {"diagnostics": [gap]}})
    action = next(a for a in actions if a["title"] == "maak een testgeval van dit tegenvoorbeeld")
    create, insert = action["edit"]["documentChanges"]
    assert create["kind"] == "create" and create["uri"] == (folder / "casussen" / "tegenvoorbeeld_w010_regel_146.json").as_uri()
    case_path = folder / "casussen" / "tegenvoorbeeld_w010_regel_146.json"
    case_path.write_text(apply("", insert["edits"]), encoding="utf-8")
    case = json.loads(case_path.read_text(encoding="utf-8"))
    assert case["antwoorden"]["type"] == "ontwikkelen" and case["verwacht"]["uitkomst"] == "geen_indicatie"
    # The policy writer puts the row back and says what the case should give; 'wmo test' runs it.
    case["verwacht"] = {"uitkomst": "indicatie", "producten": ["026A3"]}
    case_path.write_text(json.dumps(case, ensure_ascii=False, indent=2), encoding="utf-8")
    out = _wmo_test(folder)
    assert re.search(r"  ok    Tegenvoorbeeld W010 \(regel 146\)", out.stdout), out.stdout + out.stderr
    client.close_document(uri)


def _wmo_test(folder: Path) -> subprocess.CompletedProcess:
    """'wmo test' with the folder installed as region 'kopie' (a plugin, as a region package registers one)."""
    program = f"""
import sys
from wmo_dsl import RegionSource, hookimpl
from wmo_dsl.plugins import plugin_manager

class Kopie:
    @hookimpl
    def wmo_regions(self):
        return [RegionSource.from_folder({str(folder)!r}, id="kopie")]

plugin_manager().register(Kopie())
from wmo_dsl.cli import main
sys.exit(main(["test", "--regio", "kopie"]))
"""
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "XDG_CACHE_HOME": str(folder.parent / ".cache")})


def test_cases_without_anders_get_voeg_anders_toe(client, werk):
    text = SMALL + "\nklasse is\n  jong als leeftijd < 18\n  oud  als leeftijd >= 65\n"
    uri, _ = opened(client, werk / "anders.wmo", text)
    diagnostics = client.proofs(uri, 1)
    w012 = next(d for d in diagnostics if d["code"] == "W012")
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": w012["range"], "context": {"diagnostics": [w012]}})
    anders = next(a for a in actions if a["title"] == "voeg anders toe")
    assert apply(text, anders["edit"]["changes"][uri]).endswith("  oud  als leeftijd >= 65\n  geen anders\n")
    assert "maak een testgeval van dit tegenvoorbeeld" in [a["title"] for a in actions]


def test_fifty_rapid_changes_end_with_exactly_the_diagnostics_of_the_final_text(client, werk):
    uri = (werk / "snel.wmo").as_uri()
    client.open(uri, SMALL)
    final = SMALL
    for version in range(2, 52):
        final = SMALL.replace("leeftijd < 18", f"leeftijd < {version}") + ("vraag x: getal\n" if version % 2 else "regel kapot\n")
        client.change(uri, final, version)
    last = client.proofs(uri, 51)
    assert client.settled(uri, quiet=0.3)["version"] == 51  # nothing of an older version came after
    fresh = (werk / "vers.wmo").as_uri()
    client.open(fresh, final)
    expected = client.proofs(fresh, 1)
    assert [(d["code"], d["range"], d["message"]) for d in last] == [(d["code"], d["range"], d["message"]) for d in expected]
    assert "W021" in [d["code"] for d in last]  # the proofs are in: 'vraag x' is read by no rule


def test_shutdown_ends_the_server_cleanly(client):
    assert client.shutdown() == 0
