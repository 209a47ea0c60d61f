"""The words of the rule language and of answers, each kept in one place.

Time units (with their singular and how many days they span at most), the words
that mean ja, nee and geen in an answer, the patterns of the tokens the
formatter and the highlighter read, and every finding code with what it means.
The grammar (``grammar/wmo.lark``) states the same token patterns for the
parser; a test holds the two equal.
"""

from __future__ import annotations

from fractions import Fraction

# ── Durations ─────────────────────────────────────────────────────────────

# The canonical (plural) name of each calendar unit, its singular, and the most days one unit spans.
TIME_UNITS = {
    "dagen": ("dag", 1),
    "weken": ("week", 7),
    "maanden": ("maand", 31),
    "jaren": ("jaar", 366),
    "werkdagen": ("werkdag", 2),  # at most two calendar days per werkdag, on average, over long spans
}
# Any way of writing a unit -> its canonical name.
TIME_UNIT_WORDS = {**{unit: unit for unit in TIME_UNITS}, **{single: unit for unit, (single, _) in TIME_UNITS.items()}}
MAX_DURATION_YEARS = 100
MAX_DURATION = {"jaren": 100, "maanden": 1200, "weken": 5218, "dagen": 36525, "werkdagen": 26100}


def unit_name(unit: str, amount: int) -> str:
    """'1 maand', '2 maanden'."""
    return TIME_UNITS[unit][0] if amount == 1 else unit


# ── Amounts ───────────────────────────────────────────────────────────────

# The canonical (plural) name of each unit of an amount, its singular, its dimension and how many
# of the dimension's smallest unit it is: 60 minuten = 1 uur; other units convert to nothing else.
AMOUNT_UNITS = {
    "minuten": ("minuut", "tijd", 1),
    "uur": ("uur", "tijd", 60),
    "dagdelen": ("dagdeel", "dagdeel", 1),
    "etmalen": ("etmaal", "etmaal", 1),
    "sessies": ("sessie", "sessie", 1),
    "ritten": ("rit", "rit", 1),
    "km": ("km", "km", 1),
    "euro": ("euro", "euro", 1),
    "stuks": ("stuk", "stuk", 1),
}
AMOUNT_UNIT_WORDS = {**{u: u for u in AMOUNT_UNITS}, **{single: u for u, (single, _, _) in AMOUNT_UNITS.items()}, "uren": "uur"}
# The periods an amount can be counted per, and how many of each fit in a year:
# 1 jaar = 4 kwartalen = 12 maanden = 52 weken, 1 week = 7 dagen.
PERIODS = {"dag": 364, "week": 52, "maand": 12, "kwartaal": 4, "jaar": 1}
# A period may carry a count ('per 4 weken', 'per 2 maanden', 'per 3 dagen'): the plural of each period.
PERIOD_PLURALS = {"dag": "dagen", "week": "weken", "maand": "maanden", "kwartaal": "kwartalen", "jaar": "jaren"}
PERIOD_WORDS = {**{p: p for p in PERIODS}, **{plural: p for p, plural in PERIOD_PLURALS.items()}}
PERIODS_ALLOWED = "per dag, per week, per maand, per kwartaal, per jaar, of met een aantal: per 4 weken, per 2 maanden, per 3 dagen"


def period_name(count: int, period: str) -> str:
    """The canonical name of a period: 'week' for one, '4 weken' for a count of them."""
    return period if count == 1 else f"{count} {PERIOD_PLURALS[period]}"


def period_parts(name: str) -> tuple[int, str]:
    """'4 weken' -> (4, 'week'); 'week' -> (1, 'week')."""
    count, _, word = name.partition(" ")
    if not word:
        return 1, name
    return int(count), PERIOD_WORDS[word]


def periods_per_year(name: str) -> Fraction:
    """How many of a period fit in a year, exactly: 52 weeks, so 13 periods of 4 weeks."""
    count, period = period_parts(name)
    return Fraction(PERIODS[period], count)
# The iWmo codes a volume's unit gives: language/iwmo.py (the code lists WMO020, WJ756, WMO757).

# ── Answers in words ──────────────────────────────────────────────────────

JA = frozenset({"j", "ja", "y", "yes", "jawel", "klopt", "waar", "true", "1"})
NEE = frozenset({"n", "nee", "no", "neen", "niet", "onwaar", "false", "0"})
GEEN = frozenset({"geen", "niets", "niks", "geen enkele", "-", "nee", "n"})
# Answers as people give them: words that say ja or nee inside a longer answer ("ja hoor",
# "dat klopt", "nee joh", "zeker niet"), words that carry no meaning there, and "alle" for every
# option of a meerdere question.
JA_WOORDEN = JA | {"jazeker", "zeker", "inderdaad", "natuurlijk", "absoluut", "jep", "jawel", "wel", "oke", "ok", "goed", "prima"}
NEE_WOORDEN = NEE | {"nooit", "nope", "neuh", "nah", "nee,"}
VULWOORDEN = frozenset({"hoor", "joh", "he", "toch", "dat", "het", "is", "echt", "gewoon", "eigenlijk", "helemaal", "zo"})
ALLE = frozenset({"alle", "allemaal", "alles", "allen"})
# Number words up to twenty, as a consultant types them ("twee", "drie"); "een" and "één" fold alike.
GETALWOORDEN = {w: i for i, w in enumerate(
    ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "dertien",
     "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"])}
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
           "december"]
MAAND_AFKORTINGEN = {"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                     "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12}
WEEKDAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
WEEKDAG_AFKORTINGEN = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}

# ── Tokens (as the grammar states them) ───────────────────────────────────

