from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secure_docs import storage


def upload(client, codename: str, content: bytes, name: str = "leak.pdf", **fields):
    data = {"title": fields.pop("title", "Contract"), **fields}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("secure_docs:upload", args=[codename]), data)


def stored_bytes(name: str) -> bytes:
    source = storage.open_stream(name)
    try:
        return source.read()
    finally:
        source.close()


def download(client, version) -> bytes:
    document = version.document
    response = client.get(
        reverse(
            "secure_docs:download",
            args=[document.investigation.codename, document.pk, version.pk],
        )
    )
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)
