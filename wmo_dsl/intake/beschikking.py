"""What an intake saves or sends, one function for every way out: a registered output format
(``wmo_output_formats``) of the session's result, with the session's letter facts. Saved from the
terminal, sent over JSON lines, and (from the session's case file) ``wmo beoordeel --formaat``:
the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..present.explain import Uitleg
    from ..semantics.engine import Beoordeling
    from .conversation import Gesprek


def inhoud(gesprek: Gesprek, b: Beoordeling, naam: str, opmaak: str | None = None, uitleg: Uitleg | None = None) -> str:
    """The output format ``naam`` of ``b``: a letter (the besluit) as Markdown or HTML with the session's
    aanvraagdatum, kenmerk and gemeente. ``uitleg``, built for the consultant's screen, is reused when the
    format reads it so. CasusFout while a letter's case cannot be judged yet, WmoFout when a region's
    template fails."""
    from ..plugins import output_formats
    from ..present.explain import build

    formaat = output_formats()[naam]
    if uitleg is None or formaat.lezer != "inwoner":
        uitleg = build(b, gesprek.rules, lezer=formaat.lezer)
    return formaat(b, uitleg, gesprek.briefgegevens(), opmaak)
