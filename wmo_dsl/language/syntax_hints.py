"""Dutch names for what the parser expected, and hints for mistakes we recognise.

A hint is chosen the way Lark's ``error_reporting_lalr`` example does it: each
hint comes with a few small wrong samples, and ``match_examples`` picks the hint
whose samples fail in the same parser state on the same kind of token as the
policy writer's file. Adding a hint is adding a sample here; no parser code.
"""

from __future__ import annotations

from typing import Callable, Iterable

from lark import Lark
from lark.exceptions import UnexpectedInput

# What a terminal is called for a policy writer.
_TERMINAL_NAMES = {
    "NAME": "een naam",
    "STRING": "een tekst tussen dubbele aanhalingstekens",
    "NUMBER": "een getal",
    "DATE": "een datum (JJJJ-MM-DD)",
    "CODE": "een productcode",
    "CMP": "een vergelijking (=, !=, <, <=, >, >=)",
    "_NL": "het einde van de regel",
    "_INDENT": "een ingesprongen regel",
    "_DEDENT": "het einde van het ingesprongen blok",
    "$END": "het einde van het bestand",
    "PARAMETER": '"parameter"',
    "ONBEPERKT": '"onbeperkt"',
}

_DEFINITION_KEYWORDS = {"regio", "vraag", "tabel", "product", "regel", "verwijzing", "signaal", "parameter"}


def _terminal_text(name: str, parser: Lark) -> str:
    if name in _TERMINAL_NAMES:
        return _TERMINAL_NAMES[name]
    try:
        pattern = parser.get_terminal(name).pattern
    except KeyError:
        return name.lower()
    return f'"{pattern.value}"' if pattern.type == "str" else name.lower()


_OPERATORS = {"+", "-", "*", "/", "%"}
_BRACKETS = {"(", "[", ","}


def describe_expected(expected: Iterable[str], parser: Lark) -> str:
    """A short Dutch list of what could have come here: words first, symbols summarised."""
    texts = {_terminal_text(n, parser) for n in expected}
    symbols = {t.strip('"') for t in texts if t.startswith('"') and not t.strip('"')[:1].isalpha()}
    texts -= {f'"{s}"' for s in symbols}
    words = sorted(t for t in texts if t.startswith('"'))
    kinds = sorted(t for t in texts if not t.startswith('"') and not t.startswith("het einde"))
    ends = sorted(t for t in texts if t.startswith("het einde"))
    definities = [t for t in words if t.strip('"') in _DEFINITION_KEYWORDS]
    if len(definities) >= 4:
        words = [t for t in words if t not in definities] + ["een nieuwe definitie (regio, vraag, tabel, product, regel, …)"]
    closing = [f'"{c}"' for c in ("]", ")") if c in symbols]
    symbols -= {"]", ")"}
    parts = closing + words + kinds
    if symbols & _OPERATORS:
        parts.append("een rekenteken (" + ", ".join(sorted(symbols & _OPERATORS)) + ")")
    rest = sorted(symbols - _OPERATORS - (_BRACKETS if len(symbols - _OPERATORS) > 3 else set()))
    parts += [f'"{s}"' for s in rest]
    if len(parts) > 7:
        parts = parts[:7] + ["…"]
    parts += ends
    if not parts:
        return "iets anders"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " of " + parts[-1]


