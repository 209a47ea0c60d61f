"""Regio Zuid-Oost Utrecht: Productenboek Wmo begeleiding Segment B (versie 1.0)."""

from pathlib import Path

from wmo_dsl import RegionSource, hookimpl


@hookimpl
def wmo_regions():
    return [RegionSource.from_folder(Path(__file__).parent)]
