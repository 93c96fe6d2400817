"""Jurors: who sits on an award's jury."""

from accounts.models import User
from awards.jury.models import Juror


def active_juror_for(*, user: User, award_id: int) -> Juror | None:
    if not user.is_authenticated:
        return None
    return Juror.objects.filter(
        award_id=award_id,
        user=user,
        accepted_at__isnull=False,
        removed_at__isnull=True,
    ).first()
