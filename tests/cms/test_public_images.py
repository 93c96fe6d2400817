"""A news page's image is served as Wagtail renditions with srcset, and used for
the Open Graph and Twitter card image."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/media/"},
        },
    }


def test_news_image_has_srcset_and_sharing_image(client, home_page):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, "PNG")
    image = Image.objects.create(
        title="Ceremony", file=ImageFile(buffer, name="ceremony.png")
    )
    news = home_page.add_child(instance=NewsIndexPage(title="News", slug="news"))
    news.save_revision().publish()
    item = news.add_child(
        instance=NewsPage(title="Ceremony", slug="ceremony", image=image)
    )
    item.save_revision().publish()
    html = client.get("/news/ceremony/").content.decode()
    assert 'srcset="/media/images/ceremony.width-480.png 480w' in html
    assert "ceremony.width-1200.png 1200w" in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert og_image is not None
    assert re.fullmatch(
        r"http://testserver/media/images/ceremony\.[0-9a-f]+\.fill-1200x630\.png",
        og_image.group(1),
    )
