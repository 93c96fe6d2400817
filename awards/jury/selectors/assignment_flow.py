"""The assignment's min-cost flow, on plain ids (plan() in assignment.py feeds it).

source → group of entries → [country] → eligible juror → juror's load levels → sink.
A juror's n-th unit of load above the even share costs n² (convex), so the flow's
optimum is the most even load vector the constraints allow. Hard constraints are
capacities of the network, never costs, so they hold exactly in every solution:

- a juror's `capacity` (max entries, counting kept assignments) bounds the
  capacity of its load edges;
- "jurors from at least K countries" (K ≥ 2): an entry with k jurors, d of whose
  K countries are still missing, sends d units through a *diversity* edge of
  capacity 1 per (entry, country) and its other k − d units through a free edge
  to the same (entry, country) node; each juror takes at most one unit. An
  integral flow therefore gives every entry k distinct jurors among whom d come
  from d distinct new countries, and every assignment that meets the rule is such
  a flow (route one juror of each of K of its countries through the diversity
  edges). So the flow is exact for every K ≤ k, with no lower bounds and no ILP
  (and scipy is not a dependency). Jurors without a country sit behind the free
  edge only: they never count towards K.

Entries that share their free jurors are one group node (c entries send c·k
units, at most c to a juror and, through the diversity edge, to a country); the
group's flow is dealt out to its entries by McNaughton's wrap-around on a row of
units sorted by country, which keeps every entry's jurors distinct and gives each
entry at least d new countries (see _row). Aggregating is a relaxation that every
group flow decomposes, so the optimum is the per-entry optimum.

Preferences (a juror's bid on an entry) are costs on the juror's edge, in the
same units as the load costs: they choose among the assignments that meet every
hard rule and never make one that breaks a rule cheaper than one that does not
(every rule is a capacity). Entries with the same preferences share a group.

If the network cannot carry every unit (capacities full, or too few countries with
room left), the missing units take a *shortfall* edge whose cost exceeds every
other solution's, and solve() raises Unserved naming the groups and what failed:
the caller writes nothing.
"""

import random
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

import networkx as nx

NO_COUNTRY = ""  # a juror whose country is unknown: never counts towards K


@dataclass
class _Group:
    """Entries solved as one node of the flow: `need` jurors each from `jurors`,
    `diverse` of them from distinct countries outside `covered`, except that an
    entry never gets a juror in its `excluded` set."""

    entries: list[int]
    need: int
    jurors: tuple
    excluded: dict[int, frozenset] = field(default_factory=dict)
    diverse: int = 0
    covered: frozenset = frozenset()
    costs: dict = field(default_factory=dict)

    def capacities(self) -> dict:
        """No juror takes more of the group's entries than it may judge."""
        barred = Counter(j for jurors in self.excluded.values() for j in jurors)
        return {j: len(self.entries) - barred[j] for j in self.jurors}


@dataclass
class Unserved(Exception):  # noqa: N818 - a result, not an error of the code
    """Entries the network could not serve: per group, its entries and the units
    missing through the diversity edges (`countries`) and the others (`places`)."""

    groups: list[tuple[list[int], int, int]]


