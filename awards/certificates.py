"""What a prize certificate says, in which languages, where it is checked and what
its file is called: shared by its PDF (awards/certificate_pdf.py) and its public
verification page.

The certificate is written in the language of emails of the entry's owner
(`accounts.selectors.language_for`, as the results email picks it) beside English,
or in English alone when that is the winner's language.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts.selectors import language_for
from awards.emails import absolute
from awards.models import Certificate
from awards.selectors.public import authors_of


def verification_url(code: str) -> str:
    """The absolute address of a certificate's public page (the site's default
    language: its language switcher leads to the others)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificate_verify", kwargs={"code": code})
    return absolute(path)


def certificate_languages(certificate: Certificate) -> list[str]:
    """The winner's language, then English; English once if that is theirs."""
    winner = language_for(certificate.prize.entry.owner)
    return list(dict.fromkeys([winner, "en"]))


def certificate_filename(certificate: Certificate) -> str:
    award = certificate.prize.round.award
    return f"certificate-{award.slug}-{certificate.code}.pdf"


def certified_at(certificate: Certificate) -> datetime.datetime:
    """The moment a certificate speaks of: its award's results going public
    (certificates of a scheduled publication are issued when it is scheduled, to
    print for the ceremony), or its issue if that came later."""
    publication = getattr(certificate.prize.round.award, "results_publication", None)
    if publication is None:
        return certificate.issued_at
    return max(certificate.issued_at, publication.publish_at)


def certificate_facts(certificate: Certificate) -> dict:
    """What a certificate states (its PDF and its verification page show these)."""
    prize = certificate.prize
    award = prize.round.award
    entry = prize.entry
    return {
        "certificate": certificate,
        "prize": prize,
        "award": award,
        "entry": entry,
        "category": entry.category,
        "authors": authors_of(entry),
        "issued_on": timezone.localtime(certified_at(certificate), award.zone).date(),
        "revoked_on": (
            timezone.localtime(certificate.revoked_at, award.zone).date()
            if certificate.revoked_at
            else None
        ),
    }
