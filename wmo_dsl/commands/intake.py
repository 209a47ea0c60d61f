"""The commands of the conversation: wmo intake and wmo sessies."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..cases.sessions import open_store
from ..errors import WmoFout, printable


def cmd_intake(args: argparse.Namespace) -> int:
    from ..intake.conversation import Gesprek
    from ..plugins import load_region, region_sources

    if args.schema:
        from importlib.resources import files

        sys.stdout.write((files("wmo_dsl.intake") / "protocol.schema.json").read_text(encoding="utf-8"))
        return 0
    if args.geen_opslag and args.hervat is not None:
        raise WmoFout("--hervat en --geen-opslag gaan niet samen: zonder opslag is er niets om te hervatten")
    if args.regels and args.regio:
        raise WmoFout("--regels en --regio gaan niet samen: kies een regelbestand of een geïnstalleerde regio")
    if args.regels:
        from ..semantics.pipeline import load_rules

        eigen = load_rules(args.regels)  # checked before anything is asked or stored

        def load(regio, peildatum):
            if regio != eigen.id:
                raise WmoFout(f"de sessie is voor regio '{regio}', maar --regels geeft '{eigen.id}'")
            return eigen
    else:
        load = load_region
    if args.kenmerk is not None:
        from ..cases.kenmerk import check_kenmerk

        check_kenmerk(args.kenmerk)  # a BSN is refused before a session exists
    store = open_store(args.sessie, in_memory=args.geen_opslag)
    try:
        if args.hervat is not None:
            gesprek = Gesprek.hervat(store, args.hervat or None, lambda regio, peildatum: load(regio, peildatum))
        else:
            regio = args.regio or (eigen.id if args.regels else None)
            if regio is None and args.jsonl:
                raise WmoFout("--jsonl heeft --regio of --regels nodig")
            if regio is not None:
                rules = load(regio, args.peildatum)
            if args.jsonl:
                gesprek = Gesprek.nieuw(rules, store, args.peildatum or dt.date.today())
        if args.kenmerk is not None and args.jsonl:
            gesprek.geef("kenmerk", args.kenmerk)
        if args.jsonl:
            from ..intake.jsonl import run_jsonl

            return run_jsonl(gesprek, sys.stdin, sys.stdout, opgeslagen=store.path is not None)
        if not sys.stdin.isatty():
            raise WmoFout("de intake heeft een terminal nodig; gebruik --jsonl om haar vanuit een ander programma te voeren")
        from prompt_toolkit import PromptSession

        from ..intake.gemeente import Gestopt, choose_gemeente
        from ..intake.terminal import IntakeScherm

        session: PromptSession[str] = PromptSession()
        if args.hervat is None:
            gemeente = None
            if regio is None:
                try:
                    regio, gemeente = choose_gemeente(session, region_sources(), load_region)
                except Gestopt:
                    return 0
                except (KeyboardInterrupt, EOFError):
                    return 130
                rules = load(regio, args.peildatum)
            gesprek = Gesprek.nieuw(rules, store, args.peildatum or dt.date.today())
            if gemeente:
                gesprek.geef("gemeente", gemeente)  # the beschikking's college
        if args.kenmerk is not None:
            gesprek.geef("kenmerk", args.kenmerk)
        return IntakeScherm(gesprek, session, opgeslagen=store.path is not None, regels=args.regels,
                            vraag_kenmerk=args.hervat is None).run()
    finally:
        store.close()


def cmd_sessies(args: argparse.Namespace) -> int:
    from ..cases.sessions import SessieFout, SessionStore, default_path

    if args.sessie is not None and not args.sessie.strip():
        raise SessieFout("--sessie is leeg; geef het pad van een sessiebestand, of laat --sessie weg")
    path = Path(args.sessie).expanduser() if args.sessie else default_path()
    if not path.exists():
        print(printable(f"Er zijn geen sessies (nog geen sessiebestand {path}).", lines=False))
        return 0
    store = SessionStore(path, eigen_map=args.sessie is None)
    try:
        if args.verwijder:
            store.delete(args.verwijder)
            print(printable(f"Sessie {args.verwijder} is verwijderd, met al haar antwoorden.", lines=False))
            return 0
        try:
            rows = store.list()
        except SessieFout as err:
            _print_sessions(err.gelezen)
            raise
        if not rows:
            print("Er zijn geen sessies.")
            return 0
        _print_sessions(rows)
        return 0
    finally:
        store.close()


_BREEDTE = 80  # the table fits a terminal of 80 columns: a longer kenmerk ends in …
_MINUUT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


def _print_sessions(rows: Sequence[tuple]) -> None:
    if not rows:
        return
    print(f"{'id':<15} {'regio':<12} {'begonnen':<16} {'status':<11} {'antwoorden':<10} kenmerk")
    for row in rows:  # a hand-edited database can hold anything: every field is shown escaped
        sid, regio, begonnen, status, kenmerk, aantal = (printable(field if field is not None else "", lines=False) for field in row)
        begonnen = begonnen.replace("T", " ")
        if (minuut := _MINUUT.match(begonnen)) is not None:
            begonnen = minuut.group()  # to the minute: the seconds say nothing to a consultant
        regel = f"{sid:<15} {regio:<12} {begonnen:<16} {status:<11} {aantal:<10} "
        ruimte = max(_BREEDTE - len(regel), 8)
        if len(kenmerk) > ruimte:
            kenmerk = kenmerk[:ruimte - 1] + "…"
        print(f"{regel}{kenmerk}".rstrip())
