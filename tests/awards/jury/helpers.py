"""Building blocks for the jury tests: a round with a rubric, jurors and sheets."""

from decimal import Decimal

from awards.jury import services
from awards.jury.models import Assignment
from tests.factories import (
    CategoryFactory,
    ClosedAwardFactory,
    CriterionFactory,
    EligibleEntryFactory,
    JurorFactory,
    RoundFactory,
)


def jury_round(*, jurors: int = 3, entries: int = 3, criteria: int = 1, **round_kwargs):
    """An open round over one category, `criteria` 0–10 criteria of weight 1, of an
    award whose entries have closed."""
    category = CategoryFactory(award=ClosedAwardFactory())
    award = category.award
    rubric = [CriterionFactory(award=award) for _ in range(criteria)]
    round_ = RoundFactory(award=award, categories=[category], **round_kwargs)
    people = [JurorFactory(award=award) for _ in range(jurors)]
    works = [
        EligibleEntryFactory(category=category, outlet="", summary="A story.")
        for _ in range(entries)
    ]
    return round_, rubric, people, works


def score(round_, juror, entry, values, *, submit=True, criteria=None, feedback=""):
    """Assign `juror` to `entry` and submit their sheet with `values`."""
    assignment, _ = Assignment.objects.get_or_create(
        round=round_, juror=juror, entry=entry
    )
    criteria = criteria or list(round_.award.criteria.all())
    if not isinstance(values, list | tuple):
        values = [values] * len(criteria)
    return services.sheet_save(
        assignment=assignment,
        actor=juror.user,
        scores={c.pk: str(Decimal(v)) for c, v in zip(criteria, values, strict=True)},
        submit=submit,
        feedback=feedback,
    )
