"""Which jurors with unscored entries to remind: automatically shortly before a
round closes, or by hand from the round's Reminders screen."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from awards.jury.enums import RoundState
from awards.jury.models import Juror, ManualReminder, ReminderSent, Round

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


# Organisers remind a juror by hand at most once an hour (services/reminders.py).
MANUAL_GAP = datetime.timedelta(hours=1)


@dataclass
class SlowJuror:
    """An active juror of an open round with assignments not yet submitted."""

    juror: Juror
    assigned: int
    unscored: int
    last_reminded: datetime.datetime | None

    def is_recently_reminded(self, now: datetime.datetime) -> bool:
        return self.last_reminded is not None and self.last_reminded > now - MANUAL_GAP


def slow_jurors(*, round: Round) -> list[SlowJuror]:
    """The round's active jurors with unsubmitted assignments, most behind first,
    each with the last time they were reminded in it (automatically or by hand):
    three queries whatever the size."""
    rows = list(
        Juror.objects.filter(
            assignments__round=round,
            accepted_at__isnull=False,
            removed_at__isnull=True,
        )
        .select_related("user")
        .annotate(
            assigned=Count("assignments", filter=Q(assignments__round=round)),
            unscored=Count(
                "assignments",
                filter=Q(assignments__round=round)
                & ~Q(assignments__sheet__submitted_at__isnull=False),
            ),
        )
        .filter(unscored__gt=0)
        .order_by("-unscored", "email")
    )
    ids = [juror.pk for juror in rows]
    last: dict[int, datetime.datetime] = dict(
        ReminderSent.objects.filter(round=round, juror_id__in=ids).values_list(
            "juror_id", "sent_at"
        )
    )
    for juror_id, sent_at in (
        ManualReminder.objects.filter(round=round, juror_id__in=ids)
        .values("juror_id")
        .annotate(last=Max("sent_at"))
        .values_list("juror_id", "last")
    ):
        if juror_id not in last or sent_at > last[juror_id]:
            last[juror_id] = sent_at
    return [
        SlowJuror(juror, juror.assigned, juror.unscored, last.get(juror.pk))
        for juror in rows
    ]
