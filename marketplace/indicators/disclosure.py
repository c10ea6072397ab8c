"""Figures that leave officials: small counts hidden so that no one can be recognised, and
complementary suppression so that a hidden count cannot be worked back out of what is shown.

The public table shows, per indicator, the numerator and denominator of every commune and of
the province. Each of those columns is one equation: province = Σ communes (+ people of no
commune, never shown, for indicators that have them). A count below ``MIN_COUNT`` is hidden
("<5", primary). If the hidden cells of a column could then be solved for — one hidden cell
beside a shown total, or hidden cells whose sum pins each one (two hidden cells summing to 8
must both be 4) — the smallest shown commune counts are hidden too ("*", secondary: the
reader knows it is 5 or more) until every hidden cell can take at least two values. Counts
equal by definition (the denominator of I2 is the numerator of I3; in an ethnic-minority area
the denominators of I1 and I3 coincide) are hidden together, then their columns re-checked.
"""

from dataclasses import dataclass

MIN_COUNT = 5
SMALL, HIDDEN = "small", "hidden"

# (indicator, field) pairs whose commune values are equal by definition (see definitions.py).
EQUAL_BY_DEFINITION = ((("I2", "den"), ("I3", "num")), (("I1", "den"), ("I3", "den")))
# Indicators whose province figure also counts people of no commune (province-level staff).
WITH_PROVINCE_PART = frozenset({"I6"})


@dataclass(frozen=True)
class Bounds:
    low: int
    high: int


def bounds(state, total, floor=0, cap=None):
    """What a reader knows of a hidden cell: its marker ("<5", or "*": 5 or more), the column's
    total, and its pair (a numerator is at most the shown denominator, which is at least it)."""
    cap = total if cap is None else min(cap, total)
    if state == SMALL:
        return Bounds(floor, min(MIN_COUNT - 1, cap))
    return Bounds(max(MIN_COUNT, floor), max(cap, MIN_COUNT))


def solvable(values, states, total, total_state, floors=None, caps=None):
    """Indexes of hidden cells whose value follows from what is shown (one equation, intervals).

    The sums a set of integer intervals can reach are every integer between their lowest and
    highest sum, so a hidden cell is pinned exactly when its interval, narrowed by the
    equation, holds one value.
    """
    hidden = [i for i, s in enumerate(states) if s is not None]
    if not hidden:
        return []
    floors = floors or [0] * len(values)
    caps = caps or [None] * len(values)
    spans = {i: bounds(states[i], total, floors[i], caps[i]) for i in hidden}
    if total_state is not None:  # a hidden total: each cell is bounded only by its marker
        return [i for i, b in spans.items() if b.low >= b.high]
    rest = total - sum(v for v, s in zip(values, states, strict=True) if s is None)
    low_sum = sum(b.low for b in spans.values())
    high_sum = sum(b.high for b in spans.values())
    return [
        i
        for i, b in spans.items()
        if max(b.low, rest - (high_sum - b.high)) >= min(b.high, rest - (low_sum - b.low))
    ]


def protect_column(values, total, *, extra_part=False, states=None, floors=None, caps=None):
    """States per commune cell and of the total (None: shown, SMALL: "<5", HIDDEN: "*").

    ``extra_part``: the total also counts people of no commune; that count is never shown and
    is protected like a hidden cell (a reader who knows it exists could subtract for it).
    """
    states = list(states) if states else [SMALL if v < MIN_COUNT else None for v in values]
    values, floors, caps = list(values), list(floors or [0] * len(values)), list(caps or [None] * len(values))
    communes = len(values)
    if extra_part:
        rest = total - sum(values)
        values.append(rest)
        states.append(SMALL if rest < MIN_COUNT else HIDDEN)
        floors.append(0)
        caps.append(None)
    total_state = SMALL if total < MIN_COUNT else None
    while solvable(values, states, total, total_state, floors, caps):
        shown = [i for i, s in enumerate(states) if s is None]
        if shown:
            states[min(shown, key=lambda i: (values[i], i))] = HIDDEN
        elif total_state is None:
            total_state = HIDDEN  # every commune hidden and still solvable: the total goes too
        else:
            break  # pinned by its own marker alone (a 0 of 0): nothing left to hide
    return states[:communes], total_state


def _pair(key):
    return (key[0], "den" if key[1] == "num" else "num")


def protect_table(columns, totals):
    """``columns``: {(code, "num"|"den"): [commune values]}; ``totals``: the province's.

    Returns ({key: [state per commune]}, {key: state of the total}); repeated until nothing changes
    (cells only ever go from shown to hidden, so it ends).
    """
    states = {key: [SMALL if v < MIN_COUNT else None for v in values] for key, values in columns.items()}
    totals_state = {}
    changed = True
    while changed:
        changed = False
        for key, values in columns.items():
            pair = _pair(key)
            known = [
                v if pair in columns and states[pair][i] is None else None
                for i, v in enumerate(columns.get(pair, values))
            ]
            floors = [v or 0 for v in known] if key[1] == "den" else None
            caps = known if key[1] == "num" else None
            before = states[key]
            states[key], totals_state[key] = protect_column(
                values,
                totals[key],
                extra_part=key[0] in WITH_PROVINCE_PART,
                states=before,
                floors=floors,
                caps=caps,
            )
            changed |= states[key] != before
        for a, b in EQUAL_BY_DEFINITION:
            for i in range(len(columns.get(a, []))):
                if b in columns and columns[a][i] == columns[b][i]:
                    if (states[a][i] is None) != (states[b][i] is None):
                        for key in (a, b):
                            if states[key][i] is None:
                                states[key][i] = HIDDEN
                        changed = True
    return states, totals_state
