"""``wmo_dsl.regions``, as region plugins written for version 0.1 import it.

New code writes ``from wmo_dsl import hookimpl, RegionSource``; discovery lives in
``plugins.py`` and the parse → check → analyse pipeline in ``semantics/pipeline.py``.
"""

from .plugins import RegionSource, load_region, plugin_manager, region_sources
from .semantics.pipeline import checked, load_rules

__all__ = ["RegionSource", "load_region", "load_rules", "region_sources", "checked", "plugin_manager"]
