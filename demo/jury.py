"""Demo jury for `make run`: the 2026 award's first round, 12 jurors from five
countries (one without), conflicts, some sheets; every entry is judged by jurors
from at least two countries, none from its own. Idempotent (nothing is touched
once the round exists) and emails nobody (invitations are made with send=False).

The demo juror juror@qalam.test has an authenticator app with the published demo
secret demo.accounts.DEMO_TOTP_SECRET; `manage.py demo_totp` prints the current code.
"""

import datetime
import random

from django.utils import timezone

from accounts.models import User
from awards.jury.models import Assignment, Criterion, Round
from awards.jury.services import (
    assignment,
    conflicts,
    membership,
    rounds,
    scoring,
)
from awards.models import Award, Entry
from demo.accounts import demo_totp_activate, demo_user_ensure

DEMO_JUROR = "juror@qalam.test"
ROUND_NAME = "First round: scoring"

RUBRIC = (
    ("Public interest", "How much the work matters to the people it concerns.", 2),
    ("Reporting and evidence", "Original reporting, documents, verification.", 2),
    ("Storytelling", "Clarity, structure and craft for its audience.", 1),
    ("Ethics and transparency", "Fairness, right of reply, methods explained.", 1),
)

# name, regional languages read (all read ru and en), outlet, country. Each
# language is read in four countries (the first juror of a country reads its
# language and the next, the second the two after), so an entry still finds three
# jurors from two countries once its own country's are left out.
JURORS = (
    ("Gulmira Ospanova", ("kk", "uz"), "Almaty Courier", "KZ"),
    ("Sherzod Tursunov", ("uz", "ky"), "Samarkand Voice", "UZ"),
    ("Ainura Beishenova", ("ky", "tg"), "Kloop", "KG"),  # an entrant's outlet
    ("Saodat Nazarova", ("tg", "tk"), "Khujand Herald", "TJ"),
    ("Maral Durdyeva", ("tk", "kk"), "Ashgabat Notes", "TM"),
    ("Yerlan Akhmetov", ("ky", "tg"), "Steppe Data Lab", "KZ"),
    ("Dilbar Khamidova", ("tg", "tk"), "Fergana Review", "UZ"),
    ("Kanat Mamytov", ("tk", "kk"), "Osh Daily", "KG"),
    ("Rustam Sharipov", ("kk", "uz"), "Pamir Post", "TJ"),
    ("Oguljan Atayeva", ("uz", "ky"), "Caspian Desk", "TM"),
    # No country in her profile: she fills a place but never counts as a country.
    ("Anna Petrova", ("kk", "uz", "ky", "tg", "tk"), "Eurasia Monitor", ""),
)


def seed(award: Award | None) -> Round | None:
    """The first round of `award` with its jury, unless it exists already."""
    if award is None:
        return None
    existing = Round.objects.filter(award=award, position=1).first()
    if existing is not None:
        return existing
    organiser = User.objects.filter(is_superuser=True).order_by("pk").first()
    if organiser is None:
        return None
    _rubric(award)
    now = timezone.now()
    round_ = Round(
        award=award,
        name=ROUND_NAME,
        kind="scoring",
        position=1,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=30),
        jurors_per_entry=3,
        # A cross-border jury: two countries per entry, never one's own.
        min_juror_countries=2,
        exclude_own_country=True,
        is_blind=True,
        score_visibility="after_own",
        state="draft",
    )
    round_.full_clean()
    round_.save()
    round_.categories.set(award.categories.all())
    jurors = _jury(award, organiser)
    _conflicts(award, jurors, organiser)
    round_ = rounds.round_open(round=round_, actor=organiser)
    assignment.assignment_run(round=round_, actor=organiser, seed=2026)
    _sheets(round_)
    return round_


def _rubric(award: Award) -> None:
    for position, (name, guidance, weight) in enumerate(RUBRIC):
        criterion = Criterion(
            award=award, name=name, guidance=guidance, weight=weight, position=position
        )
        criterion.full_clean()
        criterion.save()


def _demo_juror() -> User | None:
    user = User.objects.filter(email=DEMO_JUROR).first()
    if user is not None:
        demo_totp_activate(user)
    return user


def _jury(award: Award, organiser: User) -> list:
    people = []
    demo = _demo_juror()
    if demo is not None:
        people.append(demo)
    for number, (name, languages, outlet, country) in enumerate(JURORS, start=1):
        user, created = demo_user_ensure(
            f"juror{number:02d}@qalam.test",
            display_name=name,
            country=country,
            outlet=outlet,
            languages=(*languages, "ru", "en"),
        )
        if created:
            demo_totp_activate(user)
        people.append(user)
    jurors = []
    for user in people:
        juror, token = membership.juror_invite(
            award=award, email=user.email, categories=[], actor=organiser, send=False
        )
        jurors.append(membership.juror_accept(token=token, user=user))
    return jurors


def _conflicts(award: Award, jurors: list, organiser: User) -> None:
    entries = list(
        Entry.objects.filter(category__award=award, state="eligible").order_by("pk")
    )
    if len(entries) < 3 or len(jurors) < 3:
        return
    # A juror declares one (a former colleague), staff add another.
    conflicts.conflict_declare(
        juror=jurors[1],
        entry=entries[0],
        reason="I edited an earlier version of this story.",
        actor=jurors[1].user,
    )
    conflicts.conflict_declare(
        juror=jurors[4],
        entry=entries[1],
        reason="Juror's sibling is quoted as a source.",
        actor=organiser,
    )
    # A declared relation: the juror never judges this entrant's work.
    jurors[6].related_people.add(entries[2].owner)


def _sheets(round_: Round) -> None:
    """Submitted sheets for about half the assignments, with each juror's own
    harshness, so the results page and its charts have something to show."""
    rng = random.Random(2026)  # noqa: S311 - demo variety, not security
    rows = list(
        Assignment.objects.filter(round=round_)
        .select_related("juror__user", "entry__category")
        .order_by("juror_id", "entry_id")
    )
    criteria = list(Criterion.objects.filter(award=round_.award))
    bias = {}
    done: dict[int, int] = {}
    for row in rows:
        user = row.juror.user
        bias.setdefault(row.juror_id, rng.choice((-2, -1, 0, 0, 1, 2)))
        count = done.get(row.juror_id, 0)
        limit = 1 if user.email == DEMO_JUROR else 4
        if count >= limit:
            continue
        done[row.juror_id] = count + 1
        values = {
            c.pk: str(max(0, min(10, rng.randint(4, 9) + bias[row.juror_id])))
            for c in criteria
        }
        scoring.sheet_save(
            assignment=row,
            actor=user,
            scores=values,
            comment="",
            feedback="",
            submit=True,
        )
