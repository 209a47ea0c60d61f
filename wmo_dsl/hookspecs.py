"""Hook specifications: the ways a plugin can extend wmo-dsl.

Every region, the built-in ones too, is a plugin that implements
:func:`wmo_regions`; output formats beyond the built-in text, Markdown and JSON
come through :func:`wmo_output_formats`. A plugin registers under the entry-point
group ``wmo_dsl`` and writes ``from wmo_dsl import hookimpl``.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("wmo_dsl")
hookimpl = pluggy.HookimplMarker("wmo_dsl")


# ── Regions ───────────────────────────────────────────────────────────────


@hookspec
def wmo_regions() -> list | None:
    """Return the regions this plugin contributes.

    :return: a list of :class:`wmo_dsl.plugins.RegionSource`, usually made with
        ``RegionSource.from_folder(Path(__file__).parent)``: the folder holds the
        region's rule file (``*.wmo``) and its example cases (``casussen/*.json``).
    """


# ── Output ────────────────────────────────────────────────────────────────


@hookspec
def wmo_output_formats() -> dict | None:
    """Return extra output formats for ``wmo beoordeel --formaat``.

    :return: a mapping of format name to a function ``render(beoordeling, uitleg) -> str``,
        where ``uitleg`` is the explanation as built by ``wmo_dsl.present.explain``, or to a
        :class:`wmo_dsl.present.formaat.Formaat` for a letter (such as the built-in ``besluit``:
        it also gets the letter's facts and its layout, Markdown or HTML).
    """


@hookspec(firstresult=True)
def wmo_besluit_sjabloon(regio: str, formaat: str) -> str | None:
    """Return a region's own template for the draft beschikking, or None for the built-in one.

    :param regio: the region id of the case.
    :param formaat: ``"markdown"`` or ``"html"``.
    :return: Jinja2 template text. It runs in Jinja2's sandbox and gets the same data as
        the built-in ``besluit.md.j2`` (``u``, ``besluiten``, ``grondslag``, ``datum``, ``opening``,
        ``veld``, ``leveringsvorm``, ``eigen_bijdrage``, ``terugwerkend``, ``in_te_vullen``, …), so it
        may word or replace the leveringsvorm and eigen-bijdrage clauses.
    """
