"""Toekomst Sociaal Domein: Productcatalogus Wmo individuele begeleiding, dagbesteding en kortdurend verblijf (15-11-2023)."""

from pathlib import Path

from wmo_dsl import RegionSource, hookimpl


@hookimpl
def wmo_regions():
    return [RegionSource.from_folder(Path(__file__).parent)]
