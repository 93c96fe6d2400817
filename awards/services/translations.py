"""Staff-written translations for the public site: of prize-winning entries, and of
the jury's citations (the award's and categories' words are translated on their
edit screens, awards/admin_views/content_translations.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Language, User
from awards.jury.models import Prize
from awards.models import Entry, EntryTranslation, PrizeTranslation
from awards.permissions import can_organise_award


@transaction.atomic
def entry_translation_save(
    *, entry: Entry, language: Language, title: str, summary: str, actor: User
) -> EntryTranslation:
    """Staff add or correct an entry's title and summary in another language.

    A translation into the entry's own language is refused: the original is that.
    """
    if not can_organise_award(actor, entry.category.award_id):
        raise PermissionDenied
    if entry.language_id == language.pk:
        raise ValidationError(
            _("This is the entry's original language."), code="original"
        )
    translation = EntryTranslation.objects.filter(
        entry=entry, language=language
    ).first() or EntryTranslation(entry=entry, language=language)
    translation.title = title.strip()
    translation.summary = summary.strip()
    translation.full_clean()
    translation.save()
    return translation


@transaction.atomic
def prize_citation_translations_save(
    *, prize: Prize, citations: dict[str, str], actor: User
) -> list[PrizeTranslation]:
    """An award's organisers set the jury's citation of `prize` in other site
    languages, `citations` keyed by language code; an empty text removes that
    language's translation.

    A translation into the award's own language is refused: the original is that.
    """
    award = prize.round.award
    if not can_organise_award(actor, award):
        raise PermissionDenied
    if award.language in citations:
        raise ValidationError(
            _("This is the award's original language."), code="original"
        )
    kept = []
    for language, text in citations.items():
        text = text.strip()
        existing = PrizeTranslation.objects.filter(
            prize=prize, language=language
        ).first()
        if not text:
            if existing:
                existing.delete()
            continue
        translation = existing or PrizeTranslation(prize=prize, language=language)
        translation.citation = text
        translation.full_clean()
        translation.save()
        kept.append(translation)
    return kept
