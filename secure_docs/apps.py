from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecureDocsConfig(AppConfig):
    name = "secure_docs"
    verbose_name = _("Secure documents")

    def ready(self) -> None:
        from secure_docs import (
            checks,  # noqa: F401 - registers the gpg check
            hooks,
        )

        hooks.register()
