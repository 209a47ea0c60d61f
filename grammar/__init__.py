"""The grammar of the rule language, shipped as package data (``wmo.lark``)."""
