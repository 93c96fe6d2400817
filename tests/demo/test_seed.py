"""`seed_demo` (what `make run` loads), seeded once for this module and rolled back
after it: the site and logins, the 2026 award and its call for entries, the jury, the
2025 winners in three languages, the investigation and its encrypted documents.

Each test runs in its own savepoint inside the module's transaction, so what one
test changes (a sheet submitted, a document uploaded) no other test sees.
"""

import io
import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from pdfminer.high_level import extract_text
from pypdf import PdfReader
from wagtail.models import Locale, Page, Site

from accounts.models import User
from awards.enums import EntryState
from awards.jury import selectors
from awards.jury.models import (
    Assignment,
    Conflict,
    Juror,
    Prize,
    Round,
    ScoreSheet,
)
from awards.models import Award, Certificate, Entry
from awards.permissions import award_collection
from cms.models import AwardPage, HomePage
from config.celery import app as celery_app
from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS
from demo.jury import DEMO_JUROR
from demo.partners import DEMO_PARTNER_KEY
from investigations.models import Investigation
from secure_docs.models import Document, WorkspaceKey
from tests.accounts.test_auth_flows import totp
from tests.secure_docs.helpers import download, upload

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Seeded:
    output: str
    emails: int


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One `seed_demo` for the module (tasks in process, on-commit work run),
    rolled back when the module is done."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out, before = io.StringIO(), len(mail.outbox)
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("seed_demo", stdout=out)
            seeded = Seeded(output=out.getvalue(), emails=len(mail.outbox) - before)
            celery_app.conf.task_always_eager = eager
            yield seeded
        finally:
            celery_app.conf.task_always_eager = eager
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "--indent", "1", stdout=out)
    return out.getvalue()


def test_seed_demo_emails_nobody(demo):
    assert demo.emails == 0  # demo addresses are never emailed


