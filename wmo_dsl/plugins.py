"""Plugins: regions and output formats, found through pluggy.

The built-in plugins (the output formats and the four regions of this
repository) are ordinary plugin modules registered by import, like datasette's
``DEFAULT_PLUGINS``; third-party packages register through the entry-point
group ``wmo_dsl``. A region is a folder with a rule file and example cases,
announced by a tiny module; :class:`RegionSource` says where they are.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from . import hookspecs
from .errors import RegioFout
from .present.formaat import Formaat, als_formaat
from .semantics.engine import Rules

if TYPE_CHECKING:
    from .semantics.engine import Rules

ENTRY_POINT_GROUP = "wmo_dsl"

# Registered by import, in this order; an entry point with one of these names is not loaded twice.
DEFAULT_PLUGINS = {
    "formaten": "wmo_plugins.formaten",
    "leiden": "wmo_regions.leiden",
    "lekstroom": "wmo_regions.lekstroom",
    "tsd": "wmo_regions.tsd",
    "zou": "wmo_regions.zou",
}


@dataclass(frozen=True)
class RegionSource:
    """Where a region's rules and example cases live."""

    id: str
    regels: tuple[Path, ...]
    casussen: Path | None = None
    plugin: str = field(default="", compare=False)

    @classmethod
    def from_folder(cls, folder: Path | str, id: str | None = None) -> "RegionSource":
        folder = Path(folder)
        regels = tuple(sorted(folder.glob("*.wmo")))
        casussen = folder / "casussen"
        return cls(id or folder.name, regels, casussen if casussen.is_dir() else None, plugin=folder.name)


def make_plugin_manager(entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with the built-in plugins and, unless ``entry_points`` is False
    (for tests that must not see the environment), those of installed packages."""
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    for name, module in DEFAULT_PLUGINS.items():
        pm.register(importlib.import_module(module), name=name)
    if entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm


@functools.lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    return make_plugin_manager()


def region_sources() -> dict[str, RegionSource]:
    """Every installed region by id, in id order."""
    sources: dict[str, RegionSource] = {}
    for contributed in plugin_manager().hook.wmo_regions():
        for source in contributed or ():
            sources.setdefault(source.id, source)
    return dict(sorted(sources.items()))


def output_formats() -> dict[str, Formaat]:
    """Every output format of ``wmo beoordeel --formaat``, the intake's save dialog and the JSON-lines
    ``besluit``: name -> :class:`~wmo_dsl.present.formaat.Formaat` (called as render(beoordeling, uitleg))."""
    formats: dict[str, Formaat] = {}
    for contributed in plugin_manager().hook.wmo_output_formats():
        for name, fn in (contributed or {}).items():
            formats.setdefault(name, als_formaat(name, fn))
    return formats


def load_region(region_id: str, peildatum: dt.date | None = None) -> Rules:
    """The rules of an installed region that are valid on ``peildatum`` (default: the newest)."""
    from .semantics.pipeline import load_rules

    sources = region_sources()
    if region_id not in sources:
        known = ", ".join(sources) or "(geen)"
        raise RegioFout(f"onbekende regio '{region_id}'; geïnstalleerd: {known}")
    versions = [load_rules(p) for p in sources[region_id].regels]
    for rules in versions:
        rules.plugin = region_plugin(region_id)
    if not versions:
        raise RegioFout(f"regio '{region_id}' heeft geen regelbestand (*.wmo)")
    versions.sort(key=lambda r: r.model.regio.geldig_vanaf or dt.date.min)
    if peildatum is None:
        return versions[-1]
    valid = [r for r in versions if (r.model.regio.geldig_vanaf or dt.date.min) <= peildatum
             and (r.model.regio.geldig_tot is None or peildatum <= r.model.regio.geldig_tot)]
    if not valid:
        versions[0].check_peildatum(peildatum)
        versions[-1].check_peildatum(peildatum)
    return valid[-1] if valid else versions[-1]


@functools.lru_cache(maxsize=32)
def region_plugin(region_id: str) -> dict:
    """The plugin that brings a region, with its package's version (built in: wmo-dsl's), for a receipt."""
    from . import __version__

    pm = plugin_manager()
    dists = dict(pm.list_plugin_distinfo())
    for plugin in pm.get_plugins():
        hook = getattr(plugin, "wmo_regions", None)
        if hook is None or not any(s.id == region_id for s in hook() or ()):
            continue
        dist = dists.get(plugin)
        if dist is not None:
            return {"naam": dist.project_name, "versie": dist.version}
        return {"naam": pm.get_name(plugin), "versie": f"wmo-dsl {__version__}"}
    return {"naam": None, "versie": None}


def besluit_sjabloon(regio: str, formaat: str) -> str | None:
    """A region's own template for the draft beschikking (hook ``wmo_besluit_sjabloon``), or None."""
    return plugin_manager().hook.wmo_besluit_sjabloon(regio=regio, formaat=formaat)
