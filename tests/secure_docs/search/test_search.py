"""Searching a workspace through its page: documents in several scripts, the
board, filters, phrases, passages, and what a bad query gets."""

import datetime
import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from investigations import services as investigation_services
from secure_docs import services
from secure_docs.enums import IndexKind, IndexStatus
from secure_docs.models import Document, SearchPosting, SearchSegment, SearchUnit
from tests.secure_docs.search.helpers import (
    hits,
    index_pending,
    marks,
    search_page,
    upload_text,
)

pytestmark = pytest.mark.django_db

RUSSIAN = (
    "Компания «Кокандский текстиль» перевела деньги через банк в Ташкенте. "
    "Директор Жахонгир Тошматов отказался от комментариев."
).encode()
KAZAKH = (
    "Тошматов мырза Алматыдағы кеңсесінде жиналыс өткізді. "
    "Қоқан қаласынан келген серіктестер қатысты."
).encode()
UZBEK = (
    "Jahongir Toshmatov Qoʻqon shahridagi fabrikani 2019-yilda sotib olgan. "
    "Hujjatlar Toshkentdagi notariusda imzolangan."
).encode()


@pytest.fixture
def documents(client, workspace):
    client.force_login(workspace.lead)
    upload_text(client, workspace.codename, RUSSIAN, name="ru.txt", title="Bank memo")
    upload_text(
        client, workspace.codename, KAZAKH, name="kk.txt", title="Meeting notes"
    )
    upload_text(client, workspace.codename, UZBEK, name="uz.txt", title="Factory deed")
    units = index_pending()
    assert [u.status for u in units if u.kind == IndexKind.DOCUMENT] == [
        IndexStatus.DONE
    ] * 3
    return units


def test_a_name_in_latin_letters_finds_it_in_every_script(client, workspace, documents):
    response = search_page(client, workspace.codename, "Toshmatov")
    assert response.status_code == 200
    assert sorted(hits(response)) == ["Bank memo", "Factory deed", "Meeting notes"]
    assert sorted(set(marks(response))) == ["Toshmatov", "Тошматов"]


def test_a_place_finds_its_exonym_and_endonyms(client, workspace, documents):
    for query in ("Kokand", "Қўқон", "Qoʻqon", "Коканд"):
        response = search_page(client, workspace.codename, query)
        assert sorted(hits(response)) == ["Factory deed", "Meeting notes"], query


def test_every_word_must_match_and_phrases_must_be_whole(client, workspace, documents):
    assert hits(search_page(client, workspace.codename, "Toshmatov fabrikani")) == [
        "Factory deed"
    ]
    # The phrase in Latin letters finds it in Cyrillic too (Жахонгир Тошматов).
    phrase = search_page(client, workspace.codename, '"Jahongir Toshmatov"')
    assert sorted(hits(phrase)) == ["Bank memo", "Factory deed"]
    # Both words are there, but not side by side in this order.
    assert hits(search_page(client, workspace.codename, '"Тошматов Жахонгир"')) == []
    # The Kazakh minutes name him too, but not with his first name.
    assert "Meeting notes" not in hits(phrase)


def test_the_passage_shows_the_match_in_its_words(client, workspace, documents):
    response = search_page(client, workspace.codename, "notariusda")
    page = response.content.decode()
    assert hits(response) == ["Factory deed"]
    assert "<mark>notariusda</mark> imzolangan" in page
    assert "Toshkentdagi" in page


