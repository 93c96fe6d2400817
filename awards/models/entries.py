"""The entries journalists submit: the work, its co-authors and invitations, its
attachments, its history of states, staff overrides and public translations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from awards.enums import (
    LICENCE_DEEDS,
    AiUse,
    AttachmentKind,
    EligibilityRule,
    EntryState,
    Licence,
)
from awards.models.awards import Award, Category


class Entry(models.Model):
    """A piece of work entered in a category; frozen once submitted."""

    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("category"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="award_entries",
        verbose_name=_("entrant"),
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="EntryCoAuthor",
        related_name="co_authored_entries",
        verbose_name=_("co-authors"),
        blank=True,
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=20000, blank=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    country = CountryField(_("country of publication"), blank=True)
    language = models.ForeignKey(
        "accounts.Language",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language"),
        null=True,
        blank=True,
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    publication_urls = models.JSONField(_("publication URLs"), default=list, blank=True)
    media_url = models.URLField(
        _("video or audio link"),
        max_length=500,
        blank=True,
        help_text=_(
            "The work on YouTube, Vimeo, SoundCloud or another service that "
            "allows embedding; the public page plays it if the work wins."
        ),
    )
    # The work's own video or audio file, uploaded with tus (awards/media_uploads/).
    media_file = models.ForeignKey(
        "awards.MediaUpload",
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("video or audio file"),
        null=True,
        blank=True,
        editable=False,
    )
    ai_use = models.CharField(
        _("use of AI"), max_length=20, choices=AiUse.choices, blank=True
    )
    ai_use_description = models.TextField(
        _("how AI was used"), max_length=4000, blank=True
    )
    licence = models.CharField(
        _("licence for partners"),
        max_length=20,
        choices=Licence.choices,
        blank=True,
        help_text=_(
            "The terms under which partner broadcasters may re-broadcast the work "
            "if it wins."
        ),
    )
    declares_original_work = models.BooleanField(
        _("this is our original work"), default=False
    )
    declares_right_to_submit = models.BooleanField(
        _("we have the right to submit it"), default=False
    )
    consents_to_publish = models.BooleanField(
        _("it may be published if it wins"), default=False
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=EntryState.choices,
        default=EntryState.DRAFT,
        db_index=True,
    )
    reference = models.CharField(
        _("reference number"), max_length=32, unique=True, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_version = models.JSONField(
        _("submitted version"), null=True, blank=True, editable=False
    )
    submission_language = models.CharField(
        _("language of the entrant's session"), max_length=10, blank=True
    )
    eligibility_reasons = models.JSONField(
        _("eligibility reasons"), default=list, blank=True, editable=False
    )
    eligibility_checked_at = models.DateTimeField(
        _("eligibility checked at"), null=True, blank=True
    )
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=EntryState.values),
                name="awards_entry_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state=EntryState.DRAFT)
                | Q(
                    reference__isnull=False,
                    submitted_at__isnull=False,
                    declares_original_work=True,
                    declares_right_to_submit=True,
                    consents_to_publish=True,
                    language__isnull=False,
                    published_on__isnull=False,
                )
                & ~Q(ai_use="")
                & ~Q(licence=""),
                name="awards_entry_submitted_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(ai_use__in=["", AiUse.NONE]) | ~Q(ai_use_description=""),
                name="awards_entry_ai_use_described",
            ),
            models.CheckConstraint(
                condition=Q(ai_use__in=["", *AiUse.values]),
                name="awards_entry_ai_use_valid",
            ),
            models.CheckConstraint(
                condition=Q(licence__in=["", *Licence.values]),
                name="awards_entry_licence_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "state"]),
            # The staff list pages through entries in this order: with the index
            # a page reads its 50 rows instead of sorting every entry.
            models.Index(fields=["created_at", "id"], name="awards_entry_created_idx"),
        ]

    def __str__(self) -> str:
        return self.reference or self.title

    @property
    def award(self) -> Award:
        return self.category.award

    @property
    def licence_deed_url(self) -> str:
        """The Creative Commons deed of the entry's licence; "" for other terms."""
        return LICENCE_DEEDS.get(self.licence, "")

    @property
    def is_draft(self) -> bool:
        return self.state == EntryState.DRAFT


class EntryCoAuthor(models.Model):
    """A registered person named as co-author; sees the entry read-only."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "user"], name="awards_entrycoauthor_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class CoAuthorInvitation(models.Model):
    """An email invitation to become co-author; the link holds a secret token.

    Only the token's SHA-256 is stored, so a database leak gives no working links.
    """

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("co-author invitation")
        verbose_name_plural = _("co-author invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "email"], name="awards_invitation_once_per_email"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(accepted_by__isnull=False),
                name="awards_invitation_accepted_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.email


def entry_file_path(instance: "EntryFile", filename: str) -> str:
    # The stored name is random: the entrant's file name never reaches the storage.
    return f"awards/entries/{instance.entry_id}/{instance.storage_name}"


class EntryFile(models.Model):
    """An attachment: its bytes in storage, its checked type and its clean name."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=entry_file_path, max_length=300)
    storage_name = models.CharField(max_length=80, editable=False)
    name = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0), name="awards_entryfile_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AttachmentKind.values),
                name="awards_entryfile_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EntryTransition(models.Model):
    """Append-only history: who moved an entry from which state to which, when."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=20, choices=EntryState.choices)
    to_state = models.CharField(max_length=20, choices=EntryState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class EligibilityOverride(models.Model):
    """Staff set one failed rule aside for one entry, with a written reason."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="eligibility_overrides"
    )
    rule = models.CharField(_("rule"), max_length=30, choices=EligibilityRule.choices)
    note = models.TextField(_("note"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        verbose_name = _("eligibility override")
        verbose_name_plural = _("eligibility overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "rule"], name="awards_override_once_per_rule"
            ),
            models.CheckConstraint(
                condition=~Q(note=""), name="awards_override_has_note"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.rule}"


class EntryTranslation(models.Model):
    """A translated title and summary of an entry for the public site.

    The entry keeps its original language; a visitor reading in another language
    sees this translation when there is one, else the original, labelled.
    """

    entry = models.ForeignKey(
        Entry,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("entry"),
    )
    language = models.ForeignKey(
        "accounts.Language",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language"),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=20000, blank=True)

    class Meta:
        verbose_name = _("entry translation")
        verbose_name_plural = _("entry translations")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "language"], name="awards_entrytranslation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.language_id}"
