"""A broadcast as one recipient reads it: the organiser's text as typed, in a
frame (greeting, footer, unsubscribe line) in the reader's language of emails,
and the signed one-click unsubscribe link that works without signing in."""

from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.selectors import language_for
from awards.emails import absolute
from awards.models import Broadcast

# A salt of its own: no other signed value of the site opens this door.
UNSUBSCRIBE_SALT = "awards.broadcast-unsubscribe"


def unsubscribe_token(user: User) -> str:
    """A token naming `user`, signed with the site's secret; it never expires (an
    old email's link must keep working)."""
    return signing.dumps({"user": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_of_token(token: str) -> User | None:
    """The active user a genuine token names; None for a bad or tampered one."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("user") if isinstance(data, dict) else None
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def unsubscribe_url(user: User, language: str) -> str:
    with translation.override(language):
        path = reverse("awards:broadcast_unsubscribe", args=[unsubscribe_token(user)])
    return absolute(path)


def broadcast_message(
    broadcast: Broadcast, user: User
) -> tuple[str, str, dict[str, str]]:
    """(subject, body, headers) of `broadcast` for `user`, in their language.

    The headers let mail programs offer their own unsubscribe button (RFC 2369,
    and RFC 8058's one-click POST).
    """
    language = language_for(user)
    url = unsubscribe_url(user, language)
    with translation.override(language):
        body = render_to_string(
            "awards/email/broadcast_body.txt",
            {
                "broadcast": broadcast,
                "award": broadcast.award,
                "user": user,
                "unsubscribe_url": url,
            },
        )
    headers = {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return " ".join(broadcast.subject.split()), body, headers
