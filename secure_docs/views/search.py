"""Search inside a workspace: the search page, and members' saved searches.

The words searched for travel only in POST bodies (never in a URL, so never in
an access log); a saved search is run from its id.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.flash import flash_errors
from investigations import selectors as investigation_selectors
from investigations.access import member_view
from secure_docs import forms, permissions, selectors, services
from secure_docs.selectors import SearchQuery


def _search_form(access, data=None, initial=None) -> forms.SearchForm:
    offered = selectors.search_filters_of(access=access)
    members = [m.user for m in investigation_selectors.members_of(access=access)]
    return forms.SearchForm(
        data,
        initial=initial,
        members=members,
        languages=offered["languages"],
        labels=offered["labels"],
    )


def _query_of(cleaned: dict) -> SearchQuery:
    return SearchQuery(
        text=cleaned.get("q") or "",
        kind=cleaned.get("kind") or "",
        author_id=cleaned.get("author"),
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to"),
        language=cleaned.get("language") or "",
        label=cleaned.get("label") or "",
    )


def _initial_of(query: SearchQuery) -> dict:
    return {
        "q": query.text,
        "kind": query.kind,
        "author": query.author_id,
        "date_from": query.date_from,
        "date_to": query.date_to,
        "language": query.language,
        "label": query.label,
    }


def _render(request, access, form, result=None, query=None, status=200):
    return render(
        request,
        "secure_docs/search.html",
        {
            "access": access,
            "investigation": access.investigation,
            "form": form,
            "result": result,
            "query": query,
            "saved_searches": selectors.saved_searches_of(access=access),
            "saved_form": forms.SavedSearchForm(),
            "index_status": selectors.index_status_of(access=access),
        },
        status=status,
    )


@member_view(permissions.READ)
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest, access) -> HttpResponse:
    """The search box, its filters, and a page of results (members)."""
    if request.method != "POST":
        return _render(request, access, _search_form(access))
    form = _search_form(access, request.POST)
    if not form.is_valid():
        return _render(request, access, form, status=400)
    query = _query_of(form.cleaned_data)
    result = selectors.search(
        access=access, query=query, page_number=form.cleaned_data.get("page") or 1
    )
    return _render(request, access, form, result=result, query=query)


@member_view(permissions.READ)
@require_POST
def saved_search_create(request: HttpRequest, access) -> HttpResponse:
    """Keep the query just run under a name (members; their own)."""
    search_form = _search_form(access, request.POST)
    saved_form = forms.SavedSearchForm(request.POST)
    if not (search_form.is_valid() and saved_form.is_valid()):
        messages.error(request, _("Give the saved search a name."))
        return _render(request, access, search_form, status=400)
    query = _query_of(search_form.cleaned_data)
    try:
        services.saved_search_create(
            actor=request.user,
            investigation=access.investigation,
            name=saved_form.cleaned_data["name"],
            query=query,
            notify=saved_form.cleaned_data["notify"],
        )
    except ValidationError as error:
        flash_errors(request, error)
        return _render(request, access, search_form, status=400)
    messages.success(request, _("The search is saved."))
    return redirect("secure_docs:search", access.investigation.codename)


@member_view(permissions.READ)
@require_http_methods(["GET", "POST"])
def saved_search_run(
    request: HttpRequest, access, saved_search_id: int
) -> HttpResponse:
    """Run one of the member's saved searches (the link in its emails)."""
    saved = selectors.saved_search_for(access=access, saved_search_id=saved_search_id)
    payload = selectors.saved_search_payload(access=access, saved_search=saved)
    if payload is None:
        messages.error(request, _("This saved search could not be opened."))
        return redirect("secure_docs:search", access.investigation.codename)
    query = SearchQuery.from_dict(payload["query"])
    form = _search_form(access, initial=_initial_of(query))
    result = selectors.search(access=access, query=query, page_number=1)
    return _render(request, access, form, result=result, query=query)


@member_view(permissions.READ)
@require_POST
def saved_search_delete(
    request: HttpRequest, access, saved_search_id: int
) -> HttpResponse:
    """Delete one of the member's saved searches."""
    saved = selectors.saved_search_for(access=access, saved_search_id=saved_search_id)
    services.saved_search_delete(actor=request.user, saved_search=saved)
    messages.success(request, _("The saved search is deleted."))
    return redirect("secure_docs:search", access.investigation.codename)
