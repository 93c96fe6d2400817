"""Reads of entries, scoped to who asks: the entrant and co-authors, or the team."""

import hashlib

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import User
from awards.enums import EntryState
from awards.models import CoAuthorInvitation, Entry, EntryCoAuthor, EntryFile
from awards.permissions import can_view_entry, is_awards_staff
from awards.selectors import localized
from awards.selectors.teams import scope_to_team


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
    """The entries `user` owns or co-authors, newest first, with their award's and
    category's translations."""
    if not user.is_authenticated:
        return Entry.objects.none()
    co_authored = EntryCoAuthor.objects.filter(user=user).values("entry_id")
    return (
        _entry_list()
        .filter(Q(owner=user) | Q(pk__in=co_authored))
        .prefetch_related(
            # Award and category names in the entrant's language.
            localized.category_translations("category__"),
            localized.award_translations("category__award__"),
        )
        .order_by("-created_at", "-pk")
    )


def entry_for_user(*, user: User, pk: int) -> Entry:
    """One entry `user` may see, or 404: an existing entry of someone else's is
    indistinguishable from a missing one."""
    entry = (
        Entry.objects.select_related(
            "category__award", "owner", "language", "media_file"
        )
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


def entries_for_staff(*, user: User) -> QuerySet[Entry]:
    """Every entry that is not a draft, of the awards whose team `user` is on."""
    if not is_awards_staff(user):
        return Entry.objects.none()
    return scope_to_team(
        _entry_list().exclude(state=EntryState.DRAFT),
        user=user,
        award_path="category__award",
    )
