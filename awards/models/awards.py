"""Award editions and their categories: when an award takes entries, from where,
and each category's eligibility rules."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.models import ClusterableModel

from awards.enums import AttachmentKind


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


# A certificate's accent colour: six hex digits, as the admin's colour fields take it.
validate_hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}\Z",
    _("Enter a colour as # and six hexadecimal digits, e.g. #1f4e79."),
    code="colour",
)


CERTIFICATE_ACCENT = "#1f4e79"


# Clusterable: the edit screen carries the award's translations inline
# (awards/models/translations.py).
class Award(ClusterableModel):
    """One edition of an award: when it takes entries, from where, and its rules.

    Opening and closing times are wall-clock times in the award's own time zone, so
    "closes 23:59 on 31 March in Almaty" means exactly that, whatever the server's.
    """

    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language the award's texts are typed in; translations into the "
            "site's other languages go below."
        ),
    )
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
    # The prize certificates' design (awards/certificates.py draws them).
    certificate_heading = models.CharField(
        _("certificate heading"),
        max_length=120,
        blank=True,
        help_text=_("Printed above the prize, as typed; empty: “Certificate”."),
    )
    certificate_accent = models.CharField(
        _("certificate accent colour"),
        max_length=7,
        blank=True,
        default=CERTIFICATE_ACCENT,
        validators=[validate_hex_colour],
        help_text=_(
            "The colour of the certificate's border and headings, e.g. #1f4e79 "
            "(empty: that dark blue)."
        ),
    )
    certificate_signatory_name = models.CharField(
        _("signatory's name"), max_length=120, blank=True
    )
    certificate_signatory_role = models.CharField(
        _("signatory's role"),
        max_length=120,
        blank=True,
        help_text=_("E.g. Chair of the jury."),
    )
    certificate_logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate logo"),
    )

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

    @property
    def certificate_colour(self) -> str:
        """The accent colour certificates are drawn in."""
        return self.certificate_accent or CERTIFICATE_ACCENT

    def is_open(self, now: datetime.datetime) -> bool:
        return self.opens_at <= now <= self.deadline


class Category(ClusterableModel):
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
