"""Conflicts of interest: a juror's or staff's declaration, and a juror's declared
relations (detection: selectors/conflicts.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.enums import ConflictSource
from awards.jury.models import Assignment, Conflict, Juror
from awards.jury.services._common import assignments_withdraw
from awards.jury.services.audit import audit_append
from awards.models import Entry
from awards.permissions import can_organise_award


@transaction.atomic
def conflict_declare(
    *, juror: Juror, entry: Entry, reason: str, actor: User
) -> Conflict:
    """The juror (about themselves) or staff record a conflict.

    The juror's unsubmitted assignments to the entry are withdrawn at once, so
    the entry disappears from their list; staff re-run the assignment to fill it.
    """
    if actor.pk == juror.user_id:
        source = ConflictSource.DECLARED
    elif can_organise_award(actor, juror.award_id):
        source = ConflictSource.STAFF
    else:
        raise PermissionDenied
    if entry.category.award_id != juror.award_id:
        raise ValidationError(_("This entry is not in the juror's award."))
    conflict = Conflict(
        juror=juror, entry=entry, source=source, reason=reason.strip(), created_by=actor
    )
    try:
        conflict.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict or "juror" in error.message_dict:
            raise ValidationError(
                _("A conflict with this entry is already recorded.")
            ) from error
        raise
    conflict.save()
    dropped = list(
        Assignment.objects.filter(
            juror=juror, entry=entry, sheet__submitted_at__isnull=True
        ).values_list("pk", "round_id")
    ) + list(
        Assignment.objects.filter(
            juror=juror, entry=entry, sheet__isnull=True
        ).values_list("pk", "round_id")
    )
    ids = [pk for pk, _round in dropped]
    assignments_withdraw(ids)
    audit_append(
        action="conflict",
        actor=actor,
        round=None,
        data={
            "juror": juror.pk,
            "entry": entry.pk,
            "source": source,
            "withdrawn_assignments": sorted(ids),
        },
    )
    return conflict


@transaction.atomic
def relation_declare(*, user: User, email: str) -> int:
    """A juror names a person close to them (family, partner, employer): on every
    jury they sit on, that person's entries (as entrant or co-author) become
    conflicts, and unsubmitted assignments to them are withdrawn at once.

    Returns how many jury seats recorded the relation.
    """
    from allauth.account.models import EmailAddress

    email = User.objects.normalize_email(email)
    person = (
        User.objects.filter(email=email).first()
        or User.objects.filter(
            pk__in=EmailAddress.objects.filter(
                email__iexact=email, verified=True
            ).values("user_id")
        ).first()
    )
    if person is None:
        raise ValidationError(
            _(
                "No Qalam account uses this address. If this person enters later, "
                "tell the organisers."
            )
        )
    if person.pk == user.pk:
        raise ValidationError(_("Your own entries are excluded already."))
    seats = list(
        Juror.objects.filter(
            user=user, accepted_at__isnull=False, removed_at__isnull=True
        )
    )
    if not seats:
        raise PermissionDenied
    for juror in seats:
        juror.related_people.add(person)
        ids = list(
            Assignment.objects.filter(juror=juror)
            .filter(Q(entry__owner=person) | Q(entry__co_authors=person))
            .exclude(sheet__submitted_at__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )
        assignments_withdraw(ids)
        audit_append(
            action="relation",
            actor=user,
            round=None,
            data={
                "juror": juror.pk,
                "person": person.pk,
                "withdrawn_assignments": sorted(ids),
            },
        )
    return len(seats)
