"""Words and their search keys, the same for every script of the region.

The blind index stores a keyed hash of each word's key, so everything that should
match must already have the same key: "Qoʻqon", "Қўқон", "Kokand" and "Коканда"
all become one short ASCII string. `term` builds it in five ordered steps:

1. NFKC and casefold.
2. Cyrillic to Latin, one table for Russian, Kazakh, Uzbek, Kyrgyz and Tajik.
3. Latin folding, an ordered table (`FOLDING`) that lets the region's
   romanisations meet: Uzbek x and Russian kh, Turkmen ş and sh, "ye" and е...
4. Light stemming of the folded form. It works on the folded form, not per
   script, so that one word stems alike in every script; that is why this is not
   Snowball, whose stemmers each know one language in one script. Russian and
   Turkic endings overlap ("Коканд|а" and "Тошкент|да" both end in "da"), so the
   stem drops the trailing vowels and d/t/n/g together, whichever language put
   them there; see `stem`.
5. The gazetteer (`names.GROUPS`): place names whose spellings no rule joins.

A word with a digit is a number or a code and is never stemmed.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from secure_docs.search.names import GROUPS

MAX_WORD_CHARS = 64
MAX_QUERY_CHARS = 1_000

# Uzbek Latin writes oʻ, gʻ and the tutuq belgisi with any of these; ʹ ʺ are
# the scholarly marks for ь ъ. All of them are letters inside a word.
APOSTROPHES = "\u02bb\u02bc'\u2018\u2019`\u02b9\u02ba"
_LETTER = rf"[^\W_{APOSTROPHES}]"
# Combining marks of text that came decomposed (some PDFs), and the soft hyphen
# that word processors leave inside words.
_MARK = r"[\u00ad\u0300-\u036f\u0483-\u0489\u1dc0-\u1dff\ufe20-\ufe2f]"
WORD_RE = re.compile(rf"{_LETTER}+(?:(?:{_MARK}+|[{APOSTROPHES}]){_LETTER}+)*{_MARK}*")


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: its characters' offsets into the text, and the word."""

    start: int
    end: int
    text: str


def words(text: str) -> list[Word]:
    """The words of `text` with their offsets.

    A word is a run of letters and digits of any script; an apostrophe between two
    letters belongs to it (Uzbek "Oʻzbekiston", English "don't"), a hyphen does
    not ("Alma-Ata" is two words). Words over 64 characters are skipped: they are
    encoded data, not something anyone searches for.
    """
    return [
        Word(match.start(), match.end(), word)
        for match in WORD_RE.finditer(text)
        if len(word := match.group()) <= MAX_WORD_CHARS
    ]


CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхыэ", "abvgdeziiklmnoprstufhie", strict=True)),
        "ё": "io",
        "ж": "j",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sh",
        "ъ": "",
        "ь": "",
        "ю": "iu",
        "я": "ia",
        # Kazakh, Uzbek, Kyrgyz, Tajik; and Ukrainian, which Russian texts quote.
        **dict(zip("әғқңөұүһіўҳӣӯҷҗїєґ", "agknouuhiohiujjieg", strict=True)),
    }
)
_LATIN_LETTERS = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES + "\u00ad", ""),
        "ş": "sh",
        "š": "sh",
        "ç": "ch",
        "č": "ch",
        "ž": "j",
        "æ": "ae",
        "œ": "oe",
        **dict(zip("ňýäöüığŋəøłđ", "niaouignaold", strict=True)),
    }
)
_DOUBLED = re.compile(r"([^\W\d_])\1+")
# Order matters: "dzh" comes first (once "dj" has run, "zh"→j would leave it as
# "dj"); y→i comes before "ie"→"e", so that Latin "ye" meets Cyrillic е; doubled
# letters collapse before "ie" ("Aliyev" → "aliiev" → "aliev" → "alev", like
# "Алиев") and once more after it.
FOLDING: tuple[tuple[str | re.Pattern[str], str], ...] = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("x", "h"),
    ("q", "k"),
    ("y", "i"),
    ("w", "v"),
    (_DOUBLED, r"\1"),
    ("ie", "e"),
    (_DOUBLED, r"\1"),
)
_POSSESSIVE = ("'s", "\u2019s")


def fold(word: str) -> str:
    """The word in the region's common Latin spelling (steps 1 to 3 of `term`).

    Cyrillic is transliterated before diacritics are dropped (so й is i and ё is
    io, not е), and once more after (a Cyrillic letter that came with a mark).
    """
    word = unicodedata.normalize("NFKC", word).casefold()
    if word.endswith(_POSSESSIVE):
        word = word[:-2]
    word = word.translate(CYRILLIC).translate(_LATIN_LETTERS)
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
        word = word.translate(CYRILLIC)
    for pattern, replacement in FOLDING:
        if isinstance(pattern, str):
            word = word.replace(pattern, replacement)
        else:
            word = pattern.sub(replacement, word)
    return word


