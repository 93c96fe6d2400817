"""Organisers translate their award's and categories' words on the edit screens
(an inline "Translations" panel); nobody outside the award's team can."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from awards.models import AwardTranslation, CategoryTranslation, PrizeTranslation
from tests.cms.helpers import award_with_prizes
from tests.factories import AwardFactory, CategoryFactory, on_team

pytestmark = pytest.mark.django_db


def award_form(award, translations: list[dict]) -> dict:
    return nested_form_data(
        {
            "title": award.title,
            "language": award.language,
            "slug": award.slug,
            "year": award.year,
            "description": award.description,
            "timezone": award.timezone,
            "opens_date": award.opens_date.isoformat(),
            "opens_time": award.opens_time.strftime("%H:%M"),
            "closes_date": award.closes_date.isoformat(),
            "closes_time": award.closes_time.strftime("%H:%M"),
            "grace_minutes": award.grace_minutes,
            "max_entries_per_person": award.max_entries_per_person,
            "max_file_size_mb": award.max_file_size_mb,
            "rules": award.rules,
            "ai_policy": award.ai_policy,
            "certificate_heading": "",
            "certificate_accent": award.certificate_accent,
            "certificate_signatory_name": "",
            "certificate_signatory_role": "",
            "translations": inline_formset(translations),
        }
    )


RU = {
    "language": "ru",
    "title": "Премия журналистики Центральной Азии",
    "description": "Описание",
    "rules": "Правила",
    "ai_policy": "",
    "certificate_heading": "Диплом",
}


def test_an_organiser_adds_a_translation_on_the_award_edit_screen(client):
    award = AwardFactory(title="Central Asian Journalism Awards")
    client.force_login(on_team(award))
    response = client.post(
        reverse("award_editions:edit", args=[award.pk]), award_form(award, [RU])
    )
    assert response.status_code == 302
    translation = AwardTranslation.objects.get(award=award)
    assert (
        translation.language,
        translation.title,
        translation.certificate_heading,
    ) == (
        "ru",
        "Премия журналистики Центральной Азии",
        "Диплом",
    )
    award.refresh_from_db()
    assert award.title == "Central Asian Journalism Awards"


def test_a_translation_into_the_awards_own_language_is_refused(client):
    award = AwardFactory(language="ru")
    client.force_login(on_team(award))
    response = client.post(
        reverse("award_editions:edit", args=[award.pk]), award_form(award, [RU])
    )
    assert response.status_code == 200
    assert "This is the award&#x27;s original language." in response.content.decode()
    assert not AwardTranslation.objects.exists()


def test_two_translations_into_one_language_are_refused(client):
    award = AwardFactory()
    client.force_login(on_team(award))
    response = client.post(
        reverse("award_editions:edit", args=[award.pk]),
        award_form(award, [RU, {**RU, "title": "Другое"}]),
    )
    assert response.status_code == 200
    assert not AwardTranslation.objects.exists()


@pytest.mark.parametrize("role", ["other_organiser", "observer"])
def test_outside_organisers_and_observers_cannot_translate(client, role):
    award = AwardFactory()
    if role == "other_organiser":
        user = on_team(AwardFactory())
        expected = 404
    else:
        user = on_team(award, role="observer")
        expected = 302  # Wagtail's refusal: back to the dashboard with a message
    client.force_login(user)
    response = client.post(
        reverse("award_editions:edit", args=[award.pk]), award_form(award, [RU])
    )
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == "/admin/"
    assert not AwardTranslation.objects.exists()


def test_an_organiser_translates_a_category(client):
    category = CategoryFactory(name="Investigative reporting", description="Deep")
    client.force_login(on_team(category.award))
    data = nested_form_data(
        {
            "award": category.award_id,
            "name": category.name,
            "slug": category.slug,
            "position": 0,
            "description": category.description,
            "allows_teams": "on",
            "required_attachments": "[]",
            "translations": inline_formset(
                [
                    {
                        "language": "kk",
                        "name": "Зерттеу журналистикасы",
                        "description": "",
                    }
                ]
            ),
        }
    )
    response = client.post(reverse("award_categories:edit", args=[category.pk]), data)
    assert response.status_code == 302
    assert list(
        CategoryTranslation.objects.values_list("category", "language", "name")
    ) == [(category.pk, "kk", "Зерттеу журналистикасы")]


def test_an_organiser_translates_a_prize_citation_and_empties_one(client):
    (prize,) = award_with_prizes(1)[3]
    PrizeTranslation.objects.create(prize=prize, language="kk", citation="Ескі")
    client.force_login(on_team(prize.round.award))
    url = reverse("cms_prize_translations", args=[prize.pk])
    prizes = reverse("cms_award_prizes", args=[prize.round.award_id])
    assert f'href="{url}"' in client.get(prizes).content.decode()
    html = client.get(url).content.decode()
    assert 'name="ru"' in html
    assert 'name="en"' not in html  # the award's own language
    response = client.post(url, {"ru": " Смелое расследование. ", "kk": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "cms_award_prizes", args=[prize.round.award_id]
    )
    assert list(PrizeTranslation.objects.values_list("language", "citation")) == [
        ("ru", "Смелое расследование.")
    ]


@pytest.mark.parametrize("role", ["other_organiser", "observer"])
def test_only_the_awards_organisers_translate_its_citations(client, role):
    (prize,) = award_with_prizes(1)[3]
    if role == "other_organiser":
        user = on_team(AwardFactory())
    else:
        user = on_team(prize.round.award, role="observer")
    client.force_login(user)
    url = reverse("cms_prize_translations", args=[prize.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"ru": "Текст"}).status_code == 404
    assert not PrizeTranslation.objects.exists()