STRING = r'"[^"\n]*"'
DATE = r"\d{4}-\d{2}-\d{2}"
CODE = r"\d+[A-Za-z][A-Za-z0-9_]*"
NUMBER = r"\d+(,\d+)?"
NAME = r"[A-Za-z_][A-Za-z0-9_]*"
COMMENT = r"#[^\n]*"

# ── Findings ──────────────────────────────────────────────────────────────

CODES = {
    "E001": "het bestand is niet te lezen",
    "E002": "het bestand bestaat niet of is niet te lezen",
    "E003": "het bestand is geen UTF-8-tekst",
    "E100": "de zin klopt niet (syntaxis)",
    "E101": "de inspringing past bij geen blok",
    "E102": "een datum die niet bestaat",
    "E103": "een duur die geen heel getal is",
    "E104": "een uitdrukking dieper dan 64 niveaus, of een bestand groter dan 2 miljoen tekens",
    "E105": "een getal buiten de grenzen",
    "E106": "een datum buiten de grenzen",
    "E107": "een duur van meer dan 100 jaar",
    "E201": "een tweede regiokop of een tweede blok 'alle producten'",
    "E202": "een naam of onderdeel twee keer",
    "E203": "de regiokop ontbreekt",
    "E204": "een naam die niet gedefinieerd is",
    "E205": "een waarde die niet bij de opties hoort, of 'geldig tot' vóór 'geldig vanaf'",
    "E206": "waarden die in een kring van elkaar afhangen",
    "E207": "soorten die niet bij elkaar passen",
    "E208": "een onbekende functie of een verkeerd aantal argumenten",
    "E209": "afronden(x, n) met een n die geen heel getal van 0 tot en met 10 is",
    "E210": "een keuze-vraag zonder opties",
    "E211": "opties bij een vraag die geen keuze is",
    "E212": "een minimum of maximum bij een vraag die geen getal is",
    "E213": "een minimum boven het maximum",
    "E220": "een geval na 'anders'",
    "E221": "een tabelrij met een verkeerd aantal cellen",
    "E222": "een tabel zonder rijen",
    "E223": "een regel zonder conclusie",
    "E224": "een termijn zonder datum",
    "E225": "twee tarieven vanaf dezelfde datum",
    "E226": "een tarief in een andere eenheid dan het product",
    "E227": "een bedrag met meer dan twee cijfers achter de komma",
    "E228": "een onderdeel dat twee keer in één definitie staat",
    "E231": "hoeveelheden in verschillende eenheden samen zonder 'in', of een onbekende eenheid",
    "E232": "een afgeleide waarde die geen waarde kan hebben, terwijl een product, volume, duur of regel haar leest",
    "E233": "een afrondingsstap die geen vaste waarde is",
    "E234": "'peildatum' als naam van een eigen definitie",
    "E235": "een lijst van personen zonder 'maximaal' van 1 tot en met 20, of binnen een andere lijst",
    "E236": "een {naam} in een motivering die geen vraag, afgeleide waarde of tabel noemt",
    "E237": "'motivering' bij iets anders dan een regel, afgeleide waarde of tabel(rij)",
    "E238": "een afgeleide waarde zonder uitdrukking en zonder gevallen",
    "E239": "een afrondingsstap van 0 of minder",
    "E240": "een afgeleide waarde die voor elke casus hetzelfde getal is, buiten de grenzen",
    "E241": "een volume per kwartaal of per jaar (geen iWmo-frequentie) bij een product zonder vaste duur",
    "E242": "'zin' of 'label' waar niets het leest, of een zin die niet bij de soort waarde past",
    "E245": "een naam die twee dingen kan betekenen (een keuze en een definitie, een product en een eigen waarde)",
    "E246": "een 'eigen bijdrage' of 'vergoeding' bij een product die geen bedrag in euro is",
    "E230": "een product dat zonder zijn verplichte partner kan worden toegekend",
    "W010": "een tabel heeft geen rij voor sommige antwoorden (een gat)",
    "W011": "twee rijen van een tabel gelden allebei, met een andere uitkomst",
    "W012": "gevallen zonder 'anders' dekken niet alles af",
    "W020": "een regel die nooit geldt",
    "W021": "een vraag die door geen regel gebruikt wordt",
    "W022": "een product dat door geen regel wordt toegekend",
    "W023": "een keuze die nergens getoetst wordt",
    "W026": "plekken waar een zin in de uitleg of de brief terugvalt op een naam uit het regelbestand (fout in regions/)",
    "W024": "een verwijzing of signaal dat door geen regel wordt gegeven",
    "W025": "een iWmo-eenheid of -frequentie die niet past bij de eenheid van het volume",
    "W030": "een controle die de solver niet binnen de tijd kon bewijzen",
    "W027": "een product zonder bekende iWmo-productcode ('code onbekend')",
    "W028": "een product dat bij sommige antwoorden geen geldige iWmo-toewijzing krijgt (code, categorie, volume of einddatum)",
    "W031": "een uitkomst zonder indicatie waarvoor de regels geen reden kunnen geven",
    "W032": "een {naam} in een motivering die leeg kan blijven",
    "E250": "een eenheid van de regio die niet klopt: een dubbele naam, een bestaande eenheid, of 'is' naar een onbekende eenheid",
    "E251": "een hoeveelheid met twee keer 'per' (een tarief met ook een periode)",
    "W035": "eisen die samen geen enkel antwoord toelaten (een fout)",
    "W041": "twee opties (of twee waarden van een afgeleide waarde of tabel) met hetzelfde label",
}
