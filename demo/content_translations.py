"""The demo awards' own words in every site language: the 2025 and 2026 awards'
titles, descriptions, rules and AI-use policies, their categories' names and
descriptions, and the 2025 jury's citations.

Keyed by the English original, so a text the demo does not know is left alone.
Idempotent: a language that already has a translation keeps it (an organiser may
have corrected it), so a second run changes nothing.
"""

from awards.jury.models import Prize
from awards.models import (
    Award,
    AwardTranslation,
    Category,
    CategoryTranslation,
    PrizeTranslation,
)
from demo.award_texts import CATEGORY_DESCRIPTIONS, CATEGORY_NAMES, TEXTS, TITLE

AWARD_SLUGS = ("caja-2025", "caja-2026")

CITATIONS = {
    "A patient, documented account of how water rights were quietly sold.": {
        "ru": "Терпеливый, подкреплённый документами рассказ о том, как права на "
        "воду тихо распродали.",
        "kk": "Суға құқықтардың қалай үнсіз сатылғаны туралы сабырлы, құжаттармен "
        "дәлелденген баяндама.",
        "uz": "Suv huquqlari qanday jimgina sotilgani haqida sabr bilan, hujjatlar "
        "asosida yozilgan hikoya.",
        "ky": "Сууга болгон укуктар кантип үнсүз сатылганы тууралуу сабырдуу, "
        "документтер менен бекемделген баян.",
        "tg": "Ҳикояи пурсабр ва мустанад дар бораи он ки ҳуқуқ ба об чӣ тавр "
        "пинҳонӣ фурӯхта шуд.",
        "tk": "Suw hukuklarynyň nähili ümsüm satylandygy barada sabyrly, "
        "resminamalar bilen subut edilen gürrüň.",
    },
    "Public data made personal: every reader finds their own bakery.": {
        "ru": "Открытые данные стали личными: каждый читатель находит свою пекарню.",
        "kk": "Ашық деректер әркімге жақын болды: әр оқырман өз наубайханасын табады.",
        "uz": "Ochiq maʼlumotlar shaxsiy boʻldi: har bir oʻquvchi oʻz "
        "novvoyxonasini topadi.",
        "ky": "Ачык маалыматтар ар кимге жакын болду: ар бир окурман өз "
        "наабайканасын табат.",
        "tg": "Маълумоти ошкоро шахсӣ гардид: ҳар хонанда нонвойхонаи худро меёбад.",
        "tk": "Açyk maglumatlar şahsy boldy: her okyjy öz çörekhanasyny tapýar.",
    },
    "Footage and testimony that changed a ministry's procurement.": {
        "ru": "Съёмки и свидетельства, которые изменили закупки министерства.",
        "kk": "Министрліктің сатып алуларын өзгерткен түсірілімдер мен куәліктер.",
        "uz": "Vazirlikning xaridlarini oʻzgartirgan tasvirlar va guvohliklar.",
        "ky": "Министрликтин сатып алууларын өзгөрткөн тасмалар жана күбөлүктөр.",
        "tg": "Наворҳо ва шаҳодатҳое, ки харидҳои вазоратро тағйир доданд.",
        "tk": "Ministrligiň satyn alyşlaryny üýtgeden wideo ýazgylar we şaýatlyklar.",
    },
    "Rigorous verification, explained so anyone can repeat it.": {
        "ru": "Тщательная проверка, объяснённая так, что её может повторить любой.",
        "kk": "Кез келген адам қайталай алатындай түсіндірілген мұқият тексеру.",
        "uz": "Har kim takrorlay oladigan qilib tushuntirilgan puxta tekshiruv.",
        "ky": "Ар ким кайталай алгандай түшүндүрүлгөн кылдат текшерүү.",
        "tg": "Санҷиши дақиқ, ки тавре шарҳ дода шудааст, ки ҳар кас онро такрор "
        "карда метавонад.",
        "tk": "Islendik adamyň gaýtalap biljek görnüşinde düşündirilen düýpli barlag.",
    },
    "Reporters from three countries told one story no single newsroom could.": {
        "ru": "Журналисты из трёх стран рассказали историю, которую не смогла бы "
        "рассказать ни одна редакция в одиночку.",
        "kk": "Үш елдің журналистері бірде-бір редакция жалғыз айта алмайтын "
        "оқиғаны баяндады.",
        "uz": "Uch davlat jurnalistlari hech bir tahririyat yolgʻiz aytib bera "
        "olmaydigan hikoyani aytib berdi.",
        "ky": "Үч өлкөнүн журналисттери бир да редакция жалгыз айта албаган "
        "окуяны баяндады.",
        "tg": "Хабарнигорони се кишвар ҳикояеро нақл карданд, ки ҳеҷ як таҳририя "
        "танҳо нақл карда наметавонист.",
        "tk": "Üç ýurduň žurnalistleri hiç bir redaksiýanyň ýeke özi gürrüň berip "
        "bilmejek wakasyny gürrüň berdiler.",
    },
    "A young reporter's courage and care for the people she met.": {
        "ru": "Смелость молодой журналистки и её забота о людях, с которыми она "
        "встречалась.",
        "kk": "Жас тілшінің батылдығы мен ол кездестірген адамдарға деген қамқорлығы.",
        "uz": "Yosh muxbirning jasorati va u uchrashgan odamlarga gʻamxoʻrligi.",
        "ky": "Жаш кабарчынын кайраттуулугу жана ал жолуккан адамдарга болгон "
        "камкордугу.",
        "tg": "Ҷасорати хабарнигори ҷавон ва ғамхории ӯ нисбат ба одамоне, ки бо "
        "онҳо вохӯрд.",
        "tk": "Ýaş habarçynyň batyrlygy we duşuşan adamlaryna bolan aladasy.",
    },
    "Strong, careful reporting.": {
        "ru": "Сильная, тщательная журналистская работа.",
        "kk": "Күшті, мұқият журналистік жұмыс.",
        "uz": "Kuchli va puxta jurnalistik ish.",
        "ky": "Күчтүү, кылдат журналисттик иш.",
        "tg": "Кори журналистии қавӣ ва дақиқ.",
        "tk": "Güýçli, düýpli žurnalistik iş.",
    },
}


