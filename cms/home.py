"""What the front page shows besides its own words: the awards open for entries,
the latest winners as cards, and the way to the winners archive."""

from awards.clock import now
from awards.selectors import public_cards
from cms.archive import archive_cards


def home_context(page, request, *, winners: int) -> dict:
    """`open_awards` (live award pages of the page's locale whose award takes
    entries now, newest first), `latest_winners` (the cards of `winners`
    winners, of the awards published last first) and `archive` (the winners
    archive page, or None)."""
    from cms.models import AwardPage, WinnersArchivePage

    moment = now()
    award_pages = (
        AwardPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .select_related("award")
        .order_by("-award__year", "path")
    )
    # The winners of the awards published last come first.
    rows = (
        public_cards.published_prize_rows(now=moment)
        .filter(kind="winner")
        .order_by(
            "-entry__category__award__results_publication__publish_at",
            "entry__category__position",
            "pk",
        )
    )
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
