"""Conflicts of interest: finding the declared ones and the ones we detect.

A juror is conflicted on an entry when they declared it (or staff added it), when
it is their own or co-authored entry, when they work for the same outlet (compared
by normalised name), or when its entrant or a co-author is someone the juror has
declared a relation with.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from accounts.models import User
from awards.jury.enums import ConflictSource
from awards.jury.models import Conflict, Juror
from awards.models import Entry, EntryCoAuthor

_TLD = re.compile(r"\.(kz|kg|uz|tj|tm|ru|com|org|net|info|news|media)$")
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_outlet(name: str) -> str:
    """'The Kloop.kg ' and 'kloop' are one outlet: case, accents, punctuation,
    a leading 'the' and a trailing country or generic domain are ignored."""
    text = unicodedata.normalize("NFKD", name or "").casefold().strip()
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _TLD.sub("", text)
    text = re.sub(r"^the\s+", "", text)
    return _NOT_WORD.sub("", text)


def conflict_map(
    *, jurors: Iterable[Juror], entries: Iterable[Entry]
) -> dict[tuple[int, int], str]:
    """Every (juror id, entry id) pair in conflict, with its source.

    Four queries whatever the sizes: declared conflicts, co-authors, relations,
    and the jurors' users.
    """
    jurors = list(jurors)
    entries = list(entries)
    juror_ids = [j.pk for j in jurors]
    entry_ids = [e.pk for e in entries]
    found: dict[tuple[int, int], str] = {}
    for juror_id, entry_id, source in Conflict.objects.filter(
        juror_id__in=juror_ids, entry_id__in=entry_ids
    ).values_list("juror_id", "entry_id", "source"):
        found[(juror_id, entry_id)] = source
    # Whose entries: user -> the entries they own or co-author, so each juror
    # looks up their own and their relations' entries instead of every entry.
    entries_of: dict[int, set[int]] = defaultdict(set)
    for entry in entries:
        entries_of[entry.owner_id].add(entry.pk)
    for entry_id, user_id in EntryCoAuthor.objects.filter(
        entry_id__in=entry_ids
    ).values_list("entry_id", "user_id"):
        entries_of[user_id].add(entry_id)
    relations: dict[int, set[int]] = defaultdict(set)
    for juror_id, user_id in Juror.related_people.through.objects.filter(
        juror_id__in=juror_ids
    ).values_list("juror_id", "user_id"):
        relations[juror_id].add(user_id)
    users = {
        u.pk: u
        for u in User.objects.filter(
            pk__in=[j.user_id for j in jurors if j.user_id]
        ).only("pk", "outlet")
    }
    by_outlet: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        key = normalise_outlet(entry.outlet)
        if key:
            by_outlet[key].append(entry)
    for juror in jurors:
        user = users.get(juror.user_id)
        if user is not None:
            for entry in by_outlet.get(normalise_outlet(user.outlet), ()):
                found.setdefault((juror.pk, entry.pk), ConflictSource.OUTLET)
        for person in relations[juror.pk]:
            for entry_id in entries_of.get(person, ()):
                found.setdefault((juror.pk, entry_id), ConflictSource.RELATION)
        # Their own entry is named as such, whatever else was found.
        for entry_id in entries_of.get(juror.user_id, ()) if juror.user_id else ():
            found[(juror.pk, entry_id)] = ConflictSource.OWN
    return found


def has_conflict(juror: Juror, entry: Entry) -> bool:
    """Whether `juror` must not see `entry`."""
    return bool(conflict_map(jurors=[juror], entries=[entry]))
