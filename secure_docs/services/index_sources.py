"""The search index's units: one per document version, task, comment and note,
made when their source is written, indexed by the worker after the commit."""

from investigations.models import Comment, Task
from secure_docs.enums import IndexKind, IndexStatus
from secure_docs.models import DocumentVersion, Note, SearchUnit
from secure_docs.services._common import enqueue


def _labels(text: str) -> str:
    items = [item.strip().lower() for item in text.split(",") if item.strip()]
    return f",{','.join(items)}," if items else ""


def unit_for_version(*, version: DocumentVersion) -> SearchUnit:
    """The version's search unit (created pending on first need)."""
    document = version.document
    unit, _created = SearchUnit.objects.get_or_create(
        version=version,
        defaults={
            "investigation_id": document.investigation_id,
            "kind": IndexKind.DOCUMENT,
            "author_id": version.uploaded_by_id,
            "dated_at": version.created_at,
            "language": document.language,
            "labels": _labels(document.tags),
        },
    )
    return unit


def version_index_schedule(*, version: DocumentVersion) -> SearchUnit:
    """Index a new version once its row is committed."""
    unit = unit_for_version(version=version)
    enqueue("index_unit", unit.pk)
    return unit


def board_unit(*, kind: str, object_id: int) -> SearchUnit | None:
    """The unit of a task, comment or note (pending again if it existed)."""
    if kind == IndexKind.TASK:
        task = Task.objects.filter(pk=object_id).first()
        if task is None:
            return None
        source = {"task": task}
        fields = {
            "investigation_id": task.investigation_id,
            "author_id": task.created_by_id,
            "dated_at": task.created_at,
            "labels": _labels(task.labels),
        }
    elif kind == IndexKind.COMMENT:
        comment = Comment.objects.select_related("task").filter(pk=object_id).first()
        if comment is None:
            return None
        source = {"comment": comment}
        fields = {
            "investigation_id": comment.task.investigation_id,
            "author_id": comment.author_id,
            "dated_at": comment.created_at,
            "labels": _labels(comment.task.labels),
        }
    elif kind == IndexKind.NOTE:
        note = Note.objects.select_related("document").filter(pk=object_id).first()
        if note is None:
            return None
        source = {"note": note}
        fields = {
            "investigation_id": note.document.investigation_id,
            "author_id": note.author_id,
            "dated_at": note.created_at,
            "labels": _labels(note.document.tags),
        }
    else:
        raise ValueError(f"not a board kind: {kind}")
    unit, created = SearchUnit.objects.get_or_create(
        **source, defaults={"kind": kind, **fields}
    )
    if not created:
        SearchUnit.objects.filter(pk=unit.pk).update(
            labels=fields["labels"], status=IndexStatus.PENDING
        )
    if kind == IndexKind.TASK:
        # Comments are filtered by their task's labels.
        SearchUnit.objects.filter(comment__task_id=object_id).update(
            labels=fields["labels"]
        )
    return unit


def text_index_schedule(*, kind: str, object_id: int) -> None:
    """A task's, comment's or note's text changed: index it after the commit."""
    unit = board_unit(kind=kind, object_id=object_id)
    if unit is not None:
        enqueue("index_unit", unit.pk)


def board_text(*, unit: SearchUnit) -> str:
    """The text a board unit indexes: a task's title, description and checklist."""
    if unit.kind == IndexKind.TASK:
        task = unit.task
        items = "\n".join(task.checklist.values_list("text", flat=True))
        return "\n\n".join(
            part for part in (task.title, task.description, items) if part
        )
    if unit.kind == IndexKind.COMMENT:
        return unit.comment.body
    return unit.note.body