# --- The site and the logins (cms) ---
def test_seed_demo_creates_the_site_and_one_login_per_role(demo):
    text = demo.output
    for demo in DEMO_USERS:
        assert demo.email in text
        user = User.objects.get(email=demo.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.emailaddress_set.get().verified is True
    # The demo juror has MFA on; the output says how to pass the second step.
    assert "QALAMDEMOJURYQALAMDEMOJURYQALAMD" in text
    assert "manage.py demo_totp" in text
    assert User.objects.get(email="organiser@qalam.test").is_superuser is True
    assert User.objects.filter(is_staff=True).count() == 1
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(
        ["en", "ru", "kk", "uz", "ky", "tg", "tk"]
    )
    # The Wagtail welcome page is gone; every language has a home page.
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert HomePage.objects.count() == 7
    # Really translated, not aliases of the English page, in every language.
    assert HomePage.objects.filter(alias_of__isnull=True).count() == 7


def test_the_public_pages_are_translated_into_every_language(client, demo):
    from demo.pages import PUBLIC_TEXT

    codes = [code for code, _name in settings.LANGUAGES]
    for slug, texts in PUBLIC_TEXT.items():
        assert sorted(texts) == sorted(codes), slug
        pages = Page.objects.filter(slug=slug, alias_of__isnull=True)
        assert sorted(pages.values_list("locale__language_code", flat=True)) == sorted(
            codes
        ), slug
    for code in codes:
        prefix = "" if code == "en" else f"/{code}"
        title = PUBLIC_TEXT["winners"][code][0]
        response = client.get(f"{prefix}/winners/")
        assert response.status_code == 200, code
        assert title in response.content.decode(), code


def test_a_language_seeded_as_an_alias_becomes_a_translation(demo):
    """A database seeded when the demo had no Uzbek text keeps aliases in Uzbek;
    seeding again turns them into translations."""
    from wagtail.models import Page as WagtailPage

    from cms.models import NewsIndexPage
    from demo.pages import PUBLIC_TEXT, seed_locale_synchronisation

    uzbek = NewsIndexPage.objects.get(locale__language_code="uz")
    uzbek.delete()
    seed_locale_synchronisation()
    alias = WagtailPage.objects.get(slug="news", locale__language_code="uz")
    assert alias.alias_of_id is not None
    call_command("seed_demo", stdout=io.StringIO())
    page = WagtailPage.objects.get(slug="news", locale__language_code="uz")
    assert page.alias_of_id is None
    assert page.title == PUBLIC_TEXT["news"]["uz"][0]


def test_seed_demo_twice_changes_nothing(demo):
    before = dump()
    call_command("seed_demo", stdout=io.StringIO())
    assert dump() == before


# --- The 2026 award and its call for entries (awards) ---


def test_demo_award_is_open_with_six_categories_and_sixty_entries(demo):
    from awards.clock import now

    award = Award.objects.get(slug="caja-2026")
    assert award.title == "Central Asian Journalism Awards 2026"
    assert award.is_open(now())
    assert list(award.categories.values_list("name", flat=True)) == [
        "Investigative Reporting",
        "Data Journalism",
        "Multimedia & Video",
        "Fact-checking & Verification",
        "Cross-border Collaboration",
        "Young Journalist (under 30)",
    ]
    entries = Entry.objects.filter(category__award=award)
    assert entries.count() == 60
    assert set(entries.values_list("country", flat=True)) == {
        "KZ",
        "UZ",
        "KG",
        "TJ",
        "TM",
    }
    assert set(entries.values_list("language_id", flat=True)) == {
        "ru",
        "kk",
        "uz",
        "ky",
        "tg",
        "tk",
        "en",
    }
    # Still open for entries: no shortlist or prize before the deadline.
    states = set(entries.values_list("state", flat=True))
    assert states == {
        EntryState.DRAFT,
        EntryState.SUBMITTED,
        EntryState.ELIGIBLE,
        EntryState.INELIGIBLE,
        EntryState.WITHDRAWN,
    }


def test_award_page_shows_categories_deadline_and_enter_button(client, demo):
    award = Award.objects.get(slug="caja-2026")
    page = AwardPage.objects.get(award=award, locale__language_code="en")
    html = client.get(page.url).content.decode()
    assert "Young Journalist (under 30)" in html
    assert "Entrants aged at most 29 this year." in html
    assert "(Asia/Almaty time)" in html
    assert re.search(r'class="countdown"[^>]*>\d+ (days|hours|minutes?) left<', html)
    assert f'href="{reverse("awards:entry_create", args=[award.slug])}"' in html


def test_enter_needs_login(client, demo):
    response = client.get(reverse("awards:entry_create", args=["caja-2026"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/awards/enter/")


def test_demo_journalist_sees_their_entries(client, demo):
    client.force_login(User.objects.get(email="journalist@qalam.test"))
    html = client.get(reverse("awards:my_entries")).content.decode()
    assert html.count("/awards/entries/") == 3


# --- The jury (awards.jury) ---


def test_demo_round_has_twelve_jurors_conflicts_and_sheets(client, demo):
    round_ = Round.objects.get(award__slug="caja-2026", position=1)
    assert (round_.state, round_.jurors_per_entry, round_.is_blind) == ("open", 3, True)
    assert (round_.min_juror_countries, round_.exclude_own_country) == (2, True)
    checks = selectors.round_constraint_checks(round=round_)
    assert checks
    assert all(check.all_hold for check in checks)
    assert (
        Juror.objects.filter(award=round_.award, accepted_at__isnull=False).count()
        == 12
    )
    assert set(Conflict.objects.values_list("source", flat=True)) == {
        "declared",
        "staff",
    }
    assert ScoreSheet.objects.filter(submitted_at__isnull=False).count() > 20
    demo = Juror.objects.get(email=DEMO_JUROR)
    open_work = Assignment.objects.filter(juror=demo, sheet__isnull=True).first()
    assert open_work is not None

    # Log in as the demo juror: password, then the code from the demo secret.
    response = client.post(
        reverse("account_login"), {"login": DEMO_JUROR, "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(
        reverse("mfa_authenticate"), {"code": totp(DEMO_TOTP_SECRET)}
    )
    assert response.status_code == 302
    page = client.get(reverse("awards:jury_dashboard")).content.decode()
    assert "First round: scoring" in page
    form = client.get(reverse("awards:jury_entry", args=[open_work.pk]))
    criteria = form.context["form"].criteria
    sent = client.post(
        reverse("awards:jury_entry", args=[open_work.pk]),
        {**{f"c{c.pk}": "7" for c in criteria}, "submit": ""},
    )
    assert sent.status_code == 302
    assert ScoreSheet.objects.get(assignment=open_work).total == 7


# --- The 2025 winners in three languages (cms, awards.selectors.public) ---


def test_a_2025_winner_plays_its_own_audio_file(client, demo):
    entry = Entry.objects.select_related("media_file").get(
        title="Hospitals without oxygen", category__award__slug="caja-2025"
    )
    assert entry.media_file.filename == "oxygen-interview.wav"
    assert entry.media_file.content_type == "audio/wav"
    page = client.get(f"/editions/caja-2025/entries/{entry.pk}/").content.decode()
    play = reverse("awards:media_play", args=[entry.pk])
    assert f'<audio controls preload="none" src="{play}">' in page
    response = client.get(play)
    content = b"".join(response.streaming_content)
    assert (response.status_code, response["Content-Type"]) == (200, "audio/wav")
    assert content[:4] == b"RIFF" and len(content) == entry.media_file.length


def test_demo_2025_edition_has_published_winners_in_every_category(client, demo):
    award = Award.objects.get(slug="caja-2025")
    categories = set(award.categories.values_list("name", flat=True))
    assert len(categories) == 6

    data = client.get("/api/winners.json?year=2025").json()
    winners = [row for row in data["results"] if row["prize"] == "winner"]
    assert {row["category"] for row in winners} == categories
    assert data["count"] == 18  # a winner, a special mention and a finalist each

    en = client.get("/editions/caja-2025/").content.decode()
    ru = client.get("/ru/editions/caja-2025/").content.decode()
    kk = client.get("/kk/editions/caja-2025/").content.decode()
    assert "Who owns the water of the Syr Darya" in en
    assert "Кому принадлежит вода Сырдарьи" in ru
    assert "Сырдария суы кімдікі" in kk
    assert "<h1>Центральноазиатская премия журналистики 2025</h1>" in ru
    assert "<h1>Орталық Азия журналистика сыйлығы 2025</h1>" in kk
    for prefix, title in (
        ("", "Who owns the water of the Syr Darya"),
        ("/ru", "Кому принадлежит вода Сырдарьи"),
        ("/kk", "Сырдария суы кімдікі"),
    ):
        archive = client.get(f"{prefix}/winners/?category=investigative-reporting")
        assert archive.status_code == 200
        assert title in archive.content.decode()


def test_the_demo_awards_words_exist_in_every_language(client, demo):
    from awards.models import AwardTranslation, CategoryTranslation, PrizeTranslation

    others = sorted(code for code, _name in settings.LANGUAGES if code != "en")
    for award in Award.objects.filter(slug__in=["caja-2025", "caja-2026"]):
        assert award.language == "en"
        rows = AwardTranslation.objects.filter(award=award)
        assert sorted(rows.values_list("language", flat=True)) == others
        assert all(row.title and row.description and row.rules for row in rows)
        for category in award.categories.all():
            languages = CategoryTranslation.objects.filter(
                category=category
            ).values_list("language", flat=True)
            assert sorted(languages) == others, category.name
    for prize in Prize.objects.filter(round__award__slug="caja-2025"):
        languages = PrizeTranslation.objects.filter(prize=prize).values_list(
            "language", flat=True
        )
        assert sorted(languages) == others, prize.citation
    ru = client.get("/ru/editions/caja-2025/").content.decode()
    assert "<h3>Журналистские расследования</h3>" in ru
    assert "Терпеливый, подкреплённый документами рассказ" in ru
    tk = client.get("/tk/winners/?category=investigative-reporting").content.decode()
    assert "Merkezi Aziýa žurnalistika baýragy 2025 · Derňew žurnalistikasy" in tk


# --- The investigation and its documents (investigations, secure_docs) ---


def test_seed_demo_adds_the_water_rights_investigation_with_a_full_team(client, demo):
    investigation = Investigation.objects.get(codename="offshore-water")
    assert investigation.title == "Offshore water-rights deals"
    members = investigation.memberships.select_related("user")
    assert {m.role for m in members} == {"lead", "editor", "reporter", "viewer"}
    assert {str(m.user.country) for m in members} == {"KZ", "KG", "TJ", "UZ"}
    assert investigation.tasks.count() == 40
    lead = User.objects.get(email="investigator@qalam.test")
    assert members.get(user=lead).role == "lead"
    client.force_login(lead)
    response = client.get(reverse("investigations:board", args=["offshore-water"]))
    assert response.content.decode().count('class="card-task"') == 40


def test_a_demo_member_can_upload_download_and_see_the_access_log(client, demo):
    assert Document.objects.count() == 5
    assert (
        WorkspaceKey.objects.filter(investigation__codename="offshore-water").count()
        == 1
    )
    lead = User.objects.get(email="investigator@qalam.test")
    client.force_login(lead)
    listing = client.get(reverse("secure_docs:list", args=["offshore-water"]))
    assert "Leaked licence transfer list" in listing.content.decode()
    document = Document.objects.get(title="Leaked licence transfer list")
    version = document.versions.get()
    assert download(client, version).startswith(b"licence,holder,transferred_to,date\n")
    assert (
        upload(client, "offshore-water", b"new memo", title="Memo").status_code == 302
    )
    log = client.get(
        reverse("secure_docs:access_log", args=["offshore-water", document.pk])
    )
    page = log.content.decode()
    assert "downloaded (decrypted)" in page
    assert str(lead) in page


def test_a_name_in_latin_letters_finds_the_demo_scan_docx_and_email(client, demo):
    """The acceptance of search: a scanned Russian PDF (OCR), a Kazakh DOCX and an
    Uzbek email, each naming Toshmatov in its own script, found by one search."""
    from secure_docs.enums import IndexStatus
    from secure_docs.models import SearchUnit
    from tests.secure_docs.search.helpers import hits, marks, search_page

    documents = SearchUnit.objects.filter(kind="document")
    assert documents.count() == 5
    assert set(documents.values_list("status", flat=True)) == {IndexStatus.DONE}
    client.force_login(User.objects.get(email="investigator@qalam.test"))
    response = search_page(client, "offshore-water", "Toshmatov")
    assert sorted(hits(response)) == [
        "Bank transfer memo (scan)",
        "Email from the notary",
        "Shareholder meeting minutes",
    ]
    assert {"Toshmatov", "Тошматов"} <= set(marks(response))
    page = response.content.decode()
    assert "read by OCR" in page
    assert "page 1" in page
    scan = documents.get(version__document__title="Bank transfer memo (scan)")
    assert (scan.language, scan.parts_done, scan.parts_total) == ("ru", 1, 1)


# --- Award teams: two awards, two organisers ---


def test_demo_awards_are_run_by_two_organisers_who_see_only_their_own(demo, client):
    from awards import selectors

    for email in ("organiser2026@qalam.test", "organiser2025@qalam.test"):
        assert email in demo.output
    caja_2026 = Award.objects.get(slug="caja-2026")
    caja_2025 = Award.objects.get(slug="caja-2025")
    for email, award, other in (
        ("organiser2026@qalam.test", caja_2026, caja_2025),
        ("organiser2025@qalam.test", caja_2025, caja_2026),
    ):
        user = User.objects.get(email=email)
        assert list(selectors.awards_for_team(user=user)) == [award]
        client.force_login(user)
        html = client.get(reverse("award_editions:index")).content.decode()
        assert award.title in html and other.title not in html
        entry = Entry.objects.filter(category__award=other).exclude(state="draft")[0]
        url = reverse("award_entries:inspect", args=[entry.pk])
        assert client.get(url).status_code == 404
    observer = User.objects.get(email="observer@qalam.test")
    assert list(selectors.awards_for_organiser(user=observer)) == []
    assert list(selectors.awards_for_team(user=observer)) == [caja_2026]


def test_the_demo_gives_each_awards_organisers_its_pages(demo, client):
    """Each award's public pages, in every language, are edited by its team only."""
    organiser = User.objects.get(email="organiser2026@qalam.test")
    client.force_login(organiser)
    for page in AwardPage.objects.select_related("award"):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        expected = 200 if page.award.year == 2026 else "/admin/"
        response = client.get(url)
        got = (
            response.status_code
            if response.status_code == 200
            else response["Location"]
        )
        assert got == expected, (page.award.year, page.locale)


def test_the_printed_demo_partner_key_reads_the_winners_feed(client, demo):
    """`make run` prints a partner key; with it the partner API returns the 2025
    winners with licences; without the embargo scope, no shortlists."""
    (line,) = [line for line in demo.output.splitlines() if "Partner API" in line]
    key = line.split("Bearer ")[1].split("'")[0]
    assert key == DEMO_PARTNER_KEY
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    rows = client.get("/api/partners/v1/winners?year=2025", **auth).json()["items"]
    assert rows and {row["year"] for row in rows} == {2025}
    assert {row["licence"] for row in rows} <= {
        "cc-by-nc-nd-4.0",
        "contact-outlet",
    }
    assert client.get("/api/partners/v1/shortlists", **auth).status_code == 404
    assert client.get("/api/partners/v1/winners").status_code == 401


def test_the_2025_certificates_carry_the_editions_design(client, demo):
    """Every 2025 prize has a certificate; its PDF, downloaded by an author, names
    the jury's chair and carries the edition's logo (in the award's collection)."""
    award = Award.objects.get(slug="caja-2025")
    prizes = Prize.objects.filter(round__award=award)
    assert prizes.count() == 18
    assert Certificate.objects.filter(prize__in=prizes).count() == 18
    assert award.certificate_logo.collection == award_collection(award)
    certificate = Certificate.objects.filter(prize__in=prizes).first()
    client.force_login(certificate.prize.entry.owner)
    pdf = client.get(reverse("awards:certificate_pdf", args=[certificate.code]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    content = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert "Dilnoza Rahimova" in extract_text(io.BytesIO(content))
    images = [i for p in PdfReader(io.BytesIO(content)).pages for i in p.images]
    assert len(images) == 1
    page = client.get(f"/certificates/{certificate.code}/")
    assert page.status_code == 200
