from django.db import migrations

# Frozen copy of accounts.enums.READABLE_LANGUAGES at the time of this migration.
LANGUAGES = (
    "en", "ru", "kk", "uz", "ky", "tg", "tk", "fa", "ar", "az",
    "zh-hans", "de", "fr", "es", "tr", "uk", "ka", "hy", "mn",
)


def add_languages(apps, schema_editor):
    Language = apps.get_model("accounts", "Language")
    for code in LANGUAGES:
        Language.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
