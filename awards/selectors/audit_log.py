"""Audit trails: the admin's log entries of an award team's objects, and the
check that the jury audit chain still reaches the heads publications recorded
(the head the public reads is in selectors/public.py)."""

import dataclasses
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry

from accounts.models import User
from awards.jury.selectors import audit
from awards.models import ResultsPublication
from awards.selectors.teams import AWARD_PATHS, awards_for_team


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


@dataclasses.dataclass(frozen=True)
class HeadMismatch:
    """A publication whose recorded head the audit chain no longer reaches."""

    publication_id: int
    award: str  # slug
    publish_at: datetime.datetime
    sequence: int
    expected: str
    found: str | None  # None: the chain has no record at `sequence` any more

    def __str__(self) -> str:
        where = (
            f"Results publication {self.publication_id} of award {self.award} "
            f"(public from {self.publish_at.isoformat()})"
        )
        if self.found is None:
            return (
                f"{where} recorded head {self.expected} at record {self.sequence}, "
                "but that record is missing"
            )
        return (
            f"{where} recorded head {self.expected} at record {self.sequence}, "
            f"but the chain now gives {self.found}"
        )


def published_heads_verify() -> list[HeadMismatch]:
    """Every publication whose stored head differs from the chain recomputed today.

    Compares each head with the recomputed hash at its own position, not with the
    current head, so records appended after a publication never make it fail.
    """
    publications = list(
        ResultsPublication.objects.filter(audit_sequence__isnull=False)
        .select_related("award")
        .order_by("audit_sequence", "pk")
    )
    hashes = audit.chain_hashes(p.audit_sequence for p in publications)
    mismatches = []
    for publication in publications:
        found = hashes.get(publication.audit_sequence)
        if found != publication.audit_head:
            mismatches.append(
                HeadMismatch(
                    publication_id=publication.pk,
                    award=publication.award.slug,
                    publish_at=publication.publish_at,
                    sequence=publication.audit_sequence,
                    expected=publication.audit_head,
                    found=found,
                )
            )
    return mismatches
