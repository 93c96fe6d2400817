"""Every write to awards goes through here: one service per change of state."""

import datetime
import hashlib
import os
import secrets
import uuid

import filetype
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import get_valid_filename
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Language, User
from awards import emails, selectors, tasks
from awards.clock import now
from awards.eligibility import failed_rules
from awards.enums import (
    ACCEPTED_MIME_TYPES,
    TRANSITIONS,
    WITHDRAWABLE_STATES,
    AiUse,
    EligibilityRule,
    EntryState,
)
from awards.models import (
    Award,
    Category,
    CoAuthorInvitation,
    EligibilityOverride,
    Entry,
    EntryCoAuthor,
    EntryFile,
    EntryTransition,
)
from awards.permissions import can_organise_award, is_owner

SNIFF_BYTES = 8192
MAX_PUBLICATION_URLS = 10


def format_deadline(award: Award) -> str:
    """The deadline as the award's wall-clock time, naming its zone."""
    local = award.deadline.astimezone(award.zone)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({award.timezone})"


def _require_open(award: Award) -> None:
    moment = now()
    if moment < award.opens_at:
        raise ValidationError(
            _("%(award)s opens for entries on %(opens)s (%(zone)s).")
            % {
                "award": award.title,
                "opens": date_format(award.opens_at, "DATETIME_FORMAT"),
                "zone": award.timezone,
            },
            code="not_open",
        )
    if moment > award.deadline:
        raise ValidationError(
            _("The deadline has passed: entries closed at %(deadline)s.")
            % {"deadline": format_deadline(award)},
            code="deadline",
        )


def require_entries_closed(award: Award) -> None:
    """The jury's verdict on an entry waits until entries can no longer be withdrawn.

    Before the deadline (plus grace) an entrant may still withdraw, and a verdict
    taken earlier would show through the embargo as a missing *Withdraw* button.
    """
    if now() <= award.deadline:
        raise ValidationError(
            _(
                "Entrants can still withdraw until %(deadline)s: shortlists and "
                "prizes wait until the deadline has passed."
            )
            % {"deadline": format_deadline(award)},
            code="entries_open",
        )


def _require_draft_owner(entry: Entry, actor: User) -> None:
    if not is_owner(actor, entry):
        raise PermissionDenied
    if entry.state != EntryState.DRAFT:
        raise ValidationError(
            _("This entry has been submitted and can no longer be changed."),
            code="frozen",
        )


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


def _lock(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update()
        .select_related("category__award")
        .get(pk=entry.pk)
    )


def _record(entry: Entry, *, to_state: str, actor: User, note: str = "") -> None:
    """Move `entry` to `to_state` if the table allows it, and write who and when."""
    if to_state not in TRANSITIONS[entry.state]:
        raise ValidationError(
            _("An entry that is %(from)s cannot become %(to)s.")
            % {
                "from": EntryState(entry.state).label,
                "to": EntryState(to_state).label,
            },
            code="transition",
        )
    EntryTransition.objects.create(
        entry=entry,
        from_state=entry.state,
        to_state=to_state,
        actor=actor,
        at=now(),
        note=note,
    )
    entry.state = to_state


ENTRY_FIELDS = (
    "title",
    "summary",
    "outlet",
    "country",
    "language",
    "published_on",
    "publication_urls",
    "ai_use",
    "ai_use_description",
    "declares_original_work",
    "declares_right_to_submit",
    "consents_to_publish",
)


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
    ai_use: str = "",
    ai_use_description: str = "",
    declares_original_work: bool = False,
    declares_right_to_submit: bool = False,
    consents_to_publish: bool = False,
) -> Entry:
    """Start a draft in `category`; only while its award takes entries."""
    _require_open(category.award)
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
        ai_use=ai_use,
        ai_use_description=ai_use_description.strip(),
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
    entry = _lock(entry)
    _require_draft_owner(entry, actor)
    if category.award_id != entry.category.award_id:
        raise ValidationError({"category": _("Choose a category of the same award.")})
    _require_open(entry.category.award)
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"entry_update: unknown fields {sorted(unknown)}")
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(entry, name, value)
    entry.category = category
    entry.publication_urls = _clean_urls(entry.publication_urls)
    if entry.ai_use in ("", AiUse.NONE):
        entry.ai_use_description = ""
    entry.full_clean()
    entry.save()
    return entry


