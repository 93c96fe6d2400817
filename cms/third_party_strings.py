"""Wagtail admin strings that organisers and jurors see when they sign in at /admin/.

Wagtail ships no Kazakh, Uzbek, Kyrgyz, Tajik or Turkmen catalogue; listing these
msgids here keeps them in locale/ through `make messages`, and our catalogues come
first in LOCALE_PATHS. Never imported. Keep each msgid exactly as Wagtail writes it.
Not yet seen in kk/uz/ky/tg/tk: /admin/ lies outside i18n_patterns (always English
before sign-in) and Wagtail offers a staff member only the admin languages it ships
(WAGTAILADMIN_PERMITTED_LANGUAGES) — widening that is a settings decision.
"""

from django.utils.translation import gettext_noop

WAGTAIL_ADMIN_STRINGS = (
    gettext_noop("Sign in"),
    gettext_noop("Forgotten password?"),
    gettext_noop("Signing in…"),
    gettext_noop("Remember me"),
    gettext_noop("Enter password"),
    gettext_noop("Enter your %(username_field_name)s"),
    gettext_noop(
        "Your %(username_field)s and password didn't match. Please try again."
    ),
    gettext_noop("Enter your email address to reset your password"),
)
