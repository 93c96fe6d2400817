"""Drawing a prize certificate as a PDF (WeasyPrint), with its QR code (segno).

One A4 landscape page from templates/awards/certificate.html: the text in the
language of emails of the entry's owner (`accounts.selectors.language_for`, as the
results email picks it) beside the same text in English (English alone when that
is the winner's language), the prize, award, category, work and authors, the
signatory, and a QR code to the public verification page, which is also a link.

WeasyPrint fetches nothing from the network: the only resource it may load is the
award's logo, read from storage (`StorageOnlyFetcher`).
"""

import mimetypes

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from accounts.selectors import language_for
from awards.models import Certificate
from awards.selectors.public import authors_of

LOGO_FILTER = "max-600x240"
LOGO_URL = "qalam-storage:logo"


class StorageOnlyFetcher(URLFetcher):
    """Serves WeasyPrint the files it is given (from storage) and nothing else:
    no http(s), no file:, no data: URLs, whatever a template or text asks for."""

    def __init__(self, files: dict, **kwargs):
        super().__init__(**kwargs)
        self._files = files

    def fetch(self, url, headers=None):
        field_file = self._files.get(url)
        if field_file is None:
            raise ValueError(f"a certificate loads nothing from {url!r}")
        with field_file.storage.open(field_file.name, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(field_file.name)[0]
        return URLFetcherResponse(
            url, body=body, headers={"Content-Type": content_type or ""}
        )


def verification_url(code: str) -> str:
    """The absolute address of a certificate's public page (the site's default
    language: its language switcher leads to the others)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificate_verify", kwargs={"code": code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def certificate_languages(certificate: Certificate) -> list[str]:
    """The winner's language, then English; English once if that is theirs."""
    winner = language_for(certificate.prize.entry.owner)
    return list(dict.fromkeys([winner, "en"]))


def certificate_filename(certificate: Certificate) -> str:
    award = certificate.prize.round.award
    return f"certificate-{award.slug}-{certificate.code}.pdf"


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
        "issued_on": timezone.localtime(certificate.issued_at, award.zone).date(),
        "revoked_on": (
            timezone.localtime(certificate.revoked_at, award.zone).date()
            if certificate.revoked_at
            else None
        ),
    }


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF bytes."""
    award = certificate.prize.round.award
    url = verification_url(certificate.code)
    files = {}
    logo_url = ""
    if award.certificate_logo is not None:
        files[LOGO_URL] = award.certificate_logo.get_rendition(LOGO_FILTER).file
        logo_url = LOGO_URL
    html = render_to_string(
        "awards/certificate.html",
        {
            **certificate_facts(certificate),
            "languages": certificate_languages(certificate),
            "logo_url": logo_url,
            "verification_url": url,
            "qr_svg": segno.make(url, error="m").svg_inline(omitsize=True, border=0),
        },
    )
    return HTML(string=html, url_fetcher=StorageOnlyFetcher(files)).write_pdf()
