"""Calibration: organisers' set, jurors' sheets before the round opens, the
anonymous comparison with the panel, and opening a round with a calibration set."""

import datetime
import html
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.jury import selectors, services
from awards.jury.models import (
    Assignment,
    AuditRecord,
    CalibrationItem,
    CalibrationSheet,
    Conflict,
    ScoreSheet,
)
from tests.awards.jury.helpers import jury_round
from tests.factories import (
    CategoryFactory,
    EligibleEntryFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def _samples(round_, entries):
    """Move `entries` to a category of the award the round does not judge: a
    calibration entry must not be one the round judges."""
    sample = CategoryFactory(award=round_.award)
    for entry in entries:
        entry.category = sample
        entry.save(update_fields=["category"])
    return entries


@pytest.fixture
def scene(staff):
    """A draft round opening tomorrow, a two-criterion rubric, five jurors judging
    every category, two sample entries (of a category the round does not judge)
    and the first of them in the calibration set."""
    now = timezone.now()
    round_, rubric, jurors, entries = jury_round(
        jurors=5,
        entries=2,
        criteria=2,
        state="draft",
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=8),
    )
    _samples(round_, entries)
    services.calibration_add(round=round_, actor=staff, reference=entries[0].reference)
    return round_, rubric, jurors, entries


def _calibrate(round_, juror, entry, values, *, submit=True):
    criteria = list(round_.award.criteria.all())
    return services.calibration_sheet_save(
        round=round_,
        entry=entry,
        actor=juror.user,
        scores={c.pk: str(v) for c, v in zip(criteria, values, strict=True)},
        submit=submit,
    )


def _url(round_, entry):
    return reverse("awards:jury_calibration_entry", args=[round_.pk, entry.pk])


# --- organisers --------------------------------------------------------------------


def test_organiser_adds_and_removes_entries_by_reference(client, staff, scene):
    round_, _rubric, jurors, entries = scene
    client.force_login(staff)
    add = reverse("award_rounds:calibration_add", args=[round_.pk])
    added = client.post(add, {"reference": f" {entries[1].reference} "}, follow=True)
    assert f"{entries[1].reference} is in the calibration set." in _text(added)
    wrong = client.post(add, {"reference": "QA-NOPE"}, follow=True)
    assert "No entry of this award has the reference “QA-NOPE”." in _text(wrong)
    again = client.post(add, {"reference": entries[1].reference}, follow=True)
    assert f"{entries[1].reference} is already in the calibration set." in _text(again)
    assert list(
        CalibrationItem.objects.filter(round=round_).values_list("entry_id", "position")
    ) == [(entries[0].pk, 1), (entries[1].pk, 2)]

    _calibrate(round_, jurors[0], entries[1], (5, 5))
    remove = reverse("award_rounds:calibration_remove", args=[round_.pk, entries[1].pk])
    removed = client.post(remove, follow=True)
    assert (
        f"{entries[1].reference} left the calibration set with 1 juror's sheet."
        in _text(removed)
    )
    assert not CalibrationSheet.objects.filter(entry=entries[1]).exists()
    assert [
        (r.action, r.data)
        for r in AuditRecord.objects.filter(action__startswith="calibration_")
        .exclude(action="calibration_sheet")
        .order_by("sequence")
    ] == [
        ("calibration_add", {"entry": entries[0].pk}),
        ("calibration_add", {"entry": entries[1].pk}),
        ("calibration_remove", {"entry": entries[1].pk, "sheets_dropped": 1}),
    ]


