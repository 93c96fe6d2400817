"""Demo pages of the public site: editions, the 2025 award, winners archive, news.

Each main page exists in English, Russian and Kazakh (real translations, made with
`copy_for_translation` as a translator would in wagtail-localize); other languages
get wagtail-localize's synchronised aliases. Idempotent: a page that exists is left
alone.
"""

import datetime

from wagtail.models import Locale, Page

from awards.models import Award
from cms.models import (
    AwardIndexPage,
    AwardPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    WinnersArchivePage,
)

# slug: {language: (title, intro)}
TEXT = {
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
    },
    "news": {
        "en": ("News", "Announcements from the Qalam team."),
        "ru": ("Новости", "Объявления команды Qalam."),
        "kk": ("Жаңалықтар", "Qalam командасының хабарландырулары."),
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
    },
}


def seed(home: HomePage, award_2025: Award | None) -> None:
    """The public pages of the demo, in en, ru and kk."""
    index = _page(home, AwardIndexPage, "editions")
    if award_2025 is not None:
        _page(index, AwardPage, "caja-2025", award=award_2025)
    _page(home, WinnersArchivePage, "winners")
    news = _page(home, NewsIndexPage, "news")
    _page(news, NewsPage, "results-2025", date=datetime.date(2025, 11, 20))


def _page(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    existing = model.objects.filter(slug=slug, locale=parent.locale).first()
    if existing is not None:
        return existing
    title, intro = TEXT[slug]["en"]
    page = parent.add_child(
        instance=model(title=title, slug=slug, intro=intro, **fields)
    )
    page.save_revision().publish()
    for code in ("ru", "kk"):
        locale = Locale.objects.get(language_code=code)
        translation = page.copy_for_translation(locale)
        translation.title, translation.intro = TEXT[slug][code]
        translation.save_revision().publish()
    return page
