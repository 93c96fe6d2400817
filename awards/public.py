"""Moved to awards.selectors.public; kept so that modules outside awards' core
(cms, awards.jury) import it until they are switched over."""

from awards.selectors.public import (
    FILTER_FIELDS,
    PRIZE_ORDER,
    AuditHead,
    PublicEntry,
    audit_head_for_award,
    authors_of,
    clean_filters,
    filter_choices,
    is_published,
    latest_publications,
    present,
    present_all,
    prizes_for_award,
    public_prize_for_entry,
    published_awards,
    published_prizes,
    published_q,
)

__all__ = [
    "FILTER_FIELDS",
    "PRIZE_ORDER",
    "AuditHead",
    "PublicEntry",
    "audit_head_for_award",
    "authors_of",
    "clean_filters",
    "filter_choices",
    "is_published",
    "latest_publications",
    "present",
    "present_all",
    "prizes_for_award",
    "public_prize_for_entry",
    "published_awards",
    "published_prizes",
    "published_q",
]
