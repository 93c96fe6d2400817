"""Open data for partner media: every published prize as JSON or CSV.

The schema is documented in docs/open-data.md. Only prizes of awards whose results
are public appear; filters take the same fields as the winners archive, and an
unknown value gives an empty list, never an error.
"""

import csv
import io

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from awards.selectors import public
from awards.spreadsheet import safe_cell

FIELDS = (
    "award",
    "year",
    "category",
    "prize",
    "title",
    "authors",
    "outlet",
    "country",
    "language",
    "url",
    "licence",
    "licence_url",
    "citation",
    "published_at",
    "audit_sequence",
    "audit_head",
)


def _rows(request: HttpRequest) -> list[dict]:
    prizes = public.published_prizes(filters=request.GET)
    rows = []
    for prize in prizes:
        entry = prize.entry
        award = entry.category.award
        publication = award.results_publication
        rows.append(
            {
                "award": award.title,
                "year": award.year,
                "category": entry.category.name,
                "prize": prize.kind,
                "title": entry.title,
                "authors": public.authors_of(entry),
                "outlet": entry.outlet,
                "country": str(entry.country),
                "language": entry.language_id or "",
                "url": (entry.publication_urls or [""])[0],
                "licence": entry.licence,
                "licence_url": entry.licence_deed_url,
                "citation": prize.citation,
                "published_at": publication.publish_at.isoformat(),
                # Only public awards reach here, so their heads may be shown.
                "audit_sequence": publication.audit_sequence,
                "audit_head": publication.audit_head or None,
            }
        )
    return rows


def _cors(response: HttpResponse) -> HttpResponse:
    # Open data: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def winners_json(request: HttpRequest) -> HttpResponse:
    """`{"count": n, "results": [...]}` in the documented schema."""
    rows = _rows(request)
    return _cors(
        JsonResponse(
            {"count": len(rows), "results": rows},
            json_dumps_params={"ensure_ascii": False},
        )
    )


@require_GET
def winners_csv(request: HttpRequest) -> HttpResponse:
    """The same rows as CSV (UTF-8, a header row, authors joined with "; ")."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    for row in _rows(request):
        row = {**row, "authors": "; ".join(row["authors"])}
        writer.writerow({field: safe_cell(value) for field, value in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="winners.csv"'
    return _cors(response)
