"""Building blocks for the jury tests: a round with a rubric, jurors and sheets."""

from decimal import Decimal

from django.urls import reverse

from awards.jury import services
from awards.jury.models import Assignment
from tests.factories import (
    CategoryFactory,
    ClosedAwardFactory,
    CriterionFactory,
    EligibleEntryFactory,
    JurorFactory,
    RoundFactory,
    UserFactory,
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


# The named jurors of `final_round`: their names and addresses must never reach
# another juror's page of a blind round.
NAMES = ["Zarina Quillfeather", "Bolot Ashwander", "Madina Corvelle"]
EMAILS = ["zarina.q@example.org", "bolot.a@example.org", "madina.c@example.org"]


def final_round():
    """A blind final round, closed, over two entries; three named jurors scored
    both (the first is the chair); a fourth juror of the award is not assigned."""
    round_, _rubric, _people, (e1, e2) = jury_round(
        jurors=0, entries=2, kind="final", is_blind=True
    )
    jurors = [
        JurorFactory(
            award=round_.award, user=UserFactory(display_name=name, email=email)
        )
        for name, email in zip(NAMES, EMAILS, strict=True)
    ]
    for juror, (v1, v2) in zip(jurors, [(9, 4), (8, 5), (7, 3)], strict=True):
        score(round_, juror, e1, v1)
        score(round_, juror, e2, v2)
    round_.state = "closed"
    round_.chair = jurors[0]
    round_.save()
    outsider = JurorFactory(award=round_.award)
    return round_, jurors, (e1, e2), outsider


def thread_url(name: str, round_, entry) -> str:
    """The address of a deliberation page (`name` without the `awards:` prefix)."""
    return reverse(f"awards:{name}", args=[round_.pk, entry.pk])
