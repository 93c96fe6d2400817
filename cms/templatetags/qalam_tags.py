"""Template tags for the site's shell: the main navigation and the language switcher."""

import functools

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context: template.Context) -> dict:
    """The site's sections (the home page's live, public children) in the reader's
    language; the one being read is marked current."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"links": []}
    home = site.root_page.localized
    links = []
    for child in home.get_children().live().public().order_by("path")[:8]:
        url = child.get_url(request=request)
        if url:
            links.append(
                {
                    "title": child.title,
                    "url": url,
                    "current": request.path.startswith(url),
                }
            )
    return {"links": links}


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


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context: template.Context) -> dict:
    """Canonical URL, hreflang alternates, Open Graph and Twitter card tags.

    A routable sub-page (an entry under its award) passes `route_suffix`, which is
    added to the page's address in every language.
    """
    request = context["request"]
    page = context.get("page")
    suffix = context.get("route_suffix", "")
    alternates = []
    canonical = request.build_absolute_uri(request.path)
    if isinstance(page, Page) and page.pk:
        canonical = page.get_full_url(request) + suffix
        for translation in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            alternates.append(
                {
                    "code": translation.locale.language_code,
                    "url": translation.get_full_url(request) + suffix,
                }
            )
    alternates.sort(key=lambda item: item["code"])
    default = next(
        (item["url"] for item in alternates if item["code"] == settings.LANGUAGE_CODE),
        None,
    )
    title = context.get("og_title") or (
        (page.seo_title or page.title) if isinstance(page, Page) else "Qalam"
    )
    description = context.get("og_description") or (
        getattr(page, "search_description", "") or getattr(page, "intro", "")
        if isinstance(page, Page)
        else ""
    )
    image = getattr(page, "image", None)
    image_url = ""
    if image is not None:
        image_url = request.build_absolute_uri(image.get_rendition("fill-1200x630").url)
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": default,
        "title": title,
        "description": str(description)[:300],
        "image_url": image_url,
        "locale": (get_language() or settings.LANGUAGE_CODE).replace("-", "_"),
        "site_name": "Qalam",
        "og_type": context.get("og_type", "website"),
    }


# A page names the same few languages and countries many times (each card, each
# filter option): their names are looked up once per process, language and code.
# Translation catalogs are loaded once per process too, so a name never goes stale
# while the catalog it came from is current.
@functools.lru_cache(maxsize=2048)
def _language_name(code: str, reader_language: str) -> str:
    from django.utils.translation import get_language_info

    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@functools.lru_cache(maxsize=2048)
def _country_name(code: str, reader_language: str) -> str:
    from django_countries import countries

    return str(countries.name(code)) or code


@register.filter
def language_name(code: str) -> str:
    """A language code's name in the reader's language (the code if unknown)."""
    return _language_name(code, get_language())


@register.filter
def country_name(code) -> str:
    """A country code's name in the reader's language."""
    return _country_name(str(code), get_language())
