"""Input shapes: jurors' score sheet, conflict and relation declarations; staff's
reason to re-open a round, conflict added for a juror, and juror invitation;
deliberation messages and the chair's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.jury.models import Criterion, Juror
from awards.jury.selectors.rubric import plain
from awards.models import Award, Category


class RubricScoresForm(forms.Form):
    """One field per criterion (c<pk>); range and step are checked by the service.
    A calibration sheet is this alone; a score sheet adds the juror's words."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.CharField(
                label=criterion.name,
                required=False,
                max_length=20,
                help_text=criterion.guidance,
                widget=forms.NumberInput(
                    attrs={
                        "min": plain(criterion.min_score),
                        "max": plain(criterion.max_score),
                        "step": plain(criterion.step),
                        "data-weight": plain(criterion.weight),
                        "class": "score-input",
                        "inputmode": "decimal",
                        **(
                            {"aria-describedby": f"id_c{criterion.pk}_help"}
                            if criterion.guidance
                            else {}
                        ),
                    }
                ),
            )
        self.order_fields([f"c{c.pk}" for c in criteria])

    def score_fields(self):
        return [self[f"c{c.pk}"] for c in self.criteria]

    def scores(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"c{c.pk}", "") for c in self.criteria}


class ScoreSheetForm(RubricScoresForm):
    """The rubric's fields, then a comment to the organisers and feedback."""

    comment = forms.CharField(
        label=_("Comment to the organisers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the organisers read this."),
    )
    feedback = forms.CharField(
        label=_("Feedback to the entrant (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("May be passed on to the entrant without your name."),
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, criteria=criteria, **kwargs)
        self.order_fields([f"c{c.pk}" for c in criteria] + ["comment", "feedback"])


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot judge this entry"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the organisers read this. The entry leaves your list."),
    )


class RelationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of a person close to you"),
        help_text=_(
            "Family, partner, employer: you will never be given their entries. "
            "Only the organisers see this."
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the round is re-opened"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConflictAddForm(forms.Form):
    juror = forms.ModelChoiceField(label=_("Juror"), queryset=Juror.objects.none())
    reference = forms.CharField(label=_("Entry reference"), max_length=32)
    reason = forms.CharField(label=_("Reason"), max_length=2000)

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = Juror.objects.filter(
            award=award, removed_at__isnull=True
        )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories judged"),
        queryset=Category.objects.none(),
        required=False,
        help_text=_("Leave empty for every category."),
    )

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(award=award)


class DeliberationPostForm(forms.Form):
    """A message in an entry's thread (emptiness and length: the service)."""

    body = forms.CharField(
        label=_("Your message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        help_text=_(
            "The other jurors of this entry read it; in a blind round under a "
            "pseudonym. It is kept in the audit record."
        ),
    )


class DecisionForm(forms.Form):
    """The chair's record of the jury's decision on an entry."""

    outcome = forms.CharField(
        label=_("The jury's decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_("What the jury agreed, in a few plain sentences."),
    )
    final_rank = forms.IntegerField(
        label=_("Final rank (optional)"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("The final rank is a whole number."),
            "min_value": _("The final rank is 1 or more."),
        },
    )
