"""Scoring: range, step, open rounds only, one sheet per assignment, final once sent."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from awards.jury import selectors, services
from awards.jury.models import Assignment, AuditRecord, ScoreSheet
from tests.awards.jury.helpers import jury_round, score
from tests.factories import CriterionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    round_, rubric, jurors, entries = jury_round(jurors=2, entries=1)
    assignment = Assignment.objects.create(
        round=round_, juror=jurors[0], entry=entries[0]
    )
    return round_, rubric[0], jurors, assignment


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("11", "“Criterion {n}” is scored from 0 to 10."),
        ("-1", "“Criterion {n}” is scored from 0 to 10."),
        ("7.5", "“Criterion {n}” is scored in steps of 1."),
        ("seven", "“seven” is not a number."),
        ("NaN", "“Criterion {n}” is scored from 0 to 10."),
    ],
)
def test_score_out_of_range_or_off_step_is_refused(scene, value, message):
    _round, criterion, jurors, assignment = scene
    with pytest.raises(ValidationError) as caught:
        services.sheet_save(
            assignment=assignment,
            actor=jurors[0].user,
            scores={criterion.pk: value},
            submit=True,
        )
    expected = message.format(n=criterion.name.split()[-1])
    assert caught.value.message_dict == {f"c{criterion.pk}": [expected]}
    assert not ScoreSheet.objects.filter(submitted_at__isnull=False).exists()


def test_half_steps_are_accepted_when_the_rubric_says_so(scene):
    _round, criterion, jurors, assignment = scene
    criterion.step = "0.5"
    criterion.save()
    sheet = services.sheet_save(
        assignment=assignment,
        actor=jurors[0].user,
        scores={criterion.pk: "7,5"},
        submit=True,
    )
    assert str(sheet.total) == "7.5000"


def test_submit_needs_every_criterion_but_a_draft_does_not(scene):
    round_, criterion, jurors, assignment = scene
    second = CriterionFactory(award=round_.award, name="Clarity")
    draft = services.sheet_save(
        assignment=assignment, actor=jurors[0].user, scores={criterion.pk: "6"}
    )
    assert (draft.submitted_at, draft.total) == (None, None)
    with pytest.raises(ValidationError) as caught:
        services.sheet_save(
            assignment=assignment,
            actor=jurors[0].user,
            scores={criterion.pk: "6"},
            submit=True,
        )
    assert caught.value.message_dict == {
        f"c{second.pk}": ["Score “Clarity” before submitting."]
    }


def test_scoring_after_close_is_refused(scene):
    round_, criterion, jurors, assignment = scene
    staff = UserFactory(is_staff=True, is_superuser=True)
    services.sheet_save(
        assignment=assignment, actor=jurors[0].user, scores={criterion.pk: "5"}
    )
    services.round_close(round=round_, actor=staff)
    with pytest.raises(ValidationError, match="Scoring of .* is closed"):
        services.sheet_save(
            assignment=assignment, actor=jurors[0].user, scores={criterion.pk: "6"}
        )
    assert ScoreSheet.objects.get().scores.get().value == 5


def test_scoring_after_the_closing_time_is_refused_even_if_open(scene):
    round_, criterion, jurors, assignment = scene
    round_.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    round_.opens_at = round_.closes_at - datetime.timedelta(days=1)
    round_.save()
    with pytest.raises(ValidationError, match="closed"):
        services.sheet_save(
            assignment=assignment, actor=jurors[0].user, scores={criterion.pk: "6"}
        )


def test_only_the_assigned_juror_may_score(scene):
    _round, criterion, jurors, assignment = scene
    with pytest.raises(PermissionDenied):
        services.sheet_save(
            assignment=assignment, actor=jurors[1].user, scores={criterion.pk: "6"}
        )


def test_second_submission_is_told_and_the_sheet_stays_one(scene):
    _round, criterion, jurors, assignment = scene
    first = services.sheet_save(
        assignment=assignment,
        actor=jurors[0].user,
        scores={criterion.pk: "6"},
        submit=True,
    )
    with pytest.raises(ValidationError) as caught:
        services.sheet_save(
            assignment=assignment,
            actor=jurors[0].user,
            scores={criterion.pk: "9"},
            submit=True,
        )
    assert caught.value.code == "submitted"
    assert "already submitted" in caught.value.messages[0]
    assert list(ScoreSheet.objects.values_list("pk", "total")) == [
        (first.pk, first.total)
    ]


def test_one_sheet_per_assignment_is_a_database_constraint(scene):
    _round, _criterion, _jurors, assignment = scene
    ScoreSheet.objects.create(assignment=assignment)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.create(assignment=assignment)


@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_at_once_make_one_sheet():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    round_, rubric, jurors, entries = jury_round(jurors=1, entries=1)
    assignment = Assignment.objects.create(
        round=round_, juror=jurors[0], entry=entries[0]
    )
    outcomes = []
    barrier = threading.Barrier(2)

    def submit(value):
        barrier.wait()
        try:
            services.sheet_save(
                assignment=assignment,
                actor=jurors[0].user,
                scores={rubric[0].pk: value},
                submit=True,
            )
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(v,)) for v in ("4", "9")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "submitted"]
    assert ScoreSheet.objects.count() == 1


def test_every_score_change_is_audited_old_to_new(scene):
    _round, criterion, jurors, assignment = scene
    user = jurors[0].user
    services.sheet_save(assignment=assignment, actor=user, scores={criterion.pk: "5"})
    services.sheet_save(assignment=assignment, actor=user, scores={criterion.pk: "5"})
    services.sheet_save(
        assignment=assignment, actor=user, scores={criterion.pk: "8"}, submit=True
    )
    records = list(AuditRecord.objects.values_list("action", "actor_id", "data"))
    sheet = ScoreSheet.objects.get()
    assert records == [
        (
            "score",
            user.pk,
            {
                "sheet": sheet.pk,
                "assignment": assignment.pk,
                "changes": [[criterion.pk, None, "5"]],
            },
        ),
        (
            "submit",
            user.pk,
            {
                "sheet": sheet.pk,
                "assignment": assignment.pk,
                "changes": [[criterion.pk, "5", "8"]],
            },
        ),
    ]


def test_others_scores_follow_the_round_setting(scene):
    round_, criterion, jurors, assignment = scene
    other = score(round_, jurors[1], assignment.entry, 9)
    assert selectors.others_scores(assignment=assignment) is None
    round_.score_visibility = "always"
    round_.save()
    seen = selectors.others_scores(assignment=assignment)
    assert [(s.label, s.total) for s in seen] == [("Juror 1", other.total)]
    round_.score_visibility = "after_own"
    round_.save()
    assert selectors.others_scores(assignment=assignment) is None
    score(round_, jurors[0], assignment.entry, 3)
    assert len(selectors.others_scores(assignment=assignment)) == 1
