"""Eligibility rules as pure functions: facts in, every failed rule out.

Nothing here touches the database. `services` gathers the facts about an entry
(`EntryFacts`) and the rules of its category (`CategoryRules`) and calls
`failed_rules`. A failure is stored as a rule and its parameters, and turned into a
sentence only when shown, so each reader sees it in their own language.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from awards.enums import AttachmentKind, EligibilityRule


@dataclass(frozen=True)
class Person:
    name: str
    birth_year: int | None


@dataclass(frozen=True)
class CategoryRules:
    award_year: int
    countries: frozenset[str] = frozenset()
    published_from: datetime.date | None = None
    published_until: datetime.date | None = None
    max_age: int | None = None
    languages: frozenset[str] = frozenset()
    allows_teams: bool = True
    required_attachments: frozenset[str] = frozenset()
    word_limit: int | None = None
    max_entries_per_person: int = 1


@dataclass(frozen=True)
class EntryFacts:
    country: str
    language: str
    published_on: datetime.date | None
    summary: str
    attachment_kinds: frozenset[str]
    team: tuple[Person, ...]  # the entrant first, then every co-author
    pending_invitations: int = 0
    other_entries_of_entrant: int = 0  # submitted to the same award, not withdrawn


@dataclass(frozen=True)
class Reason:
    """One failed rule; `params` hold only JSON values."""

    rule: str
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"rule": self.rule, "params": self.params}

    @classmethod
    def from_json(cls, data: dict) -> "Reason":
        return cls(rule=data["rule"], params=dict(data.get("params", {})))

    @property
    def message(self) -> str:
        """The reason as a sentence in the active language."""
        return describe(self)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def check_country(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    if not rules.countries or facts.country in rules.countries:
        return None
    return Reason(
        EligibilityRule.COUNTRY,
        {"country": facts.country, "allowed": sorted(rules.countries)},
    )


def check_publication_window(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    if rules.published_from is None and rules.published_until is None:
        return None
    published = facts.published_on
    if (
        published is not None
        and (rules.published_from is None or published >= rules.published_from)
        and (rules.published_until is None or published <= rules.published_until)
    ):
        return None
    return Reason(
        EligibilityRule.PUBLICATION_WINDOW,
        {
            "published_on": published.isoformat() if published else None,
            "from": rules.published_from.isoformat() if rules.published_from else None,
            "until": rules.published_until.isoformat()
            if rules.published_until
            else None,
        },
    )


def check_age(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    """Everyone on the team may reach at most `max_age` in the award's year."""
    if rules.max_age is None:
        return None
    earliest = rules.award_year - rules.max_age
    too_old = [p.name for p in facts.team if p.birth_year and p.birth_year < earliest]
    unknown = [p.name for p in facts.team if not p.birth_year]
    if not too_old and not unknown:
        return None
    return Reason(
        EligibilityRule.AGE,
        {
            "max_age": rules.max_age,
            "born_from": earliest,
            "too_old": too_old,
            "unknown": unknown,
        },
    )


