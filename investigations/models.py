from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from investigations.enums import ActivityVerb, InvestigationStatus, Role

# The lead's choice of idle time before a workspace asks to sign in again: from five
# minutes (a shared newsroom computer) to a working day.
IDLE_TIMEOUT_MIN = 5
IDLE_TIMEOUT_MAX = 8 * 60


class Investigation(models.Model):
    """A workspace: one investigation run together by its members."""

    title = models.CharField(_("title"), max_length=200)
    codename = models.SlugField(
        _("codename"),
        max_length=60,
        unique=True,
        help_text=_("A short name for links; letters, digits and hyphens."),
    )
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvestigationStatus.choices,
        default=InvestigationStatus.ACTIVE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # After this long without a request to the workspace, the next one asks the
    # member to sign in again (password or second factor); the lead sets it.
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        _("re-authenticate after idle (minutes)"),
        default=30,
        validators=[
            MinValueValidator(IDLE_TIMEOUT_MIN),
            MaxValueValidator(IDLE_TIMEOUT_MAX),
        ],
        help_text=_(
            "A member who has not opened the workspace for this long signs in "
            "again before seeing anything of it."
        ),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")
        # Only object permissions, granted per role by investigations.permissions.
        default_permissions = ()
        permissions = [
            ("view_investigation", _("Read the workspace")),
            ("edit_tasks", _("Create and edit tasks")),
            ("comment_tasks", _("Comment on tasks")),
            ("upload_documents", _("Upload documents")),
            ("manage_board", _("Manage the board's columns")),
            ("manage_documents", _("Manage documents")),
            ("manage_members", _("Manage members and roles")),
            ("change_settings", _("Change the settings")),
            ("archive_investigation", _("Archive and reopen")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=InvestigationStatus.values),
                name="investigations_investigation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        return self.status == InvestigationStatus.ARCHIVED


class InvestigationUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct foreign key for users: no generic relation, real joins."""

    content_object = models.ForeignKey(Investigation, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False


class InvestigationGroupObjectPermission(GroupObjectPermissionBase):
    """guardian's direct foreign key for groups (unused by roles, kept for guardian)."""

    content_object = models.ForeignKey(Investigation, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False


class Membership(models.Model):
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="investigation_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("access ends"),
        null=True,
        blank=True,
        help_text=_("For guests: membership ends at this time."),
    )

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "user"],
                name="investigations_membership_one_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="investigations_membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Invitation(models.Model):
    """An emailed invitation; the link carries a signed nonce, we keep its hash."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(
        _("language of the email"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    access_until = models.DateTimeField(
        _("guest access until"),
        null=True,
        blank=True,
        help_text=_("Optional: the membership ends at this time."),
    )
    nonce_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="investigations_invitation_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True)
                | models.Q(revoked_at__isnull=True),
                name="investigations_invitation_not_accepted_and_revoked",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class Column(models.Model):
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="columns"
    )
    name = models.CharField(_("name"), max_length=80)
    position = models.FloatField(_("position"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("column")
        verbose_name_plural = _("columns")
        indexes = [models.Index(fields=["investigation", "position"])]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="tasks"
    )
    column = models.ForeignKey(Column, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), max_length=20000, blank=True, help_text=_("Markdown.")
    )
    position = models.FloatField(_("position"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    labels = models.CharField(
        _("labels"), max_length=200, blank=True, help_text=_("Separated by commas.")
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignees"),
        blank=True,
        related_name="investigation_tasks",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["column", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="investigations_task_version_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def label_list(self) -> list[str]:
        return [label.strip() for label in self.labels.split(",") if label.strip()]


class ChecklistItem(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(_("item"), max_length=200)
    is_done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class Comment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=10000)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:50]


class ActivityEvent(models.Model):
    """Who did what, when. Append-only: services create events, nothing edits them."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verb = models.CharField(max_length=40, choices=ActivityVerb.choices)
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")
        indexes = [models.Index(fields=["investigation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_verb_display()} {self.subject}"


class NotificationSettings(models.Model):
    """Per user: which emails to send, and in which language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="investigation_notifications",
    )
    language = models.CharField(
        _("language of emails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    email_invited = models.BooleanField(
        _("when I am invited to an investigation"), default=True
    )
    email_assigned = models.BooleanField(_("when I am assigned a task"), default=True)
    email_mentioned = models.BooleanField(_("when someone mentions me"), default=True)
    email_due_digest = models.BooleanField(
        _("a daily digest of my tasks due soon"), default=True
    )
    # The digest task sets this so a second run on the same day sends nothing.
    due_digest_sent_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)
