from django.urls import path

from investigations.views import board, members, notifications, workspaces

app_name = "investigations"

urlpatterns = [
    path("", workspaces.investigation_list, name="list"),
    path("new/", workspaces.investigation_create, name="create"),
    path("mfa-required/", workspaces.mfa_required, name="mfa_required"),
    path(
        "notifications/",
        notifications.notification_settings,
        name="notifications",
    ),
    path(
        "invitations/<str:token>/",
        members.invitation_accept,
        name="invitation_accept",
    ),
    path("w/<slug:codename>/", workspaces.workspace_home, name="home"),
    path("w/<slug:codename>/settings/", workspaces.workspace_settings, name="settings"),
    path("w/<slug:codename>/archive/", workspaces.workspace_archive, name="archive"),
    path("w/<slug:codename>/members/", members.members, name="members"),
    path("w/<slug:codename>/members/invite/", members.member_invite, name="invite"),
    path(
        "w/<slug:codename>/members/<int:membership_id>/role/",
        members.member_role,
        name="member_role",
    ),
    path(
        "w/<slug:codename>/members/<int:membership_id>/remove/",
        members.member_remove,
        name="member_remove",
    ),
    path(
        "w/<slug:codename>/invitations/<int:invitation_id>/revoke/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path("w/<slug:codename>/board/", board.board, name="board"),
    path("w/<slug:codename>/columns/new/", board.column_create, name="column_create"),
    path(
        "w/<slug:codename>/columns/<int:column_id>/rename/",
        board.column_rename,
        name="column_rename",
    ),
    path(
        "w/<slug:codename>/columns/<int:column_id>/shift/",
        board.column_shift,
        name="column_shift",
    ),
    path("w/<slug:codename>/tasks/new/", board.task_create, name="task_create"),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/", board.task_detail, name="task_detail"
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/edit/", board.task_edit, name="task_edit"
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/move/", board.task_move, name="task_move"
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/comments/",
        board.comment_create,
        name="comment_create",
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/checklist/",
        board.checklist_add,
        name="checklist_add",
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/checklist/<int:item_id>/toggle/",
        board.checklist_toggle,
        name="checklist_toggle",
    ),
    path("w/<slug:codename>/activity/", workspaces.activity, name="activity"),
]
