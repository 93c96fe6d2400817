"""allauth's pages speak every site language, not only the ones allauth ships."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
# Labels of allauth's forms and pages, as allauth writes them in English.
ENGLISH = [
    "Sign In",
    "Sign in",
    "Sign Up",
    "Remember Me",
    "Password",
    "Forgot your password?",
    "Email",
    "Reset My Password",
    "Password Reset",
    "Activate Authenticator App",
    "Authenticator code",
    "Authenticator secret",
    "Activate",
    "Already have an account?",
    "If you have not created an account yet",
    "sign up",
    "Messages:",
    "Menu:",
]


class VisibleText(HTMLParser):
    """The text a reader sees: text nodes outside script/style, and placeholders."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        for name, value in attrs:
            if name in {"placeholder", "aria-label", "title"} and value:
                self.parts.append(value)
            if name == "value" and tag == "input" and ("type", "submit") in attrs:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def english_left(text: str) -> list[str]:
    return [
        label
        for label in ENGLISH
        if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text)
    ]


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password"]
)
def test_sign_in_pages_have_no_english_labels(client, language, name):
    response = client.get(url(name, language))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert english_left(text) == [], text


def test_english_pages_show_the_labels_the_check_looks_for(client):
    """The check above would see allauth's English if it were there."""
    response = client.get(reverse("account_login"))
    text = visible_text(response.content.decode())
    assert {"Sign In", "Remember Me", "Password", "Forgot your password?"} <= set(
        english_left(text)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_reauthentication_and_authenticator_app_pages_have_no_english_labels(
    client, language
):
    user = UserFactory()
    response = client.post(
        url("account_login", language), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    pages = [url("account_reauthenticate", language), url("mfa_index", language)]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200
        text = visible_text(response.content.decode())
        assert english_left(text) == [], (page, text)
    response = client.post(pages[0], {"password": PASSWORD})
    assert response.status_code == 302
    response = client.get(url("mfa_activate_totp", language))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert english_left(text) == [], text
