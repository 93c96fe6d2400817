"""Words and search keys: the region's scripts and spellings meet, others do not."""

import unicodedata

import pytest

from secure_docs.search.names import GROUPS
from secure_docs.search.normalise import (
    Word,
    fold,
    gazetteer,
    query_words,
    stem,
    term,
    terms,
    words,
)

# --- words -------------------------------------------------------------------


def test_words_are_runs_of_letters_and_digits_with_their_offsets():
    text = "Президент Oʻzbekiston, Alma-Ata 2024!"

    assert words(text) == [
        Word(0, 9, "Президент"),
        Word(10, 21, "Oʻzbekiston"),
        Word(23, 27, "Alma"),
        Word(28, 31, "Ata"),
        Word(32, 36, "2024"),
    ]
    assert all(text[w.start : w.end] == w.text for w in words(text))


@pytest.mark.parametrize(
    "word",
    ["Qoʻqon", "O'zbekiston", "g‘oya", "Oʼzbekiston", "O`zbekiston", "ma’lumot"],
)
def test_an_apostrophe_between_letters_belongs_to_the_word(word):
    assert [w.text for w in words(f"({word})")] == [word]


def test_an_apostrophe_that_is_a_quotation_mark_is_not_part_of_a_word():
    assert [w.text for w in words("‘Kokand’ 'Osh' `Namangan`")] == [
        "Kokand",
        "Osh",
        "Namangan",
    ]


def test_hyphens_underscores_and_punctuation_split_words():
    assert [w.text for w in words("Kassym-Jomart file_name.pdf 3,5")] == [
        "Kassym",
        "Jomart",
        "file",
        "name",
        "pdf",
        "3",
        "5",
    ]


def test_words_over_64_characters_are_skipped():
    text = "a" * 65 + " ok " + "b" * 64

    assert [w.text for w in words(text)] == ["ok", "b" * 64]
    assert terms(text) == ["ok", "b"]


def test_decomposed_letters_and_soft_hyphens_stay_inside_their_word():
    decomposed = unicodedata.normalize("NFD", "Türkmenistan Йод")
    split_by_a_word_processor = "Таш\u00adкент"

    assert [w.text for w in words(decomposed)] == decomposed.split()
    assert term(words(decomposed)[0].text) == term("Türkmenistan")
    assert [w.text for w in words(split_by_a_word_processor)] == ["Таш\u00adкент"]
    assert term("Таш\u00adкент") == term("Ташкент")


# --- fold: the ordered folding table -----------------------------------------


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Dzhaparov", "japarov"),  # "dzh" before "zh" and "dj"
        ("Джапаров", "japarov"),  # д ж → "dj" → j
        ("Zhaparov", "japarov"),
        ("Жапаров", "japarov"),
        ("Rakhmon", "rahmon"),  # kh → h
        ("Raxmon", "rahmon"),  # Uzbek x → h
        ("Раҳмон", "rahmon"),
        ("Ghafur", "gafur"),  # gh → g
        ("Qarshi", "karshi"),  # q → k
        ("Yeltsin", "eltsin"),  # y → i, then "ie" → e
        ("Ельцин", "eltsin"),
        ("Aliyev", "alev"),  # "ii" collapses before "ie" → e
        ("Алиев", "alev"),
        ("Berdimuhamedow", "berdimuhamedov"),  # Turkmen w → v
        ("Бердымухамедов", "berdimuhamedov"),
        ("Türkmenbaşy", "turkmenbashi"),  # ş → sh, ü → u
        ("Çärjew", "charjev"),  # ç → ch, ä → a
        ("Oʻzbekiston", "ozbekiston"),  # the apostrophe goes
        ("Ўзбекистон", "ozbekiston"),
        ("Қазақстан", "kazakstan"),
        ("Тоҷикистон", "tojikiston"),
        ("Эмомалӣ", "emomali"),
        ("Мирзиёев", "mirzioev"),  # ё → io, not е
        ("Mirziyoyev", "mirzioev"),
        ("Yusupov", "iusupov"),
        ("Юсупов", "iusupov"),
        ("Jizzakh", "jizah"),  # zz collapses
        ("İSTANBUL", "istanbul"),  # the dot of İ is a combining mark
        ("Tokayev's", "tokaev"),  # English possessive
    ],
)
def test_fold_lets_the_regions_spellings_meet(word, folded):
    assert fold(word) == folded


