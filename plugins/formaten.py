"""The built-in output formats of ``wmo beoordeel``: tekst, markdown, json and besluit.

They register through the same hook as any third-party format, so a region
or a municipality can add (say) a letter of its own without touching the engine.
``besluit`` (the draft beschikking) is a letter: ``wmo beoordeel --formaat besluit``,
the intake's save dialog and the JSON-lines ``besluit`` all render it through this entry.
"""

from __future__ import annotations

from collections.abc import Callable

from wmo_dsl import hookimpl
from wmo_dsl.language import limits
from wmo_dsl.present.brief import Briefgegevens
from wmo_dsl.present.explain import Uitleg, render
from wmo_dsl.semantics.engine import Beoordeling
from wmo_dsl.cases.contract import result_json
from wmo_dsl.present.formaat import Formaat


def tekst(beoordeling: Beoordeling, uitleg: Uitleg) -> str:
    return render(uitleg, "tekst")


def markdown(beoordeling: Beoordeling, uitleg: Uitleg) -> str:
    return render(uitleg, "markdown")


def json_formaat(beoordeling: Beoordeling, uitleg: Uitleg) -> str:
    data = result_json(beoordeling, uitleg.als_data())
    data["wat_verandert"] = uitleg.gevoeligheid
    return limits.dumps(data, indent=2) + "\n"


def besluit(beoordeling: Beoordeling, uitleg: Uitleg, gegevens: Briefgegevens, opmaak: str) -> str:
    """The draft beschikking in the region's own template (hook ``wmo_besluit_sjabloon``) or the built-in one."""
    from wmo_dsl.plugins import besluit_sjabloon
    from wmo_dsl.present.besluit import FORMATEN, render_besluit

    assert opmaak in FORMATEN, opmaak
    return render_besluit(beoordeling, uitleg, opmaak, eigen=besluit_sjabloon(beoordeling.model.regio.id, opmaak), gegevens=gegevens)


@hookimpl
def wmo_output_formats() -> dict[str, Callable[..., str]]:
    return {"tekst": tekst, "markdown": markdown, "json": json_formaat,
            "besluit": Formaat("besluit", besluit, lezer="u", opmaken=("markdown", "html"), verantwoording=True)}
