"""Which investigation emails a user wants, and the daily digest's bookkeeping."""

import datetime

from django.db import transaction

from accounts import services as account_services
from accounts.models import User
from investigations import selectors
from investigations.models import NotificationSettings


@transaction.atomic
def notification_settings_update(
    *,
    user: User,
    language: str,
    email_invited: bool,
    email_assigned: bool,
    email_mentioned: bool,
    email_due_digest: bool,
) -> NotificationSettings:
    """Save which investigation emails `user` wants, and in which language.

    The language is the profile's language of emails: every email uses it.
    """
    account_services.user_preferred_language_set(user=user, language=language)
    row = selectors.notification_settings_for(user=user)
    row.language = language
    row.email_invited = email_invited
    row.email_assigned = email_assigned
    row.email_mentioned = email_mentioned
    row.email_due_digest = email_due_digest
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def due_digest_mark_sent(*, user_id: int, today: datetime.date) -> bool:
    """Record today's digest for a user; False when it was recorded already."""
    row, _created = NotificationSettings.objects.select_for_update().get_or_create(
        user_id=user_id
    )
    if row.due_digest_sent_on == today:
        return False
    row.due_digest_sent_on = today
    row.save(update_fields=["due_digest_sent_on"])
    return True
