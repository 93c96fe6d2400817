"""What the index says about a workspace and its documents: status and
problems per version, duplicates, and what the search filters offer."""

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from investigations.access import Access
from secure_docs import permissions
from secure_docs.enums import IndexStatus
from secure_docs.models import DocumentVersion, SearchUnit

# The label filter offers the labels of at most this many distinct label sets.
LABELS_LISTED = 500


def index_status_of(*, access: Access) -> dict[str, int]:
    """How much of the workspace is searchable: units per status."""
    access.require(permissions.READ)
    counts = dict(
        SearchUnit.objects.filter(investigation=access.investigation)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in IndexStatus.values}


def units_of_versions(*, versions: list[DocumentVersion]) -> dict[int, SearchUnit]:
    """Each version's search unit (its status and progress), by version id."""
    return {
        unit.version_id: unit
        for unit in SearchUnit.objects.filter(version__in=versions).only(
            "version_id",
            "status",
            "problem",
            "warnings",
            "parts_done",
            "parts_total",
            "language",
            "words",
        )
    }


def problems_of(*, unit: SearchUnit) -> list[str]:
    """What a member is told about a unit that could not be read in full."""
    from secure_docs.search.extract import Problem

    labels = dict(Problem.choices)
    codes = [unit.problem] if unit.problem else []
    codes += [code for code, _detail in unit.warnings if code not in codes]
    fallback = _("Something went wrong while reading this file; it was not indexed.")
    return [str(labels.get(code, fallback)) for code in codes]


def duplicates_of_versions(
    *, versions: list[DocumentVersion]
) -> dict[int, list[DocumentVersion]]:
    """For each version, the other versions in its workspace with the same SHA-256."""
    if not versions:
        return {}
    investigation_id = versions[0].document.investigation_id
    same = defaultdict(list)
    for other in (
        DocumentVersion.objects.filter(
            document__investigation_id=investigation_id,
            sha256__in={v.sha256 for v in versions},
        )
        .select_related("document")
        .order_by("created_at", "pk")
    ):
        same[other.sha256].append(other)
    return {
        v.pk: [other for other in same[v.sha256] if other.pk != v.pk] for v in versions
    }


def duplicates_of(*, version: DocumentVersion) -> list[DocumentVersion]:
    """Other versions in the same workspace with the same SHA-256 (the same file)."""
    return list(
        DocumentVersion.objects.filter(
            document__investigation_id=version.document.investigation_id,
            sha256=version.sha256,
        )
        .exclude(pk=version.pk)
        .select_related("document")
        .order_by("created_at", "pk")
    )


def search_filters_of(*, access: Access) -> dict:
    """What the filters offer: the members (authors), languages and labels in use."""
    access.require(permissions.READ)
    units = SearchUnit.objects.filter(investigation=access.investigation)
    labels: set[str] = set()
    listed = (
        units.exclude(labels="").order_by().values_list("labels", flat=True).distinct()
    )
    for value in listed[:LABELS_LISTED]:
        labels.update(item for item in value.split(",") if item)
    return {
        "languages": sorted(
            units.exclude(language="")
            .order_by()
            .values_list("language", flat=True)
            .distinct()
        ),
        "labels": sorted(labels),
    }
