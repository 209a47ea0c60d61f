"""A whole TSD intake as a consultant has it at the table: 24x80, answers as people give them, the
outcome first on one screen, the motivering a page at a time, then saving. The output goes through
a terminal emulator (pyte), so the test sees the screen, not only the stream."""

import json
import re

from .terminal_screen import Terminal

# What is answered, found by the prompt (a question with a label) or by a word of the question.
ANTWOORDEN = {
    "Wet langdurige zorg": "nee hoor",
    "acute probleem": "nee",
    "Is individuele begeleiding nodig": "ja hoor",
    "leerbaarheid>": "1 3",  # a single choice: refused with the numbered labels, then answered by its beginning
    "groepstraining een beter resultaat": "jazeker",
    "hulpvraag die niet": "nee joh",
    "zinvol": "ja",
    "mantelzorger ontlast": "nee",
    "richting (vrijwilligers)werk": "klopt",
    "zelfstandig, met eigen vervoer": "nee",
    "afstand naar de dagbesteding>": "7,5 km",
    "uren begeleiding per week>": "twee",
    "sessies groepstraining>": "vier",
    "dagdelen dagbesteding per week>": "3 dagdelen",
    "ritten per week>": "6",
}


def question_on_screen(t: Terminal) -> str:
    """The key of ANTWOORDEN for the question now asked (the prompt, or the text above an 'antwoord>')."""
    prompt = t.cursor_line()
    if prompt != "antwoord>":
        return prompt
    screen = " ".join(" ".join(t.lines()[: t.screen.cursor.y]).split()[-60:])
    last = screen.rsplit("(ja of nee)", 1)[0][-200:]
    return max((k for k in ANTWOORDEN if not k.endswith(">") and k in last), key=last.rindex)


def test_a_tsd_intake_at_24x80_with_natural_answers_shows_the_outcome_on_one_screen_and_saves(tmp_path):
    t = Terminal(["intake", "--regio", "tsd", "--peildatum", "2025-06-01"], tmp_path)
    assert t.prompt() == "kenmerk>"  # a stored session asks its kenmerk first (Enter skips)
    t.send("Z/25/0042")
    asked, refused = [], False
    while (prompt := t.prompt()) != "klopt dit?>" and not prompt.endswith("──"):
        key = question_on_screen(t)
        asked.append(key)
        assert asked.count(key) <= 2, asked
        antwoord = ANTWOORDEN[key]
        if key == "leerbaarheid>" and refused:
            antwoord = "ontw"
        refused = key == "leerbaarheid>"
        t.send(antwoord)
    said = " ".join(t.transcript.split())
    assert "Intake Toekomst Sociaal Domein · kenmerk Z/25/0042 peildatum 1-6-2025 · sessie" in said  # two lines at 80
    assert "'1 3' is geen keuze bij deze vraag" in said and "1 Ja, aan ontwikkeldoelen werken; 2 Beperkt" in said
    for echo in ["→ Ja, aan ontwikkeldoelen werken", "→ 7,5 km", "→ 2 uur per week", "→ 3 dagdelen per week"]:
        assert echo in said, echo
    assert re.search(r"^  → 4 sessies$", t.transcript, re.M)  # 'vier' sessions
    assert not re.search(r"\b[a-z]+_[a-z_]+(\[\d+\])?>", t.transcript)  # no id as a prompt

    # "Klopt dit?" is longer than a screen: a page, then the rest, numbered without gaps
    assert prompt.endswith("──") and "q: stoppen (1/2)" in prompt
    t.send(" ", enter=False)
    assert t.prompt() == "klopt dit?>"
    review = t.transcript.rsplit("De antwoorden die de uitkomst bepalen:", 1)[1]
    numbers = [int(n) for n in re.findall(r"^ +(\d+)\. ", review, re.M)]
    assert numbers == list(range(1, len(asked)))  # every question asked once, leerbaarheid twice

    # The outcome first: from its first line to the save prompt within one 24-line screen (and a
    # line to spare for the toolbar a terminal that answers cursor queries shows below the prompt).
    t.send("")
    assert t.prompt() == "opslaan (Enter: meer)>"
    screen = t.lines()
    start = next(i for i, line in enumerate(screen) if line.startswith("Uitkomst: Indicatie · Toekomst Sociaal Domein"))
    assert t.screen.cursor.y - start + 1 <= 23
    summary = "\n".join(screen[start:t.screen.cursor.y])
    for product in ["Individuele begeleiding gericht op leren/ontwikkelen", "Groepstraining", "Dagbesteding ontwikkelen",
                    "Vervoer naar de dagbesteding, 5-10 km"]:
        assert f"  * {product}" in summary
    assert "2 uur per week · vanaf 1-6-2025, uiterlijk 31-5-2027" in summary and "3 dagdelen per week" in summary
    assert "Opslaan als markdown, json, casus of besluit?" in summary

    # Enter pages through the motivering; q stops; the save prompt is in view again
    t.send("")
    first = t.prompt()
    assert first.endswith("──") and "q: stoppen (1/" in first
    assert any(line.startswith("Toekomst Sociaal Domein: Indicatie") for line in t.lines())
    t.send(" ", enter=False)
    assert "q: stoppen (2/" in t.prompt()
    t.send("q", enter=False)
    assert t.prompt() == "opslaan (Enter: klaar)>"
    assert any(line.startswith("Opslaan als markdown") for line in t.lines()[-4:])

    t.send("casus")
    assert t.prompt() == "bestandsnaam (Enter: de standaard)>"
    t.send(str(tmp_path / "tsd.casus.json"))
    assert t.prompt() == "opslaan (Enter: klaar)>"
    assert "Opgeslagen: " + str(tmp_path / "tsd.casus.json") in " ".join(t.transcript.split())
    t.send("")
    assert t.ended() == 0
    casus = json.loads((tmp_path / "tsd.casus.json").read_text(encoding="utf-8"))
    assert casus["regio"] == "tsd"
    assert {k: casus["antwoorden"][k] for k in ("leerbaar", "afstand_km", "uren_per_week", "sessies", "dagdelen_per_week")} == {
        "leerbaar": "ja", "afstand_km": 7.5, "uren_per_week": 2, "sessies": 4, "dagdelen_per_week": 3}
    assert list((tmp_path / ".data").rglob("sessies.db"))  # the session went to the XDG folder of the test