def test_board_tasks_comments_and_notes_are_searchable(client, workspace):
    lead = workspace.lead
    task = investigation_services.task_create(
        actor=lead,
        investigation=workspace.investigation,
        column=workspace.task.column,
        title="Call the notary in Namangan",
        labels="sources, urgent",
    )
    investigation_services.comment_create(
        actor=lead, task=task, body="The Namangan notary refused to talk."
    )
    client.force_login(lead)
    upload_text(client, workspace.codename, b"unrelated text", title="Memo")
    document = Document.objects.get(title="Memo")
    services.note_create(actor=lead, document=document, body="Ask about Namangan.")
    index_pending()

    response = search_page(client, workspace.codename, "Наманган")
    assert sorted(hits(response)) == [
        "Call the notary in Namangan",
        "Comment on “Call the notary in Namangan”",
        "Note on “Memo”",
    ]
    only_tasks = search_page(client, workspace.codename, "Namangan", kind="task")
    assert hits(only_tasks) == ["Call the notary in Namangan"]
    labelled = search_page(client, workspace.codename, "Namangan", label="urgent")
    assert sorted(hits(labelled)) == [
        "Call the notary in Namangan",
        "Comment on “Call the notary in Namangan”",
    ]


def test_a_task_edit_is_searchable_and_the_old_words_are_gone(client, workspace):
    task = workspace.task
    investigation_services.task_update(
        actor=workspace.lead,
        task=task,
        expected_version=task.version,
        title="Visit Termez",
        description="",
        due_date=None,
        labels="",
        assignees=[],
    )
    index_pending()
    client.force_login(workspace.lead)
    assert hits(search_page(client, workspace.codename, "Termiz")) == ["Visit Termez"]
    investigation_services.task_update(
        actor=workspace.lead,
        task=task,
        expected_version=task.version + 1,
        title="Visit Nukus",
        description="",
        due_date=None,
        labels="",
        assignees=[],
    )
    for unit_id in services.units_to_index():
        services.unit_index(unit_id=unit_id)
    services.unit_index(unit_id=SearchUnit.objects.get(task=task).pk)
    assert hits(search_page(client, workspace.codename, "Termez")) == []
    assert hits(search_page(client, workspace.codename, "Nukus")) == ["Visit Nukus"]


def test_filters_by_author_date_and_language(client, workspace, documents):
    client.force_login(workspace.lead)
    reporter = workspace.people["reporter"]
    client.force_login(reporter)
    upload_text(
        client, workspace.codename, UZBEK, name="copy.txt", title="Reporter copy"
    )
    index_pending()
    by_reporter = search_page(
        client, workspace.codename, "Toshmatov", author=reporter.pk
    )
    assert hits(by_reporter) == ["Reporter copy"]
    uzbek = search_page(client, workspace.codename, "Toshmatov", language="uz")
    assert sorted(hits(uzbek)) == ["Factory deed", "Reporter copy"]
    tomorrow = (
        datetime.datetime.now(tz=datetime.UTC).date() + datetime.timedelta(days=1)
    ).isoformat()
    future = search_page(client, workspace.codename, "Toshmatov", date_from=tomorrow)
    assert hits(future) == []
    wrong = search_page(
        client,
        workspace.codename,
        "Toshmatov",
        date_from=tomorrow,
        date_to=datetime.datetime.now(tz=datetime.UTC).date().isoformat(),
    )
    assert wrong.status_code == 400
    assert "The “from” date is after the “to” date." in wrong.content.decode()


@pytest.mark.parametrize("query", ["", "!!! ... ???", "«»—–-"])
def test_a_query_with_no_words_says_so(client, workspace, documents, query):
    response = search_page(client, workspace.codename, query)
    assert response.status_code == 200
    assert "Type at least one word" in response.content.decode()
    assert hits(response) == []


def test_a_query_of_ten_thousand_characters_is_cut_and_answered(
    client, workspace, documents
):
    response = search_page(client, workspace.codename, "Toshmatov " + "x" * 9990)
    assert response.status_code == 200
    # The ten-thousand-letter "word" is dropped; the name is searched for.
    assert sorted(hits(response)) == ["Bank memo", "Factory deed", "Meeting notes"]
    long_query = " ".join(["Toshmatov"] + [f"w{i}" for i in range(1500)])
    response = search_page(client, workspace.codename, long_query)
    assert "only its first words were searched for" in response.content.decode()


