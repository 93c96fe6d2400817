"""Template tags for the site's shell: the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict:
    """A link per language to the page being read, in that language.

    A Wagtail page links to its translation where one is live (its slug may differ);
    any other page keeps its path under the other language's prefix.
    """
    request = context["request"]
    page = context.get("page")
    translations: dict[str, Page] = {}
    if isinstance(page, Page) and page.pk:
        for translation in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            translations[translation.locale.language_code] = translation
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request=request)
        else:
            url = translate_url(path, code)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return {"links": links}
