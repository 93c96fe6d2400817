"""bench/load/check.py: the lost-write check against real rows, and the figures
section it writes into docs/performance.md."""

import argparse
import importlib.util
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from awards.jury.models import Assignment
from awards.jury.services import scoring
from investigations import services as investigation_services
from secure_docs import services as secure_services
from tests.awards.jury.helpers import jury_round
from tests.factories import EntryFactory, InvestigationFactory, UserFactory

CHECK = Path(django_settings.BASE_DIR) / "bench" / "load" / "check.py"


@pytest.fixture(scope="module")
def check():
    """The script as a module (its django.setup() finds Django set up already)."""
    spec = importlib.util.spec_from_file_location("bench_load_check", CHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sheet_write(assignment, values: dict, comment: str, *, started, at) -> dict:
    return {
        "kind": "sheet",
        "assignment": assignment.pk,
        "scores": {f"c{pk}": value for pk, value in values.items()},
        "comment": comment,
        "started": started,
        "at": at,
        "juror": assignment.juror.email,
    }


def _save(assignment, values: dict, comment: str) -> None:
    scoring.sheet_save(
        assignment=assignment,
        actor=assignment.juror.user,
        scores=values,
        comment=comment,
    )


@pytest.fixture
def writes(db, settings, tmp_path):
    """Real rows for every kind of write, and the records of those writes."""
    settings.STORAGES = {
        **settings.STORAGES,
        "secure_docs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "secure", "base_url": None},
        },
    }
    round_, rubric, jurors, entries = jury_round(jurors=2, entries=2, criteria=2)
    first, second = (
        Assignment.objects.create(round=round_, juror=juror, entry=entries[0])
        for juror in jurors
    )
    unsaved = Assignment.objects.create(round=round_, juror=jurors[0], entry=entries[1])
    early = {rubric[0].pk: "3", rubric[1].pk: "4"}
    late = {rubric[0].pk: "7", rubric[1].pk: "8"}
    _save(first, early, "first draft")
    _save(first, late, "second draft")
    _save(second, early, "only save")

    lead = UserFactory()
    investigation = InvestigationFactory(created_by=lead)
    todo, doing = investigation.columns.order_by("position")[:2]
    task = investigation_services.task_create(
        actor=lead, investigation=investigation, column=todo, title="Check"
    )
    for column in (doing, todo, doing):
        task = investigation_services.task_move(
            actor=lead,
            investigation=investigation,
            task_id=task.pk,
            column_id=column.pk,
            index=0,
            expected_version=task.version,
        )
    assert (task.version, task.column_id) == (4, doing.pk)

    secure_services.document_create(
        actor=lead,
        investigation=investigation,
        title="load memo",
        upload=secure_services.encrypt_to_storage(
            investigation=investigation, name="memo.txt", chunks=iter([b"memo"])
        ),
    )
    records = [
        _sheet_write(first, early, "first draft", started=10.0, at=10.5),
        _sheet_write(first, late, "second draft", started=11.0, at=11.5),
        _sheet_write(second, early, "only save", started=12.0, at=12.5),
        {"kind": "move", "task": task.pk, "column": todo.pk, "version": 3, "at": 13},
        {"kind": "move", "task": task.pk, "column": doing.pk, "version": 4, "at": 14},
        {"kind": "move", "task": task.pk, "column": doing.pk, "version": 2, "at": 15},
        {"kind": "document", "title": "load memo", "at": 16},
    ]
    return {
        "records": records,
        "first": first,
        "unsaved": unsaved,
        "rubric": rubric,
        "task": task,
        "todo": todo,
        "doing": doing,
    }


def test_every_accepted_write_in_the_database_is_no_loss(check, writes):
    assert check.lost_writes(writes["records"]) == []


def test_an_empty_run_loses_nothing(check, db):
    assert check.lost_writes([]) == []


def test_a_missing_sheet_is_named(check, writes):
    unsaved, rubric = writes["unsaved"], writes["rubric"]
    values = {rubric[0].pk: "5", rubric[1].pk: "5"}
    record = _sheet_write(unsaved, values, "never stored", started=20.0, at=20.5)
    assert check.lost_writes([*writes["records"], record]) == [
        f"sheet of assignment {unsaved.pk} missing"
    ]


def test_a_sheet_holding_an_older_save_than_the_last_accepted_is_named(check, writes):
    first, rubric = writes["first"], writes["rubric"]
    newer = {rubric[0].pk: "9", rubric[1].pk: "9"}
    record = _sheet_write(first, newer, "third draft", started=30.0, at=30.5)
    assert check.lost_writes([*writes["records"], record]) == [
        f"sheet of assignment {first.pk}: last save not stored"
    ]


