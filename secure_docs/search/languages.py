"""The languages of the workspaces' documents, and a guess at a text's language.

`detect` needs no dictionary: each language of the region has letters that only
it uses (Kazakh ә ұ і, Uzbek ў, Tajik ӣ ӯ ҷ, Turkmen ä ň ý ž...) or, where the
letters are shared, a few function words that are among its most frequent.
"""

import re
from collections import Counter
from types import MappingProxyType
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from secure_docs.search.normalise import WORD_RE


class Language(NamedTuple):
    """A language's name for people, and the Tesseract pack that reads it."""

    name: Promise
    tesseract: str


LANGUAGES: MappingProxyType[str, Language] = MappingProxyType(
    {
        "ru": Language(_("Russian"), "rus"),
        "kk": Language(_("Kazakh"), "kaz"),
        "uz": Language(_("Uzbek (Latin)"), "uzb"),
        "uz-cyrl": Language(_("Uzbek (Cyrillic)"), "uzb_cyrl"),
        "ky": Language(_("Kyrgyz"), "kir"),
        "tg": Language(_("Tajik"), "tgk"),
        # Tesseract has no Turkmen pack; its model of the Latin script reads ä ň ş ý.
        "tk": Language(_("Turkmen"), "Latin"),
        "en": Language(_("English"), "eng"),
    }
)

MIN_LETTERS = 20
# A document's first pages tell its language; reading them all would not.
SAMPLE_CHARS = 20_000
# Below this share of letters, a script's own letters are a quoted name
# ("Тоқаев" in a Russian text), not the language of the text.
MIN_SHARE = 0.005

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset("и в не на что с по к от для это как из за он она также".split()),
    "kk": frozenset("және мен бұл деп үшін бойынша осы болып еді туралы".split()),
    "ky": frozenset("жана менен бул деп үчүн боюнча болуп дагы тууралуу".split()),
    "uz-cyrl": frozenset("ва билан учун бу ҳам эди деб ушбу эса бўйича".split()),
    "tg": frozenset("ва дар ба аз ки бо барои ин мебошад шуд низ".split()),
    "uz": frozenset("va bilan uchun bu ham edi deb ushbu esa boʻyicha".split()),
    "tk": frozenset("we bilen üçin bu hem bolup edip şu boýunça".split()),
    "en": frozenset("the and of to in is for on with was that by".split()),
}
# Letters only one language of the region writes, and roughly how often it
# writes them in news text: the share found over the share expected is the
# evidence. Kazakh writes ң ө ү too, so they count for Kyrgyz only without
# Kazakh's other letters.
OWN_LETTERS: dict[str, tuple[str, float]] = {
    "kk": ("әұіһ", 0.05),
    "uz-cyrl": ("ў", 0.015),
    "tg": ("ӣӯҷ", 0.02),
    "ky": ("ңөү", 0.03),
}
KAZAKH_LETTERS = "әұіһғқ"
TURKMEN_LETTERS = "äçňşýž"
UZBEK_LETTER_RE = re.compile(r"[og][\u02bb'\u2018\u2019`](?=[^\W\d_])")


def detect(text: str) -> str | None:
    """The code in `LANGUAGES` of the language `text` is most likely in.

    The script with more letters decides the family; distinctive letters, then
    function words, decide the language; a text with fewer than 20 letters, or
    mostly in another script, gives None.
    """
    sample = text[:SAMPLE_CHARS].casefold()
    letters = Counter(c for c in sample if c.isalpha())
    total = sum(letters.values())
    if total < MIN_LETTERS:
        return None
    cyrillic = sum(n for c, n in letters.items() if "\u0400" <= c <= "\u04ff")
    latin = sum(n for c, n in letters.items() if c < "\u0250")
    if max(cyrillic, latin) < total / 2:
        return None
    tokens = WORD_RE.findall(sample)
    hits = {
        code: sum(1 for token in tokens if token in words)
        for code, words in FUNCTION_WORDS.items()
    }
    if cyrillic >= latin:
        return _cyrillic(letters, cyrillic, hits)
    uzbek_letters = len(UZBEK_LETTER_RE.findall(sample))
    return _latin(letters, latin, hits, uzbek_letters)


def _share(letters: Counter[str], alphabet: str, total: int) -> float:
    return sum(letters[c] for c in alphabet) / total


def _cyrillic(letters: Counter[str], total: int, hits: dict[str, int]) -> str:
    """A language's own letters; else ғ қ ҳ and function words; else Russian."""
    evidence = {
        code: share / expected
        for code, (alphabet, expected) in OWN_LETTERS.items()
        if (share := _share(letters, alphabet, total)) >= MIN_SHARE
    }
    if "ky" in evidence and _share(letters, KAZAKH_LETTERS, total) >= MIN_SHARE:
        del evidence["ky"]
    if evidence:
        best = max(evidence, key=evidence.__getitem__)
        # A Russian report that quotes Kazakh names at length is still Russian.
        margin = 3 * max(hits[best], 1)
    elif _share(letters, "ғқҳ", total) >= MIN_SHARE:
        # Kazakh has ғ қ but no ҳ; Uzbek and Tajik have all three.
        candidates = ("uz-cyrl", "tg") if letters["ҳ"] else ("kk", "uz-cyrl", "tg")
        best = max(candidates, key=hits.__getitem__)
        margin = hits[best]
    else:
        return max(("ru", "tg", "uz-cyrl", "kk", "ky"), key=hits.__getitem__)
    return "ru" if hits["ru"] > margin else best


def _latin(
    letters: Counter[str], total: int, hits: dict[str, int], uzbek_letters: int
) -> str:
    """Turkmen by its letters, Uzbek by oʻ gʻ or its words, else English."""
    if _share(letters, TURKMEN_LETTERS, total) >= MIN_SHARE:
        return "tk"
    if hits["uz"] > hits["en"]:
        return "uz"
    if uzbek_letters / total >= MIN_SHARE and hits["uz"] == hits["en"]:
        return "uz"
    return "en"
