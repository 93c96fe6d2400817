"""Reads of prize certificates: the public verification, the PDF's readers, and
the organisers' list of an award's prizes.

Who may have a certificate's PDF: the entrant and co-authors of its entry once the
award's results are public, and the award's organisers (and the platform admin).
Everyone else, like anyone asking about a missing code, gets a 404.
"""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from awards import clock
from awards.jury.models import Prize
from awards.models import Award, Certificate, EntryCoAuthor
from awards.permissions import can_organise_award, is_owner
from awards.selectors import localized
from awards.selectors.public import PRIZE_ORDER, published_q
from awards.selectors.teams import awards_for_organiser


def _certificates() -> QuerySet[Certificate]:
    return Certificate.objects.select_related(
        "prize__round__award__results_publication",
        "prize__round__award__certificate_logo",
        "prize__entry__category__award",
        "prize__entry__owner",
    ).prefetch_related(
        "prize__entry__co_authors",
        localized.award_translations("prize__round__award__"),
        localized.category_translations("prize__entry__category__"),
    )


def certificate_for_verification(
    *, code: str, now: datetime.datetime | None = None
) -> Certificate | None:
    """The certificate `code` names, as anyone may check it: None for an unknown
    code and, until its award's results are public, for a real one (no leak).

    A revoked certificate is returned: its page says it was revoked.
    """
    now = now or clock.now()
    return (
        _certificates()
        .filter(published_q(now, "prize__round__award__"), code=code)
        .first()
    )


def certificate_for_download(
    *, user: User, code: str, now: datetime.datetime | None = None
) -> Certificate:
    """The certificate `code` names, if `user` may download its PDF; else 404.

    Organisers of its award may, from its issue; the entrant and co-authors of its
    entry once the results are public. A revoked certificate is no one's.
    """
    now = now or clock.now()
    certificate = _certificates().filter(code=code, revoked_at__isnull=True).first()
    if certificate is None or not user.is_authenticated:
        raise Http404
    prize = certificate.prize
    if can_organise_award(user, prize.round.award_id):
        return certificate
    is_author = is_owner(user, prize.entry) or user.pk in {
        person.pk for person in prize.entry.co_authors.all()
    }
    is_public = Award.objects.filter(published_q(now), pk=prize.round.award_id).exists()
    if not (is_author and is_public):
        raise Http404
    return certificate


def certificates_for_author(
    *, user: User, entry_id: int, now: datetime.datetime | None = None
) -> list[Certificate]:
    """The certificates of an entry `user` owns or co-authors, once its award's
    results are public: the entry page's download links, and the revoked ones
    (their prize withdrawn) said so."""
    if not user.is_authenticated:
        return []
    now = now or clock.now()
    co_authored = EntryCoAuthor.objects.filter(user=user).values("entry_id")
    return list(
        Certificate.objects.select_related("prize")
        .filter(
            published_q(now, "prize__round__award__"),
            Q(prize__entry__owner=user) | Q(prize__entry_id__in=co_authored),
            prize__entry_id=entry_id,
        )
        .order_by("prize__kind", "code")
    )


def award_for_organiser(*, user: User, award_id: int) -> Award:
    """An award `user` organises, or 404."""
    award = awards_for_organiser(user=user).filter(pk=award_id).first()
    if award is None:
        raise Http404
    return award


def prizes_of_award(*, award: Award) -> list[Prize]:
    """Every prize of `award` with its certificate (if issued), withdrawn ones
    too, for its organisers: by category, then winners, special mentions and
    finalists (as the public pages order them), then title."""
    prizes = (
        Prize.objects.filter(round__award=award)
        .select_related("entry__category", "entry__owner", "certificate")
        .order_by("entry__category__position", "entry__category__name", "pk")
    )
    return sorted(
        prizes,
        key=lambda prize: (
            prize.entry.category.position,
            prize.entry.category.name,
            PRIZE_ORDER.index(prize.kind),
            prize.entry.title,
        ),
    )


def prize_for_organiser(*, user: User, pk: int) -> Prize:
    """A prize of an award `user` organises, or 404."""
    prize = (
        Prize.objects.select_related("round__award", "entry__category", "entry__owner")
        .filter(pk=pk, round__award__in=awards_for_organiser(user=user))
        .first()
    )
    if prize is None:
        raise Http404
    return prize
