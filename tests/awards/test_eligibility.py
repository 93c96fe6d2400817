"""Each eligibility rule alone, then all failing at once; no database."""

import datetime

import pytest

from awards.eligibility import (
    CategoryRules,
    EntryFacts,
    Person,
    Reason,
    failed_rules,
    word_count,
)

BASE_FACTS = EntryFacts(
    country="KG",
    language="ky",
    published_on=datetime.date(2025, 6, 1),
    summary="Five words in this summary.",
    attachment_kinds=frozenset({"pdf"}),
    team=(Person("Aida", 1998),),
)
BASE_RULES = CategoryRules(award_year=2026, max_entries_per_person=2)


def facts(**changes) -> EntryFacts:
    return EntryFacts(**{**BASE_FACTS.__dict__, **changes})


def rules(**changes) -> CategoryRules:
    return CategoryRules(**{**BASE_RULES.__dict__, **changes})


def rule_names(reasons: list[Reason]) -> list[str]:
    return [reason.rule for reason in reasons]


def test_an_entry_without_limits_passes():
    assert failed_rules(BASE_FACTS, BASE_RULES) == []


@pytest.mark.parametrize(
    ("entry_facts", "category_rules", "expected"),
    [
        (facts(country="KG"), rules(countries=frozenset({"KZ", "KG"})), None),
        (
            facts(country="RU"),
            rules(countries=frozenset({"KZ", "KG"})),
            "The work must be published in one of: Kazakhstan, Kyrgyzstan; this "
            "entry gives “Russia”.",
        ),
    ],
)
def test_country_rule(entry_facts, category_rules, expected):
    reasons = failed_rules(entry_facts, category_rules)
    assert [r.message for r in reasons] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("published_on", "fails"),
    [
        (datetime.date(2024, 12, 31), True),
        (datetime.date(2025, 1, 1), False),
        (datetime.date(2025, 12, 31), False),
        (datetime.date(2026, 1, 1), True),
        (None, True),
    ],
)
def test_publication_window_rule_includes_both_ends(published_on, fails):
    window = rules(
        published_from=datetime.date(2025, 1, 1),
        published_until=datetime.date(2025, 12, 31),
    )
    reasons = failed_rules(facts(published_on=published_on), window)
    assert rule_names(reasons) == (["publication_window"] if fails else [])


def test_publication_window_message_names_the_dates():
    window = rules(
        published_from=datetime.date(2025, 1, 1),
        published_until=datetime.date(2025, 12, 31),
    )
    (reason,) = failed_rules(facts(published_on=datetime.date(2026, 2, 3)), window)
    assert reason.message == (
        "The work must be published between Jan. 1, 2025 and Dec. 31, 2025; this "
        "entry gives Feb. 3, 2026."
    )


@pytest.mark.parametrize(
    ("birth_year", "fails"),
    [(1996, True), (1997, False), (2005, False)],
)
def test_age_rule_from_birth_year_under_30(birth_year, fails):
    # Under 30 in 2026: at most 29 this year, so born in 1997 or later.
    reasons = failed_rules(facts(team=(Person("Aida", birth_year),)), rules(max_age=29))
    assert rule_names(reasons) == (["age"] if fails else [])


def test_age_rule_checks_every_co_author_and_unknown_birth_years():
    team = (Person("Aida", 2000), Person("Bek", 1980), Person("Chingiz", None))
    (reason,) = failed_rules(facts(team=team), rules(max_age=29))
    assert reason.params["too_old"] == ["Bek"]
    assert reason.params["unknown"] == ["Chingiz"]
    assert reason.message == (
        "Every author must be born in 1997 or later (at most 29 years old this "
        "year): Bek is not. This category has an age limit; add your birth year "
        "to your profile: Chingiz."
    )


@pytest.mark.parametrize(("language", "fails"), [("ky", False), ("en", True)])
def test_language_rule(language, fails):
    reasons = failed_rules(
        facts(language=language), rules(languages=frozenset({"ky", "ru"}))
    )
    assert rule_names(reasons) == (["language"] if fails else [])


@pytest.mark.parametrize(("others", "fails"), [(0, False), (1, False), (2, True)])
def test_entries_per_person_rule(others, fails):
    reasons = failed_rules(facts(other_entries_of_entrant=others), BASE_RULES)
    assert rule_names(reasons) == (["entries_per_person"] if fails else [])


def test_required_files_rule_lists_each_missing_kind():
    (reason,) = failed_rules(
        facts(attachment_kinds=frozenset({"pdf"})),
        rules(required_attachments=frozenset({"pdf", "image", "audio"})),
    )
    assert reason.params == {"missing": ["audio", "image"]}
    assert reason.message == (
        "This category needs an attachment of each kind: Audio, Image."
    )


@pytest.mark.parametrize(("limit", "fails"), [(5, False), (4, True)])
def test_word_limit_rule(limit, fails):
    assert word_count(BASE_FACTS.summary) == 5
    reasons = failed_rules(BASE_FACTS, rules(word_limit=limit))
    assert rule_names(reasons) == (["word_limit"] if fails else [])


def test_team_rule_counts_pending_invitations():
    solo = rules(allows_teams=False)
    assert failed_rules(BASE_FACTS, solo) == []
    assert rule_names(failed_rules(facts(pending_invitations=1), solo)) == ["team"]
    two = facts(team=(Person("Aida", 1998), Person("Bek", 1999)))
    assert rule_names(failed_rules(two, solo)) == ["team"]


def test_every_failed_rule_is_listed_at_once():
    strict = rules(
        countries=frozenset({"KZ"}),
        published_from=datetime.date(2026, 1, 1),
        max_age=29,
        languages=frozenset({"kk"}),
        required_attachments=frozenset({"audio"}),
        word_limit=2,
        allows_teams=False,
    )
    many = facts(
        team=(Person("Aida", 1960), Person("Bek", 1999)),
        other_entries_of_entrant=2,
    )
    assert rule_names(failed_rules(many, strict)) == [
        "country",
        "publication_window",
        "age",
        "language",
        "entries_per_person",
        "required_files",
        "word_limit",
        "team",
    ]


def test_skipped_rules_are_not_reported():
    reasons = failed_rules(
        facts(country="RU"),
        rules(countries=frozenset({"KZ"}), word_limit=1),
        skip=["country"],
    )
    assert rule_names(reasons) == ["word_limit"]


def test_reasons_render_in_the_readers_language():
    from django.utils import translation

    (reason,) = failed_rules(facts(country="RU"), rules(countries=frozenset({"KZ"})))
    stored = Reason.from_json(reason.as_json())
    with translation.override("ru"):
        assert "Казахстан" in stored.message


def test_every_reason_renders_in_every_site_language():
    from django.conf import settings
    from django.utils import translation

    strict = rules(
        countries=frozenset({"KZ"}),
        published_from=datetime.date(2026, 1, 1),
        max_age=29,
        languages=frozenset({"kk"}),
        required_attachments=frozenset({"audio"}),
        word_limit=2,
        allows_teams=False,
    )
    many = facts(
        team=(Person("Aida", 1960), Person("Bek", None)),
        other_entries_of_entrant=2,
        published_on=None,
        country="",
    )
    reasons = failed_rules(many, strict)
    assert len(reasons) == 8
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            messages = [reason.message for reason in reasons]
        assert all(messages), code
        assert len(set(messages)) == 8, code
