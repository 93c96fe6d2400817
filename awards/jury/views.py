"""Jurors' pages: dashboard, entry and score sheet, conflicts, attachments, and
accepting an invitation."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.flash import flash_errors
from accounts.selectors import has_mfa
from awards import clock
from awards.jury import selectors, services
from awards.jury.blind_media import CannotClean
from awards.jury.enums import BidChoice
from awards.jury.forms import ConflictForm, RelationForm, ScoreSheetForm
from awards.jury.permissions import can_score
from awards.selectors.localized import localized

PER_PAGE = 50
BIDS_PER_PAGE = 200


def mfa_required(view):
    """Jurors work with two-factor authentication on, or not at all."""

    @functools.wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_mfa(request.user):
            return render(request, "awards/jury/mfa_required.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@mfa_required
def dashboard(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        selectors.assignments_for_juror(user=request.user), PER_PAGE
    ).get_page(request.GET.get("page"))
    now = clock.now()
    return render(
        request,
        "awards/jury/dashboard.html",
        {
            "rounds": selectors.rounds_for_juror(user=request.user),
            "bidding": selectors.rounds_taking_bids(user=request.user),
            "calibrating": selectors.rounds_calibrating(user=request.user, now=now),
            "page": page,
            "now": now,
            "relation_form": RelationForm(),
        },
    )


@mfa_required
@require_POST
def relation(request: HttpRequest) -> HttpResponse:
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid email address."))
        return redirect("awards:jury_dashboard")
    try:
        services.relation_declare(user=request.user, email=form.cleaned_data["email"])
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("Recorded: you will not be given this person's entries.")
        )
    return redirect("awards:jury_dashboard")


def _files(assignment):
    return list(assignment.entry.files.all())


@mfa_required
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_for_juror(user=request.user, pk=pk)
    round_ = assignment.round
    criteria = selectors.rubric_for(assignment.entry.category)
    sheet = selectors.sheet_of(assignment)
    now = clock.now()
    is_open = round_.is_scoring_open(now)
    can_edit = can_score(request.user, assignment, sheet=sheet, now=now)
    if request.method == "POST":
        if not can_edit:
            messages.error(request, _("This sheet can no longer change."))
            return redirect("awards:jury_entry", pk=pk)
        form = ScoreSheetForm(request.POST, criteria=criteria)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.sheet_save(
                    assignment=assignment,
                    actor=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    feedback=form.cleaned_data["feedback"],
                    submit=submit,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        for message in errors:
                            form.add_error(
                                field if field in form.fields else None, message
                            )
                else:
                    flash_errors(request, error)
                    return redirect("awards:jury_entry", pk=pk)
            else:
                messages.success(
                    request,
                    _("Your scores are submitted. Thank you.")
                    if submit
                    else _("Your draft is saved."),
                )
                if submit:
                    return redirect("awards:jury_dashboard")
                return redirect("awards:jury_entry", pk=pk)
    else:
        initial = {
            f"c{k}": selectors.plain(v)
            for k, v in selectors.sheet_scores(sheet).items()
        }
        if sheet:
            initial.update(comment=sheet.comment, feedback=sheet.feedback)
        form = ScoreSheetForm(initial=initial, criteria=criteria)
    files = _files(assignment)
    return render(
        request,
        "awards/jury/entry.html",
        {
            "assignment": assignment,
            "entry": assignment.entry,
            "round": round_,
            "is_blind": round_.is_blind,
            "co_authors": []
            if round_.is_blind
            else list(assignment.entry.co_authors.all()),
            "files": [
                (n, f, selectors.neutral_name(f, n) if round_.is_blind else f.name)
                for n, f in enumerate(files, start=1)
            ],
            "form": form,
            "sheet": sheet,
            "can_edit": can_edit,
            "is_open": is_open,
            "others": selectors.others_scores(assignment=assignment),
            "conflict_form": ConflictForm(),
        },
    )


@mfa_required
@require_POST
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_for_juror(user=request.user, pk=pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say briefly why you cannot judge this entry."))
        return redirect("awards:jury_entry", pk=pk)
    try:
        services.conflict_declare(
            juror=assignment.juror,
            entry=assignment.entry,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("awards:jury_entry", pk=pk)
    messages.success(
        request,
        _("Thank you: the conflict is recorded and the entry has left your list."),
    )
    return redirect("awards:jury_dashboard")


def serve_attachment(
    request: HttpRequest, files: list, number: int, *, is_blind: bool, back: str
) -> HttpResponse:
    """Attachment `number` of `files`; in a blind round a cleaned copy under a
    neutral name, or back to `back` with a message if it cannot be cleaned.
    Score sheets and calibration sheets serve files through here alone."""
    if not 1 <= number <= len(files):
        raise Http404
    item = files[number - 1]
    if is_blind:
        try:
            handle = selectors.blind_copy(attachment=item)
        except CannotClean as error:
            messages.error(request, error.message)
            return redirect(back)
        name = selectors.neutral_name(item, number)
    else:
        handle = item.file.storage.open(item.file.name, "rb")
        name = item.name
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@mfa_required
def attachment(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An attachment of an assigned entry, by its position (serve_attachment)."""
    assignment = selectors.assignment_for_juror(user=request.user, pk=pk)
    return serve_attachment(
        request,
        _files(assignment),
        number,
        is_blind=assignment.round.is_blind,
        back=reverse("awards:jury_entry", args=[pk]),
    )


