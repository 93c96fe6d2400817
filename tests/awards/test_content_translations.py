"""The award's own words reach entrants and winners in their language: the
certificate (each side in its language), the results email, "My entries" and
the entry form's category choices; the original where there is no translation."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pdfminer.high_level import extract_text

from awards import services
from awards.certificate_pdf import certificate_pdf
from awards.emails import results_messages
from awards.models import (
    AwardTranslation,
    CategoryTranslation,
    Certificate,
    ResultsPublication,
)
from tests.cms.helpers import award_with_prizes, staff_user
from tests.factories import CategoryFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db

RU_AWARD = "Премия журналистики Центральной Азии"
RU_CATEGORY = "Журналистские расследования"
RU_HEADING = "Диплом"


def translated(award, category) -> None:
    AwardTranslation.objects.create(
        award=award, language="ru", title=RU_AWARD, certificate_heading=RU_HEADING
    )
    CategoryTranslation.objects.create(
        category=category, language="ru", name=RU_CATEGORY
    )


@pytest.fixture
def winner_in_russian():
    award, category, _round, (prize,) = award_with_prizes(
        1, title="Central Asian Journalism Awards", certificate_heading="Diploma"
    )
    translated(award, category)
    owner = prize.entry.owner
    owner.preferred_language = "ru"
    owner.save(update_fields=["preferred_language"])
    services.results_publish(award=award, actor=staff_user())
    return award, category, prize


def pdf_text(prize) -> str:
    certificate = Certificate.objects.get(prize=prize)
    return " ".join(extract_text(io.BytesIO(certificate_pdf(certificate))).split())


def test_the_certificate_names_the_award_in_the_winners_language_and_english(
    winner_in_russian,
):
    award, category, prize = winner_in_russian
    text = pdf_text(prize)
    for words in (RU_AWARD, RU_CATEGORY, RU_HEADING):
        assert words in text
    for words in ("Central Asian Journalism Awards", "Investigative", "Diploma"):
        assert words in text


def test_a_certificate_in_an_untranslated_language_shows_the_originals(
    winner_in_russian,
):
    award, category, prize = winner_in_russian
    owner = prize.entry.owner
    owner.preferred_language = "kk"
    owner.save(update_fields=["preferred_language"])
    text = pdf_text(prize)
    assert RU_AWARD not in text
    assert text.count("Central Asian Journalism Awards") >= 2  # both sides
    with translation.override("kk"):
        assert gettext("Category") in text


def test_the_results_email_in_russian_carries_the_russian_names(winner_in_russian):
    award, category, prize = winner_in_russian
    ResultsPublication.objects.filter(award=award).update(publish_at=timezone.now())
    messages = {
        person.pk: (subject, body) for person, subject, body in results_messages(award)
    }
    subject, body = messages[prize.entry.owner_id]
    with translation.override("ru"):
        expected_subject = gettext("Results of %(award)s") % {"award": RU_AWARD}
    assert subject == expected_subject
    assert f"({RU_CATEGORY})" in body
    assert "Investigative" not in body


def test_an_english_readers_email_keeps_the_originals(winner_in_russian):
    award, category, prize = winner_in_russian
    owner = prize.entry.owner
    owner.preferred_language = "en"
    owner.save(update_fields=["preferred_language"])
    messages = {person.pk: body for person, _subject, body in results_messages(award)}
    assert "(Investigative)" in messages[owner.pk]
    assert RU_AWARD not in messages[owner.pk]


def test_my_entries_and_the_entry_form_in_russian(client):
    entrant = UserFactory()
    category = CategoryFactory(name="Investigative", award__title="CAJA")
    translated(category.award, category)
    untranslated = CategoryFactory(award=category.award, name="Data stories")
    EntryFactory(owner=entrant, category=category)
    client.force_login(entrant)
    with translation.override("ru"):
        enter = gettext("Enter %(title)s") % {"title": RU_AWARD}
        mine = reverse("awards:my_entries")
        url = reverse("awards:entry_create", args=[category.award.slug])
    html = client.get(mine).content.decode()
    assert f"<td>{RU_AWARD} · {RU_CATEGORY}</td>" in html
    assert enter in html
    form = client.get(url).content.decode()
    assert f">{RU_CATEGORY}</option>" in form
    assert f">{untranslated.name}</option>" in form
    assert f'<h3><span lang="en">{untranslated.name}</span></h3>' in form


def test_my_entries_costs_no_query_per_translated_category(client):
    entrant = UserFactory()
    client.force_login(entrant)
    with translation.override("ru"):
        url = reverse("awards:my_entries")

    def add_entry() -> None:
        category = CategoryFactory()
        translated(category.award, category)
        EntryFactory(owner=entrant, category=category)

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_entry()
    one = queries()
    for _ in range(4):
        add_entry()
    assert queries() == one
