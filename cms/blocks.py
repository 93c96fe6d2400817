"""StreamField blocks shared by the public pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[
            ("h2", _("Heading 2")),
            ("h3", _("Heading 3")),
            ("h4", _("Heading 4")),
        ],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "includes/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "includes/blocks/quote.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "includes/blocks/image.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="includes/blocks/paragraph.html",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A link to a video or post, e.g. YouTube or Vimeo."),
        icon="media",
        template="includes/blocks/embed.html",
    )


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("Network"),
        choices=[
            ("telegram", "Telegram"),
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("x", "X"),
            ("youtube", "YouTube"),
            ("mastodon", "Mastodon"),
            ("linkedin", "LinkedIn"),
            ("other", _("Other")),
        ],
    )
    url = blocks.URLBlock(label=_("Address"))
    label = blocks.CharBlock(
        label=_("Label"), required=False, help_text=_("Shown instead of the network.")
    )

    class Meta:
        icon = "link"
        label = _("Social link")


class TimelineBlock(blocks.StructBlock):
    """A dated step of an award: entries open, close, shortlist, ceremony."""

    date = blocks.DateBlock(label=_("Date"))
    label = blocks.CharBlock(label=_("What happens"), max_length=200)

    class Meta:
        icon = "date"
        label = _("Milestone")
        template = "includes/blocks/milestone.html"
