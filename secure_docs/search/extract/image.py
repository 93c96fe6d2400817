"""Images (PNG, JPEG, TIFF with its pages, WebP, BMP, GIF): OCR'd, a page a unit.

Pillow decodes the image in memory and hands Tesseract a PNG through a pipe, so
every format, colour mode and phone-camera rotation reaches it the same way.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageOps, UnidentifiedImageError

from .base import Extraction, Part
from .ocr import Ocr
from .problems import ExtractionRefused, Problem

FORMATS = frozenset({"PNG", "JPEG", "MPO", "TIFF", "WEBP", "BMP", "GIF"})


def open_image(data: bytes) -> Image.Image:
    """The image in `data`, not yet decoded; TOO_LARGE past Pillow's pixel limit.

    Pillow's DecompressionBombWarning (over ~89 megapixels) counts as an error
    too: a page scanned at 300 dpi has under 9.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ExtractionRefused(Problem.TOO_LARGE, "pixels") from error
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise ExtractionRefused(Problem.CORRUPT, "image") from error
    if image.format not in FORMATS:
        raise ExtractionRefused(Problem.UNSUPPORTED, image.format or "image")
    return image


def png_for_ocr(image: Image.Image) -> bytes:
    """`image` upright, in greys on white, as PNG bytes (transparent areas white)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, "white")
        image = Image.alpha_composite(white, rgba)
    if image.mode not in ("1", "L"):
        image = image.convert("L")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class ImageExtraction(Extraction):
    """An image: each frame of a multi-page TIFF is a page; other images are one."""

    kind = "image"

    def __init__(self, data: bytes, *, language: str | None) -> None:
        self._image = open_image(data)
        frames = getattr(self._image, "n_frames", 1)
        # GIF and WebP frames are animation, not pages.
        self._paged = self._image.format == "TIFF" and frames > 1
        super().__init__(total=frames if self._paged else 1, language=language)
        self.ocr = Ocr(language, self.warn)

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """Frame `unit`'s text, read by Tesseract."""
        page = unit + 1 if self._paged else None
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                self._image.seek(unit)
                png = png_for_ocr(self._image)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                self.warn(Problem.TOO_LARGE, str(unit + 1))
                return
            except (OSError, ValueError, EOFError, SyntaxError):
                self.warn(Problem.CORRUPT, str(unit + 1))
                return
        text = self.ocr.read(png, where=str(page) if page else "")
        if self.language is None:
            self.language = self.ocr.language
        if text is not None:
            yield Part(text, page=page, ocr=True)
