from django import template
from django.utils.safestring import mark_safe

from investigations.rendering import markdown_to_html

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Render member-written Markdown, sanitised by nh3."""
    return mark_safe(markdown_to_html(text or ""))  # noqa: S308 - nh3 sanitised


@register.filter
def mention_handle(email: str) -> str:
    """How to @mention a member: the part of their email before the @."""
    return (email or "").split("@")[0]
