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
The solver (`solve`, `_deal`) is pure: plain ids in, pairs out.
"""

import random
from collections import Counter, defaultdict
from collections.abc import Hashable
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


@dataclass
class _Group:
    """Entries solved as one node of the flow: `need` jurors each from `jurors`,
    except that an entry never gets a juror in its `excluded` set."""

    entries: list[int]
    need: int
    jurors: tuple
    excluded: dict[int, frozenset] = field(default_factory=dict)

    def capacities(self) -> dict:
        """No juror takes more of the group's entries than it may judge."""
        barred = Counter(j for jurors in self.excluded.values() for j in jurors)
        return {j: len(self.entries) - barred[j] for j in self.jurors}


def solve(
    *,
    entries: list[tuple[int, str]],
    jurors: list[int],
    eligible: dict[int, list[int]],
    k: int,
    kept: list[tuple[int, int]] = (),
    seed: int = 0,
    pools: dict[int, Hashable] | None = None,
) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """The min-cost flow itself, on plain ids, for tests and the bench.

    `entries` are (entry id, label); `eligible[entry]` the jurors who may judge it;
    `kept` pairs already fixed. Returns the new (entry, juror) pairs and the loads.
    Deterministic: `seed` only fixes the order in which ties are offered.

    `pools` (optional) names the pool each entry's jurors come from (plan() uses
    its language and category): the entries of a pool that differ only by a few
    conflicts are one node instead of one each (see _deal), so 3,000 staff
    conflicts do not make 3,000 nodes with a few hundred edges each. The result
    is the same optimum; the node is split if it cannot be dealt out.
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
    free_of: dict[int, frozenset] = {}
    need_of: dict[int, int] = {}
    shared: dict[int, frozenset] = {}  # one set per list that entries share
    for entry_id, _label in entries:
        need = k - len(have[entry_id])
        if need <= 0:
            continue
        need_of[entry_id] = need
        candidates = eligible.get(entry_id, ())
        if have[entry_id]:
            free_of[entry_id] = frozenset(
                j for j in candidates if j not in have[entry_id]
            )
        else:
            if id(candidates) not in shared:
                shared[id(candidates)] = frozenset(candidates)
            free_of[entry_id] = shared[id(candidates)]
    demand = sum(need_of.values())
    floor = (demand + sum(base.values())) // max(len(jurors), 1)
    exact: set[int] = set()  # entries whose pool's node could not be dealt out
    while True:
        groups = _groups(free_of, need_of, pools or {}, exact, rank)
        flow = _flow(groups, order, base, floor, demand)
        pairs: list[tuple[int, int]] = []
        for number, group in enumerate(groups):
            sent = flow.get(("g", number), {})
            dealt = _deal(group, [(j, sent.get(("j", j), 0)) for j in group.jurors])
            if dealt is None:
                exact.update(group.excluded)
            else:
                pairs.extend(dealt)
        if len(pairs) == demand:
            break
    loads = {juror: base[juror] for juror in jurors}
    for _entry, juror in pairs:
        loads[juror] += 1
    return pairs, loads


def _groups(
    free_of: dict[int, frozenset],
    need_of: dict[int, int],
    pools: dict[int, Hashable],
    exact: set[int],
    rank: dict,
) -> list[_Group]:
    """Entries with the same free jurors and the same need form one node: a group
    of c entries sends c·need units, at most c to each juror, and is dealt out to
    its entries afterwards (_deal). With `pools`, a pool's entries form one node
    whatever their conflicts; each entry's missing jurors are its `excluded`."""
    members: dict[tuple, list[int]] = defaultdict(list)
    for entry_id, need in need_of.items():
        if entry_id in pools and entry_id not in exact:
            members[("pool", pools[entry_id], need)].append(entry_id)
        else:
            members[("exact", free_of[entry_id], need)].append(entry_id)
    groups = []
    for (_kind, _key, need), ids in members.items():
        every = frozenset().union(*(free_of[e] for e in ids))
        # An entry's free jurors are a subset of `every`: same size, same set.
        excluded = {e: every - free_of[e] for e in ids if len(free_of[e]) != len(every)}
        jurors = tuple(sorted(every, key=rank.__getitem__))
        groups.append(_Group(sorted(ids), need, jurors, excluded))
    return groups


