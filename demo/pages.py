"""Demo pages of the site: locales, the home page, about, site settings, the 2026
award's call for entries, and the public pages (editions, the 2025 award, winners
archive, news).

The home page and each public page exist in all seven languages (real translations,
made with `copy_for_translation` as a translator would in wagtail-localize); the
other pages (about, the 2026 call for entries) get wagtail-localize's synchronised
aliases in every language but English.
Every function is idempotent: a page that exists is left alone.
"""

import datetime

from django.conf import settings
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from awards.models import Award
from cms.models import (
    AwardIndexPage,
    AwardPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
    StandardPage,
    WinnersArchivePage,
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
    "uz": (
        "Qalam",
        "Markaziy Osiyoning eng yaxshi jurnalistikasi uchun mukofot va "
        "transchegaraviy jamoalar birgalikda tergov olib borishi uchun xavfsiz makon.",
    ),
    "ky": (
        "Qalam",
        "Борбордук Азиянын эң мыкты журналистикасы үчүн сыйлык жана чек ара "
        "аралык командалардын биргелешкен иликтөөлөрү үчүн коопсуз мейкиндик.",
    ),
    "tg": (
        "Qalam",
        "Ҷоиза барои беҳтарин журналистикаи Осиёи Марказӣ ва фазои бехатар барои "
        "тафтишоти муштараки дастаҳои фаромарзӣ.",
    ),
    "tk": (
        "Qalam",
        "Merkezi Aziýanyň iň gowy žurnalistikasy üçin baýrak we serhetara "
        "toparlaryň bilelikdäki derňewleri üçin howpsuz giňişlik.",
    ),
}


def seed_site() -> HomePage:
    """Locales, the home page and its translations, an about page, site settings."""
    _seed_locales()
    home = _seed_home_page()
    _seed_home_translations(home)
    _seed_about_page(home)
    seed_locale_synchronisation()
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
        _translate(home, code, title, intro)


def _translate(page: Page, code: str, title: str, intro: str) -> None:
    """`page` in the language `code`, as a translator writes it: a new translation,
    or the alias wagtail-localize kept in that language (a database seeded before
    the demo had this language's text) converted into one. A real translation that
    exists is left alone."""
    locale = Locale.objects.get(language_code=code)
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None and existing.alias_of_id is None:
        return
    if existing is not None:
        ConvertAliasPageAction(existing).execute(skip_permission_checks=True)
        translation = Page.objects.get(pk=existing.pk).specific
    else:
        translation = page.copy_for_translation(locale)
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


def seed_locale_synchronisation() -> None:
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


def seed_award_page(home: HomePage, award: Award | None) -> None:
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
    seed_locale_synchronisation()


