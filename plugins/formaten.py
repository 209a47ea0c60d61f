"""The built-in output formats of ``wmo beoordeel``: tekst, markdown and json.

They register through the same hook as any third-party format, so a region
or a municipality can add (say) a beschikking letter without touching the engine.
"""

from __future__ import annotations

from wmo_dsl import hookimpl
from wmo_dsl.language import limits
from wmo_dsl.present.explain import render
from wmo_dsl.cases.contract import result_json


def tekst(beoordeling, uitleg) -> str:
    return render(uitleg, "tekst")


def markdown(beoordeling, uitleg) -> str:
    return render(uitleg, "markdown")


def json_formaat(beoordeling, uitleg) -> str:
    data = result_json(beoordeling, uitleg.als_data())
    data["wat_verandert"] = uitleg.gevoeligheid
    return limits.dumps(data, indent=2) + "\n"


@hookimpl
def wmo_output_formats():
    return {"tekst": tekst, "markdown": markdown, "json": json_formaat}