def _flow(groups: list[_Group], order: list, base, floor: int, demand: int) -> dict:
    graph = nx.DiGraph()
    graph.add_node("s", demand=-demand)
    graph.add_node("t", demand=demand)
    for number, group in enumerate(groups):
        node = ("g", number)
        graph.add_edge("s", node, capacity=len(group.entries) * group.need, weight=0)
        for juror_id, capacity in group.capacities().items():
            if capacity > 0:
                graph.add_edge(node, ("j", juror_id), capacity=capacity, weight=0)
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
    return flow


def _deal(group: _Group, shares: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """Deal a group's juror shares out to its entries, `need` distinct jurors each,
    none excluded; None if the entries with exclusions cannot all be served.

    Lay the jurors' units out in a row (juror by juror) and cut it into c slots,
    slot t taking units t, t + c, t + 2c …: no share exceeds c, so a slot's jurors
    are distinct (McNaughton's wrap-around). Entries with exclusions are matched
    to slots without their excluded jurors (augmenting paths), the rest take the
    slots left over.
    """
    ids = group.entries
    c = len(ids)
    row = [juror for juror, units in shares for _ in range(units)]
    assert len(row) == c * group.need  # noqa: S101 - the flow saturates the group
    slots = [row[t::c] for t in range(c)]
    slot_of = _match(group.excluded, [set(slot) for slot in slots])
    if slot_of is None:
        return None
    taken = set(slot_of.values())
    left = iter(t for t in range(c) if t not in taken)
    pairs = []
    for entry_id in ids:
        t = slot_of[entry_id] if entry_id in slot_of else next(left)
        pairs.extend((entry_id, juror) for juror in slots[t])
    return pairs


def _match(excluded: dict[int, frozenset], slots: list[set]) -> dict[int, int] | None:
    """A slot for every entry of `excluded`, none holding a juror it excludes
    (breadth-first augmenting paths); None if there is no such matching."""
    owner: dict[int, int] = {}  # slot → entry
    slot_of: dict[int, int] = {}
    for entry_id in sorted(excluded, key=lambda e: (-len(excluded[e]), e)):
        reached: dict[int, int] = {}  # slot → the entry that reached it
        frontier, found = [entry_id], None
        while frontier and found is None:
            following = []
            for current in frontier:
                barred = excluded[current]
                for t, slot in enumerate(slots):
                    if t in reached or not slot.isdisjoint(barred):
                        continue
                    reached[t] = current
                    if t not in owner:
                        found = t
                        break
                    following.append(owner[t])
                if found is not None:
                    break
            frontier = following
        if found is None:
            return None
        t = found
        while True:
            current = reached[t]
            previous = slot_of.get(current)
            owner[t], slot_of[current] = current, t
            if current == entry_id:
                break
            t = previous
    return slot_of


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
    k = round.jurors_per_entry
    barred: dict[int, set[int]] = defaultdict(set)
    for juror_id, entry_id in conflicts:
        barred[entry_id].add(juror_id)
    # Who reads a language and judges a category is worked out once per pair, not
    # once per entry: 30,000 entries × 300 jurors would be nine million checks.
    pools: dict[tuple[str, int], tuple[list[Juror], list[int]]] = {}
    eligible: dict[int, list[int]] = {}
    pool_of: dict[int, tuple[str, int]] = {}
    result = AssignmentPlan(kept=kept)
    for entry in entries:
        key = (entry.language_id, entry.category_id)
        if key not in pools:
            readers = [j for j in jurors if entry.language_id in reads[j.pk]]
            judging = [
                j.pk
                for j in readers
                if not judges[j.pk] or entry.category_id in judges[j.pk]
            ]
            pools[key] = (readers, judging)
        readers, judging = pools[key]
        conflicted = barred.get(entry.pk)
        free = [j for j in judging if j not in conflicted] if conflicted else judging
        eligible[entry.pk] = free
        pool_of[entry.pk] = key
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
        pools=pool_of,
    )
    return result
