from django.urls import path

from secure_docs.views import documents, downloads, keys, search

app_name = "secure_docs"

W = "w/<slug:codename>/documents/"
D = W + "<int:document_id>/"
V = D + "versions/<int:version_id>/"
S = "w/<slug:codename>/search/"

urlpatterns = [
    path("my-key/", keys.personal_key, name="personal_key"),
    path("my-key/delete/", keys.personal_key_delete, name="personal_key_delete"),
    path(W, documents.document_list, name="list"),
    path(W + "upload/", documents.document_upload, name="upload"),
    path(W + "rotate-key/", keys.workspace_key_rotate, name="rotate_key"),
    path(D, documents.document_detail, name="detail"),
    path(D + "versions/", documents.version_upload, name="version_upload"),
    path(D + "notes/", documents.note_create, name="note_create"),
    path(D + "delete/", documents.document_delete, name="delete"),
    path(D + "access-log/", documents.access_log, name="access_log"),
    path(V + "download/", downloads.version_download, name="download"),
    path(V + "ciphertext/", downloads.version_ciphertext, name="ciphertext"),
    path(V + "restore/", documents.version_restore, name="restore"),
    path(S, search.search, name="search"),
    path(S + "saved/", search.saved_search_create, name="saved_search_create"),
    path(
        S + "saved/<int:saved_search_id>/",
        search.saved_search_run,
        name="saved_search_run",
    ),
    path(
        S + "saved/<int:saved_search_id>/delete/",
        search.saved_search_delete,
        name="saved_search_delete",
    ),
]
