"""Awards' public addresses outside /awards/ (routed in every language by
config/urls.py): the verification page a certificate's QR code leads to."""

from django.urls import path

from awards import views

urlpatterns = [
    path("<str:code>/", views.certificate_verify, name="certificate_verify"),
]
