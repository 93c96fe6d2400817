"""Organisers' screens in the Wagtail admin: lists, filters, export, eligibility."""

import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from awards import services
from awards.enums import EntryState
from tests.factories import CategoryFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def submitted(**kwargs):
    entry = EntryFactory(**kwargs)
    return services.entry_submit(entry=entry, actor=entry.owner)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_entries_list_filters_by_state_and_country(staff_client):
    kg = submitted(country="KG", title="Bishkek water")
    kz = submitted(country="KZ", title="Almaty air")
    EntryFactory(title="Still a draft")
    url = reverse("award_entries:index")
    html = staff_client.get(url).content.decode()
    assert "Bishkek water" in html and "Almaty air" in html
    assert "Still a draft" not in html
    html = staff_client.get(url, {"country": "KZ"}).content.decode()
    assert "Almaty air" in html and "Bishkek water" not in html
    html = staff_client.get(url, {"state": "eligible"}).content.decode()
    assert "Almaty air" not in html
    html = staff_client.get(url, {"q": kg.reference}).content.decode()
    assert "Bishkek water" in html and "Almaty air" not in html
    html = staff_client.get(
        url, {"award": kz.category.award_id, "category": kz.category_id}
    ).content.decode()
    assert "Almaty air" in html and "Bishkek water" not in html


def test_entries_export_csv_and_xlsx(staff_client):
    entry = submitted(title="Water, wars & “quotes”")
    url = reverse("award_entries:index")
    response = staff_client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    lines = body.splitlines()
    assert lines[0].startswith("Reference,Title,Entrant,Email,Award,Category,State")
    assert lines[1].startswith(f'{entry.reference},"Water, wars & “quotes”"')
    response = staff_client.get(url, {"export": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.values)
    assert rows[1][:2] == (entry.reference, "Water, wars & “quotes”")


def test_entries_have_no_add_edit_or_delete_screens(staff_client):
    entry = submitted()
    for name in ("award_entries:add", "award_entries:edit", "award_entries:delete"):
        with pytest.raises(Exception):  # noqa: B017,PT011 - the URL is not routed
            reverse(name, args=[entry.pk] if not name.endswith("add") else [])
    inspect = staff_client.get(reverse("award_entries:inspect", args=[entry.pk]))
    assert entry.reference in inspect.content.decode()


def test_eligibility_queue_shows_reasons_and_takes_an_override(staff_client, staff):
    entry = submitted(country="KG")
    entry.category.countries = ["KZ"]
    entry.category.save()
    staff_client.post(reverse("award_entries:eligibility_check", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.state == EntryState.INELIGIBLE
    html = staff_client.get(reverse("award_entries:eligibility")).content.decode()
    assert (
        "The work must be published in one of: Kazakhstan; this entry gives "
        "“Kyrgyzstan”." in html
    )
    staff_client.post(
        reverse("award_entries:eligibility_override", args=[entry.pk]),
        {f"e{entry.pk}-rule": "country", f"e{entry.pk}-note": "Exiled newsroom."},
    )
    entry.refresh_from_db()
    assert entry.state == EntryState.ELIGIBLE
    assert entry.eligibility_overrides.get().note == "Exiled newsroom."


ADMIN_URLS = [
    ("award_entries:index", []),
    ("award_entries:inspect", ["entry"]),
    ("award_entries:eligibility", []),
    ("award_editions:index", []),
    ("award_editions:edit", ["award"]),
    ("award_categories:index", []),
]


@pytest.mark.parametrize(("name", "args"), ADMIN_URLS)
@pytest.mark.parametrize(
    "role", ["anonymous", "entrant", "co_author", "other", "staff"]
)
def test_admin_permission_table(client, staff, name, args, role):
    entry = submitted()
    co_author = UserFactory()
    entry.co_authors.add(co_author)
    user = {
        "anonymous": None,
        "entrant": entry.owner,
        "co_author": co_author,
        "other": UserFactory(),
        "staff": staff,
    }[role]
    if user is not None:
        client.force_login(user)
    objects = {"entry": entry.pk, "award": entry.category.award_id}
    response = client.get(reverse(name, args=[objects[a] for a in args]))
    if role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_without_entry_permission_see_no_entries(client):
    limited = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    limited.user_permissions.add(Permission.objects.get(codename="access_admin"))
    submitted()
    client.force_login(limited)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    for name in ("award_entries:eligibility", "award_entries:index"):
        response = client.get(reverse(name))
        assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_staff_entry_list_runs_the_same_queries_for_1_and_50_entries(
    staff_client, django_assert_num_queries
):
    category = CategoryFactory()
    submitted(category=category)
    url = reverse("award_entries:index")
    staff_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        staff_client.get(url)
    entries = [submitted(category=category) for _ in range(49)]
    with django_assert_num_queries(len(queries)):
        response = staff_client.get(url)
    html = response.content.decode()
    assert all(entry.reference in html for entry in entries)


def test_staff_create_an_award_with_local_closing_time(staff_client):
    response = staff_client.post(
        reverse("award_editions:add"),
        nested_form_data(
            {
                "title": "Steppe Prize 2027",
                "slug": "steppe-2027",
                "year": "2027",
                "description": "",
                "timezone": "Asia/Ashgabat",
                "opens_date": "2027-01-01",
                "opens_time": "00:00",
                "closes_date": "2027-03-31",
                "closes_time": "18:00",
                "grace_minutes": "10",
                "max_entries_per_person": "2",
                "max_file_size_mb": "25",
                "rules": "",
                "ai_policy": "",
                "language": "en",
                "translations": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 302
    from awards.models import Award

    award = Award.objects.get(slug="steppe-2027")
    assert award.deadline.isoformat() == "2027-03-31T18:10:00+05:00"
    html = staff_client.get(reverse("award_editions:index")).content.decode()
    assert "Steppe Prize 2027" in html


def test_an_unknown_time_zone_is_refused(staff_client):
    response = staff_client.post(
        reverse("award_editions:add"),
        {
            "title": "X",
            "slug": "x",
            "year": "2027",
            "timezone": "Mars/Olympus",
            "opens_date": "2027-01-01",
            "opens_time": "00:00",
            "closes_date": "2027-03-31",
            "closes_time": "18:00",
            "grace_minutes": "0",
            "max_entries_per_person": "2",
            "max_file_size_mb": "25",
        },
    )
    assert response.status_code == 200
    assert "“Mars/Olympus” is not a known time zone" in response.content.decode()


def test_organisers_see_the_licence_and_media_link_and_export_them(staff_client):
    entry = submitted(
        licence="cc-by-4.0",
        title="Licensed story",
        media_url="https://vimeo.com/123456",
    )
    inspect = staff_client.get(reverse("award_entries:inspect", args=[entry.pk]))
    html = inspect.content.decode()
    assert "https://vimeo.com/123456" in html
    assert "Licence for partners" in html
    assert "CC BY 4.0 (attribution)" in html
    response = staff_client.get(reverse("award_entries:index"), {"export": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    headings = lines[0].split(",")
    row = lines[1].split(",")
    assert row[headings.index("Licence for partner broadcasters")] == (
        "CC BY 4.0 (attribution)"
    )
    assert row[headings.index("Video or audio link")] == "https://vimeo.com/123456"
