from django.urls import path

from awards import views
from awards.jury import views as jury_views
from awards.jury import views_calibration as calibration_views
from awards.jury import views_deliberation
from awards.media_upload import views as media_views

app_name = "awards"

urlpatterns = [
    path("", views.my_entries, name="my_entries"),
    path("enter/<slug:award_slug>/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/files/", views.attachment_add, name="attachment_add"),
    path(
        "entries/<int:pk>/files/<int:file_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "entries/<int:pk>/files/<int:file_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("entries/<int:pk>/media/", media_views.uploads, name="media_uploads"),
    path("entries/<int:pk>/media/play/", media_views.play, name="media_play"),
    path(
        "media-uploads/<str:upload_id>/",
        media_views.upload,
        name="media_upload",
    ),
    path("entries/<int:pk>/co-authors/", views.co_author_add, name="co_author_add"),
    path(
        "entries/<int:pk>/co-authors/<int:user_pk>/remove/",
        views.co_author_remove,
        name="co_author_remove",
    ),
    path("entries/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path(
        "certificates/<str:code>/pdf/",
        views.certificate_download,
        name="certificate_pdf",
    ),
    path(
        "broadcasts/unsubscribe/<str:token>/",
        views.broadcast_unsubscribe,
        name="broadcast_unsubscribe",
    ),
    path("jury/", jury_views.dashboard, name="jury_dashboard"),
    path("jury/relations/", jury_views.relation, name="jury_relation"),
    path("jury/rounds/<int:pk>/bids/", jury_views.bids, name="jury_bids"),
    path("jury/expertise/", jury_views.expertise, name="jury_expertise"),
    path(
        "jury/rounds/<int:pk>/calibration/",
        calibration_views.calibration,
        name="jury_calibration",
    ),
    path(
        "jury/rounds/<int:pk>/calibration/<int:entry_pk>/",
        calibration_views.calibration_entry,
        name="jury_calibration_entry",
    ),
    path(
        "jury/rounds/<int:pk>/calibration/<int:entry_pk>/files/<int:number>/",
        calibration_views.calibration_attachment,
        name="jury_calibration_attachment",
    ),
    path("jury/entries/<int:pk>/", jury_views.entry, name="jury_entry"),
    path("jury/entries/<int:pk>/conflict/", jury_views.conflict, name="jury_conflict"),
    path(
        "jury/entries/<int:pk>/files/<int:number>/",
        jury_views.attachment,
        name="jury_attachment",
    ),
    path(
        "jury/rounds/<int:round_pk>/entries/<int:entry_pk>/deliberation/",
        views_deliberation.deliberation,
        name="jury_deliberation",
    ),
    path(
        "jury/rounds/<int:round_pk>/entries/<int:entry_pk>/deliberation/vote/",
        views_deliberation.deliberation_vote,
        name="jury_deliberation_vote",
    ),
    path(
        "jury/rounds/<int:round_pk>/entries/<int:entry_pk>/deliberation/decision/",
        views_deliberation.deliberation_decide,
        name="jury_deliberation_decide",
    ),
    path("jury/invitations/<str:token>/", jury_views.accept, name="juror_accept"),
]
