"""Writes of the public site's admin: who edits each award's pages.

Each award's organisers are the members of its page-editors group (kept by the
award team services, awards.permissions); here that group gets Wagtail's page
permissions on every AwardPage of the award, in every language, and so on the
pages below them. Observers hold none: Wagtail has no read-only page permission.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from awards import permissions as award_permissions
from awards.models import Award
from cms.models import AwardPage

# Edit, publish and lock the award's pages and add pages below them; deleting a
# page with children ("bulk_delete") stays with the platform admin.
AWARD_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")


@transaction.atomic
def award_page_permissions_sync() -> None:
    """Give each award's page-editors group exactly the page permissions of
    AWARD_PAGE_PERMISSIONS on every AwardPage of that award, and none on any
    other page (a page whose award changed leaves the old team at once).

    Idempotent; runs after a page is created, copied or edited in the admin,
    from `seed_demo` and from `manage.py sync_award_page_permissions`.
    """
    codenames = [f"{action}_page" for action in AWARD_PAGE_PERMISSIONS]
    perms = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
    )
    groups: dict[int, int] = {}  # award id → its page-editors group's id
    wanted = set()
    for page_id, award_id in AwardPage.objects.values_list("pk", "award_id"):
        if award_id not in groups:
            groups[award_id] = award_permissions.page_editors_group(award_id).pk
        wanted |= {(groups[award_id], page_id, perm.pk) for perm in perms}
    held = GroupPagePermission.objects.filter(
        group__in=award_permissions.page_editors_groups()
    )
    have = {
        (group_id, page_id, permission_id): pk
        for pk, group_id, page_id, permission_id in held.values_list(
            "pk", "group_id", "page_id", "permission_id"
        )
    }
    held.filter(pk__in=[pk for key, pk in have.items() if key not in wanted]).delete()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group_id=group_id, page_id=page_id, permission_id=perm_id)
        for group_id, page_id, perm_id in sorted(wanted - have.keys())
    )


@transaction.atomic
def award_page_editors_sync() -> None:
    """Every award's page-editors group made its current organisers, then the
    pages' permissions: for databases whose teams predate the groups."""
    for award in Award.objects.all():
        award_permissions.page_editors_reset(award=award)
    award_page_permissions_sync()
