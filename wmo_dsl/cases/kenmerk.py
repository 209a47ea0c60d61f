"""The kenmerk of a session: the consultant's own label for a citizen's case, never a BSN.

One kenmerk per session (the gemeente's zaaknummer, or a note like "mw. J. 14u"): asked at
the start of the intake, shown in ``wmo sessies`` and the header, and printed in the letter.
The sessions list is not personal data, so a BSN may not stand in for it: a kenmerk holding
nine digits that pass the elfproef (also written as ``1234.56.782`` or ``1234 56 782``) is
refused with a Dutch message.
"""

from __future__ import annotations

import re

from ..errors import WmoFout

MAX_KENMERK = 200


class BsnFout(WmoFout):
    """A kenmerk that looks like a BSN: refused, never stored."""

_DIGITS = re.compile(r"\d(?:[ .-]?\d)*")  # a run of digits, with the separators people write a BSN with


def elfproef(cijfers: str) -> bool:
    """The BSN check: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    if len(cijfers) != 9 or not cijfers.isdigit() or int(cijfers) == 0:
        return False
    som = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1))) - int(cijfers[8])
    return som % 11 == 0


def looks_like_bsn(tekst: str) -> bool:
    """Whether the text holds nine digits (separators allowed) that pass the elfproef."""
    return any(elfproef(re.sub(r"[ .-]", "", m.group())) for m in _DIGITS.finditer(tekst))


def check_kenmerk(tekst: str) -> str:
    """The kenmerk as kept (trimmed), or WmoFout with the reason in Dutch."""
    kenmerk = tekst.strip()
    if not kenmerk or len(kenmerk) > MAX_KENMERK or any(c < " " or c == "\x7f" for c in kenmerk):
        raise WmoFout(f"een kenmerk is één regel tekst van hoogstens {MAX_KENMERK} tekens")
    if looks_like_bsn(kenmerk):
        raise BsnFout("dit kenmerk lijkt een BSN (negen cijfers die de elfproef halen); een BSN hoort niet in een "
                      "kenmerk, want het staat in het sessieoverzicht. Gebruik het zaaknummer of een eigen aanduiding")
    return kenmerk