def test_fold_never_collapses_digits():
    assert fold("2000") == "2000"


# --- term: what must meet, and what must stay apart --------------------------

MEET = [
    ("Qoʻqon", "Қўқон", "Kokand", "Коканд", "Қоқан"),
    ("Коканд", "Коканда", "Кокандом", "Коканде"),
    ("Mirziyoyev", "Мирзиёев", "Mirziyoev", "Mirziyoyevning", "Мирзиёева"),
    ("Tokayev", "Токаев", "Тоқаев", "Toqaev", "Тоқаевтың", "Токаевым", "Тоқаевқа"),
    ("Nazarbayev", "Назарбаев", "Назарбаеву", "Nazarbayevga", "Назарбаевпен"),
    ("Berdimuhamedow", "Бердымухамедов", "Berdymukhamedov", "Бердымухамедова"),
    ("Rahmon", "Раҳмон", "Рахмон", "Rakhmon", "Raxmon", "Рахмона"),
    ("Japarov", "Жапаров", "Zhaparov", "Dzhaparov", "Жапаровым"),
    ("Samarqand", "Самарқанд", "Samarkand", "Самарканд", "Samarqandda"),
    ("Qaraqalpaqstan", "Karakalpakstan", "Қарақалпақстан", "Каракалпакстан"),
    ("Tashkent", "Ташкент", "Toshkentda", "Тошкентда", "Toshkentdan", "Ташкенте"),
    ("Алматы", "Алматыда", "Almaty", "Алматыға", "Алматының"),
    ("Astana", "Астана", "Астаны", "Астанада", "Astanaga"),
    ("Andijan", "Андижан", "Andijon", "Андижон", "Andijonda"),
    ("Bishkek", "Бишкек", "Бишкека", "Бишкекте", "Бишкекке"),
    ("Dushanbe", "Душанбе", "Dushanbeda"),
    ("Osh", "Ош"),
    ("Bukhara", "Buxoro", "Buxoroda", "Бухаре"),
    ("Khujand", "Худжанд", "Хуҷанд", "Xoʻjandda"),
    ("Kazakhstan", "Казахстана", "Қазақстанда", "Qozogʻistonga"),
    ("президент", "президента", "президентом", "президентов", "prezidentlar"),
    ("компания", "компании", "kompaniya", "kompaniyalar", "kompaniyalarda"),
    ("Каримов", "Каримова", "Karimovning"),
    ("банк", "банка", "банке", "банком", "банков"),
]


@pytest.mark.parametrize("spellings", MEET, ids=lambda group: group[0])
def test_spellings_and_forms_of_one_word_meet(spellings):
    assert len({term(word) for word in spellings}) == 1, {w: term(w) for w in spellings}


APART = [
    ("Bishkek", "Osh"),
    ("Tokayev", "Tokmok"),
    ("Mirziyoyev", "Mirzo"),
    ("Mirziyoyev", "Mirzaev"),
    ("Rahmon", "Rahmanov"),
    ("Samarkand", "Samara"),
    ("Алматы", "алма"),
    ("Astana", "Asta"),
    ("Toshkent", "tosh"),
    ("Namangan", "Nama"),
    ("Ташкент", "ташкентский"),
    ("Almaty", "Alma"),  # "Alma-Ata" is two words and stays out of the group
    ("1990", "1991"),
    ("2000", "200"),
]


@pytest.mark.parametrize(("one", "other"), APART, ids="-".join)
def test_different_words_stay_apart(one, other):
    assert term(one) != term(other)


def test_keys_of_the_regions_words_are_short_ascii():
    for word in {word for group in MEET for word in group}:
        assert term(word).isascii()


def test_words_with_digits_are_not_stemmed():
    assert stem("2000ta") == "2000ta"
    assert term("2024") == "2024"
    assert term("A123") == "a123"


