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
    """Answer each question, found by its prompt label or a word of its text (a question without a
    label is asked at 'antwoord>'); return everything shown, without escape codes."""
    shown = []
    for key, text in steps:
        child.expect(re.escape(key))
        part = child.before + child.after
        child.expect(">")
        shown.append(plain(part + child.before))
        child.sendline(text)
    return "".join(shown)


def finish(child, accept: bool = True):
    """Accept the review, page through the whole motivering (Enter, then space), and leave."""
    if accept:
        child.expect("Klopt dit?")
        child.sendline("")
    child.expect("Opslaan als markdown")
    shown = plain(child.before)
    child.sendline("")  # the first Enter: the full motivering, a page at a time
    while child.expect(["q: stoppen", "Opslaan als markdown"]) == 0:
        shown += plain(child.before)
        child.send(" ")
    shown += plain(child.before)
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
    assert "soort ondersteuning>" not in shown


def test_a_full_026A3_case_asks_the_highest_product_question(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", "1, 2, 3, 4, 5, 6"), ("soort ondersteuning", "ontw"), ("verzwarende omstandigheden", "gedrag en psychiatrie"),
                     ("hoogste product", "n"), ("aanwijzingen", "nee")])
    shown, code = finish(child)
    assert code == 0
    assert "026A3  IB 5-6 resultaatgebieden, ontwikkelen, intensiteit ++" in shown
    assert "Zware psychiatrische problematiek: let op de link met crisisopvang GGZ." in shown


def test_a_024A2_case_never_asks_waakvlam_or_highest_product(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    shown = converse(child, [("resultaatgebieden", "zelfzorg, sociaal en wonen"), ("soort ondersteuning", "2"), ("verzwarende omstandigheden", "life event"),
                             ("aanwijzingen", "nee")])
    rest, code = finish(child)
    assert code == 0 and "024A2" in rest
    assert "leun en steun" not in shown + rest and "hoogste product" not in shown + rest


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
    converse(child, [("kenmerk", ""), ("resultaatgebieden", "zelfzorg en wonen"), ("soort ondersteuning", "behouden")])
    child.expect("verzwarende omstandigheden>")
    child.kill(9)
    child.close()

    again = spawn(tmp_path, "--hervat", "--sessie", str(db))
    again.expect("Hervat: 2 antwoord")
    shown = converse(again, [("verzwarende omstandigheden", "overzicht")])
    again.expect("Nog nodig")
    overzicht = plain(again.before)
    assert "resultaatgebieden>" not in shown
    assert "2. soort ondersteuning: Behouden van zelfredzaamheid en participatie" in overzicht
    again.sendline("geen")
    converse(again, [("leun en steun", "ja"), ("aanwijzingen", "nee"), ("uren begeleiding per maand", "1 uur")])
    again.expect("Klopt dit?")
    again.sendline("ja")
    again.expect("Opslaan als markdown")
    assert "Lichte individuele begeleiding (waakvlamfunctie)" in plain(again.before)
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
    shown = converse(child, [("verder in het huis", "2"), ("leeftijd (huisgenoot 1)", "12"), ("leeftijd (huisgenoot 2)", "40"),
                             ("beperkt (huisgenoot 2)", "ja")])
    assert "Wie wonen er verder in het huis?" in shown and "0 tot en met 8" in shown
    assert "Huisgenoot 2: Hoe oud is deze huisgenoot?" in shown
    assert "Huisgenoot 2 (40 jaar): Kan deze huisgenoot door eigen beperkingen" in re.sub(r"\s+", " ", shown)
    result, code = finish(child)
    assert code == 0
    assert "beperkt (huisgenoot 1)>" not in shown + result
    assert "Hulp bij het huishouden" in result
    assert "Huisgenoot 2" in result and "40 jaar, beperkt" in result


def test_wijzig_changes_a_persons_answer_and_the_outcome_follows(tmp_path):
    child = spawn(tmp_path, "--regels", HUISGENOTEN, "--geen-opslag")
    converse(child, [("verder in het huis", "1"), ("leeftijd (huisgenoot 1)", "40"), ("beperkt (huisgenoot 1)", "wijzig leeftijd (huisgenoot 1)"),
                     ("leeftijd (huisgenoot 1)", "12")])
    result, code = finish(child)
    assert code == 0
    assert "Hulp bij het huishouden" in result and "12 jaar" in result


TWEE_GEBIEDEN = "sociaal en zingeving"


def test_the_review_shows_the_deciding_answers_and_wijzig_after_the_result_gives_a_new_result(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", TWEE_GEBIEDEN), ("soort ondersteuning", "ontw"), ("verzwarende omstandigheden", "geen"),
                     ("aanwijzingen", "nee")])
    child.expect("Klopt dit?")
    review = plain(child.before)
    assert "De antwoorden die de uitkomst bepalen" in review and "Ontwikkelen van zelfredzaamheid en participatie" in review
    child.sendline("")
    child.expect("Opslaan als markdown")
    assert "022A1" in plain(child.before)
    child.sendline("wijzig type")
    child.expect("nu: Ontwikkelen")
    child.expect("soort ondersteuning>")
    child.sendline("behouden")
    converse(child, [("leun en steun", "nee")])
    shown, code = finish(child)
    assert code == 0 and "022B1" in shown


