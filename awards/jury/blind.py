"""What a juror may see of an entry: blind rounds hide who made it.

In a blind round a juror never sees the entrant, co-authors, outlet or
publication links (they name the outlet); attachments are served under neutral
names, and PDFs lose their document properties (author, creator, title, XMP).
"""

import io
import mimetypes

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from awards.models import EntryFile


def neutral_name(attachment: EntryFile, number: int) -> str:
    """'attachment-2.pdf': the kind's extension and nothing of the entrant's name."""
    extension = mimetypes.guess_extension(attachment.content_type) or ""
    return f"attachment-{number}{extension}"


def strip_pdf(data: bytes) -> bytes:
    """The PDF without its document information or XMP metadata.

    A PDF pypdf cannot read is not served at all (ValueError): passing it through
    untouched could leak what we promised to hide.
    """
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.metadata = None
        root = writer.root_object
        if "/Metadata" in root:
            del root["/Metadata"]
        for page in writer.pages:
            if "/Metadata" in page:
                del page["/Metadata"]
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise ValueError("unreadable PDF") from error
    return out.getvalue()
