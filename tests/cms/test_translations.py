"""Every string we write is translated into the six other languages."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
SOURCES = [
    "accounts",
    "awards",
    "investigations",
    "secure_docs",
    "cms",
    "demo",
    "config",
    "templates",
]


def catalogue(language: str, base: Path = BASE) -> polib.POFile:
    return polib.pofile(str(base / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_not_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert po.metadata["Language"] == language
    for entry in po.translated_entries():
        if entry.msgid_plural:
            # A form may leave out the number ("one entry"), never add an unknown name.
            allowed = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            for form in entry.msgstr_plural.values():
                assert placeholders(form) <= allowed, entry.msgid
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)[sd]", text))


def test_catalogues_hold_every_string_in_the_code(tmp_path):
    """makemessages over a copy of the tree finds nothing the catalogues lack."""
    for name in [*SOURCES, "manage.py"]:
        source = BASE / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(source, tmp_path / name)
    for language in LANGUAGES:
        (tmp_path / "locale" / language / "LC_MESSAGES").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-v", "0"]
        + [f"-l{language}" for language in LANGUAGES],
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "1",
            "QALAM_VAR_DIR": str(tmp_path / "var"),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        in_code = {(e.msgctxt, e.msgid) for e in catalogue(language, tmp_path)}
        in_repo = {(e.msgctxt, e.msgid) for e in catalogue(language)}
        assert in_code - in_repo == set(), (
            f"missing from locale/{language}: run make messages"
        )