# Hint text → small samples that make the same mistake.
HINTS: dict[str, list[str]] = {
    "zet een dubbele punt tussen de naam en de soort van de vraag, bijvoorbeeld: vraag type: keuze": [
        "vraag type keuze\n",
        "vraag x ja/nee\n",
    ],
    "de soort van een vraag is ja/nee, keuze, meerdere, getal, geheel getal, datum of tekst": [
        "vraag x: lijst\n",
        "vraag x: boolean\n",
        "vraag x: janee\n",
    ],
    "gebruik een decimale komma, zonder spatie: 0,8": [
        "x is 0.8\n",
    ],
    "tekst staat tussen dubbele aanhalingstekens (\"…\"), op één regel": [
        "vraag x: ja/nee\n  tekst 'Hallo'\n",
        "vraag x: ja/nee\n  tekst \"Hallo\n",
        "regio r 'R'\n",
    ],
    "vergelijk met één =, bijvoorbeeld: type = behouden": [
        "x is a == b\n",
    ],
    "schrijf >= (groter dan of gelijk aan); het teken ≥ kent de regeltaal niet": [
        "x is a ≥ 18\n",
        "tabel t: a -> b\n  ≥ 1 -> c\n",
    ],
    "schrijf <= (kleiner dan of gelijk aan); het teken ≤ kent de regeltaal niet": [
        "x is a ≤ 18\n",
        "tabel t: a -> b\n  ≤ 1 -> c\n",
    ],
    "schrijf != (niet gelijk aan); het teken ≠ kent de regeltaal niet": [
        "x is a ≠ 18\n",
    ],
    "een eis heeft de vorm: eis voorwaarde \"melding\", bijvoorbeeld "
    "eis (aantal huisgenoten met relatie = partner) <= 1 \"Er is hoogstens één partner.\"": [
        "eis a\n",
        "eis a = 1\n",
        "eis \"Er is hoogstens één partner.\"\n",
    ],
    "gebruik de Nederlandse woorden en, of en niet": [
        "x is a and b\n",
        "x is a or b\n",
        "x is a && b\n",
        "x is a || b\n",
    ],
    "eigenschappen als tekst, bron en optie springen in onder de definitie waar ze bij horen": [
        "vraag x: ja/nee\ntekst \"Vraag?\"\n",
        "vraag x: ja/nee\nbron \"§1\"\n",
        "vraag x: keuze\noptie a \"A\"\n",
        "x is 1\nbron \"§1\"\n",
    ],
    "een regel in een tabel eindigt met -> en de uitkomst, bijvoorbeeld: a | b -> 022B1": [
        "tabel t: a | b -> c\n  x | y\n",
        "tabel t: a | b -> c\n  x | y => z\n",
    ],
    "zet de waarde vóór 'anders', bijvoorbeeld: plusplus anders": [
        "x is\n  a als y\n  anders\n",
        "x is\n  anders a\n",
    ],
    "een geval heeft de vorm: waarde als voorwaarde, bijvoorbeeld: plus als aantal x = 1": [
        "x is\n  a b\n",
        "x is\n  ja b\n",
        "x is\n  1 b\n",
        "x is\n  \"t\" b\n",
        "x is\n  a wanneer b\n",
        "x is\n  a if b\n",
    ],
    "schrijf een bereik als 1 tot 2; beide grenzen tellen mee": [
        "x is a in 1 tot en met 2\n",
        "x is a in 1 - 2\n",
        "x is a in 1..2\n",
    ],
    "een regel begint met 'als voorwaarde' en concludeert met 'dan …', bijvoorbeeld: dan product 022B1": [
        "regel r\n  als a\n  product b\n",
        "regel r\n  als a\n  dan b\n",
    ],
    "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2022-01-01": [
        "regio r \"R\"\n  geldig vanaf 1-1-2022\n",
        "x is 01-01-2022\n",
        "product p \"P\"\n  tarief 12 per maand vanaf 1-1-2025\n",
    ],
    "schrijf een tarief als: tarief 1234,56 per maand vanaf 2025-01-01 (een decimale komma, geen €-teken, geen punt)": [
        "product p \"P\"\n  tarief € 12 per maand vanaf 2025-01-01\n",
        "product p \"P\"\n  tarief 1.234,56 per maand vanaf 2025-01-01\n",
        "product p \"P\"\n  tarief 12 per maand\n",
        "product p \"P\"\n  tarief 12 per maand geldig vanaf 2025-01-01\n",
        "product p \"P\"\n  tarief 12 maand vanaf 2025-01-01\n",
    ],
    "na 'per' staat een periode of een eenheid (een tarief): per dag, per week, per maand, per kwartaal, per jaar, "
    "met een aantal per 4 weken, per 2 maanden, per 3 dagen, of per km": [
        "x is 100 euro per\n",
        "x is 100 euro per 4\n",
        "x is 100 euro per \"week\"\n",
        "vraag v: getal\n  eenheid euro per\n",
    ],
    "schrijf een bedrag als 100 euro, 100 euro per 4 weken of 0,18 euro per km (zonder €-teken); "
    "de uitleg en de brief tonen het als € 100,00": [
        "x is € 100\n",
        "x is 100 €\n",
        "x is a * € 2\n",
    ],
    "de regiokop heeft ingesprongen regels eronder, ten minste: geldig vanaf 2022-01-01": [
        "regio r \"R\"\n",
    ],
    "sluit de lijst af met ] (of het haakje met ))": [
        "x is [a, b\n",
        "x is (a + b\n",
    ],
    "een keuze binnen een berekening schrijft u als: als voorwaarde dan waarde anders waarde, "
    "bijvoorbeeld 108 uur per jaar - (als eigen_mogelijkheden dan 23 uur per jaar anders 0 uur per jaar)": [
        "x is 108 - (23 als eigen)\n",
        "x is (23 als eigen)\n",
        "x is 2 * (3 als a anders 4)\n",
        "x is max(1, 2 als a)\n",
    ],
    "'met …' loopt door tot het einde van de uitdrukking: zet de telling tussen haakjes, "
    "bijvoorbeeld (aantal huisgenoten met leeftijd >= 18) = 0, of geef haar een eigen naam": [
        "x is aantal l met a = 0\n",
        "x is aantal l met a en b = 0\n",
        "x is aantal l met a > 1 = 0\n",
        "x is som van a van l met b > 1 = 0\n",
        "x is aantal l met a >= 18 en niet b = 0\n",
    ],
    "een lijst van namen staat tussen [ en ], gescheiden door komma's: [a, b]": [
        "x is a in (b, c)\n",
        "x is a in b, c\n",
    ],
}