def test_the_search_page_runs_the_same_queries_for_one_result_and_twenty(
    client, workspace
):
    client.force_login(workspace.lead)
    upload_text(client, workspace.codename, b"Samarkand ledger one", title="Ledger 0")
    upload_text(client, workspace.codename, b"Bukhara ledger", title="Other")
    index_pending()
    with CaptureQueriesContext(connection) as one:
        assert hits(search_page(client, workspace.codename, "Samarqand")) == [
            "Ledger 0"
        ]
    for n in range(1, 20):
        upload_text(
            client, workspace.codename, f"Samarkand ledger {n}".encode(), title=f"L{n}"
        )
    index_pending()
    with CaptureQueriesContext(connection) as twenty:
        assert len(hits(search_page(client, workspace.codename, "Samarqand"))) == 20
    assert len(twenty.captured_queries) == len(one.captured_queries)


def test_deleting_a_document_empties_its_part_of_the_index(
    client, workspace, documents
):
    document = Document.objects.get(title="Factory deed")
    document_id = document.pk
    services.document_delete(actor=workspace.lead, document=document)
    assert not SearchUnit.objects.filter(version__document_id=document_id).exists()
    # The other two documents' and the board task's.
    assert SearchSegment.objects.count() == 3
    assert SearchUnit.objects.filter(kind=IndexKind.DOCUMENT).count() == 2
    assert set(
        SearchPosting.objects.values_list("unit_id", flat=True).distinct()
    ) == set(SearchUnit.objects.values_list("pk", flat=True))
    assert sorted(hits(search_page(client, workspace.codename, "Toshmatov"))) == [
        "Bank memo",
        "Meeting notes",
    ]


def test_a_duplicate_upload_is_flagged(client, workspace):
    client.force_login(workspace.lead)
    upload_text(client, workspace.codename, b"same bytes", title="First copy")
    response = upload_text(
        client, workspace.codename, b"same bytes", title="Second copy"
    )
    detail = client.get(response["Location"])
    page = detail.content.decode()
    assert "The same file (identical SHA-256) is already here: “First copy” v1." in page
    assert 'data-testid="duplicate"' in page


def test_the_document_page_shows_each_versions_index_status(client, workspace):
    client.force_login(workspace.lead)
    response = upload_text(
        client, workspace.codename, b"Bishkek report", title="Report"
    )
    detail_url = response["Location"]
    assert "waiting to be read" in client.get(detail_url).content.decode()
    index_pending()
    page = client.get(detail_url).content.decode()
    assert "searchable" in page
    assert "2 words" in page


def test_a_removed_member_finds_nothing_and_loses_their_saved_searches(
    client, workspace, documents
):
    viewer = workspace.people["viewer"]
    client.force_login(viewer)
    url = reverse("secure_docs:search", args=[workspace.codename])
    assert len(hits(search_page(client, workspace.codename, "Toshmatov"))) == 3
    client.post(
        reverse("secure_docs:saved_search_create", args=[workspace.codename]),
        {"q": "Toshmatov", "name": "Toshmatov watch", "notify": "on"},
    )
    assert workspace.investigation.saved_searches.filter(user=viewer).count() == 1
    investigation_services.membership_remove(
        actor=workspace.lead,
        membership=workspace.investigation.memberships.get(user=viewer),
    )
    assert client.post(url, {"q": "Toshmatov"}).status_code == 404
    assert client.get(url).status_code == 404
    assert workspace.investigation.saved_searches.filter(user=viewer).count() == 0


def test_a_phrase_of_very_common_words_is_checked_in_the_best_matches_only(
    client, workspace, documents, monkeypatch
):
    # The module (the package re-exports a function of the same name).
    module = importlib.import_module("secure_docs.selectors.search")
    monkeypatch.setattr(module, "PHRASE_CANDIDATES", 1)
    response = search_page(client, workspace.codename, '"Jahongir Toshmatov"')
    page = response.content.decode()
    assert "the phrase was looked for in the 1 best matches only" in page
    assert len(hits(response)) == 1