def test_entry_of_another_award_and_changes_of_an_open_round_are_refused(staff, scene):
    round_, _rubric, _jurors, entries = scene
    stranger = EligibleEntryFactory(category=CategoryFactory())
    with pytest.raises(ValidationError, match="No entry of this award has"):
        services.calibration_add(
            round=round_, actor=staff, reference=stranger.reference
        )
    # A sample entry in any state (here a draft without a reference yet) is fine
    # once it has a reference.
    sample = EntryFactory(category=entries[0].category, reference="SAMPLE-1")
    services.calibration_add(round=round_, actor=staff, reference="SAMPLE-1")
    assert CalibrationItem.objects.filter(round=round_, entry=sample).exists()
    with pytest.raises(PermissionDenied):
        services.calibration_add(
            round=round_, actor=UserFactory(), reference=entries[1].reference
        )
    round_.state = "open"
    round_.save()
    with pytest.raises(ValidationError, match="only while the round is a draft"):
        services.calibration_add(
            round=round_, actor=staff, reference=entries[1].reference
        )
    with pytest.raises(ValidationError, match="only while the round is a draft"):
        services.calibration_remove(round=round_, actor=staff, entry=entries[0])


def test_withdrawn_entries_and_entries_the_round_judges_are_refused(
    client, staff, scene
):
    round_, _rubric, jurors, entries = scene
    judged = EligibleEntryFactory(category=round_.categories.get())
    client.force_login(staff)
    add = reverse("award_rounds:calibration_add", args=[round_.pk])
    refused = _text(client.post(add, {"reference": judged.reference}, follow=True))
    assert (
        f"{judged.reference} is judged in this round, so it cannot be a calibration "
        "entry" in refused
    )
    withdrawn = EligibleEntryFactory(
        category=entries[1].category, reference="SAMPLE-W", state="withdrawn"
    )
    with pytest.raises(ValidationError, match="SAMPLE-W is withdrawn; it cannot"):
        services.calibration_add(round=round_, actor=staff, reference="SAMPLE-W")
    # Assigned in the round, even if no longer in the state the round takes.
    Assignment.objects.create(round=round_, juror=jurors[0], entry=entries[1])
    with pytest.raises(ValidationError, match="is judged in this round"):
        services.calibration_add(
            round=round_, actor=staff, reference=entries[1].reference
        )
    assert set(
        CalibrationItem.objects.filter(round=round_).values_list("entry_id", flat=True)
    ) == {entries[0].pk}
    assert not AuditRecord.objects.filter(
        action="calibration_add", data__entry__in=[judged.pk, withdrawn.pk]
    ).exists()


def test_manage_page_shows_progress_per_juror_and_spread_per_item(client, staff, scene):
    round_, _rubric, jurors, entries = scene
    for juror, values in zip(jurors[:3], ((4, 4), (6, 6), (9, 9)), strict=True):
        _calibrate(round_, juror, entries[0], values)
    client.force_login(staff)
    page = _text(client.get(reverse("award_rounds:manage", args=[round_.pk])))
    assert "Calibration" in page and 'name="anyway"' in page
    assert "<td>3</td>" in page  # sheets submitted of the item
    assert "<td>6</td>" in page and "4–9" in page  # median, range
    progress = {
        row.juror.pk: (row.submitted, row.expected, row.offset)
        for row in selectors.calibration_progress(round=round_)
    }
    assert progress == {
        jurors[0].pk: (1, 1, D("-3.50")),  # 4 against the others' median 7.5
        jurors[1].pk: (1, 1, D("-0.50")),
        jurors[2].pk: (1, 1, D("4.00")),
        jurors[3].pk: (0, 1, None),
        jurors[4].pk: (0, 1, None),
    }


def test_progress_offsets_count_only_active_jurors_sheets(scene):
    round_, _rubric, jurors, entries = scene
    for juror, values in zip(jurors[:4], ((4, 4), (6, 6), (9, 9), (8, 8)), strict=True):
        _calibrate(round_, juror, entries[0], values)
    jurors[2].removed_at = timezone.now()
    jurors[2].save()
    jurors[3].accepted_at = None
    jurors[3].save()
    progress = {
        row.juror.pk: (row.submitted, row.expected, row.offset)
        for row in selectors.calibration_progress(round=round_)
    }
    assert progress == {
        jurors[0].pk: (1, 1, D("-2.00")),  # 4 against 6 only, not the median of 6, 9, 8
        jurors[1].pk: (1, 1, D("2.00")),
        jurors[4].pk: (0, 1, None),
    }


