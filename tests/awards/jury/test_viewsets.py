"""Rounds and criteria that sheets or the audit record refer to cannot be deleted."""

import pytest
from django.urls import reverse

from awards.jury.models import Criterion, Round
from tests.awards.jury.helpers import jury_round, score
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_scored_round_and_its_criteria_stay(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    round_, rubric, (a, *_), (e1, *_) = jury_round()
    score(round_, a, e1, 5)
    response = client.post(
        reverse("award_rounds:delete", args=[round_.pk]), follow=True
    )
    assert "It is in use by score sheets or the audit record" in (
        response.content.decode()
    )
    assert Round.objects.filter(pk=round_.pk).exists()
    response = client.post(reverse("award_criteria:delete", args=[rubric[0].pk]))
    assert response.status_code == 302
    assert Criterion.objects.filter(pk=rubric[0].pk).exists()
