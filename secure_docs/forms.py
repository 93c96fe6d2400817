from django import forms
from django.utils.translation import gettext_lazy as _

from investigations.models import Task


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
