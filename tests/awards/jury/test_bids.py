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


def test_a_juror_never_sees_or_bids_on_an_entry_they_are_in_conflict_with(client):
    """A relation's entry, or another category's, is not on the page (not even its
    title) and a bid on it is refused."""
    round_, category = _round()
    other = CategoryFactory(award=round_.award)
    round_.categories.add(other)
    juror = JurorFactory(award=round_.award)
    juror.categories.set([category])
    fine = EligibleEntryFactory(category=category, title="Open water")
    relative = UserFactory()
    juror.related_people.add(relative)
    conflicted = EligibleEntryFactory(
        category=category, owner=relative, title="My cousin's story"
    )
    elsewhere = EligibleEntryFactory(category=other, title="Another category")
    client.force_login(juror.user)
    page = client.get(reverse("awards:jury_bids", args=[round_.pk])).content.decode()
    assert fine.title in page
    assert "cousin" not in page and elsewhere.title not in page
    for entry in (conflicted, elsewhere):
        with pytest.raises(ValidationError):
            services.bids_record(
                round=round_, actor=juror.user, choices={entry.pk: "eager"}
            )
    assert not Bid.objects.exists()


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


# --- expertise -------------------------------------------------------------------


def test_a_juror_chooses_their_expertise_on_the_page(client):
    round_, category = _round()
    other = CategoryFactory(award=round_.award)
    juror = JurorFactory(award=round_.award)
    client.force_login(juror.user)
    url = reverse("awards:jury_expertise")
    assert category.name in client.get(url).content.decode()
    client.post(url, {f"expertise-{juror.pk}": [str(other.pk), "999999"]})
    assert list(juror.expertise.values_list("pk", flat=True)) == [other.pk]


def test_expertise_is_the_jurors_own_and_of_their_award():
    round_, category = _round()
    juror = JurorFactory(award=round_.award)
    with pytest.raises(PermissionDenied):
        services.expertise_record(
            juror=juror, actor=UserFactory(), categories=[category]
        )
    with pytest.raises(ValidationError):
        services.expertise_record(
            juror=juror, actor=juror.user, categories=[CategoryFactory()]
        )
    assert not juror.expertise.exists()


def test_the_plan_prefers_experts_only_when_the_round_weighs_them():
    round_, category = _round()
    round_.is_blind = True
    round_.save()
    novice = JurorFactory(award=round_.award)
    expert = JurorFactory(award=round_.award)
    services.expertise_record(juror=expert, actor=expert.user, categories=[category])
    entries = [EligibleEntryFactory(category=category) for _ in range(4)]
    # Weight 0: loads even, 2 each.
    loads = selectors.plan(round=round_).loads
    assert loads == {novice.pk: 2, expert.pk: 2}
    # Weight 9: a novice costs 9 per entry, more than the expert's extra load
    # (1 + 4 for the 3rd and 4th entry above an even share of 2).
    round_.expertise_weight = 9
    result = selectors.plan(round=round_)
    assert result.loads == {novice.pk: 0, expert.pk: 4}
    assert sorted(result.pairs) == sorted((e.pk, expert.pk) for e in entries)
    # Weight 2: the expert's second extra entry (4) costs more than a novice (2).
    round_.expertise_weight = 2
    assert selectors.plan(round=round_).loads == {novice.pk: 1, expert.pk: 3}


def test_bids_come_a_page_of_entries_at_a_time(client):
    round_, category = _round()
    juror = JurorFactory(award=round_.award)
    entries = [EligibleEntryFactory(category=category) for _ in range(201)]
    client.force_login(juror.user)
    url = reverse("awards:jury_bids", args=[round_.pk])
    first = client.get(url).content.decode()
    assert entries[0].title in first
    assert "Page 1 of 2" in first
    last = client.get(f"{url}?page=2").content.decode()
    assert entries[-1].title in last
    assert entries[0].title not in last
    response = client.post(f"{url}?page=2", {f"bid-{entries[-1].pk}": "eager"})
    assert response["Location"] == f"{url}?page=2"
    assert list(Bid.objects.values_list("entry_id", "choice")) == [
        (entries[-1].pk, "eager")
    ]
