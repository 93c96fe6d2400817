"""Titles that say where you are: every admin screen our apps register and every
public page has a <title> and a heading of its own, never just the site's name or
Wagtail's "Home" (the round results screen used to be headed "Home")."""

import html
import re

import pytest
from django.urls import reverse

from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EligibleEntryFactory,
    FinalRoundFactory,
    JurorFactory,
    PrizeFactory,
    UserFactory,
)
from tests.test_url_coverage import our_routes

pytestmark = pytest.mark.django_db

# Every GET screen of our admin routes: (url name, object the argument names).
ADMIN_SCREENS = [
    ("cms_site_history", None),
    ("cms_results_publication", None),
    ("cms_award_prizes", "award"),
    ("cms_prize_translations", "prize"),
    ("cms_prize_withdraw", "prize"),
    ("cms_prize_image", "prize"),
    ("cms_broadcasts", None),
    ("cms_award_broadcasts", "award"),
    ("cms_broadcast_add", "award"),
    ("cms_broadcast", "broadcast"),
    ("cms_broadcast_edit", "broadcast"),
    ("investigation_counts", None),
    ("cms_partner_keys", None),
    ("cms_partner_key_create", None),
    ("cms_partner_key_revoke", "key"),
    ("cms_partner_webhooks", "key"),
    ("cms_partner_webhook_deliveries", "webhook"),
    ("award_editions:index", None),
    ("award_editions:edit", "award"),
    ("award_editions:delete", "award"),
    ("award_editions:history", "award"),
    ("award_editions:usage", "award"),
    ("award_editions:team", "award"),
    ("award_categories:index", None),
    ("award_categories:edit", "category"),
    ("award_categories:delete", "category"),
    ("award_categories:history", "category"),
    ("award_entries:index", None),
    ("award_entries:history", "entry"),
    ("award_entries:inspect", "entry"),
    ("award_entries:eligibility", None),
    ("award_rounds:index", None),
    ("award_rounds:edit", "round"),
    ("award_rounds:delete", "round"),
    ("award_rounds:history", "round"),
    ("award_rounds:usage", "round"),
    ("award_rounds:manage", "round"),
    ("award_rounds:results", "round"),
    ("award_rounds:bias", "round"),
    ("award_rounds:feedback", "round"),
    ("award_rounds:deliberation", "round"),
    ("award_rounds:reminders", "round"),
    ("award_criteria:index", None),
    ("award_criteria:edit", "criterion"),
    ("award_criteria:delete", "criterion"),
    ("award_criteria:history", "criterion"),
    ("award_criteria:usage", "criterion"),
    ("award_jurors:index", None),
    ("award_jurors:edit", "juror"),
    ("award_conflicts:index", None),
    ("entry_translations:index", None),
    ("entry_translations:add", None),
    ("entry_translations:edit", "translation"),
    ("entry_translations:delete", "translation"),
]
# Our admin routes that are no screen: POST-only actions, file exports and the
# listings' partial results (fragments loaded into a screen above).
NOT_SCREENS = re.compile(
    r":(state|assign|swap|conflict|invite|juror_remove|shortlist|prize|"
    r"feedback_review|eligibility_check|eligibility_override|team_remove|export|"
    r"calibration_add|calibration_remove|"
    r"bias_export|index_results|history_results)$|"
    r"^(cms_results_publish|cms_broadcast_send|cms_site_history_results)$"
)
GENERIC = {"", "Home", "Qalam", "Wagtail"}


def tag_text(page: str, tag: str) -> list[str]:
    found = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, re.S)
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()) for text in found
    ]