def solve(
    *,
    entries: list[tuple[int, str]],
    jurors: list[int],
    eligible: dict[int, list[int]],
    k: int,
    kept: list[tuple[int, int]] = (),
    seed: int = 0,
    pools: dict[int, Hashable] | None = None,
    countries: dict[int, str] | None = None,
    min_countries: int = 1,
    capacity: dict[int, int | None] | None = None,
    preference: dict[int, dict[int, int]] | None = None,
) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """The min-cost flow itself, on plain ids, for tests and the bench.

    `entries` are (entry id, label); `eligible[entry]` the jurors who may judge it;
    `kept` pairs already fixed. Returns the new (entry, juror) pairs and the loads.
    Deterministic: `seed` only fixes the order in which ties are offered.

    `countries[juror]` (NO_COUNTRY if unknown) and `min_countries` (K) ask for at
    least K countries among each entry's jurors when K ≥ 2; `capacity[juror]`
    caps a juror's load (None: no cap). Raises Unserved if they cannot all hold.
    `preference[entry][juror]` (optional, ≥ 0) is the cost of that pair, added to
    the load costs: the result minimises their sum.

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
    country_of = countries or {}
    base = defaultdict(int)
    have = defaultdict(set)
    for entry_id, juror_id in kept:
        base[juror_id] += 1
        have[entry_id].add(juror_id)
    free_of: dict[int, frozenset] = {}
    need_of: dict[int, int] = {}
    diversity: dict[int, tuple[int, frozenset]] = {}
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
        if min_countries >= 2:
            covered = frozenset(
                country_of.get(j, NO_COUNTRY) for j in have[entry_id]
            ) - {NO_COUNTRY}
            diversity[entry_id] = (max(0, min_countries - len(covered)), covered)
    demand = sum(need_of.values())
    floor = (demand + sum(base.values())) // max(len(jurors), 1)
    exact: set[int] = set()  # entries whose pool's node could not be dealt out
    while True:
        groups = _groups(
            free_of, need_of, diversity, pools or {}, exact, rank, preference or {}
        )
        flow = _flow(groups, order, base, floor, demand, country_of, capacity or {})
        _raise_unserved(groups, flow)
        pairs: list[tuple[int, int]] = []
        for number, group in enumerate(groups):
            row = _row(group, _sent(number, flow), country_of)
            dealt = _deal(group, row)
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
    diversity: dict[int, tuple[int, frozenset]],
    pools: dict[int, Hashable],
    exact: set[int],
    rank: dict,
    preference: dict[int, dict[int, int]],
) -> list[_Group]:
    """Entries with the same free jurors, need and missing countries form one
    node: a group of c entries sends c·need units, at most c to each juror, and is
    dealt out to its entries afterwards (_deal). With `pools`, a pool's entries
    form one node whatever their conflicts; each entry's missing jurors are its
    `excluded`."""
    members: dict[tuple, list[int]] = defaultdict(list)
    for entry_id, need in need_of.items():
        wants = diversity.get(entry_id, (0, frozenset()))
        costs = frozenset((preference.get(entry_id) or {}).items())
        if entry_id in pools and entry_id not in exact:
            members[("pool", pools[entry_id], need, wants, costs)].append(entry_id)
        else:
            members[("exact", free_of[entry_id], need, wants, costs)].append(entry_id)
    groups = []
    for (_kind, _key, need, (diverse, covered), costs), ids in members.items():
        every = frozenset().union(*(free_of[e] for e in ids))
        # An entry's free jurors are a subset of `every`: same size, same set.
        excluded = {e: every - free_of[e] for e in ids if len(free_of[e]) != len(every)}
        jurors = tuple(sorted(every, key=rank.__getitem__))
        groups.append(
            _Group(
                sorted(ids),
                need,
                jurors,
                excluded,
                min(diverse, need),
                covered,
                dict(costs),
            )
        )
    return groups


def _flow(
    groups: list[_Group],
    order: list,
    base,
    floor: int,
    demand: int,
    country_of: dict,
    capacity: dict,
) -> dict:
    graph = nx.DiGraph()
    graph.add_node("s", demand=-demand)
    graph.add_node("t", demand=demand)
    # A juror's n-th unit of load costs 0 up to the even share (floor), then
    # 1, 4, 9 … (convex): any flow with loads in {floor, floor + 1} is cheaper
    # than every other, so it is found whenever it exists.
    extra = 12
    overflow = (extra + 1) ** 2 * 4
    # A unit nobody can take costs more than any flow that serves it.
    dearest = max((max(g.costs.values(), default=0) for g in groups), default=0)
    unserved = (overflow + dearest) * (demand + 1) + 1
    for number, group in enumerate(groups):
        node, free = ("g", number), ("g", number, "free")
        c = len(group.entries)
        graph.add_edge("s", node, capacity=c * group.need, weight=0)
        graph.add_edge(node, free, capacity=c * (group.need - group.diverse))
        graph.add_edge(free, "t", weight=unserved)
        juror_caps = group.capacities()
        if not group.diverse:
            for juror_id, cap in juror_caps.items():
                if cap > 0:
                    graph.add_edge(
                        free,
                        ("j", juror_id),
                        capacity=cap,
                        weight=group.costs.get(juror_id, 0),
                    )
            continue
        diverse = ("g", number, "diverse")
        graph.add_edge(node, diverse, capacity=c * group.diverse)
        graph.add_edge(diverse, "t", weight=unserved)
        for juror_id, cap in juror_caps.items():
            country = country_of.get(juror_id, NO_COUNTRY)
            via = ("g", number, "c", country)
            if via not in graph:
                graph.add_edge(free, via)
                if country != NO_COUNTRY and country not in group.covered:
                    graph.add_edge(diverse, via, capacity=c)
            if cap > 0:
                graph.add_edge(
                    via,
                    ("j", juror_id),
                    capacity=cap,
                    weight=group.costs.get(juror_id, 0),
                )
    for juror_id in order:
        graph.add_node(("j", juror_id))
        cap = capacity.get(juror_id)
        top = floor + extra if cap is None else min(floor + extra, cap)
        free_share = (floor if cap is None else min(floor, cap)) - base[juror_id]
        if free_share > 0:
            graph.add_edge(("j", juror_id), ("z", juror_id), capacity=free_share)
            graph.add_edge(("z", juror_id), "t", weight=0)
        for level in range(max(floor, base[juror_id]) + 1, top + 1):
            node = ("l", juror_id, level)
            cost = (level - floor) ** 2
            graph.add_edge(("j", juror_id), node, capacity=1, weight=cost)
            graph.add_edge(node, "t", capacity=1, weight=0)
        room = None if cap is None else cap - max(floor + extra, base[juror_id])
        if room is None or room > 0:
            limit = {} if room is None else {"capacity": room}
            graph.add_edge(("j", juror_id), ("o", juror_id), weight=overflow, **limit)
            graph.add_edge(("o", juror_id), "t", weight=0)
    _cost, flow = nx.network_simplex(graph)
    return flow


def _raise_unserved(groups: list[_Group], flow: dict) -> None:
    short = []
    for number, group in enumerate(groups):
        places = flow[("g", number, "free")].get("t", 0)
        countries = flow.get(("g", number, "diverse"), {}).get("t", 0)
        if places or countries:
            short.append((group.entries, countries, places))
    if short:
        raise Unserved(short)


def _sent(number: int, flow: dict) -> Counter:
    """Units the group's node sent to each juror, directly or via a country."""
    sent: Counter = Counter()
    free = flow[("g", number, "free")]
    hops = [free] + [flow[via] for via in free if via[2:3] == ("c",)]
    for out in hops:
        for node, amount in out.items():
            if node[0] == "j" and amount:
                sent[node[1]] += amount
    return sent


def _row(group: _Group, sent: Counter, country_of: dict) -> list[tuple[int, int]]:
    """The group's juror shares in the order _deal cuts them.

    Units are laid out juror by juror; with a diversity rule, by country: first the
    countries that count (not covered yet, known) and take at least c units, then
    the counting ones that take fewer, then the rest. Slot t takes units t, t + c,
    … so a country of ≥ c units reaches every slot, and the small counting ones,
    being contiguous, reach each slot ⌊L/c⌋ or ⌈L/c⌉ times (L their units). The
    flow sent at most c units per country through the diversity edges and c·d in
    all, so B + L/c ≥ d for B big countries: every slot has ≥ d new countries.
    """
    c = len(group.entries)
    shares = [(j, sent.get(j, 0)) for j in group.jurors]
    if not group.diverse:
        return shares
    by_country: dict[str, int] = Counter()
    for juror, units in shares:
        by_country[country_of.get(juror, NO_COUNTRY)] += units

    def place(item):
        country = country_of.get(item[0], NO_COUNTRY)
        counts = country != NO_COUNTRY and country not in group.covered
        tier = (0 if by_country[country] >= c else 1) if counts else 2
        return (tier, country)

    return sorted(shares, key=place)  # stable: ties keep the jurors' order


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