# slug: {language: (title, intro)}
PUBLIC_TEXT = {
    "editions": {
        "en": ("Award editions", "Every year of the Central Asian Journalism Awards."),
        "ru": (
            "Выпуски премии",
            "Все годы Центральноазиатской премии в области журналистики.",
        ),
        "kk": (
            "Сыйлық маусымдары",
            "Орталық Азия журналистика сыйлығының барлық жылдары.",
        ),
        "uz": (
            "Mukofot mavsumlari",
            "Markaziy Osiyo jurnalistika mukofotining barcha yillari.",
        ),
        "ky": (
            "Сыйлыктын сезондору",
            "Борбордук Азия журналистика сыйлыгынын бардык жылдары.",
        ),
        "tg": ("Мавсимҳои ҷоиза", "Ҳамаи солҳои Ҷоизаи журналистикаи Осиёи Марказӣ."),
        "tk": (
            "Baýragyň möwsümleri",
            "Merkezi Aziýa žurnalistika baýragynyň ähli ýyllary.",
        ),
    },
    "caja-2025": {
        "en": (
            "Central Asian Journalism Awards 2025",
            "The winners and finalists of the first edition, chosen by an "
            "independent jury.",
        ),
        "ru": (
            "Центральноазиатская премия журналистики 2025",
            "Победители и финалисты первого сезона, выбранные независимым жюри.",
        ),
        "kk": (
            "Орталық Азия журналистика сыйлығы 2025",
            "Тәуелсіз қазылар алқасы таңдаған бірінші маусымның жеңімпаздары мен "
            "финалистері.",
        ),
        "uz": (
            "Markaziy Osiyo jurnalistika mukofoti 2025",
            "Mustaqil hakamlar hayʼati tanlagan birinchi mavsum gʻoliblari va "
            "finalchilari.",
        ),
        "ky": (
            "Борбордук Азия журналистика сыйлыгы 2025",
            "Көз карандысыз калыстар тобу тандаган биринчи сезондун жеңүүчүлөрү "
            "жана финалисттери.",
        ),
        "tg": (
            "Ҷоизаи журналистикаи Осиёи Марказӣ 2025",
            "Ғолибон ва финалистони мавсими аввал, ки ҳайати мустақили ҳакамон "
            "интихоб кардааст.",
        ),
        "tk": (
            "Merkezi Aziýa žurnalistika baýragy 2025",
            "Garaşsyz emin topary tarapyndan saýlanan birinji möwsümiň ýeňijileri "
            "we finalistleri.",
        ),
    },
    "winners": {
        "en": (
            "Winners archive",
            "Every winner, special mention and finalist, by year, category, "
            "country and language.",
        ),
        "ru": (
            "Архив победителей",
            "Все победители, специальные упоминания и финалисты по годам, "
            "номинациям, странам и языкам.",
        ),
        "kk": (
            "Жеңімпаздар мұрағаты",
            "Барлық жеңімпаздар, арнайы аталғандар мен финалистер: жыл, санат, "
            "ел және тіл бойынша.",
        ),
        "uz": (
            "Gʻoliblar arxivi",
            "Barcha gʻoliblar, maxsus eʼtirofga sazovor boʻlganlar va finalchilar: "
            "yil, nominatsiya, mamlakat va til boʻyicha.",
        ),
        "ky": (
            "Жеңүүчүлөрдүн архиви",
            "Бардык жеңүүчүлөр, өзгөчө белгиленгендер жана финалисттер: жыл, "
            "номинация, өлкө жана тил боюнча.",
        ),
        "tg": (
            "Бойгонии ғолибон",
            "Ҳамаи ғолибон, қадрдониҳои махсус ва финалистон: аз рӯи сол, "
            "номинатсия, кишвар ва забон.",
        ),
        "tk": (
            "Ýeňijileriň arhiwi",
            "Ähli ýeňijiler, aýratyn bellenenler we finalistler: ýyl, nominasiýa, "
            "ýurt we dil boýunça.",
        ),
    },
    "news": {
        "en": ("News", "Announcements from the Qalam team."),
        "ru": ("Новости", "Объявления команды Qalam."),
        "kk": ("Жаңалықтар", "Qalam командасының хабарландырулары."),
        "uz": ("Yangiliklar", "Qalam jamoasining eʼlonlari."),
        "ky": ("Жаңылыктар", "Qalam командасынын кулактандыруулары."),
        "tg": ("Хабарҳо", "Эълонҳои дастаи Qalam."),
        "tk": ("Täzelikler", "Qalam toparynyň bildirişleri."),
    },
    "results-2025": {
        "en": (
            "The 2025 winners are announced",
            "Six categories, eighteen finalists, six winners from across the region.",
        ),
        "ru": (
            "Объявлены победители 2025 года",
            "Шесть номинаций, восемнадцать финалистов, шесть победителей со всего "
            "региона.",
        ),
        "kk": (
            "2025 жылдың жеңімпаздары жарияланды",
            "Алты санат, он сегіз финалист, бүкіл өңірден алты жеңімпаз.",
        ),
        "uz": (
            "2025-yil gʻoliblari eʼlon qilindi",
            "Olti nominatsiya, oʻn sakkiz finalchi, butun mintaqadan olti gʻolib.",
        ),
        "ky": (
            "2025-жылдын жеңүүчүлөрү жарыяланды",
            "Алты номинация, он сегиз финалист, бүткүл аймактан алты жеңүүчү.",
        ),
        "tg": (
            "Ғолибони соли 2025 эълон шуданд",
            "Шаш номинатсия, ҳаждаҳ финалист, шаш ғолиб аз саросари минтақа.",
        ),
        "tk": (
            "2025-nji ýylyň ýeňijileri yglan edildi",
            "Alty nominasiýa, on sekiz finalist, tutuş sebitden alty ýeňiji.",
        ),
    },
}


def seed_public_pages(home: HomePage, award_2025: Award | None) -> None:
    """The public pages of the demo, in every language."""
    index = _page(home, AwardIndexPage, "editions")
    if award_2025 is not None:
        _page(index, AwardPage, "caja-2025", award=award_2025)
    _page(home, WinnersArchivePage, "winners")
    news = _page(home, NewsIndexPage, "news")
    _page(news, NewsPage, "results-2025", date=datetime.date(2025, 11, 20))


def _page(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    page = model.objects.filter(slug=slug, locale=parent.locale).first()
    if page is None:
        title, intro = PUBLIC_TEXT[slug]["en"]
        page = parent.add_child(
            instance=model(title=title, slug=slug, intro=intro, **fields)
        )
        page.save_revision().publish()
    for code, (title, intro) in PUBLIC_TEXT[slug].items():
        if code != "en":
            _translate(page, code, title, intro)
    return page
