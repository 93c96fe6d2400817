"""The award's and categories' translations on their edit screens (an inline panel,
awards/wagtail_hooks.py): the form refuses a translation into the original
language, which the inline rows cannot check alone (their award is the form's)."""

from django.utils.translation import gettext_lazy as _

from awards.admin_views import scoping

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
