"""The editor's side of wmo-dsl: a Language Server Protocol server for ``.wmo`` files (``wmo lsp``).

``server`` speaks the protocol; ``document`` runs the stages of ``wmo check`` on
a text; ``index`` knows where each name is defined and used; ``diagnostics``,
``navigation``, ``completion``, ``actions`` and ``presentation`` answer the
requests; ``counterexample`` turns a finding of the analysis into a case file.
"""
