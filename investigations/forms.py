import re
from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from investigations.enums import Role
from investigations.models import IDLE_TIMEOUT_MAX, IDLE_TIMEOUT_MIN, Investigation


class InvestigationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    codename = forms.SlugField(
        label=_("Codename"),
        max_length=60,
        help_text=_("A short name for links; letters, digits and hyphens."),
    )
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class InvestigationSettingsForm(InvestigationForm):
    idle_timeout_minutes = forms.IntegerField(
        label=_("Sign in again after this many idle minutes"),
        min_value=IDLE_TIMEOUT_MIN,
        max_value=IDLE_TIMEOUT_MAX,
        initial=30,
        required=False,  # left empty: the time stays as it is
        help_text=_(
            "A member who has not opened the workspace for this long is asked for "
            "their password or second factor before they see anything of it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["codename"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices, initial=Role.REPORTER
    )
    language = forms.ChoiceField(
        label=_("Language of the email"), choices=settings.LANGUAGES
    )
    access_until = forms.DateTimeField(
        label=_("Guest access until (UTC)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Optional. Leave empty for a regular member."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ColumnForm(forms.Form):
    name = forms.CharField(label=_("Column name"), max_length=80)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
        help_text=_("Markdown: **bold**, *italic*, [links](https://…), lists."),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    labels = forms.CharField(
        label=_("Labels"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas."),
    )
    assignees = forms.ModelMultipleChoiceField(
        label=_("Assignees"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, investigation: Investigation, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer members; the service refuses anyone else whatever is posted.
        self.fields["assignees"].queryset = User.objects.filter(
            investigation_memberships__investigation=investigation
        ).order_by("display_name", "email")
        # Validate posted ids against all users so a non-member reaches the
        # service's rule (and its message) instead of a generic choice error.
        if self.is_bound:
            self.fields["assignees"].queryset = User.objects.all()


class TaskCreateForm(TaskForm):
    column = forms.IntegerField(widget=forms.HiddenInput)


class MoveForm(forms.Form):
    column = forms.IntegerField()
    index = forms.IntegerField(min_value=0)
    version = forms.IntegerField(min_value=1)


# "<column id>:<cards shown>"; a count of at most seven digits, more cards than any
# board holds, so no number reaches SQL that it cannot hold.
_SHOWN = re.compile(r"(\d{1,18}):(\d{1,7})", re.ASCII)


def board_shown(values: Iterable[str]) -> dict[int, int]:
    """How many cards each column shows, from the board's `show` parameters.

    The "show more" links carry one `show=<column id>:<count>` per longer column;
    a malformed value is ignored (the column shows its first page).
    """
    shown = {}
    for value in values:
        match = _SHOWN.fullmatch(value)
        if match:
            shown[int(match[1])] = int(match[2])
    return shown


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
        help_text=_("Markdown. Mention a member with @ and their email name."),
    )


class ChecklistItemForm(forms.Form):
    text = forms.CharField(label=_("New checklist item"), max_length=200)


class NotificationSettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of emails"), choices=settings.LANGUAGES
    )
    email_invited = forms.BooleanField(
        label=_("When I am invited to an investigation"), required=False
    )
    email_assigned = forms.BooleanField(
        label=_("When I am assigned a task"), required=False
    )
    email_mentioned = forms.BooleanField(
        label=_("When someone mentions me"), required=False
    )
    email_due_digest = forms.BooleanField(
        label=_("A daily digest of my tasks due soon"), required=False
    )


class ActivityFilterForm(forms.Form):
    verb = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.TypedChoiceField(
        label=_("Who"), required=False, coerce=int, empty_value=None
    )
    task = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, verbs, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verb"].choices = [("", _("Everything")), *verbs]
        self.fields["actor"].choices = [("", _("Everyone"))] + [
            (m.user_id, str(m.user)) for m in members
        ]
