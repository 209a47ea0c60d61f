"""An output format: what ``wmo beoordeel --formaat``, the intake's save dialog and the JSON-lines
``besluit`` ask of it, stated once.

A format renders a :class:`~wmo_dsl.semantics.engine.Beoordeling` with its explanation. Most
formats need nothing else (``render(beoordeling, uitleg)``, as the hook ``wmo_output_formats``
has always taken). A letter also gets the facts a letter needs (aanvraagdatum, kenmerk, gemeente)
and its layout (Markdown or HTML, by the file name), has its explanation addressed to the reader
("u"), and has its receipt written beside it for ``wmo herbereken``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .brief import Briefgegevens


@dataclass(frozen=True)
class Formaat:
    """One registered output format."""

    naam: str
    maak: Callable[..., str]  # render(beoordeling, uitleg), a letter render(beoordeling, uitleg, gegevens, opmaak)
    lezer: str = "inwoner"  # for whom the explanation is built (present.explain.build): "u" in a letter
    opmaken: tuple[str, ...] = ()  # a letter's layouts, the first the default: ("markdown", "html")
    verantwoording: bool = False  # its receipt goes beside the file (present.besluit.sidecar)

    @property
    def brief(self) -> bool:
        """A letter: it asks for the letter's facts and a layout."""
        return bool(self.opmaken)

    def __call__(self, beoordeling: Any, uitleg: Any, gegevens: Briefgegevens | None = None, opmaak: str | None = None) -> str:
        if not self.brief:
            return self.maak(beoordeling, uitleg)
        if opmaak is not None and opmaak not in self.opmaken:
            raise ValueError(f"{self.naam}: opmaak {opmaak!r} is not one of {self.opmaken}")
        return self.maak(beoordeling, uitleg, gegevens or Briefgegevens(), opmaak or self.opmaken[0])

    def opmaak_voor(self, pad: str | Path | None, standaard: str | None = None) -> str | None:
        """A letter's layout for a file: '.html'/'.htm' HTML, '.md' Markdown, else ``standaard``
        (else the first); None for a format that is no letter."""
        if not self.brief:
            return None
        suffix = Path(pad).suffix.lower() if pad else ""
        gekozen = {".html": "html", ".htm": "html", ".md": "markdown"}.get(suffix, standaard or self.opmaken[0])
        return gekozen if gekozen in self.opmaken else self.opmaken[0]


def als_formaat(naam: str, bijdrage: Formaat | Callable[..., str]) -> Formaat:
    """What a plugin contributes as a :class:`Formaat`: a bare function is a plain format."""
    if isinstance(bijdrage, Formaat):
        return bijdrage
    if not callable(bijdrage):
        raise TypeError(f"output format {naam!r} is neither a Formaat nor a function")
    return Formaat(naam, bijdrage)
