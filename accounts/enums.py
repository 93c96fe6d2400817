"""Choices shared by accounts and the apps that read profiles."""

# Languages a person may say they read. Central Asia's languages first, then the ones
# its journalists most often publish in. Codes are ISO 639-1, as Django's LANG_INFO.
READABLE_LANGUAGES: tuple[str, ...] = (
    "en",
    "ru",
    "kk",
    "uz",
    "ky",
    "tg",
    "tk",
    "fa",
    "ar",
    "az",
    "zh-hans",
    "de",
    "fr",
    "es",
    "tr",
    "uk",
    "ka",
    "hy",
    "mn",
)

BIRTH_YEAR_MIN = 1900
