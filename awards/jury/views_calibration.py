"""Jurors' calibration pages: a round's calibration set and the sheet of each
item, with the anonymous comparison with the panel once submitted.

Who sees what is the selectors' (selectors/calibration.py: 404 for anyone not
scoring the item); when sheets may change is the service's.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.flash import flash_errors
from awards import clock
from awards.jury import selectors, services
from awards.jury.forms import RubricScoresForm
from awards.jury.views import mfa_required, serve_attachment


@mfa_required
def calibration(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's calibration set as this juror scores it, with their progress
    and their mean difference from the panel."""
    round_, juror, items = selectors.calibration_seat(user=request.user, round_id=pk)
    rows, offset = selectors.calibration_overview(
        round=round_, juror=juror, items=items
    )
    return render(
        request,
        "awards/jury/calibration.html",
        {
            "round": round_,
            "rows": rows,
            "done": sum(1 for row in rows if row.sheet and row.sheet.is_submitted),
            "offset": offset,
            "abs_offset": abs(offset) if offset is not None else None,
            "is_open": selectors.is_calibration_open(round_, clock.now()),
            "min_others": selectors.MIN_OTHERS,
        },
    )


def _form_errors(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@mfa_required
def calibration_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """One calibration item: the entry (blind as the round is), its sheet, and
    once submitted the comparison with the other jurors."""
    round_, juror, item = selectors.calibration_item_for_juror(
        user=request.user, round_id=pk, entry_id=entry_pk
    )
    entry = item.entry
    criteria = selectors.rubric_for(entry.category)
    here = reverse("awards:jury_calibration_entry", args=[pk, entry_pk])
    sheet = selectors.calibration_sheets(round=round_, juror=juror).get(entry.pk)
    is_open = selectors.is_calibration_open(round_, clock.now())
    can_edit = is_open and not (sheet and sheet.is_submitted)
    if request.method == "POST":
        form = RubricScoresForm(request.POST, criteria=criteria)
        if not can_edit:
            messages.error(request, _("This calibration sheet can no longer change."))
            return redirect(here)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.calibration_sheet_save(
                    round=round_,
                    entry=entry,
                    actor=request.user,
                    scores=form.scores(),
                    submit=submit,
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    flash_errors(request, error)
                    return redirect(here)
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your calibration scores are submitted. Thank you.")
                    if submit
                    else _("Your draft is saved."),
                )
                return redirect(here)
    else:
        form = RubricScoresForm(
            initial={
                f"c{k}": selectors.plain(v)
                for k, v in selectors.calibration_sheet_scores(sheet).items()
            },
            criteria=criteria,
        )
    files = list(entry.files.all())
    return render(
        request,
        "awards/jury/calibration_entry.html",
        {
            "round": round_,
            "entry": entry,
            "is_blind": round_.is_blind,
            "co_authors": [] if round_.is_blind else list(entry.co_authors.all()),
            "files": [
                (n, f, selectors.neutral_name(f, n) if round_.is_blind else f.name)
                for n, f in enumerate(files, start=1)
            ],
            "form": form,
            "sheet": sheet,
            "can_edit": can_edit,
            "is_open": is_open,
            "comparison": selectors.calibration_comparison(
                sheet=sheet, category=entry.category
            )
            if sheet
            else None,
            "min_others": selectors.MIN_OTHERS,
            "min_spread": selectors.MIN_SPREAD,
        },
    )


@mfa_required
def calibration_attachment(
    request: HttpRequest, pk: int, entry_pk: int, number: int
) -> HttpResponse:
    """An attachment of a calibration entry, through the same blind path as an
    assigned entry's."""
    round_, _juror, item = selectors.calibration_item_for_juror(
        user=request.user, round_id=pk, entry_id=entry_pk
    )
    return serve_attachment(
        request,
        list(item.entry.files.all()),
        number,
        is_blind=round_.is_blind,
        back=reverse("awards:jury_calibration_entry", args=[pk, entry_pk]),
    )