def test_a_submitted_sheet_is_no_loss(check, writes):
    first, rubric = writes["first"], writes["rubric"]
    final = {rubric[0].pk: "9", rubric[1].pk: "10"}
    scoring.sheet_save(
        assignment=first,
        actor=first.juror.user,
        scores=final,
        comment="final",
        submit=True,
    )
    record = _sheet_write(first, final, "final", started=40.0, at=40.5)
    assert check.lost_writes([*writes["records"], {**record, "submitted": True}]) == []


def test_an_accepted_submission_the_sheet_does_not_hold_is_named(check, writes):
    first, rubric = writes["first"], writes["rubric"]
    late = {rubric[0].pk: "7", rubric[1].pk: "8"}
    record = _sheet_write(first, late, "second draft", started=11.0, at=11.5)
    records = [*writes["records"], {**record, "submitted": True}]
    assert check.lost_writes(records) == [
        f"sheet of assignment {first.pk}: submission not stored"
    ]


def test_a_sheet_with_the_last_comment_but_other_scores_is_named(check, writes):
    first, rubric = writes["first"], writes["rubric"]
    other = {rubric[0].pk: "7", rubric[1].pk: "9"}  # 8 stored
    record = _sheet_write(first, other, "second draft", started=30.0, at=30.5)
    assert check.lost_writes([*writes["records"], record]) == [
        f"sheet of assignment {first.pk}: last save not stored"
    ]


def test_a_save_that_overlapped_the_last_may_be_the_one_stored(check, writes):
    # The stored save ("second draft", answered at 11.5) overlapped a later-answered
    # one that started before 11.5: either may have committed last.
    first, rubric = writes["first"], writes["rubric"]
    overlapping = {rubric[0].pk: "1", rubric[1].pk: "1"}
    record = _sheet_write(first, overlapping, "racing tab", started=11.2, at=11.8)
    assert check.lost_writes([*writes["records"], record]) == []
    # Started after the stored one was answered: it should have won.
    record = _sheet_write(first, overlapping, "racing tab", started=11.6, at=11.8)
    assert check.lost_writes([*writes["records"], record]) == [
        f"sheet of assignment {first.pk}: last save not stored"
    ]


def test_a_task_at_a_lower_version_than_the_last_accepted_move_is_named(check, writes):
    task, doing = writes["task"], writes["doing"]
    record = {"kind": "move", "task": task.pk, "column": doing.pk, "version": 5}
    assert check.lost_writes([*writes["records"], record]) == [
        f"task {task.pk}: move to version 5 lost"
    ]


def test_a_task_in_another_column_than_the_last_accepted_move_is_named(check, writes):
    task, todo = writes["task"], writes["todo"]
    records = [r for r in writes["records"] if r.get("version") != 4]
    records.append({"kind": "move", "task": task.pk, "column": todo.pk, "version": 4})
    assert check.lost_writes(records) == [f"task {task.pk}: move to version 4 lost"]


def test_a_move_of_a_task_not_in_the_database_is_named(check, writes):
    pk = writes["task"].pk + 1000
    records = [r for r in writes["records"] if r["kind"] != "move"]
    records.append({"kind": "move", "task": pk, "column": 1, "version": 2})
    assert check.lost_writes(records) == [f"task {pk}: move to version 2 lost"]


def test_a_missing_document_is_named(check, writes):
    record = {"kind": "document", "title": "load never stored"}
    assert check.lost_writes([*writes["records"], record]) == [
        "document 'load never stored' missing"
    ]


def test_every_loss_is_named_once(check, writes):
    first, task = writes["first"], writes["task"]
    records = [
        *writes["records"],
        {"kind": "document", "title": "gone"},
        _sheet_write(first, {writes["rubric"][0].pk: "2"}, "lost", started=40, at=41),
        {"kind": "move", "task": task.pk, "column": task.column_id, "version": 9},
    ]
    assert check.lost_writes(records) == [
        "document 'gone' missing",
        f"sheet of assignment {first.pk}: last save not stored",
        f"task {task.pk}: move to version 9 lost",
    ]


# --- The figures section ------------------------------------------------------------

ROWS = [
    {
        "Type": "GET",
        "Name": "/",
        "Request Count": "120",
        "Failure Count": "0",
        "Requests/s": "2.0",
        "50%": "41",
        "95%": "120.4",
        "99%": "N/A",
    },
    {
        "Type": "POST",
        "Name": "/a|b/",
        "Request Count": "30",
        "Failure Count": "1",
        "Requests/s": "0.5",
        "50%": "",
        "95%": "250",
        "99%": "300",
    },
    {
        "Type": "",
        "Name": "Aggregated",
        "Request Count": "150",
        "Failure Count": "1",
        "Requests/s": "2.5",
        "50%": "44",
        "95%": "200",
        "99%": "290",
    },
]


