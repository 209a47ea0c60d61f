"""wmo-dsl: Wmo-begeleiding rules per region, written once, evaluated and explained.

The small public API, used by the CLI and the intake alike::

    from wmo_dsl import load_region, load_rules, convert_answers

    regels = load_region("lekstroom")
    antwoorden = convert_answers(regels.model, {"type": "ontwikkelen", ...})
    beoordeling = regels.evaluate(antwoorden, peildatum)
    regels.still_needed(antwoorden, peildatum)

Plugins (regions, output formats) write ``from wmo_dsl import hookimpl, RegionSource``.
"""

from .hookspecs import hookimpl

def _version() -> str:
    """The version of the installed package (pyproject.toml is the one place it is written)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wmo-dsl")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+onbekend"


__version__ = _version()

__all__ = ["hookimpl", "load_region", "load_rules", "convert_answers", "region_sources", "RegionSource", "Rules", "WmoFout"]


def __getattr__(name):
    # Lazy so that a plugin's `from wmo_dsl import hookimpl` does not import the engine.
    if name in ("load_region", "region_sources", "RegionSource"):
        from . import plugins

        return getattr(plugins, name)
    if name == "load_rules":
        from .semantics.pipeline import load_rules

        return load_rules
    if name == "convert_answers":
        from .cases.answers import convert_answers

        return convert_answers
    if name == "Rules":
        from .semantics.engine import Rules

        return Rules
    if name == "WmoFout":
        from .errors import WmoFout

        return WmoFout
    raise AttributeError(name)
