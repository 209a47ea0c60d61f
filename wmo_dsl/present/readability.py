"""How readable a generated text is: sentence lengths and the Flesch-Douma score (Dutch Flesch).

Flesch-Douma (1960) is Flesch's reading ease refitted for Dutch:
``206,84 − 0,93 × woorden per zin − 77 × lettergrepen per woord``; 60-70 is plain
language, B1 sits around 60 and up. Syllables are counted as vowel groups (a Dutch
diphthong such as 'ui', 'ij', 'oe' is one group), which is what textstat's Dutch
mode approximates with a hyphenation dictionary; here it needs no dictionary.

Only running text counts: headings, table rows, list markers and the source
citations are stripped, so the figures are about the sentences a reader reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VOWELS = re.compile(r"[aeiouyáàâäéèêëíìîïóòôöúùûü]+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'’\-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“(À-Ý])|(?<=[.!?:])\n|\n{2,}")
_SOURCE = re.compile(r"\(bron:[^)]*\)|\*\(bron:[^)]*\)\*")


@dataclass(frozen=True)
class Leesbaarheid:
    zinnen: int
    woorden: int
    langste: int
    gemiddeld: float
    douma: float
    langste_zin: str


def syllables(word: str) -> int:
    return max(1, len(_VOWELS.findall(word)))


def sentences(text: str) -> list[str]:
    """The sentences of running text: list items and paragraphs each end a sentence."""
    text = _SOURCE.sub("", text)
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "|", "=", "---")) or set(line) <= set("=-*_ "):
            lines.append("")
            continue
        lines.append(re.sub(r"^([-*~!]|\d+\.)\s+", "", line).strip("*_ "))
    found = []
    for block in re.split(r"\n\s*\n|\n(?=\S)", "\n".join(lines)):
        for s in _SENTENCE_END.split(block.replace("\n", " ")):
            if len(_WORD.findall(s)) >= 1:
                found.append(" ".join(s.split()))
    return found


def measure(texts: list[str]) -> Leesbaarheid:
    zinnen = [s for t in texts for s in sentences(t)]
    words = [_WORD.findall(s) for s in zinnen]
    n_words = sum(len(w) for w in words)
    n_syll = sum(syllables(x) for w in words for x in w)
    longest = max(range(len(zinnen)), key=lambda i: len(words[i])) if zinnen else 0
    asl = n_words / len(zinnen) if zinnen else 0.0
    asw = n_syll / n_words if n_words else 0.0
    return Leesbaarheid(len(zinnen), n_words, len(words[longest]) if zinnen else 0, round(asl, 1),
                        round(206.84 - 0.93 * asl - 77 * asw, 1), zinnen[longest] if zinnen else "")


GENERATED = ("## Waarom", "## Niet geïndiceerd", "## Verwijzingen", "## Signalen", "## Wat wij hebben onderzocht",
             "## Wat u niet krijgt")


def generated_part(markdown: str) -> str:
    """The sections of a Markdown explanation or letter whose sentences the generator writes (not the fixed letter text)."""
    keep, out = False, []
    for line in markdown.splitlines():
        if line.startswith("## "):
            keep = line.startswith(GENERATED)
            continue
        if keep and not line.startswith(("In het onderzoek", "Wij baseren dit besluit", "Op één punt wijkt")):
            out.append(line)
    return "\n".join(out)
