"""Email (.eml): the headers and body, then each attachment read by its own kind.

Unit 0 is From, To, Cc, Subject, Date and the body (text/plain preferred, else the
HTML's text); unit N is attachment N, its parts labelled with its file name. An
attachment that cannot be read is an ATTACHMENT_SKIPPED warning naming it.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from .base import Extraction, Opener, Part, nested_parts
from .problems import ExtractionRefused
from .textual import decode, html_to_text

HEADERS = ("From", "To", "Cc", "Subject", "Date")


class EmailExtraction(Extraction):
    """An email message: headers and body, then one unit per attachment."""

    kind = "email"

    def __init__(
        self, data: bytes, *, language: str | None, depth: int, opener: Opener
    ) -> None:
        self._message = BytesParser(policy=policy.default).parsebytes(data)
        self._body = self._message.get_body(preferencelist=("plain", "html"))
        self._attachments = [
            part
            for part in _leaves(self._message)
            if part is not self._body
            and (
                part.is_attachment()
                or part.get_filename()
                or part.get_content_type() == "message/rfc822"
            )
        ]
        super().__init__(total=1 + len(self._attachments), language=language)
        self._depth = depth
        self._opener = opener

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """Unit 0: headers and body. Unit N: attachment N's parts."""
        if unit == 0:
            yield Part(self._headers() + "\n\n" + self._body_text())
            return
        attachment = self._attachments[unit - 1]
        name = _file_name(attachment, unit)
        if attachment.get_content_type() == "message/rfc822":
            inner = attachment.get_payload()
            data = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
        else:
            data = attachment.get_payload(decode=True) or b""
        yield from nested_parts(
            self,
            self._opener,
            data,
            name=name,
            content_type=attachment.get_content_type(),
            depth=self._depth + 1,
        )

    def _headers(self) -> str:
        lines = []
        for header in HEADERS:
            value = self._message.get(header)
            if value:
                lines.append(f"{header}: {value}")
        return "\n".join(lines)

    def _body_text(self) -> str:
        if self._body is None:
            return ""
        text = _text_of(self._body)
        if self._body.get_content_subtype() == "html":
            return html_to_text(text)
        return text


def _leaves(message: EmailMessage) -> Iterator[EmailMessage]:
    """Every non-multipart part; an attached message stays whole, read on its own."""
    if message.get_content_type() == "message/rfc822" or not message.is_multipart():
        yield message
        return
    for part in message.iter_parts():
        yield from _leaves(part)


def _text_of(part: EmailMessage) -> str:
    """A text part's content; an unknown or lying charset is guessed from the bytes."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError):
        try:
            return decode(part.get_payload(decode=True) or b"")
        except ExtractionRefused:
            return ""  # not text after all; the headers still count


def _file_name(part: EmailMessage, unit: int) -> str:
    """The attachment's own name, or one made from its number and type."""
    name = part.get_filename()
    if name:
        # A name is a label, not a path: "a/b.pdf" must not look nested.
        return name.replace("/", "_").replace("\\", "_").strip() or f"attachment-{unit}"
    if part.get_content_type() == "message/rfc822":
        return f"attachment-{unit}.eml"
    extension = mimetypes.guess_extension(part.get_content_type()) or ""
    return f"attachment-{unit}{extension}"
