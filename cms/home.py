"""What the front page shows besides its own words: the awards open for entries,
the latest winners as cards, and the way to the winners archive."""

from awards.clock import now
from awards.selectors import public_cards
from cms.archive import archive_cards


def home_context(page, request, *, winners: int) -> dict:
    """`open_awards` (live award pages of the page's locale whose award takes
    entries now, newest first), `latest_winners` (the last `winners` winners'
    cards) and `archive` (the winners archive page, or None)."""
    from cms.models import AwardPage, WinnersArchivePage

    moment = now()
    award_pages = (
        AwardPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .select_related("award")
        .order_by("-award__year", "path")
    )
    rows = public_cards.published_prize_rows(now=moment).filter(kind="winner")
    return {
        "open_awards": [p for p in award_pages if p.award.is_open(moment)],
        "latest_winners": archive_cards(
            rows[:winners], locale_id=page.locale_id, request=request
        ),
        "archive": WinnersArchivePage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .first(),
    }
