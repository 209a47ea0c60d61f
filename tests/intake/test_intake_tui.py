"""The terminal intake in a real pseudo-terminal (pexpect): whole conversations as a consultant has them."""

import json
from pathlib import Path
import re
import sys

import pexpect
import pytest

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(tmp_path, *args):
    env = {"TERM": "xterm", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(sys.executable, ["-m", "wmo_dsl.cli", "intake", "--peildatum", "2025-01-01", *args],
                         env=env, encoding="utf-8", dimensions=(50, 80), timeout=20)


def plain(text: str) -> str:
    return ANSI.sub("", text)


def converse(child, steps):
    """Answer each expected prompt; return everything shown, without escape codes."""
    shown = []
    for prompt, text in steps:
        child.expect(re.escape(prompt) + ">")
        shown.append(plain(child.before))
        child.sendline(text)
    return "".join(shown)


def finish(child):
    child.expect("Opslaan als markdown")
    shown = plain(child.before)
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    return shown, child.exitstatus


def test_only_administratie_ends_after_that_question_with_a_referral(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", "administratie en financien")])
    shown, code = finish(child)
    assert code == 0
    assert "Regio Lekstroom: Geen indicatie" in shown
    assert "Voorliggend veld of informele hulp" in shown
    assert "type>" not in shown


def test_a_full_026A3_case_asks_the_highest_product_question(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", "1, 2, 3, 4, 5, 6"), ("type", "ontw"), ("verzwarende_omstandigheden", "gedrag en psychiatrie"),
                     ("hoogste_product_ontoereikend", "n"), ("verandering_verwacht", "nee")])
    shown, code = finish(child)
    assert code == 0
    assert "026A3  IB 5-6 resultaatgebieden, ontwikkelen, intensiteit ++" in shown
    assert "Zware psychiatrische problematiek: let op de link met crisisopvang GGZ." in shown


def test_a_024A2_case_never_asks_waakvlam_or_highest_product(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    shown = converse(child, [("resultaatgebieden", "zelfzorg, sociaal en wonen"), ("type", "2"), ("verzwarende_omstandigheden", "life event"),
                             ("verandering_verwacht", "nee")])
    rest, code = finish(child)
    assert code == 0 and "024A2" in rest
    assert "alleen_waakvlam>" not in shown + rest and "hoogste_product_ontoereikend>" not in shown + rest


def test_a_refused_answer_names_what_is_allowed_and_the_question_stays(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", "zelfzorg")])
    child.expect("type>")
    child.sendline("misschien")
    child.expect("is geen keuze bij deze vraag; kies 1-2 of: behouden, ontwikkelen")
    child.sendcontrol("u")
    child.sendline("behouden")
    child.expect("verzwarende_omstandigheden>")
    child.sendline("stop")
    child.expect(pexpect.EOF)


def test_waarom_and_help_at_the_prompt(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    child.expect("resultaatgebieden>")
    child.sendline("waarom")
    child.expect("Bron: §2 Omvang van de ondersteuningsvraag")
    child.expect("resultaatgebieden>")
    child.sendline("help")
    child.expect("afwijken")
    child.sendline("stop")
    child.expect(pexpect.EOF)


def test_a_session_killed_mid_conversation_resumes_where_it_stopped(tmp_path):
    db = tmp_path / "sessies.db"
    child = spawn(tmp_path, "--regio", "lekstroom", "--sessie", str(db))
    converse(child, [("resultaatgebieden", "zelfzorg en wonen"), ("type", "behouden")])
    child.expect("verzwarende_omstandigheden>")
    child.kill(9)
    child.close()

    again = spawn(tmp_path, "--hervat", "--sessie", str(db))
    again.expect("Hervat: 2 antwoord")
    shown = converse(again, [("verzwarende_omstandigheden", "overzicht")])
    again.expect("Nog nodig")
    overzicht = plain(again.before)
    assert "resultaatgebieden>" not in shown
    assert "2. type: Behouden van zelfredzaamheid en participatie" in overzicht
    again.sendline("geen")
    converse(again, [("alleen_waakvlam", "ja"), ("verandering_verwacht", "nee"), ("uren_per_maand", "1 uur")])
    again.expect("Opslaan als markdown")
    assert "lichte_ib" in plain(again.before)
    again.sendline("casus")
    again.expect("bestandsnaam")
    again.sendline(str(tmp_path / "casus.json"))
    again.expect("Opgeslagen")
    again.expect("Opslaan als")
    again.sendline("")
    again.expect(pexpect.EOF)
    casus = json.loads((tmp_path / "casus.json").read_text())
    assert casus["antwoorden"]["alleen_waakvlam"] is True
    assert (tmp_path / "casus.json").stat().st_mode & 0o077 == 0


HUISGENOTEN = str(Path(__file__).resolve().parents[1] / "data" / "huisgenoten.wmo")


def test_a_household_is_asked_by_count_and_then_per_person_only_what_matters(tmp_path):
    child = spawn(tmp_path, "--regels", HUISGENOTEN, "--geen-opslag")
    shown = converse(child, [("huisgenoten", "2"), ("huisgenoten[1].leeftijd", "12"), ("huisgenoten[2].leeftijd", "40"),
                             ("huisgenoten[2].beperkt", "ja")])
    assert "Wie wonen er verder in het huis?" in shown and "0 tot en met 8" in shown
    assert "Huisgenoot 2: Hoe oud is deze huisgenoot?" in shown
    assert "Huisgenoot 2 (40 jaar): Kan deze huisgenoot door eigen beperkingen" in re.sub(r"\s+", " ", shown)
    result, code = finish(child)
    assert code == 0
    assert "huisgenoten[1].beperkt>" not in shown + result
    assert "Hulp bij het huishouden" in result
    assert "Huisgenoot 2" in result and "40 jaar, beperkt" in result


def test_wijzig_changes_a_persons_answer_and_the_outcome_follows(tmp_path):
    child = spawn(tmp_path, "--regels", HUISGENOTEN, "--geen-opslag")
    converse(child, [("huisgenoten", "1"), ("huisgenoten[1].leeftijd", "40"), ("huisgenoten[1].beperkt", "wijzig huisgenoten[1].leeftijd"),
                     ("huisgenoten[1].leeftijd", "12")])
    result, code = finish(child)
    assert code == 0
    assert "Hulp bij het huishouden" in result and "12 jaar" in result
