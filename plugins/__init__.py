"""Plugins shipped with wmo-dsl that are not regions (output formats)."""
