"""The ``wmo`` command: Dutch subcommands over the public API.

Every user mistake arrives here as a :class:`~wmo_dsl.errors.WmoFout` and
leaves as a Dutch message on stderr with exit code 2; a traceback would mean a
bug in wmo-dsl, not in the user's input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import NoReturn

from .errors import CasusFout, RegelbestandFout, WmoFout, os_reden, printable

_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments:": "argumenten:",
    "options:": "opties:",
    "show this help message and exit": "toon deze hulp en stop",
}


# argparse's own messages (Python 3.11-3.13), each with its Dutch form; a value from the command
# line is quoted as argparse quotes it.
_ARGPARSE_ERRORS: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"argument (.+?): (.*)", lambda m: f"{m[1]}: {_dutch_error(m[2])}"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"ongeldige keuze: \1 (kies uit \2)"),
    (r"invalid (\S+) value: (.*)", lambda m: f"{m[2]} is {_ARGPARSE_TYPES.get(m[1], 'geen geldige waarde')}"),
    (r"the following arguments are required: (.*)", r"verplicht, maar niet opgegeven: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"expected one argument", "verwacht één waarde"),
    (r"expected at most one argument", "verwacht hoogstens één waarde"),
    (r"expected at least one argument", "verwacht minstens één waarde"),
    (r"expected (\d+) arguments?", r"verwacht \1 waarden"),
    (r"ambiguous option: (.*) could match (.*)", r"de optie \1 is niet eenduidig: bedoelt u \2?"),
    (r"ignored explicit argument (.*)", r"deze optie neemt geen waarde: \1"),
    (r"not allowed with argument (.*)", r"gaat niet samen met \1"),
    (r"one of the arguments (.*) is required", r"één van deze argumenten is verplicht: \1"),
    (r"unexpected option string: (.*)", r"onverwachte optie: \1"),
]
_ARGPARSE_TYPES: dict[str, str] = {"int": "geen geheel getal", "float": "geen getal"}


def _dutch_error(message: str) -> str:
    for pattern, dutch in _ARGPARSE_ERRORS:
        if m := re.fullmatch(pattern, message, re.S):
            return dutch(m) if callable(dutch) else m.expand(dutch)
    return message


class _DutchParser(argparse.ArgumentParser):
    """argparse with Dutch headings and errors that exit 2 like every user error."""

    def format_usage(self) -> str:
        return _dutch(super().format_usage())

    def format_help(self) -> str:
        return _dutch(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: fout: {printable(_dutch_error(message))}", file=sys.stderr)
        sys.exit(2)


def _dutch(text: str) -> str:
    for en, nl in _ARGPARSE_DUTCH.items():
        text = text.replace(en, nl)
    return text


def _date(text: str) -> dt.date:
    from .cases.casefile import parse_peildatum

    try:
        return parse_peildatum(text, "")
    except CasusFout as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _DutchParser(prog="wmo", description="Wmo-begeleiding: regels per regio, beoordeling en uitleg.")
    parser.add_argument("--version", action="version", version=f"wmo-dsl {__version__}", help="toon de versie en stop")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", parser_class=_DutchParser)
    sub.required = True

    p = sub.add_parser("regios", help="toon de geïnstalleerde regio's", description="Toon de geïnstalleerde regio's met versie, geldigheid en gemeenten.")
    p.add_argument("--gemeente", metavar="NAAM", help="alleen de regio('s) die deze gemeente noemen")
    p.add_argument("--formaat", choices=["tekst", "json"], default="tekst", help="uitvoer als tekst (standaard) of json")
    p.set_defaults(func="regios")

    p = sub.add_parser("check", help="controleer regelbestanden", description="Controleer regelbestanden; zonder PAD alle geïnstalleerde regio's.")
    p.add_argument("paden", nargs="*", metavar="PAD", help="een regelbestand (.wmo)")
    p.add_argument("--formaat", choices=["tekst", "json"], default="tekst", help="uitvoer als tekst (standaard) of json")
    p.add_argument("--oordeel", action="store_true", help="noem per product welke vragen met 'oordeel' (het professionele "
                   "oordeel van de consulent) het kunnen beslissen")
    p.set_defaults(func="check")

    p = sub.add_parser("beoordeel", help="beoordeel één casus of een bestand vol casussen", description=(
        "Beoordeel een casus (JSON) en leg de uitkomst uit. Met een .jsonl- of .csv-bestand: beoordeel elke regel "
        "(één casus per regel of rij) en schrijf per casus één resultaat als JSON-regel (of CSV met --uit X.csv). "
        "Een casus met een fout wordt een foutregel; de rest gaat door. Exit 0: alle casussen goed; exit 2: "
        "minstens één fout."))
    p.add_argument("casus", metavar="CASUS", help="casusbestand (.json: {\"regio\", \"peildatum\", \"antwoorden\"}), of veel casussen (.jsonl, .csv)")
    p.add_argument("--regio", help="regio-id; nodig als de casus geen 'regio' noemt")
    p.add_argument("--regels", metavar="PAD", help="gebruik dit regelbestand in plaats van een geïnstalleerde regio")
    p.add_argument("--peildatum", type=_date, help="datum waarop beoordeeld wordt (standaard: uit de casus, anders vandaag)")
    p.add_argument("--formaat", default="tekst", help="tekst (standaard), markdown, json, besluit (een conceptbeschikking) "
                   "of toewijzing (iWmo 3.2, WMO301: de ToegewezenProducten als XML)")
    p.add_argument("--bericht", action="store_true", help="bij --formaat toewijzing: een volledig WMO301-bericht (vraagt --gegevens)")
    p.add_argument("--gegevens", metavar="G.json", help="bij --formaat toewijzing: afzender, ontvanger, berichtidentificatie, "
                   "client en toewijzingnummers (JSON)")
    p.add_argument("--uit", metavar="RESULTAAT", help="schrijf naar dit bestand (een besluit.html wordt een A4-pagina); bij .jsonl/.csv: "
                   "de resultaten naar RESULTAAT.jsonl of RESULTAAT.csv (standaard: het scherm)")
    p.add_argument("--overschrijven", action="store_true", help="vervang een bestaand --uit-bestand, ook als het geen uitvoer van deze opdracht is")
    p.add_argument("--spoor", action="store_true", help="de technische uitleg voor beleidsschrijvers: ids, uitdrukkingen en regelnummers")
    p.add_argument("--uitleg", action="store_true", help="bij .jsonl/.csv: neem per casus ook de uitleg en 'wat_verandert' op (trager)")
    p.set_defaults(func="beoordeel")

    p = sub.add_parser("intake", help="voer een intake-gesprek in de console", description=(
        "Een begeleid gesprek: alleen vragen die de uitkomst nog kunnen veranderen, met uitleg aan het eind. "
        "Elk antwoord wordt meteen bewaard (tenzij --geen-opslag)."))
    p.add_argument("--regio", help="regio-id; zonder deze optie vraagt de intake naar de gemeente")
    p.add_argument("--regels", metavar="PAD", help="voer de intake over dit regelbestand in plaats van een geïnstalleerde regio")
    p.add_argument("--peildatum", type=_date, help="datum waarop beoordeeld wordt (standaard: vandaag)")
    p.add_argument("--hervat", nargs="?", const="", metavar="ID", help="ga verder met een onderbroken sessie (zonder ID: de laatste)")
    p.add_argument("--sessie", metavar="PAD", help="sessiebestand (standaard in de gebruikersmap van wmo-dsl)")
    p.add_argument("--geen-opslag", action="store_true", help="bewaar niets op schijf")
    p.add_argument("--kenmerk", metavar="TEKST", help="kenmerk van de sessie (zaaknummer of eigen aanduiding, nooit een BSN); "
                   "zonder deze optie vraagt de intake er aan het begin naar (Enter: geen)")
    p.add_argument("--jsonl", action="store_true", help="spreek JSON-regels op stdin/stdout in plaats van de terminal")
    p.add_argument("--schema", action="store_true", help="print het JSON-schema van de berichten van --jsonl en stop")
    p.set_defaults(func="intake")

    p = sub.add_parser("sessies", help="toon of verwijder bewaarde intake-sessies", description=(
        "Toon bewaarde sessies (id, kenmerk, regio, datum, status: bezig, onderbroken, gestopt of afgerond; geen antwoorden) "
        "of verwijder er een."))
    p.add_argument("--sessie", metavar="PAD", help="sessiebestand (standaard in de gebruikersmap van wmo-dsl)")
    p.add_argument("--verwijder", metavar="ID", help="verwijder deze sessie met al haar antwoorden")
    p.set_defaults(func="sessies")

    p = sub.add_parser("fmt", help="zet regelbestanden in de vaste opmaak", description=(
        "Zet regelbestanden in de vaste opmaak: inspringing, spaties, uitgelijnde tabellen; commentaar blijft staan. "
        "Een map betekent: alle .wmo-bestanden daarin."))
    p.add_argument("paden", nargs="*", metavar="PAD", help="regelbestand of map (standaard: de huidige map)")
    p.add_argument("--check", action="store_true", help="wijzig niets; exit 1 als een bestand niet in de vaste opmaak staat")
    p.set_defaults(func="fmt")

    p = sub.add_parser("vergelijk", help="vergelijk twee versies van de regels over veel casussen", description=(
        "Beoordeel elke casus onder twee regelversies en toon hoeveel uitkomsten veranderen, een overgangstabel "
        "(van product naar product), de veranderde casussen en, als de regels tarieven geven, het verschil in "
        "maandkosten. Casussen: .jsonl, .csv of .json-bestanden, of --sessies voor de bewaarde intake-sessies."))
    p.add_argument("casussen", nargs="*", metavar="CASUSSEN", help="casusbestanden (.jsonl, .csv, .json)")
    p.add_argument("--regio", help="regio-id: de geldende regels zijn versie A")
    p.add_argument("--variant", metavar="VARIANT.wmo", help="de nieuwe regels (versie B) naast die van --regio")
    p.add_argument("--regels", metavar="PAD", action="append", help="twee keer: versie A en versie B als regelbestanden")
    p.add_argument("--sessies", action="store_true", help="vergelijk ook over de bewaarde intake-sessies (alleen antwoorden, geen vrije tekst)")
    p.add_argument("--sessie", metavar="PAD", help="het sessiebestand (standaard: dat van 'wmo intake')")
    p.add_argument("--peildatum", type=_date, help="peildatum (standaard: vandaag)")
    p.add_argument("--formaat", choices=["tekst", "markdown", "html"], default="tekst", help="tekst (standaard), markdown of html")
    p.add_argument("--voorbeelden", type=int, default=10, metavar="N", help="toon de eerste N veranderde casussen (standaard 10)")
    p.add_argument("--uit", metavar="BESTAND", help="schrijf het verslag naar dit bestand")
    p.add_argument("--overschrijven", action="store_true", help="vervang een bestaand --uit-bestand, ook als het geen uitvoer van deze opdracht is")
    p.set_defaults(func="vergelijk")

    p = sub.add_parser("genereer", help="maak willekeurige geldige casussen", description=(
        "Schrijf N willekeurige geldige casussen (JSON-regels) voor een regio: elk antwoord binnen het domein en de "
        "grenzen van zijn vraag. Hetzelfde zaad geeft dezelfde casussen. Voor vergelijkingen en metingen."))
    p.add_argument("--regio", help="regio-id")
    p.add_argument("--regels", metavar="PAD", help="een regelbestand (.wmo) in plaats van --regio")
    p.add_argument("--aantal", type=int, required=True, metavar="N", help="aantal casussen")
    p.add_argument("--zaad", type=int, default=0, metavar="S", help="zaad van de toevalsgenerator (standaard 0)")
    p.add_argument("--uit", metavar="BESTAND", help="schrijf naar dit .jsonl-bestand (standaard: het scherm)")
    p.add_argument("--overschrijven", action="store_true", help="vervang een bestaand --uit-bestand, ook als het geen uitvoer van deze opdracht is")
    p.set_defaults(func="genereer")

    p = sub.add_parser("toon", help="toon de regels van een regio als document", description=(
        "Toon de regels van een regio als document om naast het brondocument te leggen: vragen, afgeleide waarden, "
        "beslistabellen (als matrix waar dat kan), producten, regels, verwijzingen en termijnen, elk met bron en regelnummer."))
    p.add_argument("pad", nargs="?", metavar="PAD", help="een regelbestand (.wmo) in plaats van --regio")
    p.add_argument("--regio", help="regio-id van een geïnstalleerde regio")
    p.add_argument("--peildatum", type=_date, help="toon de regelversie die op deze datum geldt (standaard: de nieuwste)")
    p.add_argument("--formaat", choices=["markdown", "html", "json"], default="markdown",
                   help="markdown (standaard), html: één zelfstandig bestand, of json: de catalogus voor andere programma's")
    p.add_argument("--uit", metavar="BESTAND", help="schrijf naar dit bestand in plaats van naar het scherm")
    p.add_argument("--overschrijven", action="store_true", help="vervang een bestaand --uit-bestand, ook als het geen uitvoer van deze opdracht is")
    p.set_defaults(func="toon")

    p = sub.add_parser("regio", help="maak een nieuwe regio aan", description="Opdrachten voor regio's.")
    regio_sub = p.add_subparsers(dest="regio_opdracht", metavar="OPDRACHT", parser_class=_DutchParser)
    regio_sub.required = True
    q = regio_sub.add_parser("nieuw", help="maak een nieuwe regio als eigen installeerbaar pakket",
                             description="Maak een nieuwe regio als eigen pakket: pyproject met entry point, regelbestand, voorbeeldcasussen en een test.")
    q.add_argument("id", metavar="NAAM", help="regio-id, bijvoorbeeld rivierenland")
    q.add_argument("--naam", help="leesbare naam, bijvoorbeeld \"Regio Rivierenland\"")
    q.add_argument("--map", metavar="PAD", help="waar het pakket komt (standaard: ./wmo-regio-NAAM)")
    q.set_defaults(func="regio_nieuw")

    p = sub.add_parser("herbereken", help="beoordeel een bewaard resultaat opnieuw vanuit zijn verantwoording", description=(
        "Lees een bewaard resultaat (JSON, een opgeslagen intake-resultaat of batchregels), controleer de verantwoording "
        "en beoordeel opnieuw met de geïnstalleerde regels. Print 'gelijk' (exit 0) of wat verschilt en waarom (exit 1)."))
    p.add_argument("resultaat", metavar="RESULTAAT", help="resultaatbestand (.json of .jsonl)")
    p.add_argument("--regels", metavar="PAD", help="beoordeel met dit regelbestand (bijvoorbeeld een nieuwe versie)")
    p.add_argument("--regio", help="beoordeel met de geïnstalleerde regels van deze regio")
    p.set_defaults(func="herbereken")

    p = sub.add_parser("test", help="draai de voorbeeldcasussen van de regio's of van een regelbestand",
                       description="Draai de voorbeeldcasussen die elke regio meelevert (of die u noemt) en toon verschillen.")
    p.add_argument("casussen", nargs="*", metavar="CASUS", help="casusbestanden of mappen (standaard: de map casussen/ van de regels)")
    p.add_argument("--regio", help="alleen deze regio")
    p.add_argument("--regels", metavar="PAD", help="test een los regelbestand (nog niet als regio geïnstalleerd)")
    p.set_defaults(func="test")

    p = sub.add_parser("lsp", help="start de taalserver voor een editor (LSP)", description="Start de taalserver (Language Server Protocol) voor .wmo-bestanden: meldingen terwijl u typt, uitleg bij een naam, hernoemen, opmaak. Standaard over stdin/stdout.")
    p.add_argument("--tcp", metavar="POORT", help="luister op deze TCP-poort (127.0.0.1) in plaats van stdin/stdout")
    p.set_defaults(func="lsp")
    return parser


def _command(module: str, name: str) -> Callable[[], Callable[[argparse.Namespace], int]]:
    def load() -> Callable[[argparse.Namespace], int]:
        from importlib import import_module

        return getattr(import_module(f"wmo_dsl.commands.{module}"), f"cmd_{name}")
    return load


# Each subcommand lives in a module of commands/, imported only when it runs: 'wmo --help' stays fast.
_COMMANDS = {
    **{name: _command("rules", name) for name in ("regios", "check", "fmt", "toon", "regio_nieuw", "test")},
    **{name: _command("cases", name) for name in ("beoordeel", "vergelijk", "genereer")},
    **{name: _command("intake", name) for name in ("intake", "sessies")},
    "herbereken": _command("herbereken", "herbereken"),
    "lsp": lambda: __import__("wmo_dsl.tools.lsp.server", fromlist=["cmd_lsp"]).cmd_lsp,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = _COMMANDS[args.func]()(args) or 0
        sys.stdout.flush()
        return code
    except RegelbestandFout as err:
        from .present.highlight import terminal_colours

        print(err.melding(kleur=terminal_colours(sys.stderr)), file=sys.stderr)
        return 2
    except WmoFout as err:
        print(f"wmo: fout: {printable(err.melding())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nafgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (wmo … | head): not an error
        return 0
    except OSError as err:
        if not _is_stdout_error(err):
            raise
        _silence_stdout()
        print(f"wmo: fout: kan niet naar de uitvoer schrijven: {os_reden(err)}", file=sys.stderr)
        return 2


def _is_stdout_error(err: OSError) -> bool:
    """A write to stdout failed (a full disk behind '> bestand', a closed pipe)."""
    import errno

    return err.errno in (errno.ENOSPC, errno.EPIPE, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit does not fail a second time."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
