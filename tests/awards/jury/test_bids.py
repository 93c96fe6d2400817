"""Jurors' bids: the page, the service's refusals, and the plan weighing them as
costs, never as rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.jury import selectors, services
from awards.jury.models import Assignment, Bid
from tests.factories import (
    CategoryFactory,
    EligibleEntryFactory,
    EntryFactory,
    JurorFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _round(**kwargs):
    category = CategoryFactory()
    round_ = RoundFactory(
        award=category.award, jurors_per_entry=1, is_blind=False, **kwargs
    )
    round_.categories.add(category)
    return round_, category


def test_a_juror_bids_changes_and_withdraws_on_the_page(client):
    round_, category = _round()
    juror = JurorFactory(award=round_.award)
    first, second = (EligibleEntryFactory(category=category) for _ in range(2))
    client.force_login(juror.user)
    url = reverse("awards:jury_bids", args=[round_.pk])
    page = client.get(url).content.decode()
    assert first.title in page
    assert "Rather not" in page
    response = client.post(url, {f"bid-{first.pk}": "eager", f"bid-{second.pk}": "not"})
    assert response.status_code == 302
    assert dict(Bid.objects.values_list("entry_id", "choice")) == {
        first.pk: "eager",
        second.pk: "not",
    }
    client.post(url, {f"bid-{first.pk}": "", f"bid-{second.pk}": "willing"})
    assert dict(Bid.objects.values_list("entry_id", "choice")) == {second.pk: "willing"}
    dashboard = client.get(reverse("awards:jury_dashboard")).content.decode()
    assert url in dashboard


def test_bids_outside_the_round_or_unknown_choices_are_refused():
    round_, category = _round()
    juror = JurorFactory(award=round_.award)
    entry = EligibleEntryFactory(category=category)
    stranger = EntryFactory()
    with pytest.raises(ValidationError):
        services.bids_record(
            round=round_, actor=juror.user, choices={stranger.pk: "eager"}
        )
    with pytest.raises(ValidationError):
        services.bids_record(round=round_, actor=juror.user, choices={entry.pk: "x"})
    with pytest.raises(PermissionDenied):
        services.bids_record(
            round=round_, actor=UserFactory(), choices={entry.pk: "eager"}
        )
    blind, _category = _round()
    blind.is_blind = True
    blind.save()
    with pytest.raises(PermissionDenied):
        services.bids_record(
            round=blind,
            actor=JurorFactory(award=blind.award).user,
            choices={},
        )
    assert not Bid.objects.exists()


def test_the_plan_avoids_rather_not_but_does_not_forbid_it():
    round_, category = _round()
    staff = UserFactory(is_staff=True, is_superuser=True)
    reluctant = JurorFactory(award=round_.award, user__country="DE")
    keen = JurorFactory(award=round_.award, user__country="IT")
    entry = EligibleEntryFactory(category=category, country="IT")
    services.bids_record(round=round_, actor=reluctant.user, choices={entry.pk: "not"})
    services.bids_record(round=round_, actor=keen.user, choices={entry.pk: "eager"})
    assert selectors.plan(round=round_).pairs == [(entry.pk, keen.pk)]
    services.bids_record(round=round_, actor=keen.user, choices={entry.pk: "not"})
    services.bids_record(
        round=round_, actor=reluctant.user, choices={entry.pk: "eager"}
    )
    assert selectors.plan(round=round_).pairs == [(entry.pk, reluctant.pk)]
    services.bids_record(round=round_, actor=reluctant.user, choices={entry.pk: "not"})
    # Own-country exclusion leaves only the reluctant juror: a bid is no rule.
    round_.exclude_own_country = True
    round_.save()
    services.assignment_run(round=round_, actor=staff)
    assert list(Assignment.objects.values_list("juror_id", flat=True)) == [reluctant.pk]


def test_bids_of_a_blind_round_are_never_read():
    round_, category = _round()
    juror = JurorFactory(award=round_.award)
    entry = EligibleEntryFactory(category=category)
    services.bids_record(round=round_, actor=juror.user, choices={entry.pk: "not"})
    assert selectors.bid_costs(round=round_, eligible={entry.pk: [juror.pk]}) == {
        entry.pk: {juror.pk: 20}
    }
    round_.is_blind = True
    assert selectors.bid_costs(round=round_, eligible={entry.pk: [juror.pk]}) == {}