# --- opening the round ---------------------------------------------------------------


def test_round_open_refuses_while_sheets_are_missing_unless_opened_anyway(
    client, staff, scene
):
    round_, _rubric, jurors, entries = scene
    # A juror conflicted with the item and a removed juror are not waited for.
    Conflict.objects.create(
        juror=jurors[4], entry=entries[0], source="staff", reason="x", created_by=staff
    )
    jurors[3].removed_at = timezone.now()
    jurors[3].save()
    _calibrate(round_, jurors[0], entries[0], (5, 5))
    with pytest.raises(ValidationError, match="2 calibration sheets are still missing"):
        services.round_open(round=round_, actor=staff)
    client.force_login(staff)
    state = reverse("award_rounds:state", args=[round_.pk, "open"])
    refused = client.post(state, follow=True)
    assert "2 calibration sheets are still missing." in _text(refused)
    round_.refresh_from_db()
    assert round_.state == "draft"
    client.post(state, {"anyway": "on"})
    round_.refresh_from_db()
    assert round_.state == "open"
    record = AuditRecord.objects.filter(action="round_state").get()
    assert record.data == {
        "from": "draft",
        "to": "open",
        "reason": "",
        "calibration_missing": 2,
        "opened_anyway": True,
    }


def test_round_open_goes_ahead_once_everyone_has_calibrated(staff, scene):
    round_, _rubric, jurors, entries = scene
    for juror in jurors:
        _calibrate(round_, juror, entries[0], (5, 5))
    round_ = services.round_open(round=round_, actor=staff)
    assert round_.state == "open"
    assert AuditRecord.objects.filter(action="round_state").get().data == {
        "from": "draft",
        "to": "open",
        "reason": "",
        "calibration_missing": 0,
        "opened_anyway": False,
    }
    # Calibration never becomes an assignment or a score sheet.
    assert (Assignment.objects.count(), ScoreSheet.objects.count()) == (0, 0)


# --- jurors' sheets ---------------------------------------------------------------


def test_juror_saves_a_draft_then_submits_once_with_an_audit_record(client, scene):
    round_, rubric, jurors, entries = scene
    client.force_login(jurors[0].user)
    url = _url(round_, entries[0])
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="c{rubric[0].pk}"' in page.content.decode()
    saved = client.post(url, {f"c{rubric[0].pk}": "6", "save": ""}, follow=True)
    assert "Your draft is saved." in _text(saved)
    sent = client.post(
        url, {f"c{rubric[0].pk}": "6", f"c{rubric[1].pk}": "9", "submit": ""}
    )
    assert sent.status_code == 302 and sent.url == url
    sheet = CalibrationSheet.objects.get()
    assert (sheet.juror_id, str(sheet.total), sheet.is_submitted) == (
        jurors[0].pk,
        "7.5000",
        True,
    )
    record = AuditRecord.objects.get(action="calibration_sheet")
    assert (record.actor_id, record.round_id, record.data) == (
        jurors[0].user_id,
        round_.pk,
        {
            "juror": jurors[0].pk,
            "entry": entries[0].pk,
            "scores": [[rubric[0].pk, "6"], [rubric[1].pk, "9"]],
            "total": "7.5",
        },
    )
    again = client.post(
        url,
        {f"c{rubric[0].pk}": "1", f"c{rubric[1].pk}": "1", "submit": ""},
        follow=True,
    )
    assert "This calibration sheet can no longer change." in _text(again)
    with pytest.raises(ValidationError, match="already submitted"):
        _calibrate(round_, jurors[0], entries[0], (1, 1))
    assert CalibrationSheet.objects.get().total == D("7.5")
    assert AuditRecord.objects.filter(action="calibration_sheet").count() == 1


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("11", "5", "is scored from 0 to 10."),
        ("-1", "5", "is scored from 0 to 10."),
        ("2.5", "5", "is scored in steps of 1."),
        ("abc", "5", "“abc” is not a number."),
        ("5", "", "before submitting."),
    ],
)
def test_bad_scores_are_refused_as_on_a_score_sheet(
    client, scene, first, second, message
):
    round_, rubric, jurors, entries = scene
    client.force_login(jurors[0].user)
    page = client.post(
        _url(round_, entries[0]),
        {f"c{rubric[0].pk}": first, f"c{rubric[1].pk}": second, "submit": ""},
    )
    assert page.status_code == 200
    assert message in _text(page)
    assert not CalibrationSheet.objects.filter(submitted_at__isnull=False).exists()


