from django.core.checks import Error, register

from secure_docs import crypto


@register()
def gpg_installed(app_configs, **kwargs):
    """Secure documents cannot work without gpg: say so at startup."""
    if crypto.gpg_binary() is None:
        return [
            Error(
                "gpg is not installed or not on PATH; secure documents cannot be "
                "encrypted or decrypted.",
                hint="Debian: apt-get install gnupg",
                id="secure_docs.E001",
            )
        ]
    return []
