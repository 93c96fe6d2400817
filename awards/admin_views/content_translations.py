"""Translations of an award's own words: the award's and categories' on their edit
screens (an inline panel, awards/wagtail_hooks.py), whose form refuses a
translation into the original language (the inline rows cannot check it alone:
their award is the form's); a prize citation's on a screen of its own, reached
from the award's prizes (routed in awards/wagtail_hooks.py)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards import services
from awards.admin_views import scoping
from awards.admin_views._base import PrizeFormView

ORIGINAL = _("This is the award's original language.")


class TranslatedTeamForm(scoping.TeamForm):
    """A team form whose `translations` formset may not repeat the original
    language: the award's (its `language` field, or its category's award's)."""

    def original_language(self) -> str | None:
        data = getattr(self, "cleaned_data", {})
        if "language" in self.fields:
            return data.get("language")
        award = data.get("award") or getattr(self.instance, "award", None)
        return getattr(award, "language", None)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        original = self.original_language()
        formset = self.formsets.get("translations")
        if original is None or formset is None:
            return valid
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            if not data.get("DELETE") and data.get("language") == original:
                form.add_error("language", ORIGINAL)
                valid = False
        return valid


class CitationTranslationsForm(forms.Form):
    """One text box per site language other than the award's."""

    def __init__(self, *args, original: str, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            if code == original:
                continue
            self.fields[code] = forms.CharField(
                label=name,
                required=False,
                initial=current.get(code, ""),
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )


class PrizeTranslationsView(PrizeFormView):
    """The jury's citation of one prize in the site's other languages; an empty box
    removes that language's translation. The award's organisers only (404)."""

    template_name = "awards/admin/prize_translations.html"
    header_icon = "globe"

    def get_page_title(self):
        return gettext("Translations of the jury citation: %(prize)s") % {
            "prize": self.prize
        }

    def make_form(self, data=None) -> CitationTranslationsForm:
        return CitationTranslationsForm(
            data,
            original=self.prize.round.award.language,
            current={
                item.language: item.citation for item in self.prize.translations.all()
            },
        )

    def save(self, form) -> None:
        services.prize_citation_translations_save(
            prize=self.prize, citations=form.cleaned_data, actor=self.request.user
        )

    def success_message(self) -> str:
        return gettext("The citation's translations are saved.")
