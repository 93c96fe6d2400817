"""Each award's public pages (in every language, and the pages below them) are
edited and published by that award's organisers, through Wagtail's own page
permissions on the award's page-editors group; nobody else on a team edits them."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from awards.models import AwardTeamMember
from awards.services import teams
from cms import services
from cms.models import AwardPage, StandardPage
from tests.admin_roles import DENIED, DONE, OUTSIDERS, ROLES, admin_answer
from tests.cms.helpers import public_pages
from tests.factories import AwardFactory, UserFactory, on_team

pytestmark = pytest.mark.django_db

_OUT = OUTSIDERS

# (url name, method, args) → answer per role, in ROLES order. Another award's
# organiser gets Wagtail's refusal (DENIED: a redirect to the dashboard with a
# message), not a 404: Wagtail checks page permissions before any hook runs, and
# the pages and their titles are public anyway. Observers hold no page permission
# (Wagtail has no read-only one), so the explorer refuses them too.
TABLE = [
    ("wagtailadmin_pages:edit", "get", ("page",), (200, DENIED, DENIED, 200, *_OUT)),
    ("wagtailadmin_pages:edit", "get", ("alias",), (200, DENIED, DENIED, 200, *_OUT)),
    ("wagtailadmin_pages:edit", "get", ("subpage",), (200, DENIED, DENIED, 200, *_OUT)),
    # The award's organisers add standard pages (rules, jury) below its page: the
    # one page type allowed there, so Wagtail goes straight to its form (DONE).
    (
        "wagtailadmin_pages:add_subpage",
        "get",
        ("page",),
        (DONE, DENIED, DENIED, DONE, *_OUT),
    ),
    ("wagtailadmin_pages:add_subpage", "get", ("home",), (DENIED,) * 3 + (200, *_OUT)),
    # The award's page itself is made and removed by the platform admin only;
    # its organisers may remove pages below it.
    ("wagtailadmin_pages:delete", "get", ("page",), (DENIED,) * 3 + (200, *_OUT)),
    (
        "wagtailadmin_pages:delete",
        "get",
        ("subpage",),
        (200, DENIED, DENIED, 200, *_OUT),
    ),
    ("wagtailadmin_pages:history", "get", ("page",), (200, DENIED, DENIED, 200, *_OUT)),
    # Wagtail's explorer opens any page to a page editor; the listing below it
    # holds only pages they may explore (cms/wagtail_hooks.py).
    ("wagtailadmin_explore", "get", ("page",), (200, 200, DENIED, 200, *_OUT)),
    ("wagtailadmin_explore_root", "get", (), (200, 200, DENIED, 200, *_OUT)),
    ("wagtailadmin_pages:search", "get", (), (200, 200, DENIED, 200, *_OUT)),
]


@pytest.fixture
def site(module_data):
    return module_data


def make_module_data(home_page):
    """Award A's and award B's pages in every language, A's with a page below it
    and a real Russian translation; each award's team (made once for the module:
    tests/conftest.py, module_data)."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    alpha = AwardFactory(title="Alpha award", slug="alpha")
    beta = AwardFactory(title="Beta award", slug="beta")
    page, _archive = public_pages(home_page, alpha)
    other_page, _archive = public_pages(home_page, beta)
    subpage = page.add_child(instance=StandardPage(title="Alpha rules", slug="rules"))
    subpage.save_revision().publish()
    users = {
        "organiser": on_team(alpha),
        "other_organiser": on_team(beta),
        "observer": on_team(alpha, role="observer"),
        "superuser": admin,
        "juror": UserFactory(),
        "entrant": UserFactory(),
        "anonymous": None,
    }
    services.award_page_permissions_sync()
    kazakh_alias = AwardPage.objects.get(award=alpha, locale__language_code="kk")
    return {
        "users": users,
        "alpha": alpha,
        "beta": beta,
        "objects": {
            "page": page.pk,
            "alias": kazakh_alias.pk,
            "subpage": subpage.pk,
            "home": home_page.pk,
        },
        "page": page,
        "other_page": other_page,
    }


@pytest.mark.parametrize(("name", "method", "args", "expected"), TABLE)
def test_award_page_permission_table(client, site, name, method, args, expected):
    url = reverse(name, args=[site["objects"][a] for a in args])
    got = {}
    for role in ROLES:
        client.logout()
        if site["users"][role] is not None:
            client.force_login(site["users"][role])
        got[role] = admin_answer(client.get(url))
    assert got == dict(zip(ROLES, expected, strict=True))


def test_the_kazakh_page_is_an_alias_of_the_english_one(site):
    # What the table's "alias" rows stand for.
    alias = AwardPage.objects.get(pk=site["objects"]["alias"])
    assert alias.alias_of_id == site["page"].pk


def _publish_data(page: AwardPage, **changes) -> dict:
    fields = {
        "title": page.title,
        "slug": page.slug,
        "award": page.award_id,
        "intro": page.intro,
        "timeline": streamfield([]),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
        **changes,
    }
    return nested_form_data(fields)


def test_an_organiser_edits_and_publishes_their_awards_page(client, site):
    client.force_login(site["users"]["organiser"])
    page = site["page"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, _publish_data(page, intro="Entries open in May."))
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.live, page.intro) == (True, "Entries open in May.")
    assert page.get_latest_revision().user == site["users"]["organiser"]


