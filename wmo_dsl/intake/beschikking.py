"""The besluit of an intake, one function for every way out: saved from the terminal, sent over
JSON lines, and (from the session's case file) ``wmo beoordeel --formaat besluit``: the same bytes."""

from __future__ import annotations


def besluit_inhoud(gesprek, b, formaat: str) -> str:
    """The draft beschikking of ``b`` as Markdown or HTML, with the session's aanvraagdatum, kenmerk
    and gemeente; CasusFout while the case cannot be judged yet, WmoFout when a region's template fails."""
    from ..plugins import besluit_sjabloon
    from ..present.besluit import render_besluit
    from ..present.explain import build

    return render_besluit(b, build(b, gesprek.rules, lezer="u"), formaat, eigen=besluit_sjabloon(gesprek.model.regio.id, formaat),
                          gegevens=gesprek.briefgegevens())
