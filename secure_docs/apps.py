from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecureDocsConfig(AppConfig):
    name = "secure_docs"
    verbose_name = _("Secure documents")
