"""Helpers of secure documents' views."""

import contextlib

from allauth.account.adapter import get_adapter
from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, for the access log."""
    # The same client address allauth rate-limits by (honours its proxy settings).
    return get_adapter(request).get_client_ip(request) or None


class StreamBody:
    """A response body that releases its source (a gpg process, a storage
    stream) when Django closes the response, read to the end or not."""

    def __init__(self, chunks, close):
        self._chunks = chunks
        self._close = close

    def __iter__(self):
        yield from self._chunks

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._close()


def page_of(request: HttpRequest, items):
    """The page of `items` the request asks for."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
