"""Planning the assignment of entries to jurors: exact, balanced, conflict-free,
deterministic.

Each entry of a round needs `jurors_per_entry` jurors who judge its category, read
its language and have no conflict with it. Among all assignments that do this we
take one whose jurors' loads are as even as the constraints allow, as a min-cost
flow: source → entry (capacity k) → eligible juror (capacity 1) → juror's load
levels → sink, where the n-th unit of a juror's load costs n². Minimising a sum of
convex load costs over a flow gives the "decreasingly minimal" load vector, which
also has the smallest possible spread between the most and least loaded juror, so
loads differ by at most one whenever the constraints allow it.

Re-running keeps the assignments that have a submitted sheet; they count towards
the entry's k and the juror's load. If any entry cannot get k jurors, the plan names
each such entry and why, and the service (services/assignment.py) writes nothing.
The solver (`solve`, `_split`) is pure: plain ids in, pairs out.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.models import Assignment, Juror, Round
from awards.jury.selectors.conflicts import conflict_map
from awards.jury.selectors.rounds import entries_for_round


@dataclass
class Shortfall:
    entry_id: int
    reference: str
    needed: int
    available: int
    reason: str


@dataclass
class AssignmentPlan:
    """What the solver decided: (entry id, juror id) pairs to add, plus checks."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    kept: list[tuple[int, int]] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    loads: dict[int, int] = field(default_factory=dict)

    @property
    def spread(self) -> int:
        return max(self.loads.values()) - min(self.loads.values()) if self.loads else 0


def _language_map(jurors: list[Juror]) -> dict[int, set[str]]:
    through = User.languages.through
    reads: dict[int, set[str]] = defaultdict(set)
    user_to_juror = {j.user_id: j.pk for j in jurors}
    for user_id, code in through.objects.filter(
        user_id__in=list(user_to_juror)
    ).values_list("user_id", "language_id"):
        reads[user_to_juror[user_id]].add(code)
    return reads


def _category_map(jurors: list[Juror]) -> dict[int, set[int]]:
    judges: dict[int, set[int]] = defaultdict(set)
    for juror_id, category_id in Juror.categories.through.objects.filter(
        juror_id__in=[j.pk for j in jurors]
    ).values_list("juror_id", "category_id"):
        judges[juror_id].add(category_id)
    return judges


def solve(
    *,
    entries: list[tuple[int, str]],
    jurors: list[int],
    eligible: dict[int, list[int]],
    k: int,
    kept: list[tuple[int, int]] = (),
    seed: int = 0,
) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """The min-cost flow itself, on plain ids, for tests and the bench.

    `entries` are (entry id, label); `eligible[entry]` the jurors who may judge it;
    `kept` pairs already fixed. Returns the new (entry, juror) pairs and the loads.
    Deterministic: `seed` only fixes the order in which ties are offered.
    """
    rng = random.Random(seed)  # noqa: S311 - tie order, not security
    order = list(jurors)
    rng.shuffle(order)
    rank = {juror: n for n, juror in enumerate(order)}
    base = defaultdict(int)
    have = defaultdict(set)
    for entry_id, juror_id in kept:
        base[juror_id] += 1
        have[entry_id].add(juror_id)
    # Entries with the same free jurors and the same need form one node: a group
    # of c entries sends c·need units, at most c to each juror, and is split into
    # entries afterwards (see _split). 3,000 entries make a few hundred nodes.
    groups: dict[tuple, list[int]] = defaultdict(list)
    for entry_id, _label in entries:
        need = k - len(have[entry_id])
        if need <= 0:
            continue
        free = tuple(
            sorted(
                (j for j in eligible.get(entry_id, ()) if j not in have[entry_id]),
                key=rank.__getitem__,
            )
        )
        groups[(free, need)].append(entry_id)
    demand = sum(len(ids) * need for (_free, need), ids in groups.items())
    floor = (demand + sum(base.values())) // max(len(jurors), 1)
    graph = nx.DiGraph()
    graph.add_node("s", demand=-demand)
    graph.add_node("t", demand=demand)
    for number, ((free, need), ids) in enumerate(groups.items()):
        graph.add_edge("s", ("g", number), capacity=len(ids) * need, weight=0)
        for juror_id in free:
            graph.add_edge(("g", number), ("j", juror_id), capacity=len(ids), weight=0)
    # A juror's n-th unit of load costs 0 up to the even share (floor), then
    # 1, 4, 9 … (convex): any flow with loads in {floor, floor + 1} is cheaper
    # than every other, so it is found whenever it exists.
    extra = 12
    overflow = (extra + 1) ** 2 * 4
    for juror_id in order:
        graph.add_node(("j", juror_id))
        free_share = floor - base[juror_id]
        if free_share > 0:
            graph.add_edge(("j", juror_id), ("z", juror_id), capacity=free_share)
            graph.add_edge(("z", juror_id), "t", weight=0)
        for level in range(max(floor, base[juror_id]) + 1, floor + extra + 1):
            node = ("l", juror_id, level)
            cost = (level - floor) ** 2
            graph.add_edge(("j", juror_id), node, capacity=1, weight=cost)
            graph.add_edge(node, "t", capacity=1, weight=0)
        graph.add_edge(("j", juror_id), ("o", juror_id), weight=overflow)
        graph.add_edge(("o", juror_id), "t", weight=0)
    _cost, flow = nx.network_simplex(graph)
    pairs = []
    for number, ((free, need), ids) in enumerate(groups.items()):
        sent = flow.get(("g", number), {})
        shares = [(j, sent.get(("j", j), 0)) for j in free]
        pairs.extend(_split(sorted(ids), need, shares))
    loads = {juror: base[juror] for juror in jurors}
    for _entry, juror in pairs:
        loads[juror] += 1
    return pairs, loads