def test_the_award_chooser_offers_only_the_awards_one_organises(client, site):
    client.force_login(site["users"]["organiser"])
    page = site["page"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    choices = client.get(url).context["form"].fields["award"].queryset
    assert list(choices) == [site["alpha"]]
    # Handing the page to another award is refused and changes nothing.
    client.post(url, _publish_data(page, award=site["beta"].pk))
    page.refresh_from_db()
    assert page.award == site["alpha"]


def test_another_awards_organiser_cannot_publish_it(client, site):
    client.force_login(site["users"]["other_organiser"])
    page = site["page"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, _publish_data(page, intro="Hijacked"))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    page.refresh_from_db()
    assert page.intro != "Hijacked"


def test_the_explorer_and_search_show_an_organiser_only_their_awards_pages(
    client, site
):
    client.force_login(site["users"]["other_organiser"])
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "award"})
    html = html.content.decode()
    assert "Beta award" in html
    assert "Alpha award" not in html
    api = client.get("/admin/api/main/pages/", {"search": "award"}).json()
    # Ancestors (the home page) are shown read-only, as Wagtail does.
    assert {item["title"] for item in api["items"]} == {"Beta award", "Qalam"}


def test_the_page_chooser_hides_another_awards_drafts(client, site):
    draft = site["other_page"].add_child(
        instance=StandardPage(title="Beta draft jury", slug="draft", live=False)
    )
    url = reverse("wagtailadmin_choose_page_search")
    client.force_login(site["users"]["organiser"])
    html = client.get(url, {"q": "Beta"}).content.decode()
    assert "Beta award" in html  # published: anyone may link to it
    assert draft.title not in html
    client.force_login(site["users"]["other_organiser"])
    assert draft.title in client.get(url, {"q": "Beta"}).content.decode()


def test_leaving_the_team_takes_the_pages_away_at_once(client, site):
    organiser = site["users"]["organiser"]
    admin = site["users"]["superuser"]
    member = AwardTeamMember.objects.get(user=organiser)
    teams.team_member_add(
        award=site["alpha"], email=organiser.email, role="observer", actor=admin
    )
    url = reverse("wagtailadmin_pages:edit", args=[site["page"].pk])
    client.force_login(organiser)
    assert client.get(url)["Location"] == "/admin/"
    teams.team_member_add(
        award=site["alpha"], email=organiser.email, role="organiser", actor=admin
    )
    assert client.get(url).status_code == 200
    member.refresh_from_db()
    teams.team_member_remove(member=member, actor=admin)
    assert client.get(url).status_code == 302


def test_a_page_made_in_the_admin_goes_to_its_awards_organisers(client, site):
    award = AwardFactory(title="Gamma award", slug="gamma")
    organiser = on_team(award)
    client.force_login(site["users"]["superuser"])
    home = Page.objects.get(pk=site["objects"]["home"])
    url = reverse("wagtailadmin_pages:add", args=["cms", "awardpage", home.pk])
    page = AwardPage(title="Gamma award", slug="gamma", award=award)
    response = client.post(url, _publish_data(page))
    assert response.status_code == 302
    pages = AwardPage.objects.filter(award=award)
    assert pages.count() == AwardPage.objects.filter(award=site["alpha"]).count()
    client.force_login(organiser)
    for page in pages:
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert client.get(edit).status_code == 200, page.locale
    # The platform admin gives the page to award A: its organisers take it over.
    client.force_login(site["users"]["superuser"])
    english = pages.get(locale=home.locale)
    edit = reverse("wagtailadmin_pages:edit", args=[english.pk])
    client.post(edit, _publish_data(english, award=site["alpha"].pk))
    client.force_login(organiser)
    assert client.get(edit)["Location"] == "/admin/"
    client.force_login(site["users"]["organiser"])
    assert client.get(edit).status_code == 200


def test_an_organiser_adds_a_rules_page_below_their_awards_page(client, site):
    client.force_login(site["users"]["organiser"])
    page = site["page"]
    url = reverse("wagtailadmin_pages:add", args=["cms", "standardpage", page.pk])
    data = nested_form_data(
        {
            "title": "Jury and rules",
            "slug": "jury",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    added = StandardPage.objects.get(slug="jury", locale=page.locale)
    assert (added.live, added.get_parent().pk) == (True, page.pk)
    # Another award's organiser may not add below it.
    client.force_login(site["users"]["other_organiser"])
    data["slug"] = "jury-2"
    assert client.post(url, data)["Location"] == "/admin/"
    assert not StandardPage.objects.filter(slug="jury-2").exists()


def test_site_history_shows_the_teams_page_entries(client, site):
    client.force_login(site["users"]["organiser"])
    page = site["page"]
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _publish_data(page, intro="New"),
    )
    client.force_login(site["users"]["observer"])
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    labels = {entry.label for entry in response.context["object_list"]}
    assert "Alpha award" in labels
    assert "Alpha rules" in labels
    assert "Beta award" not in labels
    assert "Qalam" not in labels  # the home page is nobody's award


def test_the_dashboard_forgets_pages_one_may_no_longer_edit(client, site):
    organiser = site["users"]["organiser"]
    page = site["page"]
    client.force_login(organiser)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _publish_data(page, intro="New"),
    )
    # Wagtail's "Your most recent edits" lists the page...
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**_publish_data(page, intro="Newer"), "action-publish": ""},
    )
    member = AwardTeamMember.objects.get(user=organiser)
    teams.team_member_remove(member=member, actor=site["users"]["superuser"])
    on_team(site["beta"], organiser)
    client.get(reverse("wagtailadmin_home"))  # shows the messages of the edits
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your most recent edits" not in html
    assert page.title not in html
