from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investigations.models import Task
from secure_docs.enums import DocumentLanguage, IndexKind


class DocumentForm(forms.Form):
    """The fields of a new document; the file itself is read by the upload handler."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=DocumentLanguage.choices,
        required=False,
        help_text=_(
            "Scans are read (OCR) in this language; left empty, it is detected."
        ),
    )
    tasks = forms.ModelMultipleChoiceField(
        label=_("Linked tasks"), queryset=Task.objects.none(), required=False
    )

    def __init__(self, *args, investigation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = Task.objects.filter(investigation=investigation)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )


class PersonalKeyForm(forms.Form):
    key = forms.CharField(
        label=_("Public key (ASCII-armoured)"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        required=False,
        help_text=_("Paste the output of “gpg --armor --export YOUR-KEY-ID”."),
    )
    key_file = forms.FileField(
        label=_("…or upload a .asc file"), required=False, max_length=255
    )

    def clean(self):
        data = super().clean()
        upload = data.get("key_file")
        if upload is not None:
            if upload.size > 256 * 1024:
                raise forms.ValidationError(_("A public key file is at most 256 KB."))
            data["key"] = upload.read().decode("utf-8", errors="replace")
        if not data.get("key", "").strip():
            raise forms.ValidationError(_("Paste your public key or choose a file."))
        return data


class SearchForm(forms.Form):
    """The search box and its filters. Sent by POST: the words a team searches
    for never appear in a URL, so no proxy or server log keeps them."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=10000,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_(
            "Every word must appear; put a phrase in quotes. Names match in any "
            "script: Kokand, Qoʻqon and Қўқон find each other."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("everything"))]
    )
    author = forms.TypedChoiceField(
        label=_("Author"), required=False, coerce=int, empty_value=None
    )
    date_from = forms.DateField(
        label=pgettext_lazy("search filter", "From date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("search filter", "To date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    label = forms.ChoiceField(
        label=pgettext_lazy("search filter: a task's label", "Label"), required=False
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, members=(), languages=(), labels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("everything")), *IndexKind.choices]
        self.fields["author"].choices = [("", _("anyone"))] + [
            (user.pk, str(user)) for user in members
        ]
        names = dict(DocumentLanguage.choices)
        self.fields["language"].choices = [("", _("any"))] + [
            (code, names.get(code, code)) for code in languages
        ]
        self.fields["label"].choices = [("", _("any"))] + [
            (label, label) for label in labels
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The “from” date is after the “to” date."))
        return cleaned


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the saved search"), max_length=100)
    notify = forms.BooleanField(
        label=_("Email me when a new document matches"), required=False, initial=True
    )
