"""Award editions, their categories, and the entries journalists submit to them."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from awards.enums import (
    AiUse,
    AttachmentKind,
    EligibilityRule,
    EntryState,
    TeamRole,
)


def validate_timezone(value: str) -> None:
    """An IANA zone name such as Asia/Almaty."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(value)s” is not a known time zone (e.g. Asia/Almaty)."),
            params={"value": value},
        ) from error


def validate_attachment_kinds(value: object) -> None:
    if not isinstance(value, list) or not all(
        kind in AttachmentKind.values for kind in value
    ):
        raise ValidationError(
            _("Choose attachment kinds among: %(kinds)s."),
            params={"kinds": ", ".join(AttachmentKind.values)},
        )


class Award(models.Model):
    """One edition of an award: when it takes entries, from where, and its rules.

    Opening and closing times are wall-clock times in the award's own time zone, so
    "closes 23:59 on 31 March in Almaty" means exactly that, whatever the server's.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Almaty",
        validators=[validate_timezone],
        help_text=_("Opening and closing times are in this zone, e.g. Asia/Almaty."),
    )
    opens_date = models.DateField(_("opens on"))
    opens_time = models.TimeField(_("opens at"), default=datetime.time(0, 0))
    closes_date = models.DateField(_("closes on"))
    closes_time = models.TimeField(_("closes at"), default=datetime.time(23, 59))
    grace_minutes = models.PositiveSmallIntegerField(
        _("grace minutes"),
        default=0,
        help_text=_("Submissions are still accepted this long after closing."),
    )
    eligible_countries = CountryField(
        _("eligible countries"),
        multiple=True,
        blank=True,
        help_text=_("Leave empty to accept work from every country."),
    )
    max_entries_per_person = models.PositiveSmallIntegerField(
        _("maximum entries per person"), default=3
    )
    max_file_size_mb = models.PositiveSmallIntegerField(
        _("maximum attachment size (MB)"), default=20
    )
    rules = models.TextField(_("rules"), blank=True)
    ai_policy = models.TextField(_("AI-use policy"), blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        # Object permissions of an award's team (awards.permissions grants them).
        permissions = [
            ("observe_award", _("See the award in the admin")),
            ("organise_award", _("Run the award")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_date__gt=F("opens_date"))
                | Q(closes_date=F("opens_date"), closes_time__gt=F("opens_time")),
                name="awards_award_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(grace_minutes__lte=24 * 60),
                name="awards_award_grace_at_most_a_day",
            ),
            models.CheckConstraint(
                condition=Q(max_entries_per_person__gte=1),
                name="awards_award_max_entries_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_file_size_mb__gte=1, max_file_size_mb__lte=500),
                name="awards_award_file_size_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def opens_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.opens_date, self.opens_time, self.zone)

    @property
    def closes_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.closes_date, self.closes_time, self.zone)

    @property
    def deadline(self) -> datetime.datetime:
        """The last instant a submission is accepted: closing time plus grace."""
        return self.closes_at + datetime.timedelta(minutes=self.grace_minutes)

    @property
    def max_file_size(self) -> int:
        return self.max_file_size_mb * 1024 * 1024

    def is_open(self, now: datetime.datetime) -> bool:
        return self.opens_at <= now <= self.deadline


class Category(models.Model):
    """A category of an award with its own eligibility rules; empty means no limit."""

    award = models.ForeignKey(
        Award,
        on_delete=models.CASCADE,
        related_name="categories",
        verbose_name=_("award"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("Leave empty to use the award's eligible countries."),
    )
    published_from = models.DateField(_("published on or after"), null=True, blank=True)
    published_until = models.DateField(
        _("published on or before"), null=True, blank=True
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        help_text=_(
            "The highest age an entrant may reach in the award's year, from the birth "
            "year (29 for an under-30 category)."
        ),
    )
    languages = models.ManyToManyField(
        "accounts.Language",
        verbose_name=_("accepted languages"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to accept every language."),
    )
    allows_teams = models.BooleanField(_("team entries allowed"), default=True)
    required_attachments = models.JSONField(
        _("required attachments"),
        default=list,
        blank=True,
        validators=[validate_attachment_kinds],
        help_text=_("Kinds of file every entry must have: pdf, image, audio."),
    )
    word_limit = models.PositiveIntegerField(
        _("word limit of the summary"), null=True, blank=True
    )

    class Meta:
        ordering = ["award", "position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "slug"], name="awards_category_slug_unique"
            ),
            models.CheckConstraint(
                condition=Q(published_from__isnull=True)
                | Q(published_until__isnull=True)
                | Q(published_from__lte=F("published_until")),
                name="awards_category_publication_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


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
    ai_use = models.CharField(
        _("use of AI"), max_length=20, choices=AiUse.choices, blank=True
    )
    ai_use_description = models.TextField(
        _("how AI was used"), max_length=4000, blank=True
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
                & ~Q(ai_use=""),
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
        ]
        indexes = [models.Index(fields=["owner", "state"])]

    def __str__(self) -> str:
        return self.reference or self.title

    @property
    def award(self) -> Award:
        return self.category.award

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


# Juries (rubric, rounds, jurors, sheets, audit) live in their own module.
from awards.jury.models import (  # noqa: E402
    Assignment,
    AuditRecord,
    Conflict,
    Criterion,
    Juror,
    Prize,
    ReminderSent,
    Round,
    Score,
    ScoreSheet,
)

__all__ = [
    "Assignment",
    "AuditRecord",
    "Award",
    "Category",
    "CoAuthorInvitation",
    "Conflict",
    "Criterion",
    "EligibilityOverride",
    "Entry",
    "EntryCoAuthor",
    "EntryFile",
    "EntryTransition",
    "Juror",
    "Prize",
    "ReminderSent",
    "Round",
    "Score",
    "ScoreSheet",
]


class ResultsPublication(models.Model):
    """When an award's results (its prizes) become public: now or at a set time.

    Results are public once `publish_at` has passed; until then no page, feed,
    sitemap or API names a winner. `purged_at` records that the public cache was
    emptied after the results went out (immediately, or by the beat task when a
    scheduled time comes).
    """

    award = models.OneToOneField(
        Award,
        on_delete=models.CASCADE,
        related_name="results_publication",
        verbose_name=_("award"),
    )
    publish_at = models.DateTimeField(_("results public from"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    purged_at = models.DateTimeField(_("cache purged at"), null=True, blank=True)
    # The head of the (global) jury audit chain when the results became public: the
    # record `results_publish` appended, which covers records 1..audit_sequence.
    # Empty while a publication is only scheduled, and on publications made before
    # heads were recorded.
    audit_sequence = models.PositiveBigIntegerField(
        _("audit records covered"), null=True, blank=True
    )
    audit_head = models.CharField(_("audit head hash"), max_length=64, blank=True)
    # Set once every entrant and co-author has been sent the results (ResultsEmail
    # holds who); until then the beat task keeps asking a worker to finish.
    entrants_told_at = models.DateTimeField(
        _("entrants told at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("results publication")
        verbose_name_plural = _("results publications")
        constraints = [
            models.CheckConstraint(
                condition=(Q(audit_sequence__isnull=True) & Q(audit_head=""))
                | (Q(audit_sequence__isnull=False) & ~Q(audit_head="")),
                name="awards_resultspublication_head_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.award} · {self.publish_at:%Y-%m-%d %H:%M}"


class ResultsEmail(models.Model):
    """One person told the results of an award: the entrant or a co-author of at
    least one judged entry. At most one per person and publication, so a retried or
    repeated send writes to nobody twice."""

    publication = models.ForeignKey(
        ResultsPublication,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("results publication"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("results email")
        verbose_name_plural = _("results emails")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "user"], name="awards_resultsemail_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication} → {self.user}"


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


class AwardUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct foreign key for users: an award team's permissions."""

    content_object = models.ForeignKey(Award, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False


class AwardGroupObjectPermission(GroupObjectPermissionBase):
    """guardian's direct foreign key for groups (unused by teams, kept for guardian)."""

    content_object = models.ForeignKey(Award, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False


class AwardTeamMember(models.Model):
    """A person who runs (organiser) or watches (observer) one award in the admin."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="award_teams",
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["award", "role", "user__email"]
        verbose_name = _("award team member")
        verbose_name_plural = _("award team members")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "user"], name="awards_team_one_role_per_person"
            ),
            models.CheckConstraint(
                condition=Q(role__in=TeamRole.values),
                name="awards_team_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.award}"
