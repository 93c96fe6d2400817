"""`seed_demo` publishes the 2025 edition's winners in every category, on pages in
English, Russian and Kazakh and in the open-data API."""

import pytest
from django.core import mail

from awards.models import Award
from cms.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_2025_edition_has_published_winners_in_every_category(client):
    seed_demo()
    assert mail.outbox == []
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
