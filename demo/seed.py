"""`seed_demo`: everything `make run` loads, in the order it depends on.

Every step is idempotent (it looks for what it would create and leaves anything
that exists untouched), so running `seed_demo` twice changes nothing.
"""

from django.db import transaction

import demo.accounts
import demo.awards
import demo.content_translations
import demo.investigations
import demo.jury
import demo.media
import demo.pages
import demo.partners
import demo.results
import demo.secure_docs
from cms import services as cms_services


def seed_demo() -> list[demo.accounts.DemoUser]:
    """Create the demo site and users where missing; return the demo logins."""
    with transaction.atomic():
        home = demo.pages.seed_site()
        demo.accounts.seed_users()
        award_2026 = demo.awards.seed()
        demo.jury.seed(award_2026)  # its own check: nothing once the round exists
        demo.pages.seed_award_page(home, award_2026)
        demo.pages.seed_public_pages(home, demo.results.seed())
        # The awards' own words in every language (after both awards exist).
        demo.content_translations.seed()
        demo.media.seed()  # after the 2025 results: a winner's own audio file
        demo.awards.seed_teams()
        demo.pages.seed_locale_synchronisation()
        # Each award's organisers edit its pages in every language.
        cms_services.award_page_editors_sync()
        demo.investigations.seed()
        demo.secure_docs.seed()
        demo.partners.seed(demo.accounts.DEMO_USERS[0].email)
    return list(demo.accounts.DEMO_USERS)
