"""Prize certificates: issued when an award's results are published, revoked when
a prize is withdrawn.

Certificates are issued for every prize of an award when its results are made
public, and again when a scheduled publication's time comes (prizes given in
between get theirs then): `certificates_issue` is idempotent, so each call only
fills the gaps. A withdrawn prize gets no certificate, and withdrawing one revokes
the certificate it has; its verification page then says so.
"""

import datetime

import django.dispatch
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from awards import clock
from awards.jury.models import Prize
from awards.jury.services._common import require_organiser
from awards.jury.services.audit import audit_append
from awards.models import Award, Certificate

# Sent (after commit) when a prize is withdrawn; receivers purge public caches.
prize_withdrawn = django.dispatch.Signal()


@transaction.atomic
def certificates_issue(
    *, award: Award, now: datetime.datetime | None = None
) -> list[Certificate]:
    """Give every prize of `award` that has none a certificate; return the new ones.

    Withdrawn prizes get none. A second call issues nothing: one certificate per
    prize is also the database's rule (one-to-one).
    """
    now = now or clock.now()
    prizes = (
        # Only the prizes' rows: PostgreSQL locks no row of an outer join's
        # nullable side (the certificate a prize does not have yet).
        Prize.objects.select_for_update(of=("self",))
        .filter(round__award=award, withdrawn_at__isnull=True)
        .filter(certificate__isnull=True)
        .order_by("pk")
    )
    issued = []
    for prize in prizes:
        certificate = Certificate(prize=prize, issued_at=now)
        certificate.full_clean()
        certificate.save()
        issued.append(certificate)
    return issued


@transaction.atomic
def prize_withdraw(*, prize: Prize, reason: str, actor: User) -> Prize:
    """Withdraw a prize: it leaves every public page, feed and open-data file, and
    its certificate (if issued) is revoked.

    Only organisers of the prize's award; a written reason is required and kept
    with the prize and in the jury audit chain. A prize is withdrawn once: a
    second request is refused. The public page cache is emptied after commit.
    """
    require_organiser(actor, prize.round.award_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the prize is withdrawn."), code="reason")
    prize = Prize.objects.select_for_update().get(pk=prize.pk)
    if prize.withdrawn_at is not None:
        raise ValidationError(
            _("This prize has already been withdrawn."), code="already_withdrawn"
        )
    now = clock.now()
    prize.withdrawn_at = now
    prize.withdrawn_reason = reason
    prize.full_clean()
    prize.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    revoked = Certificate.objects.filter(prize=prize, revoked_at__isnull=True).update(
        revoked_at=now
    )
    audit_append(
        action="prize_withdraw",
        actor=actor,
        round=prize.round,
        data={
            "prize": prize.pk,
            "entry": prize.entry_id,
            "kind": prize.kind,
            "reason": reason,
            "certificate_revoked": bool(revoked),
        },
    )
    award_id = prize.round.award_id
    transaction.on_commit(
        lambda: prize_withdrawn.send(sender=Prize, award_id=award_id, prize_id=prize.pk)
    )
    return prize
