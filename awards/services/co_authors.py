"""Co-authors of a draft: named by email, invited, accepted, taken off."""

import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import User
from awards import emails, selectors
from awards.clock import now
from awards.enums import EntryState
from awards.models import CoAuthorInvitation, Entry, EntryCoAuthor
from awards.services._common import lock, require_draft_owner


def _verified_user(email: str) -> User | None:  # the account behind a checked address
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None


@transaction.atomic
def entry_co_author_add(
    *, entry: Entry, actor: User, email: str, notify: bool = True
) -> None:
    """Name a co-author by email: a registered person is added and told by email;
    anyone else receives an invitation link. Both look the same to the entrant, so
    the form does not reveal who has an account. `notify=False` (demo data, imports)
    adds a registered person without an email; an invitation is always sent."""
    entry = lock(entry)
    require_draft_owner(entry, actor)
    email = User.objects.normalize_email(email)
    if email == actor.email.lower():
        raise ValidationError({"email": _("You are the entrant already.")})
    person = _verified_user(email)
    language = get_language() or "en"
    if person is not None:
        if person.pk == entry.owner_id:
            raise ValidationError({"email": _("You are the entrant already.")})
        _link, created = EntryCoAuthor.objects.get_or_create(entry=entry, user=person)
        if created and notify:
            emails.send_co_author_added(entry=entry, user=person, language=language)
        return
    if entry.invitations.filter(email=email).exists():
        return
    token = secrets.token_urlsafe(32)
    invitation = CoAuthorInvitation(
        entry=entry,
        email=email,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        invited_by=actor,
    )
    invitation.full_clean()
    invitation.save()
    emails.send_invitation(invitation=invitation, token=token, language=language)


@transaction.atomic
def entry_co_author_remove(*, entry: Entry, actor: User, user_id: int) -> None:
    """Take a co-author off a draft."""
    entry = lock(entry)
    require_draft_owner(entry, actor)
    EntryCoAuthor.objects.filter(entry=entry, user_id=user_id).delete()


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Entry:
    """Join an entry as co-author through an invitation link, while it is a draft.

    Only the owner of the invited address (verified) may accept, once.
    """
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None or invitation.accepted_at is not None:
        raise ValidationError(_("This invitation is not valid any more."))
    entry = lock(invitation.entry)
    if entry.state != EntryState.DRAFT:
        raise ValidationError(_("This entry has been submitted already."))
    if user.pk == entry.owner_id:
        raise ValidationError(_("You are the entrant already."))
    # A forwarded link must not make someone else a co-author: only the person who
    # owns the invited address, verified, may accept.
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        raise ValidationError(
            _(
                "This invitation was sent to another email address. Sign in with "
                "the address it was sent to, then open the link again."
            )
        )
    EntryCoAuthor.objects.get_or_create(entry=entry, user=user)
    invitation.accepted_by = user
    invitation.accepted_at = now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    return entry
