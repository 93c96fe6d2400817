from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.encoding import force_str

from accounts import selectors, tasks


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with emails in the reader's language and sent by Celery."""

    def save_user(self, request, user, form, commit=True):
        # Emails go out in the language the person signed up in until they change it.
        user.preferred_language = selectors.language_for(
            None, fallback=translation.get_language()
        )
        return super().save_user(request, user, form, commit=commit)

    def format_email_subject(self, subject) -> str:
        # `accounts.emails.send` adds the site's prefix to every subject.
        return force_str(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # An address with no account (a reset asked for an unknown address) gets the
        # language of the page the request came from.
        recipient = context.get("user") or email
        with selectors.email_language(recipient, fallback=translation.get_language()):
            message = self.render_mail(template_prefix, email, context)
            tasks.email_enqueue(
                subject=str(message.subject),
                body=str(message.body),
                to=[str(to) for to in message.to],
                alternatives=[
                    [str(content), mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
            )
