"""Reads of awards data, scoped to the person who asks."""

import datetime
import hashlib
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from wagtail.models import ModelLogEntry

from accounts.models import User
from awards import eligibility
from awards.enums import COUNTED_STATES, JUDGED_STATES, EntryState, Standing
from awards.jury.models import Conflict, Criterion, Juror, Round
from awards.models import (
    Award,
    AwardTeamMember,
    AwardUserObjectPermission,
    Category,
    CoAuthorInvitation,
    Entry,
    EntryCoAuthor,
    EntryFile,
    EntryTranslation,
)
from awards.permissions import (
    OBSERVE,
    ORGANISE,
    can_view_entry,
    is_awards_staff,
    is_platform_admin,
)
from awards.public import published_q


def awards_open(*, now: datetime.datetime) -> list[Award]:
    """Awards that take entries at `now` (their deadline includes the grace)."""
    return [award for award in Award.objects.all() if award.is_open(now)]


def award_by_slug(*, slug: str) -> Award:
    """One award or 404."""
    try:
        return Award.objects.get(slug=slug)
    except Award.DoesNotExist as error:
        raise Http404 from error


def categories_for_award(*, award: Award) -> QuerySet[Category]:
    """The award's categories in display order, with their accepted languages."""
    return award.categories.prefetch_related("languages").order_by("position", "name")


def _entry_list() -> QuerySet[Entry]:
    # A correlated subquery, not a JOIN + GROUP BY: it runs only for the rows of the
    # page, and the paginator's COUNT(*) leaves it out.
    files = (
        EntryFile.objects.filter(entry=OuterRef("pk"))
        .order_by()
        .values("entry")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Entry.objects.select_related(
        "category__award", "owner", "language"
    ).annotate(file_count=Coalesce(Subquery(files), 0))


def entries_for_user(*, user: User) -> QuerySet[Entry]:
    """The entries `user` owns or co-authors, newest first."""
    if not user.is_authenticated:
        return Entry.objects.none()
    co_authored = EntryCoAuthor.objects.filter(user=user).values("entry_id")
    return (
        _entry_list()
        .filter(Q(owner=user) | Q(pk__in=co_authored))
        .order_by("-created_at", "-pk")
    )


def standing_of(entry: Entry, *, results_public: bool) -> Standing:
    """What the entrant and co-authors are told: the jury's verdict only once the
    award's results are public, "under review" until then."""
    if entry.state not in JUDGED_STATES:
        return Standing(entry.state)
    if not results_public:
        return Standing.UNDER_REVIEW
    if entry.state == EntryState.ELIGIBLE:
        return Standing.NOT_SELECTED
    return Standing(entry.state)


def with_standing(entries: Iterable[Entry], *, now: datetime.datetime) -> list[Entry]:
    """`entries` as a list, each with `.standing` set for its entrant's eyes (one
    query for all of them)."""
    entries = list(entries)
    public = set(
        Award.objects.filter(
            published_q(now), pk__in={entry.category.award_id for entry in entries}
        ).values_list("pk", flat=True)
    )
    for entry in entries:
        entry.standing = standing_of(
            entry, results_public=entry.category.award_id in public
        )
    return entries


def entry_for_user(*, user: User, pk: int) -> Entry:
    """One entry `user` may see, or 404: an existing entry of someone else's is
    indistinguishable from a missing one."""
    entry = (
        Entry.objects.select_related("category__award", "owner", "language")
        .prefetch_related(
            "co_authors",
            "files",
            Prefetch(
                "invitations",
                queryset=CoAuthorInvitation.objects.filter(accepted_at__isnull=True),
                to_attr="pending_invitations",
            ),
            "eligibility_overrides",
        )
        .filter(pk=pk)
        .first()
    )
    if entry is None or not can_view_entry(
        user, entry, co_author_ids={u.pk for u in entry.co_authors.all()}
    ):
        raise Http404
    return entry


def invitation_by_token(*, token: str) -> CoAuthorInvitation | None:
    """The invitation a link's token opens; only the token's hash is stored."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return (
        CoAuthorInvitation.objects.select_related(
            "entry__category__award", "invited_by"
        )
        .filter(token_hash=digest)
        .first()
    )


def _award_ids(user: User, codename: str) -> QuerySet:
    return AwardUserObjectPermission.objects.filter(
        user=user, permission__codename=codename
    ).values("content_object_id")


def awards_for_team(*, user: User) -> QuerySet[Award]:
    """The awards `user` sees in the admin: those whose team they are on
    (organiser or observer); every award for the platform admin."""
    if is_platform_admin(user):
        return Award.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Award.objects.none()
    return Award.objects.filter(pk__in=_award_ids(user, OBSERVE))


def awards_for_organiser(*, user: User) -> QuerySet[Award]:
    """The awards `user` may change: those they organise; all for the admin."""
    if is_platform_admin(user):
        return Award.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Award.objects.none()
    return Award.objects.filter(pk__in=_award_ids(user, ORGANISE))


# How each model of the awards admin reaches its award: the admin's permission
# policies (awards/wagtail_hooks.py) and the log entries of its objects follow it.
AWARD_PATHS: dict[type[Model], str] = {
    Award: "",
    Category: "award",
    Entry: "category__award",
    Round: "award",
    Criterion: "award",
    Juror: "award",
    Conflict: "juror__award",
    EntryTranslation: "entry__category__award",
}


def scope_to_team(queryset: QuerySet, *, user: User, award_path: str) -> QuerySet:
    """`queryset` cut to the rows of the awards `user` sees; `award_path` leads
    from its model to the award ("" when the model is Award)."""
    if is_platform_admin(user):
        return queryset
    lookup = f"{award_path}__in" if award_path else "pk__in"
    return queryset.filter(**{lookup: awards_for_team(user=user).values("pk")})


def log_entries_for_team(*, user: User) -> QuerySet[ModelLogEntry]:
    """The admin's log entries (Wagtail's ModelLogEntry) of objects of the awards
    whose team `user` is on, for the site history report and its filters.

    Model permissions do not count (Wagtail's own rule): an entry's label is the
    object's title, so another award's entries stay hidden from whoever holds
    them. Entries of deleted objects no longer lead to an award, and so show to
    the platform admin only; the platform admin gets every awards entry.
    """
    if not (user.is_authenticated and user.is_active):
        return ModelLogEntry.objects.none()
    awards = awards_for_team(user=user).values("pk")
    content_types = ContentType.objects.get_for_models(
        *AWARD_PATHS, for_concrete_models=False
    )
    visible = Q(pk__in=[])
    for model, award_path in AWARD_PATHS.items():
        lookup = f"{award_path}__in" if award_path else "pk__in"
        object_ids = (
            model._default_manager.filter(**{lookup: awards})
            .annotate(object_key=Cast("pk", CharField()))
            .values("object_key")
        )
        visible |= Q(content_type=content_types[model], object_id__in=object_ids)
    return ModelLogEntry.objects.filter(visible)


def team_of_award(*, award: Award) -> QuerySet[AwardTeamMember]:
    """The award's organisers and observers, organisers first."""
    return award.team.select_related("user", "added_by").order_by("role", "user__email")


def entries_for_staff(*, user: User) -> QuerySet[Entry]:
    """Every entry that is not a draft, of the awards whose team `user` is on."""
    if not is_awards_staff(user):
        return Entry.objects.none()
    return scope_to_team(
        _entry_list().exclude(state=EntryState.DRAFT),
        user=user,
        award_path="category__award",
    )


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
