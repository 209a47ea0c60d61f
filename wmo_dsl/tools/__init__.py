"""Tools for policy writers and developers: the formatter, the case-file tester, the scaffold of a new region and the language server.
"""
