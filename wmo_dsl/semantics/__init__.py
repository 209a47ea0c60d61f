"""The semantics stage: what a checked model means for a case, and what can be proven about it.

One meaning per construct (``meaning.py``) from which the evaluator with its trace, the compiled
function (``compile.py``), the solver encoding (``smt*.py``, ``solver.py``, behind the guarded door of
``guard.py``) and the proofs of ``wmo check`` (``analysis.py``, ``findings.py``) derive.
"""