def test_stems_keep_four_letters_and_five_after_a_run_of_endings():
    assert stem("osh") == "osh"
    assert stem("banka") == "bank"  # one vowel: down to four letters
    assert stem("hivada") == "hivad"  # "-ada": not below five


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: group[0])
def test_every_spelling_of_a_gazetteer_group_meets(group):
    assert len({term(spelling) for spelling in group}) == 1


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: group[0])
def test_a_gazetteer_group_joins_what_the_rules_alone_do_not(group):
    assert len({stem(fold(spelling)) for spelling in group}) > 1


def test_gazetteer_refuses_a_spelling_in_two_groups():
    with pytest.raises(ValueError, match="Toshkent"):
        gazetteer((("Tashkent", "Toshkent"), ("Tosh", "Toshkent")))


def test_gazetteer_refuses_a_spelling_of_two_words():
    with pytest.raises(ValueError, match="Alma-Ata"):
        gazetteer((("Almaty", "Alma-Ata"),))


def test_terms_are_the_keys_of_words_in_order():
    text = "Президент Токаев прибыл в Ташкент; Prezident Toshkentda."

    assert terms(text) == [term(w.text) for w in words(text)]
    assert terms(text)[1] == term("Tokayev")
    assert terms(text)[4] == terms(text)[6] == term("Tashkent")


# --- query_words --------------------------------------------------------------


def test_query_words_are_groups_of_one():
    assert query_words("Tokayev Astana") == (
        [[term("Tokayev")], [term("Astana")]],
        False,
    )


@pytest.mark.parametrize(
    "query",
    ['"Shavkat Mirziyoyev"', "«Shavkat Mirziyoyev»", "“Shavkat Mirziyoyev”"],
)
def test_a_quoted_phrase_is_one_group(query):
    assert query_words(query) == ([[term("Shavkat"), term("Mirziyoyev")]], False)


def test_phrases_and_words_keep_their_order():
    groups, truncated = query_words('Tokayev "Kassym-Jomart Tokayev" «в Астане» Osh')

    assert groups == [
        [term("Tokayev")],
        [term("Kassym"), term("Jomart"), term("Tokayev")],
        [term("в"), term("Астане")],
        [term("Osh")],
    ]
    assert truncated is False


def test_a_repeated_word_is_one_group_even_across_scripts():
    assert query_words("Tokayev Токаев Тоқаев tokayev") == ([[term("Tokayev")]], False)


def test_an_unclosed_quote_and_an_empty_phrase_are_punctuation():
    assert query_words('"Tokayev Astana') == (
        [[term("Tokayev")], [term("Astana")]],
        False,
    )
    assert query_words('"" Osh') == ([[term("Osh")]], False)


def test_only_punctuation_gives_nothing():
    assert query_words("?!… — «» “”") == ([], False)
    assert query_words("") == ([], False)
    assert query_words("!" * 10_000) == ([], False)


def test_at_most_limit_terms_are_kept():
    query = " ".join(f"k{n}" for n in range(40))

    groups, truncated = query_words(query)

    assert groups == [[f"k{n}"] for n in range(32)]
    assert truncated is True
    assert query_words(query, limit=40) == ([[f"k{n}"] for n in range(40)], False)


def test_a_phrase_that_does_not_fit_is_cut():
    assert query_words('Osh "Kassym Jomart Tokayev"', limit=3) == (
        [[term("Osh")], [term("Kassym"), term("Jomart")]],
        True,
    )


def test_only_the_first_thousand_characters_are_read():
    query = "Tokayev " * 1_250  # 10,000 characters

    assert query_words(query) == ([[term("Tokayev")]], True)
    assert query_words("Osh" + " " * 2_000) == ([["osh"]], False)


def test_a_word_the_cut_goes_through_is_left_out():
    query = "ab " * 330 + "Bishkek Termez Osh"  # "Termez" spans characters 998-1003

    assert query_words(query) == ([["ab"], [term("Bishkek")]], True)
    ends_at_the_cut = "ab " * 330 + "Bishkek Uz" + " !!!"

    assert query_words(ends_at_the_cut) == ([["ab"], [term("Bishkek")], ["uz"]], False)


def test_limit_must_be_positive():
    with pytest.raises(ValueError, match="limit"):
        query_words("Osh", limit=0)
