"""Workspaces a user belongs to, and counts for superusers."""

from django.db.models import Count, QuerySet

from investigations.enums import InvestigationStatus
from investigations.models import Investigation, Membership
from investigations.selectors.memberships import current


def investigations_for_user(*, user, status: str | None = None) -> QuerySet:
    """The investigations `user` is a current member of, with their role and size."""
    memberships = Membership.objects.filter(user=user).filter(current())
    queryset = (
        Investigation.objects.filter(
            pk__in=memberships.values("investigation_id"),
        )
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-created_at", "-id")
    )
    if status in InvestigationStatus.values:
        queryset = queryset.filter(status=status)
    return queryset


def roles_by_investigation(*, user, investigation_ids: list[int]) -> dict[int, str]:
    """`user`'s role in each of the given investigations."""
    return dict(
        Membership.objects.filter(
            user=user, investigation_id__in=investigation_ids
        ).values_list("investigation_id", "role")
    )


def investigation_counts() -> dict:
    """Figures for superusers: investigations by status and current memberships.

    Counts only: nothing here names, describes or identifies an investigation.
    """
    by_status = dict(
        Investigation.objects.values_list("status").annotate(n=Count("id"))
    )
    return {
        "by_status": [
            (label, by_status.get(value, 0))
            for value, label in InvestigationStatus.choices
        ],
        "total": sum(by_status.values()),
        "memberships": Membership.objects.filter(current()).count(),
    }
