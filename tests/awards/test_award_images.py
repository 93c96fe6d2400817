"""Each award's organisers add and choose images in their award's own collection
(its certificate logo, its pages' pictures), never another award's: the chooser
lists only theirs, and a posted id of another award's image is refused."""

from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from awards.models import Award
from awards.permissions import award_collection
from tests.factories import AwardFactory, UserFactory, on_team

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The named fields of a page's main form with their current values, as a
    browser would post them (checked boxes only, selected options)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data.lstrip("\n")


def form_of(html: str) -> dict[str, list[str]]:
    reader = _Form()
    reader.feed(html)
    return reader.data


def image_in(award: Award, title: str):
    buffer = BytesIO()
    PILImage.new("RGB", (300, 100), (31, 78, 121)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title,
        file=ImageFile(buffer, name=f"{award.slug}.png"),
        collection=award_collection(award),
    )


@pytest.fixture
def two():
    ours = AwardFactory(title="Steppe Prize 2026", slug="steppe-2026")
    theirs = AwardFactory(title="Valley Prize 2026", slug="valley-2026")
    organiser = on_team(ours, UserFactory())
    on_team(theirs, UserFactory())
    return {
        "ours": ours,
        "theirs": theirs,
        "organiser": organiser,
        "our_logo": image_in(ours, "Steppe logo"),
        "their_logo": image_in(theirs, "Valley logo"),
    }


def test_the_team_gets_a_collection_of_its_own_once(two):
    ours = two["ours"]
    assert award_collection(ours) == two["our_logo"].collection
    assert award_collection(ours).name == "Steppe Prize 2026"
    assert award_collection(ours) != award_collection(two["theirs"])
    on_team(ours, UserFactory())  # a second organiser: the same collection
    assert get_image_model().objects.filter(collection__name=ours.title).count() == 1


def test_the_chooser_lists_only_the_awards_own_images(client, two):
    client.force_login(two["organiser"])
    html = client.get("/admin/images/chooser/").content.decode()
    assert "Steppe logo" in html
    assert "Valley logo" not in html and "Valley Prize" not in html
    listing = client.get("/admin/images/").content.decode()
    assert "Steppe logo" in listing and "Valley logo" not in listing


def test_an_organiser_uploads_an_image_into_their_awards_collection(client, two):
    client.force_login(two["organiser"])
    buffer = BytesIO()
    PILImage.new("RGB", (120, 60), (200, 0, 0)).save(buffer, "PNG")
    buffer.name = "banner.png"
    theirs = award_collection(two["theirs"]).pk
    refused = client.post(
        "/admin/images/add/", {"title": "Banner", "file": buffer, "collection": theirs}
    )
    assert refused.status_code == 200  # the form again, with an error
    assert not get_image_model().objects.filter(title="Banner").exists()
    buffer.seek(0)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Banner",
            "file": buffer,
            "collection": award_collection(two["ours"]).pk,
        },
    )
    assert response.status_code == 302
    banner = get_image_model().objects.get(title="Banner")
    assert banner.collection == award_collection(two["ours"])


def test_the_logo_is_one_of_the_awards_images_whatever_is_posted(client, two):
    ours, url = two["ours"], f"/admin/award_editions/edit/{two['ours'].pk}/"
    client.force_login(two["organiser"])
    data = form_of(client.get(url).content.decode())
    data["certificate_logo"] = [str(two["their_logo"].pk)]
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert Award.objects.get(pk=ours.pk).certificate_logo is None

    data["certificate_logo"] = [str(two["our_logo"].pk)]
    assert client.post(url, data).status_code == 302
    assert Award.objects.get(pk=ours.pk).certificate_logo == two["our_logo"]
