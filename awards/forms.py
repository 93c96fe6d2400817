"""Entry input: shapes and types only; the rules live in services and eligibility."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from accounts.models import Language
from accounts.widgets import LongSelect
from awards.enums import AiUse, Licence
from awards.models import Award, Category, Entry
from awards.selectors import categories_for_award
from awards.selectors.localized import localized


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories named in the reader's language where translated."""

    def label_from_instance(self, obj: Category) -> str:
        return localized(obj, "name").text


class EntryForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Category"), queryset=Category.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title of the work"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the work found and why it matters. Plain text."),
    )
    outlet = forms.CharField(label=_("Outlet"), max_length=200, required=False)
    country = LazyTypedChoiceField(
        label=_("Country of publication"),
        # Called at each rendering: the names in the reader's language.
        choices=lambda: [("", "—"), *countries],
        required=False,
        widget=LongSelect,
    )
    language = forms.ModelChoiceField(
        label=_("Language of the work"),
        queryset=Language.objects.all(),
        required=False,
    )
    published_on = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    publication_urls = forms.CharField(
        label=_("Where it was published"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address (https://…) per line."),
    )
    media_url = forms.URLField(
        label=_("Video or audio link (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "The work on YouTube, Vimeo, SoundCloud or another service that "
            "allows embedding: if it wins, its public page plays it."
        ),
    )
    ai_use = forms.ChoiceField(
        label=_("Use of AI"),
        choices=AiUse.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    ai_use_description = forms.CharField(
        label=_("How AI was used"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for assistive or generative use."),
    )
    licence = forms.ChoiceField(
        label=_("Licence for partner broadcasters"),
        choices=Licence.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "If the work wins, the region's partner broadcasters may re-broadcast it "
            "under these terms. Choose one before you submit."
        ),
    )
    declares_original_work = forms.BooleanField(
        label=_("This is our original work."), required=False
    )
    declares_right_to_submit = forms.BooleanField(
        label=_("We have the right to submit it, including from our outlet."),
        required=False,
    )
    consents_to_publish = forms.BooleanField(
        label=_("Qalam may publish it, with credit, if it wins."), required=False
    )

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories_for_award(award=award)

    @classmethod
    def initial_for(cls, entry: Entry) -> dict:
        return {
            "category": entry.category_id,
            "title": entry.title,
            "summary": entry.summary,
            "outlet": entry.outlet,
            "country": str(entry.country or ""),
            "language": entry.language_id,
            "published_on": entry.published_on,
            "publication_urls": "\n".join(entry.publication_urls),
            "media_url": entry.media_url,
            "ai_use": entry.ai_use,
            "ai_use_description": entry.ai_use_description,
            "licence": entry.licence,
            "declares_original_work": entry.declares_original_work,
            "declares_right_to_submit": entry.declares_right_to_submit,
            "consents_to_publish": entry.consents_to_publish,
        }

    def clean_publication_urls(self) -> list[str]:
        lines = self.cleaned_data["publication_urls"].splitlines()
        urls = [line.strip() for line in lines if line.strip()]
        validate = forms.URLField(assume_scheme="https").clean
        return [validate(url) for url in urls]

    def clean(self):
        data = super().clean()
        ai_use = data.get("ai_use")
        if ai_use and ai_use != AiUse.NONE and not data.get("ai_use_description"):
            self.add_error("ai_use_description", _("Describe how AI tools were used."))
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Attachment"),
        help_text=_("PDF, image or audio file."),
        max_length=255,
    )


class CoAuthorForm(forms.Form):
    email = forms.EmailField(
        label=_("Co-author's email address"),
        help_text=_(
            "A person with a Qalam account is added at once; anyone else gets an "
            "invitation. Both are told by email."
        ),
    )
