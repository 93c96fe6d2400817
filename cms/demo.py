"""Demo data for `make run`: a site in several languages and one login per role.

Every function here is idempotent: it looks for what it would create and leaves
anything that exists untouched, so running `seed_demo` twice changes nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from accounts import services as account_services
from accounts.models import Language, User
from awards import demo as awards_demo
from awards import public_demo as awards_public_demo
from awards.models import Award
from cms import public_demo, services
from cms.models import AwardPage, HomePage, SiteSettings, StandardPage
from investigations import demo as investigations_demo
from secure_docs import demo as secure_docs_demo

DEMO_PASSWORD = "qalam-demo-2026"  # noqa: S105 - published demo logins, local only


@dataclass(frozen=True)
class DemoUser:
    email: str
    display_name: str
    role: str
    is_superuser: bool = False
    country: str = ""
    outlet: str = ""
    languages: tuple[str, ...] = ()
    birth_year: int | None = None


DEMO_USERS = (
    DemoUser(
        "organiser@qalam.test",
        "Aigerim Organiser",
        "platform admin (every award)",
        is_superuser=True,
        country="KZ",
        outlet="Qalam Awards",
        languages=("en", "ru", "kk"),
    ),
    DemoUser(
        "organiser2026@qalam.test",
        "Saule Organiser",
        "organiser of the 2026 award",
        country="KZ",
        outlet="Qalam Awards",
        languages=("en", "ru", "kk"),
    ),
    DemoUser(
        "organiser2025@qalam.test",
        "Jahongir Organiser",
        "organiser of the 2025 award",
        country="UZ",
        outlet="Qalam Awards",
        languages=("en", "ru", "uz"),
    ),
    DemoUser(
        "observer@qalam.test",
        "Gulzat Observer",
        "observer of the 2026 award",
        country="KG",
        outlet="Qalam Awards",
        languages=("en", "ru", "ky"),
    ),
    DemoUser(
        "journalist@qalam.test",
        "Dilnoza Journalist",
        "journalist",
        country="UZ",
        outlet="Tashkent Times",
        languages=("uz", "ru", "en"),
        birth_year=1998,
    ),
    DemoUser(
        "juror@qalam.test",
        "Bakyt Juror",
        "juror",
        country="KG",
        outlet="Bishkek Review",
        languages=("ky", "ru", "en"),
        birth_year=1975,
    ),
    DemoUser(
        "investigator@qalam.test",
        "Farrukh Investigator",
        "investigator",
        country="TJ",
        outlet="Dushanbe Ledger",
        languages=("tg", "ru", "en"),
        birth_year=1988,
    ),
)

HOME_TRANSLATIONS = {
    "ru": (
        "Qalam",
        "Премия за лучшую журналистику Центральной Азии и защищённое "
        "пространство для совместных расследований.",
    ),
    "kk": (
        "Qalam",
        "Орталық Азияның үздік журналистикасына арналған сыйлық және "
        "бірлескен тергеулерге арналған қорғалған кеңістік.",
    ),
}


def seed_demo() -> list[DemoUser]:
    """Create the demo site and users where missing; return the demo logins."""
    with transaction.atomic():
        home = seed_site()
        _seed_users()
        _seed_award_page(home, awards_demo.seed())
        public_demo.seed(home, awards_public_demo.seed())
        awards_demo.seed_teams()
        _seed_locale_synchronisation()
        # Each award's organisers edit its pages in every language.
        services.award_page_editors_sync()
        investigations_demo.seed()
        secure_docs_demo.seed()
    return list(DEMO_USERS)


def seed_site() -> HomePage:
    """Locales, the home page and its translations, an about page, site settings."""
    _seed_locales()
    home = _seed_home_page()
    _seed_home_translations(home)
    _seed_about_page(home)
    _seed_locale_synchronisation()
    _seed_site_settings(home)
    return home


def _seed_locales() -> None:
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _seed_home_page() -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=Locale.get_default())
    )
    home = root.add_child(
        instance=HomePage(
            title="Qalam",
            slug="qalam",
            locale=Locale.get_default(),
            intro="The award for the best journalism from Central Asia, and a safe "
            "place for cross-border teams to investigate together.",
        )
    )
    welcome = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Qalam"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Qalam",
        )
    # Wagtail's own "Welcome to your new Wagtail site!" page has no use here.
    if welcome and type(welcome.specific) is Page and welcome.depth == 2:
        welcome.delete()
    return home


def _seed_home_translations(home: HomePage) -> None:
    for code, (title, intro) in HOME_TRANSLATIONS.items():
        locale = Locale.objects.get(language_code=code)
        if home.get_translations().filter(locale=locale).exists():
            continue
        translation = home.copy_for_translation(locale)
        translation.title = title
        translation.intro = intro
        translation.save_revision().publish()


def _seed_about_page(home: HomePage) -> None:
    if StandardPage.objects.filter(slug="about", locale=home.locale).exists():
        return
    about = home.add_child(
        instance=StandardPage(
            title="About Qalam",
            slug="about",
            intro="Qalam means “pen” in Kazakh, Uzbek, Tajik and many other languages.",
            body=[
                ("heading", {"text": "Who it is for", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Journalists who enter their work, jurors who score it, "
                    "investigative teams who work across borders, organisers who run "
                    "the award, and readers who want to see the winners.</p>",
                ),
                (
                    "quote",
                    {
                        "quote": "A jury that can be gamed makes an award worthless.",
                        "attribution": "Qalam's first principle",
                    },
                ),
            ],
        )
    )
    about.save_revision().publish()


def _seed_locale_synchronisation() -> None:
    """Every language mirrors the English tree until a page is really translated.

    wagtail-localize keeps an alias of each untranslated page in each locale, so
    every page has an address in every language and the switcher never leads to a
    404; a translator later replaces the alias with a translation.
    """
    source = Locale.get_default()
    for locale in Locale.objects.exclude(pk=source.pk):
        LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": source}
        )
        synchronize_tree(source, locale)


def _seed_site_settings(home: HomePage) -> None:
    site = Site.objects.get(root_page=home)
    site_settings = SiteSettings.for_site(site)
    if site_settings.contact_email:
        return
    site_settings.contact_email = "hello@qalam.test"
    site_settings.social_links = [
        (
            "link",
            {"network": "telegram", "url": "https://t.me/qalam_awards", "label": ""},
        ),
    ]
    site_settings.save()


def _seed_award_page(home: HomePage, award: Award | None) -> None:
    """The public call for entries of the demo award, mirrored in every language."""
    if award is None or AwardPage.objects.filter(award=award).exists():
        return
    page = home.add_child(
        instance=AwardPage(
            title=award.title,
            slug="awards-2026",
            award=award,
            intro="Enter your best published work from 2025 and 2026.",
        )
    )
    page.save_revision().publish()
    _seed_locale_synchronisation()


def _seed_users() -> None:
    for demo in DEMO_USERS:
        if User.objects.filter(email=demo.email).exists():
            continue
        user = account_services.user_create(
            email=demo.email,
            password=DEMO_PASSWORD,
            display_name=demo.display_name,
            is_superuser=demo.is_superuser,
            email_verified=True,
        )
        account_services.user_profile_update(
            user=user,
            display_name=demo.display_name,
            country=demo.country,
            outlet=demo.outlet,
            languages=list(Language.objects.filter(code__in=demo.languages)),
            birth_year=demo.birth_year,
            bio="",
        )
