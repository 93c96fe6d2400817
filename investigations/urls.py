from django.urls import path

from investigations import views

app_name = "investigations"

urlpatterns = [
    path("", views.investigation_list, name="list"),
    path("new/", views.investigation_create, name="create"),
    path("mfa-required/", views.mfa_required, name="mfa_required"),
    path("notifications/", views.notification_settings, name="notifications"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("w/<slug:codename>/", views.workspace_home, name="home"),
    path("w/<slug:codename>/settings/", views.workspace_settings, name="settings"),
    path("w/<slug:codename>/archive/", views.workspace_archive, name="archive"),
    path("w/<slug:codename>/members/", views.members, name="members"),
    path("w/<slug:codename>/members/invite/", views.member_invite, name="invite"),
    path(
        "w/<slug:codename>/members/<int:membership_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "w/<slug:codename>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "w/<slug:codename>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("w/<slug:codename>/board/", views.board, name="board"),
    path("w/<slug:codename>/columns/new/", views.column_create, name="column_create"),
    path(
        "w/<slug:codename>/columns/<int:column_id>/rename/",
        views.column_rename,
        name="column_rename",
    ),
    path(
        "w/<slug:codename>/columns/<int:column_id>/shift/",
        views.column_shift,
        name="column_shift",
    ),
    path("w/<slug:codename>/tasks/new/", views.task_create, name="task_create"),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/", views.task_detail, name="task_detail"
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/edit/", views.task_edit, name="task_edit"
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/move/", views.task_move, name="task_move"
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/comments/",
        views.comment_create,
        name="comment_create",
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/checklist/",
        views.checklist_add,
        name="checklist_add",
    ),
    path(
        "w/<slug:codename>/tasks/<int:task_id>/checklist/<int:item_id>/toggle/",
        views.checklist_toggle,
        name="checklist_toggle",
    ),
    path("w/<slug:codename>/activity/", views.activity, name="activity"),
]
