"""Staff-written translations of prize-winning entries for the public site."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Language, User
from awards.models import Entry, EntryTranslation
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
