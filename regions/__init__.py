"""The regions that ship with wmo-dsl; each subpackage is a plugin like any other."""
