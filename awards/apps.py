from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards.services.publishing import results_published

        results_published.connect(_results_out, dispatch_uid="awards-results-emails")


def _results_out(sender, award_id: int, **kwargs) -> None:
    """The results are public: have a worker tell the entrants. If the broker is
    down the beat task (`results_publications_due`) asks again within a minute."""
    import logging

    from awards.tasks import results_emails_send

    try:
        results_emails_send.delay(award_id)
    except Exception:  # noqa: BLE001 - the broker is the outside world here
        logging.getLogger(__name__).warning(
            "results emails for award %s not queued; the beat task will retry",
            award_id,
            exc_info=True,
        )
