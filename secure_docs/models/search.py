"""The blind index of a workspace: what is searchable, its text encrypted, and
its words as keyed hashes.

Nothing here is plaintext of a document: a segment holds text encrypted with a
key derived from the workspace key (AES-GCM), a posting holds a word only as a
64-bit HMAC under another derived key, with the word's positions for phrases.
What that still reveals (equal words, how often, where) is in docs/threat-model.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from investigations.models import Comment, Investigation, Task
from secure_docs.enums import DocumentLanguage, IndexKind, IndexStatus
from secure_docs.models.documents import DocumentVersion, Note, WorkspaceKey


class SearchUnit(models.Model):
    """One searchable thing: a document version, a task, a comment or a note."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="search_units"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IndexKind.choices)
    version = models.OneToOneField(
        DocumentVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_unit",
    )
    task = models.OneToOneField(
        Task, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.OneToOneField(
        Note, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The workspace key whose derived keys the segments and postings are under;
    # a rotation re-indexes the unit before the retired key may go.
    key = models.ForeignKey(
        WorkspaceKey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="search_units",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dated_at = models.DateTimeField(_("date"), db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # ",label,other," (lower case) so one label filters with a plain contains.
    labels = models.CharField(max_length=400, blank=True)
    status = models.CharField(
        _("search status"),
        max_length=20,
        choices=IndexStatus.choices,
        default=IndexStatus.PENDING,
    )
    problem = models.CharField(max_length=40, blank=True)
    # [[problem code, detail], …]: what was skipped while reading (partial results).
    warnings = models.JSONField(default=list, blank=True)
    # Progress of reading: pages of a PDF, parts of an email; 1 of 1 otherwise.
    parts_total = models.PositiveIntegerField(default=0)
    parts_done = models.PositiveIntegerField(default=0)
    words = models.PositiveIntegerField(default=0)
    # Set when the postings are written; None while the unit is being read.
    indexed_at = models.DateTimeField(null=True, blank=True)
    # The run reading the unit now (services.indexing.claim): one at a time.
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-dated_at", "-id"]
        verbose_name = _("search unit")
        verbose_name_plural = _("search units")
        indexes = [
            models.Index(fields=["investigation", "kind", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=IndexKind.values),
                name="secure_docs_searchunit_kind_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=IndexKind.DOCUMENT,
                        version__isnull=False,
                        task__isnull=True,
                        comment__isnull=True,
                        note__isnull=True,
                    )
                    | models.Q(
                        kind=IndexKind.TASK,
                        version__isnull=True,
                        task__isnull=False,
                        comment__isnull=True,
                        note__isnull=True,
                    )
                    | models.Q(
                        kind=IndexKind.COMMENT,
                        version__isnull=True,
                        task__isnull=True,
                        comment__isnull=False,
                        note__isnull=True,
                    )
                    | models.Q(
                        kind=IndexKind.NOTE,
                        version__isnull=True,
                        task__isnull=True,
                        comment__isnull=True,
                        note__isnull=False,
                    )
                ),
                name="secure_docs_searchunit_one_source",
            ),
            models.CheckConstraint(
                condition=models.Q(parts_done__lte=models.F("parts_total")),
                name="secure_docs_searchunit_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def language_name(self) -> str:
        return str(dict(DocumentLanguage.choices).get(self.language, self.language))


class SearchSegment(models.Model):
    """A piece of a unit's text (a page, an attachment, a few thousand
    characters), encrypted; it knows which word positions it holds."""

    unit = models.ForeignKey(
        SearchUnit, on_delete=models.CASCADE, related_name="segments"
    )
    seq = models.PositiveIntegerField()
    page = models.PositiveIntegerField(null=True, blank=True)
    first_position = models.PositiveIntegerField()
    # One past the last word's position: first_position when it has no words.
    end_position = models.PositiveIntegerField()
    # nonce ‖ AES-GCM(JSON {"text", "label", "ocr"}), bound to its unit and seq.
    ciphertext = models.BinaryField()

    class Meta:
        ordering = ["unit", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "seq"], name="secure_docs_searchsegment_seq_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end_position__gte=models.F("first_position")),
                name="secure_docs_searchsegment_positions_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}#{self.seq}"


class SearchPosting(models.Model):
    """A word of a unit, as a keyed hash, with its positions."""

    unit = models.ForeignKey(
        SearchUnit, on_delete=models.CASCADE, related_name="postings"
    )
    term = models.BigIntegerField()
    count = models.PositiveIntegerField()
    # Positions as little-endian unsigned 32-bit integers, ascending.
    positions = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["term", "unit"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "term"], name="secure_docs_searchposting_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.term}"


class SavedSearch(models.Model):
    """A member's search, kept encrypted; they hear of new documents it finds."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="saved_searches"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.ForeignKey(
        WorkspaceKey, on_delete=models.PROTECT, related_name="saved_searches"
    )
    # nonce ‖ AES-GCM(JSON {"name", "query", "filters"}): the words a team looks
    # for are as secret as its documents.
    ciphertext = models.BinaryField()
    notify = models.BooleanField(_("email me about new documents"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return f"saved search {self.pk}"


class SavedSearchMatch(models.Model):
    """A unit a saved search was found to match: each is announced once."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="matches"
    )
    unit = models.ForeignKey(SearchUnit, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "unit"],
                name="secure_docs_savedsearchmatch_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id}→{self.unit_id}"
