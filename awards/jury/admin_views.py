"""Organisers' jury screens in the Wagtail admin (routed in awards/wagtail_hooks):
a round's management page, its results and exports, and juror invitations."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.flash import flash_errors
from awards.jury import assignment as assigning
from awards.jury import conflicts, export, feedback, membership, rounds
from awards.jury.enums import PrizeKind
from awards.jury.models import Assignment, Juror, Round, ScoreSheet
from awards.jury.results import round_results
from awards.models import Award, Category, Entry
from awards.permissions import can_organise_award, is_awards_staff
from awards.selectors import scope_to_team


def _staff(request: HttpRequest) -> None:
    if not is_awards_staff(request.user):
        raise PermissionDenied


def _round(request: HttpRequest, pk: int, *, change: bool | None = None) -> Round:
    """The round, if its award's team has the user (404 otherwise, so ids of other
    awards cannot be probed); a change (any POST) needs an organiser (403)."""
    _staff(request)
    rounds_seen = scope_to_team(
        Round.objects.select_related("award"), user=request.user, award_path="award"
    )
    round_ = get_object_or_404(rounds_seen, pk=pk)
    if change is None:
        change = request.method == "POST"
    if change and not can_organise_award(request.user, round_.award_id):
        raise PermissionDenied
    return round_


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the round is re-opened"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConflictAddForm(forms.Form):
    juror = forms.ModelChoiceField(
        label=gettext_lazy("Juror"), queryset=Juror.objects.none()
    )
    reference = forms.CharField(label=gettext_lazy("Entry reference"), max_length=32)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = Juror.objects.filter(
            award=award, removed_at__isnull=True
        )


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    categories = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Categories judged"),
        queryset=Category.objects.none(),
        required=False,
        help_text=gettext_lazy("Leave empty for every category."),
    )

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(award=award)


class RoundManageView(WagtailAdminTemplateMixin, TemplateView):
    """State, assignment, swaps, conflicts and jury of one round."""

    template_name = "awards/admin/round_manage.html"
    header_icon = "group"

    def get_page_title(self):
        return str(self.round)

    def dispatch(self, request, *args, **kwargs):
        self.round = _round(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        award = self.round.award
        jurors = list(
            Juror.objects.filter(award=award)
            .select_related("user")
            .annotate(
                load=Count("assignments", filter=Q(assignments__round=self.round)),
                scored=Count(
                    "assignments",
                    filter=Q(
                        assignments__round=self.round,
                        assignments__sheet__submitted_at__isnull=False,
                    ),
                ),
            )
        )
        context.update(
            round=self.round,
            jurors=jurors,
            active_jurors=[j for j in jurors if j.is_active],
            entries=rounds.entries_for_round(self.round).count(),
            assignments=Assignment.objects.filter(round=self.round)
            .select_related("entry", "juror__user", "sheet")
            .order_by("entry_id", "juror_id")[:500],
            reason_form=ReasonForm(),
            conflict_form=ConflictAddForm(award=award),
            invite_form=InviteForm(award=award),
        )
        return context


@require_POST
def round_state(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        if action == "open":
            rounds.round_open(round=round_, actor=request.user)
        elif action == "close":
            rounds.round_close(round=round_, actor=request.user)
        elif action == "reopen":
            form = ReasonForm(request.POST)
            reason = form.data.get("reason", "")
            rounds.round_reopen(round=round_, actor=request.user, reason=reason)
        elif action == "decide":
            rounds.round_decide(round=round_, actor=request.user)
        else:
            raise PermissionDenied
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The round is updated."))
    return redirect("award_rounds:manage", pk)


@require_POST
def round_assign(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        seed = int(request.POST.get("seed") or 0)
        result = assigning.assignment_run(round=round_, actor=request.user, seed=seed)
    except ValueError:
        messages.error(request, _("The seed is a whole number."))
    except ValidationError as error:
        messages.error(
            request, _("Nothing was assigned. These entries cannot be served:")
        )
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Assigned. Loads range from %(low)s to %(high)s entries per juror.")
            % {
                "low": min(result.loads.values(), default=0),
                "high": max(result.loads.values(), default=0),
            },
        )
    return redirect("award_rounds:manage", pk)


@require_POST
def round_swap(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    row = get_object_or_404(Assignment, pk=assignment_pk, round=round_)
    juror = Juror.objects.filter(
        award=round_.award, pk=request.POST.get("juror") or 0
    ).first()
    if juror is None:
        messages.error(request, _("Choose a juror."))
        return redirect("award_rounds:manage", pk)
    try:
        assigning.assignment_swap(assignment=row, juror=juror, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The juror is swapped."))
    return redirect("award_rounds:manage", pk)


@require_POST
def round_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    form = ConflictAddForm(request.POST, award=round_.award)
    if not form.is_valid():
        messages.error(
            request, _("Choose a juror, give an entry reference and a reason.")
        )
        return redirect("award_rounds:manage", pk)
    entry = Entry.objects.filter(
        category__award=round_.award, reference=form.cleaned_data["reference"].strip()
    ).first()
    if entry is None:
        messages.error(request, _("No entry of this award has that reference."))
        return redirect("award_rounds:manage", pk)
    try:
        conflicts.conflict_declare(
            juror=form.cleaned_data["juror"],
            entry=entry,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The conflict is recorded."))
    return redirect("award_rounds:manage", pk)


@require_POST
def juror_invite(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    form = InviteForm(request.POST, award=round_.award)
    if not form.is_valid():
        messages.error(request, _("Give a valid email address."))
        return redirect("award_rounds:manage", pk)
    try:
        membership.juror_invite(
            award=round_.award,
            email=form.cleaned_data["email"],
            categories=list(form.cleaned_data["categories"]),
            actor=request.user,
            language=request.LANGUAGE_CODE,
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The invitation is on its way."))
    return redirect("award_rounds:manage", pk)


@require_POST
def juror_remove(request: HttpRequest, pk: int, juror_pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    juror = get_object_or_404(Juror, pk=juror_pk, award=round_.award)
    membership.juror_remove(juror=juror, actor=request.user)
    messages.success(request, _("The juror is removed; their submitted sheets stay."))
    return redirect("award_rounds:manage", pk)


class ResultsView(WagtailAdminTemplateMixin, TemplateView):
    """Ranking per category with raw and normalised scores, and each juror's
    score distribution as a chart with a table alternative."""

    template_name = "awards/admin/round_results.html"
    header_icon = "order"

    def get_page_title(self):
        return _("Results: %(round)s") % {"round": self.round}

    def dispatch(self, request, *args, **kwargs):
        self.round = _round(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = round_results(round=self.round)
        low, high = 0, 10
        bins = sorted({b for s in results.jurors for b in s.bins}) or [0]
        low, high = min(bins[0], low), max(bins[-1], high)
        peak = max((n for s in results.jurors for n in s.bins.values()), default=1)
        chart = []
        for s in results.jurors:
            bars = []
            for n, b in enumerate(range(low, high + 1)):
                count = s.bins.get(b, 0)
                height = round(36 * count / peak, 1)
                bars.append(
                    {
                        "bin": b,
                        "count": count,
                        "x": n * 100 + 5,
                        "y": 40 - height,
                        "height": height,
                    }
                )
            chart.append(
                {"stats": s, "bars": bars, "mean_x": round((s.mean - low + 0.5) * 100)}
            )
        context.update(
            round=self.round,
            results=results,
            chart=chart,
            scale=list(range(low, high + 1)),
            chart_width=(high + 1 - low) * 100,
            prize_kinds=PrizeKind.choices,
        )
        return context


def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round_ = _round(request, pk)
    blind_safe = request.GET.get("blind") == "1"
    header, rows = export.score_matrix(round=round_, blind_safe=blind_safe)
    name = f"round-{round_.pk}-scores{'-blind' if blind_safe else ''}"
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(header, rows),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(export.as_csv(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_POST
def round_shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the top N of each category (by normalised score), or the ticked
    entries, on to the next round."""
    round_ = _round(request, pk)
    picked = [int(p) for p in request.POST.getlist("entry") if p.isdigit()]
    if not picked:
        try:
            top = int(request.POST.get("top") or 0)
        except ValueError:
            top = 0
        if top < 1:
            messages.error(request, _("Give how many per category, or tick entries."))
            return redirect("award_rounds:results", pk)
        results = round_results(round=round_, with_bins=False)
        picked = [r.entry_id for r in results.entries if r.rank <= top]
    entries = list(Entry.objects.filter(pk__in=picked))
    try:
        moved = rounds.round_shortlist(
            round=round_, actor=request.user, entries=entries
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("%(n)s entries move on.") % {"n": len(moved)})
    return redirect("award_rounds:results", pk)


