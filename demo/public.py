"""Published awards for the public site, built straight in the database: the pages
a test or a benchmark reads (`public_pages`) and an award with many published
winners (`award_with_published_winners`, what `make bench` serves).

Unlike demo.results, which goes through every service a real edition goes through,
these write the rows directly so a large edition takes a moment to build.
"""

import datetime

from django.utils import timezone

from accounts import services as account_services
from accounts.models import User
from awards.jury.models import Prize, Round
from awards.models import Award, Category, Entry, ResultsPublication
from cms.models import AwardPage, HomePage, NewsIndexPage, WinnersArchivePage
from demo.pages import seed_locale_synchronisation

COUNTRIES = ("KZ", "UZ", "KG", "TJ", "TM")
LANGUAGES = ("ru", "kk", "uz", "ky", "tg", "tk", "en")


def public_pages(home: HomePage, award: Award) -> tuple[AwardPage, WinnersArchivePage]:
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


def award_with_published_winners(
    home: HomePage, *, winners: int, slug: str, year: int = 2025
) -> Award:
    """An award whose final round made `winners` entries winners, its public pages
    under `home`, and its results published (cache purged) now."""
    now = timezone.now()
    staff = _user("staff@qalam.test", "Platform Staff", is_superuser=True)
    owner = _user("winner@qalam.test", "Winning Reporter")
    award = Award.objects.create(
        title=f"Award {year}",
        slug=slug,
        year=year,
        timezone="Asia/Almaty",
        opens_date=now.date() - datetime.timedelta(days=30),
        closes_date=now.date() + datetime.timedelta(days=30),
        max_entries_per_person=3,
    )
    category = Category.objects.create(
        award=award, name="Investigative", slug="investigative"
    )
    final = Round.objects.create(
        award=award,
        name="Final",
        kind="final",
        position=2,
        state="decided",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=7),
        jurors_per_entry=2,
        is_blind=True,
    )
    final.categories.set([category])
    entries = Entry.objects.bulk_create(
        _winning_entry(category, owner, n, now) for n in range(winners)
    )
    Prize.objects.bulk_create(
        Prize(
            round=final,
            entry=entry,
            kind="winner",
            citation="Careful, brave reporting.",
            decided_by=staff,
            decided_at=now,
        )
        for entry in entries
    )
    public_pages(home, award)
    ResultsPublication.objects.create(
        award=award, publish_at=now, published_by=staff, purged_at=now
    )
    return award


def _user(email: str, name: str, *, is_superuser: bool = False) -> User:
    return account_services.user_create(
        email=email,
        password=None,
        display_name=name,
        is_superuser=is_superuser,
        email_verified=True,
    )


def _winning_entry(
    category: Category, owner: User, n: int, now: datetime.datetime
) -> Entry:
    return Entry(
        category=category,
        owner=owner,
        title=f"Winning story number {n}",
        summary="A year of reporting.",
        outlet="Kloop",
        country=COUNTRIES[n % len(COUNTRIES)],
        language_id=LANGUAGES[n % len(LANGUAGES)],
        published_on=now.date() - datetime.timedelta(days=60),
        publication_urls=["https://example.org/story"],
        ai_use="none",
        licence=("cc-by-nc-nd-4.0", "cc-by-4.0", "contact-outlet")[n % 3],
        declares_original_work=True,
        declares_right_to_submit=True,
        consents_to_publish=True,
        state="winner",
        reference=f"QB-{n:06d}",
        submitted_at=now,
    )
