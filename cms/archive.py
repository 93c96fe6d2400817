"""What the winners archive page shows: the filters, the page of prize cards and
the pager, read from the awards' public selectors."""

import hashlib
from typing import NamedTuple

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from accounts.widgets import LongSelect
from awards.selectors import public, public_cards
from cms.cache import derived
from cms.templatetags.qalam_tags import country_name, language_name


class ArchiveCard(NamedTuple):
    """One prize as the winners archive shows it, every line made."""

    kind: str
    kind_label: str
    url: str
    title: str
    shown_language: str
    language_label: str
    byline: str
    source: str  # HTML
    image_url: str = ""


def archive_context(page, request) -> dict:
    """The archive page's context: `filters`, `choices`, `page_obj`, `items`.

    The filter choices, the award pages' addresses and the number of matches are
    kept until the next purge (cms.cache.derived): they are the same for every
    page of the archive and every reader.
    """
    filters = public.clean_filters(request.GET)
    rows = public_cards.published_prize_rows(filters=filters)
    which = hashlib.blake2b(repr(sorted(filters.items())).encode(), digest_size=16)
    paginator = Paginator(rows, page.per_page)
    paginator.count = derived(f"archive:count:{which.hexdigest()}", rows.count)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    items = archive_cards(
        page_obj.object_list, locale_id=page.locale_id, request=request
    )
    reader = get_language()
    return {
        "filters": filters,
        "selects": _filter_selects(
            derived(f"archive:choices:{reader}", public.filter_choices), filters
        ),
        "page_obj": page_obj,
        "items": items,
    }


def archive_cards(rows, *, locale_id: int, request) -> list[ArchiveCard]:
    """Cards for rows of `published_prize_rows`, each linked to its entry's page
    under its award's page in the locale `locale_id` (no link where the award has
    no live page there)."""
    award_urls = derived(
        f"archive:award-urls:{locale_id}:{request.get_host()}",
        lambda: _award_urls(locale_id, request),
    )
    kind_labels = public.prize_kind_labels()
    reader = get_language()
    in_language: dict[str, str] = {}  # "In Russian", made once per language shown
    cards = public_cards.prize_cards(rows)
    images = public_cards.card_image_urls(cards)
    # Each card's lines are made here, not in the template: a page has twenty.
    return [
        ArchiveCard(
            kind=card.kind,
            kind_label=kind_labels[card.kind],
            url=f"{award_urls[card.award_id]}entries/{card.entry_id}/"
            if card.award_id in award_urls
            else "",
            title=card.title,
            shown_language=card.shown_language,
            language_label=""
            if card.shown_language == reader
            else _in_language(card.shown_language, in_language),
            byline=" · ".join(
                part
                for part in (
                    ", ".join(card.authors),
                    card.outlet,
                    country_name(card.country) if card.country else "",
                )
                if part
            ),
            # Each name is marked with its language where it is not the reader's.
            source=format_html("{} · {}", card.award_title, card.category_name),
            image_url=images.get(card.image_id, ""),
        )
        for card in cards
    ]


def _in_language(code: str, made: dict[str, str]) -> str:
    if code not in made:
        made[code] = gettext("In %(language)s") % {"language": language_name(code)}
    return made[code]


def _filter_selects(choices: dict[str, list], filters: dict[str, str]) -> dict:
    """The four filters' selects, the filter in use selected. Their options are
    escaped once per list and language (LongSelect), not drawn one by one in the
    template. Entries without a country or a language offer no option for it."""
    lists = {
        "year": (gettext("All years"), [(str(y), str(y)) for y in choices["years"]]),
        "category": (gettext("All categories"), choices["categories"]),
        "country": (
            gettext("All countries"),
            [(code, country_name(code)) for code in choices["countries"] if code],
        ),
        "language": (
            gettext("All languages"),
            [(code, language_name(code)) for code in choices["languages"] if code],
        ),
    }
    return {
        name: LongSelect(
            choices=[("", everything), *options], attrs={"id": f"f-{name}"}
        ).render(name, filters.get(name))
        for name, (everything, options) in lists.items()
    }


def _award_urls(locale_id: int, request) -> dict[int, str]:
    """Each award's page in the locale `locale_id`, by award id."""
    from cms.models import AwardPage

    # Only what a page's URL is made of: an award page carries its body too.
    award_pages = (
        AwardPage.objects.live()
        .filter(locale_id=locale_id)
        .only("award_id", "url_path")
    )
    return {
        award_page.award_id: award_page.get_url(request) for award_page in award_pages
    }
