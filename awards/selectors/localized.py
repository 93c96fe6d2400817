"""An award's own words in the reader's language: its title, description, rules,
AI-use policy and certificate heading, its categories' names and descriptions, and
prize citations.

Each text is the translation into the asked language (default: the active one) when
there is one, else the original, marked with the original's language so a page can
say so (`<span lang="…">`). Translations are read from a prefetch when the caller made
one (`award_translations` and its siblings below), else once per object.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Model, Prefetch
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from awards.jury.models import Prize
from awards.models import (
    Award,
    AwardTranslation,
    Category,
    CategoryTranslation,
    PrizeTranslation,
)

# The translatable fields of each model (its translation model has the same names).
FIELDS: dict[type[Model], tuple[str, ...]] = {
    Award: ("title", "description", "rules", "ai_policy", "certificate_heading"),
    Category: ("name", "description"),
    Prize: ("citation",),
}


def site_language(language: str | None = None) -> str:
    """`language` (default: the active one) as a site language code: "ru-ru" → "ru"."""
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]


class Localized(str):
    """One text as shown to a reader of `asked`: translated, or the original in
    `language` when there is no translation (`is_fallback`).

    A string (equal to its text); in a template it prints itself escaped, inside
    `<span lang="…">` when it is the original shown to a reader of another
    language. `text` is the bare string (for attributes, plain-text emails, PDFs).
    """

    language: str
    asked: str

    def __new__(cls, text: str, language: str, asked: str) -> "Localized":
        value = super().__new__(cls, text)
        value.language = language
        value.asked = asked
        return value

    def __reduce__(self):
        return (Localized, (str(self), self.language, self.asked))

    @property
    def text(self) -> str:
        return str.__str__(self)

    @property
    def is_fallback(self) -> bool:
        return self.language != self.asked

    @property
    def lang_attr(self) -> SafeString:
        """` lang="xx"` for an element holding the text when it is not in the
        reader's language, else nothing."""
        if self.is_fallback and self.language:
            return format_html(' lang="{}"', self.language)
        return mark_safe("")  # noqa: S308 (a constant)

    def __html__(self) -> str:
        if self.lang_attr and self.text:
            return format_html("<span{}>{}</span>", self.lang_attr, self.text)
        return str(escape(self.text))


def _original_language(obj: Model) -> str:
    if isinstance(obj, Award):
        return obj.language
    if isinstance(obj, Category):
        return obj.award.language
    # A prize's award is reached through whichever of its paths the caller loaded.
    if "round" in obj._state.fields_cache:
        return obj.round.award.language
    return obj.entry.category.award.language


def translations_of(obj: Model) -> dict[str, Model]:
    """`obj`'s translations by language: from its prefetch if there is one, else
    read once and kept on the object."""
    cached = obj.__dict__.get("_translations_by_language")
    if cached is None:
        cached = {item.language: item for item in obj.translations.all()}
        obj.__dict__["_translations_by_language"] = cached
    return cached


def localized(obj: Model, field: str, language: str | None = None) -> Localized:
    """`obj`'s `field` (an Award, Category or Prize text) in `language` (default:
    the active one), else in the original language."""
    if field not in FIELDS[type(obj)]:
        raise ValueError(f"{type(obj).__name__}.{field} is not translatable")
    asked = site_language(language)
    original = _original_language(obj)
    if asked != original:
        translation = translations_of(obj).get(asked)
        text = getattr(translation, field, "") if translation else ""
        if text:
            return Localized(text=text, language=asked, asked=asked)
    return Localized(text=getattr(obj, field), language=original, asked=asked)


def chosen(
    translated: str | None, original: str, original_language: str, asked: str
) -> Localized:
    """A text read as plain values: `translated` (into `asked`) if there is one,
    else the original in `original_language`."""
    if translated and asked != original_language:
        return Localized(text=translated, language=asked, asked=asked)
    return Localized(text=original, language=original_language, asked=asked)


def award_titles(
    award_ids: Iterable[int], language: str | None = None
) -> dict[int, str]:
    """The translated titles of `award_ids` in `language` (default: the active
    one), by award id; one query."""
    rows = AwardTranslation.objects.filter(
        award_id__in=award_ids, language=site_language(language)
    ).values_list("award_id", "title")
    return dict(rows)


def category_names(
    category_ids: Iterable[int], language: str | None = None
) -> dict[int, str]:
    """The translated names of `category_ids` in `language`, by category id; one
    query."""
    rows = CategoryTranslation.objects.filter(
        category_id__in=category_ids, language=site_language(language)
    ).values_list("category_id", "name")
    return dict(rows)


def translations_dict(obj: Model, field: str) -> dict[str, str]:
    """`obj`'s `field` in every language it has, the original's included, keyed by
    language code (for the partner API)."""
    texts = {_original_language(obj): getattr(obj, field)}
    for language, item in sorted(translations_of(obj).items()):
        if getattr(item, field) and language not in texts:
            texts[language] = getattr(item, field)
    return texts


def award_translations(prefix: str = "") -> Prefetch:
    """A prefetch of the award translations at `prefix` ("" for awards themselves,
    e.g. "category__award__" from an entry)."""
    return Prefetch(f"{prefix}translations", queryset=AwardTranslation.objects.all())


def category_translations(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}translations", queryset=CategoryTranslation.objects.all())


def prize_translations(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}translations", queryset=PrizeTranslation.objects.all())
