"""Regio Lekstroom: Werkwijze Productindeling Individuele Begeleiding 2022 (v1.0 definitief)."""

from pathlib import Path

from wmo_dsl import RegionSource, hookimpl


@hookimpl
def wmo_regions():
    return [RegionSource.from_folder(Path(__file__).parent)]
