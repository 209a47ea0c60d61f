"""Leiden: pilot 'Resultaatgericht (maat)werk' van het Sociaal Wijkteam (2019, versie 1.2)."""

from pathlib import Path

from wmo_dsl import RegionSource, hookimpl


@hookimpl
def wmo_regions():
    return [RegionSource.from_folder(Path(__file__).parent)]
