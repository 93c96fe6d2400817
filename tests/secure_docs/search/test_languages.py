"""The workspaces' languages, their Tesseract packs, and guessing a text's language."""

import shutil
import subprocess

import pytest
from django.utils import translation

from secure_docs.search.languages import LANGUAGES, detect

SENTENCES = {
    "ru": "Президент Казахстана Касым-Жомарт Токаев провёл в Астане встречу с "
    "министром иностранных дел Узбекистана. Стороны обсудили строительство новой "
    "железной дороги.",
    "kk": "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев Астанада "
    "Өзбекстанның сыртқы істер министрімен кездесті. Тараптар жаңа темір жол "
    "құрылысын талқылады.",
    "uz": "Oʻzbekiston Respublikasi Prezidenti Shavkat Mirziyoyev Toshkentda "
    "Qozogʻiston tashqi ishlar vaziri bilan uchrashdi. Tomonlar yangi temir yoʻl "
    "qurilishini muhokama qildi.",
    "uz-cyrl": "Ўзбекистон Республикаси Президенти Шавкат Мирзиёев Тошкентда "
    "Қозоғистон ташқи ишлар вазири билан учрашди. Томонлар янги темир йўл "
    "қурилишини муҳокама қилди.",
    "ky": "Кыргыз Республикасынын Президенти Садыр Жапаров Бишкекте Өзбекстандын "
    "тышкы иштер министри менен жолукту. Тараптар жаңы темир жолдун курулушун "
    "талкуулашты.",
    "tg": "Президенти Ҷумҳурии Тоҷикистон Эмомалӣ Раҳмон дар Душанбе бо вазири "
    "корҳои хориҷии Ӯзбекистон мулоқот кард. Тарафҳо сохтмони роҳи оҳани навро "
    "муҳокима намуданд.",
    "tk": "Türkmenistanyň Prezidenti Serdar Berdimuhamedow Aşgabatda Özbegistanyň "
    "daşary işler ministri bilen duşuşdy. Taraplar täze demir ýolunyň gurluşygyny "
    "ara alyp maslahatlaşdylar.",
    "en": "The President of Kazakhstan, Kassym-Jomart Tokayev, met the foreign "
    "minister of Uzbekistan in Astana on Tuesday. The two sides discussed the "
    "construction of a new railway.",
}


def test_languages_are_the_seven_of_the_region_in_order_with_their_packs():
    assert {code: language.tesseract for code, language in LANGUAGES.items()} == {
        "ru": "rus",
        "kk": "kaz",
        "uz": "uzb",
        "uz-cyrl": "uzb_cyrl",
        "ky": "kir",
        "tg": "tgk",
        "tk": "Latin",
        "en": "eng",
    }
    assert list(LANGUAGES) == ["ru", "kk", "uz", "uz-cyrl", "ky", "tg", "tk", "en"]


def test_language_names_are_translatable_english():
    with translation.override("en"):
        assert [str(language.name) for language in LANGUAGES.values()] == [
            "Russian",
            "Kazakh",
            "Uzbek (Latin)",
            "Uzbek (Cyrillic)",
            "Kyrgyz",
            "Tajik",
            "Turkmen",
            "English",
        ]


def test_every_tesseract_pack_is_installed():
    listed = subprocess.run(
        [shutil.which("tesseract"), "--list-langs"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert {language.tesseract for language in LANGUAGES.values()} <= set(listed)


@pytest.mark.parametrize(("code", "sentence"), SENTENCES.items(), ids=SENTENCES)
def test_detect_finds_the_language_of_a_news_sentence(code, sentence):
    assert detect(sentence) == code


@pytest.mark.parametrize(
    "text",
    [
        "Тоқаев, 2024",
        "12 345 678 — 90",
        "",
        "日本の首相が東京で記者会見を行い、新しい政策を発表した。",
    ],
)
def test_detect_gives_none_for_too_few_letters_or_another_script(text):
    assert detect(text) is None


def test_a_russian_text_that_quotes_kazakh_names_is_russian():
    assert detect("Президент Тоқаев заявил, что Қазақстан готов к переговорам.") == "ru"
    quoting = "В документе указано: «Қазақстан Республикасының Президенті». " * 2
    assert detect(quoting + SENTENCES["ru"] * 3) == "ru"


def test_shared_letters_and_function_words_decide_without_own_letters():
    assert detect("Қазақстан Республикасының Президенті Тоқаев") == "kk"
    assert detect("Тошкентда Қозоғистон вазири билан учрашди") == "uz-cyrl"
    assert detect("Дар Душанбе вазирон бо сафир мулоқот карданд") == "tg"


def test_uzbek_latin_is_found_by_its_letters_or_by_its_words():
    assert detect("Oʻzbekiston Respublikasi Prezidenti qarori") == "uz"
    assert detect("Toshkent shahrida yangi maktab va kasalxona qurildi") == "uz"
    assert detect("We met at seven o'clock and the talks lasted for an hour.") == "en"
