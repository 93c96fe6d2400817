"""Organisers' jury screens in the Wagtail admin (routed in awards/wagtail_hooks):
a round's management page, its results and exports, and juror invitations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from accounts.flash import flash_errors
from awards.admin_views._base import TitledAdminMixin
from awards.jury import selectors, services
from awards.jury.enums import PrizeKind
from awards.jury.forms import ConflictAddForm, InviteForm, ReasonForm
from awards.jury.models import Assignment, Juror, Round, ScoreSheet
from awards.models import Entry
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


class RoundTemplateView(TitledAdminMixin, TemplateView):
    """An admin page of one round, loaded as `_round` allows (`self.round`); its
    breadcrumbs lead through the rounds and, below the round's own page, the round."""

    def dispatch(self, request, *args, **kwargs):
        self.round = _round(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_parent_breadcrumbs(self) -> list[dict]:
        parents = [
            {
                "url": reverse("award_rounds:index"),
                "label": capfirst(Round._meta.verbose_name_plural),
            }
        ]
        if not isinstance(self, RoundManageView):
            parents.append(
                {
                    "url": reverse("award_rounds:manage", args=[self.round.pk]),
                    "label": str(self.round),
                }
            )
        return parents


class RoundManageView(RoundTemplateView):
    """State, assignment, swaps, conflicts and jury of one round."""

    template_name = "awards/admin/round_manage.html"
    header_icon = "group"

    def get_page_title(self):
        return str(self.round)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        award = self.round.award
        jurors = selectors.jurors_with_load(round=self.round)
        context.update(
            round=self.round,
            jurors=jurors,
            active_jurors=[j for j in jurors if j.is_active],
            entries=selectors.entries_for_round(self.round).count(),
            assignments=selectors.round_assignments(round=self.round),
            reason_form=ReasonForm(),
            conflict_form=ConflictAddForm(award=award),
            invite_form=InviteForm(award=award),
            calibration_spreads=selectors.calibration_spreads(round=self.round),
            calibration_progress=selectors.calibration_progress(round=self.round),
        )
        return context


@require_POST
def round_state(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        if action == "open":
            services.round_open(
                round=round_,
                actor=request.user,
                anyway=request.POST.get("anyway") == "on",
            )
        elif action == "close":
            services.round_close(round=round_, actor=request.user)
        elif action == "reopen":
            form = ReasonForm(request.POST)
            reason = form.data.get("reason", "")
            services.round_reopen(round=round_, actor=request.user, reason=reason)
        elif action == "decide":
            services.round_decide(round=round_, actor=request.user)
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
        result = services.assignment_run(round=round_, actor=request.user, seed=seed)
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
        services.assignment_swap(assignment=row, juror=juror, actor=request.user)
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
        services.conflict_declare(
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
        services.juror_invite(
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
    services.juror_remove(juror=juror, actor=request.user)
    messages.success(request, _("The juror is removed; their submitted sheets stay."))
    return redirect("award_rounds:manage", pk)


class ResultsView(RoundTemplateView):
    """Ranking per category with raw and normalised scores, and each juror's
    score distribution as a chart with a table alternative."""

    template_name = "awards/admin/round_results.html"
    header_icon = "order"

    def get_page_title(self):
        return _("Results: %(round)s") % {"round": self.round}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = selectors.round_results(round=self.round)
        chart = selectors.distribution_chart(results)
        checks = selectors.round_constraint_checks(round=self.round)
        context.update(
            constraint_checks=checks,
            constraints_broken=sum(not check.all_hold for check in checks),
            round=self.round,
            results=results,
            chart=chart.bars,
            scale=chart.scale,
            chart_width=chart.width,
            prize_kinds=PrizeKind.choices,
        )
        return context


def table_download(
    header: list[str], rows: list[list], *, name: str, fmt: str, title: str = "scores"
) -> HttpResponse:
    """A table as an attachment `name`.xlsx (`fmt` "xlsx", its sheet `title`) or
    `name`.csv (any other `fmt`)."""
    if fmt == "xlsx":
        response = HttpResponse(
            selectors.as_xlsx(header, rows, title=title),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
    else:
        response = HttpResponse(selectors.as_csv(header, rows), content_type="text/csv")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round_ = _round(request, pk)
    blind_safe = request.GET.get("blind") == "1"
    header, rows = selectors.score_matrix(round=round_, blind_safe=blind_safe)
    name = f"round-{round_.pk}-scores{'-blind' if blind_safe else ''}"
    return table_download(header, rows, name=name, fmt=fmt)


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
        results = selectors.round_results(round=round_, with_bins=False)
        picked = [r.entry_id for r in results.entries if r.rank <= top]
    entries = list(Entry.objects.filter(pk__in=picked))
    try:
        moved = services.round_shortlist(
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
        services.prize_award(
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


class FeedbackView(RoundTemplateView):
    """The round's feedback to entrants, piece by piece: the juror's words, the text
    entrants will read, and whether it is withheld. Observers read; organisers edit."""

    template_name = "awards/admin/round_feedback.html"
    header_icon = "comment"

    def get_page_title(self):
        return _("Feedback to entrants: %(round)s") % {"round": self.round}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            round=self.round,
            sheets=selectors.sheets_with_feedback(round=self.round),
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
        services.feedback_review(
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
