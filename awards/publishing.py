"""Moved: the writes to awards.services.publishing and .translations, the reads to
awards.selectors.results and .audit_log. Kept so that modules outside awards'
core (cms, demo data, tests) import it until they are switched over."""

from awards.selectors.audit_log import HeadMismatch, published_heads_verify
from awards.selectors.results import results_emails_due
from awards.services.publishing import (
    publications_due_purge,
    results_emails_send,
    results_publish,
    results_published,
)
from awards.services.translations import entry_translation_save

__all__ = [
    "HeadMismatch",
    "entry_translation_save",
    "publications_due_purge",
    "published_heads_verify",
    "results_emails_due",
    "results_emails_send",
    "results_publish",
    "results_published",
]
