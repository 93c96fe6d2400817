from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self) -> None:
        # What a cached public page shows changes when results go public, a prize is
        # withdrawn, or a page is (un)published, moved or deleted: empty the public
        # page cache then.
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from awards.jury.models import Prize
        from awards.models import (
            Award,
            AwardTranslation,
            Category,
            CategoryTranslation,
            EntryTranslation,
            PrizeTranslation,
        )
        from awards.services.certificates import prize_withdrawn
        from awards.services.publishing import results_published
        from cms.cache import purge
        from cms.models import SiteSettings
        from cms.partners.signals import webhooks_on_publication

        results_published.connect(purge, dispatch_uid="cms-purge-results")
        results_published.connect(
            webhooks_on_publication, dispatch_uid="cms-partner-webhooks"
        )
        prize_withdrawn.connect(purge, dispatch_uid="cms-purge-prize-withdrawn")
        page_published.connect(purge, dispatch_uid="cms-purge-published")
        page_unpublished.connect(purge, dispatch_uid="cms-purge-unpublished")
        post_page_move.connect(purge, dispatch_uid="cms-purge-moved")
        post_save.connect(purge, sender=EntryTranslation, dispatch_uid="cms-purge-tr")
        post_delete.connect(
            purge, sender=EntryTranslation, dispatch_uid="cms-purge-tr-del"
        )
        # The award's own words and their translations, a prize's picture and the
        # site's brand colours show on the public pages.
        for model in (
            Award,
            Category,
            AwardTranslation,
            CategoryTranslation,
            PrizeTranslation,
            Prize,
            SiteSettings,
        ):
            name = model._meta.model_name
            post_save.connect(purge, sender=model, dispatch_uid=f"cms-purge-{name}")
            post_delete.connect(
                purge, sender=model, dispatch_uid=f"cms-purge-{name}-del"
            )
