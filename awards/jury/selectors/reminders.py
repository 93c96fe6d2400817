"""Which jurors with unscored entries to remind shortly before a round closes."""

import datetime

from django.db.models import Count, Q

from awards.jury.enums import RoundState
from awards.jury.models import Juror, ReminderSent, Round

WINDOW = datetime.timedelta(hours=48)


def reminders_due(*, now: datetime.datetime) -> list[tuple[int, int, int]]:
    """(round id, juror id, unscored count) for open rounds closing within 48 hours,
    for jurors not yet reminded in that round."""
    rounds = Round.objects.filter(
        state=RoundState.OPEN, closes_at__gt=now, closes_at__lte=now + WINDOW
    )
    due = []
    for round_ in rounds:
        reminded = ReminderSent.objects.filter(round=round_).values("juror_id")
        rows = (
            Juror.objects.filter(
                assignments__round=round_,
                accepted_at__isnull=False,
                removed_at__isnull=True,
            )
            .exclude(pk__in=reminded)
            .annotate(
                unscored=Count(
                    "assignments",
                    filter=Q(assignments__round=round_)
                    & ~Q(assignments__sheet__submitted_at__isnull=False),
                )
            )
            .filter(unscored__gt=0)
            .values_list("pk", "unscored")
        )
        due.extend((round_.pk, juror_id, unscored) for juror_id, unscored in rows)
    return due