def test_scoring_is_refused_once_the_round_is_open_or_its_time_has_come(client, scene):
    round_, rubric, jurors, entries = scene
    url = _url(round_, entries[0])
    client.force_login(jurors[0].user)
    round_.opens_at = timezone.now() - datetime.timedelta(minutes=1)
    round_.save()  # still a draft, but its opening time has passed
    with pytest.raises(ValidationError, match="Calibration of .* is over"):
        _calibrate(round_, jurors[0], entries[0], (5, 5))
    page = client.get(url)
    assert "Calibration is over" in _text(page)
    assert "<fieldset disabled>" in page.content.decode()
    round_.opens_at = timezone.now() + datetime.timedelta(hours=1)
    round_.state = "open"
    round_.save()
    refused = client.post(
        url,
        {f"c{rubric[0].pk}": "5", f"c{rubric[1].pk}": "5", "save": ""},
        follow=True,
    )
    assert "This calibration sheet can no longer change." in _text(refused)
    with pytest.raises(ValidationError, match="Calibration of .* is over"):
        _calibrate(round_, jurors[0], entries[0], (5, 5))
    assert not CalibrationSheet.objects.exists()


def test_jurors_who_do_not_score_the_item_get_404(client, staff, scene):
    round_, _rubric, jurors, entries = scene
    other_category = CategoryFactory(award=round_.award)
    jurors[1].categories.set([other_category])
    Conflict.objects.create(
        juror=jurors[2], entry=entries[0], source="staff", reason="x", created_by=staff
    )
    jurors[3].removed_at = timezone.now()
    jurors[3].save()
    outsider = UserFactory()
    from tests.factories import mfa_on

    mfa_on(outsider)
    urls = [
        reverse("awards:jury_calibration", args=[round_.pk]),
        _url(round_, entries[0]),
        _url(round_, entries[1]),  # not in the calibration set
    ]
    for user in (jurors[1].user, jurors[2].user, jurors[3].user, outsider):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
        with pytest.raises(PermissionDenied):
            services.calibration_sheet_save(
                round=round_, entry=entries[0], actor=user, scores={}
            )
    client.force_login(jurors[0].user)
    assert [client.get(url).status_code for url in urls] == [200, 200, 404]


def test_list_leaves_out_a_submitted_item_the_juror_no_longer_sees(
    client, staff, scene
):
    round_, _rubric, jurors, entries = scene
    services.calibration_add(round=round_, actor=staff, reference=entries[1].reference)
    _calibrate(round_, jurors[0], entries[0], (5, 5))
    for juror in jurors[1:4]:
        _calibrate(round_, juror, entries[0], (6, 6))
    Conflict.objects.create(
        juror=jurors[0], entry=entries[0], source="staff", reason="x", created_by=staff
    )
    client.force_login(jurors[0].user)
    page = client.get(reverse("awards:jury_calibration", args=[round_.pk]))
    assert page.status_code == 200
    text = _text(page)
    assert _url(round_, entries[0]) not in text
    assert entries[1].title in text
    assert "On average you score" not in text
    assert client.get(_url(round_, entries[0])).status_code == 404


# --- the comparison ------------------------------------------------------------------


