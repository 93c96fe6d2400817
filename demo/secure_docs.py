"""Demo data: the demo investigation gets its workspace key and five documents,
three of which show search across scripts: a scanned Russian PDF (read by OCR), a
Kazakh DOCX and an Uzbek email all name "Toshmatov", each in its own script.

Idempotent: if the demo investigation has documents already, nothing is touched.
Called from demo.seed.seed_demo after demo.investigations.seed(); the documents are
indexed by the worker once the seed commits (in-process with `make run`).
"""

import contextlib

from demo import documents as make
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


def _search_documents() -> tuple[tuple[str, str, str, str, bytes, str], ...]:
    """(title, file name, description, tags, content, language) of the three
    documents that one Latin-letter search finds."""
    return (
        (
            "Bank transfer memo (scan)",
            "bank-memo-scan.pdf",
            "A paper memo from the bank, scanned; read by OCR.",
            "bank, scans",
            make.scan_pdf(
                [
                    "СЛУЖЕБНАЯ ЗАПИСКА",
                    "Перевод 2 400 000 долларов",
                    "на счёт ООО «Кокандский текстиль».",
                    "Получатель: Жахонгир Тошматов,",
                    "директор, г. Коканд.",
                ]
            ),
            "ru",
        ),
        (
            "Shareholder meeting minutes",
            "minutes-2019.docx",
            "Minutes of the Almaty holding's meeting, in Kazakh.",
            "companies",
            make.docx(
                [
                    "Акционерлер жиналысының хаттамасы",
                    "Жиналысқа Жахонгир Тошматов мырза қатысты.",
                    "Қоқан қаласындағы фабриканы сату туралы шешім қабылданды.",
                ]
            ),
            "kk",
        ),
        (
            "Email from the notary",
            "notary-letter.eml",
            "Forwarded by a source in Tashkent.",
            "sources",
            make.eml(
                "Hujjatlar tayyor",
                "Assalomu alaykum! Jahongir Toshmatov Qoʻqon shahridagi "
                "fabrikani sotish hujjatlarini imzoladi. Nusxalar ilova qilindi.",
                [("ilova.txt", b"Shartnoma raqami 17/2019, Toshkent.")],
            ),
            "uz",
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
    documents = [(*document[:4], document[4].encode(), "") for document in DOCUMENTS]
    for title, name, description, tags, content, language in (
        *documents,
        *_search_documents(),
    ):
        upload = services.encrypt_to_storage(
            investigation=investigation, name=name, chunks=iter([content])
        )
        try:
            services.document_create(
                actor=lead,
                investigation=investigation,
                title=title,
                description=description,
                tags=tags,
                language=language,
                upload=upload,
            )
        except BaseException:
            with contextlib.suppress(Exception):
                storage.delete(upload.storage_name)
            raise
