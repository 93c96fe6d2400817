"""Card and column order: float positions, midpoint insertion, renumbering.

Pure functions over lists of floats, so the ordering rules are tested without a
database (tests/investigations/test_positions.py runs 10,000 random moves).
"""

from collections.abc import Sequence

GAP = 1024.0
# Below this distance two neighbours are renumbered rather than halved again; far
# above the float resolution at the magnitudes positions reach.
MIN_GAP = 1e-3


def place(others: Sequence[float], index: int) -> tuple[float, list[float] | None]:
    """The position for a card inserted at `index` among `others` (sorted).

    Returns the new position and, when the gap at `index` is too small, the new
    positions of `others` (same order) to be written first; otherwise None.
    """
    count = len(others)
    index = max(0, min(index, count))
    if count == 0:
        return GAP, None
    if index == 0:
        return others[0] - GAP, None
    if index == count:
        return others[-1] + GAP, None
    before, after = others[index - 1], others[index]
    if after - before >= 2 * MIN_GAP:
        return (before + after) / 2, None
    renumbered = [GAP * (i + 1 if i < index else i + 2) for i in range(count)]
    return GAP * (index + 1), renumbered
