"""The site's brand colours, as the admin sets them: six hex digits, and dark
enough that the white text drawn on them stays readable (WCAG AA, 4.5:1)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.models.awards import validate_hex_colour

# WCAG 2's contrast for normal text at level AA.
MIN_CONTRAST = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rrggbb colour."""
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start : start + 2], 16) / 255
        channels.append(
            value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
        )
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def validate_brand_colour(colour: str) -> None:
    """A colour white text is drawn on: the header, buttons."""
    validate_hex_colour(colour)
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "White text on this colour has a contrast of %(ratio).1f:1; choose "
                "a darker colour (at least %(minimum).1f:1) so every reader can read "
                "the header and buttons."
            ),
            params={"ratio": ratio, "minimum": MIN_CONTRAST},
            code="contrast",
        )