def seed() -> None:
    """Translate the demo awards, their categories and their prizes' citations
    into every site language where the demo knows the original and the language
    has no translation yet."""
    awards = Award.objects.filter(slug__in=AWARD_SLUGS).prefetch_related(
        "translations", "categories__translations"
    )
    for award in awards:
        _award(award)
        for category in award.categories.all():
            _category(category, award)
        prizes = Prize.objects.filter(round__award=award).prefetch_related(
            "translations"
        )
        for prize in prizes:
            _prize(prize, award)


def _award(award: Award) -> None:
    have = {item.language for item in award.translations.all()}
    for language, title in TITLE.items():
        if language in have or language == award.language:
            continue
        _create(
            AwardTranslation(
                award=award,
                language=language,
                title=title.format(year=award.year),
                description=TEXTS.get(award.description, {}).get(language, ""),
                rules=TEXTS.get(award.rules, {}).get(language, ""),
                ai_policy=TEXTS.get(award.ai_policy, {}).get(language, ""),
            )
        )


def _category(category: Category, award: Award) -> None:
    names = CATEGORY_NAMES.get(category.name, {})
    have = {item.language for item in category.translations.all()}
    for language, name in names.items():
        if language in have or language == award.language:
            continue
        description = CATEGORY_DESCRIPTIONS.get(category.description, {})
        _create(
            CategoryTranslation(
                category=category,
                language=language,
                name=name,
                description=description.get(language, ""),
            )
        )


def _prize(prize: Prize, award: Award) -> None:
    have = {item.language for item in prize.translations.all()}
    for language, citation in CITATIONS.get(prize.citation, {}).items():
        if language in have or language == award.language:
            continue
        _create(PrizeTranslation(prize=prize, language=language, citation=citation))


def _create(translation) -> None:
    translation.full_clean()
    translation.save()
