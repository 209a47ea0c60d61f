"""Gaps and overlaps of an exact table (``lookup.exact_rows``: every cell '-' or one value of a
finite domain), decided without the solver and in time about linear in the rows.

Over exact keys a row matches an answer exactly when the answer equals the row's key on the
columns the row names, so:

* two rows both match some answer iff their keys agree on every column both name;
* the table has a row for every answer iff the keys cover the product of the domains, found by
  splitting on one column at a time (never by listing the product); a table whose '-' cells make
  that splitting costly is left to the solver (None).

What the solver would say is said here only where it is the same: no gap, no overlap, or (keys
without '-') the overlapping pairs the solver's loop finds, one per key: its first row and the first
row after it with another outcome. Everything else returns None, and the solver decides."""

from __future__ import annotations

from typing import Sequence

from .lookup import ANY

Key = tuple[object, ...]
BUDGET = 200_000  # rows handled while splitting for completeness; beyond this the solver decides
MAX_GROUPS = 16  # kinds of rows by their '-' cells compared pairwise for overlap; beyond this the solver decides


def overlapping_pairs(keys: Sequence[Key], outcomes: Sequence[object]) -> list[tuple[int, int]] | None:
    """The pairs of rows (by index) the solver's overlap search reports, in the order of their first
    row: [] when no two rows with another outcome can both match; None when some can and a '-' cell
    makes the solver's choice of examples matter (then the solver decides)."""
    if any(ANY in key for key in keys):
        return [] if _any_overlap(keys, outcomes) is False else None
    first: dict[Key, int] = {}
    second: dict[Key, int] = {}
    for j, key in enumerate(keys):
        i = first.setdefault(key, j)
        if key not in second and outcomes[j] != outcomes[i]:
            second[key] = j
    return sorted((first[key], j) for key, j in second.items())


def _any_overlap(keys: Sequence[Key], outcomes: Sequence[object]) -> bool | None:
    """Do two rows with another outcome agree on every column both name? Rows are grouped by the
    columns they leave free ('-'); two groups are compared on the columns both name, by a dictionary
    (None when there are more than ``MAX_GROUPS`` groups)."""
    masks: dict[tuple[bool, ...], list[int]] = {}
    for j, key in enumerate(keys):
        masks.setdefault(tuple(v is ANY for v in key), []).append(j)
    groups = list(masks.items())
    if len(groups) > MAX_GROUPS:
        return None
    for a, (mask_a, rows_a) in enumerate(groups):
        for mask_b, rows_b in groups[a:]:
            shared = [c for c in range(len(mask_a)) if not mask_a[c] and not mask_b[c]]
            seen: dict[Key, set[object]] = {}
            for j in rows_a:
                seen.setdefault(tuple(keys[j][c] for c in shared), set()).add(outcomes[j])
            for j in rows_b:
                found = seen.get(tuple(keys[j][c] for c in shared), set())
                if found - {outcomes[j]}:
                    return True
    return False


def complete(domains: Sequence[Sequence[object]], keys: Sequence[Key]) -> bool | None:
    """Does every combination of the domains match some row? None when finding out would cost more
    than ``BUDGET`` (then the solver decides)."""
    budget = [BUDGET]
    return _covers(list(keys), 0, domains, budget)


def _covers(rows: list[Key], col: int, domains: Sequence[Sequence[object]], budget: list[int]) -> bool | None:
    if not rows:
        return not all(domains[col:])  # no row left: only an empty domain leaves nothing to cover
    if col == len(domains) or not domains[col]:
        return True  # every column named, or a column without values: nothing left uncovered
    budget[0] -= len(rows)
    if budget[0] < 0:
        return None
    wild = [r for r in rows if r[col] is ANY]
    if wild:
        covered = _covers(wild, col + 1, domains, budget)
        if covered is not False or len(wild) == len(rows):
            return covered  # the '-' rows alone cover every value of this column (or: not decided), or they are all there is
    by_value: dict[object, list[Key]] = {}
    for r in rows:
        if r[col] is not ANY:
            by_value.setdefault(r[col], []).append(r)
    for value in domains[col]:
        covered = _covers(by_value.get(value, []) + wild, col + 1, domains, budget)
        if covered is not True:
            return covered
    return True
