"""The cases stage: answers, case files, sessions and the one result of a beoordeling.

Answers are read as people give them (``natural.py``) and converted once (``answers.py``); a batch,
a session or a case file each give a ``Resultaat`` (``resultaat.py``) with its receipt and toewijzing.
"""
