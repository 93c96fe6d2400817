from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from accounts import tasks


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with emails rendered in the request's language and sent by Celery."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
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
