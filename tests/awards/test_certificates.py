"""Prize certificates: issued when results are published, a bilingual PDF with a
QR code for the entry's authors and the award's organisers only, a public
verification page (valid, unknown, revoked, embargoed), and withdrawing a prize.

Real HTTP through Django's test client and real WeasyPrint; the PDF is read back
with pdfminer.six (text) and pypdf (link annotations).
"""

import datetime
import io
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from pdfminer.high_level import extract_text
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images.models import Image

from awards import services
from awards.certificate_pdf import StorageOnlyFetcher, certificate_pdf
from awards.certificates import certificate_facts
from awards.jury.models import AuditRecord, Prize
from awards.models import Award, Certificate, EntryCoAuthor, ResultsPublication
from tests.cms.helpers import award_with_prizes, public_pages, staff_user
from tests.factories import (
    EligibleEntryFactory,
    JurorFactory,
    PrizeFactory,
    UserFactory,
    on_team,
)

pytestmark = pytest.mark.shared_site


def make_module_data(home_page):
    """Award cert-2025 (published, one winner with a co-author, the owner reading
    Russian) and award later-2026 (publication scheduled in ten days), with an
    organiser of each, a juror and another entrant of cert-2025."""
    admin = staff_user()
    award, category, _round, (prize,) = award_with_prizes(
        1,
        slug="cert-2025",
        title="Central Asian Journalism Awards 2025",
        certificate_signatory_name="Dina Seitova",
        certificate_signatory_role="Chair of the jury",
    )
    entry = prize.entry
    entry.title = "Coal dust over the miners' town"
    entry.save(update_fields=["title"])
    owner = entry.owner
    owner.display_name = "Айгерим Ахметова"
    owner.preferred_language = "ru"
    owner.save(update_fields=["display_name", "preferred_language"])
    co_author = UserFactory(display_name="Bakyt Osmonov")
    EntryCoAuthor.objects.create(entry=entry, user=co_author)
    public_pages(home_page, award)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.results_publish(award=award, actor=admin)

    later, _category, _round, (later_prize,) = award_with_prizes(
        1, slug="later-2026", year=2026
    )
    services.results_publish(
        award=later,
        actor=admin,
        publish_at=timezone.now() + datetime.timedelta(days=10),
    )
    return {
        "award": award,
        "prize": prize,
        "entry": entry,
        "owner": owner,
        "co_author": co_author,
        "organiser": on_team(award),
        "juror": JurorFactory(award=award).user,
        "other_entrant": EligibleEntryFactory(category=category).owner,
        "later": later,
        "later_prize": later_prize,
        "later_organiser": on_team(later),
    }


@pytest.fixture
def data(module_data):
    return module_data


def code_of(prize: Prize) -> str:
    return Certificate.objects.get(prize=prize).code


def pdf_url(code: str) -> str:
    return f"/awards/certificates/{code}/pdf/"


RUSSIAN_MONTHS = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split()


def local_date(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def link_uris(pdf: bytes) -> list[str]:
    uris = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


# --- issuing --------------------------------------------------------------------------


def test_publishing_issues_one_certificate_per_prize_and_issuing_again_adds_none(data):
    certificate = Certificate.objects.get(prize=data["prize"])
    publication = data["award"].results_publication
    assert certificate.issued_at == publication.publish_at
    assert len(certificate.code) == 16 and certificate.code.isalnum()
    assert certificate.revoked_at is None
    assert services.certificates_issue(award=data["award"]) == []
    assert Certificate.objects.filter(prize__round__award=data["award"]).count() == 1


def test_a_scheduled_publication_issues_certificates_for_the_organisers(data):
    assert Certificate.objects.filter(prize=data["later_prize"]).count() == 1


def test_accent_colour_must_be_hex(data):
    award = data["award"]
    award.certificate_accent = "red"
    with pytest.raises(ValidationError) as error:
        award.full_clean()
    assert error.value.message_dict["certificate_accent"] == [
        "Enter a colour as # and six hexadecimal digits, e.g. #1f4e79."
    ]
    award.certificate_accent = "#A0b1C2"
    award.full_clean()


# --- the PDF --------------------------------------------------------------------------


def test_owner_downloads_a_pdf_in_russian_and_english_with_a_qr_link(client, data):
    code = code_of(data["prize"])
    client.force_login(data["owner"])
    response = client.get(pdf_url(code))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-cert-2025-{code}.pdf"'
    )
    pdf = response.content
    text = " ".join(extract_text(io.BytesIO(pdf)).split())
    # The prize kind, labels and date in Russian and in English.
    for words in ("Победитель", "Winner", "Номинация", "Category", "Премия", "Award"):
        assert words in text
    issued = timezone.localtime(
        data["award"].results_publication.publish_at, data["award"].zone
    ).date()
    assert local_date(issued, "en") in text
    assert local_date(issued, "ru") in text
    assert local_date(issued, "ru").split()[1] in RUSSIAN_MONTHS
    for words in (
        "Central Asian Journalism Awards 2025",
        "Investigative",
        "Coal dust over the miners' town",
        "Айгерим Ахметова, Bakyt Osmonov",
        "Dina Seitova",
        "Chair of the jury",
        code,
    ):
        assert words in text
    url = f"http://testserver/certificates/{code}/"
    assert url in text
    assert url in link_uris(pdf)


