"""The language stage: rule-file text to a checked model.

The grammar (``grammar.py``), the parser that lays Lark's tree over the typed AST (``parse.py``,
``tree*.py``, ``ast/``), Dutch syntax findings, and the checker that resolves names, types and units
(``check.py``, ``expressions.py``, ``amounts.py``). Nothing here knows about cases or the solver.
"""