@login_required
def accept(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            juror = services.juror_accept(token=token, user=request.user)
        except PermissionDenied:
            messages.error(
                request,
                _("This invitation was sent to another address. Sign in with it."),
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request,
                _("Welcome to the jury of %(award)s.")
                % {"award": localized(juror.award, "title").text},
            )
            return redirect("awards:jury_dashboard")
    return render(
        request,
        "awards/jury/accept.html",
        {"has_mfa": has_mfa(request.user)},
    )


@mfa_required
def bids(request: HttpRequest, pk: int) -> HttpResponse:
    """A juror's bids on the titles of a round that is not blind: eager, willing
    or rather not, for each entry; 404 for anyone who may not bid on it."""
    seat = selectors.bidding_seat(user=request.user, round_id=pk)
    if seat is None:
        raise Http404
    round_, juror = seat
    if request.method == "POST":
        choices = {
            int(name.removeprefix("bid-")): value
            for name, value in request.POST.items()
            if name.startswith("bid-") and name.removeprefix("bid-").isdigit()
        }
        try:
            changed = services.bids_record(
                round=round_, actor=request.user, choices=choices
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, _("Your bids are saved (%(n)s changed).") % {"n": changed}
            )
        page = request.GET.get("page")
        url = reverse("awards:jury_bids", args=[pk])
        return redirect(f"{url}?page={page}" if page and page.isdigit() else url)
    # A page of entries at a time keeps a form's fields under Django's limit.
    page = Paginator(
        selectors.bids_for_juror(round=round_, juror=juror), BIDS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/jury/bids.html",
        {"round": round_, "page": page, "choices": BidChoice.choices},
    )


@mfa_required
def expertise(request: HttpRequest) -> HttpResponse:
    """The categories a juror knows well, per jury they sit on."""
    seats = selectors.expertise_seats(user=request.user)
    if request.method == "POST":
        for juror, categories, _chosen in seats:
            picked = set(request.POST.getlist(f"expertise-{juror.pk}"))
            try:
                services.expertise_record(
                    juror=juror,
                    actor=request.user,
                    categories=[c for c in categories if str(c.pk) in picked],
                )
            except ValidationError as error:
                flash_errors(request, error)
        messages.success(request, _("Your expertise is saved."))
        return redirect("awards:jury_expertise")
    return render(request, "awards/jury/expertise.html", {"seats": seats})
