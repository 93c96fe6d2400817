"""Jurors' deliberation in a final round: an entry's thread, the vote on its
provisional rank, and the chair's decision. Who may see and write is the
selectors' and services' (404 for anyone not on the entry's jury)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.flash import flash_errors
from awards.jury import selectors, services
from awards.jury.forms import DecisionForm, DeliberationPostForm
from awards.jury.views import mfa_required


def _back(round_pk: int, entry_pk: int) -> HttpResponse:
    return redirect("awards:jury_deliberation", round_pk, entry_pk)


@mfa_required
def deliberation(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """The thread of an entry (GET), or a new message in it (POST)."""
    seat = selectors.deliberation_seat(
        user=request.user, round_id=round_pk, entry_id=entry_pk
    )
    form = DeliberationPostForm(request.POST or None)
    if request.method == "POST":
        try:
            services.deliberation_post(
                round=seat.round,
                entry=seat.entry,
                actor=request.user,
                body=request.POST.get("body", ""),
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Your message is posted."))
            return _back(round_pk, entry_pk)
    round_ = seat.round
    return render(
        request,
        "awards/jury/deliberation.html",
        {
            "assignment": seat,
            "round": round_,
            "entry": seat.entry,
            "is_blind": round_.is_blind,
            "co_authors": [] if round_.is_blind else list(seat.entry.co_authors.all()),
            "thread": selectors.thread_for_juror(assignment=seat, user=request.user),
            "form": form,
            "decision_form": DecisionForm(),
        },
    )


@mfa_required
@require_POST
def deliberation_vote(
    request: HttpRequest, round_pk: int, entry_pk: int
) -> HttpResponse:
    seat = selectors.deliberation_seat(
        user=request.user, round_id=round_pk, entry_id=entry_pk
    )
    choice = request.POST.get("agrees")
    if choice not in ("yes", "no"):
        messages.error(request, _("Choose agree or disagree."))
        return _back(round_pk, entry_pk)
    try:
        _vote, changed = services.deliberation_vote(
            round=seat.round,
            entry=seat.entry,
            actor=request.user,
            agrees=choice == "yes",
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Your vote is recorded.") if changed else _("Your vote is unchanged."),
        )
    return _back(round_pk, entry_pk)


@mfa_required
@require_POST
def deliberation_decide(
    request: HttpRequest, round_pk: int, entry_pk: int
) -> HttpResponse:
    seat = selectors.deliberation_seat(
        user=request.user, round_id=round_pk, entry_id=entry_pk
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back(round_pk, entry_pk)
    try:
        services.deliberation_decide(
            round=seat.round,
            entry=seat.entry,
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
            final_rank=form.cleaned_data["final_rank"],
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The decision is recorded; the thread is closed."))
    return _back(round_pk, entry_pk)
