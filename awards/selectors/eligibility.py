"""What the eligibility rules and the organisers' queue read about entries."""

from django.db.models import QuerySet

from accounts.models import User
from awards import eligibility
from awards.enums import COUNTED_STATES, EntryState
from awards.models import Entry
from awards.selectors.entries import entries_for_staff


def eligibility_queue(*, user: User) -> QuerySet[Entry]:
    """Submitted and ineligible entries awaiting an organiser's decision."""
    return (
        entries_for_staff(user=user)
        .filter(state__in=[EntryState.SUBMITTED, EntryState.INELIGIBLE])
        .prefetch_related("eligibility_overrides")
        .order_by("submitted_at", "pk")
    )


def entry_reasons(entry: Entry) -> list[eligibility.Reason]:
    """The stored failed rules of `entry`, as reasons that render in any language."""
    return [eligibility.Reason.from_json(item) for item in entry.eligibility_reasons]


def eligibility_inputs(
    *, entry: Entry
) -> tuple[eligibility.EntryFacts, eligibility.CategoryRules]:
    """Everything the eligibility rules need about `entry`, read in a few queries."""
    category = entry.category
    award = category.award
    team = [entry.owner, *entry.co_authors.order_by("pk")]
    others = (
        Entry.objects.filter(
            owner_id=entry.owner_id,
            category__award=award,
            state__in=COUNTED_STATES,
        )
        .exclude(pk=entry.pk)
        .count()
    )
    facts = eligibility.EntryFacts(
        country=str(entry.country or ""),
        language=entry.language_id or "",
        published_on=entry.published_on,
        summary=entry.summary,
        attachment_kinds=frozenset(entry.files.values_list("kind", flat=True)),
        team=tuple(
            eligibility.Person(name=str(person), birth_year=person.birth_year)
            for person in team
        ),
        pending_invitations=entry.invitations.filter(accepted_at__isnull=True).count(),
        other_entries_of_entrant=others,
    )
    rules = eligibility.CategoryRules(
        award_year=award.year,
        countries=frozenset(
            str(c.code) for c in (category.countries or award.eligible_countries)
        ),
        published_from=category.published_from,
        published_until=category.published_until,
        max_age=category.max_age,
        languages=frozenset(category.languages.values_list("code", flat=True)),
        allows_teams=category.allows_teams,
        required_attachments=frozenset(category.required_attachments),
        word_limit=category.word_limit,
        max_entries_per_person=award.max_entries_per_person,
    )
    return facts, rules
