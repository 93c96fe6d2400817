from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils import translation

from accounts import selectors, tasks


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with emails in the reader's language and sent by Celery."""

    def save_user(self, request, user, form, commit=True):
        # Emails go out in the language the person signed up in until they change it.
        user.preferred_language = selectors.language_for(
            None, fallback=translation.get_language()
        )
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # An address with no account (a reset asked for an unknown address) gets the
        # language of the page the request came from.
        recipient = context.get("user") or email
        with selectors.email_language(recipient, fallback=translation.get_language()):
            message = self.render_mail(template_prefix, email, context)
            payload = {
                "subject": str(message.subject),
                "body": str(message.body),
                "from_email": str(message.from_email),
                "to": [str(to) for to in message.to],
                "alternatives": [
                    [str(content), mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
            }
        transaction.on_commit(lambda: tasks.email_send.delay(**payload))
