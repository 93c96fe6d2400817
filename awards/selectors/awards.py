"""Reads of award editions and their categories, for entrants' pages."""

import datetime

from django.db.models import QuerySet
from django.http import Http404

from awards.models import Award, Category
from awards.selectors import localized


def awards_open(*, now: datetime.datetime) -> list[Award]:
    """Awards that take entries at `now` (their deadline includes the grace)."""
    awards = Award.objects.prefetch_related(localized.award_translations())
    return [award for award in awards if award.is_open(now)]


def award_by_slug(*, slug: str) -> Award:
    """One award or 404."""
    try:
        return Award.objects.get(slug=slug)
    except Award.DoesNotExist as error:
        raise Http404 from error


def categories_for_award(*, award: Award) -> QuerySet[Category]:
    """The award's categories in display order, with their accepted languages and
    translations."""
    return award.categories.prefetch_related(
        "languages", localized.category_translations()
    ).order_by("position", "name")
