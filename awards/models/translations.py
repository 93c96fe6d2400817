"""Translations of an award's own words: its title, description and rules, its
categories' names and descriptions, and the jury's prize citations.

Each translation is a row per site language (settings.LANGUAGES); the award keeps
the language it was typed in (`Award.language`), and a reader in another language
sees the translation when there is one, else the original, labelled with its
language (awards/selectors/localized.py).
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey


def site_language_field() -> models.CharField:
    return models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)


def _parent(instance: models.Model, name: str) -> models.Model | None:
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def _refuse_original(language: str, award) -> None:
    """A translation into the award's own language is refused: the original is it."""
    if award is not None and language == award.language:
        raise ValidationError(
            {"language": _("This is the award's original language.")},
            code="original",
        )


class AwardTranslation(models.Model):
    """An award's title, description, rules, AI-use policy and certificate heading
    in one site language other than the award's own."""

    award = ParentalKey(
        "awards.Award",
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("award"),
    )
    language = site_language_field()
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rules = models.TextField(_("rules"), blank=True)
    ai_policy = models.TextField(_("AI-use policy"), blank=True)
    certificate_heading = models.CharField(
        _("certificate heading"), max_length=120, blank=True
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("award translation")
        verbose_name_plural = _("award translations")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "language"], name="awards_awardtranslation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.language}"

    def clean(self) -> None:
        _refuse_original(self.language, _parent(self, "award"))


class CategoryTranslation(models.Model):
    """A category's name and description in one site language other than its
    award's."""

    category = ParentalKey(
        "awards.Category",
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("category"),
    )
    language = site_language_field()
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("category translation")
        verbose_name_plural = _("category translations")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"],
                name="awards_categorytranslation_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.language}"

    def clean(self) -> None:
        category = _parent(self, "category")
        _refuse_original(self.language, category and _parent(category, "award"))


class PrizeTranslation(models.Model):
    """The jury's citation of a prize in one site language other than its
    award's."""

    prize = models.ForeignKey(
        "awards.Prize",
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("prize"),
    )
    language = site_language_field()
    citation = models.TextField(_("jury citation"))

    class Meta:
        ordering = ["language"]
        verbose_name = _("prize translation")
        verbose_name_plural = _("prize translations")
        constraints = [
            models.UniqueConstraint(
                fields=["prize", "language"], name="awards_prizetranslation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(citation=""),
                name="awards_prizetranslation_has_citation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prize_id} · {self.language}"

    def clean(self) -> None:
        prize = _parent(self, "prize")
        _refuse_original(self.language, prize and prize.round.award)
