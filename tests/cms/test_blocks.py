"""StandardPage's StreamField blocks render as accessible HTML."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image

from cms.models import StandardPage

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=qalam-demo"


@pytest.fixture
def photo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (11, 85, 99)).save(buffer, format="PNG")
    return Image.objects.create(
        title="Jury at work", file=ImageFile(buffer, name="jury.png")
    )


@pytest.fixture
def cached_embed():
    # Wagtail keeps every fetched oEmbed in this table and reads it before asking
    # the provider; the test network has no provider to ask.
    return Embed.objects.create(
        hash=get_embed_hash(VIDEO),
        url=VIDEO,
        max_width=None,
        type="video",
        html='<iframe title="Qalam demo video" src="https://www.youtube.com/embed/x"></iframe>',
        title="Qalam demo video",
        provider_name="YouTube",
    )


def test_image_quote_and_embed_blocks_render(client, home_page, photo, cached_embed):
    page = home_page.add_child(
        instance=StandardPage(
            title="Partners",
            slug="partners",
            body=[
                (
                    "image",
                    {
                        "image": {
                            "image": photo,
                            "decorative": False,
                            "alt_text": "Jurors scoring",
                        },
                        "caption": "The 2025 jury",
                    },
                ),
                ("embed", VIDEO),
                ("heading", {"text": "Our partners", "level": "h3"}),
            ],
        )
    )
    page.save_revision().publish()
    html = client.get("/partners/").content.decode()
    assert 'alt="Jurors scoring"' in html
    assert "srcset=" in html
    assert "480w" in html and "800w" in html and "1200w" in html
    assert 'loading="lazy"' in html
    assert "<figcaption>The 2025 jury</figcaption>" in html
    assert '<iframe title="Qalam demo video"' in html
    assert "<h3>Our partners</h3>" in html


def test_logout_is_a_post_and_ends_the_session(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get("/accounts/logout/")
    assert page.status_code == 200  # a confirmation form, not a GET side effect
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
