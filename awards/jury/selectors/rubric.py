"""The rubric: which criteria score a category, and the pure arithmetic of scores
(a sheet's weighted total, range, step, and how a score is written)."""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db.models import Q

from awards.jury.models import Criterion
from awards.models import Category

TOTAL_PLACES = Decimal("0.0001")


def rubric_for(category: Category) -> list[Criterion]:
    """The category's own criteria if it has any, else the award's."""
    criteria = list(
        Criterion.objects.filter(
            Q(category=category) | Q(award_id=category.award_id, category__isnull=True)
        )
    )
    own = [c for c in criteria if c.category_id == category.pk]
    return own or [c for c in criteria if c.category_id is None]


def weighted_total(
    criteria: Iterable[Criterion], values: Mapping[int, Decimal]
) -> Decimal:
    """The weighted mean of the scores, on the rubric's scale (every criterion
    given), rounded to four places."""
    criteria = list(criteria)
    weights = sum((c.weight for c in criteria), Decimal(0))
    total = sum((c.weight * values[c.pk] for c in criteria), Decimal(0))
    return (total / weights).quantize(TOTAL_PLACES)


def is_on_step(criterion: Criterion, value: Decimal) -> bool:
    return (value - criterion.min_score) % criterion.step == 0


def is_in_range(criterion: Criterion, value: Decimal) -> bool:
    return criterion.min_score <= value <= criterion.max_score


def plain(value: Decimal) -> str:
    """10.00 → "10", 0.50 → "0.5"."""
    return format(value.normalize(), "f")
