"""Cleaned copies of attachments for blind rounds, one module per kind.

Images are decoded and their pixels written into a fresh image (image), so no
EXIF, XMP, IPTC, thumbnail, text chunk, comment or ICC profile survives. Audio
keeps its sound and loses every tag: MP3 is rebuilt from its frames (mp3),
mutagen removes Vorbis comments and MP4 tags with their pictures, FLAC and WAV
are rebuilt from the blocks and chunks that carry sound (audio). PDFs keep
their pages and lose what rides along: properties, XMP, annotations, forms,
attachments, scripts, outlines, colour profiles, marked-content properties,
JPEG and JPEG 2000 metadata (pdf, pdf_images). Anything we cannot read is
refused (CannotClean), never served as it came.
"""

from awards.jury.blind_media.audio import AUDIO_TYPES, clean_audio
from awards.jury.blind_media.base import COPY_CHUNK, CannotClean
from awards.jury.blind_media.image import IMAGE_FORMATS, MAX_PIXELS, clean_image
from awards.jury.blind_media.pdf import clean_pdf

__all__ = [
    "AUDIO_TYPES",
    "COPY_CHUNK",
    "IMAGE_FORMATS",
    "MAX_PIXELS",
    "CannotClean",
    "clean_audio",
    "clean_image",
    "clean_pdf",
]
