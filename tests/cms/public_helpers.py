"""Build an award with results and its public pages for the public-site tests."""

from awards.jury.enums import PrizeKind
from awards.models import Award
from cms.models import AwardPage, HomePage, NewsIndexPage, WinnersArchivePage
from demo.pages import seed_locale_synchronisation
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    EligibleEntryFactory,
    FinalRoundFactory,
    PrizeFactory,
    UserFactory,
)


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


def public_pages(home: HomePage, award: Award):
    """The award's page, the winners archive and news under `home`, in every
    language (wagtail-localize aliases)."""
    award_page = home.add_child(
        instance=AwardPage(title=award.title, slug=award.slug, award=award)
    )
    award_page.save_revision().publish()
    archive = WinnersArchivePage.objects.filter(locale=home.locale).first()
    if archive is None:
        archive = home.add_child(
            instance=WinnersArchivePage(title="Winners", slug="winners")
        )
        archive.save_revision().publish()
        news = home.add_child(instance=NewsIndexPage(title="News", slug="news"))
        news.save_revision().publish()
    seed_locale_synchronisation()
    return award_page, archive


PRIZE_KINDS = list(PrizeKind.values)