def test_wijzig_at_the_review_shows_the_options_again_and_terug_restores_the_answer_before(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", TWEE_GEBIEDEN), ("soort ondersteuning", "ontw"), ("verzwarende omstandigheden", "geen"),
                     ("aanwijzingen", "nee")])
    child.expect("Klopt dit?")
    child.sendline("wijzig 2")
    child.expect("soort ondersteuning>")
    assert "1. Behouden van zelfredzaamheid en participatie" in plain(child.before)
    child.sendline("behouden")
    child.expect("leun en steun")
    child.expect("antwoord>")
    child.sendline("terug")
    child.expect("weer Ontwikkelen")
    shown, code = finish(child)
    assert code == 0 and "022A1" in shown


def test_commands_work_inside_wijzig_and_stop_there_saves_and_leaves_with_exit_0(tmp_path):
    db = tmp_path / "sessies.db"
    child = spawn(tmp_path, "--regio", "lekstroom", "--sessie", str(db))
    converse(child, [("kenmerk", ""), ("resultaatgebieden", TWEE_GEBIEDEN), ("soort ondersteuning", "ontw")])
    child.expect("verzwarende omstandigheden>")
    child.sendline("wijzig type")
    child.expect("soort ondersteuning>")
    for command, answer in [("help", "laat het antwoord zoals het was"), ("waarom", "Bron: §1 Type ondersteuning"),
                            ("overzicht", "Nog nodig")]:
        child.sendline(command)
        child.expect(answer)
        child.expect("soort ondersteuning>")
    child.sendline("stop")
    child.expect("is bewaard")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_refused_answer_is_cleared_from_the_input_line(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", TWEE_GEBIEDEN)])
    child.expect("soort ondersteuning>")
    child.sendline("misschien")
    child.expect("is geen keuze bij deze vraag; kies een nummer")
    child.expect("soort ondersteuning>")
    child.sendline("beh")  # no Ctrl-U: the refused text is gone
    child.expect("Behouden van zelfredzaamheid en participatie")
    child.expect("verzwarende omstandigheden>")
    child.sendline("stop")
    child.expect(pexpect.EOF)


def test_messages_wrap_at_80_columns_without_cutting_words(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    child.expect("resultaatgebieden>")
    child.sendline("zelfzorg, tuinieren")
    child.expect("is geen keuze")
    shown = plain(child.before + child.after)
    child.expect("resultaatgebieden>")
    shown += plain(child.before)
    assert all(len(line.rstrip("\r")) <= 80 for line in shown.splitlines())
    refusal = " ".join(line.strip() for line in shown.splitlines() if line.strip())
    assert "'tuinieren' is geen keuze bij deze vraag" in refusal and "Woonvaardigheden" in refusal
    child.sendline("stop")
    child.expect(pexpect.EOF)


def test_the_gemeente_prompt_suggests_on_a_typo_and_names_the_regions_for_an_unknown_gemeente(tmp_path):
    child = spawn(tmp_path, "--geen-opslag")
    child.expect("In welke gemeente woont de inwoner?")
    assert "zonder gemeentelijst" not in plain(child.before)
    child.sendline("Amsterdam")
    child.expect("valt onder geen van de geïnstalleerde regio's")
    child.expect("Of kies een regio op naam")
    child.sendline("Nieuwgein")
    child.expect("Bedoelde u Nieuwegein")
    child.sendline("ja")
    child.expect("Regio: Regio Lekstroom")
    child.expect("resultaatgebieden>")
    child.sendline("stop")
    child.expect(pexpect.EOF)


def test_stop_at_the_gemeente_prompt_leaves_with_exit_0(tmp_path):
    child = spawn(tmp_path, "--geen-opslag")
    child.expect("In welke gemeente woont de inwoner?")
    child.sendline("stop")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_start_date_before_the_peildatum_is_confirmed_first(tmp_path):
    child = spawn(tmp_path, "--regio", "leiden", "--geen-opslag")
    converse(child, [("structureel nodig", "ja"), ("toestemming", "ja"), ("startdatum", "1-1-2020")])
    child.expect("ligt in het verleden")
    child.sendline("nee")
    child.expect("startdatum>")
    child.sendline("1-12-2024")
    child.expect("ligt in het verleden")
    child.sendline("ja")
    child.expect("uren begeleiding per week>|Klopt dit?")
    child.sendline("stop")
    child.expect(pexpect.EOF)


def test_saving_expands_the_home_folder_takes_a_prefix_asks_before_overwriting_and_shows_the_full_path(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", "administratie")])
    child.expect("Klopt dit?")
    child.sendline("")
    (tmp_path / "uitkomst.json").write_text("oud", encoding="utf-8")
    child.expect("Opslaan als")
    child.sendline("cas")
    child.expect("bestandsnaam")
    child.sendline("~/uitkomst.json")
    child.expect(r"bestaat\s+al")  # a long temporary path may wrap the line at 80 columns
    child.expect("Overschrijven")
    child.sendline("nee")
    child.expect("bestandsnaam")
    child.sendline("~/nieuw.json")
    child.expect("Opgeslagen:")
    child.expect("Opslaan als")
    assert "".join(plain(child.before).split()) == str(tmp_path / "nieuw.json")
    child.sendline("mark")
    child.expect("bestandsnaam")
    child.sendline("")  # the default: the documents folder
    child.expect("Opgeslagen:")
    child.expect("Opslaan als")
    saved = "".join(plain(child.before).split())
    child.sendline("")
    child.expect(pexpect.EOF)
    assert (tmp_path / "uitkomst.json").read_text(encoding="utf-8") == "oud"
    assert json.loads((tmp_path / "nieuw.json").read_text(encoding="utf-8"))["regio"] == "lekstroom"
    assert saved.startswith(str(tmp_path / "Documents")) and saved.endswith(".md")
    assert Path(saved).stat().st_mode & 0o077 == 0


def test_terug_inside_wijzig_and_afwijken_cancels_them_and_undoes_nothing(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", TWEE_GEBIEDEN), ("soort ondersteuning", "ontw"), ("verzwarende omstandigheden", "geen"),
                     ("aanwijzingen", "nee")])
    child.expect("Klopt dit?")
    child.sendline("wijzig 2")
    child.expect("soort ondersteuning>")
    child.sendline("terug")
    child.expect("Niets gewijzigd")
    child.expect("Klopt dit?")
    child.sendline("afwijken")
    child.expect("afwijken van>")
    child.sendline("intensiteit")
    child.expect("nieuwe waarde")
    child.sendline("waarom")
    child.expect("de reden komt in de uitleg")
    child.sendline("terug")
    child.expect("Niet afgeweken")
    child.expect("klopt dit\\?>")
    child.sendline("")
    child.expect("Opslaan als markdown")
    shown = plain(child.before)
    child.sendline("klaar")
    child.expect(pexpect.EOF)
    assert "022A1" in shown and "Professionele afweging" not in shown


def test_stop_in_an_intake_over_a_rule_file_says_how_to_resume_it(tmp_path):
    db = tmp_path / "s.db"
    child = spawn(tmp_path, "--regels", HUISGENOTEN, "--sessie", str(db))
    converse(child, [("kenmerk", "")])
    child.expect("antwoord>")
    child.sendline("stop")
    child.expect(pexpect.EOF)
    assert f"wmo intake --regels {HUISGENOTEN} --hervat " in plain(child.before)


def test_afwijken_offers_labels_and_numbers_takes_a_typo_with_ja_and_a_number_for_the_value(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    converse(child, [("resultaatgebieden", TWEE_GEBIEDEN), ("soort ondersteuning", "ontw"), ("verzwarende omstandigheden", "geen"),
                     ("aanwijzingen", "nee")])
    child.expect("klopt dit\\?>")
    child.sendline("afwijken")
    child.expect("afwijken van>")
    lijst = plain(child.before)
    assert "1. omvang van de ondersteuning: gemiddeld (1 of 2 resultaatgebieden)" in lijst and "intensiteit: een gemiddelde" in lijst
    child.sendline("intesiteit")
    child.expect("bedoelde u")
    child.expect("afwijken van>")
    assert "'intensiteit'? (typ ja)" in " ".join(plain(child.before).split())
    child.sendline("ja")
    child.expect("nieuwe waarde>")
    assert "3. de hoogste intensiteit (intensiteit ++)" in plain(child.before)
    child.sendline("heel hoog")
    child.expect("is geen mogelijke waarde van intensiteit")
    child.sendline("3")
    child.expect("reden \\(verplicht\\)>")
    child.sendline("Veel zorgen thuis")
    child.expect("Afwijking vastgelegd")
    child.expect("Klopt dit\\?")
    assert ": intensiteit → de hoogste intensiteit (intensiteit ++) (Veel zorgen thuis)" in " ".join(plain(child.before).split())
    child.sendline("")
    shown, code = finish(child, accept=False)
    assert code == 0 and "022A3" in shown and "Professionele afweging" in shown
