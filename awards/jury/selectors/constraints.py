"""Whether a round's assignment constraints hold, entry by entry, as it stands now.

The solver guarantees them when it plans; staff's swaps and later edits (a juror's
new country or capacity) may break them, so the results screen checks what is
written, not what was planned.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from awards.jury.models import Assignment, Round
from awards.jury.selectors.assignment_flow import NO_COUNTRY
from awards.jury.selectors.rounds import entries_for_round


@dataclass
class EntryConstraints:
    """One entry's jurors' countries and each rule's verdict."""

    entry_id: int
    reference: str
    countries: list[str] = field(default_factory=list)  # "" for unknown
    has_enough_jurors: bool = True
    has_enough_countries: bool = True
    has_no_own_country: bool = True
    has_jurors_within_capacity: bool = True

    @property
    def all_hold(self) -> bool:
        return (
            self.has_enough_jurors
            and self.has_enough_countries
            and self.has_no_own_country
            and self.has_jurors_within_capacity
        )


def round_constraint_checks(*, round: Round) -> list[EntryConstraints]:
    """Every entry of the round with its jurors' countries and whether k jurors,
    K countries (K ≥ 2; unknown countries do not count), own-country exclusion
    and each juror's capacity hold. Three queries whatever the round's size."""
    rows = list(
        Assignment.objects.filter(round=round).values_list(
            "entry_id", "juror_id", "juror__max_entries", "juror__user__country"
        )
    )
    loads = Counter(juror_id for _e, juror_id, _cap, _c in rows)
    jurors_of: dict[int, list[tuple]] = defaultdict(list)
    for entry_id, juror_id, cap, country in rows:
        jurors_of[entry_id].append((juror_id, cap, str(country or NO_COUNTRY)))
    k, wanted = round.jurors_per_entry, round.min_juror_countries
    checks = []
    for entry in entries_for_round(round):
        jurors = jurors_of.get(entry.pk, [])
        countries = sorted(country for _j, _cap, country in jurors)
        entry_country = str(entry.country or "")
        checks.append(
            EntryConstraints(
                entry_id=entry.pk,
                reference=str(entry),
                countries=countries,
                has_enough_jurors=len(jurors) >= k,
                has_enough_countries=wanted < 2
                or len(set(countries) - {NO_COUNTRY}) >= wanted,
                has_no_own_country=not round.exclude_own_country
                or not entry_country
                or entry_country not in countries,
                has_jurors_within_capacity=all(
                    cap is None or loads[juror_id] <= cap
                    for juror_id, cap, _country in jurors
                ),
            )
        )
    return checks