def test_comparison_waits_for_three_other_jurors(client, scene):
    round_, _rubric, jurors, entries = scene
    _calibrate(round_, jurors[0], entries[0], (8, 6))
    _calibrate(round_, jurors[1], entries[0], (5, 5))
    _calibrate(round_, jurors[2], entries[0], (9, 9))
    client.force_login(jurors[0].user)
    page = _text(client.get(_url(round_, entries[0])))
    assert "The comparison appears once 3 other jurors have scored it." in page
    assert "Panel median" not in page
    _calibrate(round_, jurors[3], entries[0], (6, 4), submit=False)  # a draft
    assert "Panel median" not in _text(client.get(_url(round_, entries[0])))


def test_three_others_show_the_median_and_difference_only_and_no_names(client, scene):
    round_, rubric, jurors, entries = scene
    _calibrate(round_, jurors[0], entries[0], (8, 6))  # total 7
    for juror, values in zip(
        jurors[1:4], ((5, 4), (6, 7), (9, 5)), strict=True
    ):  # totals 4.5, 6.5, 7
        _calibrate(round_, juror, entries[0], values)
    sheet = CalibrationSheet.objects.get(juror=jurors[0])
    comparison = selectors.calibration_comparison(sheet=sheet)
    assert [
        (line.label, line.own, line.panel.median, line.panel.q1, line.panel.q3)
        for line in comparison.lines
    ] == [
        (rubric[0].name, D(8), D(6), None, None),
        (rubric[1].name, D(6), D(5), None, None),
        ("Weighted total", D(7), D("6.5"), None, None),
    ]
    client.force_login(jurors[0].user)
    page = _text(client.get(_url(round_, entries[0])))
    assert "Panel median" in page and "6.50" in page and "+0.50" in page
    # Neither the lowest nor the highest other score: with three others, they
    # and the median would be every score.
    assert "4.50" not in page and "4.5" not in page and "–7" not in page
    assert "It appears once 5 other jurors have scored it." in page
    assert "From 3 other jurors' submitted sheets; no names are shown." in page
    for other in jurors[1:]:
        assert other.user.email not in page
        assert str(other.user) not in page
    overview = _text(client.get(reverse("awards:jury_calibration", args=[round_.pk])))
    assert "On average you score 0.50 points above the panel's median." in overview
    assert "you 7, panel median 6.50" in overview


def test_five_others_add_the_middle_half_never_the_lowest_or_highest(client, scene):
    round_, _rubric, jurors, entries = scene
    jurors += [JurorFactory(award=round_.award)]
    _calibrate(round_, jurors[0], entries[0], (8, 6))  # total 7
    for juror, values in zip(
        jurors[1:], ((1, 2), (3, 3), (4, 6), (8, 8), (9, 10)), strict=True
    ):  # totals 1.5, 3, 5, 8, 9.5
        _calibrate(round_, juror, entries[0], values)
    sheet = CalibrationSheet.objects.get(juror=jurors[0])
    comparison = selectors.calibration_comparison(sheet=sheet)
    assert [
        (line.panel.median, line.panel.q1, line.panel.q3) for line in comparison.lines
    ] == [(D(4), D(3), D(8)), (D(6), D(3), D(8)), (D(5), D(3), D(8))]
    client.force_login(jurors[0].user)
    page = _text(client.get(_url(round_, entries[0])))
    assert "Middle half of the panel" in page and "<td>3–8</td>" in page
    assert "+2" in page  # 7 against the median total 5
    assert "1.50" not in page and "9.50" not in page
    for low_high in ("1–9", "2–10", "1.50–9.50"):
        assert low_high not in page
    assert "It appears once 5 other jurors" not in page
    assert "From 5 other jurors' submitted sheets; no names are shown." in page


