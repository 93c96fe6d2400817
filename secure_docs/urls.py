from django.urls import path

from secure_docs import views

app_name = "secure_docs"

W = "w/<slug:codename>/documents/"
D = W + "<int:document_id>/"
V = D + "versions/<int:version_id>/"

urlpatterns = [
    path("my-key/", views.personal_key, name="personal_key"),
    path("my-key/delete/", views.personal_key_delete, name="personal_key_delete"),
    path(W, views.document_list, name="list"),
    path(W + "upload/", views.document_upload, name="upload"),
    path(W + "rotate-key/", views.workspace_key_rotate, name="rotate_key"),
    path(D, views.document_detail, name="detail"),
    path(D + "versions/", views.version_upload, name="version_upload"),
    path(D + "notes/", views.note_create, name="note_create"),
    path(D + "delete/", views.document_delete, name="delete"),
    path(D + "access-log/", views.access_log, name="access_log"),
    path(V + "download/", views.version_download, name="download"),
    path(V + "ciphertext/", views.version_ciphertext, name="ciphertext"),
    path(V + "restore/", views.version_restore, name="restore"),
]
