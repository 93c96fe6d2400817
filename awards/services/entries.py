"""An entry's life as its entrant leads it: draft, edit, submit, withdraw."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Language, User
from awards import selectors, tasks
from awards.clock import now
from awards.eligibility import failed_rules
from awards.enums import WITHDRAWABLE_STATES, AiUse, EntryState
from awards.models import Category, Entry
from awards.permissions import is_owner
from awards.services._common import lock, record, require_draft_owner, require_open

MAX_PUBLICATION_URLS = 10


def _clean_urls(urls: list[str]) -> list[str]:
    cleaned = []
    validate = URLValidator(schemes=["http", "https"])
    for url in urls:
        url = url.strip()
        if not url:
            continue
        validate(url)
        if url not in cleaned:
            cleaned.append(url)
    if len(cleaned) > MAX_PUBLICATION_URLS:
        raise ValidationError(
            {
                "publication_urls": _("Give at most %(max)s addresses.")
                % {"max": MAX_PUBLICATION_URLS}
            }
        )
    return cleaned


def _clean_media_url(url: str) -> str:
    """An http(s) address or nothing: the public page embeds or links it."""
    url = url.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise ValidationError({"media_url": error.messages}) from error
    return url


# What the entrant writes besides the title; the admin's inspect page shows them
# in this order too (awards/wagtail_hooks.py).
ENTRY_DETAIL_FIELDS = (
    "summary",
    "outlet",
    "country",
    "language",
    "published_on",
    "publication_urls",
    "media_url",
    "ai_use",
    "ai_use_description",
    "licence",
    "declares_original_work",
    "declares_right_to_submit",
    "consents_to_publish",
)
ENTRY_FIELDS = ("title", *ENTRY_DETAIL_FIELDS)


@transaction.atomic
def entry_create(
    *,
    owner: User,
    category: Category,
    title: str,
    summary: str = "",
    outlet: str = "",
    country: str = "",
    language: Language | None = None,
    published_on: datetime.date | None = None,
    publication_urls: list[str] | None = None,
    media_url: str = "",
    ai_use: str = "",
    ai_use_description: str = "",
    licence: str = "",
    declares_original_work: bool = False,
    declares_right_to_submit: bool = False,
    consents_to_publish: bool = False,
) -> Entry:
    """Start a draft in `category`; only while its award takes entries."""
    require_open(category.award)
    entry = Entry(
        category=category,
        owner=owner,
        title=title.strip(),
        summary=summary.strip(),
        outlet=outlet.strip(),
        country=country,
        language=language,
        published_on=published_on,
        publication_urls=_clean_urls(publication_urls or []),
        media_url=_clean_media_url(media_url),
        ai_use=ai_use,
        ai_use_description=ai_use_description.strip(),
        licence=licence,
        declares_original_work=declares_original_work,
        declares_right_to_submit=declares_right_to_submit,
        consents_to_publish=consents_to_publish,
    )
    if entry.ai_use in ("", AiUse.NONE):
        entry.ai_use_description = ""
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, actor: User, category: Category, **fields) -> Entry:
    """Change a draft. Refused once submitted: the submitted version is frozen."""
    entry = lock(entry)
    require_draft_owner(entry, actor)
    if category.award_id != entry.category.award_id:
        raise ValidationError({"category": _("Choose a category of the same award.")})
    require_open(entry.category.award)
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"entry_update: unknown fields {sorted(unknown)}")
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(entry, name, value)
    entry.category = category
    entry.publication_urls = _clean_urls(entry.publication_urls)
    entry.media_url = _clean_media_url(entry.media_url)
    if entry.ai_use in ("", AiUse.NONE):
        entry.ai_use_description = ""
    entry.full_clean()
    entry.save()
    return entry


def _missing_for_submit(entry: Entry) -> list[str]:
    problems = []
    if not entry.language_id:
        problems.append(_("Choose the language of the work."))
    if not entry.country:
        problems.append(_("Choose the country where the work was published."))
    if entry.published_on is None:
        problems.append(_("Give the publication date."))
    if not entry.publication_urls:
        problems.append(_("Give at least one address where the work was published."))
    if not entry.ai_use:
        problems.append(_("Say whether and how AI tools were used."))
    elif entry.ai_use != AiUse.NONE and not entry.ai_use_description:
        problems.append(_("Describe how AI tools were used."))
    if not entry.licence:
        problems.append(
            _("Choose the licence under which partners may re-broadcast the work.")
        )
    if not (
        entry.declares_original_work
        and entry.declares_right_to_submit
        and entry.consents_to_publish
    ):
        problems.append(_("Confirm all three declarations."))
    return problems


def _snapshot(entry: Entry) -> dict:
    return {
        "title": entry.title,
        "summary": entry.summary,
        "outlet": entry.outlet,
        "country": str(entry.country),
        "language": entry.language_id,
        "published_on": entry.published_on.isoformat(),
        "publication_urls": list(entry.publication_urls),
        "media_url": entry.media_url,
        "category": entry.category.name,
        "ai_use": entry.ai_use,
        "ai_use_description": entry.ai_use_description,
        "licence": entry.licence,
        "declarations": {
            "original_work": entry.declares_original_work,
            "right_to_submit": entry.declares_right_to_submit,
            "consent_to_publish": entry.consents_to_publish,
        },
        "owner": {"id": entry.owner_id, "name": str(entry.owner)},
        "co_authors": [
            {"id": user.pk, "name": str(user)}
            for user in entry.co_authors.order_by("pk")
        ],
        "files": [
            {"name": f.name, "kind": f.kind, "size": f.size, "path": f.file.name}
            for f in entry.files.order_by("pk")
        ],
    }


def reference_for(entry: Entry) -> str:
    """The number an entrant quotes: award year and entry id, e.g. QA2026-000042."""
    return f"QA{entry.category.award.year}-{entry.pk:06d}"


@transaction.atomic
def entry_submit(*, entry: Entry, actor: User, language: str = "") -> Entry:
    """Submit a draft: before the deadline (award's zone plus grace, server clock),
    complete, and passing every eligibility rule. The entry is locked, so a double
    click submits once: the second call finds it submitted and returns it."""
    entry = lock(entry)
    if not is_owner(actor, entry):
        raise PermissionDenied
    if entry.state == EntryState.SUBMITTED:
        return entry  # the same submission, clicked twice
    if entry.state != EntryState.DRAFT:
        raise ValidationError(
            _("This entry has been submitted and can no longer be changed."),
            code="frozen",
        )
    require_open(entry.category.award)
    problems = _missing_for_submit(entry)
    if problems:
        raise ValidationError(problems, code="incomplete")
    facts, rules = selectors.eligibility_inputs(entry=entry)
    reasons = failed_rules(facts, rules)
    if reasons:
        raise ValidationError([reason.message for reason in reasons], code="ineligible")
    record(entry, to_state=EntryState.SUBMITTED, actor=actor)
    entry.reference = reference_for(entry)
    entry.submitted_at = now()
    entry.submission_language = language or get_language() or "en"
    entry.submitted_version = _snapshot(entry)
    entry.eligibility_reasons = []
    entry.eligibility_checked_at = entry.submitted_at
    entry.full_clean()
    entry.save()
    entry_id = entry.pk
    transaction.on_commit(lambda: tasks.entry_confirmation_send.delay(entry_id))
    return entry


@transaction.atomic
def entry_withdraw(*, entry: Entry, actor: User) -> Entry:
    """The entrant takes a submitted entry back, before the deadline."""
    entry = lock(entry)
    if not is_owner(actor, entry):
        raise PermissionDenied
    if entry.state not in WITHDRAWABLE_STATES:
        raise ValidationError(
            _("Only a submitted entry can be withdrawn."), code="transition"
        )
    require_open(entry.category.award)
    record(entry, to_state=EntryState.WITHDRAWN, actor=actor)
    entry.save(update_fields=["state", "updated_at"])
    return entry


@transaction.atomic
def entry_confirmation_mark_sent(*, entry_id: int) -> bool:
    """Record that the confirmation went out; False if it had already."""
    updated = Entry.objects.filter(
        pk=entry_id, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=now())
    return bool(updated)