def test_ms_rounds_and_marks_missing_figures(check):
    assert [check.ms(v) for v in ("41", "120.6", "", "N/A")] == [
        "41",
        "121",
        "—",
        "—",
    ]


def test_the_section_reports_the_run_and_a_row_per_endpoint(check):
    args = argparse.Namespace(started="2026-01-02 03:04 UTC", users="20", duration="60")
    writes = [
        {"kind": "sheet"},
        {"kind": "sheet", "submitted": True},
        {"kind": "move"},
        {"kind": "move"},
    ]
    text = check.section(args, ROWS, writes, lost=["document 'x' missing"])
    lines = text.splitlines()
    assert lines[0] == "## Load test"
    assert text.endswith("\n")
    assert "- requests: 150, requests/s: 2.5" in lines
    assert "- latency p50 / p95 / p99: 44 / 200 / 290 ms" in lines
    assert "- errors: 1" in lines
    assert (
        "- accepted writes: 2 score-sheet saves (of which 1 submitted), 2 card "
        "moves, 0 document uploads; lost writes: 1"
    ) in lines
    assert lines[-2:] == [
        "| GET / | 120 | 0 | 41 | 120 | — |",
        "| POST /a\\|b/ | 30 | 1 | — | 250 | 300 |",
    ]


SECTION = "## Load test\n\nnew figures\n"


def test_the_section_is_appended_to_a_page_without_one(check, tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\n## Benchmarks\n\nold text\n\n", encoding="utf-8")
    check.replace_section(doc, SECTION)
    assert doc.read_text(encoding="utf-8") == (
        "# Performance\n\n## Benchmarks\n\nold text\n\n## Load test\n\nnew figures\n"
    )


def test_the_section_replaces_the_previous_one_and_keeps_the_next(check, tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text(
        "# Performance\n\n## Load test\n\nold figures\n| a | b |\n\n## Notes\n\nkept\n",
        encoding="utf-8",
    )
    check.replace_section(doc, SECTION)
    assert doc.read_text(encoding="utf-8") == (
        "# Performance\n\n## Load test\n\nnew figures\n\n## Notes\n\nkept\n"
    )
    check.replace_section(doc, SECTION)  # a second run changes nothing
    assert doc.read_text(encoding="utf-8") == (
        "# Performance\n\n## Load test\n\nnew figures\n\n## Notes\n\nkept\n"
    )


def test_the_section_replaces_one_at_the_end(check, tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\n## Load test\n\nold\n", encoding="utf-8")
    check.replace_section(doc, SECTION)
    assert doc.read_text(encoding="utf-8") == (
        "# Performance\n\n## Load test\n\nnew figures\n"
    )


def test_a_missing_page_is_created_with_the_section(check, tmp_path):
    doc = tmp_path / "performance.md"
    check.replace_section(doc, SECTION)
    assert doc.read_text(encoding="utf-8") == SECTION


# --- the deadline surge's entries -------------------------------------------------


def _entry_writes(entry, *drafts: tuple[str, str, float]) -> list[dict]:
    """The records of a draft's creation and saves: (kind, summary, started)."""
    writes = [
        {"kind": "entry", "entry": entry.pk, "email": entry.owner.email, "at": 1.0}
    ]
    for kind, summary, started in drafts:
        writes.append(
            {
                "kind": kind,
                "entry": entry.pk,
                "summary": summary,
                "started": started,
                "at": started + 0.5,
            }
        )
    return writes


def test_an_entry_holding_its_last_accepted_save_is_no_loss(check, db):
    entry = EntryFactory(summary="second")
    writes = _entry_writes(entry, ("draft", "first", 1.0), ("draft", "second", 2.0))
    assert check.lost_writes(writes) == []


def test_a_save_sent_after_the_last_accepted_may_be_the_one_stored(check, db):
    # The run stopped waiting for its answer; the server stored it all the same.
    entry = EntryFactory(summary="third")
    writes = _entry_writes(
        entry,
        ("draft", "first", 1.0),
        ("draft", "second", 2.0),
        ("draft_sent", "third", 3.0),
    )
    assert check.lost_writes(writes) == []


def test_an_entry_holding_an_older_save_is_named(check, db):
    entry = EntryFactory(summary="first")
    writes = _entry_writes(
        entry,
        ("draft_sent", "first", 1.0),
        ("draft", "first", 1.0),
        ("draft", "second", 2.0),
    )
    assert check.lost_writes(writes) == [
        f"entry {entry.pk}: last saved draft not stored"
    ]


def test_an_accepted_submission_of_a_draft_is_named(check, db):
    entry = EntryFactory(summary="first")
    writes = _entry_writes(entry, ("draft", "first", 1.0))
    writes.append({"kind": "submitted", "entry": entry.pk, "at": 3.0})
    assert check.lost_writes(writes) == [f"entry {entry.pk}: submission not stored"]
