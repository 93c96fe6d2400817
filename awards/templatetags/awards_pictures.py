"""`{{ prize.image|picture_url }}`: a prize-winning work's picture at the size the
public pages show it, or nothing if its file cannot be read
(awards/selectors/public_cards.py)."""

from django import template

from awards.selectors.public_cards import picture_url as url_of

register = template.Library()


@register.filter
def picture_url(image) -> str:
    return url_of(image)
