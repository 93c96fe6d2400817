"""Which of the region's languages a text is in: picks the OCR pack of a scan.

`secure_docs.search.languages.detect` is the project's detector; until that module
is there, `by_letters` stands in. It tells the region's languages apart by the
letters only one of them uses, which survive OCR with the probe packs.
"""

import re

# Too few letters to tell a language from a stamp or a page number.
MIN_LETTERS = 20
# Two of a language's own letters, not one: a single one can be an OCR slip.
MIN_MARKERS = 2
KAZAKH = frozenset("әұіһӘҰІҺ")
UZBEK_CYRILLIC = frozenset("ўЎ")
TAJIK = frozenset("ӣӯҷӢӮҶ")
KYRGYZ = frozenset("ңөүҢӨҮ")  # Kazakh has them too; Kyrgyz only when no Kazakh ones
SHARED = frozenset("ғқҳҒҚҲ")  # Kazakh, Uzbek and Tajik letters Russian has not
TURKMEN = frozenset("ňýäžŇÝÄŽ")
UZBEK_LATIN = re.compile(r"[oOgG][ʻ‘’'`]")


def detect(text: str) -> str | None:
    """The language code of `text` (ru kk uz uz-cyrl ky tg tk en), None when unsure."""
    try:
        from secure_docs.search.languages import detect as project_detect
    except ImportError:  # the project's detector has not landed yet
        return by_letters(text)
    return project_detect(text)


def by_letters(text: str) -> str | None:
    """The language whose own letters `text` has most of; None under MIN_LETTERS.

    Cyrillic text with no Kazakh, Uzbek, Tajik or Kyrgyz letters is Russian;
    Latin text with no Turkmen letters or Uzbek oʻ/gʻ is English.
    """
    cyrillic = latin = 0
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            cyrillic += 1
        elif (char.isascii() and char.isalpha()) or char in TURKMEN:
            latin += 1
    if cyrillic + latin < MIN_LETTERS:
        return None
    if latin > cyrillic:
        if _count(text, TURKMEN) >= MIN_MARKERS:
            return "tk"
        if len(UZBEK_LATIN.findall(text)) >= MIN_MARKERS:
            return "uz"
        return "en"
    scores = {
        "kk": _count(text, KAZAKH),
        "uz-cyrl": _count(text, UZBEK_CYRILLIC),
        "tg": _count(text, TAJIK),
    }
    best = max(scores, key=lambda code: scores[code])
    if scores[best] >= MIN_MARKERS:
        return best
    if _count(text, KYRGYZ) >= MIN_MARKERS and not _count(text, SHARED):
        return "ky"
    if _count(text, SHARED) >= MIN_MARKERS:
        # ғ/қ/ҳ without any letter of one language: ҳ is Uzbek or Tajik, else Kazakh.
        return "uz-cyrl" if _count(text, frozenset("ҳҲ")) else "kk"
    return "ru"


def _count(text: str, alphabet: frozenset[str]) -> int:
    return sum(1 for char in text if char in alphabet)
