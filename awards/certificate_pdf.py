"""Drawing a prize certificate as a PDF (WeasyPrint), with its QR code (segno).

One A4 landscape page from templates/awards/certificate.html: the winner's
language beside English (awards/certificates.py says which), the prize, award,
category, work and authors, the signatory, and a QR code to the public
verification page, which is also a link (a link annotation in the PDF).

WeasyPrint fetches nothing from the network: the only resource it may load is the
award's logo, read from storage (`StorageOnlyFetcher`). Imported only when a PDF
is drawn: WeasyPrint takes a third of a second to import.
"""

import mimetypes

import segno
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from awards.certificates import (
    certificate_facts,
    certificate_languages,
    verification_url,
)
from awards.models import Certificate

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