def clean_file_name(name: str, extension: str | None = None) -> str:
    """A display name safe anywhere: no path, no control or odd characters, at most
    100 characters, and the extension of the type we detected (or, for messages
    about a refused file, the sanitised extension it came with)."""
    base = os.path.basename(name.replace("\\", "/"))
    stem, given = os.path.splitext(base)
    stem = get_valid_filename(stem.replace("..", "")) if stem.strip(" .") else ""
    stem = stem.lstrip(".-")[:90] or "attachment"
    if extension is None:
        extension = "".join(c for c in given if c.isalnum())[:10].lower()
    return f"{stem}.{extension}" if extension else stem


@transaction.atomic
def entry_file_add(*, entry: Entry, actor: User, upload: UploadedFile) -> EntryFile:
    """Attach a file to a draft: PDF, image or audio by its content, within the
    award's size limit. A refused file leaves the draft and its files as they were."""
    entry = _lock(entry)
    _require_draft_owner(entry, actor)
    award = entry.category.award
    _require_open(award)
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > award.max_file_size:
        raise ValidationError(
            _("“%(name)s” is too large: files may be at most %(max)s MB.")
            % {
                "name": clean_file_name(upload.name or ""),
                "max": award.max_file_size_mb,
            },
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ACCEPTED_MIME_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, an image (JPEG, PNG, WebP, GIF) or an audio "
                "file (MP3, M4A, OGG, WAV, FLAC)."
            )
            % {"name": clean_file_name(upload.name or "")},
            code="file_type",
        )
    attachment = EntryFile(
        entry=entry,
        storage_name=f"{uuid.uuid4().hex}.{kind.extension}",
        name=clean_file_name(upload.name or "", kind.extension),
        kind=ACCEPTED_MIME_TYPES[kind.mime],
        content_type=kind.mime,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(attachment.storage_name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def entry_file_remove(*, attachment: EntryFile, actor: User) -> None:
    """Remove an attachment from a draft, and its bytes from storage after commit."""
    entry = _lock(attachment.entry)
    _require_draft_owner(entry, actor)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _verified_user(email: str) -> User | None:  # the account behind a checked address
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None


@transaction.atomic
def entry_co_author_add(
    *, entry: Entry, actor: User, email: str, notify: bool = True
) -> None:
    """Name a co-author by email: a registered person is added and told by email;
    anyone else receives an invitation link. Both look the same to the entrant, so
    the form does not reveal who has an account. `notify=False` (demo data, imports)
    adds a registered person without an email; an invitation is always sent."""
    entry = _lock(entry)
    _require_draft_owner(entry, actor)
    email = User.objects.normalize_email(email)
    if email == actor.email.lower():
        raise ValidationError({"email": _("You are the entrant already.")})
    person = _verified_user(email)
    language = get_language() or "en"
    if person is not None:
        if person.pk == entry.owner_id:
            raise ValidationError({"email": _("You are the entrant already.")})
        _link, created = EntryCoAuthor.objects.get_or_create(entry=entry, user=person)
        if created and notify:
            emails.send_co_author_added(entry=entry, user=person, language=language)
        return
    if entry.invitations.filter(email=email).exists():
        return
    token = secrets.token_urlsafe(32)
    invitation = CoAuthorInvitation(
        entry=entry,
        email=email,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        invited_by=actor,
    )
    invitation.full_clean()
    invitation.save()
    emails.send_invitation(invitation=invitation, token=token, language=language)


@transaction.atomic
def entry_co_author_remove(*, entry: Entry, actor: User, user_id: int) -> None:
    """Take a co-author off a draft."""
    entry = _lock(entry)
    _require_draft_owner(entry, actor)
    EntryCoAuthor.objects.filter(entry=entry, user_id=user_id).delete()


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Entry:
    """Join an entry as co-author through an invitation link, while it is a draft.

    Only the owner of the invited address (verified) may accept, once.
    """
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None or invitation.accepted_at is not None:
        raise ValidationError(_("This invitation is not valid any more."))
    entry = _lock(invitation.entry)
    if entry.state != EntryState.DRAFT:
        raise ValidationError(_("This entry has been submitted already."))
    if user.pk == entry.owner_id:
        raise ValidationError(_("You are the entrant already."))
    # A forwarded link must not make someone else a co-author: only the person who
    # owns the invited address, verified, may accept.
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        raise ValidationError(
            _(
                "This invitation was sent to another email address. Sign in with "
                "the address it was sent to, then open the link again."
            )
        )
    EntryCoAuthor.objects.get_or_create(entry=entry, user=user)
    invitation.accepted_by = user
    invitation.accepted_at = now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
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
        "category": entry.category.name,
        "ai_use": entry.ai_use,
        "ai_use_description": entry.ai_use_description,
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
    entry = _lock(entry)
    if not is_owner(actor, entry):
        raise PermissionDenied
    if entry.state == EntryState.SUBMITTED:
        return entry  # the same submission, clicked twice
    if entry.state != EntryState.DRAFT:
        raise ValidationError(
            _("This entry has been submitted and can no longer be changed."),
            code="frozen",
        )
    _require_open(entry.category.award)
    problems = _missing_for_submit(entry)
    if problems:
        raise ValidationError(problems, code="incomplete")
    facts, rules = selectors.eligibility_inputs(entry=entry)
    reasons = failed_rules(facts, rules)
    if reasons:
        raise ValidationError([reason.message for reason in reasons], code="ineligible")
    _record(entry, to_state=EntryState.SUBMITTED, actor=actor)
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
    entry = _lock(entry)
    if not is_owner(actor, entry):
        raise PermissionDenied
    if entry.state not in WITHDRAWABLE_STATES:
        raise ValidationError(
            _("Only a submitted entry can be withdrawn."), code="transition"
        )
    _require_open(entry.category.award)
    _record(entry, to_state=EntryState.WITHDRAWN, actor=actor)
    entry.save(update_fields=["state", "updated_at"])
    return entry


def _require_staff(actor: User, entry: Entry) -> None:
    """Organisers of the entry's award (or the platform admin) only."""
    if not can_organise_award(actor, entry.category.award_id):
        raise PermissionDenied


@transaction.atomic
def entry_eligibility_check(*, entry: Entry, actor: User) -> Entry:
    """Staff re-run every rule (skipping overridden ones): no failure makes the entry
    eligible, any failure ineligible, with the reasons stored."""
    _require_staff(actor, entry)
    entry = _lock(entry)
    if entry.state not in (
        EntryState.SUBMITTED,
        EntryState.ELIGIBLE,
        EntryState.INELIGIBLE,
    ):
        raise ValidationError(
            _("Only submitted entries are checked for eligibility."),
            code="transition",
        )
    facts, rules = selectors.eligibility_inputs(entry=entry)
    overridden = entry.eligibility_overrides.values_list("rule", flat=True)
    reasons = failed_rules(facts, rules, skip=overridden)
    target = EntryState.INELIGIBLE if reasons else EntryState.ELIGIBLE
    if target != entry.state:
        _record(entry, to_state=target, actor=actor)
    entry.eligibility_reasons = [reason.as_json() for reason in reasons]
    entry.eligibility_checked_at = now()
    entry.save(
        update_fields=[
            "state",
            "eligibility_reasons",
            "eligibility_checked_at",
            "updated_at",
        ]
    )
    return entry


@transaction.atomic
def entry_eligibility_override(
    *, entry: Entry, actor: User, rule: str, note: str
) -> Entry:
    """Staff set one failed rule aside with a written note, then re-run the rules."""
    _require_staff(actor, entry)
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write why this rule is set aside.")})
    if rule not in EligibilityRule.values:
        raise ValidationError({"rule": _("Choose a rule.")})
    override = EligibilityOverride(
        entry=entry, rule=rule, note=note, decided_by=actor, decided_at=now()
    )
    override.full_clean()
    override.save()
    return entry_eligibility_check(entry=entry, actor=actor)


def _staff_move(entry: Entry, actor: User, to_state: str) -> Entry:
    _require_staff(actor, entry)
    # The award as stored now, not as the caller last read it.
    require_entries_closed(Award.objects.get(pk=entry.category.award_id))
    entry = _lock(entry)
    _record(entry, to_state=to_state, actor=actor)
    entry.save(update_fields=["state", "updated_at"])
    return entry


@transaction.atomic
def entry_shortlist(*, entry: Entry, actor: User) -> Entry:
    """Staff put an eligible entry on the shortlist."""
    return _staff_move(entry, actor, EntryState.SHORTLISTED)


@transaction.atomic
def entry_make_finalist(*, entry: Entry, actor: User) -> Entry:
    """Staff make a shortlisted entry a finalist."""
    return _staff_move(entry, actor, EntryState.FINALIST)


@transaction.atomic
def entry_make_winner(*, entry: Entry, actor: User) -> Entry:
    """Staff make a finalist a winner."""
    return _staff_move(entry, actor, EntryState.WINNER)


@transaction.atomic
def entry_confirmation_mark_sent(*, entry_id: int) -> bool:
    """Record that the confirmation went out; False if it had already."""
    updated = Entry.objects.filter(
        pk=entry_id, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=now())
    return bool(updated)
