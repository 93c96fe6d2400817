"""Who may do what with documents: predicates over investigations' Access.

Documents reuse the investigation's role permissions: every member reads and
downloads, reporters and up upload and comment, editors and up manage (restore,
delete), leads see the access log and rotate the workspace key.
"""

from investigations import permissions as roles
from investigations.access import Access

READ = roles.VIEW
UPLOAD = roles.UPLOAD
NOTE = roles.COMMENT
MANAGE = roles.MANAGE_DOCUMENTS
# Leads: who accessed what, and the workspace key.
AUDIT = roles.MANAGE_MEMBERS
ROTATE_KEY = roles.CHANGE_SETTINGS


def can_upload(access: Access) -> bool:
    return access.can(UPLOAD)


def can_manage(access: Access) -> bool:
    return access.can(MANAGE)


def can_audit(access: Access) -> bool:
    return access.can(AUDIT)
