"""Regions as plugins: discovery through pluggy and the ``wmo_dsl`` entry points.

A region is a folder with a rule file and example cases, announced by a tiny
plugin module. Built-in regions (``regions/`` in this repository) and
third-party packages are found the same way, through the entry-point group
``wmo_dsl``; tests can register a throwaway plugin directly.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from . import hookspecs
from .check import check
from .engine import Rules
from .errors import RegioFout
from .parse import parse_file

ENTRY_POINT_GROUP = "wmo_dsl"


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


@functools.lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm


def region_sources() -> dict[str, RegionSource]:
    """Every installed region by id, in id order."""
    sources: dict[str, RegionSource] = {}
    for contributed in plugin_manager().hook.wmo_regions():
        for source in contributed or ():
            sources.setdefault(source.id, source)
    return dict(sorted(sources.items()))


@functools.lru_cache(maxsize=64)
def _load_rules(path: Path, mtime: float) -> Rules:
    return Rules(checked(path))


def checked(path: Path | str):
    """Parse, check and analyse a rule file; RegelbestandFout with every error."""
    from .analysis import analyse
    from .errors import RegelbestandFout

    from dataclasses import replace

    model = check(parse_file(path))
    findings = analyse(model)
    if any(f.ernst == "fout" for f in findings):
        raise RegelbestandFout(list(model.waarschuwingen) + findings)
    return replace(model, waarschuwingen=tuple(model.waarschuwingen) + tuple(findings))


def load_rules(path: Path | str) -> Rules:
    """Parse and check one rule file (cached while the file is unchanged)."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load_rules(path, mtime)


def load_region(region_id: str, peildatum: dt.date | None = None) -> Rules:
    """The rules of an installed region that are valid on ``peildatum`` (default: the newest)."""
    sources = region_sources()
    if region_id not in sources:
        known = ", ".join(sources) or "(geen)"
        raise RegioFout(f"onbekende regio '{region_id}'; geïnstalleerd: {known}")
    versions = [load_rules(p) for p in sources[region_id].regels]
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
