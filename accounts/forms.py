from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import BIRTH_YEAR_MIN
from accounts.models import User
from accounts.selectors import languages_readable
from accounts.services import current_year
from accounts.widgets import LongSelect


class ProfileForm(forms.ModelForm):
    """Validates profile input; `services.user_profile_update` writes it."""

    languages = forms.ModelMultipleChoiceField(
        label=_("Languages you read"),
        queryset=languages_readable(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "country",
            "outlet",
            "languages",
            "birth_year",
            "bio",
            "preferred_language",
            "accepts_broadcasts",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "country": LongSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"].widget.attrs.update(
            {"min": BIRTH_YEAR_MIN, "max": current_year(), "inputmode": "numeric"}
        )
        # A form sent without it (an older page) keeps the language already chosen.
        self.fields["preferred_language"].required = False

    def clean_preferred_language(self) -> str | None:
        return self.cleaned_data.get("preferred_language") or None

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and not BIRTH_YEAR_MIN <= year <= current_year():
            raise forms.ValidationError(
                _("Enter a year between %(min)s and %(max)s."),
                params={"min": BIRTH_YEAR_MIN, "max": current_year()},
            )
        return year
