"""Jurors: invitation by email, acceptance (MFA required), removal."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import has_mfa
from awards import clock
from awards.jury.models import Assignment, Juror
from awards.jury.permissions import can_accept_invitation
from awards.jury.services._common import assignments_withdraw, require_organiser
from awards.jury.services.audit import audit_append
from awards.jury.services.notify import send_juror_invitation
from awards.models import Award, Category


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def juror_invite(
    *,
    award: Award,
    email: str,
    categories: list[Category],
    actor: User,
    language: str = "en",
    send: bool = True,
) -> tuple[Juror, str]:
    """Invite `email` to the jury of `award`; returns the juror and the secret token.

    The email goes out after commit. `send=False` is for the demo, which emails
    nobody.
    """
    require_organiser(actor, award.pk)
    email = User.objects.normalize_email(email)
    if Juror.objects.filter(award=award, email=email).exists():
        raise ValidationError(_("This address is already invited to the jury."))
    if any(c.award_id != award.pk for c in categories):
        raise ValidationError(_("Choose categories of this award."))
    token = secrets.token_urlsafe(32)
    juror = Juror(
        award=award,
        email=email,
        token_hash=token_hash(token),
        invited_at=clock.now(),
    )
    juror.full_clean()
    juror.save()
    juror.categories.set(categories)
    audit_append(
        action="juror_invite", actor=actor, round=None, data={"juror": juror.pk}
    )
    if send:
        send_juror_invitation(juror=juror, token=token, language=language)
    return juror, token


@transaction.atomic
def juror_accept(*, token: str, user: User) -> Juror:
    """The invited person accepts, logged in with the invited address and MFA on."""
    juror = (
        Juror.objects.select_for_update()
        .filter(token_hash=token_hash(token), removed_at__isnull=True)
        .first()
    )
    if juror is None:
        raise ValidationError(_("This invitation is not valid any more."))
    if not can_accept_invitation(user, juror):
        raise PermissionDenied
    if not has_mfa(user):
        raise ValidationError(
            _(
                "Jurors must use two-factor authentication: set up an authenticator "
                "app first."
            ),
            code="mfa",
        )
    if juror.accepted_at is None:
        juror.user = user
        juror.accepted_at = clock.now()
        juror.full_clean()
        juror.save(update_fields=["user", "accepted_at"])
        audit_append(
            action="juror_accept", actor=user, round=None, data={"juror": juror.pk}
        )
    return juror


@transaction.atomic
def juror_remove(*, juror: Juror, actor: User) -> Juror:
    """Take a juror off the jury. Their sheets stay and are flagged in results;
    their unscored assignments are withdrawn."""
    require_organiser(actor, juror.award_id)
    if juror.removed_at is None:
        juror.removed_at = clock.now()
        juror.save(update_fields=["removed_at"])
        open_ids = list(
            Assignment.objects.filter(juror=juror)
            .exclude(sheet__submitted_at__isnull=False)
            .values_list("pk", flat=True)
        )
        assignments_withdraw(open_ids)
        audit_append(
            action="juror_remove",
            actor=actor,
            round=None,
            data={"juror": juror.pk, "withdrawn_assignments": sorted(open_ids)},
        )
    return juror
