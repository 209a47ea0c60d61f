"""Write syntaxes/wmo.tmLanguage.json from the Pygments lexer (python editors/vscode/genereer.py)."""

from pathlib import Path

from wmo_dsl.tools.lsp.textmate import grammar_text

if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "syntaxes" / "wmo.tmLanguage.json"
    target.write_text(grammar_text(), encoding="utf-8")
    print(f"geschreven: {target}")
