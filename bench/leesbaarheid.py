"""Readability of every example case: what the generator writes, for the consultant and in the letter.

    python bench/leesbaarheid.py            # figures per region and in total
    python bench/leesbaarheid.py --langst   # also the longest sentence of each

'motivering' is the generated part (Waarom, Niet geïndiceerd, Verwijzingen, Signalen, and in the
letter also what was examined and what is not granted); 'hele brief' is the whole letter with its
fixed text. With textstat installed its Dutch Flesch (Flesch-Douma) is printed next to ours.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.present.example_texts import all_texts  # noqa: E402
from wmo_dsl.present.readability import generated_part, measure, sentences  # noqa: E402

try:
    import textstat

    textstat.set_lang("nl")
except ImportError:
    textstat = None

texts = all_texts()
views = {"consulent, motivering": lambda t: generated_part(t["markdown"]),
         "brief, motivering": lambda t: generated_part(t["besluit"]) if t["besluit"] else "",
         "hele brief": lambda t: t["besluit"]}
for wat, view in views.items():
    for regio in [*sorted({r for r, _, _ in texts}), "alle"]:
        parts = [view(t) for r, _, t in texts if regio in (r, "alle") and view(t)]
        m = measure(parts)
        extra = ""
        if textstat is not None:
            extra = f"  (textstat: {textstat.flesch_reading_ease(' '.join(s for p in parts for s in sentences(p))):.1f})"
        print(f"{wat:22} {regio:10} zinnen {m.zinnen:5}  gemiddeld {m.gemiddeld:5} woorden  langste {m.langste:3}  "
              f"Flesch-Douma {m.douma}{extra}")
        if "--langst" in sys.argv:
            print("    ", m.langste_zin)
