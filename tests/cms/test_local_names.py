"""Country and language names in the reader's language: django-countries ships
none for kk, uz, ky, tg, tk and Django lacks some language names, so our catalogue
carries them (cms/third_party_names.py keeps the msgids; the values are CLDR's, as
/work/notes/country-msgids.json and language-msgids.json hand them to the catalogue).
"""

import polib
import pytest
from django.template import Context, Template
from django.utils import translation
from django_countries import countries

from tests.factories import AwardFactory, CategoryFactory, UserFactory

COUNTRY_NAMES = {
    "ru": {
        "KZ": "Казахстан",
        "UZ": "Узбекистан",
        "KG": "Кыргызстан",
        "TJ": "Таджикистан",
        "TM": "Туркменистан",
        "AF": "Афганистан",
        "CN": "Китай",
        "RU": "Россия",
        "TR": "Турция",
        "IR": "Иран",
        "AZ": "Азербайджан",
        "MN": "Монголия",
    },
    "kk": {
        "KZ": "Қазақстан",
        "UZ": "Өзбекстан",
        "KG": "Қырғызстан",
        "TJ": "Тәжікстан",
        "TM": "Түрікменстан",
        "AF": "Ауғанстан",
        "CN": "Қытай",
        "RU": "Ресей",
        "TR": "Түркия",
        "IR": "Иран",
        "AZ": "Әзірбайжан",
        "MN": "Моңғолия",
    },
    "uz": {
        "KZ": "Qozogʻiston",
        "UZ": "Oʻzbekiston",
        "KG": "Qirgʻiziston",
        "TJ": "Tojikiston",
        "TM": "Turkmaniston",
        "AF": "Afgʻoniston",
        "CN": "Xitoy",
        "RU": "Rossiya",
        "TR": "Turkiya",
        "IR": "Eron",
        "AZ": "Ozarbayjon",
        "MN": "Mongoliya",
    },
    "ky": {
        "KZ": "Казакстан",
        "UZ": "Өзбекстан",
        "KG": "Кыргызстан",
        "TJ": "Тажикстан",
        "TM": "Түркмөнстан",
        "AF": "Афганистан",
        "CN": "Кытай",
        "RU": "Россия",
        "TR": "Түркия",
        "IR": "Иран",
        "AZ": "Азербайжан",
        "MN": "Монголия",
    },
    "tg": {
        "KZ": "Қазоқистон",
        "UZ": "Ӯзбекистон",
        "KG": "Қирғизистон",
        "TJ": "Тоҷикистон",
        "TM": "Туркманистон",
        "AF": "Афғонистон",
        "CN": "Хитой",
        "RU": "Русия",
        "TR": "Туркия",
        "IR": "Эрон",
        "AZ": "Озарбойҷон",
        "MN": "Муғулистон",
    },
    "tk": {
        "KZ": "Gazagystan",
        "UZ": "Özbegistan",
        "KG": "Gyrgyzystan",
        "TJ": "Täjigistan",
        "TM": "Türkmenistan",
        "AF": "Owganystan",
        "CN": "Hytaý",
        "RU": "Russiýa",
        "TR": "Türkiýe",
        "IR": "Eýran",
        "AZ": "Azerbaýjan",
        "MN": "Mongoliýa",
    },
}
LANGUAGE_NAMES = {
    "ru": {
        "en": "Английский",
        "ru": "Русский",
        "kk": "Казахский",
        "uz": "Узбекский",
        "ky": "Кыргызский",
        "tg": "Таджикский",
        "tk": "Туркменский",
    },
    "kk": {
        "en": "Ағылшын тілі",
        "ru": "Орыс тілі",
        "kk": "Қазақ тілі",
        "uz": "Өзбек тілі",
        "ky": "Қырғыз тілі",
        "tg": "Тәжік тілі",
        "tk": "Түрікмен тілі",
    },
    "uz": {
        "en": "Ingliz tili",
        "ru": "Rus tili",
        "kk": "Qozoq tili",
        "uz": "Oʻzbek tili",
        "ky": "Qirgʻiz tili",
        "tg": "Tojik tili",
        "tk": "Turkman tili",
    },
    "ky": {
        "en": "Англис тили",
        "ru": "Орус тили",
        "kk": "Казак тили",
        "uz": "Өзбек тили",
        "ky": "Кыргыз тили",
        "tg": "Тажик тили",
        "tk": "Түркмөн тили",
    },
    "tg": {
        "en": "Англисӣ",
        "ru": "Русӣ",
        "kk": "Қазоқӣ",
        "uz": "Ӯзбекӣ",
        "ky": "Қирғизӣ",
        "tg": "Тоҷикӣ",
        "tk": "Туркманӣ",
    },
    "tk": {
        "en": "Iňlis dili",
        "ru": "Rus dili",
        "kk": "Gazak dili",
        "uz": "Özbek dili",
        "ky": "Gyrgyz dili",
        "tg": "Täjik dili",
        "tk": "Türkmen dili",
    },
}


@pytest.mark.parametrize("language", list(COUNTRY_NAMES))
def test_country_names_are_the_readers(language):
    with translation.override(language):
        names = {code: str(countries.name(code)) for code in COUNTRY_NAMES[language]}
    assert names == COUNTRY_NAMES[language]


@pytest.mark.parametrize("language", list(LANGUAGE_NAMES))
def test_language_names_are_the_readers(language):
    with translation.override(language):
        html = Template(
            "{% load qalam_tags %}{% for code in codes %}{{ code|language_name }}|"
            "{% endfor %}"
        ).render(Context({"codes": list(LANGUAGE_NAMES[language])}))
    assert html.split("|")[:-1] == list(LANGUAGE_NAMES[language].values())


@pytest.mark.django_db
@pytest.mark.parametrize("language", list(COUNTRY_NAMES))
def test_entry_form_lists_countries_in_the_readers_language(client, language):
    category = CategoryFactory(award=AwardFactory(slug="names"))
    client.force_login(UserFactory())
    html = client.get(f"/{language}/awards/enter/{category.award.slug}/").content
    html = html.decode()
    for code in ("KZ", "UZ", "KG", "TJ", "TM"):
        assert (
            f'<option value="{code}">{COUNTRY_NAMES[language][code]}</option>' in html
        )


def test_our_catalogue_outranks_the_packages(tmp_path, settings):
    """An entry in LOCALE_PATHS wins over django-countries' own (ru) and fills a
    language it lacks (uz): the mechanism the entries above rely on."""
    for language, name in (("ru", "Узбекистан (ours)"), ("uz", "Oʻzbekiston (ours)")):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid="Uzbekistan", msgstr=name))
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        po.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    for language in ("ru", "uz"):
        with translation.override(language):
            assert str(countries.name("UZ")).endswith("(ours)")