def test_english_winner_gets_an_english_only_certificate(data):
    owner = data["owner"]
    owner.preferred_language = "en"
    owner.save(update_fields=["preferred_language"])
    certificate = Certificate.objects.get(prize=data["prize"])
    text = extract_text(io.BytesIO(certificate_pdf(certificate)))
    assert text.count("Winner") == 1
    assert "Победитель" not in text


def test_the_award_logo_comes_from_storage(data, settings, tmp_path):
    buffer = BytesIO()
    PILImage.new("RGB", (600, 200), (31, 78, 121)).save(buffer, "PNG")
    award = data["award"]
    award.certificate_logo = Image.objects.create(
        title="Logo", file=ImageFile(buffer, name="logo.png")
    )
    award.save(update_fields=["certificate_logo"])
    certificate = Certificate.objects.select_related("prize__round__award").get(
        prize=data["prize"]
    )
    pdf = certificate_pdf(certificate)
    images = [
        image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images
    ]
    assert len(images) == 1


@pytest.mark.parametrize(
    "url", ["https://example.org/logo.png", "file:///etc/passwd", "data:,x"]
)
def test_weasyprint_may_fetch_nothing_else(url):
    with pytest.raises(ValueError, match="loads nothing"):
        StorageOnlyFetcher({}).fetch(url)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("co_author", 200),
        ("organiser", 200),
        ("juror", 404),
        ("other_entrant", 404),
        ("later_organiser", 404),
        ("anonymous", 404),
    ],
)
def test_who_may_download_a_published_certificate(client, data, who, status):
    if who != "anonymous":
        client.force_login(data[who])
    response = client.get(pdf_url(code_of(data["prize"])))
    assert response.status_code == status
    if status == 200:
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("who", "status"), [("later_organiser", 200), ("organiser", 404)]
)
def test_before_publication_only_its_organisers_may_download(client, data, who, status):
    later_prize = data["later_prize"]
    client.force_login(data[who])
    assert client.get(pdf_url(code_of(later_prize))).status_code == status


def test_before_publication_the_entrant_gets_404_and_no_link(client, data):
    later_prize = data["later_prize"]
    client.force_login(later_prize.entry.owner)
    assert client.get(pdf_url(code_of(later_prize))).status_code == 404
    page = client.get(f"/awards/entries/{later_prize.entry_id}/")
    assert page.status_code == 200
    assert "/awards/certificates/" not in page.content.decode()


def test_entry_page_links_the_certificate_for_a_co_author(client, data):
    code = code_of(data["prize"])
    client.force_login(data["co_author"])
    html = client.get(f"/awards/entries/{data['entry'].pk}/").content.decode()
    assert f'href="/awards/certificates/{code}/pdf/"' in html
    assert f'href="/certificates/{code}/"' in html
    assert "Certificate: Winner (PDF)" in html


# --- the public verification page -----------------------------------------------------


