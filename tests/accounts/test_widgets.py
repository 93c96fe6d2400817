"""accounts.widgets.LongSelect: the countries select, rendered as Select renders it."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation
from django_countries import countries

from accounts.forms import ProfileForm
from accounts.widgets import LongSelect
from awards.forms import EntryForm
from awards.models import Award


def _choices():
    return [("", "—"), *countries]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("value", [None, "", "KZ", "TJ", "nowhere"])
def test_the_html_is_the_same_as_selects(language, value):
    attrs = {"id": "id_country", "required": True, "aria-describedby": "x"}
    with translation.override(language):
        fast = LongSelect(choices=_choices).render("country", value, attrs)
        plain = forms.Select(choices=_choices).render("country", value, attrs)

    assert parse_html(fast) == parse_html(plain)
    assert fast.count(" selected") == (value != "nowhere")


def test_labels_and_values_are_escaped():
    choices = [("a&b", "<b>Ünïcode & co</b>"), ('"q"', "x > y")]
    fast = LongSelect(choices=choices).render("f", '"q"')
    plain = forms.Select(choices=choices).render("f", '"q"')

    assert "<b>" not in fast
    assert parse_html(fast) == parse_html(plain)


def test_the_options_follow_the_language():
    with translation.override("ru"):
        russian = LongSelect(choices=_choices).render("country", "KZ")
    with translation.override("en"):
        english = LongSelect(choices=_choices).render("country", "KZ")

    assert "Казахстан" in russian and "Kazakhstan" not in russian
    assert "Kazakhstan" in english


def test_a_list_with_groups_is_left_to_select():
    choices = [("Asia", [("KZ", "Kazakhstan"), ("UZ", "Uzbekistan")]), ("XX", "Other")]
    fast = LongSelect(choices=choices).render("country", "UZ")

    assert parse_html(fast) == parse_html(
        forms.Select(choices=choices).render("country", "UZ")
    )
    assert "<optgroup" in fast


def test_the_entry_and_profile_forms_use_it_in_the_readers_language(db):
    assert isinstance(EntryForm.base_fields["country"].widget, LongSelect)
    assert isinstance(ProfileForm.base_fields["country"].widget, LongSelect)
    with translation.override("ru"):
        entry = str(EntryForm(award=Award(pk=1))["country"])
        profile = str(ProfileForm()["country"])

    assert "Казахстан" in entry and "Kazakhstan" not in entry
    assert "Казахстан" in profile and "Kazakhstan" not in profile