def check_language(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    if not rules.languages or facts.language in rules.languages:
        return None
    return Reason(
        EligibilityRule.LANGUAGE,
        {"language": facts.language, "allowed": sorted(rules.languages)},
    )


def check_entries_per_person(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    if facts.other_entries_of_entrant < rules.max_entries_per_person:
        return None
    return Reason(
        EligibilityRule.ENTRIES_PER_PERSON,
        {
            "max": rules.max_entries_per_person,
            "submitted": facts.other_entries_of_entrant,
        },
    )


def check_required_files(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    missing = sorted(rules.required_attachments - facts.attachment_kinds)
    if not missing:
        return None
    return Reason(EligibilityRule.REQUIRED_FILES, {"missing": missing})


def check_word_limit(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    if rules.word_limit is None:
        return None
    words = word_count(facts.summary)
    if words <= rules.word_limit:
        return None
    return Reason(
        EligibilityRule.WORD_LIMIT, {"limit": rules.word_limit, "words": words}
    )


def check_team(facts: EntryFacts, rules: CategoryRules) -> Reason | None:
    if rules.allows_teams or (len(facts.team) <= 1 and not facts.pending_invitations):
        return None
    return Reason(EligibilityRule.TEAM, {})


CHECKS: tuple[Callable[[EntryFacts, CategoryRules], Reason | None], ...] = (
    check_country,
    check_publication_window,
    check_age,
    check_language,
    check_entries_per_person,
    check_required_files,
    check_word_limit,
    check_team,
)


def failed_rules(
    facts: EntryFacts, rules: CategoryRules, *, skip: Iterable[str] = ()
) -> list[Reason]:
    """Every rule the entry fails, in a fixed order; rules in `skip` are not run."""
    skipped = set(skip)
    reasons = []
    for check in CHECKS:
        reason = check(facts, rules)
        if reason is not None and reason.rule not in skipped:
            reasons.append(reason)
    return reasons


# --- Sentences ----


def _country_names(codes: Iterable[str]) -> str:
    return ", ".join(sorted(str(countries.name(code) or code) for code in codes))


def _language_names(codes: Iterable[str]) -> str:
    from django.utils.translation import get_language_info

    names = []
    for code in codes:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return ", ".join(names)


def _date(value: str | None) -> str:
    if not value:
        return "—"
    return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")


def describe(reason: Reason) -> str:
    p = reason.params
    rule = reason.rule
    if rule == EligibilityRule.COUNTRY:
        return _(
            "The work must be published in one of: %(allowed)s; this entry gives "
            "“%(country)s”."
        ) % {
            "allowed": _country_names(p["allowed"]),
            "country": _country_names([p["country"]]) if p["country"] else "—",
        }
    if rule == EligibilityRule.PUBLICATION_WINDOW:
        return _(
            "The work must be published between %(start)s and %(end)s; this entry "
            "gives %(published)s."
        ) % {
            "start": _date(p["from"]),
            "end": _date(p["until"]),
            "published": _date(p["published_on"]),
        }
    if rule == EligibilityRule.AGE:
        parts = []
        if p["too_old"]:
            parts.append(
                _(
                    "Every author must be born in %(year)s or later (at most "
                    "%(age)s years old this year): %(names)s is not."
                )
                % {
                    "year": p["born_from"],
                    "age": p["max_age"],
                    "names": ", ".join(p["too_old"]),
                }
            )
        if p["unknown"]:
            parts.append(
                _(
                    "This category has an age limit; add your birth year to your "
                    "profile: %(names)s."
                )
                % {"names": ", ".join(p["unknown"])}
            )
        return " ".join(parts)
    if rule == EligibilityRule.LANGUAGE:
        return _(
            "The work must be in one of: %(allowed)s; this entry is in %(language)s."
        ) % {
            "allowed": _language_names(p["allowed"]),
            "language": _language_names([p["language"]]) if p["language"] else "—",
        }
    if rule == EligibilityRule.ENTRIES_PER_PERSON:
        return ngettext(
            "Each person may submit %(max)s entry to this award; you have already "
            "submitted %(submitted)s.",
            "Each person may submit %(max)s entries to this award; you have already "
            "submitted %(submitted)s.",
            p["max"],
        ) % {"max": p["max"], "submitted": p["submitted"]}
    if rule == EligibilityRule.REQUIRED_FILES:
        labels = dict(AttachmentKind.choices)
        return _("This category needs an attachment of each kind: %(missing)s.") % {
            "missing": ", ".join(str(labels.get(kind, kind)) for kind in p["missing"])
        }
    if rule == EligibilityRule.WORD_LIMIT:
        return _("The summary may have at most %(limit)s words; it has %(words)s.") % {
            "limit": p["limit"],
            "words": p["words"],
        }
    if rule == EligibilityRule.TEAM:
        return _("This category takes entries by one author only, without co-authors.")
    return str(rule)
