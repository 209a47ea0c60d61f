"""Rule files that are hard for the solver, and generated models over every calendar function.

Used by the tests (with small time limits) and by ``bench/bench_guard.py`` (with the real ones):

* ``interacting(n)``: n numeric questions tied together by products of neighbours, a sum that must
  hit one exact value and a yes/no question whose relevance hangs on it;
* ``nonlinear()``: a sum of cubes that must equal a cube (Fermat for n = 3: no solution, and no
  solver can say so in time);
* ``calendar_model(...)``: a model from hypothesis draws combining ``jaren|maanden|weken|dagen
  tussen``, ``+``/``-`` with dagen, weken, maanden, jaren and werkdagen, and ``peildatum``, in rules
  and termijnen.
"""

from __future__ import annotations

from hypothesis import strategies as st

_HEADER = 'regio hard "Moeilijk"\n  geldig vanaf 2025-01-01\n\n'


def interacting(n: int = 40) -> str:
    text = _HEADER
    for i in range(n):
        text += f'vraag x{i}: geheel getal\n  tekst "Getal {i}?"\n  minimaal 0\n  maximaal 1000000\n\n'
    text += 'vraag extra: ja/nee\n  tekst "Is er iets extra?"\n\n'
    text += "totaal is " + " + ".join(f"x{i} * x{(i + 1) % n}" for i in range(n)) + "\n\n"
    text += "verschil is " + " - ".join(f"x{i}" for i in range(0, n, 3)) + "\n\n"
    text += 'product p "Product p"\n\nproduct q "Product q"\n\n'
    text += "regel rp\n  als totaal = 987654321 en verschil > 17 en extra\n  dan product p\n\n"
    text += "regel rq\n  als totaal < 5 en niet extra\n  dan product q\n"
    return text


def nonlinear() -> str:
    text = _HEADER
    for name in ("a", "b", "c"):
        text += f'vraag {name}: geheel getal\n  tekst "Getal {name}?"\n  minimaal 2\n  maximaal 100000000\n\n'
    text += 'vraag extra: ja/nee\n  tekst "Is er iets extra?"\n\n'
    text += "kubussen is a * a * a + b * b * b\n\n"
    text += 'product p "Product p"\n\n'
    text += "regel rp\n  als kubussen = c * c * c en extra\n  dan product p\n"
    return text


_DATES = ["geboortedatum", "startdatum", "einddatum"]
_BETWEEN = ["jaren", "maanden", "weken", "dagen"]
_DURATIONS = ["dagen", "weken", "maanden", "jaren", "werkdagen"]


@st.composite
def calendar_model(draw) -> str:
    """A checked-clean rule file mixing every calendar function."""
    points = _DATES + ["peildatum"]
    text = 'regio kalender "Kalender"\n  geldig vanaf 2025-01-01\n\n'
    for d in _DATES:
        text += f'vraag {d}: datum\n  tekst "Wat is de {d}?"\n\n'
    text += 'vraag ja_of_nee: ja/nee\n  tekst "Geldt het?"\n\n'
    values = []
    for i in range(draw(st.integers(1, 3))):
        a, b = draw(st.permutations(points))[:2]
        text += f"v{i} is {draw(st.sampled_from(_BETWEEN))} tussen {a} en {b}\n\n"
        values.append(f"v{i}")
    shifted = f"{draw(st.sampled_from(points))} {draw(st.sampled_from('+-'))} {draw(st.integers(1, 30))} {draw(st.sampled_from(_DURATIONS))}"
    text += f"verschoven is {shifted}\n\n"
    text += 'product p "Product p"\n\nproduct q "Product q"\n\n'
    also = " en ja_of_nee" if draw(st.booleans()) else ""
    text += f"regel rp\n  als {draw(st.sampled_from(values))} >= {draw(st.integers(0, 80))}{also}\n  dan product p\n\n"
    text += f"regel rq\n  als verschoven > {draw(st.sampled_from(points))} of {draw(st.sampled_from(values))} < {draw(st.integers(0, 12))}\n"
    text += "  dan product q\n\n"
    for t in range(draw(st.integers(1, 2))):
        base = draw(st.sampled_from(points))
        step = f"{draw(st.sampled_from('+-'))} {draw(st.integers(1, 14))} {draw(st.sampled_from(_DURATIONS))}"
        condition = f"  als {draw(st.sampled_from(values))} >= {draw(st.integers(0, 30))}\n" if draw(st.booleans()) else ""
        text += f'termijn t{t} "Termijn {t}"\n{condition}  datum {base} {step}\n\n'
    return text
