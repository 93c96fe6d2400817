"""The public site's design: the sections in the header, the front page's open
awards and latest winners, the picture of a prize-winning work (chosen by the
award's organisers from their images), and the brand colours of the site settings."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from awards import permissions as award_permissions
from awards import services
from awards.services import publishing
from cms.colours import contrast_with_white, validate_brand_colour
from cms.models import SiteSettings
from tests.cms.helpers import award_with_prizes, public_pages, staff_user
from tests.factories import AwardFactory, on_team

pytestmark = pytest.mark.django_db


def picture(collection, title="A work"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), "#0b5563").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name="work.png"), collection=collection
    )


@pytest.fixture
def edition(home_page):
    award, _category, _round, prizes = award_with_prizes(2, slug="caja-2025")
    public_pages(home_page, award)
    return award, prizes


def publish(award):
    """Publish now, running what waits for the commit (the cache's purge)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        publishing.results_publish(award=award, actor=staff_user())


def test_the_header_lists_the_sites_sections_and_marks_the_current_one(client, edition):
    html = client.get("/winners/").content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>")]
    assert 'href="/caja-2025/"' in nav
    assert '<a href="/winners/" aria-current="page">' in nav


def test_the_front_page_calls_to_an_open_award_and_shows_the_latest_winners(
    client, edition, home_page
):
    award, prizes = edition
    open_award = AwardFactory(title="Awards 2027", slug="awards-2027", year=2027)
    public_pages(home_page, open_award)
    html = client.get("/").content.decode()
    assert 'href="/awards-2027/"' in html
    assert "Enter Awards 2027" in html
    assert "Latest winners" not in html  # nothing published yet
    assert "Secret winner title" not in html
    publish(award)
    html = client.get("/").content.decode()
    assert "Latest winners" in html
    assert f'href="/caja-2025/entries/{prizes[0].entry_id}/"' in html


def test_an_organiser_chooses_the_picture_of_a_prize_and_the_public_sees_it(
    client, edition
):
    award, prizes = edition
    organiser = on_team(award)
    image = picture(award_permissions.award_collection(award))
    client.force_login(organiser)
    url = reverse("cms_prize_image", args=[prizes[0].pk])
    listing = client.get(reverse("cms_award_prizes", args=[award.pk])).content
    assert f'href="{url}"' in listing.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"image": image.pk})
    assert response.status_code == 302
    prizes[0].refresh_from_db()
    assert prizes[0].image == image
    client.logout()
    publish(award)
    rendition = image.get_rendition("fill-640x360").url
    for page in (
        "/",
        "/winners/",
        "/caja-2025/",
        f"/caja-2025/entries/{prizes[0].entry_id}/",
    ):
        assert rendition in client.get(page).content.decode(), page
    # Removing it takes it off the pages.
    client.force_login(organiser)
    assert client.post(url, {"image": ""}).status_code == 302
    prizes[0].refresh_from_db()
    assert prizes[0].image is None


def test_a_picture_outside_the_awards_images_is_refused(client, edition):
    award, prizes = edition
    client.force_login(on_team(award))
    other = picture(Collection.get_first_root_node().add_child(name="Elsewhere"))
    response = client.post(
        reverse("cms_prize_image", args=[prizes[0].pk]), {"image": other.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    prizes[0].refresh_from_db()
    assert prizes[0].image is None


@pytest.mark.parametrize("role", ["other_organiser", "observer"])
def test_only_the_awards_organisers_choose_its_pictures(client, edition, role):
    award, prizes = edition
    image = picture(award_permissions.award_collection(award))
    user = (
        on_team(AwardFactory())
        if role == "other_organiser"
        else on_team(award, role="observer")
    )
    client.force_login(user)
    url = reverse("cms_prize_image", args=[prizes[0].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"image": image.pk}).status_code == 404
    prizes[0].refresh_from_db()
    assert prizes[0].image is None


def test_brand_colours_set_in_the_admin_colour_every_page(client, edition):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    html = client.get("/").content.decode()
    assert "--brand:" not in html  # Qalam's own until set
    settings.brand_colour = "#4a1d6e"
    settings.accent_colour = "#ffb000"
    settings.full_clean()
    settings.save()
    html = client.get("/winners/").content.decode()
    assert "<style>:root {  --brand: #4a1d6e; --accent: #ffb000; }</style>" in html


@pytest.mark.parametrize(
    ("colour", "readable"),
    [("#0b5563", True), ("#000000", True), ("#f4c95d", False), ("#ffffff", False)],
)
def test_a_brand_colour_white_text_cannot_be_read_on_is_refused(colour, readable):
    assert (contrast_with_white(colour) >= 4.5) is readable
    if readable:
        validate_brand_colour(colour)
    else:
        with pytest.raises(ValidationError, match="contrast"):
            validate_brand_colour(colour)


def test_a_brand_colour_that_is_not_a_colour_is_refused():
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        validate_brand_colour("teal")


def test_a_picture_whose_file_is_lost_leaves_the_pages_standing(client, edition):
    award, prizes = edition
    image = picture(award_permissions.award_collection(award))
    prizes[0].image = image
    prizes[0].save(update_fields=["image"])
    image.file.storage.delete(image.file.name)  # lost, or its storage down
    publish(award)
    for page in (
        "/",
        "/winners/",
        "/caja-2025/",
        f"/caja-2025/entries/{prizes[0].entry_id}/",
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        assert "winner__image" not in response.content.decode(), page
        assert "work-image" not in response.content.decode(), page


def test_an_organiser_of_two_awards_cannot_lend_one_awards_picture_to_the_other(
    client, edition
):
    award, prizes = edition
    other = AwardFactory()
    organiser = on_team(other, on_team(award))
    elsewhere = picture(award_permissions.award_collection(other))
    client.force_login(organiser)
    url = reverse("cms_prize_image", args=[prizes[0].pk])
    assert f'value="{elsewhere.pk}"' not in client.get(url).content.decode()
    response = client.post(url, {"image": elsewhere.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ValidationError, match="this award's images"):
        services.prize_image_set(prize=prizes[0], image=elsewhere, actor=organiser)
    prizes[0].refresh_from_db()
    assert prizes[0].image is None


def test_a_new_picture_or_brand_colour_reaches_cached_pages_at_once(client, edition):
    award, prizes = edition
    publish(award)
    first = client.get("/caja-2025/")
    assert client.get("/caja-2025/")["X-Qalam-Cache"] == "hit"
    image = picture(award_permissions.award_collection(award))
    services.prize_image_set(prize=prizes[0], image=image, actor=on_team(award))
    html = client.get("/caja-2025/").content.decode()
    assert image.get_rendition("fill-640x360").url in html
    assert html != first.content.decode()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.brand_colour = "#4a1d6e"
    settings.save()
    assert "--brand: #4a1d6e" in client.get("/caja-2025/").content.decode()
