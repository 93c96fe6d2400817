"""Invitations by email: signed single-use links, accepted with two-factor on."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import has_mfa
from investigations import permissions, selectors
from investigations.enums import ActivityVerb
from investigations.models import Investigation, Invitation, Membership
from investigations.services._common import enqueue, record_event
from investigations.services.memberships import member_joined_record, membership_create

INVITATION_SALT = "investigations.invitation"
INVITATION_DAYS = 7


def _nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    investigation: Investigation,
    email: str,
    role: str,
    language: str = settings.LANGUAGE_CODE,
    access_until: datetime.datetime | None = None,
) -> tuple[Invitation, str]:
    """Invite `email` with `role`; returns the invitation and its secret link token.

    The token is signed and expires; only a hash of its nonce is stored, so the
    database alone cannot produce a working link. One pending invitation per
    address; people who are members already cannot be invited again. With
    `access_until` the membership it creates is a guest's and ends then.
    """
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.MANAGE_MEMBERS
    )
    email = User.objects.normalize_email(email)
    if Membership.objects.filter(
        investigation=investigation, user__email__iexact=email
    ).exists():
        raise ValidationError({"email": _("This person is a member already.")})
    if Invitation.objects.filter(
        investigation=investigation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError(
            {"email": _("An invitation to this address is pending already.")}
        )
    if access_until is not None and access_until <= timezone.now():
        raise ValidationError(
            {"access_until": _("Guest access must end in the future.")}
        )
    nonce = secrets.token_urlsafe(32)
    invitation = Invitation(
        access_until=access_until,
        investigation=investigation,
        email=email,
        role=role,
        language=language,
        nonce_hash=_nonce_hash(nonce),
        invited_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    token = signing.dumps({"i": invitation.pk, "n": nonce}, salt=INVITATION_SALT)
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_INVITED,
        subject=f"{email} ({invitation.get_role_display()})",
    )
    enqueue("notify_invited", invitation.pk, token)
    return invitation, token


def invitation_from_token(*, token: str) -> Invitation:
    """The invitation a link token stands for; ValidationError says why not usable."""
    try:
        data = signing.loads(
            token,
            salt=INVITATION_SALT,
            max_age=datetime.timedelta(days=INVITATION_DAYS),
        )
    except signing.SignatureExpired as error:
        raise ValidationError(
            _(
                "This invitation has expired. "
                "Ask the investigation's lead for a new one."
            )
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid.")) from error
    invitation = (
        Invitation.objects.select_related("investigation")
        .filter(pk=data.get("i"), nonce_hash=_nonce_hash(str(data.get("n"))))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been used already."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _(
                "This invitation has expired. "
                "Ask the investigation's lead for a new one."
            )
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *, user: User, token: str, language: str = settings.LANGUAGE_CODE
) -> Membership:
    """Join the investigation an invitation is for.

    Single use; needs a verified account for the invited address with two-factor
    authentication (TOTP) turned on.
    """
    invitation = invitation_from_token(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation has been used already."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _(
                "This invitation was sent to another email address. "
                "Sign in as %(email)s."
            )
            % {"email": invitation.email}
        )
    if not has_mfa(user):
        raise ValidationError(
            _("Turn on two-factor authentication before you join an investigation.")
        )
    investigation = invitation.investigation
    if investigation.is_archived:
        raise ValidationError(_("This investigation is archived."))
    if Membership.objects.filter(investigation=investigation, user=user).exists():
        raise ValidationError(_("You are a member already."))
    membership = membership_create(
        investigation=investigation,
        user=user,
        role=invitation.role,
        invited_by=invitation.invited_by,
        expires_at=invitation.access_until,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    settings_row = selectors.notification_settings_for(user=user)
    if settings_row.pk is None:
        settings_row.language = language
        settings_row.full_clean()
        settings_row.save()
    member_joined_record(actor=user, membership=membership)
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation (leads); its link stops working."""
    selectors.access_required(
        user=actor,
        investigation=invitation.investigation,
        codename=permissions.MANAGE_MEMBERS,
    )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation is no longer pending."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record_event(
        investigation=invitation.investigation,
        actor=actor,
        verb=ActivityVerb.INVITATION_REVOKED,
        subject=invitation.email,
    )
    return invitation
