"""Demo data: the demo investigation gets its workspace key and two documents.

Idempotent: if the demo investigation has documents already, nothing is touched.
Called from demo.seed.seed_demo after demo.investigations.seed().
"""

import contextlib

from demo.investigations import CODENAME
from investigations.models import Investigation
from secure_docs import services, storage
from secure_docs.models import Document

DOCUMENTS = (
    (
        "Leaked licence transfer list",
        "licence-transfers-2019.csv",
        "Spreadsheet from a ministry source. Do not share outside the team.",
        "leak, licences",
        "licence,holder,transferred_to,date\n"
        "AD-0417,Amu Darya Irrigation Co,Aral Basin Invest Ltd,2019-03-14\n"
        "SD-1120,Syr Darya Water Union,Syr Darya Holdings Ltd,2019-06-02\n",
    ),
    (
        "Interview notes: former deputy minister",
        "interview-notes.txt",
        "Typed notes from the Tashkent interview; the audio stays offline.",
        "interviews",
        "Met at 14:00. Confirms the tender was decided before it was published.\n"
        "Names the Cyprus intermediary; asks not to be quoted by name.\n",
    ),
)


def seed(*, codename: str = CODENAME) -> None:
    """The demo investigation's workspace key and DOCUMENTS, once."""
    investigation = Investigation.objects.filter(codename=codename).first()
    if (
        investigation is None
        or Document.objects.filter(investigation=investigation).exists()
    ):
        return
    lead = investigation.created_by
    services.workspace_key_ensure(investigation=investigation)
    for title, name, description, tags, text in DOCUMENTS:
        upload = services.encrypt_to_storage(
            investigation=investigation, name=name, chunks=iter([text.encode()])
        )
        try:
            services.document_create(
                actor=lead,
                investigation=investigation,
                title=title,
                description=description,
                tags=tags,
                upload=upload,
            )
        except BaseException:
            with contextlib.suppress(Exception):
                storage.delete(upload.storage_name)
            raise