@require_POST
def round_prize(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    entry = Entry.objects.filter(pk=request.POST.get("entry") or 0).first()
    if entry is None:
        messages.error(request, _("Choose an entry."))
        return redirect("award_rounds:results", pk)
    try:
        rounds.prize_award(
            round=round_,
            entry=entry,
            kind=request.POST.get("kind", ""),
            citation=request.POST.get("citation", ""),
            actor=request.user,
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The prize is recorded."))
    return redirect("award_rounds:results", pk)


class FeedbackView(WagtailAdminTemplateMixin, TemplateView):
    """The round's feedback to entrants, piece by piece: the juror's words, the text
    entrants will read, and whether it is withheld. Observers read; organisers edit."""

    template_name = "awards/admin/round_feedback.html"
    header_icon = "comment"

    def get_page_title(self):
        return _("Feedback to entrants: %(round)s") % {"round": self.round}

    def dispatch(self, request, *args, **kwargs):
        self.round = _round(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            round=self.round,
            sheets=feedback.sheets_with_feedback(round=self.round),
            can_change=can_organise_award(self.request.user, self.round.award_id),
        )
        return context


@require_POST
def feedback_review(request: HttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related("assignment__round"),
        pk=sheet_pk,
        assignment__round=round_,
    )
    try:
        feedback.feedback_review(
            sheet=sheet,
            actor=request.user,
            text=request.POST.get("text", ""),
            withheld=request.POST.get("withheld") == "on",
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Feedback on %(entry)s is saved.")
            % {"entry": sheet.assignment.entry.reference or sheet.assignment.entry_id},
        )
    return redirect(
        f"{reverse('award_rounds:feedback', args=[round_.pk])}#sheet-{sheet.pk}"
    )
