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

The round's constraints are hard, never costs: a juror's `max_entries` caps their
load; with `exclude_own_country` no juror judges an entry published in their own
country (only when both countries are known); with `min_juror_countries` K ≥ 2 an
entry's jurors come from at least K countries, and a juror without a country (the
user's profile has none) never counts towards K. K = 1, the default, asks nothing.
How the flow models them exactly is in assignment_flow.py. Jurors' bids (rounds
that are not blind, selectors/bids.py) are costs: they pick among the assignments
that meet every rule, never break one.

Re-running keeps the assignments that have a submitted sheet; they count towards
the entry's k, its countries and the juror's load. If any entry cannot be served,
the plan names each such entry and the constraint that failed, and the service
(services/assignment.py) writes nothing. The solver (`solve`) is pure: plain ids
in, pairs out.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.models import Assignment, Juror, Round
from awards.jury.selectors.assignment_flow import NO_COUNTRY, Unserved, solve
from awards.jury.selectors.bids import preference_costs
from awards.jury.selectors.conflicts import conflict_map
from awards.jury.selectors.rounds import entries_for_round

__all__ = ["AssignmentPlan", "Shortfall", "plan", "solve"]


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


def plan(*, round: Round, seed: int = 0) -> AssignmentPlan:
    """Work out an assignment for `round` without writing anything."""
    entries = list(entries_for_round(round))
    jurors = list(
        Juror.objects.filter(
            award_id=round.award_id, accepted_at__isnull=False, removed_at__isnull=True
        )
        .select_related("user")
        .order_by("pk")
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
    wanted = round.min_juror_countries if round.min_juror_countries >= 2 else 1
    country_of = {j.pk: str(j.user.country or NO_COUNTRY) for j in jurors}
    kept_of: dict[int, set[int]] = defaultdict(set)
    for entry_id, juror_id in kept:
        kept_of[entry_id].add(juror_id)
    barred: dict[int, set[int]] = defaultdict(set)
    for juror_id, entry_id in conflicts:
        barred[entry_id].add(juror_id)
    # Who reads a language and judges a category is worked out once per pair, not
    # once per entry: 30,000 entries × 300 jurors would be nine million checks.
    pools: dict[tuple, tuple[list[Juror], list[int], list[int]]] = {}
    eligible: dict[int, list[int]] = {}
    pool_of: dict[int, tuple] = {}
    result = AssignmentPlan(kept=kept)
    for entry in entries:
        country = str(entry.country or "") if round.exclude_own_country else ""
        key = (entry.language_id, entry.category_id, country)
        if key not in pools:
            readers = [j for j in jurors if entry.language_id in reads[j.pk]]
            judging = [
                j.pk
                for j in readers
                if not judges[j.pk] or entry.category_id in judges[j.pk]
            ]
            foreign = [j for j in judging if not country or country_of[j] != country]
            pools[key] = (readers, judging, foreign)
        readers, judging, foreign = pools[key]
        conflicted = barred.get(entry.pk)
        free = [j for j in foreign if j not in conflicted] if conflicted else foreign
        eligible[entry.pk] = free
        pool_of[entry.pk] = key
        reason = _entry_reason(
            k=k,
            wanted=wanted,
            readers=readers,
            judging=judging,
            foreign=foreign,
            free=free,
            kept=kept_of.get(entry.pk, set()),
            country_of=country_of,
            language=entry.language_id,
        )
        if reason:
            result.shortfalls.append(
                Shortfall(entry.pk, str(entry), k, len(free), reason)
            )
    if result.shortfalls or not jurors:
        return result
    try:
        result.pairs, result.loads = solve(
            entries=[(e.pk, str(e)) for e in entries],
            jurors=[j.pk for j in jurors],
            eligible=eligible,
            k=k,
            kept=kept,
            seed=seed,
            pools=pool_of,
            countries=country_of,
            min_countries=wanted,
            capacity={j.pk: j.max_entries for j in jurors},
            preference=preference_costs(
                round=round, entries=entries, eligible=eligible
            ),
        )
    except Unserved as unserved:
        result.shortfalls = _capacity_shortfalls(unserved, entries, eligible, k)
    return result


def _entry_reason(
    *,
    k: int,
    wanted: int,
    readers: list,
    judging: list[int],
    foreign: list[int],
    free: list[int],
    kept: set[int],
    country_of: dict[int, str],
    language: str,
) -> str:
    """Why this entry alone cannot be served, naming the first rule that fails;
    "" if it can (k distinct jurors, K countries with the kept ones)."""
    if len(set(free) | kept) < k:
        if len(readers) < k:
            return _("only %(n)s jurors read %(language)s") % {
                "n": len(readers),
                "language": language,
            }
        if len(judging) < k:
            return _("only %(n)s jurors who read it judge its category") % {
                "n": len(judging)
            }
        if len(foreign) < k:
            return _("own-country exclusion leaves %(n)s eligible jurors") % {
                "n": len(foreign)
            }
        return _(
            "%(conflicted)s of the %(n)s jurors who could judge it have a conflict"
        ) % {"conflicted": len(foreign) - len(free), "n": len(foreign)}
    if wanted >= 2:
        known = {country_of[j] for j in [*free, *kept]} - {NO_COUNTRY}
        if len(known) < wanted:
            return _("only %(n)s juror countries are eligible (needs %(wanted)s)") % {
                "n": len(known),
                "wanted": wanted,
            }
    return ""


def _capacity_shortfalls(
    unserved: Unserved, entries: list, eligible: dict[int, list[int]], k: int
) -> list[Shortfall]:
    """Each entry of a group the flow could not serve, with the rule that failed:
    every entry could be served alone, so it is the jurors' capacities."""
    label = {e.pk: str(e) for e in entries}
    shortfalls = []
    for group, countries, places in unserved.groups:
        if countries:
            reason = _(
                "jurors from enough countries have no capacity left "
                "(%(n)s places short among %(entries)s entries with the same jurors)"
            ) % {"n": countries + places, "entries": len(group)}
        else:
            reason = _(
                "jurors' capacities are full "
                "(%(n)s places short among %(entries)s entries with the same jurors)"
            ) % {"n": places, "entries": len(group)}
        shortfalls.extend(
            Shortfall(e, label[e], k, len(eligible[e]), reason) for e in group
        )
    return shortfalls
