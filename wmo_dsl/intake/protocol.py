"""The vocabulary of the JSON-lines protocol: questions as data, incoming messages checked, and
the stable machine codes of ``fout`` (``FOUTEN``: the same list as the README and the schema's enum).

A client reads ``code`` to decide what to do; the Dutch ``fout`` beside it is for a person.
"""

from __future__ import annotations

from ..cases.persons import maximum
from ..language import ast, kinds, limits
from ..language.model import Model

OPDRACHTEN = ("waarom", "overzicht", "wijzig", "afwijken", "later", "terug", "stop", "gegevens", "besluit")
GEGEVENS = ("aanvraagdatum", "kenmerk", "gemeente")
VELDEN = {"opdracht", "vraag", "onderwerp", "waarde", "reden", "formaat", *GEGEVENS}  # the fields an opdracht may have
BESLUITFORMATEN = ("markdown", "html")
MAX_LINE = 1 << 20  # bytes in one message, as for a batch line
HOE = "stuur {\"antwoord\": …} of {\"opdracht\": \"" + "\" | \"".join(OPDRACHTEN) + "\"}"

# code -> when it comes (README, "Het JSON-regelprotocol"). Codes are never renamed; new ones may be added.
FOUTEN = {
    "geen_utf8": "de regel is geen UTF-8",
    "te_lang": "de regel is langer dan 1 MB",
    "ongeldige_json": "de regel is geen geldige JSON",
    "buiten_grenzen": "de JSON gaat buiten de grenzen (te diep genest, een getal te groot of met te veel cijfers)",
    "geen_object": "de JSON is geen object",
    "onbekend_bericht": "het object heeft geen `antwoord` en geen `opdracht`",
    "antwoord_en_opdracht": "het object heeft zowel `antwoord` als `opdracht`",
    "onbekend_veld": "het bericht heeft een veld dat er niet bij hoort",
    "onbekende_opdracht": "de opdracht bestaat niet",
    "geen_open_vraag": "een antwoord terwijl er geen vraag openstaat (na het resultaat: eerst `wijzig`)",
    "ongeldig_antwoord": "het antwoord past niet bij de vraag; niets bewaard",
    "buiten_bereik": "het antwoord maakt een berekende waarde te groot; niets bewaard",
    "vraag_ontbreekt": "`waarom` zonder open vraag en zonder `vraag`, of `wijzig` zonder `vraag`",
    "onbekende_vraag": "`vraag` noemt geen vraag van deze regels",
    "later_niet_mogelijk": "`later` zonder nieuwe open vraag (na het resultaat of bij `wijzig`), of bij een vraag waar alle andere nog nodige vragen van afhangen",
    "niets_terug": "`terug` terwijl er nog geen antwoord is",
    "ongeldige_afwijking": "`afwijken` zonder geldig `onderwerp` of met een `waarde` die niet past",
    "reden_ontbreekt": "`afwijken` zonder `reden`",
    "ongeldig_gegeven": "`gegevens` met een aanvraagdatum, kenmerk of gemeente die niet past",
    "kenmerk_is_bsn": "het kenmerk lijkt een BSN (negen cijfers die de elfproef halen); niets bewaard",
    "geen_resultaat": "`besluit` voordat er een resultaat is (of terwijl er weer een vraag openstaat)",
    "ongeldig_formaat": "`besluit` zonder `formaat` `markdown` of `html`",
    "geen_besluit": "het besluit kan niet gemaakt worden (het sjabloon van de regio faalt)",
    "onbruikbaar_antwoord": "bij het hervatten: een bewaard antwoord past niet meer; de vraag komt opnieuw",
}
assert len(FOUTEN) == len(set(FOUTEN))


class Geweigerd(Exception):
    """A message that cannot be carried out: answered with {"fout", "code", "vraag"} and the question again.
    ``scherm``: the wording for the terminal, when the protocol's speaks of JSON fields."""

    def __init__(self, code: str, tekst: str, scherm: str | None = None):
        assert code in FOUTEN, code
        super().__init__(tekst)
        self.code = code
        self.scherm = scherm

    def op_scherm(self) -> str:
        """The refusal as the terminal says it: a sentence."""
        if self.scherm is not None:
            return self.scherm
        tekst = str(self)
        return tekst[:1].upper() + tekst[1:] + ("" if tekst.endswith((".", "?", "!")) else ".")


def question_line(vraag: ast.Vraag, tekst: str | None = None) -> dict:
    return {
        "vraag": vraag.id,
        "tekst": tekst or vraag.tekst or vraag.onderwerp(),
        "soort": kinds.of(vraag).naam,  # one of language/kinds.py, as the schema's enum
        "opties": ([{"id": True, "label": "ja"}, {"id": False, "label": "nee"}] if vraag.soort == "janee"
                   else [{"id": o.id, "label": o.label} for o in vraag.opties]),
        "uitleg": vraag.uitleg or "",
        "bron": vraag.bron.tekst if vraag.bron else "",
        **({"eenheid": str(vraag.hoeveelheid) if vraag.hoeveelheid else None, "geheel": vraag.geheel} if vraag.soort == "getal" else {}),
        **({"maximaal": maximum(vraag), "enkelvoud": vraag.enkelvoud or "persoon"} if vraag.soort == "personen" else {}),
        **({"persoon": vraag.persoon[1], "lijst": vraag.persoon[0]} if vraag.persoon else {}),
    }


def read_message(line: str) -> dict:
    """One line as a message: an object with an ``antwoord`` or an ``opdracht`` and its fields, or Geweigerd."""
    if limits.text_problem(line):  # a raw surrogate: a byte that is not UTF-8 (a JSON '\\ud800' is six letters)
        raise Geweigerd("geen_utf8", "de regel is geen UTF-8-tekst; stuur elk bericht als UTF-8")
    if len(line.encode("utf-8", "surrogatepass")) > MAX_LINE:
        raise Geweigerd("te_lang", f"de regel is langer dan {MAX_LINE // (1 << 20)} MB; stuur één bericht per regel")
    try:
        bericht = limits.loads(line)
    except limits.GrensFout as err:
        raise Geweigerd("buiten_grenzen", f"{err}; {HOE}") from None
    except (ValueError, RecursionError):
        raise Geweigerd("ongeldige_json", f"geen geldig JSON-object; {HOE}") from None
    if not isinstance(bericht, dict):
        raise Geweigerd("geen_object", f"geen JSON-object; {HOE}")
    if "antwoord" in bericht and "opdracht" in bericht:
        raise Geweigerd("antwoord_en_opdracht", "een bericht is een antwoord of een opdracht, niet allebei")
    if "antwoord" not in bericht and "opdracht" not in bericht:
        raise Geweigerd("onbekend_bericht", f"onbekend bericht; {HOE}")
    extra = sorted(set(bericht) - ({"antwoord"} if "antwoord" in bericht else VELDEN))
    if extra:
        raise Geweigerd("onbekend_veld", f"onbekend veld {', '.join(repr(str(k)[:40]) for k in extra)} in het bericht")
    return bericht


def labelled_values(model: Model, waarden: dict) -> dict:
    """Derived values for a client: per id its value (as in a case file), the rule file's label
    and the value in words: {"omvang": {"waarde": "gemiddeld", "label": "omvang van de ondersteuning",
    "tekst": "gemiddeld (1 of 2 resultaatgebieden)"}}."""
    from ..cases.answers import typed_json
    from ..present.namen import waarde_naam, waarde_woorden

    return {k: {"waarde": typed_json(v, model.types.get(k)), "label": waarde_naam(model, k), "tekst": waarde_woorden(model, k, v)}
            for k, v in waarden.items()}
