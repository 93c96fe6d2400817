"""Give each award's organisers Wagtail's permissions on the award's pages.

The admin keeps them in sync as teams and pages change; run this once after
deploying it on a database with existing teams, or after pages were made outside
the admin (e.g. a translation made with wagtail-localize)."""

from django.core.management.base import BaseCommand

from cms import services


class Command(BaseCommand):
    help = "Give each award's organisers edit and publish permissions on its pages."

    def handle(self, *args, **options):
        services.award_page_editors_sync()
