"""Build an award with results for the public-site tests (factories); its public
pages come from demo.public, which the benchmarks share."""

from awards.jury.enums import PrizeKind
from demo.public import public_pages
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    EligibleEntryFactory,
    FinalRoundFactory,
    PrizeFactory,
    UserFactory,
)

__all__ = [
    "PRIZE_KINDS",
    "award_with_prizes",
    "losing_entry",
    "public_pages",
    "staff_user",
]


def staff_user():
    user = UserFactory(is_staff=True, is_superuser=True)
    return user


def award_with_prizes(winners: int = 1, *, year: int = 2025, **award_fields):
    """An award whose final round gave `winners` winner prizes (unpublished)."""
    award = AwardFactory(year=year, **award_fields)
    category = CategoryFactory(award=award, name="Investigative", slug="investigative")
    round_ = FinalRoundFactory(award=award, categories=[category])
    prizes = [
        PrizeFactory(
            round=round_,
            entry__category=category,
            entry__title=f"Secret winner title {number}",
            citation=f"Secret citation {number}",
        )
        for number in range(winners)
    ]
    return award, category, round_, prizes


def losing_entry(category):
    """An entry that reached the final round's category but won nothing."""
    return EligibleEntryFactory(category=category, title="Entry that did not win")


PRIZE_KINDS = list(PrizeKind.values)
