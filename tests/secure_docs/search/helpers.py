"""Helpers of the search tests: index what is pending, search through the page."""

import re

from django.urls import reverse

from secure_docs import services
from secure_docs.models import SearchUnit


def index_pending() -> list[SearchUnit]:
    """Index every unit not indexed yet (what the worker does after a commit)."""
    services.units_ensure()
    for unit_id in services.units_to_index():
        services.unit_index(unit_id=unit_id)
    return list(SearchUnit.objects.order_by("pk"))


def search_page(client, codename: str, q: str, **filters):
    """POST the search form as a browser does."""
    data = {"q": q, **{k: v for k, v in filters.items() if v is not None}}
    return client.post(reverse("secure_docs:search", args=[codename]), data)


def hits(response) -> list[str]:
    """The results' titles, in order, as the page shows them."""
    page = response.content.decode()
    found = re.findall(
        r'<p class="search-hit__title">.*?<a href="[^"]*">(.*?)</a>', page, re.S
    )
    return [re.sub(r"\s+", " ", title).strip() for title in found]


def marks(response) -> list[str]:
    """The words the page highlights in the passages."""
    return re.findall(r"<mark>(.*?)</mark>", response.content.decode())


def upload_text(
    client, codename: str, content: bytes, name: str = "memo.txt", **fields
):
    """Upload `content` as a text file (the search tests' usual document)."""
    from tests.secure_docs.helpers import upload

    return upload(client, codename, content, name=name, **fields)