_SAMPLE_HEADER = 'regio r "R"\n  geldig vanaf 2022-01-01\n'


def _with_header(sample: str) -> str:
    # Lark compares the parser's stack depth too: a sample must stand where a
    # real definition stands, after a region header.
    return sample if sample.startswith("regio") else _SAMPLE_HEADER + sample


def hint_for(err: UnexpectedInput, parse: Callable[[str], object]) -> str | None:
    """The hint whose samples fail like ``err`` does, or None.

    Like Lark's ``match_examples``: a sample that fails in the same parser state
    on the same token wins; else the first sample that fails in the same state.
    Unlike it, the depth of the parser's stack does not count, so a mistake in
    the fifth line of a product matches a sample that makes it in the first.
    """
    want = _failure(err)
    if want is None:
        return None
    same_state = None
    for hint, got in _sample_failures(parse):
        if got is None or got[:2] != want[:2]:
            continue
        if got == want:
            return hint
        same_state = same_state or hint
    return same_state


_SAMPLES: dict[Callable, list[tuple[str, tuple | None]]] = {}


def _sample_failures(parse: Callable[[str], object]) -> list[tuple[str, tuple | None]]:
    """(hint, how its sample fails) for every sample that fails, computed once per parser: a file
    with 5,000 mistakes asks 5,000 times."""
    if parse not in _SAMPLES:
        failures = []
        for hint, samples in HINTS.items():
            for sample in samples:
                try:
                    parse(_with_header(sample))
                except UnexpectedInput as sample_err:
                    failures.append((hint, _failure(sample_err)))
                except Exception:  # a hint is a courtesy; never let it hide the real error
                    continue
        _SAMPLES[parse] = failures
    return _SAMPLES[parse]


def _failure(err: UnexpectedInput) -> tuple | None:
    """Where and on what a parse failed: (parser state, what it accepted, the token or character)."""
    state = getattr(err, "state", None)
    position = getattr(state, "position", state)
    if position is None:
        return None
    accepts = frozenset(getattr(err, "accepts", None) or getattr(err, "expected", None) or ())
    seen = getattr(err, "char", None)
    token = getattr(err, "token", None)
    if token is not None:
        seen = (token.type, str(token))
    return position, accepts, seen