def _split(
    ids: list[int], need: int, shares: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Deal a group's juror shares out to its entries, `need` distinct jurors each.

    Lay the jurors' units out in a row (juror by juror) and give unit t to entry
    t mod c: no share exceeds c, so a juror's units fall on distinct entries
    (McNaughton's wrap-around).
    """
    row = [juror for juror, units in shares for _ in range(units)]
    assert len(row) == len(ids) * need  # noqa: S101 - the flow saturates the group
    return [(ids[t % len(ids)], juror) for t, juror in enumerate(row)]


def plan(*, round: Round, seed: int = 0) -> AssignmentPlan:
    """Work out an assignment for `round` without writing anything."""
    entries = list(entries_for_round(round))
    jurors = list(
        Juror.objects.filter(
            award_id=round.award_id, accepted_at__isnull=False, removed_at__isnull=True
        ).order_by("pk")
    )
    reads = _language_map(jurors)
    judges = _category_map(jurors)
    conflicts = conflict_map(jurors=jurors, entries=entries)
    kept = list(
        Assignment.objects.filter(round=round, sheet__submitted_at__isnull=False)
        .filter(juror__in=jurors)
        .values_list("entry_id", "juror_id")
    )
    kept_by_entry = defaultdict(int)
    for entry_id, _juror in kept:
        kept_by_entry[entry_id] += 1
    k = round.jurors_per_entry
    eligible: dict[int, list[int]] = {}
    result = AssignmentPlan(kept=kept)
    for entry in entries:
        readers = [j for j in jurors if entry.language_id in reads[j.pk]]
        judging = [
            j for j in readers if not judges[j.pk] or entry.category_id in judges[j.pk]
        ]
        free = [j.pk for j in judging if (j.pk, entry.pk) not in conflicts]
        eligible[entry.pk] = free
        if len(free) < k:
            if len(readers) < k:
                reason = _("only %(n)s jurors read %(language)s") % {
                    "n": len(readers),
                    "language": entry.language_id,
                }
            elif len(judging) < k:
                reason = _("only %(n)s jurors who read it judge its category") % {
                    "n": len(judging)
                }
            else:
                reason = _(
                    "%(conflicted)s of the %(n)s jurors who could judge it have "
                    "a conflict"
                ) % {"conflicted": len(judging) - len(free), "n": len(judging)}
            result.shortfalls.append(
                Shortfall(entry.pk, str(entry), k, len(free), reason)
            )
    if result.shortfalls or not jurors:
        return result
    result.pairs, result.loads = solve(
        entries=[(e.pk, str(e)) for e in entries],
        jurors=[j.pk for j in jurors],
        eligible=eligible,
        k=k,
        kept=kept,
        seed=seed,
    )
    return result
