"""The board: moves, versions, assignees, sanitised Markdown, query counts."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from investigations import services
from investigations.enums import ActivityVerb
from investigations.models import ActivityEvent, Task
from investigations.selectors import BOARD_PAGE
from tests.factories import InvestigationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def test_new_investigation_has_the_six_default_columns_and_its_creator_as_lead():
    creator = UserFactory()
    investigation = InvestigationFactory(created_by=creator)
    assert list(investigation.columns.values_list("name", flat=True)) == [
        "Leads",
        "Reporting",
        "Verification",
        "Legal review",
        "Ready",
        "Published",
    ]
    assert investigation.memberships.get().role == "lead"


def test_card_moved_to_another_investigations_column_is_refused(workspace):
    other = InvestigationFactory()
    foreign_column = other.columns.first()
    task = workspace.task
    with pytest.raises(ValidationError, match="same board"):
        services.task_move(
            actor=workspace.lead,
            investigation=workspace.investigation,
            task_id=task.pk,
            column_id=foreign_column.pk,
            index=0,
            expected_version=task.version,
        )
    task.refresh_from_db()
    assert (task.column_id, task.version) == (workspace.columns[0].pk, 1)
    assert foreign_column.tasks.count() == 0


def test_card_of_another_investigation_cannot_be_moved_through_this_board(
    workspace, client
):
    other = InvestigationFactory(created_by=workspace.lead)
    foreign = services.task_create(
        actor=workspace.lead,
        investigation=other,
        column=other.columns.first(),
        title="Elsewhere",
    )
    client.force_login(workspace.lead)
    response = client.post(
        reverse("investigations:task_move", args=["water", foreign.pk]),
        {"column": workspace.columns[1].pk, "index": 0, "version": 1},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "error": "The card and the column must be on the same board.",
    }
    foreign.refresh_from_db()
    assert foreign.investigation_id == other.pk


def test_stale_move_is_refused_with_a_message_and_the_winner_stays(workspace, client):
    task = workspace.task
    services.task_move(
        actor=workspace.people["editor"],
        investigation=workspace.investigation,
        task_id=task.pk,
        column_id=workspace.columns[2].pk,
        index=0,
        expected_version=1,
    )
    client.force_login(workspace.people["reporter"])
    response = client.post(
        reverse("investigations:task_move", args=["water", task.pk]),
        {"column": workspace.columns[1].pk, "index": 0, "version": 1},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 409
    assert "Someone changed this task" in response.json()["error"]
    task.refresh_from_db()
    assert (task.column_id, task.version) == (workspace.columns[2].pk, 2)


def test_stale_edit_is_refused_and_the_form_shows_the_current_version(
    workspace, client
):
    task = workspace.task
    services.task_update(
        actor=workspace.lead,
        task=task,
        expected_version=1,
        title="Lead's title",
        description="",
        due_date=None,
        labels="",
        assignees=[],
    )
    client.force_login(workspace.people["editor"])
    url = reverse("investigations:task_edit", args=["water", task.pk])
    response = client.post(url, {"title": "Editor's title", "version": 1}, follow=True)
    task.refresh_from_db()
    assert task.title == "Lead's title"
    assert task.version == 2
    content = response.content.decode()
    assert "Someone changed this task while you were working on it." in content
    assert 'value="Lead&#x27;s title"' in content
    assert 'name="version" value="2"' in content


def test_keyboard_move_buttons_move_a_card_down_and_to_the_next_column(
    workspace, client
):
    lead = workspace.lead
    second = services.task_create(
        actor=lead,
        investigation=workspace.investigation,
        column=workspace.columns[0],
        title="Second",
    )
    first = workspace.task  # "Second" went on top, so this is now at index 1
    client.force_login(lead)
    url = reverse("investigations:task_move", args=["water", second.pk])
    response = client.post(
        url, {"target": f"{workspace.columns[0].pk}:1", "version": 1}
    )
    assert response.status_code == 302
    assert list(workspace.columns[0].tasks.values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]
    response = client.post(
        url, {"target": f"{workspace.columns[1].pk}:0", "version": 2}
    )
    second.refresh_from_db()
    assert (second.column_id, second.version) == (workspace.columns[1].pk, 3)
    assert ActivityEvent.objects.filter(verb=ActivityVerb.TASK_MOVED).count() == 2


def test_assigning_a_non_member_is_refused(workspace):
    outsider = UserFactory()
    with pytest.raises(ValidationError, match="Only members"):
        services.task_create(
            actor=workspace.lead,
            investigation=workspace.investigation,
            column=workspace.columns[0],
            title="Sneaky",
            assignees=[outsider],
        )
    with pytest.raises(ValidationError, match="Only members"):
        services.task_update(
            actor=workspace.lead,
            task=workspace.task,
            expected_version=1,
            title="First",
            description="",
            due_date=None,
            labels="",
            assignees=[workspace.people["viewer"], outsider],
        )
    assert not workspace.task.assignees.exists()
    assert Task.objects.filter(title="Sneaky").count() == 0


def test_assigning_a_non_member_through_the_form_shows_the_rule(workspace, client):
    outsider = UserFactory()
    client.force_login(workspace.lead)
    response = client.post(
        reverse("investigations:task_edit", args=["water", workspace.task.pk]),
        {"title": "First", "version": 1, "assignees": [outsider.pk]},
    )
    assert response.status_code == 200
    assert "Only members of the investigation can be assigned." in (
        response.content.decode()
    )
    assert not workspace.task.assignees.exists()


def test_viewer_service_call_is_refused_and_nothing_changes(workspace):
    with pytest.raises(PermissionDenied):
        services.task_create(
            actor=workspace.people["viewer"],
            investigation=workspace.investigation,
            column=workspace.columns[0],
            title="No",
        )
    assert workspace.investigation.tasks.count() == 1


def test_script_in_description_and_comment_is_inert(workspace, client):
    lead = workspace.lead
    task = services.task_create(
        actor=lead,
        investigation=workspace.investigation,
        column=workspace.columns[0],
        title="<script>alert('t')</script>",
        description=(
            "**bold** <script>alert('d')</script> "
            "[x](javascript:alert('l')) <img src=x onerror=alert('i')>"
        ),
    )
    services.comment_create(
        actor=lead, task=task, body="<script>alert('c')</script> _fine_"
    )
    client.force_login(workspace.people["viewer"])
    content = client.get(
        reverse("investigations:task_detail", args=["water", task.pk])
    ).content.decode()
    assert "<script>alert" not in content
    assert "javascript:" not in content
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(" in content
    assert "<strong>bold</strong>" in content
    assert "<em>fine</em>" in content
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in content
    board = client.get(reverse("investigations:board", args=["water"])).content
    assert b"<script>alert" not in board


def test_mentions_find_members_by_the_name_before_the_at(workspace):
    comment = services.comment_create(
        actor=workspace.lead,
        task=workspace.task,
        body="@reporter and @viewer@example.org, please check. @nobody",
    )
    assert set(comment.mentions.values_list("email", flat=True)) == {
        "reporter@example.org",
        "viewer@example.org",
    }


def test_columns_can_be_renamed_added_and_reordered_by_an_editor(workspace):
    editor = workspace.people["editor"]
    columns = workspace.columns
    services.column_rename(actor=editor, column=columns[0], name="Tips")
    services.column_create(
        actor=editor, investigation=workspace.investigation, name="Spiked"
    )
    services.column_shift(actor=editor, column=columns[0], offset=1)
    names = list(workspace.investigation.columns.values_list("name", flat=True))
    assert names == [
        "Reporting",
        "Tips",
        "Verification",
        "Legal review",
        "Ready",
        "Published",
        "Spiked",
    ]


def test_activity_feed_filters_by_what_and_who(workspace, client):
    services.comment_create(
        actor=workspace.people["reporter"], task=workspace.task, body="hello"
    )
    client.force_login(workspace.people["viewer"])
    url = reverse("investigations:activity", args=["water"])
    response = client.get(
        url,
        {
            "verb": ActivityVerb.TASK_COMMENTED,
            "actor": workspace.people["reporter"].pk,
        },
    )
    events = list(response.context["page"].object_list)
    assert [(e.verb, e.actor) for e in events] == [
        (ActivityVerb.TASK_COMMENTED, workspace.people["reporter"])
    ]
    response = client.get(url, {"verb": ActivityVerb.TASK_CREATED})
    assert [e.subject for e in response.context["page"].object_list] == ["First"]
    other = services.task_create(
        actor=workspace.lead,
        investigation=workspace.investigation,
        column=workspace.columns[1],
        title="Other",
    )
    response = client.get(url, {"task": other.pk})
    assert [(e.verb, e.task_id) for e in response.context["page"].object_list] == [
        (ActivityVerb.TASK_CREATED, other.pk)
    ]


def _fill_board(workspace, count: int) -> None:
    members = list(workspace.people.values())
    for i in range(count):
        task = services.task_create(
            actor=workspace.lead,
            investigation=workspace.investigation,
            column=workspace.columns[i % 6],
            title=f"Task {i}",
            labels="money, land",
            assignees=[members[i % 4]],
        )
        if i % 3 == 0:
            services.checklist_item_add(actor=workspace.lead, task=task, text="Check")
            services.comment_create(actor=workspace.lead, task=task, body="Noted")


def _board_queries(client, workspace, count: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(workspace.people["reporter"])
    url = reverse("investigations:board", args=["water"])
    client.get(url)  # warm the session and the content-type cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('class="card-task"') == count + 1
    task = workspace.task
    assert (
        f'href="{reverse("investigations:task_detail", args=["water", task.pk])}"'
        in (content)
    )
    move_url = reverse("investigations:task_move", args=["water", task.pk])
    assert f'data-move-url="{move_url}"' in content
    # The move buttons are drawn once, not per card; a card's page has its own.
    assert content.count('data-move="up"') == 1
    assert f'action="{move_url}"' not in content
    return len(queries)


def test_board_with_10_and_200_cards_runs_the_same_queries(
    workspace, client, django_assert_num_queries
):
    _fill_board(workspace, 10)
    small = _board_queries(client, workspace, 10)
    assert 5 < small < 30  # measured, not an empty capture
    _fill_board(workspace, 190)
    with django_assert_num_queries(small):
        response = client.get(reverse("investigations:board", args=["water"]))
    assert response.content.decode().count('class="card-task"') == 201


@pytest.mark.parametrize(
    ("name", "data"),
    [("column_rename", {"name": "Hijacked"}), ("column_shift", {"direction": "right"})],
)
def test_another_boards_column_through_this_workspace_is_404(
    workspace, client, name, data
):
    other = InvestigationFactory()
    foreign = other.columns.first()
    client.force_login(workspace.lead)
    response = client.post(
        reverse(f"investigations:{name}", args=["water", foreign.pk]), data
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert (foreign.name, foreign.position) == ("Leads", 1024.0)


def test_another_boards_task_through_this_workspace_is_404(workspace, client):
    other = InvestigationFactory(created_by=workspace.lead)
    foreign = services.task_create(
        actor=workspace.lead,
        investigation=other,
        column=other.columns.first(),
        title="Elsewhere",
    )
    client.force_login(workspace.lead)
    for name in ("task_detail", "task_edit"):
        url = reverse(f"investigations:{name}", args=["water", foreign.pk])
        assert client.get(url).status_code == 404


def _long_column(workspace, count: int) -> list[Task]:
    """`count` cards in the first column, in board order (set-up, not the service)."""
    column = workspace.columns[0]
    Task.objects.filter(pk=workspace.task.pk).update(position=0.5)
    cards = Task.objects.bulk_create(
        Task(
            investigation=workspace.investigation,
            column=column,
            title=f"Card {i}",
            position=1024.0 * (i + 1),
            created_by=workspace.lead,
        )
        for i in range(count - 1)
    )
    return [workspace.task, *cards]


def _card_ids(content: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'class="card-task" id="task-(\d+)"', content)]


def test_long_column_shows_its_first_page_and_a_show_more_link_to_the_next(
    workspace, client, django_assert_num_queries
):
    cards = _long_column(workspace, 120)
    column = workspace.columns[0]
    client.force_login(workspace.people["viewer"])
    url = reverse("investigations:board", args=["water"])
    client.get(url)
    content = client.get(url).content.decode()
    assert _card_ids(content) == [card.pk for card in cards[:BOARD_PAGE]]
    assert "Leads <small>(120)</small>" in content
    more = f"?show={column.pk}%3A{2 * BOARD_PAGE}#task-{cards[BOARD_PAGE - 1].pk}"
    assert f'href="{more}">Show 50 more cards</a>' in content

    with django_assert_num_queries(_queries_of(client, url)):
        response = client.get(url + more.split("#")[0])
    content = response.content.decode()
    assert _card_ids(content) == [card.pk for card in cards[: 2 * BOARD_PAGE]]
    last = f"?show={column.pk}%3A{3 * BOARD_PAGE}#task-{cards[2 * BOARD_PAGE - 1].pk}"
    assert f'href="{last}">Show 20 more cards</a>' in content

    content = client.get(url + last.split("#")[0]).content.decode()
    assert _card_ids(content) == [card.pk for card in cards]
    assert "more card" not in content


def _queries_of(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


@pytest.mark.parametrize(
    "show", ["x:100", "1:", ":100", "1:-5", "1:99999999", "١:١٠٠", "1:100;2:3"]
)
def test_malformed_show_is_ignored_and_the_board_shows_its_first_page(
    workspace, client, show
):
    cards = _long_column(workspace, 60)
    client.force_login(workspace.people["viewer"])
    response = client.get(
        reverse("investigations:board", args=["water"]), {"show": show}
    )
    assert response.status_code == 200
    assert _card_ids(response.content.decode()) == [c.pk for c in cards[:BOARD_PAGE]]


def test_card_page_moves_a_card_without_javascript(workspace, client):
    cards = _long_column(workspace, 3)
    middle = cards[1]
    client.force_login(workspace.people["reporter"])
    page = reverse("investigations:task_detail", args=["water", middle.pk])
    content = client.get(page).content.decode()
    move_url = reverse("investigations:task_move", args=["water", middle.pk])
    assert f'action="{move_url}"' in content
    first, second = workspace.columns[0].pk, workspace.columns[1].pk
    for target in (f"{first}:0", f"{first}:2", f"{second}:0"):
        assert f'name="target" value="{target}"' in content
    assert 'name="target" value="previous' not in content

    response = client.post(move_url, {"target": f"{first}:2", "version": 1})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("investigations:board", args=["water"]) + f"#task-{middle.pk}"
    )
    assert list(workspace.columns[0].tasks.values_list("pk", flat=True)) == [
        cards[0].pk,
        cards[2].pk,
        middle.pk,
    ]
    content = client.get(page).content.decode()
    assert f'name="target" value="{first}:1"' in content  # up
    assert f'name="target" value="{first}:3"' not in content  # no down: it is last


def test_card_moved_below_the_first_page_opens_the_board_long_enough_to_show_it(
    workspace, client
):
    cards = _long_column(workspace, 80)
    column = workspace.columns[0]
    client.force_login(workspace.lead)
    response = client.post(
        reverse("investigations:task_move", args=["water", cards[0].pk]),
        {"target": f"{column.pk}:70", "version": 1},
    )
    board = reverse("investigations:board", args=["water"])
    assert response["Location"] == (
        f"{board}?show={column.pk}%3A{2 * BOARD_PAGE}#task-{cards[0].pk}"
    )
    content = client.get(response["Location"].split("#")[0]).content.decode()
    assert _card_ids(content).index(cards[0].pk) == 70


def test_viewer_sees_no_move_buttons_on_the_board_or_the_card_page(workspace, client):
    client.force_login(workspace.people["viewer"])
    board = client.get(reverse("investigations:board", args=["water"])).content
    assert b'id="card-move"' not in board
    page = client.get(
        reverse("investigations:task_detail", args=["water", workspace.task.pk])
    ).content
    assert b'name="target"' not in page