@pytest.fixture
def admin_objects(db):
    from awards.enums import BroadcastAudience
    from awards.models import EntryTranslation
    from awards.services import broadcasts
    from cms.partners import services as partners

    admin = UserFactory(is_staff=True, is_superuser=True)
    category = CategoryFactory(name="Investigative")
    award = category.award
    entry = EligibleEntryFactory(category=category)
    round_ = FinalRoundFactory(award=award, name="Final", categories=[category])
    prize = PrizeFactory(round=round_, entry__category=category)
    key, _secret = partners.partner_key_create(
        partner="Newsroom", scopes=["winners"], rate_limit_per_minute=60, actor=admin
    )
    webhook, _secret = partners.partner_webhook_create(
        key=key, url="https://93.184.216.34/hook", actor=admin
    )
    return admin, {
        "award": award,
        "category": category,
        "entry": entry,
        "round": round_,
        "prize": prize,
        "criterion": CriterionFactory(award=award),
        "juror": JurorFactory(award=award),
        "translation": EntryTranslation.objects.create(
            entry=entry, language_id="ru", title="Перевод"
        ),
        "broadcast": broadcasts.broadcast_create(
            award=award,
            actor=admin,
            audience=BroadcastAudience.AWARD,
            subject="Ceremony",
            body="On 12 December.",
        ),
        "key": key,
        "webhook": webhook,
    }


def test_the_list_holds_every_admin_screen_we_register():
    ours = {
        name
        for route, name, _view in our_routes()
        if route.startswith("admin/") and not NOT_SCREENS.search(name)
    }
    assert ours == {name for name, _obj in ADMIN_SCREENS}


@pytest.mark.parametrize(("name", "obj"), ADMIN_SCREENS)
def test_admin_screen_names_itself(client, admin_objects, name, obj):
    admin, objects = admin_objects
    client.force_login(admin)
    args = [objects[obj].pk] if obj else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    page = response.content.decode()
    (title,) = tag_text(page, "title")
    assert title.endswith(" - Qalam")
    own_title = title.removesuffix(" - Qalam")
    assert own_title not in GENERIC
    headings = tag_text(page, "h1")
    assert headings and headings[0] not in GENERIC
    # What the eye sees: the last breadcrumb (when there are breadcrumbs) is the
    # page's own title, not "Home".
    crumbs = re.findall(r'<li\s+class="w-h-full w-flex[^>]*>(.*?)</li>', page, re.S)
    if crumbs:
        last = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", crumbs[-1])).split())
        # Ours end in the page title; Wagtail's generic screens in the object's
        # name under an "Editing: …" heading.
        last = last.replace(" :", ":")
        assert last not in GENERIC
        assert last in headings[0]


def test_round_results_are_headed_by_round_and_award(client, admin_objects):
    admin, objects = admin_objects
    client.force_login(admin)
    round_ = objects["round"]
    page = client.get(reverse("award_rounds:results", args=[round_.pk])).content
    page = page.decode()
    expected = f"Results: {round_.award.title} · Final"
    assert tag_text(page, "title") == [f"{expected} - Qalam"]
    assert tag_text(page, "h1")[0] == expected
    assert expected in page.split('class="w-breadcrumbs')[1].split("</nav>")[0]
    manage = reverse("award_rounds:manage", args=[round_.pk])
    assert f'href="{manage}"' in page


def test_public_pages_name_themselves(client, home_page):
    from demo.public import public_pages
    from tests.factories import AwardFactory

    award = AwardFactory(slug="titles", title="Titles Award")
    public_pages(home_page, award)
    client.force_login(UserFactory())
    pages = {
        "/": "Independent journalism from Central Asia",
        "/titles/": "Titles Award",
        "/winners/": "Winners",
        "/news/": "News",
        reverse("awards:entry_create", args=["titles"]): "New entry",
        reverse("awards:my_entries"): "My entries",
        reverse("accounts:profile"): "Your profile",
        # Without two-factor authentication the workspaces ask for it first.
        reverse("investigations:list"): "Turn on two-factor authentication",
        "/no-such-page/": "Page not found",
    }
    for url, expected in pages.items():
        page = client.get(url).content.decode()
        assert tag_text(page, "title") == [f"{expected} · Qalam"], url
        (heading, *_rest) = tag_text(page, "h1")
        assert heading not in GENERIC, url
