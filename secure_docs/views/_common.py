"""Helpers of secure documents' views."""

import contextlib

from allauth.account.adapter import get_adapter
from django.core.paginator import Paginator
from django.http import HttpRequest

from secure_docs import selectors, services
from secure_docs.models import Document, DocumentVersion

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


def version_of(
    access, document_id: int, version_id: int
) -> tuple[Document, DocumentVersion]:
    """A version of a document of this workspace; Http404 for any other ids."""
    document = selectors.document_for(access=access, document_id=document_id)
    return document, selectors.version_for(document=document, version_id=version_id)


def access_log_record(
    request: HttpRequest,
    *,
    document: Document,
    version: DocumentVersion | None,
    mode: str,
) -> None:
    """Log this request's view or download of `document` (who, when, from where)."""
    services.access_record(
        user=request.user,
        document=document,
        version=version,
        mode=mode,
        ip_address=client_ip(request),
    )