def test_verification_page_confirms_the_prize(client, data):
    code = code_of(data["prize"])
    response = client.get(f"/certificates/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This certificate is valid" in html
    assert "Central Asian Journalism Awards 2025 confirms this prize: Winner." in html
    for fact in (
        "<dt>Prize</dt><dd>Winner</dd>",
        "<dt>Year</dt><dd>2025</dd>",
        "<dt>Category</dt><dd>Investigative</dd>",
        "<dt>Title</dt><dd>Coal dust over the miners&#x27; town</dd>",
        f"<dt>Certificate code</dt><dd><code>{code}</code></dd>",
    ):
        assert fact in html
    assert "Айгерим Ахметова, Bakyt Osmonov" in html


def test_verification_page_in_russian(client, data):
    code = code_of(data["prize"])
    response = client.get(f"/ru/certificates/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru"' in html
    assert "<dt>Награда</dt><dd>Победитель</dd>" in html
    # Untranslated: the original, marked with its language.
    assert '<dt>Номинация</dt><dd><span lang="en">Investigative</span></dd>' in html


@pytest.mark.parametrize("language", ["en", "ru"])
def test_unknown_code_is_404_and_may_be_forged(client, data, language):
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/certificates/AAAABBBBCCCCDDDD/")
    assert response.status_code == 404
    with translation.override(language):
        said = translation.gettext(
            "No certificate has the code %(code)s. Check the code on the paper; if "
            "it is right, the certificate may be forged."
        ) % {"code": "AAAABBBBCCCCDDDD"}
    assert said in response.content.decode()
    if language == "ru":
        assert "No certificate has the code" not in response.content.decode()


def test_before_publication_a_real_code_is_the_same_404(client, data):
    code = code_of(data["later_prize"])
    response = client.get(f"/certificates/{code}/")
    assert response.status_code == 404
    assert f"No certificate has the code {code}." in response.content.decode()
    assert data["later_prize"].entry.title not in response.content.decode()


# --- withdrawing a prize --------------------------------------------------------------


def withdraw_url(prize: Prize) -> str:
    return f"/admin/results/prizes/{prize.pk}/withdraw/"


def test_organiser_withdraws_a_prize_and_it_leaves_the_public_site(client, data):
    prize, entry, code = data["prize"], data["entry"], code_of(data["prize"])
    public_urls = [
        "/winners/",
        "/api/winners.json",
        "/cert-2025/",
        f"/cert-2025/entries/{entry.pk}/",
    ]
    for url in public_urls:  # cached, as an anonymous reader sees them
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Qalam-Cache"] == "hit"
    assert "Coal dust" in client.get("/winners/").content.decode()

    client.force_login(data["organiser"])
    form = client.get(withdraw_url(prize))
    assert form.status_code == 200
    assert "This cannot be undone." in form.content.decode()
    unconfirmed = client.post(withdraw_url(prize), {"reason": "Plagiarism."})
    assert unconfirmed.status_code == 200
    assert Prize.objects.get(pk=prize.pk).withdrawn_at is None
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            withdraw_url(prize), {"reason": "Plagiarism found.", "confirm": "on"}
        )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/results/{data['award'].pk}/prizes/"
    client.logout()

    prize.refresh_from_db()
    assert prize.withdrawn_reason == "Plagiarism found."
    certificate = Certificate.objects.get(prize=prize)
    assert certificate.revoked_at == prize.withdrawn_at
    record = AuditRecord.objects.order_by("-sequence").first()
    assert record.action == "prize_withdraw"
    assert record.data["reason"] == "Plagiarism found."
    assert record.data["certificate_revoked"] is True

    assert "Coal dust" not in client.get("/winners/").content.decode()
    assert client.get("/api/winners.json").json()["count"] == 0
    assert "Coal dust" not in client.get("/cert-2025/").content.decode()
    assert client.get(f"/cert-2025/entries/{entry.pk}/").status_code == 404

    revoked = client.get(f"/certificates/{code}/")
    assert revoked.status_code == 410
    html = revoked.content.decode()
    assert "This certificate has been revoked" in html
    revoked_on = timezone.localtime(prize.withdrawn_at, data["award"].zone).date()
    assert f"Revoked on {local_date(revoked_on, 'en')}:" in html
    assert "the prize it certified has been withdrawn" in html
    assert "Plagiarism" not in html
    assert client.get(f"/ru/certificates/{code}/").status_code == 410

    client.force_login(data["owner"])
    assert client.get(pdf_url(code)).status_code == 404
    html = client.get(f"/awards/entries/{entry.pk}/").content.decode()
    assert f"Winner: Revoked on {local_date(revoked_on, 'en')}: the prize" in html
    assert f'href="/awards/certificates/{code}/pdf/"' not in html


def test_organiser_of_another_award_cannot_withdraw(client, data):
    client.force_login(data["later_organiser"])
    prize = data["prize"]
    assert client.get(withdraw_url(prize)).status_code == 404
    response = client.post(withdraw_url(prize), {"reason": "Mine.", "confirm": "on"})
    assert response.status_code == 404
    assert Prize.objects.get(pk=prize.pk).withdrawn_at is None
    assert client.get(f"/admin/results/{data['award'].pk}/prizes/").status_code == 404


def test_prize_withdraw_wants_a_reason_and_happens_once(data):
    prize, organiser = data["prize"], data["organiser"]
    with pytest.raises(ValidationError, match="Say why the prize is withdrawn."):
        services.prize_withdraw(prize=prize, reason="  ", actor=organiser)
    services.prize_withdraw(prize=prize, reason="Plagiarism.", actor=organiser)
    with pytest.raises(ValidationError, match="already been withdrawn"):
        services.prize_withdraw(prize=prize, reason="Again.", actor=organiser)


def test_the_prizes_screen_lists_certificates_for_organisers(client, data):
    code = code_of(data["prize"])
    client.force_login(data["organiser"])
    response = client.get(f"/admin/results/{data['award'].pk}/prizes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/awards/certificates/{code}/pdf/"' in html
    assert f'href="/certificates/{code}/"' in html  # its public verification
    assert f'href="{withdraw_url(data["prize"])}"' in html
    listing = client.get("/admin/results/").content.decode()
    assert f'href="/admin/results/{data["award"].pk}/prizes/"' in listing
    assert f'href="/admin/results/{data["later"].pk}/prizes/"' not in listing


def test_award_design_is_edited_in_the_admin(client, data):
    award = data["award"]
    client.force_login(data["organiser"])
    html = client.get(f"/admin/award_editions/edit/{award.pk}/").content.decode()
    for name in (
        "certificate_heading",
        "certificate_accent",
        "certificate_signatory_name",
        "certificate_signatory_role",
        "certificate_logo",
    ):
        assert f'name="{name}"' in html
    assert Award.objects.get(pk=award.pk).certificate_accent == "#1f4e79"


def test_the_prizes_screen_runs_the_same_queries_for_1_and_20_prizes(client, data):
    admin = staff_user()
    many, *_ = award_with_prizes(20, slug="many-2025")
    services.results_publish(award=many, actor=admin)
    client.force_login(admin)
    counts = []
    for award in (data["award"], many):
        url = f"/admin/results/{award.pk}/prizes/"
        client.get(url)  # per-process caches warmed
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.content.decode().count("Download (PDF)") == (
            1 if award == data["award"] else 20
        )
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_prizes_given_before_a_scheduled_publication_get_theirs_at_its_time(data):
    later = data["later"]
    given = data["later_prize"]
    new_prize = PrizeFactory(
        round=given.round, entry__category=given.entry.category, kind="finalist"
    )
    assert not Certificate.objects.filter(prize=new_prize).exists()
    due = later.results_publication.publish_at + datetime.timedelta(minutes=1)
    assert services.publications_due_purge(now=due) == [later.pk]
    certificate = Certificate.objects.get(prize=new_prize)
    assert certificate.issued_at == due
    assert Certificate.objects.filter(prize__round__award=later).count() == 2


def test_a_certificate_printed_before_the_ceremony_is_dated_its_publication(data):
    """Issued when the publication was scheduled (ten days ahead), it states the
    day the results go public, like the prizes given in between."""
    later = data["later"]
    certificate = Certificate.objects.select_related(
        "prize__round__award__results_publication"
    ).get(prize=data["later_prize"])
    publish_at = later.results_publication.publish_at
    assert certificate.issued_at < publish_at - datetime.timedelta(days=9)
    facts = certificate_facts(certificate)
    assert facts["issued_on"] == timezone.localtime(publish_at, later.zone).date()


def test_the_date_is_the_awards_own_day_not_the_servers(data):
    """Published at 20:30 UTC on 20 November: in Almaty (UTC+5) that is already
    the 21st, and the certificate says so."""
    award = data["award"]
    assert award.timezone == "Asia/Almaty"
    evening = datetime.datetime(2025, 11, 20, 20, 30, tzinfo=datetime.UTC)
    ResultsPublication.objects.filter(award=award).update(publish_at=evening)
    Certificate.objects.filter(prize=data["prize"]).update(
        issued_at=evening - datetime.timedelta(days=3)
    )
    certificate = Certificate.objects.select_related(
        "prize__round__award__results_publication"
    ).get(prize=data["prize"])
    assert certificate_facts(certificate)["issued_on"] == datetime.date(2025, 11, 21)