def test_summary_is_the_mean_difference_over_compared_items(staff, scene):
    round_, _rubric, jurors, entries = scene
    services.calibration_add(round=round_, actor=staff, reference=entries[1].reference)
    _calibrate(round_, jurors[0], entries[0], (2, 2))  # 2 against a median of 6
    _calibrate(round_, jurors[0], entries[1], (6, 6))  # 6 against a median of 7
    for juror in jurors[1:4]:
        _calibrate(round_, juror, entries[0], (6, 6))
        _calibrate(round_, juror, entries[1], (7, 7))
    rows, offset = selectors.calibration_overview(
        round=round_,
        juror=jurors[0],
        items=selectors.calibration_items_for(round=round_, juror=jurors[0]),
    )
    assert [row.comparison.total.offset for row in rows] == [D("-4.00"), D("-1.00")]
    assert offset == D("-2.50")


# --- dashboard and blindness ---------------------------------------------------------


def test_dashboard_calls_to_calibrate_until_done(client, scene):
    round_, _rubric, jurors, entries = scene
    client.force_login(jurors[0].user)
    dashboard = reverse("awards:jury_dashboard")
    link = reverse("awards:jury_calibration", args=[round_.pk])
    page = _text(client.get(dashboard))
    assert link in page and "0 of 1 submitted" in page
    _calibrate(round_, jurors[0], entries[0], (5, 5))
    assert link not in _text(client.get(dashboard))


def test_blind_round_hides_names_and_serves_a_neutral_file(client, scene):
    from django.core.files.base import ContentFile

    from awards.models import EntryFile

    round_, _rubric, jurors, entries = scene
    entry = entries[0]
    entry.owner.display_name = "Aizhan Secretname"
    entry.owner.save()
    entry.outlet = "Vlast Unique"
    entry.save()
    EntryFile.objects.create(
        entry=entry,
        file=ContentFile(b"\x89PNG-not-really", name="Aizhan_story.png"),
        storage_name="x1.png",
        name="Aizhan_Secretname.png",
        kind="image",
        content_type="image/png",
        size=16,
        uploaded_by=entry.owner,
    )
    client.force_login(jurors[0].user)
    page = _text(client.get(_url(round_, entry)))
    for secret in ("Aizhan", "Vlast Unique"):
        assert secret not in page
    assert "attachment-1.png" in page
    files = reverse("awards:jury_calibration_attachment", args=[round_.pk, entry.pk, 1])
    # The damaged image cannot be cleaned: never served, the juror is told.
    refused = client.get(files, follow=True)
    assert refused.redirect_chain[-1][0] == _url(round_, entry)
    assert (
        client.get(
            reverse("awards:jury_calibration_attachment", args=[round_.pk, entry.pk, 2])
        ).status_code
        == 404
    )
    round_.is_blind = False
    round_.save()
    page = _text(client.get(_url(round_, entry)))
    assert "Vlast Unique" in page
    download = client.get(files)
    assert download["Content-Disposition"] == (
        'attachment; filename="Aizhan_Secretname.png"'
    )
    assert b"".join(download.streaming_content) == b"\x89PNG-not-really"
    download.close()


def test_calibration_list_query_count_is_the_same_for_1_and_20_items(
    client, staff, scene
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    round_, _rubric, jurors, entries = scene
    more = [EligibleEntryFactory(category=entries[0].category) for _ in range(19)]
    for entry in more:
        services.calibration_add(round=round_, actor=staff, reference=entry.reference)
    for juror in jurors[:4]:  # every item compared, so every line is computed
        for entry in [entries[0], *more]:
            _calibrate(round_, juror, entry, (5, 7))
    small, _r, small_jurors, small_entries = jury_round(
        jurors=4,
        entries=1,
        criteria=2,
        state="draft",
        opens_at=round_.opens_at,
        closes_at=round_.closes_at,
    )
    _samples(small, small_entries)
    services.calibration_add(
        round=small, actor=staff, reference=small_entries[0].reference
    )
    for juror in small_jurors:
        _calibrate(small, juror, small_entries[0], (5, 7))
    counts = []
    for round_x, juror in ((small, small_jurors[0]), (round_, jurors[0])):
        client.force_login(juror.user)
        url = reverse("awards:jury_calibration", args=[round_x.pk])
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
