"""Conflicts of interest: declared ones and the ones we detect.

A juror is conflicted on an entry when they declared it (or staff added it), when
it is their own or co-authored entry, when they work for the same outlet (compared
by normalised name), or when its entrant or a co-author is someone the juror has
declared a relation with.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury import audit
from awards.jury.enums import ConflictSource
from awards.jury.models import Assignment, Conflict, Juror, ScoreSheet
from awards.models import Entry, EntryCoAuthor
from awards.permissions import can_organise_award

_TLD = re.compile(r"\.(kz|kg|uz|tj|tm|ru|com|org|net|info|news|media)$")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_outlet(name: str) -> str:
    """'The Kloop.kg ' and 'kloop' are one outlet: case, accents, punctuation,
    a leading 'the' and a trailing country or generic domain are ignored."""
    text = unicodedata.normalize("NFKD", name or "").casefold().strip()
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _TLD.sub("", text)
    text = re.sub(r"^the\s+", "", text)
    return _NOT_WORD.sub("", text)


def conflict_map(
    *, jurors: Iterable[Juror], entries: Iterable[Entry]
) -> dict[tuple[int, int], str]:
    """Every (juror id, entry id) pair in conflict, with its source.

    Four queries whatever the sizes: declared conflicts, co-authors, relations,
    and the jurors' users.
    """
    jurors = list(jurors)
    entries = list(entries)
    juror_ids = [j.pk for j in jurors]
    entry_ids = [e.pk for e in entries]
    found: dict[tuple[int, int], str] = {}
    for juror_id, entry_id, source in Conflict.objects.filter(
        juror_id__in=juror_ids, entry_id__in=entry_ids
    ).values_list("juror_id", "entry_id", "source"):
        found[(juror_id, entry_id)] = source
    people: dict[int, set[int]] = defaultdict(set)  # entry -> owner and co-authors
    for entry in entries:
        people[entry.pk].add(entry.owner_id)
    for entry_id, user_id in EntryCoAuthor.objects.filter(
        entry_id__in=entry_ids
    ).values_list("entry_id", "user_id"):
        people[entry_id].add(user_id)
    relations: dict[int, set[int]] = defaultdict(set)
    for juror_id, user_id in Juror.related_people.through.objects.filter(
        juror_id__in=juror_ids
    ).values_list("juror_id", "user_id"):
        relations[juror_id].add(user_id)
    users = {
        u.pk: u
        for u in User.objects.filter(
            pk__in=[j.user_id for j in jurors if j.user_id]
        ).only("pk", "outlet")
    }
    by_outlet: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        key = normalise_outlet(entry.outlet)
        if key:
            by_outlet[key].append(entry)
    for juror in jurors:
        user = users.get(juror.user_id)
        if user is not None:
            for entry in by_outlet.get(normalise_outlet(user.outlet), ()):
                found.setdefault((juror.pk, entry.pk), ConflictSource.OUTLET)
        for entry in entries:
            names = people[entry.pk]
            if juror.user_id in names:
                found[(juror.pk, entry.pk)] = ConflictSource.OWN
            elif relations[juror.pk] & names:
                found.setdefault((juror.pk, entry.pk), ConflictSource.RELATION)
    return found


def has_conflict(juror: Juror, entry: Entry) -> bool:
    """Whether `juror` must not see `entry`."""
    return bool(conflict_map(jurors=[juror], entries=[entry]))


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
    ScoreSheet.objects.filter(assignment_id__in=ids).delete()
    Assignment.objects.filter(pk__in=ids).delete()
    audit.audit_append(
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
        ScoreSheet.objects.filter(assignment_id__in=ids).delete()
        Assignment.objects.filter(pk__in=ids).delete()
        audit.audit_append(
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
