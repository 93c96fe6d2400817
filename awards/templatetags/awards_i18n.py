"""`{{ award|localized:"title" }}`: an award's, category's or prize's own words in
the reader's language, else the original inside `<span lang="…">`
(awards/selectors/localized.py)."""

from django import template

from awards.selectors.localized import Localized
from awards.selectors.localized import localized as localize

register = template.Library()


@register.filter
def localized(obj, field: str) -> Localized | str:
    """`obj`'s `field` in the active language; empty for a missing object."""
    if obj is None or obj == "":
        return ""
    return localize(obj, field)