MIN_STEM = 4
# Endings that hold a letter outside the trailing run below, longest first:
# Russian case endings (-ами -ям -ах -ом -ем -ов -ев -ым -ых -ими -ому...) and the
# Kazakh/Kyrgyz instrumental (-мен -бен -пен, -менен). The Kazakh dative -қа/-ке
# is listed only after a surname's -ов/-ев: on its own it would take the k of
# every Russian "банка", "Бишкека".
ENDINGS: tuple[str, ...] = tuple(
    sorted(
        (
            "iami", "ami", "iam", "am", "iah", "ah", "iom", "om", "em",
            "ov", "ev", "imi", "im", "ih", "omu", "emu",
            "menen", "benen", "penen", "men", "ben", "pen",
            "ovka", "ovke", "ovko", "evka", "evke", "evko",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
# A surname's -ов/-ев or a Turkic plural, with whatever case ending follows it
# ("Karimov|a", "kompaniya|lar|da"): one layer, then the run.
LAYER_RE = re.compile(r"(?:ov|ev|lar|ler|lor|dar|der|dor|tar|ter|tor)[aeioudtng]*$")
# Turkic case endings are made of these letters (-da -dan -ga -ning -ni -ti...),
# and so are the Russian vowel endings; a stem's own final d, t, n or g goes too,
# so that "Коканд" and "Коканда" (Russian) and "Toshkent" and "Toshkentda"
# (Turkic) each meet, whichever way the word splits.
RUN_RE = re.compile(r"[aeioudtng]+$")
RUN_MIN_STEM = 5


def stem(folded: str) -> str:
    """The folded word without its inflection (step 4 of `term`).

    In order: the longest ending of `ENDINGS`, then a plural or surname layer
    with the case ending after it, then the trailing run of vowels and d/t/n/g.
    The first two never leave fewer than 4 letters; the run never leaves fewer
    than 5, or 4 when it is one vowel ("банк|а"): cut shorter, "Mirziyoyev" would
    meet "Mirzo" and "Алматы" the Kazakh "алма". Words with a digit stay whole.
    """
    if not folded.isalpha():
        return folded
    word = folded
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[: -len(ending)]
            break
    layer = LAYER_RE.search(word)
    if layer and layer.start() >= MIN_STEM:
        word = word[: layer.start()]
    run = RUN_RE.search(word)
    if run:
        single_vowel = run.end() - run.start() == 1 and word[-1] in "aeiou"
        floor = MIN_STEM if single_vowel else RUN_MIN_STEM
        word = word[: max(floor, run.start())]
    return word


def gazetteer(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Each spelling's key → its group's first spelling's key.

    Every spelling must be one word, and no key may belong to two groups: a
    ValueError says which, at import, rather than a search that quietly joins
    two places.
    """
    mapping: dict[str, str] = {}
    for group in groups:
        target = stem(fold(group[0]))
        for variant in group:
            if [w.text for w in words(variant)] != [variant]:
                raise ValueError(f"{variant!r} is not one word")
            key = stem(fold(variant))
            if mapping.get(key, target) != target:
                raise ValueError(f"{variant!r} ({key}) is in two groups")
            mapping[key] = target
    return {key: target for key, target in mapping.items() if key != target}


_GAZETTEER = gazetteer(GROUPS)


@functools.lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The search key of one word: folded, stemmed, then joined by the gazetteer.

    Two words get the same key exactly when a search for one should find the
    other; the module docstring lists the steps.
    """
    key = stem(fold(word))
    return _GAZETTEER.get(key, key)


def terms(text: str) -> list[str]:
    """The key of every word of `text`, in order; a key's index is its position.

    Same words as `words`, without building a Word for each: this is the indexing
    path and runs over whole documents (5 million words in a few seconds).
    """
    return [term(word) for word in WORD_RE.findall(text) if len(word) <= MAX_WORD_CHARS]


def word_count(text: str) -> int:
    """How many words `words` would find in `text` (positions of a segment)."""
    return sum(1 for word in WORD_RE.findall(text) if len(word) <= MAX_WORD_CHARS)


_PHRASE_RE = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”')


def _groups(query: str) -> list[list[str]]:
    """Quoted phrases as one group each, every other word as a group of one."""
    groups: list[list[str]] = []
    position = 0
    for phrase in _PHRASE_RE.finditer(query):
        groups.extend([key] for key in terms(query[position : phrase.start()]))
        inside = next(part for part in phrase.groups() if part is not None)
        if keys := terms(inside):
            groups.append(keys)
        position = phrase.end()
    groups.extend([key] for key in terms(query[position:]))
    return groups


def _cut(query: str) -> tuple[str, bool]:
    """The first 1,000 characters without a word the cut went through, and
    whether any word was left out: half a word would match nothing."""
    if len(query) <= MAX_QUERY_CHARS:
        return query, False
    end = MAX_QUERY_CHARS
    for word in WORD_RE.finditer(query, 0, MAX_QUERY_CHARS + 1):
        if word.start() < MAX_QUERY_CHARS < word.end():
            end = word.start()
    return query[:end], WORD_RE.search(query, end) is not None


def query_words(query: str, *, limit: int = 32) -> tuple[list[list[str]], bool]:
    """A search box's text as groups of keys, and whether any of it was dropped.

    A double-quoted phrase ("…", «…», “…”) is one group of keys that must follow
    each other; every other word is a group of one. Only the first 1,000
    characters are read (less a word they cut through) and at most `limit` keys
    kept (a phrase that does not fit is cut); a group that repeats an earlier one
    is dropped. A query of punctuation only gives ([], False).
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    query, truncated = _cut(query)
    kept: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    used = 0
    for group in _groups(query):
        if tuple(group) in seen:
            continue
        if used + len(group) > limit:
            truncated = True
            group = group[: limit - used]
            if not group or tuple(group) in seen:
                break
        seen.add(tuple(group))
        kept.append(group)
        used += len(group)
    return kept, truncated
