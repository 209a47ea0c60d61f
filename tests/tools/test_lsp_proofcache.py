"""Proofs while typing (``tools/lsp/proofcache.py``): findings moved rather than proven again give
exactly what a fresh analysis of the final text gives.

The solver's example in a message ('bijvoorbeeld bij: leeftijd 20' or '... 30') may differ between
two analyses in one process (the z3 session's state, not this cache), so a message is compared up
to its example; everything else of a finding exactly."""

from __future__ import annotations

from dataclasses import replace

from wmo_dsl.errors import Bevinding
from wmo_dsl.semantics.analysis import analyse
from wmo_dsl.tools.lsp.document import quick
from wmo_dsl.tools.lsp.proofcache import ProofCache

URI = "file:///tmp/proofcache.wmo"
TEXT = """regio r "R"
  geldig vanaf 2025-01-01
vraag leeftijd: getal
vraag soort: keuze uit a, b
vraag ongebruikt: ja/nee
product p "P"
product q "Q"
tabel t: leeftijd -> product
  < 20 -> p
  < 30 -> q
  >= 30 -> p
klasse is
  jong als leeftijd < 18
  oud  als leeftijd >= 65
regel r1
  als t = p en klasse = jong
  dan product t
regel r2
  als soort = a en niet soort = a
  dan product q
"""


def _proven(cache: ProofCache, text: str) -> list:
    snap = quick(URI, text)
    assert snap.model is not None and snap.bestand is not None
    return cache.proofs(snap.bestand, snap.model)


def _fresh(text: str) -> list:
    snap = quick(URI, text)
    assert snap.model is not None
    return analyse(snap.model)


def _same(found: list, fresh: list) -> bool:
    def key(f: Bevinding) -> tuple:
        return replace(f, bericht=f.bericht.split("bijvoorbeeld")[0])

    return [key(f) for f in found] == [key(f) for f in fresh]


def _cache() -> ProofCache:
    cache = ProofCache()
    first = _proven(cache, TEXT)
    assert {"W011", "W021", "W020"} <= {f.code for f in first}  # something to move: an overlap with row lines, an unused question
    assert not cache.reused
    return cache


def test_a_comment_within_a_line_keeps_the_findings_of_a_fresh_analysis_without_proving_again():
    cache = _cache()
    edited = TEXT.replace("  < 30 -> q\n", "  < 30 -> q  # jongvolwassen\n")
    assert _same(_proven(cache, edited), _fresh(edited))
    assert cache.reused


def test_lines_added_above_a_table_move_its_overlap_and_the_rows_it_names():
    cache = _cache()
    edited = TEXT.replace("tabel t:", "# de tabel\n\n# van leeftijd\ntabel t:").replace("  >= 30", "  # oud\n  >= 30")
    moved = _proven(cache, edited)
    assert cache.reused
    assert _same(moved, _fresh(edited))
    overlap = next(f for f in moved if f.code == "W011")
    assert overlap.bericht.startswith("rij 12 en rij 13 ") and overlap.regel == 13 and overlap.bronregel == "  < 30 -> q"


def test_a_change_to_a_table_is_proven_again_and_gives_the_fresh_findings():
    cache = _cache()
    edited = TEXT.replace("  >= 30 -> p\n", "  >= 30 -> q\n")
    found = _proven(cache, edited)
    assert not cache.reused and cache.known is None  # not only rules changed: every proof again
    assert _same(found, _fresh(edited))
    assert "W011" in {f.code for f in found}  # < 20 -> p still overlaps < 30 -> q


def test_a_negeer_comment_added_while_the_rules_stay_silences_the_moved_finding():
    cache = _cache()
    edited = TEXT.replace("vraag ongebruikt: ja/nee\n", "vraag ongebruikt: ja/nee  # negeer W021\n")
    found = _proven(cache, edited)
    assert cache.reused
    assert _same(found, _fresh(edited))
    assert ("W021", 5) not in {(f.code, f.regel) for f in found} and ("W021", 5) in {(f.code, f.regel) for f in _fresh(TEXT)}


def test_a_change_to_a_rule_proves_it_again_and_keeps_what_the_others_showed_alive():
    cache = _cache()
    alive = TEXT.replace("als soort = a en niet soort = a", "als soort = a")
    found = _proven(cache, alive)
    assert not cache.reused and cache.known is not None
    assert "r1" in cache.known[0] and "r2" not in cache.known[0]  # r1 was alive and did not change; r2 is asked again
    assert "q" not in cache.known[1]  # r2 concludes q: asked again too
    assert _same(found, _fresh(alive)) and "W020" not in {f.code for f in found}
    dead = alive.replace("als t = p en klasse = jong", "als t = p en niet t = p")
    found = _proven(cache, dead)
    assert cache.known is not None and "r1" not in cache.known[0] and "r2" in cache.known[0]
    assert _same(found, _fresh(dead)) and ("W020", 15) in {(f.code, f.regel) for f in found}
